"""The self-check's rules, run in Chromium on the built page: the same JavaScript the patient runs.

Worked cases come from the hazard log (data/hazard_log.yml), each proving its hazard's mitigation. The
safety properties are checked over every single-"yes" and single-"not sure" answer set and over 10,000
random ones (a fixed seed, so a failure can be replayed). Nothing here re-implements the rules: expected
tiers come from the data (a warning sign's `tier`, a contraindication's `kind`) or from comparing the
engine with itself. A follow-up question counts only when the question it follows is not answered "no".
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator

import pytest

from macros import self_check
from macros.load import Content, load_content

from .conftest import DATA

ORDER = list(self_check.TIER_ORDER)
RANDOM_SETS = 10_000
SEED = 20261121
_CONTENT = load_content(DATA)


# Answer sets travel as one JSON string each way: much faster than Playwright's value serialiser.
_EVALUATE = "sets => JSON.stringify(JSON.parse(sets).map(a => window.selfCheck.evaluate(a)))"


def rank(tier: str) -> int:
    return ORDER.index(tier)


@pytest.fixture(scope="module")
def engine(browser, site_url: str):
    """The built self-check page, open in Chromium; evaluate(list of answer sets) runs the page's engine."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/self-check/")
    page.wait_for_function("window.selfCheck && typeof window.selfCheck.evaluate === 'function'")

    def evaluate(answer_sets: list[dict[str, str]]) -> list[dict]:
        results: list[dict] = []
        for start in range(0, len(answer_sets), 2000):
            batch = answer_sets[start : start + 2000]
            results += json.loads(page.evaluate(_EVALUATE, json.dumps(batch)))
        return results

    evaluate.page = page
    yield evaluate
    context.close()


def _question_ids(content: Content) -> list[str]:
    return [q.id for q in self_check.questions(content)]


WORKED_CASES = [(hazard, case) for hazard in _CONTENT.hazard_log.hazards for case in hazard.worked_cases]


def _follow_ups(content: Content) -> dict[str, str]:
    """{follow-up question id: the question it follows}."""
    return {q.id: q.follow_up_of for q in self_check.questions(content) if q.follow_up_of}


def _counts(answers: dict[str, str], qid: str, follow_ups: dict[str, str]) -> bool:
    """Whether a question's answer counts: a follow-up counts only when its question is not answered no."""
    return qid not in follow_ups or answers.get(follow_ups[qid]) != "no"


@pytest.mark.parametrize(("hazard", "case"), WORKED_CASES, ids=[f"{h.id}: {c.name}" for h, c in WORKED_CASES])
def test_worked_case(engine, content: Content, hazard, case) -> None:
    answers = self_check.worked_case_answers(case, _question_ids(content))
    (result,) = engine([answers])
    assert result["tier"] == case.expect_tier
    assert result["localCaution"] is case.expect_local_caution
    if case.expect_reasons is not None:
        assert sorted(result["reasons"]) == sorted(case.expect_reasons)


def _all_no(content: Content) -> dict[str, str]:
    return dict.fromkeys(_question_ids(content), "no")


def test_every_answer_no_is_suitable_without_caution(engine, content: Content) -> None:
    assert engine([_all_no(content)]) == [
        {"tier": "suitable", "localCaution": False, "reasons": [], "cautions": []}
    ]


def _with_parent(content: Content, qid: str, answer: str) -> dict[str, str]:
    """Every answer no, `answer` to one question and, for a follow-up, "yes" to the question it follows."""
    parent = _follow_ups(content).get(qid)
    return {**_all_no(content), **({parent: "yes"} if parent else {}), qid: answer}


def test_a_single_yes_gives_exactly_the_tier_its_data_names(engine, content: Content) -> None:
    ids = _question_ids(content)
    results = engine([_with_parent(content, qid, "yes") for qid in ids])
    for qid, result in zip(ids, results, strict=True):
        if qid in content.red_flags:
            assert (result["tier"], result["localCaution"]) == (content.red_flags[qid].tier, False), qid
        else:
            kind = content.contraindications[qid].kind
            expected = ("suitable", True) if kind == "local" else (kind, False)
            assert (result["tier"], result["localCaution"]) == expected, qid
        assert result["reasons"] == [qid], qid


