"""The built self-check page keeps its contract: questions rendered from the data as real form controls,
the rule table embedded for the script, links from the home and condition pages, a small script that has
no way to send or store anything, plain words, and new data turns into new questions with no code change."""

from __future__ import annotations

import gzip
import html
import json
import re
import socket
from pathlib import Path

import pytest

from macros.content import Content, self_check
from support.pages import article_html
from support.self_check import answer_no_to_every_question, self_check_with_one_yes
from support.site import ROOT, build_site, copy_seed_project, served

# The built page's tests hold for any data `make check` accepts: run on the project's data and on an edited
# copy (which adds a contraindication with its question).
pytestmark = pytest.mark.live_data

ASSETS = [ROOT / "docs" / "javascripts" / "self-check.js", ROOT / "docs" / "stylesheets" / "self-check.css"]


def _page(site: Path) -> str:
    return (site / "self-check" / "index.html").read_text(encoding="utf-8")


def test_each_question_is_a_fieldset_with_a_legend_and_its_kinds_of_yes_then_no_and_not_sure(
    built_site: Path, content: Content
) -> None:
    markup = article_html(built_site, "self-check/")
    fieldsets = re.findall(r'<fieldset class="sc-question" id="sc-q-([^"]+)">.*?</fieldset>', markup, re.S)
    assert fieldsets == [q.id for q in self_check.questions(content)]
    # The hint for a question left blank is written once, for the script to put in each legend that
    # needs it (tests/test_self_check_browser.py sees it there).
    form = re.search(r"<form [^>]*>", markup).group(0)
    hint = re.search(r'data-unanswered-hint="([^"]*)"', form).group(1)
    assert html.unescape(hint) == content.self_check.unanswered_hint
    for q in self_check.questions(content):
        block = re.search(rf'id="sc-q-{q.id}".*?</fieldset>', markup, re.S).group(0)
        legend = re.search(r"<legend>(.*?)</legend>", block, re.S).group(1)
        label = content.self_check.follow_up_label
        parent = next((p.number for p in self_check.questions(content) if p.id == q.follow_up_of), None)
        lead = label.replace("{number}", str(parent)) + " " if parent else ""
        assert html.unescape(re.sub(r"<[^>]+>", "", legend)).strip() == f"{q.number}. {lead}{q.text}"
        radios = re.findall(r'<label><input type="radio" name="([^"]+)" value="([^"]+)">', block)
        kinds_of_yes = [(q.id, a.value) for a in q.answers]
        assert radios == [*kinds_of_yes, (q.id, "no"), (q.id, "unsure")]
        assert kinds_of_yes, q.id


def test_the_form_and_result_carry_the_ids_other_tests_rely_on(built_site: Path) -> None:
    markup = article_html(built_site, "self-check/")
    form = re.search(r"<form [^>]*>", markup).group(0)
    assert 'id="self-check"' in form and 'method="dialog"' in form
    assert re.search(r'<form id="self-check".*<button type="submit"', markup, re.S)
    result = re.search(r'<section [^>]*id="self-check-result"[^>]*>', markup).group(0)
    for attribute in ('data-tier=""', 'data-local-caution="false"', 'aria-live="polite"', 'tabindex="-1"'):
        assert attribute in result


def test_the_page_embeds_the_rule_table_built_from_the_data(built_site: Path, content: Content) -> None:
    raw = re.search(r'<form id="self-check"[^>]* data-rules="([^"]*)"', _page(built_site))
    assert json.loads(html.unescape(raw.group(1))) == self_check.rules(content)


def test_the_home_page_and_every_condition_page_link_to_the_self_check(
    built_site: Path, content: Content
) -> None:
    home = article_html(built_site, "")
    assert re.search(r'<a href="self-check/">(<strong>)?Is back massage right for me now\?', home)
    for c in content.conditions.values():
        assert '<a href="../../self-check/">Take the self-check</a>' in article_html(
            built_site, f"conditions/{c.id}/"
        ), c.id


