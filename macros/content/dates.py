"""The day a build speaks for, and whether a review date has passed by then."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """The day the build speaks for: SOURCE_DATE_EPOCH's (set by `make build` to the last commit's time, so
    the same commit gives the same pages), or today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def is_overdue(due: dt.date, today: dt.date | None = None) -> bool:
    return due < (today or build_date())