def test_every_new_entry_gives_at_least_its_tier_and_not_sure_never_suitable(
    engine, content: Content
) -> None:
    """The entries mainstream guidance names (issue 11's fixed ids): yes gives at least the tier named
    there, and not sure never gives suitable."""
    least = {
        "pregnancy": "doctor-first",
        "blood-thinners": "doctor-first",
        "osteoporosis": "doctor-first",
        "recent-surgery-or-fracture": "doctor-first",
        "chest-pain": "emergency",
        "leg-swelling": "urgent",
        "one-leg-getting-weaker": "urgent",
        "leg-weakness": "emergency",
    }
    yes = engine([_with_parent(content, qid, "yes") for qid in least])
    unsure = engine([_with_parent(content, qid, "unsure") for qid in least])
    for (qid, tier), y, u in zip(least.items(), yes, unsure, strict=True):
        assert rank(y["tier"]) <= rank(tier), qid
        assert u["tier"] != "suitable" and rank(u["tier"]) <= rank("doctor-first"), qid


def test_not_sure_on_any_sign_of_cauda_equina_means_help_today(engine, content: Content) -> None:
    signs = ["saddle-numbness", "bladder-bowel-control", "leg-weakness"]
    for qid, result in zip(signs, engine([_with_parent(content, q, "unsure") for q in signs]), strict=True):
        assert rank(result["tier"]) <= rank("urgent"), qid


def test_a_follow_up_counts_only_after_a_yes_or_not_sure_to_its_question(engine, content: Content) -> None:
    for qid, parent in _follow_ups(content).items():
        after_no, after_yes, after_unsure = engine(
            [{**_all_no(content), parent: p, qid: "yes"} for p in ("no", "yes", "unsure")]
        )
        assert after_no["tier"] == "suitable", qid
        assert after_yes["tier"] == after_unsure["tier"] == content.red_flags[qid].tier, qid


def test_a_single_not_sure_or_blank_sends_the_patient_to_a_doctor_at_least(engine, content: Content) -> None:
    ids = _question_ids(content)
    unsure = engine([_with_parent(content, qid, "unsure") for qid in ids])
    blank = engine([{k: v for k, v in _with_parent(content, qid, "no").items() if k != qid} for qid in ids])
    for qid, a, b in zip(ids, unsure, blank, strict=True):
        assert rank(a["tier"]) <= rank("doctor-first"), qid
        assert a == b, f"{qid}: a blank answer must count exactly as 'not sure'"
        assert a["reasons"] == [qid]
        if qid in content.red_flags:
            assert a["tier"] == content.self_check.if_unsure.red_flags, qid


def _random_answer_sets(content: Content) -> Iterator[dict[str, str]]:
    """Uniform sets, and sets that are mostly "no" (where the interesting boundaries lie), some blanks."""
    rng = random.Random(SEED)
    ids = _question_ids(content)
    for n in range(RANDOM_SETS):
        p_no = (0.25, 0.8, 0.95)[n % 3]
        answers = {}
        for qid in ids:
            roll = rng.random()
            if roll < p_no:
                answers[qid] = "no"
            elif roll < p_no + (1 - p_no) * 0.45:
                answers[qid] = "yes"
            elif roll < p_no + (1 - p_no) * 0.85:
                answers[qid] = "unsure"
            # else: left blank
        yield answers


# For each answer set: the result; every "no" changed to "not sure" and to "yes"; the reasons alone (with
# the questions their follow-ups follow, as answered) and the answers without the reasons.
_PROBE = """([sets, followUps]) => JSON.stringify(JSON.parse(sets).map(a => {
  const ev = window.selfCheck.evaluate;
  const base = ev(a);
  const noIds = Object.keys(a).filter(id => a[id] === "no");
  const flips = noIds.map(id => [id, ev({...a, [id]: "unsure"}).tier, ev({...a, [id]: "yes"}).tier]);
  const keep = base.reasons.concat(base.reasons.map(id => followUps[id]).filter(Boolean));
  const only = {};
  const without = {...a};
  for (const id of Object.keys(a).concat(keep)) only[id] = "no";
  for (const id of keep) { if (a[id]) only[id] = a[id]; else delete only[id]; }
  for (const id of base.reasons) without[id] = "no";
  return {base, flips, reasonsOnly: ev(only).tier, withoutReasons: ev(without).tier};
}))"""


@pytest.fixture(scope="module")
def random_results(engine, content: Content) -> list[tuple[dict[str, str], dict]]:
    sets = list(_random_answer_sets(content))
    follow_ups = json.dumps(_follow_ups(content))
    results: list[dict] = []
    for start in range(0, len(sets), 1000):
        batch = json.dumps(sets[start : start + 1000])
        results += json.loads(engine.page.evaluate(f"s => ({_PROBE})([s, {follow_ups}])", batch))
    return list(zip(sets, results, strict=True))


