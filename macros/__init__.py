"""The whole engine of the site: the data (content/), its checks (checks/), how it is said as pages
(pages/) and the commands that build, publish and preview it (build/); ARCHITECTURE.md maps them.

This file is only the macros plugin's contract: mkdocs-macros calls define_env, and on_post_page_macros
after each page; hooks.py is the rest of the MkDocs glue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .build.site_data import load_site_content, refuse_the_base_config
from .pages import footers, structured_data
from .pages.page_macros import PAGE_MACROS, bound

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:
    refuse_the_base_config(env.conf)
    content = load_site_content(env.conf)
    env.variables["clinic"] = content.clinic
    for function in PAGE_MACROS:
        env.macro(bound(function, content), function.__name__)

    def page_footer() -> str:
        """The page's sources and review line, from the page registry (pages/registry.py)."""
        return footers.page_footer(content, page_source_path(env.page))

    env.macro(page_footer)


def page_source_path(page: Page) -> str:
    """The page's source under docs/ ('visit.md'): MkDocs names it page.file.src_uri, Zensical page.path."""
    file = getattr(page, "file", None)
    return (
        file.src_uri if file is not None else Path(getattr(page, "path", "")).as_posix().removeprefix("docs/")
    )


def on_post_page_macros(env: MacrosPlugin) -> None:
    """mkdocs-macros calls this after a page's macros ran: the page's structured data (JSON-LD) for the
    template (overrides/main.html), from the page registry."""
    page = env.page
    page.meta["structured_data"] = structured_data.for_page(
        load_site_content(env.conf), page_source_path(page), page.meta, getattr(page, "canonical_url", None)
    )
