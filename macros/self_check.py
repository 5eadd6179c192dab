"""The self-check's questions and rules, taken from the data.

The rules are *evaluated* in one place only: the patient's browser (docs/javascripts/self-check.js).
This module turns the validated data into the questions shown on the page and the small JSON rule table
that script reads, and checks the self-check's references when the data is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from . import markup, model

if TYPE_CHECKING:
    from .load import Content

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
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


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
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)


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


# --- Checks when the data is loaded ------------------------------------------------------------------


class Checker(Protocol):
    def add(self, rel: str, path: tuple[str | int, ...], message: str) -> None: ...
    def refs(self, rel: str, path: tuple, values: list[str] | str | None, known: dict, what: str) -> None: ...


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def check(
    check: Checker,
    rel: dict[str, str],
    self_check: model.SelfCheck,
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
    hazard_log: model.HazardLog,
    conditions: dict[str, Any],
    sources: dict[str, Any],
) -> None:
    """Cross-file checks of the self-check's data; each mistake is added to `check` with its field."""
    f = rel["self_check.yml"]
    tier_ids = [t.id for t in self_check.tiers]
    if tier_ids != list(TIER_ORDER):
        check.add(
            f,
            ("tiers",),
            f"must list each of the five tiers once, most serious first: {', '.join(TIER_ORDER)}"
            f" (found: {', '.join(tier_ids) or 'none'})",
        )

    for path, value in _strings(self_check.model_dump(mode="json")):
        own = PAGE_PLACEHOLDERS.get(str(path[0]), ()) if path else ()
        names = _PLACEHOLDER.findall(value)
        for name in names:
            if name not in PLACEHOLDERS and name not in own:
                allowed = ", ".join(f"{{{n}}}" for n in (*PLACEHOLDERS, *own))
                check.add(f, path, f"unknown placeholder {{{name}}}; use one of {allowed}")
        for name in own:
            if names.count(name) != 1:
                check.add(f, path, f"must hold {{{name}}} once, where the page puts the {name}")

    _check_questions(check, rel, red_flags, contraindications)
    # Entries asked by a warning sign (asked_in) are no question of their own.
    asked = {q.id for q in red_flags} | {c.id for c in contraindications if not c.asked_in}

    seen: dict[str, int] = {}
    for i, option in enumerate(self_check.concerns.options):
        if option.id in seen:
            check.add(f, ("concerns", "options", i, "id"), f"duplicate id {option.id!r}")
        seen.setdefault(option.id, i)
        check.refs(f, ("concerns", "options", i, "conditions"), option.conditions, conditions, "condition")

    h = rel["hazard_log.yml"]
    question_ids = dict.fromkeys(sorted(asked), True)
    seen_hazards: dict[str, int] = {}
    for i, hazard in enumerate(hazard_log.hazards):
        if hazard.id in seen_hazards:
            check.add(h, ("hazards", i, "id"), f"duplicate id {hazard.id!r}")
        seen_hazards.setdefault(hazard.id, i)
        check.refs(h, ("hazards", i, "sources"), hazard.sources, sources, "source")
        for j, case in enumerate(hazard.worked_cases):
            where = ("hazards", i, "worked_cases", j)
            first_list: dict[str, str] = {}
            for field in ("answered_yes", "answered_not_sure", "not_answered"):
                ids = getattr(case, field)
                check.refs(h, (*where, field), ids, question_ids, "question")
                for k, qid in enumerate(ids):
                    if qid in first_list:
                        check.add(h, (*where, field, k), f"{qid!r} is already listed in {first_list[qid]}")
                    first_list.setdefault(qid, field)
            check.refs(h, (*where, "expect_reasons"), case.expect_reasons, question_ids, "question")


def _check_questions(
    check: Checker,
    rel: dict[str, str],
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
) -> None:
    """Every entry is asked exactly once: by its own question, or by the warning sign named in asked_in;
    a follow-up follows a question that is asked and is not a follow-up itself."""
    rf, ci = rel["red_flags.yml"], rel["contraindications.yml"]
    red_flag_ids = {r.id: r for r in red_flags}
    for i, entry in enumerate(contraindications):
        if entry.id in red_flag_ids:
            check.add(
                ci,
                (i, "id"),
                f"{entry.id!r} is also a warning sign in red_flags.yml; the self-check needs a different id",
            )
        if entry.question and entry.asked_in:
            check.add(ci, (i, "asked_in"), "write either question or asked_in, not both")
        elif not entry.question and not entry.asked_in:
            check.add(
                ci,
                (i, "question"),
                "needs a question for the self-check (or asked_in: the id of a warning sign that asks it)",
            )
        elif entry.asked_in:
            check.refs(ci, (i, "asked_in"), entry.asked_in, red_flag_ids, "warning sign")
    askable = {r.id for r in red_flags if not r.follow_up_of} | {
        c.id for c in contraindications if c.question
    }
    for i, flag in enumerate(red_flags):
        parent = flag.follow_up_of
        if parent is None:
            continue
        if parent == flag.id:
            check.add(rf, (i, "follow_up_of"), "a question cannot follow itself")
        elif parent in red_flag_ids and red_flag_ids[parent].follow_up_of:
            check.add(
                rf, (i, "follow_up_of"), f"{parent!r} is a follow-up itself; follow the question it follows"
            )
        else:
            check.refs(rf, (i, "follow_up_of"), parent, dict.fromkeys(sorted(askable), True), "question")
