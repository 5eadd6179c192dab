"""The self-check's questions and rules, taken from the data.

The rules are *evaluated* in one place only: the patient's browser (docs/javascripts/self-check.js).
This module turns the validated data into the questions shown on the page and the small JSON rule table
that script reads, and checks the self-check's references when the data is loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from . import model

if TYPE_CHECKING:
    from .load import Content

TIER_ORDER: tuple[str, ...] = get_args(model.SelfCheckTierId)  # most severe first
SUITABLE = TIER_ORDER[-1]
# What a "yes" to a contraindication of each kind leads to. `local` does not stop a massage; it sets the
# separate localCaution flag instead.
KIND_TIER: dict[str, str] = {"avoid": "avoid", "doctor-first": "doctor-first", "local": SUITABLE}
ANSWER_LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure", "unanswered": "No answer"}
PLACEHOLDERS = ("emergency_number", "clinic_phone")
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
    read_more: str | None  # page (from the docs root) that explains this question


def questions(content: Content) -> list[Question]:
    """Every question in the order asked: warning signs first, then the contraindications."""
    unsure = content.self_check.if_unsure
    found: list[Question] = []
    for flag in content.red_flags.values():
        found.append(
            Question(
                flag.id,
                len(found) + 1,
                flag.question,
                flag.symptom,
                "red_flags",
                flag.tier,
                _worse(unsure.red_flags, flag.tier, least=True),
                False,
                None,
            )
        )
    for ci in content.contraindications.values():
        found.append(
            Question(
                ci.id,
                len(found) + 1,
                ci.question,
                ci.plain,
                "contraindications",
                KIND_TIER[ci.kind],
                unsure.contraindications,
                ci.kind == "local",
                f"contraindications.md#{ci.id}",
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
    """Put the clinic's numbers into a text's {emergency_number} and {clinic_phone}."""
    values = {"emergency_number": clinic.emergency_number, "clinic_phone": clinic.phone}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)


def rules(content: Content) -> dict[str, Any]:
    """The rule table the browser evaluates: tiers in order and, per question, the tier of each answer."""
    concern_tiers = {t: ("suitable" if t == SUITABLE else "later") for t in TIER_ORDER[2:]}
    return {
        "order": [t.id for t in content.self_check.tiers],
        "questions": [
            {"id": q.id, "yes": q.yes_tier, "unsure": q.unsure_tier, "local": q.local}
            for q in questions(content)
        ],
        "labels": ANSWER_LABELS,
        "concernsShownFor": concern_tiers,
    }


def rules_json(content: Content) -> str:
    """The rule table as JSON with no <, > or &, so it is safe in any HTML context."""
    raw = json.dumps(rules(content), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
    conditions: dict[str, Any],
) -> None:
    """Cross-file checks of data/self_check.yml; each mistake is added to `check` with its field."""
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
        for name in _PLACEHOLDER.findall(value):
            if name not in PLACEHOLDERS:
                check.add(
                    f, path, f"unknown placeholder {{{name}}}; use {{emergency_number}} or {{clinic_phone}}"
                )

    red_flag_ids = {r.id for r in red_flags}
    for i, ci in enumerate(contraindications):
        if ci.id in red_flag_ids:
            check.add(
                rel["contraindications.yml"],
                (i, "id"),
                f"{ci.id!r} is also a warning sign in red_flags.yml; the self-check needs a different id",
            )
    question_ids = {qid: True for qid in [*red_flag_ids, *(c.id for c in contraindications)]}

    seen: dict[str, int] = {}
    for i, option in enumerate(self_check.concerns.options):
        if option.id in seen:
            check.add(f, ("concerns", "options", i, "id"), f"duplicate id {option.id!r}")
        seen.setdefault(option.id, i)
        check.refs(f, ("concerns", "options", i, "conditions"), option.conditions, conditions, "condition")

    for i, case in enumerate(self_check.worked_cases):
        where = ("worked_cases", i)
        first_list: dict[str, str] = {}
        for field in ("answered_yes", "answered_not_sure", "not_answered"):
            ids = getattr(case, field)
            check.refs(f, (*where, field), ids, question_ids, "question")
            for j, qid in enumerate(ids):
                if qid in first_list:
                    check.add(f, (*where, field, j), f"{qid!r} is already listed in {first_list[qid]}")
                first_list.setdefault(qid, field)
        check.refs(f, (*where, "expect_reasons"), case.expect_reasons, question_ids, "question")
