"""Every page tells machines what it is: schema.org JSON-LD built from the data (valid JSON, safely
escaped), a meta description and Open Graph tags; the sitemap dates each page by its last review; the care
card stays out of the search index; a missing page gets a helpful 404."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.content import Content
from macros.pages import registry, structured_data
from support.languages import date, date_pattern, page_content, page_prefix, source_path, template_pattern
from support.pages import visible_text
from support.site import build_site, copy_project, site_pages

# Checks what holds for any data `make check` accepts: run on the project's data and an edited copy.
pytestmark = pytest.mark.live_data


def _html(site: Path, path: str) -> str:
    return (site / (path if path.endswith(".html") else f"{path}index.html")).read_text(encoding="utf-8")


def _json_ld(markup: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', markup, re.S)
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    return json.loads(blocks[0])


def _content_pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if not p.endswith(".html")]


def test_every_page_is_a_medical_web_page_for_patients_reviewed_on_its_review_date(
    built_site: Path, content: Content, figures
) -> None:
    for path in _content_pages(built_site):
        markup = _html(built_site, path)
        data = _json_ld(markup)
        assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage", path
        assert data["medicalAudience"] == "https://schema.org/Patient"
        words = page_content(content, path)  # in the page's language
        when = date_pattern(words)
        line = template_pattern(words.site_texts.review.line, last=when, due=when, reviewers=r"\w[^·]*")
        review_line = re.search(line, visible_text(markup)).group(1)
        expected = registry.last_reviewed(words, source_path(content, path))
        assert data["lastReviewed"] == expected.isoformat() and data["inLanguage"] == words.code, path
        assert review_line == date(words, expected), (path, review_line)
        assert data["reviewedBy"] and all(r["name"] for r in data["reviewedBy"])
        publisher = data["publisher"]
        assert publisher["@type"] == "MedicalClinic" and publisher["telephone"] == content.clinic.phone
        assert publisher["address"]["streetAddress"] == content.clinic.address.street
        figures(
            "Structured data (JSON-LD) per page",
            f"/{path:<40} {data['@type']}, about: {_about_types(data)}, lastReviewed {data['lastReviewed']}",
        )


def _about_types(data: dict) -> str:
    about = data.get("about")
    if about is None:
        return "-"
    return ", ".join(sorted({a["@type"] for a in (about if isinstance(about, list) else [about])}))


def test_condition_pages_are_about_the_condition_with_its_treatment_and_symptoms(
    built_site: Path, content: Content
) -> None:
    for c in content.conditions.values():
        about = _json_ld(_html(built_site, f"conditions/{c.id}/"))["about"]
        assert about["@type"] == "MedicalCondition" and about["name"] == c.name
        assert about["description"] == " ".join(c.summary.split())
        treatment = about["possibleTreatment"]
        assert treatment["@type"] == "MedicalTherapy"
        assert treatment["name"] == content.massage_types[c.massage_type].name
        assert {ci["name"] for ci in treatment["contraindication"]} == {
            ci.name for ci in content.contraindications.values()
        }
        assert all(ci["@type"] == "MedicalContraindication" for ci in treatment["contraindication"])
        if c.feels_like:
            assert about["signOrSymptom"]["description"] == c.feels_like
        assert [x["name"] for x in about.get("cause", [])] == list(c.causes)


def test_the_massage_types_page_describes_each_type_as_a_therapy(built_site: Path, content: Content) -> None:
    about = _json_ld(_html(built_site, "massage-types/"))["about"]
    assert [t["name"] for t in about] == [t.name for t in content.massage_types.values()]
    assert all(t["@type"] == "MedicalTherapy" and t["contraindication"] for t in about)


def test_the_contraindications_are_listed_where_the_page_lists_them_and_nowhere_else(
    built_site: Path, content: Content
) -> None:
    """The contraindications page describes each therapy with every contraindication; the other pages
    about the therapies name and describe them only (the full list would be most of each page's weight)."""
    listed = _json_ld(_html(built_site, "contraindications/"))["about"]
    assert all(len(t["contraindication"]) == len(content.contraindications) for t in listed)
    for path in ("", "visit/", "handout/", "benefits/", "techniques/"):
        about = _json_ld(_html(built_site, path))["about"]
        assert [t["name"] for t in about] == [t.name for t in content.massage_types.values()], path
        assert all(t["@type"] == "MedicalTherapy" and "contraindication" not in t for t in about), path
    # The self-check, the heaviest page, names no therapy.
    assert "about" not in _json_ld(_html(built_site, "self-check/"))


def test_the_about_page_is_about_the_clinic(built_site: Path, content: Content) -> None:
    about = _json_ld(_html(built_site, "about/"))["about"]
    assert about["@type"] == "MedicalClinic" and about["name"] == content.clinic.name


@pytest.mark.parametrize(
    "typed",
    ["</script><script>alert(1)</script>", "<!-- comment", 'quote " and \\ backslash', "a & b > c", "\u2028"],
)
def test_structured_data_survives_any_text_an_editor_types(content: Content, typed: str) -> None:
    encoded = structured_data.script_text(
        structured_data.web_page(content, "conditions/radiculitis.md", title=typed, description=typed)
    )
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    decoded = json.loads(encoded)
    assert decoded["name"] == typed
    assert decoded.get("description", "") == " ".join(typed.split())


def test_every_page_has_a_description_and_open_graph_title_and_description(
    built_site: Path, content: Content
) -> None:
    for path in _content_pages(built_site):
        markup = _html(built_site, path)
        description = re.search(r'<meta name="description" content="([^"]+)">', markup)
        og_title = re.search(r'<meta property="og:title" content="([^"]+)">', markup)
        og_description = re.search(r'<meta property="og:description" content="([^"]+)">', markup)
        assert description and og_title and og_description, path
        assert og_description.group(1) == description.group(1), path
    for c in content.conditions.values():
        markup = _html(built_site, f"conditions/{c.id}/")
        description = re.search(r'<meta name="description" content="([^"]+)">', markup).group(1)
        og_title = re.search(r'<meta property="og:title" content="([^"]+)">', markup).group(1)
        assert html.unescape(description) == " ".join(c.summary.split()), c.id
        assert html.unescape(og_title) == c.name, c.id


def test_the_sitemap_lists_every_page_with_its_last_review_date(
    tmp_path: Path, built_site: Path, content: Content, project: Path
) -> None:
    # The sitemap lists pages only when the clinic gives the site's address.
    project = copy_project(tmp_path / "project", project)
    clinic = project / "data" / "clinic.yml"
    base = "https://clinic.example/"
    lines = clinic.read_text(encoding="utf-8").splitlines()
    own = [line for line in lines if not line.startswith("website:")]
    clinic.write_text("\n".join([*own, f"website: {base}"]) + "\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    # Each language's own sitemap (site/sitemap.xml, site/ru/sitemap.xml), each page with its languages.
    for prefix in ["", *(f"{code}/" for code in content.translations)]:
        root = ET.parse(tmp_path / "site" / prefix / "sitemap.xml").getroot()
        urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
        pages = [p for p in _content_pages(built_site) if page_prefix(content, p) == prefix]
        assert set(urls) == {base + p for p in pages}
        for path in pages:
            url = urls[base + path]
            last = registry.last_reviewed(content, source_path(content, path))
            assert url.find("s:lastmod", ns).text == last.isoformat(), path
            own = path.removeprefix(prefix)
            alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
            expected = {"en": base + own, **{c: f"{base}{c}/{own}" for c in content.translations}}
            assert alternates == (expected if content.translations else {}), path
    # And in each page's head, for search engines (a full address, as hreflang needs).
    head = (tmp_path / "site" / "visit" / "index.html").read_text(encoding="utf-8")
    for code in content.translations:
        assert f'<link rel="alternate" hreflang="{code}" href="{base}{code}/visit/">' in head


def test_the_care_card_is_shown_but_kept_out_of_the_search_index(built_site: Path, content: Content) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages_with_card = ["", *(f"conditions/{c}/" for c in content.conditions)]
    for path in pages_with_card:
        assert 'class="care-card"' in _html(built_site, path), path
        docs = [d for d in index["docs"] if d["location"].split("#")[0] == path]
        assert docs, path
        for flag in content.red_flags.values():
            assert not any(flag.symptom in d["text"] for d in docs), (path, flag.id)
    # The same words elsewhere are still found: only the box is excluded.
    assert any(content.red_flags["saddle-numbness"].symptom in d["text"] for d in index["docs"])


def test_the_404_page_says_what_happened_and_offers_search_and_the_main_pages(
    page, site_url: str, built_site: Path
) -> None:
    markup = _html(built_site, "404.html")
    assert "<h1" in markup and "Page not found" in markup
    page.goto(f"{site_url}/404.html")
    links = page.locator("article a").evaluate_all("els => els.map(e => e.href)")  # as the browser reads them
    assert len(links) >= 8
    for href in links:
        assert href.startswith(f"{site_url}/") and page.request.get(href).ok, href
    page.get_by_role("button", name="Search this site").click()
    page.keyboard.type("massage")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
