"""MkDocs glue: the macros plugin calls define_env; everything else here knows nothing of MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path

from . import preview, render
from .load import Content, ContentError, load_content
from .page_macros import PAGE_MACROS, bound

# Not under "mkdocs": in strict mode a warning there would abort the preview's build.
_log = logging.getLogger("back_massage.preview")
_loaded: dict[Path, tuple[tuple, Content]] = {}  # data folder -> (its files' sizes and times, content)


def load_site_content(config_file_path: str) -> Content:
    """The data beside mkdocs.yml, or a build failure that lists every mistake (never a traceback).

    The hooks and the macros both ask for it in one build; the data is read once unless a file changed
    (so `mkdocs serve` still picks up every edit)."""
    from mkdocs.exceptions import PluginError

    data_dir = Path(config_file_path).parent / "data"
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*.yml")))
    if data_dir in _loaded and _loaded[data_dir][0] == stamp:
        return _loaded[data_dir][1]
    try:
        content = load_content(data_dir)
    except ContentError as error:
        if preview.is_previewing() and data_dir in _loaded:
            # `mkdocs serve`: keep the last correct pages and show the mistake on them (and in the terminal).
            preview.show([str(p) for p in error.problems])
            for problem in error.problems:
                _log.warning("WARNING -  %s", problem)
            return _loaded[data_dir][1]
        raise PluginError(f"The data has {len(error.problems)} mistake(s):\n{error}") from None
    preview.show([])
    _loaded[data_dir] = (stamp, content)
    return content


def define_env(env) -> None:
    content = load_site_content(env.conf["config_file_path"])
    env.variables["clinic"] = content.clinic
    for function in PAGE_MACROS:
        env.macro(bound(function, content), function.__name__)

    @env.macro
    def page_footer() -> str:
        """The page's sources and review line, from the page registry (macros/pages.py)."""
        return render.page_footer(content, env.page.file.src_uri)
