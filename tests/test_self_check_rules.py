"""The self-check's rules, run in Chromium on the built page: the same JavaScript the patient runs.

Worked cases come from data/self_check.yml. The safety properties are checked over every single-"yes"
and single-"not sure" answer set and over 10,000 random ones (a fixed seed, so a failure can be
replayed). Nothing here re-implements the rules: expected tiers come from the data (a warning sign's
`tier`, a contraindication's `kind`) or from comparing the engine with itself.
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


@pytest.mark.parametrize("case", _CONTENT.self_check.worked_cases, ids=lambda c: c.name)
def test_worked_case(engine, content: Content, case) -> None:
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


def test_a_single_yes_gives_exactly_the_tier_its_data_names(engine, content: Content) -> None:
    ids = _question_ids(content)
    results = engine([{**_all_no(content), qid: "yes"} for qid in ids])
    for qid, result in zip(ids, results, strict=True):
        if qid in content.red_flags:
            assert (result["tier"], result["localCaution"]) == (content.red_flags[qid].tier, False), qid
        else:
            kind = content.contraindications[qid].kind
            expected = ("suitable", True) if kind == "local" else (kind, False)
            assert (result["tier"], result["localCaution"]) == expected, qid
        assert result["reasons"] == [qid], qid


def test_a_single_not_sure_or_blank_sends_the_patient_to_a_doctor_at_least(engine, content: Content) -> None:
    ids = _question_ids(content)
    unsure = engine([{**_all_no(content), qid: "unsure"} for qid in ids])
    blank = engine([{k: v for k, v in _all_no(content).items() if k != qid} for qid in ids])
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


_PROBE = """sets => JSON.stringify(JSON.parse(sets).map(a => {
  const ev = window.selfCheck.evaluate;
  const base = ev(a);
  const noIds = Object.keys(a).filter(id => a[id] === "no");
  const flips = noIds.map(id => [id, ev({...a, [id]: "unsure"}).tier, ev({...a, [id]: "yes"}).tier]);
  const only = {};
  const without = {...a};
  for (const id of Object.keys(a).concat(base.reasons)) only[id] = "no";
  for (const id of base.reasons) { if (a[id]) only[id] = a[id]; else delete only[id]; without[id] = "no"; }
  return {base, flips, reasonsOnly: ev(only).tier, withoutReasons: ev(without).tier};
}))"""


@pytest.fixture(scope="module")
def random_results(engine, content: Content) -> list[tuple[dict[str, str], dict]]:
    sets = list(_random_answer_sets(content))
    results: list[dict] = []
    for start in range(0, len(sets), 1000):
        results += json.loads(engine.page.evaluate(_PROBE, json.dumps(sets[start : start + 1000])))
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
    for answers, r in random_results:
        for qid, flag in content.red_flags.items():
            if answers.get(qid) == "yes":
                assert rank(r["base"]["tier"]) <= rank(flag.tier), (answers, qid)


def test_suitable_only_when_every_answer_is_no_apart_from_local_ones(
    random_results, content: Content
) -> None:
    local = {ci.id for ci in content.contraindications.values() if ci.kind == "local"}
    suitable_seen = 0
    for answers, r in random_results:
        tier = r["base"]["tier"]
        all_clear = all(
            answers.get(qid) == "no" or (qid in local and answers.get(qid) == "yes")
            for qid in _question_ids(content)
        )
        assert (tier == "suitable") == all_clear, answers
        assert r["base"]["localCaution"] == any(answers.get(qid) == "yes" for qid in local), answers
        suitable_seen += tier == "suitable"
    assert suitable_seen > 50


def test_not_sure_or_blank_anywhere_means_a_doctor_at_least(random_results, content: Content) -> None:
    for answers, r in random_results:
        if any(answers.get(qid) in (None, "unsure") for qid in _question_ids(content)):
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
