"""Review dates never stop publishing on their own: `make check` warns, at the `next_review` line, from
WARN_BEFORE days before a review falls due; once it has passed, the page tells patients so and the build
still succeeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content import Content
from ..content.problems import Problem
from .data_lines import line_of

WARN_BEFORE = dt.timedelta(days=60)
# Collections holding one entry rather than a list of them.
_SINGLE = {"clinic", "visit", "self_check", "hazard_log"}


def review_warnings(data_dir: Path, content: Content, today: dt.date) -> list[Problem]:
    """A warning at the `next_review` line of every entry due within WARN_BEFORE days, or overdue."""
    warnings = []
    for collection, entry in content.reviewed_entries():
        due = entry.next_review
        file_name = f"{collection}.yml"
        rel = f"{data_dir.name}/{file_name}"
        entries = list(getattr(content, collection)) if collection not in _SINGLE else []
        at: tuple[int, ...] = (entries.index(getattr(entry, "id", "")),) if entries else ()
        if due > today + WARN_BEFORE:
            continue
        path: tuple[str | int, ...] = (*at, "next_review")
        if due < today:
            message = (
                f"the review was due on {due.isoformat()} and is overdue; the page tells patients so. Check "
                "the text against its sources, then set last_reviewed to that day and next_review to the next"
            )
        else:
            days = (due - today).days
            message = (
                f"review due on {due.isoformat()}, in {days} day{'s' if days != 1 else ''}. Check the text "
                "against its sources, then set last_reviewed to that day and next_review to the next"
            )
        warnings.append(Problem(rel, line_of(data_dir / file_name, rel, path), "next_review", message))
    return sorted(warnings, key=lambda w: (w.file, w.line))
