"""The self-check's data agrees with itself, checked when the data is loaded: five tiers in order, only
known placeholders, every warning sign and contraindication asked exactly once, follow-ups that follow a
question, and worked cases in the hazard log that name real questions once each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from . import model
from .markup import placeholders
from .self_check import PAGE_PLACEHOLDERS, PLACEHOLDERS, TIER_ORDER


class Findings(Protocol):
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


def self_check_is_consistent(
    findings: Findings,
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
        findings.add(
            f,
            ("tiers",),
            f"must list each of the five tiers once, most serious first: {', '.join(TIER_ORDER)}"
            f" (found: {', '.join(tier_ids) or 'none'})",
        )

    for path, value in _strings(self_check.model_dump(mode="json")):
        own = PAGE_PLACEHOLDERS.get(str(path[0]), ()) if path else ()
        names = placeholders(value)
        for name in names:
            if name not in PLACEHOLDERS and name not in own:
                allowed = ", ".join(f"{{{n}}}" for n in (*PLACEHOLDERS, *own))
                findings.add(f, path, f"unknown placeholder {{{name}}}; use one of {allowed}")
        for name in own:
            if names.count(name) != 1:
                findings.add(f, path, f"must hold {{{name}}} once, where the page puts the {name}")

    _every_entry_is_asked_once(findings, rel, red_flags, contraindications)
    # Entries asked by a warning sign (asked_in) are no question of their own.
    asked = {q.id for q in red_flags} | {c.id for c in contraindications if not c.asked_in}

    seen: dict[str, int] = {}
    for i, option in enumerate(self_check.concerns.options):
        if option.id in seen:
            findings.add(f, ("concerns", "options", i, "id"), f"duplicate id {option.id!r}")
        seen.setdefault(option.id, i)
        findings.refs(f, ("concerns", "options", i, "conditions"), option.conditions, conditions, "condition")

    h = rel["hazard_log.yml"]
    question_ids = dict.fromkeys(sorted(asked), True)
    seen_hazards: dict[str, int] = {}
    for i, hazard in enumerate(hazard_log.hazards):
        if hazard.id in seen_hazards:
            findings.add(h, ("hazards", i, "id"), f"duplicate id {hazard.id!r}")
        seen_hazards.setdefault(hazard.id, i)
        findings.refs(h, ("hazards", i, "sources"), hazard.sources, sources, "source")
        for j, case in enumerate(hazard.worked_cases):
            where = ("hazards", i, "worked_cases", j)
            first_list: dict[str, str] = {}
            for field in ("answered_yes", "answered_not_sure", "not_answered"):
                ids = getattr(case, field)
                findings.refs(h, (*where, field), ids, question_ids, "question")
                for k, qid in enumerate(ids):
                    if qid in first_list:
                        findings.add(h, (*where, field, k), f"{qid!r} is already listed in {first_list[qid]}")
                    first_list.setdefault(qid, field)
            findings.refs(h, (*where, "expect_reasons"), case.expect_reasons, question_ids, "question")


def _every_entry_is_asked_once(
    findings: Findings,
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
            findings.add(
                ci,
                (i, "id"),
                f"{entry.id!r} is also a warning sign in red_flags.yml; the self-check needs a different id",
            )
        if entry.question and entry.asked_in:
            findings.add(ci, (i, "asked_in"), "write either question or asked_in, not both")
        elif not entry.question and not entry.asked_in:
            findings.add(
                ci,
                (i, "question"),
                "needs a question for the self-check (or asked_in: the id of a warning sign that asks it)",
            )
        elif entry.asked_in:
            findings.refs(ci, (i, "asked_in"), entry.asked_in, red_flag_ids, "warning sign")
    askable = {r.id for r in red_flags if not r.follow_up_of} | {
        c.id for c in contraindications if c.question
    }
    for i, flag in enumerate(red_flags):
        parent = flag.follow_up_of
        if parent is None:
            continue
        if parent == flag.id:
            findings.add(rf, (i, "follow_up_of"), "a question cannot follow itself")
        elif parent in red_flag_ids and red_flag_ids[parent].follow_up_of:
            findings.add(
                rf, (i, "follow_up_of"), f"{parent!r} is a follow-up itself; follow the question it follows"
            )
        else:
            findings.refs(rf, (i, "follow_up_of"), parent, dict.fromkeys(sorted(askable), True), "question")
