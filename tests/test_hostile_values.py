"""Values that pass `make check` but were chosen by someone with bad intent never run script and never add
an attribute, in Chromium.

Every field that reaches a link or an attribute (the email, phone, booking link, source addresses, site
address; names and texts that become titles, tooltips, meta tags, link labels and JSON-LD) gets a value
built to leave its attribute or start script: quotes, `&`, `javascript:`, event handlers. The site is
built with the real validator and build command, then every page is loaded, every element with a tooltip
hovered, every link and control sent mouse and focus events, and the test fails if any of the payloads
ran or any element gained an event handler attribute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.site import copy_project, publish_copy, served, site_pages

from .editing import set_field, yaml_quoted

# Each payload sets window.pwned to its own number if it ever runs.
EMAIL = "x'onmouseover='window.pwned=1'.x@clinic.example"
BOOKING = "https://clinic.example/book?next=javascript:window.pwned=2&x=%22onmouseover%3Dwindow.pwned=2#top"
SOURCE_URL = "https://www.nhs.uk/conditions/back-pain/?a=1&b=javascript:window.pwned=3"
WEBSITE = "https://clinic.example/back&massage/"
PHONE = "+44 (20) 7946-0000"
TEXTS = {
    ("clinic.yml", "site_name", None): 'Back massage" onmouseover="window.pwned=4',
    ("clinic.yml", "tagline", None): "Clear answers' onfocus='window.pwned=5' autofocus='",
    ("clinic.yml", "name", None): 'Example Clinic" onmouseover="window.pwned=6" x="',
    ("clinic.yml", "opening_hours", None): "Mon to Fri' onmouseover='window.pwned=7",
    ("conditions.yml", "name", "muscle-tension"): 'Muscle tension" onmouseover="window.pwned=8',
    ("conditions.yml", "summary", "muscle-tension"): "Tight muscles' onmouseover='window.pwned=9' & more.",
    ("visit.yml", "name", "welcome"): 'Welcome" onmouseover="window.pwned=10',
    ("sources.yml", "title", "nhs-back-pain"): 'Back pain" onmouseover="window.pwned=11',
    ("glossary.yml", "plain", "effleurage"): 'A body part" onmouseover="window.pwned=12" data-x="',
    ("clinic.yml", "non_emergency_name", None): 'NHS 111" onmouseover="window.pwned=13',
    ("self_check.yml", "headline", "urgent"): "Get help today' onmouseover='window.pwned=14",
    ("self_check.yml", "label", "tight-muscles"): 'Tight back" onmouseover="window.pwned=15',
}
# The first link label of the suitable tier, which becomes a page link's label.
SELF_CHECK_LINK_LABEL = 'What happens at your visit" onmouseover="window.pwned=16'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    data = project / "data"
    clinic = data / "clinic.yml"
    set_field(clinic, "email", yaml_quoted(EMAIL))
    set_field(clinic, "booking_url", yaml_quoted(BOOKING))
    set_field(clinic, "phone", yaml_quoted(PHONE))
    clinic.write_text(
        clinic.read_text(encoding="utf-8") + f"website: {yaml_quoted(WEBSITE)}\n", encoding="utf-8"
    )
    set_field(data / "sources.yml", "url", yaml_quoted(SOURCE_URL), "nhs-back-pain")
    for (file, field, entry), value in TEXTS.items():
        set_field(data / file, field, yaml_quoted(value), entry)
    self_check = data / "self_check.yml"
    self_check.write_text(
        self_check.read_text(encoding="utf-8").replace(
            "label: What happens at your visit", f"label: {yaml_quoted(SELF_CHECK_LINK_LABEL)}", 1
        ),
        encoding="utf-8",
    )
    site = publish_copy(project, root / "site")  # the hostile values must pass the check and build
    with served(site) as url:
        yield url, site


_EVENT_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on'))
        .map(a => `<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`))"""
# The elements whose tooltip holds a payload (a title without one cannot set window.pwned), marked before
# the theme moves a title into its tooltip; then one of them, scrolled to the middle of the window, by its
# place there.
_MARK = """() => [...document.querySelectorAll('[title], abbr')]
    .filter(el => (el.getAttribute('title') || '').includes('window.pwned'))
    .map((el, i) => el.setAttribute('data-hostile', i)).length"""
_PLACE = """i => { const el = document.querySelector(`[data-hostile="${i}"]`);
    el.scrollIntoView({block: 'center', inline: 'center'}); const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null; }"""
_DISPATCH = """() => {
    for (const el of document.querySelectorAll('a, [title], abbr, input, button')) {
        for (const kind of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin']) {
            el.dispatchEvent(new (kind.startsWith('focus') ? FocusEvent : MouseEvent)(kind, {bubbles: true}));
        }
        if (el.focus) el.focus();
    }
    return document.querySelectorAll('a').length;
}"""


def test_no_hostile_value_runs_script_or_adds_an_attribute_on_any_page(hostile_site, page) -> None:
    base, site = hostile_site
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hovered = 0
    for path in site_pages(site):
        page.goto(f"{base}/{path}")
        page.wait_for_load_state("load")
        # Every element with a payload in its tooltip (the theme writes a title into its tooltip as HTML)
        # under a real mouse. Every link and control then gets mouse and focus events by script.
        for i in range(page.evaluate(_MARK)):
            place = page.evaluate(_PLACE, i)
            if place:
                page.mouse.move(*place)
                hovered += 1
        assert page.evaluate(_DISPATCH) > 0
        assert page.evaluate("() => window.pwned") is None, f"a payload ran on /{path}"
        assert page.evaluate(_EVENT_ATTRIBUTES) == [], f"an event handler attribute on /{path}"
    assert dialogs == []
    assert hovered > 40, hovered  # the site's name, in the header of nearly every page


def test_the_hostile_addresses_arrive_whole_in_their_links(hostile_site, page) -> None:
    """The values were written as attributes, escaped, not cut short or changed."""
    base, _ = hostile_site
    hrefs, texts = [], []
    for path in ("about/", "sources/"):
        page.goto(f"{base}/{path}")
        hrefs += page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
        texts += page.eval_on_selector_all("a", "links => links.map(a => a.textContent)")
    assert BOOKING in hrefs
    assert SOURCE_URL in hrefs
    assert "mailto:x%27onmouseover%3D%27window.pwned%3D1%27.x@clinic.example" in hrefs
    assert "tel:+442079460000" in hrefs
    assert EMAIL in texts
    assert TEXTS[("sources.yml", "title", "nhs-back-pain")] in texts
