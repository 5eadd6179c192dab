"""Pages print cleanly from the browser: no header, navigation, search or footer on paper, link targets
written out, the urgent-help box kept; and the "before your visit" handout fits on one sheet."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from macros.content import Content
from support.languages import page_content


def _print(page, url: str) -> tuple[int, str]:
    """Print the page to an A4 PDF in Chromium, as a patient's "Print" would; its page count and text."""
    page.goto(url, wait_until="networkidle")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in pdf.pages)
    return len(pdf.pages), " ".join(text.split())


def test_the_handout_prints_on_one_page_with_preparation_contraindications_and_contact(
    page, site_url: str, content: Content, figures
) -> None:
    for prefix in ["", *(f"{code}/" for code in content.translations)]:  # in each language
        words = page_content(content, prefix + "handout/")
        pages, text = _print(page, f"{site_url}/{prefix}handout/")
        figures(
            "Print (A4 PDF from Chromium)", f"/{prefix}handout/: {pages} page(s), {len(text.split())} words"
        )
        assert pages == 1, f"the {prefix}handout needs {pages} pages"
        flat = re.sub(r"\s+", "", text)  # PDF text extraction may break lines inside words

        def printed(value: str, flat: str = flat) -> bool:
            return re.sub(r"\s+", "", value) in flat

        for step in words.visit.preparation:
            assert printed(step.text), step.id
        for ci in words.contraindications.values():
            assert printed(ci.plain), ci.id
        clinic = words.clinic
        for value in (clinic.name, clinic.phone, clinic.email, clinic.address.street, clinic.opening_hours):
            assert printed(value), value
        card = words.site_texts.care_card
        assert printed(card.title) and printed(
            card.line.replace("{emergency_number}", clinic.emergency_number)
        )


def test_a_printed_page_has_no_site_chrome_keeps_the_care_card_and_shows_link_targets(
    page, site_url: str, content: Content, figures
) -> None:
    pages, text = _print(page, f"{site_url}/conditions/radiculitis/")
    words = len(text.split())
    figures("Print (A4 PDF from Chromium)", f"/conditions/radiculitis/: {pages} page(s), {words} words")
    flat = re.sub(r"\s+", "", text)
    assert "Radiculitis" in text
    # Header, navigation, search and footer are left out.
    for chrome in ("Skip to content", "Type to start searching", "Made with", "Back to top"):
        assert re.sub(r"\s+", "", chrome) not in flat, chrome
    nav_only = [
        c.name
        for c in content.conditions.values()
        if c.id != "radiculitis" and c.id not in content.conditions["radiculitis"].related
    ]
    assert not any(re.sub(r"\s+", "", name) in flat for name in nav_only), "the navigation was printed"
    # The urgent-help box is kept, with every red flag.
    assert "Gethelpnow" in flat
    for flag in content.red_flags.values():
        assert re.sub(r"\s+", "", flag.symptom) in flat, flag.id
    # A web link on paper shows where it goes.
    _, sources = _print(page, f"{site_url}/sources/")
    assert "(https://www.nice.org.uk/guidance/ng59)" in re.sub(r"\s+", "", sources)


def test_printing_uses_the_print_styles_not_the_screen(page, site_url: str) -> None:
    page.goto(f"{site_url}/visit/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
            .map(s => document.querySelector(s)).filter(Boolean)
            .map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".care-card").count() == 0 or page.locator(".care-card").is_visible()
