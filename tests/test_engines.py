"""The key flows, each written once and run in the engines patients use beside Chromium: WebKit (Safari's
engine, the one every browser on an iPhone uses) and Firefox. See support/engines/ for how each is driven.
Chromium goes through the same flows and more in the rest of the suite: every page on the tour of
tests/test_every_page.py (at 320 px wide too), the self-check in tests/test_self_check_browser.py, the
search in tests/test_search.py.

Every page loads without an error and fits a 320 px wide screen without scrolling sideways; the search
finds a page; the self-check gives the right tier for all "no" and for one "yes" of each tier, prompts for
unanswered questions, stops early on an emergency answer, and prints a dated summary of the answers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import engines
from support.self_check import SAY_NO
from support.site import site_pages

PHONE_WIDTH, PHONE_HEIGHT = 320, 640
TIMINGS: dict[str, float] = {}
OTHER_ENGINES = [e for e in engines.ENGINES if e != "chromium"]


@pytest.fixture(scope="session")
def engine_site(built_site: Path) -> Iterator[engines.EngineSite]:
    site = engines.EngineSite(built_site)
    yield site
    site.close()


@pytest.fixture(scope="session", params=OTHER_ENGINES)
def engine(request, figures) -> Iterator[engines.Engine]:
    started = time.monotonic()
    browser = engines.start(request.param)
    yield browser
    browser.close()
    figures("Browser engines", f"{request.param:<9} started and closed, {time.monotonic() - started:.1f} s")


# --- Every page -------------------------------------------------------------------------------------------

_FRAME_LOADED = (
    "const d = document.getElementById('screen').contentDocument; return d.readyState === 'complete';"
)
_SIDEWAYS = """const frame = document.getElementById('screen');
    const doc = frame.contentDocument, root = doc.documentElement;
    const wide = [...doc.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
        .filter(e => !e.closest('[hidden], .md-sidebar, .md-search, .md-dialog, .md-top'))
        .slice(0, 3)
        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
    const win = frame.contentWindow, hides = v => v === 'hidden' || v === 'clip';
    const clipped = [...doc.querySelectorAll('article *, .care-card *')].filter(el => {
            const s = win.getComputedStyle(el);
            return s.display !== 'none' && s.visibility !== 'hidden'
                && ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
                    || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1)); })
        .slice(0, 5).map(el => el.tagName + '.' + el.className);
    return {viewport: win.innerWidth, scroll: root.scrollWidth, client: root.clientWidth,
        wide, clipped, h1: doc.querySelectorAll('h1').length};"""


@pytest.fixture(scope="session")
def every_page(engine, engine_site, built_site: Path) -> dict[str, dict]:
    """Each page of the site opened once in the engine, on a 320 px wide screen: its errors and its layout."""
    seen = {}
    for path in site_pages(built_site):
        engine.open(engine_site.frame(path, PHONE_WIDTH, PHONE_HEIGHT))
        engine.wait_for(_FRAME_LOADED)
        seen[path] = {**engine.run(_SIDEWAYS), "errors": engine.errors()}
    assert len(seen) >= 20
    return seen


def test_every_page_loads_without_a_console_error(engine, every_page: dict[str, dict]) -> None:
    assert all(page["h1"] == 1 for page in every_page.values()), "every page loaded, with its heading"
    failures = {path: page["errors"] for path, page in every_page.items() if page["errors"]}
    assert not failures, f"{engine.name}: {failures}"


def test_the_error_check_sees_an_error(engine, engine_site) -> None:
    # The check above can fail: an error thrown by a page's script is caught in this engine.
    engine.open(engine_site.frame("", PHONE_WIDTH, PHONE_HEIGHT))
    engine.wait_for(_FRAME_LOADED)
    engine.run(
        """const w = document.getElementById('screen').contentWindow;
        w.eval("setTimeout(() => { throw new Error('a deliberate error'); }, 0)"); return true;"""
    )
    engine.wait_for("return document.getElementById('screen').contentWindow.__engineErrors.length;")
    assert any("a deliberate error" in e for e in engine.errors())


def test_no_page_scrolls_sideways_or_cuts_text_off_on_a_320_px_screen(
    engine, every_page: dict[str, dict]
) -> None:
    """WCAG 1.4.10 (reflow), in every engine."""
    assert {page["viewport"] for page in every_page.values()} == {PHONE_WIDTH}
    failures = {path: page for path, page in every_page.items() if page["scroll"] > page["client"]}
    assert not failures, f"{engine.name}: pages wider than {PHONE_WIDTH} px: {failures}"
    clipped = {path: page["clipped"] for path, page in every_page.items() if page["clipped"]}
    assert not clipped, f"{engine.name}: text cut off at {PHONE_WIDTH} px: {clipped}"


def test_the_sideways_check_sees_a_page_too_wide(engine, engine_site) -> None:
    engine.open(engine_site.frame("", PHONE_WIDTH, PHONE_HEIGHT))
    engine.wait_for(
        "const d = document.getElementById('screen').contentDocument; return d.readyState === 'complete';"
    )
    engine.run(
        """const d = document.getElementById('screen').contentDocument;
        const wide = d.createElement('div'); wide.style.width = '400px'; wide.style.height = '1px';
        d.querySelector('article').append(wide); return true;"""
    )
    layout = engine.run(_SIDEWAYS)
    assert layout["scroll"] > layout["client"], layout


# --- Search -----------------------------------------------------------------------------------------------


def test_the_search_finds_a_page_for_a_lay_word(engine, engine_site) -> None:
    engine.open(f"{engine_site.url}/")
    engine.type("input.md-search__input", "sciatica")
    links = engine.wait_for(
        """const links = [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href);
        return links.length ? links : null;""",
        timeout=20,
    )
    assert any("conditions/radiculitis/" in link for link in links), (engine.name, links)


# --- The self-check ---------------------------------------------------------------------------------------

_SHOWN = (
    "const e = document.querySelector(args[0]); return !!e && !e.hidden && e.getClientRects().length > 0;"
)
SUBMIT = '#self-check button[type="submit"]'
NEXT = '#self-check [data-action="next"]'


def _open_self_check(engine, engine_site) -> list[str]:
    """Open the self-check; return its questions' ids in page order."""
    engine.open(f"{engine_site.url}/self-check/")
    engine.wait_for("return window.selfCheck !== undefined;")
    # A test browser has no print dialog: count the calls instead (the printout is checked with print media).
    engine.run("window.__printed = 0; window.print = () => { window.__printed += 1; }; return true;")
    assert engine.run("return document.querySelector(args[0]).textContent.trim();", SUBMIT) == "See my result"
    assert engine.run("return document.querySelector('[data-progress]').textContent;") == "Part 1 of 4"
    questions = engine.run(
        "return [...document.querySelectorAll('fieldset.sc-question')].map(f => f.id.slice(5));"
    )
    assert len(questions) >= 10
    return questions


