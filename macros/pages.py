"""Which data each page shows, by the page's source path. Knows nothing of MkDocs.

The review line, the sitemap date and the structured data of a page all come from the entries listed
here, so a page never claims a review date that its content does not have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from . import model
from .content import Content

CONDITION_PREFIX = "conditions/"

_PAGES: dict[str, Callable[[Content], list[model.Reviewed]]] = {
    "index.md": lambda c: [*c.massage_types.values(), *c.risk_factors.values(), *c.red_flags.values()],
    "conditions/index.md": lambda c: list(c.conditions.values()),
    "massage-types.md": lambda c: list(c.massage_types.values()),
    "techniques.md": lambda c: list(c.techniques.values()),
    "benefits.md": lambda c: list(c.benefits.values()),
    "contraindications.md": lambda c: [*c.red_flags.values(), *c.contraindications.values()],
    "visit.md": lambda c: [c.visit],
    "handout.md": lambda c: [c.visit, c.clinic, *c.contraindications.values()],
    "glossary.md": lambda c: list(c.glossary.values()),
    "about.md": lambda c: [c.clinic],
    "sources.md": lambda c: [c.clinic],
    "self-check.md": lambda c: [
        c.self_check,
        *c.red_flags.values(),
        *c.contraindications.values(),
        c.hazard_log,
    ],
}


def page_url(src_uri: str) -> str:
    """The address of a page from its source, as MkDocs writes it with use_directory_urls:
    'index.md' -> '', 'about.md' -> 'about/', 'conditions/index.md' -> 'conditions/'."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def condition_id(src_uri: str) -> str | None:
    """'conditions/radiculitis.md' -> 'radiculitis'; None for any other page."""
    if src_uri.startswith(CONDITION_PREFIX) and src_uri.count("/") == 1 and src_uri != "conditions/index.md":
        return src_uri.removeprefix(CONDITION_PREFIX).removesuffix(".md")
    return None


def entries_on_page(content: Content, src_uri: str) -> list[model.Reviewed]:
    """The entries whose text a page shows; the clinic's own entry for pages not listed here."""
    cid = condition_id(src_uri)
    if cid is not None and cid in content.conditions:
        return [content.conditions[cid]]
    return _PAGES.get(src_uri, lambda c: [c.clinic])(content)


def last_reviewed(content: Content, src_uri: str) -> dt.date:
    return max(e.last_reviewed for e in entries_on_page(content, src_uri))


def next_review(content: Content, src_uri: str) -> dt.date:
    return min(e.next_review for e in entries_on_page(content, src_uri))


def overdue_reviews(content: Content, today: dt.date) -> list[str]:
    """'collection id: next review was due YYYY-MM-DD' for every entry whose review date has passed."""
    return [
        f"{collection} {getattr(entry, 'id', collection)}: next review was due {entry.next_review:%Y-%m-%d}"
        for collection, entry in content.reviewed_entries()
        if entry.next_review < today
    ]
