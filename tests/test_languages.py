"""The site in each language the clinic publishes beside English (clinic.yml translations): every page
in every language, in that language throughout, linked to itself in the others, marked for screen readers
and search engines, with the language's own notice; the self-check gives the same result whatever the
language; and a language added as data (a copy of the Russian files under another code) builds with no
change to the code."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
from pathlib import Path

import pytest

from macros.build import generate
from macros.checks.load import load_content
from macros.content import Content
from macros.content import self_check as rules
from macros.content.model import Reviewer
from macros.pages import registry
from support.pages import visible_text
from support.site import ROOT, build_site, copy_project, site_pages

# Two Latin words in a row: English words (one alone may be a name or an abbreviation: GP, NHS, COVID).
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*(?:[ ,.:;]+[A-Za-z][A-Za-z'\u2019-]*)+")
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')
_EVALUATE = """sets => JSON.stringify(JSON.parse(sets).map(a => window.selfCheck.evaluate(a, [])))"""


def _pages_in(site: Path, content: Content, code: str | None) -> set[str]:
    others = tuple(f"{c}/" for c in content.translations)
    if code is None:
        return {p for p in site_pages(site) if not p.startswith(others)}
    return {p.removeprefix(f"{code}/") for p in site_pages(site) if p.startswith(f"{code}/")}


def _html(site: Path, path: str) -> str:
    return (site / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")


def test_the_project_publishes_russian() -> None:
    assert "ru" in load_content(ROOT / "data").translations


def test_every_page_is_published_in_every_language_the_clinic_lists(
    built_site: Path, content: Content
) -> None:
    english = _pages_in(built_site, content, None)
    assert len(english) > 20
    for code in content.translations:
        assert _pages_in(built_site, content, code) == english, code


def test_no_english_sentence_is_left_on_a_page_in_another_language(
    built_site: Path, content: Content
) -> None:
    """Only names are left as written: the clinic's, its address, email and booking page, and the sources'
    English titles and publishers, which the pages mark as English (lang="en") so a screen reader says them
    as written. Two Latin words in a row are English left behind (the country in the self-check's
    introduction was, "the UK")."""
    clinic = content.clinic
    names = [clinic.name, clinic.address.street, clinic.address.town, clinic.address.postcode]
    names += [clinic.email, clinic.booking_url]  # addresses, as written
    for code in content.translations:
        left = {}
        for path in sorted(_pages_in(built_site, content, code)):
            text = visible_text(_html(built_site, f"{code}/{path}"), language=code)
            for name in names:
                text = text.replace(name, " ")
            if found := _ENGLISH.findall(text):
                left[path] = found
        assert left == {}, code


def test_each_page_links_to_itself_in_the_other_languages_for_readers_and_search_engines(
    built_site: Path, content: Content
) -> None:
    codes = ["en", *content.translations]
    for code in codes:
        prefix = "" if code == "en" else f"{code}/"
        for path in _pages_in(built_site, content, None if code == "en" else code):
            if path.endswith(".html"):
                continue
            page = _html(built_site, prefix + path)
            assert re.search(rf'<html[^>]* lang="?{code}"?[ >]', page), (code, path)
            links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+">', page)
            alternates = dict(_ALTERNATE.findall(page))
            assert sorted(lang for _, lang in links) == sorted(c for c in codes if c != code), (code, path)
            # For search engines, only with the site's address: hreflang needs a full address.
            website = content.clinic.website
            if website is None:
                assert alternates == {}, (code, path)
            else:
                expected = {c: f"{website}{'' if c == 'en' else c + '/'}{path}" for c in codes}
                assert alternates == {**expected, "x-default": f"{website}{path}"}, (code, path)
            here = built_site / prefix / path
            for href, lang in links:
                target = (here / href).resolve()
                assert target == (built_site / ("" if lang == "en" else f"{lang}/") / path).resolve(), href
                assert (target / "index.html").is_file(), (code, path, href)


def test_a_page_in_another_language_says_its_dates_and_structured_data_in_it(
    built_site: Path, content: Content
) -> None:
    for code, words in content.translations.items():
        assert words.language is not None
        page = _html(built_site, f"{code}/visit/")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
        assert data["inLanguage"] == code
        # The page's next review, as the language writes a date ("21 ноября 2027 г.").
        due = registry.next_review(words, "visit.md")
        assert words.language.format_date(due) in visible_text(page)


def test_every_page_in_another_language_carries_its_notice_and_says_it_is_a_draft_in_it(
    built_site: Path, content: Content
) -> None:
    for code, words in content.translations.items():
        assert words.language is not None
        for path in _pages_in(built_site, content, code):
            text = visible_text(_html(built_site, f"{code}/{path}"))
            if words.language.notice:
                assert words.language.notice in text, (code, path)
            assert words.site_texts.draft_notice.text in text, (code, path)  # the example clinic is a draft


def test_a_site_live_in_english_shows_an_unreviewed_translation_as_a_draft_in_its_language(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate.go_live, "is_draft", lambda c: False)  # as if the English site were live
    words = content.translations["ru"]
    assert words.language is not None and words.language.reviewed_by is None
    config = generate.generated_config(
        words, {"theme": {"language": "en"}}, [], ROOT / "build" / "ru", content
    )
    assert config["extra"]["draft"] is True
    assert config["extra"]["texts"]["draft_text"] == words.language.unreviewed
    # A clinician of the clinic who reads it reviews the translation: its pages are no longer a draft.
    doctor = Reviewer(id="dr-ivanova", name="Dr Ivanova", role="GP who reads Russian.", clinician=True)
    clinic = content.clinic.model_copy(update={"reviewers": [*content.clinic.reviewers, doctor]})
    english = dataclasses.replace(content, clinic=clinic)
    words = dataclasses.replace(
        words, language=words.language.model_copy(update={"reviewed_by": "dr-ivanova"})
    )
    config = generate.generated_config(
        words, {"theme": {"language": "en"}}, [], ROOT / "build" / "ru", english
    )
    assert config["extra"]["draft"] is False


def test_the_self_check_gives_the_same_result_in_every_language(
    page, site_url: str, content: Content
) -> None:
    rng = random.Random(5)
    asked = rules.questions(content)
    sets = [
        {q.id: rng.choice(["no", "no", "no", "unsure", *(a.value for a in q.answers)]) for q in asked}
        for _ in range(2000)
    ]
    results = {}
    for code in ["en", *content.translations]:
        page.goto(f"{site_url}/{'' if code == 'en' else code + '/'}self-check/")
        page.wait_for_function("window.selfCheck && typeof window.selfCheck.evaluate === 'function'")
        results[code] = json.loads(page.evaluate(_EVALUATE, json.dumps(sets)))
    assert len({r["tier"] for r in results["en"]}) >= 4  # the sets reach most results
    for code in content.translations:
        assert results[code] == results["en"], code


@pytest.mark.slow  # builds the site
def test_a_language_added_as_data_builds_with_no_change_to_the_code(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    locales = project / "locales"
    shutil.copytree(locales / "ru", locales / "uk")
    language = locales / "uk" / "language.yml"
    language.write_text(
        language.read_text(encoding="utf-8").replace("code: ru", "code: uk"), encoding="utf-8"
    )
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("translations: [ru]", "translations: [ru, uk]")
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    site = tmp_path / "site"
    assert '<html lang="uk"' in _html(site, "uk/visit/")
    assert 'hreflang="uk"' in _html(site, "visit/") and 'hreflang="uk"' in _html(site, "ru/visit/")
