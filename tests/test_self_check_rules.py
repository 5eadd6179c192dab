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

from macros.checks.load import Content, load_content
from macros.content import self_check
from support.site import DATA

# Run before a change to the texts alone publishes (make test-publish), as well as in make test.
pytestmark = pytest.mark.publish_check

ORDER = list(self_check.TIER_ORDER)
RANDOM_SETS = 10_000
SEED = 20261121
_CONTENT = load_content(DATA)


# Answer sets travel as one JSON string each way: much faster than Playwright's value serialiser. An
# answer set may carry the concerns ticked under the key "concerns" (no question has that id).
_EVALUATE = """sets => JSON.stringify(JSON.parse(sets).map(a => {
  const {concerns, ...answers} = a;
  return window.selfCheck.evaluate(answers, concerns || []);
}))"""


def rank(tier: str) -> int:
    return ORDER.index(tier)


@pytest.fixture(scope="module")
def engine(contexts, site_url: str):
    """The built self-check page, open in Chromium; evaluate(list of answer sets) runs the page's engine."""
    with contexts.first_visit() as page:
        yield _engine(page, site_url)


def _engine(page, site_url: str):  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/self-check/")
    page.wait_for_function("window.selfCheck && typeof window.selfCheck.evaluate === 'function'")

    def evaluate(answer_sets: list[dict[str, str]]) -> list[dict]:
        results: list[dict] = []
        for start in range(0, len(answer_sets), 2000):
            batch = answer_sets[start : start + 2000]
            results += json.loads(page.evaluate(_EVALUATE, json.dumps(batch)))
        return results

    evaluate.page = page
    return evaluate


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
    (result,) = engine([{**answers, "concerns": case.concerns}])
    assert result["tier"] == case.expect_tier
    assert result["localCaution"] is case.expect_local_caution
    assert result["crisisLines"] is case.expect_crisis_lines
    if case.expect_reasons is not None:
        assert sorted(result["reasons"]) == sorted(case.expect_reasons)


def _all_no(content: Content) -> dict[str, str]:
    return dict.fromkeys(_question_ids(content), "no")


def test_every_answer_no_is_suitable_without_caution(engine, content: Content) -> None:
    assert engine([_all_no(content)]) == [
        {"tier": "suitable", "localCaution": False, "reasons": [], "cautions": [], "crisisLines": False}
    ]


def _first_yes(content: Content, qid: str) -> str:
    """The first answer a question offers other than no and not sure ("yes" for most)."""
    return next(q for q in self_check.questions(content) if q.id == qid).answers[0].value


def _with_parent(content: Content, qid: str, answer: str) -> dict[str, str]:
    """Every answer no, `answer` to one question and, for a follow-up, the first kind of yes to the
    question it follows."""
    parent = _follow_ups(content).get(qid)
    return {**_all_no(content), **({parent: _first_yes(content, parent)} if parent else {}), qid: answer}


def _data_tier(content: Content, qid: str, answer: str) -> tuple[str, bool]:
    """What the data says one answer gives, with every other answer no (so no back pain), and whether the
    therapist must be told: a warning sign's tier (without back pain) or its `known`, a contraindication's
    kind or own answer, a background question's answer."""
    if qid in content.red_flags:
        flag = content.red_flags[qid]
        if answer == "known":
            return flag.known or "", True
        return flag.without_back_pain or flag.tier, False
    if qid in content.contraindications:
        entry = content.contraindications[qid]
        own = {a.value: a.tier for a in entry.answers}
        if own:
            return own[answer], False
        return ("suitable", True) if entry.kind == "local" else (entry.kind, False)
    background = next(b for b in content.self_check.background_questions if b.id == qid)
    return next(a.tier for a in background.answers if a.value == answer), False


def _single_answers(content: Content) -> list[tuple[str, str]]:
    """(question, answer) for every answer of every question other than no and not sure."""
    return [(q.id, a.value) for q in self_check.questions(content) for a in q.answers]


