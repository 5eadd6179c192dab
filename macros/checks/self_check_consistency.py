"""The self-check's data agrees with itself, checked when the data is loaded: five tiers in order, only
known placeholders, every warning sign and contraindication asked exactly once, follow-ups that follow a
question, and worked cases in the hazard log that name real questions once each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..content import model
from ..content.fields import placeholder_problem
from ..content.problems import Path_
from ..content.self_check import BACK_PAIN, PAGE_PLACEHOLDERS, PLACEHOLDERS, TIER_ORDER, answers_of

# DCB0129's risk matrix: the clinical risk (1 lowest, 5 highest) of each likelihood and severity.
LIKELIHOODS = ("very-low", "low", "medium", "high", "very-high")
SEVERITIES = ("minor", "significant", "considerable", "major", "catastrophic")
RISK_MATRIX = {
    "very-high": (3, 4, 4, 5, 5),
    "high": (2, 3, 3, 4, 5),
    "medium": (2, 2, 3, 3, 4),
    "low": (1, 2, 2, 3, 4),
    "very-low": (1, 1, 2, 2, 3),
}
# A residual risk above this is unacceptable: the hazard needs a stronger mitigation before go-live.
ACCEPTABLE_RISK = 3


def risk(likelihood: str, severity: str) -> int:
    """The DCB0129 clinical risk rating of a likelihood and a severity."""
    return RISK_MATRIX[likelihood][SEVERITIES.index(severity)]


def _rank(tier: str) -> int:
    return TIER_ORDER.index(tier)


class Findings(Protocol):
    def add(self, rel: str, path: tuple[str | int, ...], message: str) -> None: ...
    def refs(
        self, rel: str, path: Path_, values: list[str] | str | None, known: dict[str, Any], what: str
    ) -> None: ...


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
        problem = placeholder_problem(value, (*PLACEHOLDERS, *own), required=own)
        if problem:
            findings.add(f, path, problem)

    background = self_check.background_questions
    _every_entry_is_asked_once(findings, rel, red_flags, contraindications, [b.id for b in background])
    # Entries asked by a warning sign (asked_in) are no question of their own.
    asked = {q.id for q in red_flags} | {c.id for c in contraindications if not c.asked_in}
    asked |= {b.id for b in background}
    answers = _answers(red_flags, contraindications, background)
    _answers_are_well_formed(findings, rel, red_flags, contraindications, background, asked)
    tiers = _answer_tiers(self_check, red_flags, contraindications)
    _combinations_make_sense(findings, f, self_check, answers, tiers, sources)

    seen: dict[str, int] = {}
    for i, option in enumerate(self_check.concerns.options):
        if option.id in seen:
            findings.add(f, ("concerns", "options", i, "id"), f"duplicate id {option.id!r}")
        seen.setdefault(option.id, i)
        findings.refs(f, ("concerns", "options", i, "conditions"), option.conditions, conditions, "condition")

    h = rel["hazard_log.yml"]
    question_ids = dict.fromkeys(sorted(asked), True)
    reason_ids = question_ids | dict.fromkeys(sorted(c.id for c in self_check.combinations), True)
    concern_ids = {o.id: o for o in self_check.concerns.options}
    seen_hazards: dict[str, int] = {}
    for i, hazard in enumerate(hazard_log.hazards):
        if hazard.id in seen_hazards:
            findings.add(h, ("hazards", i, "id"), f"duplicate id {hazard.id!r}")
        seen_hazards.setdefault(hazard.id, i)
        findings.refs(h, ("hazards", i, "sources"), hazard.sources, sources, "source")
        if LIKELIHOODS.index(hazard.residual_likelihood) > LIKELIHOODS.index(hazard.likelihood):
            findings.add(
                h,
                ("hazards", i, "residual_likelihood"),
                f"{hazard.residual_likelihood!r} is more likely than without the mitigation "
                f"({hazard.likelihood!r}); a mitigation cannot make harm more likely",
            )
        elif (residual := risk(hazard.residual_likelihood, hazard.severity)) > ACCEPTABLE_RISK:
            findings.add(
                h,
                ("hazards", i, "residual_likelihood"),
                f"leaves a clinical risk of {residual} of 5 (DCB0129: unacceptable above {ACCEPTABLE_RISK}); "
                "strengthen the mitigation so that the harm is less likely",
            )
        for j, case in enumerate(hazard.worked_cases):
            where = ("hazards", i, "worked_cases", j)
            first_list: dict[str, str] = {}
            for field in ("answered_yes", "answered_known", "answered_not_sure", "not_answered", "answers"):
                ids = list(getattr(case, field))
                findings.refs(h, (*where, field), ids, question_ids, "question")
                for k, qid in enumerate(ids):
                    if qid in first_list:
                        findings.add(h, (*where, field, k), f"{qid!r} is already listed in {first_list[qid]}")
                    first_list.setdefault(qid, field)
            for k, qid in enumerate(case.answered_known):
                if qid in answers and "known" not in answers[qid]:
                    findings.add(
                        h, (*where, "answered_known", k), f"{qid!r} does not offer the answer 'known'"
                    )
            for qid, value in case.answers.items():
                if qid in answers and value not in (*answers[qid], "no", "unsure"):
                    offered = ", ".join(answers[qid])
                    findings.add(
                        h, (*where, "answers", qid), f"{qid!r} has no answer {value!r} (it has {offered})"
                    )
            findings.refs(h, (*where, "concerns"), case.concerns, concern_ids, "what-bothers-you option")
            findings.refs(
                h, (*where, "expect_reasons"), case.expect_reasons, reason_ids, "question or combination"
            )
    _every_answer_has_a_worked_case(findings, h, hazard_log, answers, self_check)


def _answers(
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
    background: list[model.BackgroundQuestion],
) -> dict[str, list[str]]:
    """Each question's answers other than no and not sure, by question id."""
    found: dict[str, list[str]] = {}
    for flag in red_flags:
        found[flag.id] = ["yes", "known"] if flag.known else ["yes"]
    for entry in contraindications:
        if entry.question:
            found[entry.id] = [a.value for a in entry.answers] or ["yes"]
    for question in background:
        found[question.id] = [a.value for a in question.answers]
    return found


