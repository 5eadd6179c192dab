"""MkDocs hooks: only what no generated file can carry. Everything else (the condition pages, the
navigation, front matter, the glossary, the clinic's branding) is written as files by the generate step
(macros/generate.py, `massage-site-generate`), so any builder that reads build/mkdocs.yml gets it.
Each hook calls one function and keeps nothing between calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.build import docs_gate
from macros.build.site_data import load_site_content
from macros.pages import glossary_focus, preview, search_terms, template_cache


@event_priority(-100)  # after the macros plugin made its template environment
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Pages are rendered in Jinja's sandbox: no page can reach Python's internals through a template, even
    # one the gate (macros/docs_gate.py, run by the generate step) never saw. mkdocs-macros keeps its
    # environment in `_env` and offers no setting for a sandbox.
    macros: Any = config.plugins["macros"]  # mkdocs-macros' plugin, which MkDocs types as any plugin
    macros._env = docs_gate.sandboxed(macros.env)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The theme's templates compiled once for every build, not again for each.
    return template_cache.with_bytecode_cache(env)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A glossary word takes the keyboard focus and a tap, so the theme shows its explanation.
    return glossary_focus.focusable_glossary_words(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # While previewing, the data's mistakes over the last correct page (build/mkdocs.yml lists them).
    return preview.with_mistakes_shown(output, config.extra.get("data_mistakes") or [])


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    # The words patients type (also_called, search_terms) into the search index's keywords field.
    try:
        search_terms.write_keywords(Path(config.site_dir), load_site_content(config))
    except search_terms.SearchIndexProblem as problem:
        raise PluginError(str(problem)) from None
