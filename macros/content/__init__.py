"""The data as the pages use it: every collection validated, lists keyed by id. `COLLECTIONS` says which
file holds which model; load.py reads them into a `Content`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import model, site_texts
from .languages import ENGLISH, Language

# file name -> type of its content; the file's stem is the collection's name.
COLLECTIONS: dict[str, Any] = {
    "clinic.yml": model.Clinic,
    "sources.yml": list[model.Source],
    "massage_types.yml": list[model.MassageType],
    "techniques.yml": list[model.Technique],
    "conditions.yml": list[model.Condition],
    "benefits.yml": list[model.Benefit],
    "risk_factors.yml": list[model.RiskFactor],
    "contraindications.yml": list[model.Contraindication],
    "red_flags.yml": list[model.RedFlag],
    "visit.yml": model.Visit,
    "self_check.yml": model.SelfCheck,
    "hazard_log.yml": model.HazardLog,
    "glossary.yml": list[model.GlossaryTerm],
    "site_texts.yml": site_texts.SiteTexts,
}


@dataclass
class Content:
    """All the data, validated, with references resolved."""

    clinic: model.Clinic
    sources: dict[str, model.Source]
    massage_types: dict[str, model.MassageType]
    techniques: dict[str, model.Technique]
    conditions: dict[str, model.Condition]
    benefits: dict[str, model.Benefit]
    risk_factors: dict[str, model.RiskFactor]
    contraindications: dict[str, model.Contraindication]
    red_flags: dict[str, model.RedFlag]
    visit: model.Visit
    self_check: model.SelfCheck
    hazard_log: model.HazardLog
    glossary: dict[str, model.GlossaryTerm]
    site_texts: site_texts.SiteTexts
    # The language of the words: None for data/'s own (English), else the translation laid over it.
    language: Language | None = None
    # data/'s own content holds each language it is published in beside English: {code: its content}.
    translations: dict[str, Content] = field(default_factory=dict)
    reviewers: dict[str, model.Reviewer] = field(init=False)

    def __post_init__(self) -> None:
        self.reviewers = {r.id: r for r in self.clinic.reviewers}

    @property
    def code(self) -> str:
        """The language of the words: data/'s own is English."""
        return self.language.code if self.language else ENGLISH

    def foreign(self, code: str) -> str | None:
        """`code`, for words in another language than this content's (to mark them), else None."""
        return code if code != self.code else None

    def reviewed_entries(self) -> Iterator[tuple[str, model.Reviewed]]:
        """Every entry that carries review information, with the collection it belongs to."""
        yield "clinic", self.clinic
        yield "visit", self.visit
        yield "self_check", self.self_check
        yield "hazard_log", self.hazard_log
        for name in ("massage_types", "techniques", "conditions", "benefits", "risk_factors"):
            for entry in getattr(self, name).values():
                yield name, entry
        for name in ("contraindications", "red_flags", "glossary"):
            for entry in getattr(self, name).values():
                yield name, entry
