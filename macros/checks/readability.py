"""Reading level of each entry, for `make check` to warn about: the pages aim at grade 6 (the NHS reading
age of 9 to 11), so an entry whose own text reads above READABLE_GRADE will pull its page over it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import textstat
from pydantic import BaseModel

from ..content import Content
from ..content.problems import Problem
from .data_lines import line_of

READABLE_GRADE = 9.0
MIN_WORDS = 20  # fewer words give no stable grade
# Fields patients never read, or that are not sentences.
_NOT_PROSE = {"id", "sources", "reviewed_by", "search_terms", "also_called", "rationale", "question"}
COLLECTIONS = (
    "massage_types",
    "techniques",
    "conditions",
    "benefits",
    "risk_factors",
    "contraindications",
    "red_flags",
    "glossary",
)


def _sentences(values: list[Any]) -> list[str]:
    return [
        v if v.rstrip().endswith((".", "?", "!")) else v + "."
        for v in values
        if isinstance(v, str) and " " in v
    ]


def entry_prose(entry: BaseModel) -> str:
    """The sentences of an entry a patient reads, each field ending a sentence."""
    parts: list[str] = []
    for name in type(entry).model_fields:
        if name in _NOT_PROSE:
            continue
        value = getattr(entry, name)
        parts += _sentences(value if isinstance(value, list) else [value])
    return " ".join(parts)


def readability_warnings(data_dir: Path, content: Content) -> list[Problem]:
    warnings = []
    for collection in COLLECTIONS:
        for i, entry in enumerate(getattr(content, collection).values()):
            prose = entry_prose(entry)
            if textstat.lexicon_count(prose) < MIN_WORDS:
                continue
            grade = textstat.flesch_kincaid_grade(prose)
            if grade > READABLE_GRADE:
                rel = f"{data_dir.name}/{collection}.yml"
                warnings.append(
                    Problem(
                        rel,
                        line_of(data_dir / f"{collection}.yml", rel, (i, "id")),
                        "id",
                        f"this entry reads at school grade {grade:.0f}, above {READABLE_GRADE:.0f}: use "
                        "shorter sentences and everyday words (the pages aim at grade 6)",
                    )
                )
    return warnings