def test_a_single_answer_gives_exactly_the_tier_its_data_names(engine, content: Content) -> None:
    pairs = _single_answers(content)
    results = engine([_with_parent(content, qid, answer) for qid, answer in pairs])
    for (qid, answer), result in zip(pairs, results, strict=True):
        tier, caution = _data_tier(content, qid, answer)
        assert (result["tier"], result["localCaution"]) == (tier, caution), (qid, answer)
        assert result["reasons"] == ([qid] if tier != "suitable" or caution else []), (qid, answer)


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
    """Uniform sets, and sets that are mostly "no" (where the interesting boundaries lie), some blanks;
    a question's kinds of yes (yes, known, its own answers) share the "yes" share."""
    rng = random.Random(SEED)
    asked = self_check.questions(content)
    for n in range(RANDOM_SETS):
        p_no = (0.25, 0.8, 0.95)[n % 3]
        answers = {}
        for q in asked:
            roll = rng.random()
            if roll < p_no:
                answers[q.id] = "no"
            elif roll < p_no + (1 - p_no) * 0.45:
                answers[q.id] = rng.choice(q.answers).value
            elif roll < p_no + (1 - p_no) * 0.85:
                answers[q.id] = "unsure"
            # else: left blank
        yield answers


# For each answer set: the result; every "no" changed to "not sure" and to each kind of yes the question
# offers; the reasons alone (a combination's reason stands for all its questions; with the questions
# their follow-ups follow, as answered) and the answers without the reasons.
_PROBE = """([sets, followUps, offered, combinations]) => JSON.stringify(JSON.parse(sets).map(a => {
  const ev = window.selfCheck.evaluate;
  const base = ev(a);
  const noIds = Object.keys(a).filter(id => a[id] === "no");
  const flips = noIds.map(id => [id, ["unsure"].concat(offered[id]).map(v => ev({...a, [id]: v}).tier)]);
  const questionsOf = id => [id].concat(...combinations.filter(c => c.reasons.includes(id))
    .map(c => Object.keys(c.when))).filter(q => q in offered);
  const reasonQuestions = [].concat(...base.reasons.map(questionsOf));
  const keep = reasonQuestions.concat(reasonQuestions.map(id => followUps[id]).filter(Boolean));
  const only = {};
  const without = {...a};
  for (const id of Object.keys(a).concat(keep)) only[id] = "no";
  for (const id of keep) { if (a[id]) only[id] = a[id]; else delete only[id]; }
  for (const id of reasonQuestions) without[id] = "no";
  return {base, flips, reasonsOnly: ev(only).tier, withoutReasons: ev(without).tier};
}))"""


@pytest.fixture(scope="module")
def random_results(engine, content: Content) -> list[tuple[dict[str, str], dict]]:
    sets = list(_random_answer_sets(content))
    follow_ups = json.dumps(_follow_ups(content))
    offered = json.dumps({q.id: [a.value for a in q.answers] for q in self_check.questions(content)})
    combinations = json.dumps(self_check.rules(content)["combinations"])
    results: list[dict] = []
    for start in range(0, len(sets), 1000):
        batch = json.dumps(sets[start : start + 1000])
        results += json.loads(
            engine.page.evaluate(f"s => ({_PROBE})([s, {follow_ups}, {offered}, {combinations}])", batch)
        )
    return list(zip(sets, results, strict=True))


