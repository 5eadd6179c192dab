"""The clinic's data drives its branding: name, logo, colour, contact line, booking link and emergency
number appear on every page, and changing clinic.yml changes them with no edit to mkdocs.yml or code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.content import Content
from macros.content.fields import contrast_with_white
from support.languages import page_content, page_prefix
from support.pages import visible_text
from support.site import ROOT, build_site, copy_seed_project, site_pages

from .editing import set_field


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "search" not in p.parts]


def test_every_page_shows_the_clinic_name_logo_and_contact_line(built_site: Path, content: Content) -> None:
    clinic = content.clinic
    logo = clinic.logo.removeprefix("docs/")
    assert (built_site / logo).read_bytes() == (ROOT / clinic.logo).read_bytes()
    for page in _pages(built_site):
        markup = page.read_text(encoding="utf-8")
        words = page_content(content, page.relative_to(built_site).as_posix())  # in the page's language
        assert re.search(rf"<title>[^<]*{re.escape(words.clinic.site_name)}</title>", markup), page
        assert re.search(rf'<img src="(\.\./)*{re.escape(logo)}" alt="logo">', markup), page
        assert re.search(rf'<link rel="icon" href="(\.\./)*{re.escape(logo)}">', markup), page
        assert re.search(r'<link rel="stylesheet" href="(\.\./)*stylesheets/site\.css">', markup), page
        footer = markup[markup.index('class="md-copyright"') :]
        emergency = words.site_texts.footer.emergency.split("{")[0]  # "Emergency? Call "
        assert (
            f'{emergency}<a href="tel:{clinic.emergency_number}">{clinic.emergency_number}</a>' in footer
        ), page
        assert clinic.name in visible_text(footer) and clinic.phone in footer, page
        assert f'<a href="{clinic.booking_url}">{words.site_texts.contact.book}</a>' in footer, page


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


@pytest.mark.live_data
def test_a_phone_gets_the_clinic_s_colour_and_a_home_screen_icon_and_a_shared_link_a_png_picture(
    built_site: Path, content: Content
) -> None:
    """The logo drawn as PNG on the clinic's colour: 180 px for a home screen (apple-touch-icon), 1200 x 630
    for the picture a shared link shows (og:image; social sites show no SVG); the phone's browser bar in
    the colour."""
    from PIL import Image

    colour = content.clinic.primary_colour.lower()
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for name, size in (("home-screen-icon.png", (180, 180)), ("share-picture.png", (1200, 630))):
        with Image.open(built_site / "assets" / name) as picture:
            assert (picture.format, picture.size) == ("PNG", size), name
            pixels = picture.convert("RGB")
            assert pixels.getpixel((2, 2)) == rgb, f"{name}: the clinic's colour at its edge"
            middle = pixels.crop((size[0] // 3, size[1] // 3, 2 * size[0] // 3, 2 * size[1] // 3))
            assert len(middle.getcolors(maxcolors=100_000) or []) > 2, f"{name}: the logo in the middle"
    for path in site_pages(built_site):
        # Each language's site has its own copy of the pictures, beside its pages.
        icon_file = (built_site / page_prefix(content, path) / "assets" / "home-screen-icon.png").resolve()
        folder = built_site if path.endswith(".html") else built_site / path
        markup = (built_site / path if path.endswith(".html") else folder / "index.html").read_text(
            encoding="utf-8"
        )
        assert f'<meta name="theme-color" content="{colour}">' in markup, path
        icon = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', markup)
        assert icon, path
        href = icon.group(1)
        site_path = urlsplit(content.clinic.website or "/").path  # "/back-massage/" for a project site
        root = built_site / page_prefix(content, path)
        target = root / href.removeprefix(site_path) if href.startswith("/") else folder / href
        assert target.resolve() == icon_file, (path, href)


def test_a_raster_logo_is_drawn_on_the_clinic_s_colour_too(content: Content) -> None:
    import io

    from PIL import Image

    from macros.pages import branding

    logo = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(logo, format="PNG")
    clinic = content.clinic.model_copy(update={"logo": "docs/assets/logo.png", "primary_colour": "#204060"})
    pictures = branding.png_pictures(clinic, logo.getvalue())
    with Image.open(io.BytesIO(pictures[branding.HOME_SCREEN_ICON])) as icon:
        assert icon.size == (180, 180)
        assert icon.convert("RGB").getpixel((90, 90)) == (200, 30, 30)
        assert icon.convert("RGB").getpixel((1, 1)) == (0x20, 0x40, 0x60)
