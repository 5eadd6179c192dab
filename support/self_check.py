"""The self-check page as a patient uses it, in Playwright: go on part by part, answer, tick what bothers
you, ask for the result. One page object for every test that drives the self-check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

NEXT_PART = '#self-check [data-action="next"]'
# The middle of a shown element, scrolled into view: where a patient's mouse or finger lands on it.
_PLACE = """selector => { const e = document.querySelector(selector);
    if (!e || !e.checkVisibility()) return null;
    e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2]; }"""
_SHOWN_QUESTIONS = """() => [...document.querySelectorAll('#self-check .sc-question')]
    .filter(f => f.checkVisibility()).map(f => f.id.slice(5))"""
_PART_ON_SCREEN = "() => [...document.querySelectorAll('#self-check [data-part]')].findIndex(p => !p.hidden)"
_BLANK_ON_SCREEN = """() => [...document.querySelectorAll('#self-check .sc-question')]
    .filter(f => f.checkVisibility() && !f.querySelector('input:checked')).map(f => f.id.slice(5))"""


def press(page: Any, selector: str, *, tap: bool = False) -> bool:
    """Click (or tap) an element as a patient does: the real mouse (or finger) at its middle, scrolled into
    view, so the browser decides what is there (anything covering it gets the click instead). One round
    trip to place it, one to press: much quicker than a locator's click, which waits for the element to
    stand still first. False when the element is not shown."""
    place = page.evaluate(_PLACE, selector)
    if place is None:
        return False
    if tap:
        page.touchscreen.tap(*place)
    else:
        page.mouse.click(*place)
    return True


def option(question_id: str, value: str) -> str:
    """The selector of an answer's label: the question's "yes" (or another kind of yes), "no" or "unsure"."""
    return f'#sc-q-{question_id} label:has(input[value="{value}"])'


def show_question(page: Any, question_id: str, *, tap: bool = False, others: str | None = None) -> bool:
    """On an open self-check: go on part by part (the "Next part" button, as a patient does) until the
    question is on screen; with `others`, first give that answer to each question on screen left blank.
    False if it is a follow-up that is not asked."""
    box = page.locator(f"#sc-q-{question_id}")
    if box.is_visible():
        return True
    own = box.evaluate(
        "f => [...document.querySelectorAll('#self-check [data-part]')].indexOf(f.closest('[data-part]'))"
    )
    while page.evaluate(_PART_ON_SCREEN) > own:  # a question of an earlier part: back to it
        back = page.locator('#self-check [data-action="back"]')
        back.tap() if tap else back.click()
    while not box.is_visible():
        if box.evaluate("f => f.hidden") or not page.locator(NEXT_PART).is_visible():
            return False
        if others:
            for blank in page.evaluate(_BLANK_ON_SCREEN):
                assert press(page, option(blank, others), tap=tap), blank
        next_part(page, tap=tap)
    return True


def next_part(page: Any, *, tap: bool = False) -> None:
    """Click (or tap) "Next part": the next part shows, as it must once every question shown is
    answered."""
    part = page.evaluate(_PART_ON_SCREEN)
    assert press(page, NEXT_PART, tap=tap), "no next part"
    assert page.evaluate(_PART_ON_SCREEN) == part + 1, "a question on screen is still blank"


def tick_concern(page: Any, concern: str | None = None) -> None:
    """On to the last part, "what bothers you", and tick one option (or every one, with None)."""
    while page.locator(NEXT_PART).is_visible():
        next_part(page)
    boxes = page.locator(f'input[name="concern"][value="{concern}"]' if concern else 'input[name="concern"]')
    for box in boxes.all():
        box.click()


def see_result(page: Any, *, tap: bool = False) -> None:
    """On to the last part and "See my result", as a patient does once every question shown is answered."""
    while page.locator(NEXT_PART).is_visible():
        next_part(page, tap=tap)
    button = page.get_by_role("button", name="See my result")
    button.tap() if tap else button.click()


def answer_no_to_every_question(page: Any) -> str | None:
    """On an open self-check: click "no" on every question shown, part by part (follow-ups stay hidden),
    ask for the result as a patient would, and return its tier."""
    while True:
        for question_id in page.evaluate(_SHOWN_QUESTIONS):
            assert press(page, option(question_id, "no")), question_id
        if not page.locator(NEXT_PART).is_visible():
            break
        next_part(page)
    see_result(page)
    tier: str | None = page.locator("#self-check-result").get_attribute("data-tier")
    return tier


def self_check_with_one_yes(page: Any, site: Path, question_id: str) -> tuple[str, str | None, str]:
    """Open a built site's self-check in `page`, answer "no" everywhere and "yes" to one question, as a
    patient would by clicking; return that question's text, the result's tier and the result's text."""
    page.goto((site / "self-check" / "index.html").as_uri())
    page.wait_for_function("window.selfCheck !== undefined")
    question = page.locator(f"#sc-q-{question_id}")
    question_text = question.inner_text()
    while True:  # part by part; follow-ups stay hidden
        for box in page.locator("fieldset.sc-question:visible").all():
            box.locator('input[value="no"]').check()
        if question.is_visible():
            question.locator('label:has(input[value="yes"])').click()
        if not page.locator(NEXT_PART).is_visible():
            break
        next_part(page)
    see_result(page)
    result = page.locator("#self-check-result")
    return question_text, result.get_attribute("data-tier"), result.inner_text()


