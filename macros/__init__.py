"""MkDocs glue: the macros plugin calls define_env; everything else here knows nothing of MkDocs."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from . import render, self_check_page
from .load import Content, ContentError, load_content

PAGE_MACROS = (
    render.home_overview,
    render.care_card,
    render.condition_page,
    render.conditions_index,
    render.massage_types_comparison,
    render.techniques_list,
    render.benefits_list,
    render.risk_factors_list,
    render.contraindications_by_kind,
    render.visit_page,
    render.clinic_contact,
    render.disclaimer,
    render.no_advertising,
    render.sources_list,
    render.reviewers_list,
    render.review_table,
    render.clinic_review_note,
    self_check_page.self_check_page,
    render.glossary_list,
    render.visit_handout,
)


def load_site_content(config_file_path: str) -> Content:
    """The data beside mkdocs.yml, or a build failure that lists every mistake (never a traceback)."""
    from mkdocs.exceptions import PluginError

    try:
        return load_content(Path(config_file_path).parent / "data")
    except ContentError as error:
        raise PluginError(f"The data has {len(error.problems)} mistake(s):\n{error}") from None


def define_env(env) -> None:
    content = load_site_content(env.conf["config_file_path"])
    env.variables["clinic"] = content.clinic
    for function in PAGE_MACROS:
        env.macro(partial(function, content), function.__name__)
