"""Text is text on every path a data value takes to a patient's screen, on the published (minified)
pages in Chromium: the glossary's tooltip (which the theme fills as HTML), the abbreviation's title, the
search index and its results, and the structured data. The values hold every character that means
something in HTML and that `make check` lets through (`<`, `>`, `&`, quotes, "A&E;"); each must show
exactly as typed and never become an element. (A value with markup or an HTML character code in it never
gets this far: tests/test_stricter_input.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from support.search import SearchBox
from support.site import copy_project, publish_copy, served

from .editing import set_field, yaml_quoted

EXPLANATION = "A thin layer < 2 mm & \"tough\" > skin <3 go to A&E; x' onerror=window.pwned=1 '"
CONDITION = "Stiff spine <3 & \"sore\" > A&E; b' onmouseover=window.pwned=2 '"
PAGE = "conditions/reduced-spine-mobility/"


@pytest.fixture(scope="module")
def text_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("text")
    project = copy_project(root / "project", english_only=True)
    data = project / "data"
    set_field(data / "glossary.yml", "plain", yaml_quoted(EXPLANATION), "fascia")
    set_field(data / "conditions.yml", "name", yaml_quoted(CONDITION), "reduced-spine-mobility")
    publish_copy(project, root / "site")
    with served(root / "site") as url:
        yield url


def _no_payload_ran(page) -> None:
    assert page.evaluate("() => window.pwned") is None
    assert page.evaluate("() => document.querySelectorAll('[onerror], [onmouseover]').length") == 0


def test_the_glossary_tooltip_shows_its_explanation_as_text(text_site: str, page) -> None:
    page.goto(f"{text_site}/{PAGE}")
    word = page.locator("article abbr", has_text="fascia").first
    title = word.get_attribute("title")
    assert title is not None and "<" not in title, "the title, as the browser reads it, holds no markup"
    word.focus()
    word.hover()
    tooltip = page.locator(".md-tooltip2__inner, .md-tooltip__inner").filter(has_text="thin layer").first
    tooltip.wait_for(state="visible")
    assert tooltip.text_content().strip() == EXPLANATION
    assert tooltip.evaluate("el => el.querySelectorAll('*').length") == 0, "the tooltip holds an element"
    _no_payload_ran(page)


def test_the_glossary_page_and_the_condition_show_the_values_as_typed(text_site: str, page) -> None:
    page.goto(f"{text_site}/glossary/")
    assert EXPLANATION in page.locator("article").inner_text()
    page.goto(f"{text_site}/{PAGE}")
    assert page.locator("article h1").inner_text() == CONDITION
    assert page.title().startswith(CONDITION)
    _no_payload_ran(page)


def test_the_structured_data_holds_the_value_as_typed(text_site: str, page) -> None:
    page.goto(f"{text_site}/{PAGE}")
    scripts = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
    )
    assert scripts
    names = json.dumps([json.loads(s) for s in scripts], ensure_ascii=False)
    assert json.dumps(CONDITION, ensure_ascii=False) in names
    _no_payload_ran(page)


def test_a_search_result_shows_the_value_as_text(text_site: str, page) -> None:
    box = SearchBox(page, text_site)
    results = box.search("stiff spine sore")
    titles = [link.title for item in results for link in item]
    assert any("Stiff spine <3" in title for title in titles), titles
    injected = page.evaluate(
        "() => document.querySelectorAll('.md-search-result [onmouseover], .md-search-result img').length"
    )
    assert injected == 0
    _no_payload_ran(page)
