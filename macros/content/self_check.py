"""The self-check's questions and rules, taken from the data.

The rules are *evaluated* in one place only: the patient's browser (docs/javascripts/self-check.js).
This module turns the validated data into the questions shown on the page and the small JSON rule table
that script reads, and checks the self-check's references when the data is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from . import countries, model
from .fields import PLACEHOLDER

if TYPE_CHECKING:
    from . import Content

TIER_ORDER: tuple[str, ...] = get_args(model.SelfCheckTierId)  # most severe first
SUITABLE = TIER_ORDER[-1]
# What a "yes" to a contraindication of each kind leads to. `local` does not stop a massage; it sets the
# separate localCaution flag instead.
KIND_TIER: dict[str, str] = {"avoid": "avoid", "doctor-first": "doctor-first", "local": SUITABLE}
# Results beside which the "tell your therapist" note shows: those where a massage may still go ahead.
CAUTION_SHOWN_FOR: tuple[str, ...] = ("doctor-first", SUITABLE)
# The background question whose "no" means the patient has no back pain (a warning sign's
# `without_back_pain` tier applies then).
BACK_PAIN = "back-pain"
# The self-check's parts, in the order asked; "concerns" (what bothers you) is the last, optional one.
PARTS: tuple[str, ...] = ("screen", "warning-signs", "health")
PLACEHOLDERS = ("emergency_number", "clinic_phone", "non_emergency_name", "non_emergency_number", "country")
# Texts filled in on the page itself, each with the placeholders it must hold once.
PAGE_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "follow_up_label": ("number",),
    "unanswered_prompt": ("count",),
    "safety_summary": ("hazards", "cases"),
}


@dataclass(frozen=True)
class Answer:
    value: str  # "yes", "known", or a question's own answer; "no" and "unsure" are not listed
    label: str | None  # its words on the page; None: the site's words for yes / known
    tier: str


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str
    plain: str  # what a "yes" means, in the patient's words, for the result's reasons
    part: Literal["screen", "warning-signs", "health"]
    answers: tuple[Answer, ...]  # every answer but "no" and "unsure", most likely first
    unsure_tier: str
    local: bool
    read_more: str  # page (from the docs root) and anchor that explain this question
    follow_up_of: str | None = None  # asked only when this question is not answered "no"
    advice: str | None = None  # what to do when this question decides the result
    no_label: str | None = None  # the words of "no", if not the site's own

    @property
    def yes_tier(self) -> str:
        """The most serious result an answer other than "not sure" gives."""
        return _worse(*(a.tier for a in self.answers)) if self.answers else SUITABLE

    @property
    def own_words(self) -> dict[str, str]:
        """The words of the answers this question words itself (its own kinds of yes, its "no")."""
        words = {a.value: a.label for a in self.answers if a.label}
        return words | ({"no": self.no_label} if self.no_label else {})

    @property
    def tiers(self) -> dict[str, str]:
        """Each answer's result, "no" and "unsure" included."""
        return {a.value: a.tier for a in self.answers} | {"no": SUITABLE, "unsure": self.unsure_tier}


@dataclass(frozen=True)
class Combination:
    id: str
    when: dict[str, list[str]]
    tier: str
    reasons: tuple[str, ...]  # the ids the result names: the combination's own, or a warning sign's
    plain: str | None  # the reason in words, for a combination of the data (None: the sign's own words)
    advice: str | None = None


def questions(content: Content) -> list[Question]:
    """Every question in the order asked: part 1, the emergency screen (emergency signs, then urgent
    ones); part 2, the background questions, each with its follow-ups, then the other warning signs
    (emergency, then urgent); part 3, the contraindications, each with its follow-ups. A contraindication
    a warning sign asks (`asked_in`) is not asked again."""
    unsure = content.self_check.if_unsure
    flags = sorted(content.red_flags.values(), key=lambda f: TIER_ORDER.index(f.tier))
    top: list[tuple[str, Any]] = [("screen", f) for f in flags if f.screen and not f.follow_up_of]
    top += [("warning-signs", b) for b in content.self_check.background_questions]
    top += [("warning-signs", f) for f in flags if not f.screen and not f.follow_up_of]
    top += [("health", c) for c in content.contraindications.values() if c.question]
    follow_ups = [f for f in flags if f.follow_up_of]
    ordered: list[tuple[str, Any]] = []
    for part, entry in top:
        ordered.append((part, entry))
        ordered += [(part, f) for f in follow_ups if f.follow_up_of == entry.id]
    return [_question(number, part, entry, unsure) for number, (part, entry) in enumerate(ordered, start=1)]


Asked = model.RedFlag | model.Contraindication | model.BackgroundQuestion


