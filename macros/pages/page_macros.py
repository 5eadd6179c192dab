"""The functions the pages call as macros (`{{ care_card() }}`), each bound to the data: one list for the
MkDocs glue (macros/__init__.py) and for rendering a page the way the build does (page_links.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from ..content import Content
from . import footers, render, self_check_page

PAGE_MACROS = (
    render.care_card,
    render.warning_signs,
    render.condition_page,
    render.conditions_index,
    render.conditions_summary,
    render.massage_types_summary,
    render.massage_types_comparison,
    render.techniques_list,
    render.benefits_list,
    render.risk_factors_list,
    render.contraindications_by_kind,
    render.visit_duration,
    render.visit_preparation,
    render.visit_steps,
    render.visit_questions,
    render.clinic_contact,
    render.clinic_contact_line,
    render.disclaimer,
    render.no_advertising,
    render.sources_list,
    render.reviewers_list,
    render.review_groups,
    render.clinic_review_note,
    self_check_page.self_check_page,
    self_check_page.self_check_rules,
    self_check_page.self_check_safety,
    render.glossary_list,
    render.handout_duration,
    render.handout_preparation,
    render.handout_contraindications,
    render.handout_contact,
    render.handout_footer,
)


def page_macros(content: Content, page: str) -> dict[str, Callable[..., str]]:
    """Every macro a page can call, by name, bound to `content`; `page_footer` to the page `page`."""
    macros = {function.__name__: bound(function, content) for function in PAGE_MACROS}
    macros["page_footer"] = lambda: footers.page_footer(content, page)
    return macros


def bound(function: Callable[..., str], content: Content) -> Callable[..., str]:
    """The render function with the content bound. Not functools.partial: mkdocs-macros turns every macro
    into text for its debug log at each build, and a partial's text holds the repr of all the data, a cost
    in time and memory that grows with the data."""

    @wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        return function(content, *args, **kwargs)

    return macro
