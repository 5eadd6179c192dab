"""Every page meets WCAG 2.2 AA as far as a machine can tell, in real Chromium: axe-core finds nothing in
any colour scheme the site offers, each page has one h1 and a "Page - Site" title (with an en dash), the
keyboard reaches a skip link first and always shows where it is, and text at twice its size loses nothing."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from macros.content import Content

from .conftest import see_result, show_question, site_pages

DASH = "\N{EN DASH}"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def _colour_schemes(page) -> list[dict[str, str]]:
    """The palettes the site offers: the toggle's choices, or the one palette on <body>."""
    return page.evaluate(
        """() => {
            const offered = [...document.querySelectorAll('input[data-md-color-scheme]')].map(i => ({
                scheme: i.dataset.mdColorScheme, primary: i.dataset.mdColorPrimary || '',
                accent: i.dataset.mdColorAccent || ''}));
            const b = document.body.dataset;
            return offered.length ? offered
                : [{scheme: b.mdColorScheme || 'default', primary: b.mdColorPrimary || '',
                    accent: b.mdColorAccent || ''}];
        }"""
    )


def _use_scheme(page, palette: dict[str, str]) -> None:
    page.evaluate(
        """p => { const b = document.body;
            b.setAttribute('data-md-color-scheme', p.scheme);
            if (p.primary) b.setAttribute('data-md-color-primary', p.primary);
            if (p.accent) b.setAttribute('data-md-color-accent', p.accent); }""",
        palette,
    )


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_in_any_colour_scheme(
    page, site_url: str, built_site: Path, figures
) -> None:
    failures = []
    pages = site_pages(built_site)
    for path in pages:
        page.goto(f"{site_url}/{path}", wait_until="load")
        for palette in _colour_schemes(page):
            _use_scheme(page, palette)
            results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
            violations = results.response["violations"]
            checked = len(results.response["passes"]) + len(violations)
            figures(
                "axe-core (WCAG 2.0/2.1/2.2 A and AA) violations per page",
                f"/{path:<40} {palette['scheme']:<8} {len(violations)} violations, {checked} rules applied",
            )
            for v in violations:
                targets = [", ".join(n["target"]) for n in v["nodes"]][:3]
                failures.append(f"/{path} [{palette['scheme']}] {v['id']}: {v['help']} at {targets}")
    assert len(pages) >= 20
    assert not failures, "\n".join(failures)