_CLICKED = """const label = document.querySelector('label[data-engine-click]');
    if (label) label.removeAttribute('data-engine-click');
    return document.querySelector(args[0]).checked;"""


def _answer(engine, question: str, value: str) -> None:
    """Click the answer's label, as a patient does (it holds the radio button or names it with `for`)."""
    radio = f'#sc-q-{question} input[value="{value}"]'
    engine.run("document.querySelector(args[0]).labels[0].setAttribute('data-engine-click', '');", radio)
    engine.click("label[data-engine-click]")
    assert engine.run(_CLICKED, radio), (engine.name, question, value)


def _result_tier(engine) -> str | None:
    if not engine.run(_SHOWN, "#self-check-result"):
        return None
    return engine.run("return document.querySelector('#self-check-result').dataset.tier;")


# The questions on screen without an answer, in page order.
_BLANK = """[...document.querySelectorAll('fieldset.sc-question')]
    .filter(f => !f.hidden && f.getClientRects().length > 0 && !f.querySelector('input:checked'))"""
_UNANSWERED_SHOWN = f"return {_BLANK}.map(f => f.id.slice(5));"
# One round trip before each click: whether the last click checked its answer, and the next question on
# screen without an answer, its label to click marked (or null when none is left, or the next part's
# button is what to press).
_MARK_NEXT_BLANK = """const [wanted, value] = args;
    const clicked = document.querySelector('label[data-engine-click]');
    if (clicked) {
        clicked.removeAttribute('data-engine-click');
        if (!clicked.control.checked) return {missed: clicked.control.closest('fieldset').id};
    }
    const blank = BLANK[0];
    if (!blank) return null;
    const id = blank.id.slice(5);
    const radio = blank.querySelector(`input[value="${wanted[id] || value}"]`);
    radio.labels[0].setAttribute('data-engine-click', '');
    return {id};""".replace("BLANK", _BLANK)


def _answer_the_rest(engine, value: str, **others: str) -> list[str]:
    """Answer every question that has no answer yet, part by part in page order, as a patient goes down
    the form, clicking each answer: `value`, or the answer given for that question in `others` (ids with _
    for -); a follow-up appears only after the answer it follows; "Next part" after each part. Return the
    questions answered."""
    wanted = {qid.replace("_", "-"): answer for qid, answer in others.items()}
    answered = []
    while True:
        while blank := engine.run(_MARK_NEXT_BLANK, wanted, value):
            assert "missed" not in blank, (engine.name, "the click did not answer", blank)
            engine.click("label[data-engine-click]")
            answered.append(blank["id"])
        if not engine.run(_SHOWN, NEXT):
            return answered
        engine.click(NEXT)


def test_the_self_check_says_massage_may_suit_when_every_answer_is_no(engine, engine_site) -> None:
    _open_self_check(engine, engine_site)
    assert not engine.run(_SHOWN, SUBMIT), "one part at a time: the result button is on the last"
    assert len(_answer_the_rest(engine, "no")) >= 10
    assert _result_tier(engine) is None
    engine.click(SUBMIT)
    engine.wait_for(_SHOWN, "#self-check-result")
    assert _result_tier(engine) == "suitable"


TIERS = [
    ("emergency", "saddle-numbness"),
    ("urgent", "leg-swelling"),
    ("avoid", "infectious-disease"),
    ("doctor-first", "high-blood-pressure"),
]


