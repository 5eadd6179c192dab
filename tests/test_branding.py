"""The clinic's data drives its branding: name, logo, colour, contact line, booking link and emergency
number appear on every page, and changing clinic.yml changes them with no edit to mkdocs.yml or code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.content import Content
from macros.content.fields import contrast_with_white
from support.pages import visible_text
from support.site import ROOT, build_site, copy_seed_project

from .editing import set_field


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "search" not in p.parts]


def test_every_page_shows_the_clinic_name_logo_and_contact_line(built_site: Path, content: Content) -> None:
    clinic = content.clinic
    logo = clinic.logo.removeprefix("docs/")
    assert (built_site / logo).read_bytes() == (ROOT / clinic.logo).read_bytes()
    for page in _pages(built_site):
        markup = page.read_text(encoding="utf-8")
        assert re.search(rf"<title>[^<]*{re.escape(clinic.site_name)}</title>", markup), page
        assert re.search(rf'<img src="(\.\./)*{re.escape(logo)}" alt="logo">', markup), page
        assert re.search(rf'<link rel="icon" href="(\.\./)*{re.escape(logo)}">', markup), page
        assert re.search(r'<link rel="stylesheet" href="(\.\./)*stylesheets/site\.css">', markup), page
        footer = markup[markup.index('class="md-copyright"') :]
        assert f'Call <a href="tel:{clinic.emergency_number}">{clinic.emergency_number}</a>' in footer, page
        assert clinic.name in visible_text(footer) and clinic.phone in footer, page
        assert f'<a href="{clinic.booking_url}">Book a massage</a>' in footer, page


def test_the_header_has_the_clinic_colour_and_stays_readable(page, site_url: str, content: Content) -> None:
    colour = content.clinic.primary_colour
    page.goto(site_url)
    background = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert background == "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
    text = page.evaluate("getComputedStyle(document.querySelector('.md-header')).color")
    assert text == "rgb(255, 255, 255)"
    assert contrast_with_white(colour) >= 4.5


@pytest.mark.slow  # builds the site
def test_changing_clinic_yml_rebrands_the_site_without_touching_mkdocs_yml(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    mkdocs_yml = (project / "mkdocs.yml").read_bytes()
    shutil.copy2(
        project / "docs" / "assets" / "clinic-logo.svg", project / "docs" / "assets" / "new-logo.svg"
    )
    clinic = project / "data" / "clinic.yml"
    set_field(clinic, "site_name", "Riverside back care")
    set_field(clinic, "name", "Riverside Clinic")
    set_field(clinic, "phone", '"+1 555 0100"')
    set_field(clinic, "emergency_number", '"911"')
    set_field(clinic, "booking_url", "https://riverside.example/book")
    set_field(clinic, "logo", "docs/assets/new-logo.svg")
    set_field(clinic, "primary_colour", '"#7a1f3d"')
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (project / "mkdocs.yml").read_bytes() == mkdocs_yml
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Back massage \N{EN DASH} Riverside back care</title>" in home
    assert '<img src="assets/new-logo.svg" alt="logo">' in home
    styles = (site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #7a1f3d;" in styles
    assert (ROOT / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8") in styles  # the rest kept
    condition = (site / "conditions" / "radiculitis" / "index.html").read_text(encoding="utf-8")
    for markup in (home, condition):
        assert "Call 911 now" in visible_text(markup)  # the "Get help now" box (911 is a tel: link)
        assert 'Call <a href="tel:911">911</a>' in markup  # the footer
        assert 'Phone <a href="tel:+15550100">+1 555 0100</a>' in markup
        assert '<a href="https://riverside.example/book">Book a massage</a>' in markup
        assert "Riverside Clinic" in markup
        assert "112" not in re.sub(r"<[^>]+>", " ", markup)
