"""A patient completes the self-check in real Chromium: by mouse, by keyboard only and on a phone. The
answers never leave the device: no request, no cookie, no storage, no change to the address."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from macros.content import Content, self_check
from support.self_check import NEXT_PART, Visit, see_result, show_question, tick_concern

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


# These tests drive the self-check as a patient does, with answers chosen for the seed questions: they run
# on the site built from the frozen seed data (tests/fixtures/data), whatever editors change in data/.
@pytest.fixture(scope="module")
def content(seed_content: Content) -> Content:
    return seed_content


@pytest.fixture(scope="module")
def site_url(seed_site_url: str) -> str:
    return seed_site_url


@pytest.fixture
def visit(page, site_url: str) -> Visit:
    return Visit(page, site_url)


@pytest.fixture(scope="module")
def _kept_visit(contexts, site_url: str) -> Iterator[Visit]:
    with contexts.first_visit() as page:
        yield Visit(page, site_url)


@pytest.fixture
def case_visit(_kept_visit: Visit) -> Visit:
    """For the tests of what a set of answers shows, many cases each: the self-check opened anew (a fresh
    document, its script started again, nothing answered) in a page kept for them all. A new page would
    start a renderer besides: 0.27 s of CPU a case. Nothing carries over from one case to the next: these
    tests only answer and read, and the self-check stores nothing (test_answers_never_leave_the_device)."""
    _kept_visit.requests.clear()
    _kept_visit.open()
    return _kept_visit


@pytest.fixture
def phone_visit(contexts, site_url: str) -> Iterator[Visit]:
    with contexts.first_visit(**PHONE) as page:
        yield Visit(page, site_url)


def _ids(content: Content) -> list[str]:
    return [q.id for q in self_check.questions(content)]


SCENARIOS = [
    # name, answered yes, answered not sure, expected tier, expected local caution
    ("all clear", [], [], "suitable", "false"),
    ("sunburn on the back", ["skin-irritation"], [], "suitable", "true"),
    ("high blood pressure", ["high-blood-pressure"], [], "doctor-first", "false"),
    ("not sure about heart failure", [], ["heart-failure"], "doctor-first", "false"),
    # The note for the therapist shows only where a massage may still go ahead.
    ("flu and a wound", ["infectious-disease", "skin-lesions"], [], "avoid", "false"),
    ("pain at night", ["back-pain=new", "night-pain"], [], "urgent", "false"),
    ("numb around the genitals", ["saddle-numbness", "high-blood-pressure"], [], "emergency", "false"),
    ("pregnant", ["pregnancy"], [], "doctor-first", "false"),
    ("cancer and new pain", ["cancer=in-the-past", "back-pain=new", "cancer-history"], [], "urgent", "false"),
    ("stable angina a doctor knows", ["chest-pain=known"], [], "doctor-first", "true"),
    ("a fatty lump a doctor checked", ["back-shape-change=known"], [], "suitable", "true"),
    ("fever during chemotherapy", ["fever-with-back-pain", "cancer=treatment-now"], [], "emergency", "false"),
    ("HIV on treatment", ["infectious-disease=long-term-not-by-touch"], [], "suitable", "false"),
]


def _answers(content: Content, yes=(), unsure=()) -> dict[str, str]:
    """Every question in the order asked: yes (or, written "question=answer", another kind of yes), not
    sure, or no."""
    given = dict(item.split("=") if "=" in item else (item, "yes") for item in yes)
    return {qid: given.get(qid, "unsure" if qid in unsure else "no") for qid in _ids(content)}


def _plain(content: Content) -> dict[str, str]:
    """What each question's yes means in the patient's words, as the result names it."""
    return {q.id: q.plain for q in self_check.questions(content)}


@pytest.mark.parametrize(
    ("name", "yes", "unsure", "tier", "caution"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_a_patient_s_answers_give_the_result_with_the_reasons_behind_it(
    case_visit: Visit, content: Content, name: str, yes: list[str], unsure: list[str], tier: str, caution: str
) -> None:
    """Each answer that is not no clicked with the mouse, part by part, then "See my result"."""
    answers = _answers(content, yes, unsure)
    case_visit.answer(answers)
    case_visit.submit()

    assert case_visit.tier() == tier
    assert case_visit.local_caution() == caution
    result = case_visit.result.inner_text()
    assert self_check.tier(content, tier).headline in result
    # The result names the answers behind it, and the areas the therapist must avoid.
    outcome = case_visit.page.evaluate("a => window.selfCheck.evaluate(a)", answers)
    given = {item.split("=")[0] for item in yes + unsure}
    combinations = {c.id: c.plain for c in content.self_check.combinations}
    assert set(outcome["reasons"]) | set(outcome["cautions"]) <= given | set(combinations)
    for qid in outcome["reasons"] + (outcome["cautions"] if caution == "true" else []):
        assert (combinations.get(qid) or _plain(content)[qid]) in result, qid
    assert content.self_check.not_a_diagnosis in result
    assert str(dt.date.today().year) in case_visit.result.locator("[data-checked-at]").inner_text()
    assert case_visit.page.evaluate("document.activeElement.id") == "self-check-result"


def test_the_emergency_result_gives_the_number_to_call(visit: Visit, content: Content) -> None:
    visit.answer(_answers(content, yes=["bladder-bowel-control"]))
    visit.submit()
    call = visit.result.get_by_role("link", name=f"Call {content.clinic.emergency_number}")
    assert call.is_visible()
    assert call.get_attribute("href") == f"tel:{content.clinic.emergency_number}"
    assert "Book a massage" not in visit.result.inner_text()


def test_an_emergency_yes_shows_the_emergency_result_at_once(visit: Visit, content: Content) -> None:
    visit.answer_option("saddle-numbness", "no").click()
    assert visit.result.is_hidden()
    visit.answer_option("bladder-bowel-control", "yes").click()  # no submit
    assert visit.result.is_visible() and visit.tier() == "emergency"
    assert visit.page.evaluate("document.activeElement.id") == "self-check-result"
    assert visit.result.get_by_role("link", name=f"Call {content.clinic.emergency_number}").is_visible()
    visit.answer_option("leg-weakness", "no").click()  # answering on keeps the emergency on screen
    assert visit.tier() == "emergency"
    visit.answer_option("bladder-bowel-control", "no").click()  # a slip, put right: the result goes
    assert visit.result.is_hidden()


def test_the_urgent_result_says_today_and_calls_the_help_line(visit: Visit, content: Content) -> None:
    clinic = content.clinic
    visit.answer(_answers(content, unsure=["saddle-numbness"]))
    visit.submit()
    assert visit.tier() == "urgent"
    text = visit.result.inner_text()
    assert "today" in text and "tomorrow" not in text
    call = visit.result.get_by_role(
        "link", name=f"Call {clinic.non_emergency_name} on {clinic.non_emergency_number}"
    )
    assert call.is_visible() and call.get_attribute("href") == f"tel:{clinic.non_emergency_number}"
    assert "Book a massage" not in text


@pytest.mark.parametrize(
    ("yes", "tier", "note"),
    [
        (["chest-pain", "skin-lesions"], "emergency", False),
        (["leg-swelling", "skin-lesions"], "urgent", False),
        (["infectious-disease", "skin-lesions"], "avoid", False),
        (["pregnancy", "skin-lesions"], "doctor-first", True),
        (["skin-lesions"], "suitable", True),
    ],
)
def test_the_note_for_the_therapist_shows_only_where_a_massage_may_go_ahead(
    case_visit: Visit, content: Content, yes: list[str], tier: str, note: bool
) -> None:
    case_visit.answer(_answers(content, yes=yes))
    case_visit.submit()
    assert case_visit.tier() == tier
    assert case_visit.result.locator("[data-caution]").is_visible() is note
    assert (content.self_check.local_caution in case_visit.result.inner_text()) is note


def test_a_follow_up_shows_only_after_yes_or_not_sure(visit: Visit) -> None:
    follow_up = visit.page.locator("#sc-q-cancer-history")
    assert follow_up.is_hidden()
    for answer, shown in (("yes", True), ("no", False), ("unsure", True)):
        visit.answer_option("cancer", "in-the-past" if answer == "yes" else answer).click()
        assert follow_up.is_visible() is shown, answer


def test_massage_suggestions_show_only_when_massage_may_suit(visit: Visit, content: Content) -> None:
    visit.answer(_answers(content))
    tick_concern(visit.page, "tired-or-low")
    visit.submit()
    text = visit.result.inner_text()
    assert "Relaxation massage" in text and "Low mood and depression" in text
    assert visit.result.get_by_role("link", name="Book a massage").is_visible()

    visit.answer_option("back-pain", "new").click()
    for q in self_check.questions(content):
        if q.follow_up_of == "back-pain":
            visit.answer_option(q.id, "no").click()
    visit.answer_option("fever-with-back-pain", "yes").click()
    visit.answer_option("fever-stiff-neck", "no").click()  # its follow-up
    visit.submit()
    assert visit.tier() == "urgent"
    assert "Relaxation massage" not in visit.result.inner_text()
    assert "Book a massage" not in visit.result.inner_text()


def test_a_part_left_blank_shows_no_result_says_how_many_are_left_and_moves_the_focus(
    visit: Visit, content: Content
) -> None:
    page = visit.page
    asked = [q for q in self_check.questions(content) if not q.follow_up_of]
    page.locator(NEXT_PART).click()  # part 1 left blank
    assert visit.result.is_hidden() and visit.tier() == ""
    missing = page.locator("#self-check-missing")
    first_part = [q for q in asked if q.part == self_check.PARTS[0]]
    assert missing.is_visible() and missing.get_attribute("role") == "alert"
    assert missing.locator("[data-missing-count]").inner_text() == str(len(first_part))
    assert page.evaluate("document.activeElement.name") == first_part[0].id
    assert page.locator("[data-progress]").inner_text() == f"Part 1 of {len(self_check.PARTS) + 1}"

    last = [q for q in asked if q.part == self_check.PARTS[-1]][-1].id
    visit.answer_all({qid: value for qid, value in _answers(content).items() if qid != last})
    page.locator(NEXT_PART).click()
    assert visit.result.is_hidden()
    assert missing.locator("[data-missing-count]").inner_text() == "1"
    assert page.evaluate("document.activeElement.name") == last
    blank = page.locator(f"#sc-q-{last}")
    assert blank.get_attribute("aria-invalid") == "true"
    # The legend says why, so a screen reader reads it with the question; only the blank one says it.
    assert content.self_check.unanswered_hint in blank.locator("legend").inner_text()
    assert page.locator("#self-check .sc-error").count() == 1
    visit.answer_option(last, "unsure").click()  # "not sure" is an answer a patient can give
    assert missing.is_hidden()
    assert page.locator("#self-check .sc-error").count() == 0 and blank.get_attribute("aria-invalid") is None
    see_result(page)
    assert visit.tier() == "doctor-first"


def test_on_a_phone_one_part_at_a_time_with_back_and_the_height_of_each_part(
    contexts, site_url: str, content: Content, figures
) -> None:
    """A healthy adult who answers no goes through the parts, each a short page, and back again
    (at 390 x 844, the size the README gives the heights for)."""
    with contexts.first_visit(**{**PHONE, "viewport": {"width": 390, "height": 844}}) as page:
        phone_visit = Visit(page, site_url)
        progress = page.locator("[data-progress]")
        count = len(self_check.PARTS) + 1
        heights = []
        for number in range(1, count + 1):
            assert progress.inner_text() == f"Part {number} of {count}"
            shown = page.locator("#self-check [data-part]:not([hidden])")
            assert shown.count() == 1
            heights.append(round(shown.bounding_box()["height"]))
            for box in page.locator("fieldset.sc-question:visible").all():
                box.locator('label:has(input[value="no"])').tap()
            if number < count:
                assert page.get_by_role("button", name="See my result").is_hidden()
                part = shown.get_attribute("data-part")
                page.locator(NEXT_PART).tap()
                # The focus moves to the next part, so a screen reader reads its heading.
                assert page.evaluate("document.activeElement.dataset.part") != part
        figures(
            "Phone (390 x 844)",
            "/self-check/ parts, all answered no: "
            + ", ".join(f"part {i + 1} {h} px" for i, h in enumerate(heights)),
        )
        page.get_by_role("button", name="Back", exact=True).tap()
        assert progress.inner_text() == f"Part {count - 1} of {count}"
        assert page.locator(f'[data-part="{self_check.PARTS[-1]}"]').is_visible()
        see_result(page, tap=True)
        assert phone_visit.tier() == "suitable"
        # The back-pain signs were never on screen: "no" back pain leaves them out.
        for q in self_check.questions(content):
            if q.follow_up_of:
                assert page.locator(f"#sc-q-{q.id}").evaluate("f => f.hidden"), q.id


def test_without_javascript_every_part_shows_and_prints(contexts, site_url: str) -> None:
    with contexts.first_visit(java_script_enabled=False) as page:
        page.goto(f"{site_url}/self-check/")
        assert page.locator("#self-check [data-part]:visible").count() == len(self_check.PARTS) + 1
        assert page.locator("[data-progress]").is_hidden()
        assert page.locator(NEXT_PART).is_hidden()


def test_keyboard_only(visit: Visit, content: Content) -> None:
    page = visit.page
    ids = [q.id for q in self_check.questions(content) if not q.follow_up_of]  # no follow-up shows
    for _ in range(200):  # Tab from the top of the page into the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == ids[0]:
            break
    else:
        pytest.fail("Tab never reaches the first question")
    from macros.pages.self_check_page import answer_choices

    steps_to_no = {
        q.id: [v for v, _ in answer_choices(q, content)].index("no") for q in self_check.questions(content)
    }

    def on_to_the_next_part() -> None:
        """From the last answer of a part: Tab to "Next part", Enter, then Tab into the next part."""
        for _ in range(5):
            if page.evaluate("document.activeElement.dataset.action") == "next":
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.part"), "the focus is on the new part"
        page.keyboard.press("Tab")

    for qid in ids:
        if page.evaluate("document.activeElement.name") != qid:
            on_to_the_next_part()
        assert page.evaluate("document.activeElement.name") == qid
        if qid == "high-blood-pressure":
            page.keyboard.press("Space")  # the focused first option: yes
        else:
            for _ in range(steps_to_no[qid]):  # down the options to: no
                page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    on_to_the_next_part()  # the optional part
    for _ in range(20):  # past its boxes, to the button
        if page.evaluate("document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert visit.tier() == "doctor-first"
    assert page.evaluate("document.activeElement.id") == "self-check-result"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == "print":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "restart"
    page.keyboard.press("Enter")
    assert visit.result.is_hidden() and visit.tier() == ""
    assert page.evaluate("document.activeElement.name") == ids[0]
    assert page.locator("#self-check input:checked").count() == 0


def test_on_a_phone_screen(phone_visit: Visit, content: Content) -> None:
    page = phone_visit.page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for qid in _ids(content):
        if not show_question(page, qid, tap=True):
            continue  # a follow-up of a question answered no
        value = {"skin-irritation": "yes", "cancer": "in-the-past"}.get(qid, "no")
        option = phone_visit.answer_option(qid, value)
        box = option.bounding_box()
        assert box["height"] >= 44, f"{qid}: answer too small to tap ({box['height']}px)"
        option.tap()
    see_result(page, tap=True)
    assert (phone_visit.tier(), phone_visit.local_caution()) == ("doctor-first", "true")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    header = page.locator(".md-header").bounding_box()
    headline = phone_visit.result.locator("[data-tier-text]:not([hidden]) .sc-headline").bounding_box()
    assert header["y"] + header["height"] <= headline["y"] < 740, (
        "the headline is in view, not under the header"
    )


def test_changing_an_answer_withdraws_the_old_result(visit: Visit, content: Content) -> None:
    visit.answer(_answers(content))
    visit.submit()
    assert visit.tier() == "suitable"
    visit.answer_option("back-pain", "new").click()
    assert visit.result.is_hidden() and visit.tier() == ""
    for q in self_check.questions(content):
        if q.follow_up_of == "back-pain":
            visit.answer_option(q.id, "no").click()
    visit.answer_option("night-pain", "yes").click()
    visit.submit()
    assert visit.tier() == "urgent"


def test_answers_never_leave_the_device(visit: Visit, content: Content) -> None:
    page = visit.page
    page.wait_for_load_state("networkidle")  # the page and the search index have loaded
    origin = urlsplit(visit.site_url).netloc
    address = page.url
    storage = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    stored_before = page.evaluate(storage)
    assert stored_before == "[[],[]]"  # one colour scheme, no palette switch: the site stores nothing
    loaded = list(visit.requests)
    assert loaded and all(urlsplit(url).netloc == origin for url in loaded), loaded

    given = {"cancer": "in-the-past", "skin-lesions": "yes"}
    visit.answer_all({qid: given.get(qid, "unsure") for qid in _ids(content)})
    tick_concern(page, content.self_check.concerns.options[0].id)
    see_result(page)
    page.get_by_role("button", name="Print this result").click()
    page.get_by_role("button", name="Start again").click()
    page.wait_for_timeout(300)

    assert visit.requests == loaded, "a request was made while answering"
    assert page.url == address
    assert page.context.cookies() == []
    assert page.evaluate(storage) == stored_before
    assert not any(qid in stored_before for qid in _ids(content))
    assert page.evaluate("indexedDB.databases()") == []


def test_each_test_s_page_starts_with_nothing_stored_by_the_one_before(contexts, site_url: str) -> None:
    """The tests' pages share a browser context (`Contexts` in support/site.py), so the test above can say
    the site stores nothing only because each page starts as a first visit: what one stores is gone."""
    stored = "() => [localStorage.length, sessionStorage.length, document.cookie]"
    with contexts.first_visit() as first:
        first.goto(f"{site_url}/self-check/")
        first.evaluate("() => { localStorage.x = '1'; sessionStorage.y = '2'; document.cookie = 'z=3'; }")
        assert first.evaluate(stored) == [1, 1, "z=3"] and first.context.cookies()
    with contexts.first_visit() as second:
        second.goto(f"{site_url}/self-check/")
        assert second.evaluate(stored) == [0, 0, ""]
        assert second.context.cookies() == []


def _printed_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))


def test_the_printout_is_one_page_with_the_result_the_answers_and_the_date(
    visit: Visit, content: Content
) -> None:
    """A usual result: a few answers that are not no. The printout lists those in full and the "no"
    answers by number, on one page to show a doctor or therapist."""
    page = visit.page
    visit.answer(_answers(content, yes=["back-pain=new", "pregnancy", "skin-lesions", "diabetes"]))
    tick_concern(page, "tired-or-low")
    see_result(page)
    page.get_by_role("button", name="Print this result").click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    assert page.locator("#self-check").is_hidden()
    assert page.locator(".sc-actions").is_hidden()
    summary = page.locator(".sc-summary")
    assert summary.is_visible()
    shown = [
        q.id
        for q in self_check.questions(content)
        if summary.locator(f'[data-answer-for="{q.id}"]').is_visible()
    ]
    assert shown == ["back-pain", "pregnancy", "skin-lesions", "diabetes"]
    pregnancy = summary.locator('[data-answer-for="pregnancy"]')
    assert pregnancy.get_attribute("value") == str(
        next(q.number for q in self_check.questions(content) if q.id == "pregnancy")
    )
    numbers = summary.locator("[data-no-numbers]").inner_text().split(", ")
    asked = [q for q in self_check.questions(content) if q.id not in shown]
    assert numbers == [str(q.number) for q in asked]
    assert re.search(r"Checked on .*\d{4}", visit.result.inner_text())
    assert content.self_check.answer_again in visit.result.inner_text()
    assert visit.result.locator("[data-crisis]").is_visible()
    assert _printed_pages(page) == 1


def test_the_longest_printout_names_every_answer_on_two_pages_at_most(visit: Visit, content: Content) -> None:
    """Every warning sign not sure, every other question given its first kind of yes, every option
    ticked: every answer is printed in its own words."""
    from macros.pages.self_check_page import answer_choices

    page = visit.page
    first_yes = {q.id: q.answers[0].value for q in self_check.questions(content)}
    visit.answer_all({qid: "unsure" if qid in content.red_flags else first_yes[qid] for qid in _ids(content)})
    tick_concern(page)
    see_result(page)
    page.emulate_media(media="print")
    summary = page.locator(".sc-summary")
    for q in self_check.questions(content):
        words = dict(answer_choices(q, content))
        expected = words["unsure"] if q.id in content.red_flags else words[q.answers[0].value]
        item = summary.locator(f'[data-answer-for="{q.id}"]').inner_text()
        assert item.startswith(" ".join(q.text.split())) and item.endswith(expected), (q.id, item)
    assert summary.locator("[data-summary-no]").is_hidden()
    assert _printed_pages(page) <= 2


def test_without_javascript_the_page_is_a_printable_checklist_with_the_rules(
    contexts, site_url: str, content: Content
) -> None:
    with contexts.first_visit(java_script_enabled=False) as page:
        page.goto(f"{site_url}/self-check/")
        assert page.locator("fieldset.sc-question").count() == len(_ids(content))
        assert page.locator("#self-check button[type=submit]").is_hidden()
        assert page.locator("#self-check-result").is_hidden()
        rules = page.locator("#how-it-decides + ul").inner_text()
        asked = self_check.questions(content)
        emergency = [str(q.number) for q in asked if q.tiers.get("yes") == "emergency"]
        screen = [str(q.number) for q in asked if q.part == "screen" and q.yes_tier == "emergency"]
        assert screen == [str(n) for n in range(1, len(screen) + 1)], "the emergency screen comes first"
        numbers = ", ".join(emergency[:-1]) + " or " + emergency[-1]
        assert f"Yes to question {numbers}: Call {content.clinic.emergency_number} now." in rules
        assert content.self_check.worst_answer_rule in rules
        signs = [str(q.number) for q in asked if q.id in content.red_flags]
        unsure = ", ".join(signs[:-1]) + " or " + signs[-1]
        assert f"Not sure, or no answer, to question {unsure}: Get medical help today" in rules
        assert "No to every other question" in rules
        follow_up = page.locator("#sc-q-cancer-history legend").inner_text()
        number = next(q.number for q in asked if q.id == "cancer")
        assert content.self_check.follow_up_label.replace("{number}", str(number)) in follow_up
        page.emulate_media(media="print")
        assert page.locator("#self-check").is_visible()
        pages = len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))
        assert pages <= -(-len(asked) // 8), "a checklist of about 8 questions a printed page"


@pytest.mark.parametrize("answered", ["before", "after"])
def test_axe_finds_no_accessibility_problem(visit: Visit, content: Content, answered: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    if answered == "after":
        visit.answer(_answers(content, yes=["skin-lesions", "cancer=in-the-past"]))
        tick_concern(visit.page, "tired-or-low")
        tick_concern(visit.page, content.self_check.concerns.options[0].id)
        visit.submit()
    results = Axe().run(visit.page, context={"include": [["article"]]})
    assert results.violations_count == 0, results.generate_report()


def test_feeling_low_shows_the_crisis_lines_whatever_the_result(visit: Visit, content: Content) -> None:
    crisis = visit.result.locator("[data-crisis]")
    visit.answer(_answers(content))
    tick_concern(visit.page, "tired-or-low")
    visit.submit()
    assert visit.tier() == "suitable" and crisis.is_visible()
    for line in content.clinic.crisis_lines:
        assert crisis.locator(f'a[href="tel:{line.number.replace(" ", "")}"]').is_visible(), line.name
    assert content.clinic.emergency_number in crisis.inner_text()
    visit.answer_option("chest-pain", "yes").click()  # an emergency at once keeps the lines on screen
    assert visit.tier() == "emergency" and crisis.is_visible()
    tick_concern(visit.page, "tired-or-low")
    assert visit.tier() == "emergency" and crisis.is_hidden()


@pytest.mark.parametrize(
    ("yes", "tier", "reason"),
    [
        (["pregnancy", "pregnancy-warning-signs"], "urgent", "pregnancy-warning-signs"),
        (["pregnancy"], "doctor-first", "pregnancy"),
        (["cancer=in-the-past"], "doctor-first", "cancer"),
        (["changing-mole"], "doctor-first", "changing-mole"),
        (["fever-with-back-pain", "weak-immune-system"], "emergency", "fever-with-weak-immunity"),
    ],
)
def test_the_result_says_whom_to_ask_and_how_soon_for_the_reason_that_decided_it(
    case_visit: Visit, content: Content, yes: list[str], tier: str, reason: str
) -> None:
    case_visit.answer(_answers(content, yes=yes))
    case_visit.submit()
    assert case_visit.tier() == tier
    advice = {q.id: q.advice for q in self_check.questions(content)} | {
        c.id: c.advice for c in content.self_check.combinations
    }
    shown = case_visit.result.locator(f'[data-tier-text="{tier}"] [data-advice-for]:visible')
    assert shown.count() == 1
    assert shown.inner_text() == self_check.fill(advice[reason], content)


def test_a_combination_that_makes_an_emergency_shows_it_at_once(visit: Visit, content: Content) -> None:
    visit.answer_option("fever-with-back-pain", "yes").click()
    assert visit.result.is_hidden()
    visit.answer_option("cancer", "treatment-now").click()  # no submit
    assert visit.result.is_visible() and visit.tier() == "emergency"
    plain = next(c.plain for c in content.self_check.combinations if c.id == "fever-during-cancer-treatment")
    assert plain in visit.result.inner_text()


def test_the_check_says_what_it_is_for_and_which_country_its_numbers_are_for(
    visit: Visit, content: Content
) -> None:
    text = visit.page.locator("article").inner_text()
    assert "not a symptom checker" in text
    assert "These are the numbers for the UK." in text
