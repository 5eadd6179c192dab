"""The data as the commands take it (`make check`, the build, the preview): loaded and checked
(checks/load.py, with each language's words), docs/ through the gate (docs_gate.py) and every link from
the data to a page of the site found on the rendered page (page_links.py). One list of every mistake, or
the content."""

from __future__ import annotations

from pathlib import Path

from ..checks.load import ContentError, load_content
from ..content import Content
from . import docs_gate, languages, page_links


def checked_content(data_dir: Path, *, all_pages: bool = False) -> Content:
    """The content of `data_dir`, or ContentError listing every mistake in the data and in docs/. With
    `all_pages` every page is rendered to find an id that is the anchor of two sections (`make check`; the
    build runs it first, the preview and the generate step leave it out to stay fast)."""
    gate = docs_gate.problems(data_dir.parent)
    try:
        content = load_content(data_dir)
    except ContentError as error:
        raise ContentError(error.problems + gate) from None
    if gate:
        raise ContentError(gate)  # a page the gate refuses is not rendered to look for links
    pages = languages.problems(data_dir.parent, content)  # each language's pages and navigation
    if pages:
        raise ContentError(pages)
    links = page_links.link_problems(data_dir, content, all_pages=all_pages)
    if links:
        raise ContentError(links)
    return content
