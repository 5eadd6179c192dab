"""The small pieces every page's blocks are made of: links to the site's entries, lists, labelled lines,
the reference blocks the theme styles, dates in words. Every data value through markup.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..content import Content
from ..content.languages import Language
from . import registry
from .markup import filled, page_link, text


def condition_link(content: Content, condition_id: str) -> str:
    return page_link(content.conditions[condition_id].name, registry.condition_page_path(condition_id))


def technique_link(content: Content, technique_id: str) -> str:
    t = content.techniques[technique_id]
    return page_link(t.name, "techniques.md", t.id)


def massage_type_link(content: Content, type_id: str) -> str:
    return page_link(content.massage_types[type_id].name, "massage-types.md", type_id)


def contraindication_link(content: Content, ci_id: str) -> str:
    return page_link(content.contraindications[ci_id].name, "contraindications.md", ci_id)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def list_words(content: Content, items: list[str], last: str = "or") -> str:
    """'a', 'a or b', 'a, b or c' (items are markup already); last="and" joins with 'and'."""
    if len(items) < 2:
        return "".join(items)
    joiner = content.site_texts.and_ if last == "and" else content.site_texts.or_
    return ", ".join(items[:-1]) + f" {text(joiner)} " + items[-1]


def also_called(content: Content, names: list[str]) -> str:
    if not names:
        return ""
    return f"*{filled(content.site_texts.also_called, names=', '.join(text(n) for n in names))}*"


def lead_with_also_called(content: Content, lead: str, names: list[str]) -> str:
    """The entry's summary with its other names on the next line of the same paragraph, so a search result
    for one of those names shows the summary with it."""
    return f"{lead}<br>\n{also_called(content, names)}" if names else lead


def labelled(label: str, value: str) -> str:
    """'**Label:** value', the label a site text, the value markup already."""
    return f"**{text(label)}** {value}"


def blocks(*parts: str) -> str:
    """Join Markdown blocks with blank lines, leaving out empty ones."""
    return "\n\n".join(p.strip("\n") for p in parts if p and p.strip()) + "\n"


def reference_block(kind: str, markdown: str) -> str:
    """Reference material (citations, the review register, addresses) in a block marked as such: it is
    quoted as published, so the plain-language measure leaves it out."""
    return f'<div class="{kind}" markdown>\n\n{markdown}\n\n</div>\n'


def format_date(day: dt.date, language: Language | None = None) -> str:
    """'4 December 2026', or as the language writes a date ('4 декабря 2026 г.')."""
    return language.format_date(day) if language else f"{day.day} {day:%B %Y}"


SOURCES_PAGE = "sources.md"

# Material's search skips an element carrying this attribute: text repeated on many pages must not drown
# the answers in search results.
SEARCH_EXCLUDE = "data-search-exclude"


def search_excluded(block: str) -> str:
    """A Markdown block (paragraph, list) left out of the site search."""
    return f"{block}\n{{ {SEARCH_EXCLUDE} }}"