def answers_of(entry: Asked, unsure: model.IfUnsure) -> tuple[tuple[Answer, ...], str]:
    """An entry's answers other than no and not sure, each with its tier alone, and the tier of not sure:
    the one place that reads them from the data (the page, the rule table and `make check` use it)."""
    if isinstance(entry, model.RedFlag):
        answers = [Answer("yes", None, entry.without_back_pain or entry.tier)]
        if entry.known:
            answers.append(Answer("known", None, entry.known))
        return tuple(answers), _worse(unsure.red_flags, entry.tier, least=True)
    own = tuple(Answer(a.value, a.label, a.tier) for a in entry.answers)
    if isinstance(entry, model.BackgroundQuestion):
        return own, entry.unsure
    return own or (Answer("yes", None, KIND_TIER[entry.kind]),), unsure.contraindications


def _question(number: int, part: Any, entry: Asked, unsure: model.IfUnsure) -> Question:
    answers, unsure_tier = answers_of(entry, unsure)
    if isinstance(entry, model.RedFlag):
        return Question(
            entry.id,
            number,
            entry.question,
            entry.symptom,
            part,
            answers,
            unsure_tier,
            False,
            "contraindications.md#warning-signs",
            entry.follow_up_of,
            entry.advice,
        )
    if isinstance(entry, model.BackgroundQuestion):
        return Question(
            entry.id,
            number,
            entry.question,
            entry.plain,
            part,
            answers,
            unsure_tier,
            False,
            "self-check.md#how-it-decides",
            None,
            entry.advice,
            entry.no_label,
        )
    return Question(
        entry.id,
        number,
        entry.question or "",
        entry.plain,
        part,
        answers,
        unsure_tier,
        entry.kind == "local",
        f"contraindications.md#{entry.id}",
        None,
        entry.advice,
    )


def combinations(content: Content) -> list[Combination]:
    """The data's combinations, and one for each warning sign that is serious together with back pain
    (`without_back_pain`): yes to it with any kind of back pain gives the sign's own tier."""
    found = [
        Combination(c.id, dict(c.when), c.tier, (c.id,), c.plain, c.advice)
        for c in content.self_check.combinations
    ]
    back = next((b for b in content.self_check.background_questions if b.id == BACK_PAIN), None)
    if back is not None:
        pain = [a.value for a in back.answers] + ["unsure"]
        for flag in content.red_flags.values():
            if flag.without_back_pain:
                when = {flag.id: ["yes"], BACK_PAIN: pain}
                found.append(Combination(f"{flag.id}-with-back-pain", when, flag.tier, (flag.id,), None))
    return found


def _worse(*tiers: str, least: bool = False) -> str:
    """The most severe of the tiers, or with least=True the least severe one."""
    pick = max if least else min
    return pick(tiers, key=TIER_ORDER.index)


def tier(content: Content, tier_id: str) -> model.SelfCheckTier:
    return next(t for t in content.self_check.tiers if t.id == tier_id)


def fill(value: str, content: Content) -> str:
    """Put the clinic's names and numbers into a text's placeholders ({emergency_number}, …); the country
    as the content's language names it (a translation: the clinic's country in its words)."""
    clinic = content.clinic
    country = countries.name(clinic.country_code, clinic.address.country)
    values = {
        "emergency_number": clinic.emergency_number,
        "clinic_phone": clinic.phone,
        "non_emergency_name": clinic.non_emergency_name,
        "non_emergency_number": clinic.non_emergency_number,
        "country": country if content.language is None else clinic.address.country,
    }
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)


def answer_labels(content: Content) -> dict[str, str]:
    """The words for each answer (data/site_texts.yml): yes, known, no, unsure, unanswered, skipped. A
    question's own answers carry their own words (`rules`: each question's "labels")."""
    return content.site_texts.self_check.answers.model_dump()


def rules(content: Content) -> dict[str, Any]:
    """The rule table the browser evaluates: tiers in order; per question, the tier of each answer; the
    combinations; which concerns show the crisis lines."""
    concern_tiers = {t: ("suitable" if t == SUITABLE else "later") for t in TIER_ORDER[2:]}
    return {
        "order": [t.id for t in content.self_check.tiers],
        "questions": [
            {"id": q.id, "tiers": q.tiers, "local": q.local}
            | ({"after": q.follow_up_of} if q.follow_up_of else {})
            | ({"labels": words} if (words := q.own_words) else {})
            for q in questions(content)
        ],
        "combinations": [
            {"id": c.id, "when": c.when, "tier": c.tier, "reasons": list(c.reasons)}
            for c in combinations(content)
        ],
        "crisisConcerns": [o.id for o in content.self_check.concerns.options if o.crisis_lines],
        "labels": answer_labels(content),
        "concernsShownFor": concern_tiers,
        "cautionShownFor": list(CAUTION_SHOWN_FOR),
    }


def worked_case_answers(case: model.WorkedCase, question_ids: list[str]) -> dict[str, str]:
    """A worked case as the answers the browser would read from the form (unanswered ones left out)."""
    answers = {qid: "no" for qid in question_ids} if case.rest == "answered-no" else {}
    answers.update({qid: "yes" for qid in case.answered_yes})
    answers.update({qid: "known" for qid in case.answered_known})
    answers.update({qid: "unsure" for qid in case.answered_not_sure})
    answers.update(case.answers)
    for qid in case.not_answered:
        answers.pop(qid, None)
    return answers