def test_ten_thousand_random_answer_sets_are_checked(
    random_results, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(random_results) == RANDOM_SETS
    # The sample reaches every tier, so each property below is tested at every tier.
    tiers = Counter(r["base"]["tier"] for _, r in random_results)
    assert set(tiers) == set(ORDER)
    flips = sum(2 * len(r["flips"]) for _, r in random_results)
    with capsys.disabled():
        print(
            f"\nself-check: {RANDOM_SETS} random answer sets (seed {SEED}) -> "
            + ", ".join(f"{t} {tiers[t]}" for t in ORDER)
            + f"; {flips} no->not sure/yes changes checked for monotonicity"
        )


def test_changing_no_to_not_sure_or_yes_never_makes_the_result_less_severe(random_results) -> None:
    checked = 0
    for answers, r in random_results:
        for qid, unsure_tier, yes_tier in r["flips"]:
            assert rank(unsure_tier) <= rank(r["base"]["tier"]), (answers, qid, "unsure")
            assert rank(yes_tier) <= rank(r["base"]["tier"]), (answers, qid, "yes")
            checked += 2
    assert checked > RANDOM_SETS * 10


def test_any_warning_sign_answered_yes_gives_its_tier_or_worse(random_results, content: Content) -> None:
    follow_ups = _follow_ups(content)
    for answers, r in random_results:
        for qid, flag in content.red_flags.items():
            if answers.get(qid) == "yes" and _counts(answers, qid, follow_ups):
                assert rank(r["base"]["tier"]) <= rank(flag.tier), (answers, qid)


def test_suitable_only_when_every_answer_is_no_apart_from_local_ones(
    random_results, content: Content
) -> None:
    local = {ci.id for ci in content.contraindications.values() if ci.kind == "local"}
    follow_ups = _follow_ups(content)
    suitable_seen = 0
    for answers, r in random_results:
        tier = r["base"]["tier"]
        all_clear = all(
            answers.get(qid) == "no"
            or (qid in local and answers.get(qid) == "yes")
            or not _counts(answers, qid, follow_ups)
            for qid in _question_ids(content)
        )
        assert (tier == "suitable") == all_clear, answers
        assert r["base"]["localCaution"] == any(answers.get(qid) == "yes" for qid in local), answers
        suitable_seen += tier == "suitable"
    assert suitable_seen > 50


def test_not_sure_or_blank_anywhere_means_a_doctor_at_least(random_results, content: Content) -> None:
    follow_ups = _follow_ups(content)
    for answers, r in random_results:
        if any(
            answers.get(qid) in (None, "unsure") and _counts(answers, qid, follow_ups)
            for qid in _question_ids(content)
        ):
            assert rank(r["base"]["tier"]) <= rank("doctor-first"), answers


def test_the_reasons_named_are_exactly_the_answers_behind_the_result(random_results) -> None:
    for answers, r in random_results:
        base = r["base"]
        if base["tier"] == "suitable":
            assert base["reasons"] == base["cautions"], answers
            continue
        assert base["reasons"], answers
        assert all(answers.get(qid) != "no" for qid in base["reasons"]), answers
        # The reasons alone give the same result, and without them the result is less severe.
        assert r["reasonsOnly"] == base["tier"], answers
        assert rank(r["withoutReasons"]) > rank(base["tier"]), answers


def test_an_unknown_answer_counts_as_not_sure(engine, content: Content) -> None:
    ids = _question_ids(content)
    odd, unsure = engine([{**_all_no(content), ids[-1]: "maybe"}, {**_all_no(content), ids[-1]: "unsure"}])
    assert odd == unsure


def test_every_pair_of_answers_is_monotonic_exhaustively(engine, content: Content) -> None:
    """Every pair of questions, with every one of the nine answer pairs and "no" everywhere else: changing
    either "no" to "not sure" or "yes" never makes the result less severe."""
    ids = _question_ids(content)
    values = ("no", "unsure", "yes")
    sets = [
        {**_all_no(content), a: va, b: vb}
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        for va in values
        for vb in values
    ]
    tiers = {json.dumps(s, sort_keys=True): r["tier"] for s, r in zip(sets, engine(sets), strict=True)}
    checked = 0
    for answers in sets:
        base = tiers[json.dumps(answers, sort_keys=True)]
        for qid in [q for q, v in answers.items() if v == "no" and q in ids]:
            for worse in ("unsure", "yes"):
                flipped = json.dumps({**answers, qid: worse}, sort_keys=True)
                if flipped in tiers:  # the flipped set is one of the pairs too
                    assert rank(tiers[flipped]) <= rank(base), (answers, qid, worse)
                    checked += 1
    assert len(sets) == len(ids) * (len(ids) - 1) // 2 * 9
    assert checked > len(sets)