@pytest.mark.parametrize(("tier", "question"), TIERS, ids=[t for t, _ in TIERS])
def test_one_yes_gives_its_tier(engine, engine_site, tier: str, question: str) -> None:
    questions = _open_self_check(engine, engine_site)
    assert question in questions
    # Every other question "no" by script, with the events a click sends (the noes are clicked in this
    # engine by the test of every answer no); then the "yes" clicked, part by part, and any follow-up it
    # brings up answered "no".
    engine.run(f"({SAY_NO})(args[0]); return true;", [q for q in questions if q != question])
    _answer_the_rest(engine, "no", **{question.replace("-", "_"): "yes"})
    assert engine.run("return document.querySelector(args[0]).checked;", f'#sc-q-{question} [value="yes"]')
    if not engine.run(_SHOWN, "#self-check-result"):  # an emergency answer shows its result at once
        engine.click(SUBMIT)
    engine.wait_for(_SHOWN, "#self-check-result")
    assert _result_tier(engine) == tier


def test_a_blank_submit_prompts_for_the_unanswered_questions_and_shows_no_result(engine, engine_site) -> None:
    _open_self_check(engine, engine_site)
    shown = engine.run(_UNANSWERED_SHOWN)  # part 1
    engine.click(NEXT)
    engine.wait_for(_SHOWN, "#self-check-missing")
    missing = engine.run(
        """const m = document.querySelector('#self-check-missing');
        return {role: m.getAttribute('role'), text: m.textContent};"""
    )
    assert missing["role"] == "alert"
    assert str(len(shown)) in missing["text"], (shown, missing)
    assert _result_tier(engine) is None
    # The keyboard focus is on the first answer of the first unanswered question: here, the first question.
    focused = engine.run(
        """const a = document.activeElement;
        return a && a.tagName === 'INPUT' ? a.closest('fieldset.sc-question').id.slice(5) + ':' +
            (a === a.closest('fieldset').querySelector('input')) : String(a && a.tagName);"""
    )
    assert focused == f"{shown[0]}:true", (engine.name, focused)
    # Once each shown question has an answer, the prompt goes and the result comes.
    _answer_the_rest(engine, "no")
    engine.click(SUBMIT)
    engine.wait_for(_SHOWN, "#self-check-result")
    assert not engine.run(_SHOWN, "#self-check-missing")


def test_an_emergency_answer_stops_the_check_at_once(engine, engine_site) -> None:
    questions = _open_self_check(engine, engine_site)
    assert questions[0] == "stroke-signs"  # the emergency screen comes first
    _answer(engine, "stroke-signs", "yes")
    engine.wait_for(_SHOWN, "#self-check-result")  # without pressing "See my result"
    assert _result_tier(engine) == "emergency"


# Print media in every engine alike: each print rule is made to apply and each screen rule not, so the
# engine lays the page out as for paper (WebDriver has no print media switch in WebKit or Firefox).
_PRINT_MEDIA = """const flip = list => {
        const text = list.mediaText;
        if (/\\bprint\\b/.test(text)) list.mediaText = 'all';
        else if (/\\bscreen\\b/.test(text)) list.mediaText = 'not all';
    };
    const walk = rules => {
        for (const r of rules) { if (r.media) flip(r.media); if (r.cssRules) walk(r.cssRules); }
    };
    for (const sheet of document.styleSheets) {
        if (sheet.media.length) flip(sheet.media);
        try { walk(sheet.cssRules); } catch (e) { /* a stylesheet from elsewhere: none on this site */ }
    }
    return true;"""


def test_the_print_view_shows_a_dated_summary_of_every_answer(engine, engine_site) -> None:
    """Every answer other than no in full, with its words; the questions answered no (or not asked) by
    their numbers in one line."""
    questions = _open_self_check(engine, engine_site)
    answered = _answer_the_rest(engine, "no", skin_lesions="yes")
    engine.click(SUBMIT)
    engine.wait_for(_SHOWN, "#self-check-result")
    engine.click('#self-check-result [data-action="print"]')
    assert engine.run("return window.__printed;") == 1

    engine.run(_PRINT_MEDIA)
    assert not engine.run(_SHOWN, "#self-check"), "the form is not printed"
    assert engine.run(_SHOWN, "#self-check-result")
    for question in questions:  # the one answer that is not no, with its words; the others not listed
        selector = f'#self-check-result [data-answer-for="{question}"]'
        assert engine.run(_SHOWN, selector) == (question == "skin-lesions"), (engine.name, question)
    text = engine.run(
        "return document.querySelector(args[0]).textContent.trim();", '[data-answer-for="skin-lesions"]'
    )
    assert text.endswith("Yes"), (engine.name, text)
    assert engine.run(_SHOWN, "#self-check-result [data-summary-no]")
    numbers = engine.run("return document.querySelector('[data-no-numbers]').textContent;").split(", ")
    assert len(numbers) == len(questions) - 1 and len(answered) < len(numbers), (engine.name, numbers)
    printed = engine.run("return document.querySelector('#self-check-result').innerText;")
    assert str(dt.date.today().year) in printed
