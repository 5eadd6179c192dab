"""Every page meets WCAG 2.2 AA as far as a machine can tell, in real Chromium: the keyboard always shows
where it is and axe-core finds nothing in any result of the self-check.
axe-core on every page, the h1 and title, the skip link and text at 200 % are read on the page tour
(tests/test_every_page.py); a 320 px screen in every engine (tests/test_engines.py)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from macros.content import Content
from support.self_check import Visit, see_result
from support.tour import run_axe

AXE = Axe()


# The element the keyboard is on, scrolled to the middle of the screen: its box and the start of its markup,
# or null when nothing shown has the focus. One round trip.
_FOCUSED = """() => { const a = document.activeElement;
    if (!a || a === document.body) return null;
    let r = a.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return null;
    a.scrollIntoView({block: 'center'}); r = a.getBoundingClientRect();
    return {x: r.left, y: r.top, width: r.width, height: r.height, label: a.outerHTML.slice(0, 80)}; }"""


def _focus_shows(page, box: dict) -> bool:
    """Whether the focused element looks different from the same element without focus (by pixels)."""
    margin = 6
    clip = {
        "x": max(box["x"] - margin, 0),
        "y": max(box["y"] - margin, 0),
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => { window.__focused = document.activeElement; document.activeElement.blur(); }")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__focused.focus({focusVisible: true})")
    return focused != unfocused


def test_keyboard_focus_is_always_visible(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ("", "conditions/radiculitis/", "visit/", "404.html"):
        page.goto(f"{site_url}/{path}")
        seen = 0
        for _ in range(25):
            page.keyboard.press("Tab")
            box = page.evaluate(_FOCUSED)
            if box is None:
                continue
            assert _focus_shows(page, box), f"/{path}: focus is not visible on {box['label']}"
            seen += 1
        assert seen >= 10, f"/{path}: only {seen} elements reached by the keyboard"


SELF_CHECK_ANSWERS = {
    # result tier -> the questions answered "yes" (every other question "no")
    "suitable": ["skin-irritation"],
    "doctor-first": ["high-blood-pressure"],
    "avoid": ["infectious-disease"],
    "urgent": ["leg-swelling"],
    "emergency": ["saddle-numbness"],
}


def test_axe_finds_no_violation_in_any_self_check_result(
    page, site_url: str, content: Content, figures
) -> None:
    """The self-check changes the page as the patient answers: every result is checked as shown."""
    from macros.content import self_check

    failures = []
    visit = Visit(page, site_url)
    for tier, yes in SELF_CHECK_ANSWERS.items():
        visit.open()
        visit.answer({q.id: "yes" if q.id in yes else "no" for q in self_check.questions(content)})
        see_result(page)
        assert page.locator("#self-check-result").get_attribute("data-tier") == tier
        violations = [v for found in run_axe(page, AXE.axe_script) for v in found.violations]
        figures(
            "axe-core (WCAG 2.0/2.1/2.2 A and AA) violations per page",
            f"/self-check/ with the result {tier!r} shown: {len(violations)} violations",
        )
        failures += [f"{tier}: {v['id']}: {v['help']} at {v['targets']}" for v in violations]
    assert not failures, "\n".join(failures)
