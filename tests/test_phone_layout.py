"""Pages a patient can use on a phone (390 x 844 CSS pixels, an iPhone 14's screen): the home page leads
with the emergency box, kept to one line and a list that opens, then the three things patients come for;
the About page fits in three screens; the visit page says nothing twice; the handout's phone number and
booking link can be tapped. Run on the seed data, whose amount of text the sizes are measured with;
`make phone-screenshots` writes the same pages as pictures, and the README gives their heights."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from macros.content import Content
from support.pages import article_text

PHONE = {"width": 390, "height": 844}
SCREENS_FOR_ABOUT = 3


@pytest.fixture
def phone(contexts):
    with contexts.first_visit(viewport=PHONE, device_scale_factor=1) as page:
        yield page


def test_on_a_phone_the_home_page_leads_with_help_now_then_the_self_check_the_visit_and_when_not_to(
    phone, seed_site_url: str
) -> None:
    phone.goto(f"{seed_site_url}/")
    first = phone.evaluate("document.querySelector('article h1').nextElementSibling.className")
    assert first == "care-card", "the emergency box comes first"
    card = phone.locator(".care-card").bounding_box()
    assert card["height"] <= 150, f"the emergency box is compact on a phone, not {card['height']:.0f} px"
    assert phone.locator(".care-card details").get_attribute("open") is None, "its list starts closed"
    assert phone.locator(".care-card a[href^='tel:']").first.is_visible(), "the number is in its one line"
    links = phone.locator(".home-start a")
    targets = [re.sub(r"^.*?/(?=[a-z-]+/$)", "", links.nth(i).get_attribute("href")) for i in range(3)]
    assert targets == ["self-check/", "visit/", "contraindications/"], targets
    for i in range(3):
        box = links.nth(i).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"{targets[i]} is below the first screen"
        assert box["height"] >= 44, "a large target for a thumb"


def test_the_warning_signs_open_from_the_one_line_box(
    phone, seed_site_url: str, seed_content: Content
) -> None:
    phone.goto(f"{seed_site_url}/")
    for flag in seed_content.red_flags.values():
        assert not phone.get_by_text(flag.symptom, exact=True).first.is_visible(), flag.id
    phone.locator(".care-card summary").click()
    for flag in seed_content.red_flags.values():
        assert phone.get_by_text(flag.symptom, exact=True).first.is_visible(), flag.id


def test_the_about_page_fits_in_three_phone_screens(phone, seed_site_url: str, figures) -> None:
    phone.goto(f"{seed_site_url}/about/")
    height = phone.evaluate("document.documentElement.scrollHeight")
    figures("Phone (390 x 844)", f"/about/ is {height} px high, {height / PHONE['height']:.1f} screens")
    assert height <= SCREENS_FOR_ABOUT * PHONE["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing is cut off"
    assert phone.locator("table").count() == 0, "the review dates are grouped in lines, not a table"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if len(s.split()) >= 3]


def test_the_visit_page_says_nothing_twice(seed_site, seed_content: Content) -> None:
    text = article_text(seed_site, "visit/")
    twice = [s for s, n in Counter(_sentences(text)).items() if n > 1]
    assert twice == []
    length = f"{seed_content.visit.duration_minutes} minutes"
    assert text.count(length) == 1, f"the session length is given {text.count(length)} times"


def test_on_the_handout_the_phone_number_and_the_booking_link_can_be_tapped(
    phone, seed_site_url: str, seed_content: Content
) -> None:
    phone.goto(f"{seed_site_url}/handout/")
    contact = phone.locator("#contact + ul")
    call = contact.locator("a[href^='tel:']")
    assert call.inner_text() == seed_content.clinic.phone
    assert re.sub(r"\D", "", call.get_attribute("href")) == re.sub(r"\D", "", seed_content.clinic.phone)
    book = contact.locator(f"a[href='{seed_content.clinic.booking_url}']")
    assert book.count() == 1
    for link in (call, book):
        box = link.bounding_box()
        assert box["height"] >= 24, "a target a finger can hit (WCAG 2.5.8)"


def test_the_home_page_buttons_keep_their_padding_and_bullets_sit_beside_a_wrapped_link_s_first_line(
    phone, seed_site_url: str
) -> None:
    phone.goto(f"{seed_site_url}/")
    for padding in phone.eval_on_selector_all(
        ".home-start a", "els => els.map(e => getComputedStyle(e).paddingTop)"
    ):
        assert float(padding.removesuffix("px")) >= 8, f"a main button lost its padding ({padding})"
    phone.goto(f"{seed_site_url}/contraindications/")
    lines = phone.eval_on_selector_all(
        "article li > a:only-child",
        """links => links.map(a => {
            const first = a.getClientRects()[0], li = a.parentElement.getBoundingClientRect();
            return [getComputedStyle(a).display, a.getClientRects().length, Math.abs(first.top - li.top)];
        })""",
    )
    assert lines, "the page lists links to its sources"
    assert all(display == "block" for display, _, _ in lines), (
        "a whole-item link is a block: its bullet tops it"
    )
    assert all(offset <= 4 for _, _, offset in lines), "each link starts on the bullet's line"