# Each question of `ids` answered no by script, with the events a click on it sends (input, then change, which
# the form listens to); in Playwright (`page.evaluate(SAY_NO, ids)`) and WebDriver alike.
SAY_NO = """ids => { for (const id of ids) {
    const no = document.querySelector(`#sc-q-${id} input[value="no"]`);
    no.checked = true;
    no.dispatchEvent(new Event('input', {bubbles: true}));
    no.dispatchEvent(new Event('change', {bubbles: true}));
} }"""


class Visit:
    """One patient's visit to the self-check page, with every request the browser made."""

    def __init__(self, page: Any, site_url: str) -> None:
        self.page = page
        self.site_url = site_url
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        # A headless browser has no print dialog: count the calls instead (the printout itself is tested
        # with print media and a PDF).
        page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
        self.open()

    def open(self) -> None:
        """Open the self-check page (again), its script ready."""
        self.page.goto(f"{self.site_url}/self-check/")
        self.page.wait_for_function("window.selfCheck !== undefined")

    @property
    def result(self) -> Any:
        return self.page.locator("#self-check-result")

    def tier(self) -> str:
        tier: str = self.result.get_attribute("data-tier")
        return tier

    def local_caution(self) -> str:
        caution: str = self.result.get_attribute("data-local-caution")
        return caution

    def answer_option(self, question_id: str, value: str) -> Any:
        """The answer's label, with its question on screen: the parts before it answered "no" where
        blank, as a patient goes on to it."""
        show_question(self.page, question_id, others="no")
        return self.page.locator(f'#sc-q-{question_id} label:has(input[value="{value}"])')

    def answer_all(self, answers: dict[str, str], *, tap: bool = False) -> None:
        """Answer the questions in the order asked, part by part, as a patient clicks (or taps): a
        follow-up only when it shows, after any answer but "no" to the question it follows."""
        for qid, value in answers.items():
            if press(self.page, option(qid, value), tap=tap):  # on screen already: most are
                continue
            if show_question(self.page, qid, tap=tap):
                assert press(self.page, option(qid, value), tap=tap), (qid, value)

    def answer(self, answers: dict[str, str]) -> None:
        """The same answers, with only those that are not "no" clicked: the noes are given first by
        script, each with the events a click on it sends (input, then change, which the form listens to).
        A set of answers is mostly noes, and a click costs Chromium about 30 ms of CPU; the noes are
        clicked in the tests of the whole form (the tour, the phone, the keyboard, `answer_all`)."""
        self.page.evaluate(SAY_NO, [qid for qid, value in answers.items() if value == "no"])
        self.answer_all({qid: value for qid, value in answers.items() if value != "no"})

    def submit(self, *, tap: bool = False) -> None:
        see_result(self.page, tap=tap)
