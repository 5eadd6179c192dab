"""Typed records for every data collection. These models are the one description of the data format:
the JSON Schemas in data/schema/ are exported from them (python -m macros.schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Stable id: lower-case words joined by hyphens. Never change it once published."),
]
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1200, strip_whitespace=True),
    Field(description="Plain text in everyday words. No HTML, Markdown or {{ }}."),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=160, strip_whitespace=True)]
Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=400)]
SearchTerms = Annotated[
    list[ShortText],
    Field(
        description="Other words patients type when they look for this: everyday words, questions, other "
        "spellings and common misspellings. Used by the site search only; not shown on the page."
    ),
]
Kind = Literal["avoid", "doctor-first", "local"]
Tier = Literal["emergency", "urgent"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


class Reviewed(Record):
    """Governance every entry carries: where it comes from and who checked it when."""

    sources: list[Id] = Field(
        min_length=1, description="Ids from sources.yml. At least the source text the entry comes from."
    )
    last_reviewed: dt.date = Field(description="Date the entry was last checked, as YYYY-MM-DD.")
    next_review: dt.date = Field(
        description="Date the entry must be checked again, at most three years after last_reviewed."
    )
    reviewed_by: Id = Field(description="Id of a reviewer listed in clinic.yml.")


class Entry(Reviewed):
    id: Id


class Source(Record):
    id: Id
    title: ShortText
    publisher: ShortText
    kind: Literal["seed", "guideline", "review", "patient-information"]
    url: Url | None = None
    published: dt.date | None = None
    note: Text | None = None


class Address(Record):
    street: ShortText
    town: ShortText
    postcode: ShortText
    country: ShortText


class Reviewer(Record):
    id: Id
    name: ShortText
    role: Text


class SiteTexts(Record):
    disclaimer: Text
    no_advertising: Text
    massage_is_not_a_cure: Text


class Clinic(Reviewed):
    name: ShortText = Field(examples=["Invitro Diagnostics"])
    site_name: ShortText = Field(description="Shown in the header and in every page title.")
    tagline: ShortText
    address: Address
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{3,20}$")] = Field(
        examples=["+44 20 7946 0000"]
    )
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    booking_url: Url
    emergency_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")] = Field(
        examples=["112", "999", "911"]
    )
    non_emergency_advice: Text
    opening_hours: ShortText
    reviewers: list[Reviewer] = Field(min_length=1)
    texts: SiteTexts


class MassageType(Entry):
    name: ShortText
    also_called: list[ShortText] = []
    search_terms: SearchTerms = []
    summary: Text
    purpose: Text
    how_it_works: Text
    techniques: list[Id] = Field(description="Ids from techniques.yml, in the order they are used.")


class Technique(Entry):
    name: ShortText
    also_called: list[ShortText] = []
    search_terms: SearchTerms = []
    what_it_is: Text
    feels_like: Text
    what_it_does: Text


class Condition(Entry):
    name: ShortText
    also_called: list[ShortText] = []
    search_terms: SearchTerms = []
    summary: Text = Field(description="One or two sentences. Used in lists and in search results.")
    massage_type: Id = Field(description="Id from massage_types.yml.")
    techniques: list[Id] = Field(description="Ids from techniques.yml that help most.")
    feels_like: Text | None = None
    causes: list[Text] = []
    how_massage_helps: Text
    cautions: list[Text] = []
    example: Text | None = None
    risks_if_ignored: Text | None = None
    evidence: Text | None = Field(None, description="What research says, honestly.")
    related: list[Id] = Field([], description="Ids of other conditions in conditions.yml.")


class Benefit(Entry):
    name: ShortText
    search_terms: SearchTerms = []
    summary: Text
    evidence: Text


class RiskFactor(Entry):
    name: ShortText
    summary: Text


class Contraindication(Entry):
    name: ShortText
    search_terms: SearchTerms = []
    plain: Text = Field(description="The situation, in the patient's own words.")
    kind: Kind = Field(
        description="avoid: massage is not advised now; doctor-first: get a doctor's agreement first; "
        "local: massage may go ahead but the therapist avoids that area."
    )
    reason: Text
    conditions: list[Id] = Field([], description="Ids of conditions in conditions.yml this matters for.")


class RedFlag(Entry):
    symptom: ShortText
    tier: Tier = Field(description="emergency: call the emergency number now; urgent: see a doctor soon.")


class Preparation(Record):
    id: Id
    text: Text
    why: Text


class VisitStep(Record):
    id: Id
    name: ShortText
    minutes: int = Field(ge=1, le=120)
    technique: Id | None = Field(None, description="Id from techniques.yml, if this step is one of the stages.")
    text: Text


class Question(Record):
    """A question patients often ask before their visit, answered on the "Your visit" page."""

    id: Id
    question: ShortText = Field(examples=["Does it hurt?"])
    answer: Text
    shows: Literal["duration", "preparation", "clinic-contact"] | None = Field(
        None,
        description="duration: the answer starts with the session length from duration_minutes; "
        "preparation: a link to the list of things to do before the visit follows the answer; "
        "clinic-contact: the clinic's phone, email and booking link from clinic.yml follow the answer.",
    )
    search_terms: SearchTerms = []


class Visit(Reviewed):
    duration_minutes: int = Field(ge=5, le=240)
    summary: Text
    preparation: list[Preparation] = Field(min_length=1)
    steps: list[VisitStep] = Field(min_length=1)
    timing_note: Text
    questions: list[Question] = Field([], description="Common questions with short answers, shown as a list.")
