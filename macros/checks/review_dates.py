"""Review dates never stop publishing on their own: `make check` warns, at the `next_review` line, from
WARN_BEFORE days before a review falls due; once it has passed, the page tells patients so and the build
still succeeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content import Content
from ..content.languages import LANGUAGE_FILE, LOCALES
from ..content.problems import Problem
from .data_lines import line_of

WARN_BEFORE = dt.timedelta(days=60)
# Collections holding one entry rather than a list of them.
_SINGLE = {"clinic", "visit", "self_check", "hazard_log"}


def review_warnings(data_dir: Path, content: Content, today: dt.date) -> list[Problem]:
    """A warning at the `next_review` line of every entry due within WARN_BEFORE days, or overdue, and at
    that of each language whose translation is (locales/<code>/language.yml)."""
    warnings = []
    for collection, entry in content.reviewed_entries():
        file_name = f"{collection}.yml"
        rel = f"{data_dir.name}/{file_name}"
        entries = list(getattr(content, collection)) if collection not in _SINGLE else []
        at: tuple[int, ...] = (entries.index(getattr(entry, "id", "")),) if entries else ()
        due = _due(entry.next_review, today, "Check the text against its sources")
        if due:
            line = line_of(data_dir / file_name, rel, (*at, "next_review"))
            warnings.append(Problem(rel, line, "next_review", due))
    for code, translated in content.translations.items():
        language = translated.language
        due = _due(
            language.next_review if language else None,
            today,
            "Have a clinician who reads the language check the translation against the English texts",
            telling=f"the pages in {code} tell",
        )
        if due:
            rel = f"{LOCALES}/{code}/{LANGUAGE_FILE}"
            line = line_of(data_dir.parent / rel, rel, ("next_review",))
            warnings.append(Problem(rel, line, "next_review", due))
    return sorted(warnings, key=lambda w: (w.file, w.line))


def _due(day: dt.date | None, today: dt.date, what_to_do: str, telling: str = "the page tells") -> str | None:
    """What to say of a review due on `day`: nothing while it is more than WARN_BEFORE days away."""
    if day is None or day > today + WARN_BEFORE:
        return None
    then = "then set last_reviewed to that day and next_review to the next"
    if day < today:
        overdue = f"the review was due on {day.isoformat()} and is overdue; {telling} patients so"
        return f"{overdue}. {what_to_do}, {then}"
    days = (day - today).days
    return f"review due on {day.isoformat()}, in {days} day{'s' if days != 1 else ''}. {what_to_do}, {then}"