def _answers_are_well_formed(
    findings: Findings,
    rel: dict[str, str],
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
    background: list[model.BackgroundQuestion],
    asked: set[str],
) -> None:
    """Own answers have unique values that are not the reserved ones; a sign's milder tiers are milder."""
    owners: list[tuple[str, tuple[str | int, ...], list[model.AnswerOption]]] = [
        (rel["contraindications.yml"], (i, "answers"), c.answers) for i, c in enumerate(contraindications)
    ]
    owners += [
        (rel["self_check.yml"], ("background_questions", i, "answers"), b.answers)
        for i, b in enumerate(background)
    ]
    for file, path, options in owners:
        seen: set[str] = set()
        for k, option in enumerate(options):
            if option.value in model.RESERVED_ANSWERS:
                reserved = ", ".join(model.RESERVED_ANSWERS)
                findings.add(
                    file,
                    (*path, k, "value"),
                    f"{option.value!r} is kept for the site's own answers ({reserved}); choose another",
                )
            elif option.value in seen:
                findings.add(file, (*path, k, "value"), f"duplicate answer {option.value!r}")
            seen.add(option.value)
    for i, question in enumerate(background):
        if question.id in {r.id for r in red_flags} | {c.id for c in contraindications}:
            findings.add(
                rel["self_check.yml"],
                ("background_questions", i, "id"),
                f"{question.id!r} is already a question's id",
            )
    rf = rel["red_flags.yml"]
    for i, flag in enumerate(red_flags):
        if flag.without_back_pain is not None:
            if _rank(flag.without_back_pain) <= _rank(flag.tier):
                findings.add(
                    rf, (i, "without_back_pain"), f"must be milder than its tier {flag.tier!r}, or left out"
                )
            if BACK_PAIN not in asked:
                findings.add(
                    rf,
                    (i, "without_back_pain"),
                    f"needs the background question {BACK_PAIN!r} in self_check.yml",
                )


