"""Reading level of each entry, for `make check` to warn about: the pages aim at grade 6 (the NHS reading
age of 9 to 11), so an entry whose own text reads above READABLE_GRADE will pull its page over it.

In English the measure is textstat's Flesch-Kincaid grade. In Russian it is Flesch reading ease with
Oborneva's coefficients (206.835 - 1.3 x words per sentence - 60.1 x syllables per word), a vowel counting
as a syllable (textstat's English formula and syllable counts do not fit Russian: an easy Russian text
scores grade 11), on the same words and sentences as textstat counts them; the pages aim at 60 or more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import textstat
from pydantic import BaseModel

from ..content import Content
from ..content.languages import LOCALES
from ..content.problems import Problem
from ..content.problems import line_of as line_of_path
from .data_lines import line_of
from .yaml_reading import read_yaml

READABLE_GRADE = 9.0
READABLE_EASE = 60.0  # Russian pages: Oborneva's reading ease at least this
MIN_WORDS = 20  # fewer words give no stable grade
RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")
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


def oborneva_reading_ease(text: str) -> float:
    """Flesch reading ease of a Russian text with Oborneva's coefficients, a vowel counting as a syllable:
    above 60 is plain, below 30 hard."""
    words: int = max(1, textstat.lexicon_count(text))
    sentences: int = max(1, textstat.sentence_count(text))
    syllables = sum(ch in RUSSIAN_VOWELS for ch in text.lower())
    return 206.835 - 1.3 * words / sentences - 60.1 * syllables / words


# The reading measure of each language that has one, beside English's grade (a language without one is
# not measured).
MEASURES = {"ru": oborneva_reading_ease}


def translation_warnings(data_dir: Path, content: Content) -> list[Problem]:
    """Each translated entry that reads below its language's plain level, at its line in locales/."""
    warnings = []
    for code, words in content.translations.items():
        measure = MEASURES.get(code)
        if measure is None:
            continue
        for collection in COLLECTIONS:
            rel = f"{LOCALES}/{code}/{collection}.yml"
            lines = read_yaml(data_dir.parent / rel, rel)[1]
            for entry in getattr(words, collection).values():
                prose = entry_prose(entry)
                if textstat.lexicon_count(prose) < MIN_WORDS or (ease := measure(prose)) >= READABLE_EASE:
                    continue
                warnings.append(
                    Problem(
                        rel,
                        line_of_path(lines, (entry.id,), key=True),
                        entry.id,
                        f"this entry reads at {ease:.0f} on the reading-ease scale, below "
                        f"{READABLE_EASE:.0f}: use shorter sentences and shorter, everyday words",
                    )
                )
    return warnings


def readability_warnings(data_dir: Path, content: Content) -> list[Problem]:
    warnings = translation_warnings(data_dir, content)
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
