"""The foot of every page: when its texts were last checked, by whom, when they are checked again (or that
the check is overdue), and the sources they come from, from the page registry (registry.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..content import Content, dates, model
from . import registry
from .blocks import SEARCH_EXCLUDE, SOURCES_PAGE, blocks, bullets, format_date
from .markup import filled, html, page_link, text


def translation_review(content: Content) -> tuple[str, dt.date | None]:
    """On a page in a translation: who checked the translation and when, or that nobody has yet (its own
    review, beside that of the texts it translates), and when it is due again. Nothing in English."""
    language, texts = content.language, content.site_texts.review
    if language is None:
        return "", None
    if language.reviewed_by is None or language.last_reviewed is None or language.next_review is None:
        return html(texts.translation_unreviewed), None
    line = filled(
        texts.translation,
        in_html=True,
        last=format_date(language.last_reviewed, language),
        due=format_date(language.next_review, language),
        reviewers=html(content.reviewers[language.reviewed_by].name),
    )
    return line, language.next_review


def review_note(content: Content, entries: Iterable[model.Reviewed]) -> str:
    """'Page last reviewed … · Next review due … · Reviewed by …' for the entries a page shows, and on a
    page in a translation, the translation's own review."""
    texts = content.site_texts.review
    entries = list(entries)
    last = max(e.last_reviewed for e in entries)
    due = min(e.next_review for e in entries)
    names = sorted({content.reviewers[e.reviewed_by].name for e in entries})
    translation, translation_due = translation_review(content)
    overdue_on = min(due, translation_due) if translation_due else due
    overdue = (
        f'<p class="review-overdue" {SEARCH_EXCLUDE}="true"><strong>{html(texts.overdue_title)}</strong> '
        f"{filled(texts.overdue, in_html=True, due=format_date(overdue_on, content.language))}</p>\n"
        if dates.is_overdue(overdue_on)
        else ""
    )
    line = filled(
        texts.line,
        in_html=True,
        last=format_date(last, content.language),
        due=format_date(due, content.language),
        reviewers=html(", ".join(names)),
    )
    note = f'<p class="review-note" {SEARCH_EXCLUDE}="true">{line}</p>'
    if translation:
        note += f'\n<p class="review-note" {SEARCH_EXCLUDE}="true">{translation}</p>'
    return overdue + note


def sources_note(content: Content, entries: Iterable[model.Reviewed]) -> str:
    ids: list[str] = []
    for entry in entries:
        ids += [s for s in entry.sources if s not in ids]
    # One source a line: a patient reads a list of titles more easily than one long sentence.
    sources = [content.sources[s] for s in ids]
    links = bullets(
        page_link(s.title, SOURCES_PAGE, f"source-{s.id}", lang=content.foreign(s.language)) for s in sources
    )
    label = text(content.site_texts.review.sources)
    return f'<div class="sources-note" {SEARCH_EXCLUDE}="true" markdown>\n\n{label}\n\n{links}\n\n</div>\n'


def entries_footer(content: Content, entries: Iterable[model.Reviewed]) -> str:
    entries = list(entries)
    return blocks(sources_note(content, entries), review_note(content, entries))


def page_footer(content: Content, page: str) -> str:
    """A page's sources and review line, from the entries the page registry (registry.py) lists for it."""
    return entries_footer(content, registry.entries_on_page(content, page))
