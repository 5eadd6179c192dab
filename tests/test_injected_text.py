"""HTML, <script>, template code and Markdown typed into a data text never run and are never evaluated.

Two guards: the validator refuses such text with a clear line (tests/test_editor_mistakes.py), and every
page writes data texts escaped. This file switches the first guard off in a build of a copy of the project
and checks, in Chromium, that the second holds on its own: each text is shown exactly as typed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from support.site import copy_seed_project, served

from .editing import set_field, yaml_quoted

NAME = 'Tension <img src=x onerror="window.__injected=1"> {{ 7 * 7 }}'
SUMMARY = (
    "<script>window.__injected=2</script> Tight muscles {% if true %}IF-RAN{% endif %} "
    "**bold** [a link](https://example.org) {# hidden #}"
)
PLAIN = '<script>window.__injected=3</script> You feel hot {{ clinic.phone }} and "shivery".'
SYMPTOM = '<b onmouseover="window.__injected=4">Numb</b> {{ 6 * 7 }}'
NO_ADVERTISING = "<script>window.__injected=5</script> No adverts {{ config.site_name }}."
SITE_NAME = "Clinic {{ 7 * 7 }} <i>x</i>"

# The first guard switched off: only the escaping in the pages stands between these texts and the browser.
_BUILD_WITHOUT_THE_VALIDATOR_RULE = """
import sys
from pathlib import Path
import macros.content.plain_text
macros.content.plain_text._RULES = ()
from macros.build import generate
from macros.checks.load import load_content
generate.generate(Path.cwd(), load_content(Path.cwd() / "data"))
from mkdocs.__main__ import cli
cli.main(args=["build", "--strict", "-f", "build/mkdocs.yml", "--site-dir", sys.argv[1]])
"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("injected")
    project = copy_seed_project(root / "project")
    data = project / "data"
    set_field(data / "conditions.yml", "name", yaml_quoted(NAME), "muscle-tension")
    set_field(data / "conditions.yml", "summary", yaml_quoted(SUMMARY), "muscle-tension")
    set_field(data / "contraindications.yml", "plain", yaml_quoted(PLAIN), "fever")
    set_field(data / "red_flags.yml", "symptom", yaml_quoted(SYMPTOM), "saddle-numbness")
    set_field(data / "site_texts.yml", "no_advertising", yaml_quoted(NO_ADVERTISING))
    set_field(data / "clinic.yml", "site_name", yaml_quoted(SITE_NAME))
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-c", _BUILD_WITHOUT_THE_VALIDATOR_RULE, str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url


def _open(page, url: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.mouse.move(10, 10)
    return dialogs


def _nothing_ran(page) -> None:
    assert page.evaluate("window.__injected") is None
    assert page.locator("article script, article img[src='x'], article b[onmouseover]").count() == 0
    structured = page.locator("head script[type='application/ld+json']")  # the structured data: only data
    assert structured.count() == 1
    assert json.loads(structured.text_content())["@type"] == "MedicalWebPage"


def test_a_condition_page_shows_markup_and_template_code_as_typed(page, injected_site: str) -> None:
    dialogs = _open(page, f"{injected_site}/conditions/muscle-tension/")
    _nothing_ran(page)
    assert dialogs == []
    assert page.locator("article h1").inner_text() == NAME
    article = page.locator("article").inner_text()
    assert SUMMARY in article
    assert "IF-RAN" in article and "49" not in article.replace(NAME, "")
    assert page.title().startswith(NAME)
    assert page.locator('meta[name="description"]').get_attribute("content") == SUMMARY
    structured = json.loads(page.locator("head script[type='application/ld+json']").text_content())
    assert structured["about"]["name"] == NAME  # template code in the JSON-LD too: as typed, never run
    page.locator(".care-card summary").click()  # the "Get help now" box on every condition page
    assert SYMPTOM in page.locator(".care-card").inner_text()


@pytest.mark.parametrize("path", ["", "conditions/", "contraindications/", "about/", "visit/"])
def test_no_page_runs_or_evaluates_what_an_editor_typed(page, injected_site: str, path: str) -> None:
    dialogs = _open(page, f"{injected_site}/{path}")
    _nothing_ran(page)
    assert dialogs == []
    header = page.locator(".md-header__topic").first.inner_text()
    assert SITE_NAME in header
    body = page.locator("body").inner_text()
    assert "Clinic 49" not in body


def test_texts_appear_as_typed_where_they_are_listed(page, injected_site: str) -> None:
    _open(page, f"{injected_site}/contraindications/")
    assert PLAIN in page.locator("article").inner_text()
    _open(page, f"{injected_site}/about/")
    assert NO_ADVERTISING in page.locator("article").inner_text()
    _open(page, f"{injected_site}/conditions/")
    assert NAME in page.locator("article").inner_text()
