"""MkDocs glue: the macros plugin calls define_env; everything else here knows nothing of MkDocs."""

from __future__ import annotations

from pathlib import Path

from . import render, structured_data
from .load import Content, ContentError, load_content
from .page_macros import PAGE_MACROS, bound

_loaded: dict[Path, tuple[tuple, Content]] = {}  # data folder -> (its files' sizes and times, content)


def data_dir(config) -> Path:
    """The data folder of the project a config belongs to: beside mkdocs.yml, or beside the folder of a
    generated config (build/mkdocs.yml names the project folder in extra.generated_from)."""
    config_file = config.get("config_file_path") or "mkdocs.yml"  # Zensical's macros run in its folder
    extra = config.get("extra") or {}
    return (Path(config_file).parent / extra.get("generated_from", ".")).resolve() / "data"


def _stamp(folder: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*.yml")))


def remember(folder: Path, content: Content) -> None:
    """Keep data the generate step just loaded in this process, for the build that follows it (the
    benchmark's build, the preview): read once, not twice. Any later change to a file reads it again."""
    _loaded[folder.resolve()] = (_stamp(folder.resolve()), content)


def load_site_content(config) -> Content:
    """The project's data, or a build failure that lists every mistake (never a traceback).

    The macros and the search hook both ask for it in one build; the data is read once unless a file
    changed. While the preview shows mistakes (extra.data_mistakes, written by the generate step), the
    last correct data is used, as the pages are."""
    from mkdocs.exceptions import PluginError

    folder = data_dir(config)
    stamp = _stamp(folder)
    if folder in _loaded and (
        _loaded[folder][0] == stamp or (config.get("extra") or {}).get("data_mistakes")
    ):
        return _loaded[folder][1]
    try:
        content = load_content(folder)
    except ContentError as error:
        raise PluginError(f"The data has {len(error.problems)} mistake(s):\n{error}") from None
    _loaded[folder] = (stamp, content)
    return content


def define_env(env) -> None:
    content = load_site_content(env.conf)
    env.variables["clinic"] = content.clinic
    for function in PAGE_MACROS:
        env.macro(bound(function, content), function.__name__)

    @env.macro
    def page_footer() -> str:
        """The page's sources and review line, from the page registry (macros/pages.py)."""
        return render.page_footer(content, page_source_path(env.page))


def page_source_path(page) -> str:
    """The page's source under docs/ ('visit.md'): MkDocs names it page.file.src_uri, Zensical page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else Path(page.path).as_posix().removeprefix("docs/")


def on_post_page_macros(env) -> None:
    """mkdocs-macros calls this after a page's macros ran: the page's structured data (JSON-LD) for the
    template (overrides/main.html), from the page registry."""
    page = env.page
    page.meta["structured_data"] = structured_data.for_page(
        load_site_content(env.conf), page_source_path(page), page.meta, getattr(page, "canonical_url", None)
    )
