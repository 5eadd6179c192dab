"""The self-check's questions and rules, taken from the data.

The rules are *evaluated* in one place only: the patient's browser (docs/javascripts/self-check.js).
This module turns the validated data into the questions shown on the page and the small JSON rule table
that script reads, and checks the self-check's references when the data is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from . import markup, model

if TYPE_CHECKING:
    from .content import Content

TIER_ORDER: tuple[str, ...] = get_args(model.SelfCheckTierId)  # most severe first
SUITABLE = TIER_ORDER[-1]
# What a "yes" to a contraindication of each kind leads to. `local` does not stop a massage; it sets the
# separate localCaution flag instead.
KIND_TIER: dict[str, str] = {"avoid": "avoid", "doctor-first": "doctor-first", "local": SUITABLE}
# Results beside which the "tell your therapist" note shows: those where a massage may still go ahead.
CAUTION_SHOWN_FOR: tuple[str, ...] = ("doctor-first", SUITABLE)
PLACEHOLDERS = ("emergency_number", "clinic_phone", "non_emergency_name", "non_emergency_number")
# Texts filled in on the page itself, each with the placeholders it must hold once.
PAGE_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "follow_up_label": ("number",),
    "unanswered_prompt": ("count",),
    "safety_summary": ("hazards", "cases"),
}


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str
    plain: str  # what a "yes" means, in the patient's words, for the result's reasons
    part: Literal["red_flags", "contraindications"]
    yes_tier: str
    unsure_tier: str
    local: bool
    read_more: str  # page (from the docs root) and anchor that explain this question
    follow_up_of: str | None = None  # asked only when this question is answered "yes" or "not sure"


def questions(content: Content) -> list[Question]:
    """Every question in the order asked: emergency signs, urgent signs, then the contraindications, each
    follow-up right after the question it follows. A contraindication a warning sign asks (`asked_in`)
    is not asked again."""
    unsure = content.self_check.if_unsure
    flags = sorted(content.red_flags.values(), key=lambda f: TIER_ORDER.index(f.tier))
    asked: list[tuple[str, model.RedFlag | model.Contraindication]] = [
        ("red_flags", f) for f in flags if not f.follow_up_of
    ]
    asked += [("contraindications", c) for c in content.contraindications.values() if c.question]
    follow_ups = [f for f in flags if f.follow_up_of]
    ordered: list[tuple[str, model.RedFlag | model.Contraindication]] = []
    for part, entry in asked:
        ordered.append((part, entry))
        ordered += [(part, f) for f in follow_ups if f.follow_up_of == entry.id]
    found: list[Question] = []
    for number, (part, entry) in enumerate(ordered, start=1):
        if isinstance(entry, model.RedFlag):
            found.append(
                Question(
                    entry.id,
                    number,
                    entry.question,
                    entry.symptom,
                    part,
                    entry.tier,
                    _worse(unsure.red_flags, entry.tier, least=True),
                    False,
                    "contraindications.md#warning-signs",
                    entry.follow_up_of,
                )
            )
        else:
            found.append(
                Question(
                    entry.id,
                    number,
                    entry.question or "",
                    entry.plain,
                    part,
                    KIND_TIER[entry.kind],
                    unsure.contraindications,
                    entry.kind == "local",
                    f"contraindications.md#{entry.id}",
                )
            )
    return found


def _worse(a: str, b: str, *, least: bool = False) -> str:
    """The more severe of two tiers, or with least=True the less severe one."""
    pick = max if least else min
    return pick(a, b, key=TIER_ORDER.index)


def tier(content: Content, tier_id: str) -> model.SelfCheckTier:
    return next(t for t in content.self_check.tiers if t.id == tier_id)


def fill(value: str, clinic: model.Clinic) -> str:
    """Put the clinic's names and numbers into a text's placeholders ({emergency_number}, …)."""
    values = {
        "emergency_number": clinic.emergency_number,
        "clinic_phone": clinic.phone,
        "non_emergency_name": clinic.non_emergency_name,
        "non_emergency_number": clinic.non_emergency_number,
    }
    return markup.PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)


def answer_labels(content: Content) -> dict[str, str]:
    """The words for each answer (data/site_texts.yml): yes, no, unsure, unanswered, skipped."""
    return content.site_texts.self_check.answers.model_dump()


def rules(content: Content) -> dict[str, Any]:
    """The rule table the browser evaluates: tiers in order and, per question, the tier of each answer."""
    concern_tiers = {t: ("suitable" if t == SUITABLE else "later") for t in TIER_ORDER[2:]}
    return {
        "order": [t.id for t in content.self_check.tiers],
        "questions": [
            {"id": q.id, "yes": q.yes_tier, "unsure": q.unsure_tier, "local": q.local}
            | ({"after": q.follow_up_of} if q.follow_up_of else {})
            for q in questions(content)
        ],
        "labels": answer_labels(content),
        "concernsShownFor": concern_tiers,
        "cautionShownFor": list(CAUTION_SHOWN_FOR),
    }


def rules_json(content: Content) -> str:
    """The rule table as JSON with no <, > or &, safe in any HTML context (markup.json_for_script)."""
    return markup.json_for_script(rules(content), sort_keys=True)


def worked_case_answers(case: model.WorkedCase, question_ids: list[str]) -> dict[str, str]:
    """A worked case as the answers the browser would read from the form (unanswered ones left out)."""
    answers = {qid: "no" for qid in question_ids} if case.rest == "answered-no" else {}
    answers.update({qid: "yes" for qid in case.answered_yes})
    answers.update({qid: "unsure" for qid in case.answered_not_sure})
    for qid in case.not_answered:
        answers.pop(qid, None)
    return answers