def test_the_script_and_its_styles_stay_under_ten_kib_gzipped() -> None:
    size = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in ASSETS)
    assert size <= 10 * 1024, f"{size} bytes gzipped"


def test_the_script_has_no_way_to_send_or_store_answers() -> None:
    source = ASSETS[0].read_text(encoding="utf-8")
    forbidden = [
        "fetch", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "localStorage", "sessionStorage",
        "indexedDB", "cookie", "history.", "location", "import(", "src", "href", "innerHTML", "eval(",
    ]  # fmt: skip
    assert [word for word in forbidden if word in source] == []


def test_a_new_contraindication_in_the_yaml_becomes_a_question_with_its_rule(tmp_path: Path, page) -> None:
    project = copy_seed_project(tmp_path / "project")
    data = project / "data" / "contraindications.yml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + """
- id: recent-vaccination
  name: A vaccination in the last two days
  plain: You had a vaccination in the last two days.
  kind: avoid
  reason: Your arm and body may be sore. Wait a few days.
  question: Have you had a vaccination in the last two days?
  search_terms: [vaccination, jab, vaccine, injection]
  sources: [seed-back-massage-page]
  last_reviewed: 2026-11-21
  next_review: 2027-11-21
  reviewed_by: content-team
""",
        encoding="utf-8",
    )
    hazards = project / "data" / "hazard_log.yml"  # a new question needs its worked cases (make check)
    hazards.write_text(
        hazards.read_text(encoding="utf-8")
        + """
  - id: vaccination-missed
    hazard: Someone sore after a vaccination is massaged
    cause: Vaccinations are not asked about.
    harm: Soreness.
    severity: minor
    likelihood: medium
    mitigation: A question asks about it.
    residual_likelihood: low
    worked_cases:
      - name: A vaccination yesterday means waiting
        answered_yes: [recent-vaccination]
        expect_tier: avoid
      - name: Not sure means asking a doctor first
        answered_not_sure: [recent-vaccination]
        expect_tier: doctor-first
    sources: [seed-back-massage-page]
""",
        encoding="utf-8",
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    question, tier, result_text = self_check_with_one_yes(page, tmp_path / "site", "recent-vaccination")
    assert "Have you had a vaccination in the last two days?" in question
    assert tier == "avoid"
    assert "You had a vaccination in the last two days." in result_text


def test_only_the_self_check_page_loads_the_self_check_script_and_styles(
    built_site: Path, content: Content
) -> None:
    loading = {
        file.relative_to(built_site).as_posix()
        for file in built_site.rglob("*.html")
        if any(asset.name in file.read_text(encoding="utf-8") for asset in ASSETS)
    }
    prefixes = ["", *(f"{code}/" for code in content.translations)]  # in each language
    assert loading == {f"{prefix}self-check/index.html" for prefix in prefixes}
    markup = _page(built_site)
    assert '<link rel="stylesheet" href="../stylesheets/self-check.css">' in markup
    assert '<script src="../javascripts/self-check.js"></script>' in markup


def test_the_check_works_after_materials_instant_navigation(tmp_path: Path, page) -> None:
    """With `navigation.instant` Material swaps pages without loading them; the check must still start."""
    with socket.socket() as probe:  # instant navigation only follows links under site_url: serve there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    project = copy_seed_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    source = config.read_text(encoding="utf-8").replace(
        "    - navigation.indexes\n", "    - navigation.indexes\n    - navigation.instant\n"
    )
    config.write_text(f"site_url: http://127.0.0.1:{port}/\n" + source, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    with served(tmp_path / "site", port=port):
        _follow_the_home_page_link_to_the_self_check(page, port)


def _follow_the_home_page_link_to_the_self_check(page, port: int) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")  # survives only if the page is not reloaded
    page.get_by_role("link", name="Is back massage right for me now? Take the self-check").click()
    page.wait_for_url("**/self-check/")
    page.wait_for_function("window.selfCheck !== undefined")
    assert page.evaluate("window.__sameDocument") is True
    assert answer_no_to_every_question(page) == "suitable"
    assert errors == []