def test_every_page_has_one_h1_and_a_title_that_names_the_page_then_the_site(
    page, site_url: str, built_site: Path, content: Content
) -> None:
    site = content.clinic.site_name
    for path in site_pages(built_site):
        page.goto(f"{site_url}/{path}")
        h1 = page.locator("h1")
        assert h1.count() == 1, f"/{path} has {h1.count()} h1 elements"
        title = page.title()
        if title != site:  # a page whose title is part of the site name is titled by the site name alone
            assert title.endswith(f" {DASH} {site}"), (path, title)
            assert title.removesuffix(f" {DASH} {site}").strip(), (path, title)


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_past_the_navigation(
    page, site_url: str, built_site: Path
) -> None:
    for path in site_pages(built_site):
        page.goto(f"{site_url}/{path}")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const a = document.activeElement, r = a.getBoundingClientRect();
                return {text: a.textContent.trim(), href: a.getAttribute('href'), w: r.width, h: r.height,
                        top: r.top, left: r.left}; }"""
        )
        assert focused["text"] == "Skip to content", (path, focused)
        assert focused["w"] > 0 and focused["h"] > 0 and focused["top"] >= 0 and focused["left"] >= 0, path
        page.keyboard.press("Enter")
        target = focused["href"].split("#", 1)[1]
        assert page.evaluate("() => location.hash") == f"#{target}", path
        # The target is the page's main heading, inside the content, past header and navigation.
        assert page.evaluate("id => !!document.getElementById(id).closest('article')", target), (
            f"/{path}: skip link target #{target} is not in the main content"
        )


def _focus_shows(page) -> tuple[bool, str]:
    """Whether the focused element looks different from the same element without focus (by pixels)."""
    box = page.evaluate(
        """() => { const r = document.activeElement.getBoundingClientRect();
            return {x: r.left, y: r.top, width: r.width, height: r.height}; }"""
    )
    label = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
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
    return focused != unfocused, label


def test_keyboard_focus_is_always_visible(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ("", "conditions/radiculitis/", "visit/", "404.html"):
        page.goto(f"{site_url}/{path}")
        seen = 0
        for _ in range(25):
            page.keyboard.press("Tab")
            visible = page.evaluate(
                """() => { const a = document.activeElement; if (!a || a === document.body) return false;
                    const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0; }"""
            )
            if not visible:
                continue
            page.evaluate("() => document.activeElement.scrollIntoView({block: 'center'})")
            shows, label = _focus_shows(page)
            assert shows, f"/{path}: focus is not visible on {label}"
            seen += 1
        assert seen >= 10, f"/{path}: only {seen} elements reached by the keyboard"


_CLIPPED = """() => {
    const clipped = [];
    for (const el of document.querySelectorAll('article *, .care-card *')) {
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility === 'hidden') continue;
        const hides = v => v === 'hidden' || v === 'clip';
        if ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
            || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1))
            clipped.push(el.tagName + '.' + el.className);
    }
    return clipped;
}"""


def test_text_at_200_percent_and_a_320_pixel_screen_lose_no_content(
    page, site_url: str, built_site: Path, figures
) -> None:
    for path in site_pages(built_site):
        for width, zoom in ((1280, 2.0), (320, 1.0)):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{site_url}/{path}")
            before = page.evaluate("() => document.querySelector('article').innerText")
            page.evaluate(
                """z => { const h = document.documentElement;
                    h.style.fontSize = (parseFloat(getComputedStyle(h).fontSize) * z) + 'px'; }""",
                zoom,
            )
            after = page.evaluate("() => document.querySelector('article').innerText")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            clipped = page.evaluate(_CLIPPED)
            where = f"/{path} at {width}px, text x{zoom}"
            assert re.sub(r"\s+", " ", after) == re.sub(r"\s+", " ", before), where
            assert overflow <= 0, f"{where}: the page scrolls sideways by {overflow}px"
            assert not clipped, f"{where}: text cut off in {clipped[:5]}"
    count = len(site_pages(built_site))
    figures("Text resize", f"{count} pages: text at 200% and at 320px width, nothing cut off or sideways")


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
    for tier, yes in SELF_CHECK_ANSWERS.items():
        page.goto(f"{site_url}/self-check/")
        page.wait_for_function("window.selfCheck !== undefined")
        for question in self_check.questions(content):
            if not show_question(page, question.id):
                continue  # a follow-up of a question answered no
            value = "yes" if question.id in yes else "no"
            page.locator(f'[data-question="{question.id}"] label:has(input[value="{value}"])').click()
        see_result(page)
        assert page.locator("#self-check-result").get_attribute("data-tier") == tier
        violations = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}}).response[
            "violations"
        ]
        figures(
            "axe-core (WCAG 2.0/2.1/2.2 A and AA) violations per page",
            f"/self-check/ with the result {tier!r} shown: {len(violations)} violations",
        )
        failures += [
            f"{tier}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
        ]
    assert not failures, "\n".join(failures)


def test_every_dialog_has_an_accessible_name(page, site_url: str, built_site: Path) -> None:
    """Material's search dialog is named (overrides/partials/search.html), so a screen reader announces it."""
    for path in site_pages(built_site):
        page.goto(f"{site_url}/{path}")
        results = AXE.run(page, options={"runOnly": ["aria-dialog-name"]})
        assert not results.response["violations"], (path, results.response["violations"])
