"""The self-check's data is complete: every contraindication and warning sign is asked, every reference
resolves, the worked cases cover every result, and an editor's mistake names file, line and field."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.checks.load import Content, ContentError, Problem, load_content
from macros.content import self_check
from macros.pages import markup
from support.site import SEED_DATA

# Checks what holds for any data `make check` accepts: run on the project's data and an edited copy.
pytestmark = pytest.mark.live_data


def test_every_contraindication_and_warning_sign_is_asked_once(content: Content) -> None:
    asked = [q.id for q in self_check.questions(content)]
    covered = {ci.id: ci.asked_in for ci in content.contraindications.values() if ci.asked_in}
    background = [b.id for b in content.self_check.background_questions]
    assert sorted(asked) == sorted(
        [*content.red_flags, *(c for c in content.contraindications if c not in covered), *background]
    )
    assert len(set(asked)) == len(asked)
    assert set(covered.values()) <= set(asked), "a contraindication asked by a warning sign that is not asked"
    texts = [q.text for q in self_check.questions(content)]
    assert len(set(texts)) == len(texts), "two questions ask the same thing"
    for q in self_check.questions(content):
        assert q.text.endswith("?"), q.id


def test_the_emergency_screen_comes_first_and_emergency_signs_come_before_urgent_ones(
    content: Content,
) -> None:
    asked = self_check.questions(content)
    parts = [q.part for q in asked]
    assert parts == sorted(parts, key=list(self_check.PARTS).index)
    background = {b.id for b in content.self_check.background_questions}
    for part in ("screen", "warning-signs"):
        signs = [q for q in asked if q.part == part and q.id in content.red_flags and not q.follow_up_of]
        tiers = [content.red_flags[q.id].tier for q in signs]
        assert tiers == sorted(tiers, key=self_check.TIER_ORDER.index), part
    # The background questions open part 2, each with its follow-ups, before the other warning signs.
    part2 = [q for q in asked if q.part == "warning-signs"]
    opening = [q.id for q in part2 if q.id in background or q.follow_up_of in background]
    assert [q.id for q in part2[: len(opening)]] == opening
    screen = [q.id for q in asked if q.part == "screen"]
    assert all(content.red_flags[qid].screen or content.red_flags[qid].follow_up_of for qid in screen)


def test_a_follow_up_comes_after_the_question_it_follows_and_its_other_follow_ups(content: Content) -> None:
    asked = self_check.questions(content)
    position = {q.id: i for i, q in enumerate(asked)}
    for q in asked:
        if q.follow_up_of:
            between = asked[position[q.follow_up_of] + 1 : position[q.id]]
            assert between == [b for b in between if b.follow_up_of == q.follow_up_of], q.id
            assert q.part == asked[position[q.follow_up_of]].part


def test_each_question_takes_its_tier_from_the_data(content: Content) -> None:
    rules = {q["id"]: q for q in self_check.rules(content)["questions"]}
    for flag in content.red_flags.values():
        expected = {"yes": flag.without_back_pain or flag.tier} | (
            {"known": flag.known} if flag.known else {}
        )
        assert {k: v for k, v in rules[flag.id]["tiers"].items() if k not in ("no", "unsure")} == expected
        assert not rules[flag.id]["local"]
    for ci in content.contraindications.values():
        if ci.asked_in:  # asked by a warning sign, whose tier is stricter than this entry's kind
            order = self_check.TIER_ORDER
            assert order.index(rules[ci.asked_in]["tiers"]["yes"]) <= order.index(ci.kind), ci.id
            continue
        own = {a.value: a.tier for a in ci.answers} or {"yes": "suitable" if ci.kind == "local" else ci.kind}
        assert {k: v for k, v in rules[ci.id]["tiers"].items() if k not in ("no", "unsure")} == own
        assert rules[ci.id]["local"] == (ci.kind == "local")
    for b in content.self_check.background_questions:
        assert rules[b.id]["tiers"] == {a.value: a.tier for a in b.answers} | {
            "no": "suitable",
            "unsure": b.unsure,
        }


def test_a_doctor_already_knows_never_gives_urgent_or_emergency_and_is_offered_where_guidance_needs_it(
    content: Content,
) -> None:
    """Any data: "known" gives at most doctor-first. The seed data: it is offered on the signs the issue
    names (a symptom that can be long-standing)."""
    order = self_check.TIER_ORDER
    for q in self_check.rules(content)["questions"]:
        if "known" in q["tiers"]:
            assert order.index(q["tiers"]["known"]) >= order.index("avoid"), q["id"]
    seed = load_content(SEED_DATA)
    offered = {f.id for f in seed.red_flags.values() if f.known}
    wanted = {"leg-weakness", "bladder-bowel-control", "chest-pain", "night-pain", "back-shape-change"}
    assert wanted | {"upper-back-pain"} <= offered


def test_not_sure_always_leads_to_a_doctor_at_least(content: Content) -> None:
    order = self_check.rules(content)["order"]
    for q in self_check.rules(content)["questions"]:
        assert order.index(q["tiers"]["unsure"]) <= order.index("doctor-first"), q["id"]


def test_the_five_tiers_exist_in_order_with_their_texts(content: Content) -> None:
    assert [t.id for t in content.self_check.tiers] == [
        "emergency",
        "urgent",
        "avoid",
        "doctor-first",
        "suitable",
    ]
    used = {t for q in self_check.rules(content)["questions"] for t in q["tiers"].values()}
    assert used <= {t.id for t in content.self_check.tiers}
    for t in content.self_check.tiers:
        assert t.headline and t.what_to_do and t.contacts


def test_the_emergency_result_gives_the_emergency_number(content: Content) -> None:
    emergency = self_check.tier(content, "emergency")
    assert "emergency" in emergency.contacts
    assert content.clinic.emergency_number in self_check.fill(emergency.what_to_do, content)


def test_the_urgent_result_means_today_with_the_help_line_to_call(content: Content) -> None:
    urgent = self_check.tier(content, "urgent")
    text = self_check.fill(" ".join([urgent.headline, urgent.in_short, urgent.what_to_do]), content)
    assert "today" in text and "tomorrow" not in text and "soon" not in text
    assert content.clinic.non_emergency_number in text and content.clinic.non_emergency_name in text
    assert urgent.contacts[0] == "non-emergency"


def test_the_seed_hazard_log_has_150_worked_cases_and_every_hazard_has_one() -> None:
    hazards = load_content(SEED_DATA).hazard_log.hazards
    cases = [case for h in hazards for case in h.worked_cases]
    assert len(cases) >= 150
    assert all(h.worked_cases for h in hazards)
    assert {c.expect_tier for c in cases} == set(self_check.TIER_ORDER)
    assert any(c.expect_local_caution for c in cases)
    assert any(c.not_answered or c.rest == "not-answered" for c in cases)


def test_the_worked_cases_give_every_answer_of_every_question_and_every_combination(content: Content) -> None:
    cases = [case for h in content.hazard_log.hazards for case in h.worked_cases]
    given = {(qid, "yes") for c in cases for qid in c.answered_yes}
    given |= {(qid, "known") for c in cases for qid in c.answered_known}
    given |= {(qid, "unsure") for c in cases for qid in c.answered_not_sure}
    given |= {(qid, value) for c in cases for qid, value in c.answers.items()}
    for q in self_check.questions(content):
        for value in [a.value for a in q.answers] + ["unsure"]:
            assert (q.id, value) in given, (q.id, value)
    named = {r for c in cases for r in c.expect_reasons or []}
    assert {c.id for c in content.self_check.combinations} <= named


def test_every_what_bothers_you_option_points_at_existing_conditions(content: Content) -> None:
    for option in content.self_check.concerns.options:
        assert option.conditions and all(c in content.conditions for c in option.conditions), option.id


def test_the_rule_table_cannot_break_out_of_its_html(content: Content) -> None:
    raw = markup.json_for_script(self_check.rules(content), sort_keys=True)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == self_check.rules(content)


# --- Mistakes an editor can make --------------------------------------------------------------------


def _problems_after(tmp_path: Path, file_name: str, edit) -> list[Problem]:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    path = data / file_name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(data)
    return error.value.problems


def _line(file_name: str, pattern: str) -> int:
    lines = (SEED_DATA / file_name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if re.search(pattern, line))


def test_a_contraindication_without_a_question_is_reported_with_file_line_and_field(tmp_path: Path) -> None:
    line = _line("contraindications.yml", r"^  question: Has a doctor told you that you have heart failure")
    problems = _problems_after(
        tmp_path,
        "contraindications.yml",
        lambda s: re.sub(r"  question: Has a doctor told you that you have heart failure.*\n", "", s),
    )
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.field, p.message) == (
        "data/contraindications.yml",
        "question",
        "needs a question for the self-check (or asked_in: the id of a warning sign that asks it)",
    )
    assert _line("contraindications.yml", r"^- id: heart-failure$") <= p.line < line


def test_a_contraindication_asked_by_an_unknown_warning_sign_is_reported(tmp_path: Path) -> None:
    line = _line("contraindications.yml", r"asked_in: fever-with-back-pain")
    problems = _problems_after(
        tmp_path,
        "contraindications.yml",
        lambda s: s.replace("asked_in: fever-with-back-pain", "asked_in: fever-with-back"),
    )
    assert [str(p) for p in problems] == [
        f"data/contraindications.yml:{line}: asked_in: unknown warning sign 'fever-with-back' "
        "(did you mean 'fever-with-back-pain'?)"
    ]


def test_a_follow_up_of_an_unknown_question_is_reported(tmp_path: Path) -> None:
    line = _line("red_flags.yml", r"follow_up_of: osteoporosis")
    problems = _problems_after(
        tmp_path,
        "red_flags.yml",
        lambda s: s.replace("follow_up_of: osteoporosis", "follow_up_of: osteoporsis"),
    )
    assert [str(p) for p in problems] == [
        f"data/red_flags.yml:{line}: follow_up_of: unknown question 'osteoporsis' "
        "(did you mean 'osteoporosis'?)"
    ]


def test_a_warning_sign_without_a_question_is_reported(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "red_flags.yml",
        lambda s: re.sub(r"  question: Since it started, is your back pain worse at night.*\n", "", s),
    )
    assert [(p.file, p.field, p.message) for p in problems] == [
        ("data/red_flags.yml", "question", "required field is missing; add a line 'question: …'")
    ]


def test_a_worked_case_naming_an_unknown_question_is_reported_with_its_line(tmp_path: Path) -> None:
    line = _line("hazard_log.yml", r"answered_yes: \[high-blood-pressure\]")
    problems = _problems_after(
        tmp_path,
        "hazard_log.yml",
        lambda s: s.replace("answered_yes: [high-blood-pressure]", "answered_yes: [high-blood-presure]"),
    )
    assert [str(p) for p in problems] == [
        f"data/hazard_log.yml:{line}: hazards.worked_cases.answered_yes: "
        "unknown question 'high-blood-presure' "
        "(did you mean 'high-blood-pressure'?)"
    ]


def test_a_worked_case_answering_a_question_twice_is_reported(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "hazard_log.yml",
        lambda s: s.replace(
            "answered_not_sure: [heart-failure]",
            "answered_not_sure: [heart-failure]\n        answered_yes: [heart-failure]",
        ),
    )
    assert len(problems) == 1
    assert problems[0].field == "hazards.worked_cases.answered_not_sure"
    assert "already listed in answered_yes" in problems[0].message


def test_a_hazard_without_a_worked_case_is_reported(tmp_path: Path) -> None:
    def drop_cases(source: str) -> str:
        start = source.index("  - id: all-clear")
        cases = source.index("    worked_cases:", start)
        end = source.index("    sources:", cases)
        return source[:cases] + "    worked_cases: []\n" + source[end:]

    problems = _problems_after(tmp_path, "hazard_log.yml", drop_cases)
    assert [(p.file, p.field) for p in problems] == [("data/hazard_log.yml", "hazards.worked_cases")]


def test_an_unknown_expected_tier_is_reported(tmp_path: Path) -> None:
    line = _line("hazard_log.yml", r"expect_tier: avoid")
    problems = _problems_after(
        tmp_path, "hazard_log.yml", lambda s: s.replace("expect_tier: avoid", "expect_tier: avoi", 1)
    )
    assert [str(p) for p in problems] == [
        f"data/hazard_log.yml:{line}: hazards.worked_cases.expect_tier: "
        "'avoi' is not one of emergency, urgent, "
        "avoid, doctor-first, suitable (did you mean 'avoid'?)"
    ]


def test_a_what_bothers_you_option_with_an_unknown_condition_is_reported(tmp_path: Path) -> None:
    line = _line("self_check.yml", r"conditions: \[muscle-tension\]")
    problems = _problems_after(
        tmp_path,
        "self_check.yml",
        lambda s: s.replace("conditions: [muscle-tension]", "conditions: [muscle-tensoin]"),
    )
    assert [str(p) for p in problems] == [
        f"data/self_check.yml:{line}: concerns.options.conditions: unknown condition 'muscle-tensoin' "
        "(did you mean 'muscle-tension'?)"
    ]


def test_tiers_out_of_order_are_reported(tmp_path: Path) -> None:
    def swap(source: str) -> str:
        start = source.index("  - id: avoid")
        middle = source.index("  - id: doctor-first")
        end = source.index("  - id: suitable")
        return source[:start] + source[middle:end] + source[start:middle] + source[end:]

    problems = _problems_after(tmp_path, "self_check.yml", swap)
    assert len(problems) == 1
    assert (problems[0].field, problems[0].line) == ("tiers", _line("self_check.yml", r"^tiers:") + 1)
    assert "most serious first" in problems[0].message


def test_an_unknown_placeholder_is_reported(tmp_path: Path) -> None:
    line = _line("self_check.yml", r"in_short: Call \{emergency_number\} now")
    problems = _problems_after(
        tmp_path,
        "self_check.yml",
        lambda s: s.replace("in_short: Call {emergency_number}", "in_short: Call {ambulance}"),
    )
    assert [str(p) for p in problems] == [
        f"data/self_check.yml:{line}: tiers.in_short: unknown placeholder {{ambulance}}; this text may hold "
        "only {emergency_number}, {clinic_phone}, {non_emergency_name}, {non_emergency_number}, {country}"
    ]


def test_a_prompt_without_its_count_is_reported(tmp_path: Path) -> None:
    line = _line("self_check.yml", r"^unanswered_prompt:")
    problems = _problems_after(
        tmp_path, "self_check.yml", lambda s: s.replace("{count} of the questions", "some questions")
    )
    assert [str(p) for p in problems] == [
        f"data/self_check.yml:{line}: unanswered_prompt: must hold {{count}} once, where the site puts its "
        "value (this text may hold {emergency_number}, {clinic_phone}, {non_emergency_name}, "
        "{non_emergency_number}, {country}, {count})"
    ]


def test_a_not_sure_rule_that_would_allow_suitable_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "self_check.yml",
        lambda s: s.replace("  contraindications: doctor-first", "  contraindications: suitable"),
    )
    assert len(problems) == 1
    assert problems[0].field == "if_unsure.contraindications"


def test_a_combination_naming_an_unknown_question_is_reported(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path, "self_check.yml", lambda s: s.replace("weak-immune-system: [", "weak-immune: [", 1)
    )
    assert [(p.file, p.field) for p in problems] == [("data/self_check.yml", "combinations.when.weak-immune")]
    assert "unknown question 'weak-immune'" in problems[0].message


def test_a_combination_milder_than_its_parts_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "self_check.yml",
        lambda s: s.replace(
            "      cancer: [treatment-now]\n    tier: emergency",
            "      cancer: [treatment-now]\n    tier: avoid",
        ),
    )
    assert [(p.field, p.message) for p in problems] == [
        (
            "combinations.tier",
            "'avoid' is not more serious than 'fever-with-back-pain' alone ('avoid'); "
            "a combination must give a "
            "more serious result than each of its answers",
        )
    ]


def test_a_combination_of_a_no_answer_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "self_check.yml",
        lambda s: s.replace('weak-immune-system: ["yes", unsure]', 'weak-immune-system: ["no"]'),
    )
    assert [p.message for p in problems] == ["a 'no' never makes a result more serious; leave it out"]


def test_a_new_question_without_a_worked_case_is_refused_with_the_case_to_copy(tmp_path: Path) -> None:
    new = (
        "\n- id: sciatica-getting-worse\n  name: Sciatica getting worse\n"
        "  search_terms: [worse sciatica, sciatica worse, leg pain worse, siatica]\n"
        "  plain: Your sciatica is getting worse.\n"
        "  kind: doctor-first\n  reason: It needs checking.\n  question: Is your sciatica getting worse?\n"
        "  sources: [nhs-sciatica]\n  last_reviewed: 2026-12-04\n  next_review: 2027-12-04\n"
        "  reviewed_by: content-team\n"
    )
    problems = _problems_after(tmp_path, "contraindications.yml", lambda s: s + new)
    assert [(p.file, p.field) for p in problems] == [("data/hazard_log.yml", "hazards")] * 2
    assert "no worked case answers 'sciatica-getting-worse' with 'yes'" in problems[0].message
    assert "answered_yes: [sciatica-getting-worse]" in problems[0].message
    assert "answered_not_sure: [sciatica-getting-worse]" in problems[1].message


def test_a_hazard_left_at_an_unacceptable_risk_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "hazard_log.yml",
        lambda s: s.replace("residual_likelihood: very-low", "residual_likelihood: medium", 1),
    )
    assert [(p.field, p.message) for p in problems] == [
        (
            "hazards.residual_likelihood",
            "leaves a clinical risk of 4 of 5 (DCB0129: unacceptable above 3); strengthen the mitigation so "
            "that the harm is less likely",
        )
    ]


def test_known_is_offered_only_where_the_data_allows_it(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "hazard_log.yml",
        lambda s: s.replace("answered_known: [leg-weakness]", "answered_known: [one-leg-getting-weaker]", 1),
    )
    assert "'one-leg-getting-weaker' does not offer the answer 'known'" in [p.message for p in problems]


def test_an_emergency_number_that_is_not_the_countrys_is_a_warning() -> None:
    from macros.content.countries import number_problems

    assert number_problems("GB", "999", "111") == []
    assert [f for f, _ in number_problems("GB", "112", "111")] == ["emergency_number"]
    assert [f for f, _ in number_problems("GB", "911", "111")] == ["emergency_number"]
    assert [f for f, _ in number_problems("DE", "112", "111")] == ["non_emergency_number"]
    assert number_problems("RU", "103", "122") == []
    assert [f for f, _ in number_problems("XX", "112", "111")] == ["country_code"]