def test_ten_thousand_random_answer_sets_are_checked(
    random_results, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(random_results) == RANDOM_SETS
    # The sample reaches every tier, so each property below is tested at every tier.
    tiers = Counter(r["base"]["tier"] for _, r in random_results)
    assert set(tiers) == set(ORDER)
    flips = sum(len(tiers) for _, r in random_results for _, tiers in r["flips"])
    with capsys.disabled():
        print(
            f"\nself-check: {RANDOM_SETS} random answer sets (seed {SEED}) -> "
            + ", ".join(f"{t} {tiers[t]}" for t in ORDER)
            + f"; {flips} no->not sure/yes changes checked for monotonicity"
        )


def test_changing_no_to_not_sure_or_any_yes_never_makes_the_result_less_severe(random_results) -> None:
    checked = 0
    for answers, r in random_results:
        for qid, tiers in r["flips"]:
            for tier in tiers:
                assert rank(tier) <= rank(r["base"]["tier"]), (answers, qid)
                checked += 1
    assert checked > RANDOM_SETS * 10


def test_any_warning_sign_answered_yes_gives_its_tier_or_worse(random_results, content: Content) -> None:
    """Its tier with back pain (any answer to back-pain but no); its without_back_pain tier otherwise."""
    follow_ups = _follow_ups(content)
    for answers, r in random_results:
        back_pain = answers.get(self_check.BACK_PAIN) != "no"
        for qid, flag in content.red_flags.items():
            if answers.get(qid) == "yes" and _counts(answers, qid, follow_ups):
                floor = flag.tier if back_pain else flag.without_back_pain or flag.tier
                assert rank(r["base"]["tier"]) <= rank(floor), (answers, qid)


def test_suitable_only_when_every_answer_alone_is_suitable(random_results, content: Content) -> None:
    """Suitable only when every answer that counts is no, or an answer the data says is suitable (a
    "local" yes, a checked sign whose `known` is suitable, such an own answer); and then suitable unless a
    combination holds. The note for the therapist exactly when a local yes or a "known" counts."""
    follow_ups = _follow_ups(content)
    suitable = {
        (q.id, a.value) for q in self_check.questions(content) for a in q.answers if a.tier == "suitable"
    }
    local = {q.id for q in self_check.questions(content) if q.local}
    combinations = {c.id for c in self_check.combinations(content)}
    suitable_seen = 0
    for answers, r in random_results:
        tier = r["base"]["tier"]
        counted = [qid for qid in _question_ids(content) if _counts(answers, qid, follow_ups)]
        all_clear = all(answers.get(qid) == "no" or (qid, answers.get(qid)) in suitable for qid in counted)
        if tier == "suitable":
            assert all_clear, answers
        elif all_clear:
            assert set(r["base"]["reasons"]) <= combinations, answers
        told = any(
            (qid in local and answers.get(qid) == "yes") or answers.get(qid) == "known" for qid in counted
        )
        assert r["base"]["localCaution"] == told, answers
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


_PAIRS = """([ids, values, order]) => {
  const ev = window.selfCheck.evaluate;
  const rank = t => order.indexOf(t);
  const none = Object.fromEntries(ids.map(id => [id, "no"]));
  let sets = 0, checked = 0;
  const wrong = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
    const [a, b] = [ids[i], ids[j]];
    const tier = {};
    for (const va of values[a]) for (const vb of values[b]) {
      tier[va + "|" + vb] = rank(ev({...none, [a]: va, [b]: vb}).tier);
      sets++;
    }
    // "no" is each question's first value: a worse answer in place of it never gives a milder result.
    for (const va of values[a]) for (const vb of values[b]) {
      const base = tier[va + "|" + vb];
      if (va === "no") for (const w of values[a].slice(1)) {
        checked++;
        if (tier[w + "|" + vb] > base) wrong.push([a, w, b, vb]);
      }
      if (vb === "no") for (const w of values[b].slice(1)) {
        checked++;
        if (tier[va + "|" + w] > base) wrong.push([a, va, b, w]);
      }
    }
  }
  return {sets, checked, wrong: wrong.slice(0, 20)};
}"""


def test_every_pair_of_answers_is_monotonic_exhaustively(engine, content: Content) -> None:
    """Every pair of questions, with every pair of their answers and "no" everywhere else: changing
    either "no" to "not sure" or to any kind of yes never makes the result less severe. Run in the page:
    a pair table per question pair, then every flip within it."""
    ids = _question_ids(content)
    values = {q.id: ["no", "unsure", *(a.value for a in q.answers)] for q in self_check.questions(content)}
    result = engine.page.evaluate(_PAIRS, [ids, values, ORDER])
    assert result["wrong"] == []
    assert result["sets"] == sum(
        len(values[a]) * len(values[b]) for i, a in enumerate(ids) for b in ids[i + 1 :]
    )
    assert result["checked"] > result["sets"]
