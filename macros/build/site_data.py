"""The project's data as the build reads it: loaded once per build and kept in this process (the macros
plugin, the structured data of each page and the search hook all ask for it), read again only when a file
changed. A mistake is a build failure listing every mistake, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checks.load import Content, ContentError, load_content
from ..content.languages import LOCALES

Stamp = tuple[tuple[str, int, int], ...]  # each data file's path, time and size
_loaded: dict[Path, tuple[Stamp, Content]] = {}  # data folder -> (its files' sizes and times, content)


def data_dir(config: Any) -> Path:
    """The data folder of the project a config belongs to: beside mkdocs.yml, or beside the folder of a
    generated config (build/mkdocs.yml names the project folder in extra.generated_from)."""
    config_file = config.get("config_file_path") or "mkdocs.yml"  # Zensical's macros run in its folder
    extra = config.get("extra") or {}
    return (Path(config_file).parent / str(extra.get("generated_from", "."))).resolve() / "data"


def _stamp(folder: Path) -> Stamp:
    """Each data and translation file's path, time and size."""
    files = [*folder.rglob("*.yml"), *(folder.parent / LOCALES).glob("*/*.yml")]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(files))


def remember(folder: Path, content: Content) -> None:
    """Keep data the generate step just loaded in this process, for the build that follows it (the
    benchmark's build, the preview): read once, not twice. Any later change to a file reads it again."""
    _loaded[folder.resolve()] = (_stamp(folder.resolve()), content)


def refuse_the_base_config(config: Any) -> None:
    """`mkdocs build` or `mkdocs serve` run on the project's own mkdocs.yml: stop before MkDocs touches
    site/, in one line that names the commands (the base config lacks what the generate step adds)."""
    from mkdocs.exceptions import PluginError

    if "generated_from" not in (config.get("extra") or {}):
        raise PluginError(
            "This mkdocs.yml is the base the site is generated from, not a site of its own; site/ was left "
            "as it was. Build with `make build`, preview with `make serve` (or, by hand: "
            "massage-site-generate, then mkdocs build -f build/mkdocs.yml)."
        )


def load_site_content(config: Any) -> Content:
    """The project's data, or a build failure that lists every mistake (never a traceback).

    The macros and the search hook both ask for it in one build; the data is read once unless a file
    changed. While the preview shows mistakes (extra.data_mistakes, written by the generate step), the
    last correct data is used, as the pages are."""
    from mkdocs.exceptions import PluginError

    folder = data_dir(config)
    stamp = _stamp(folder)
    extra = config.get("extra") or {}
    if folder in _loaded and (_loaded[folder][0] == stamp or extra.get("data_mistakes")):
        content = _loaded[folder][1]
    else:
        try:
            content = load_content(folder)
        except ContentError as error:
            raise PluginError(f"The data has {len(error.problems)} mistake(s):\n{error}") from None
        _loaded[folder] = (stamp, content)
    # A language's site (build/<code>/mkdocs.yml) gets the content with that language's words.
    language = extra.get("language")
    return content.translations[language] if language else content
