"""The page registry: for each page, by its source path, the entries it shows and what it is about
(schema.org). Knows nothing of MkDocs.

The footers (sources and review line), the sitemap date, the structured data and the condition pages
of the navigation all read it, so a page never claims a review date its content does not have, and a
page's list of entries is written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..content import Content, model

CONDITION_PREFIX = "conditions/"
# What a page is about, for its structured data: the massage types with their contraindications (the pages
# that list them), the massage types named and described ("treatments": the contraindications, every one
# of them, would be most of each page's weight), the clinic, the page's own condition, or nothing.
About = Literal["therapies", "treatments", "clinic", "condition", ""]


@dataclass(frozen=True)
class Page:
    path: str  # the page's source under docs/ ("visit.md"), or a condition's generated page
    entries: Callable[[Content], list[model.Reviewed]]  # the entries whose text it shows
    about: About = ""


REGISTRY: tuple[Page, ...] = (
    Page(
        "index.md",
        lambda c: [*c.massage_types.values(), *c.risk_factors.values(), *c.red_flags.values()],
        "treatments",
    ),
    Page("conditions/index.md", lambda c: list(c.conditions.values())),
    Page("massage-types.md", lambda c: list(c.massage_types.values()), "therapies"),
    Page("techniques.md", lambda c: list(c.techniques.values()), "treatments"),
    Page("benefits.md", lambda c: list(c.benefits.values()), "treatments"),
    Page(
        "contraindications.md", lambda c: [*c.red_flags.values(), *c.contraindications.values()], "therapies"
    ),
    Page("visit.md", lambda c: [c.visit], "treatments"),
    Page("handout.md", lambda c: [c.visit, c.clinic, *c.contraindications.values()], "treatments"),
    Page("glossary.md", lambda c: list(c.glossary.values())),
    Page("about.md", lambda c: [c.clinic], "clinic"),
    Page("sources.md", lambda c: [c.clinic]),
    # About nothing more than its name says: the heaviest page (every question and result in words) and
    # the one a patient in trouble opens, it carries no list of therapies a search engine finds elsewhere.
    Page(
        "self-check.md",
        lambda c: [c.self_check, *c.red_flags.values(), *c.contraindications.values(), c.hazard_log],
    ),
)
_BY_PATH = {page.path: page for page in REGISTRY}
# A page not listed (a page the clinic adds to docs/) shows the clinic's own text.
_CLINIC_PAGE = Page("", lambda c: [c.clinic])


def condition_page_path(condition_id: str) -> str:
    return f"{CONDITION_PREFIX}{condition_id}.md"


def page(content: Content, src_uri: str) -> Page:
    """The registry's entry for a page; a condition's page shows that condition and is about it."""
    cid = condition_id(src_uri)
    if cid is not None and cid in content.conditions:
        return Page(src_uri, lambda c: [c.conditions[cid]], "condition")
    return _BY_PATH.get(src_uri, _CLINIC_PAGE)


def condition_pages(content: Content) -> list[str]:
    """The source path of every condition's page, in the data's order."""
    return [condition_page_path(cid) for cid in content.conditions]


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
    return page(content, src_uri).entries(content)


def last_reviewed(content: Content, src_uri: str) -> dt.date:
    """When the texts a page shows were last checked (its review line)."""
    return max(e.last_reviewed for e in entries_on_page(content, src_uri))


def next_review(content: Content, src_uri: str) -> dt.date:
    return min(e.next_review for e in entries_on_page(content, src_uri))


def page_reviewed(content: Content, src_uri: str) -> dt.date:
    """The one review date a machine reads (the sitemap's lastmod, the structured data's lastReviewed). A
    page in a translation is only as current as both checks, the texts' and, once a clinician has reviewed
    it, the translation's: the earlier date. (An unreviewed translation says so on each of its pages, and
    go-live refuses it.)"""
    day = last_reviewed(content, src_uri)
    translated = content.language.last_reviewed if content.language else None
    return min(day, translated) if translated else day


def overdue_reviews(content: Content, today: dt.date) -> list[str]:
    """'collection id: next review was due YYYY-MM-DD' for every entry whose review date has passed, and
    'translation ru: …' for each language whose own review has."""
    entries = [
        f"{collection} {getattr(entry, 'id', collection)}: next review was due {entry.next_review:%Y-%m-%d}"
        for collection, entry in content.reviewed_entries()
        if entry.next_review < today
    ]
    languages = [
        f"translation {code}: next review was due {due:%Y-%m-%d}"
        for code, translated in content.translations.items()
        if translated.language and (due := translated.language.next_review) and due < today
    ]
    return entries + languages