def _combinations_make_sense(
    findings: Findings,
    f: str,
    self_check: model.SelfCheck,
    answers: dict[str, list[str]],
    tiers: dict[str, dict[str, str]],
    sources: dict[str, Any],
) -> None:
    """A combination names known questions and their real answers, never "no", and gives a result more
    serious than each of its answers alone (otherwise it changes nothing, or would lower a result)."""
    seen: set[str] = set()
    for i, combination in enumerate(self_check.combinations):
        where = ("combinations", i)
        if combination.id in seen or combination.id in answers:
            findings.add(
                f, (*where, "id"), f"{combination.id!r} is already the id of a question or a combination"
            )
        seen.add(combination.id)
        findings.refs(f, (*where, "sources"), combination.sources, sources, "source")
        for qid, values in combination.when.items():
            if qid not in answers:
                findings.refs(f, (*where, "when", qid), qid, dict.fromkeys(sorted(answers), True), "question")
                continue
            if not values:
                findings.add(f, (*where, "when", qid), "list the answers that must hold, for example [yes]")
            for value in values:
                if value == "no":
                    findings.add(
                        f, (*where, "when", qid), "a 'no' never makes a result more serious; leave it out"
                    )
                elif value not in (*answers[qid], "unsure"):
                    offered = ", ".join((*answers[qid], "unsure"))
                    findings.add(
                        f, (*where, "when", qid), f"{qid!r} has no answer {value!r} (it has {offered})"
                    )
            if "known" in values and "yes" not in values:
                findings.add(f, (*where, "when", qid), "an answer 'known' holds only with 'yes' listed too")
            alone = [tiers[qid][v] for v in values if v in tiers.get(qid, {})]
            if alone and _rank(combination.tier) >= _rank(min(alone, key=_rank)):
                findings.add(
                    f,
                    (*where, "tier"),
                    f"{combination.tier!r} is not more serious than {qid!r} alone "
                    f"({min(alone, key=_rank)!r}); "
                    "a combination must give a more serious result than each of its answers",
                )


def _answer_tiers(
    self_check: model.SelfCheck,
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
) -> dict[str, dict[str, str]]:
    """{question id: {answer: the tier it gives alone}}, as self_check.answers_of reads them."""
    found: dict[str, dict[str, str]] = {}
    questions: list[model.RedFlag | model.Contraindication | model.BackgroundQuestion] = [
        *red_flags,
        *contraindications,
        *self_check.background_questions,
    ]
    for entry in questions:
        answers, unsure = answers_of(entry, self_check.if_unsure)
        found[entry.id] = {a.value: a.tier for a in answers} | {"unsure": unsure}
    return found


def _every_answer_has_a_worked_case(
    findings: Findings,
    h: str,
    hazard_log: model.HazardLog,
    answers: dict[str, list[str]],
    self_check: model.SelfCheck,
) -> None:
    """Every answer of every question other than no (yes, known where offered, each own answer and not
    sure) and every combination is proven by a worked case, so a new question cannot go live untested."""
    cases = [c for hazard in hazard_log.hazards for c in hazard.worked_cases]
    given: dict[str, set[str]] = {}
    for case in cases:
        for qid in case.answered_yes:
            given.setdefault(qid, set()).add("yes")
        for qid in case.answered_known:
            given.setdefault(qid, set()).add("known")
        for qid in case.answered_not_sure:
            given.setdefault(qid, set()).add("unsure")
        for qid, value in case.answers.items():
            given.setdefault(qid, set()).add(value)
    for qid, values in answers.items():
        for value in (*values, "unsure"):
            if value not in given.get(qid, set()):
                field = {"yes": "answered_yes", "known": "answered_known", "unsure": "answered_not_sure"}.get(
                    value
                )
                example = f"{field}: [{qid}]" if field else f"answers: {{{qid}: {value}}}"
                findings.add(
                    h,
                    ("hazards",),
                    f"no worked case answers {qid!r} with {value!r}; "
                    "add one to the hazard it guards against, "
                    f"for example '- name: …, {example}, expect_tier: …' (the tests run it in a browser)",
                )
    named = {reason for case in cases for reason in case.expect_reasons or []}
    for combination in self_check.combinations:
        proven = combination.id in named
        if not proven:
            findings.add(
                h,
                ("hazards",),
                f"no worked case names the combination {combination.id!r} as its reason; add one that gives "
                f"its answers together, with expect_reasons: [{combination.id}]",
            )


def _every_entry_is_asked_once(
    findings: Findings,
    rel: dict[str, str],
    red_flags: list[model.RedFlag],
    contraindications: list[model.Contraindication],
    background: list[str],
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
    askable = (
        {r.id for r in red_flags if not r.follow_up_of}
        | {c.id for c in contraindications if c.question}
        | set(background)
    )
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
