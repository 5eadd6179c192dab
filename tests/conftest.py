"""Shared fixtures: the loaded content, one strict build of the site, a loopback server for it and
a real Chromium driven by Playwright. Building, copying and serving are in support/site.py, which the
benchmarks and tools use too."""

from __future__ import annotations

import html.parser
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.checks.load import Content, load_content
from support.site import (
    CHROMIUM,
    CHROMIUM_ARGS,
    MKDOCS,
    ROOT,
    SEED_DATA,
    build_site,
    copy_project,
    copy_seed_project,
    served,
    site_pages,
)

# Re-exported for the tests, which import them from here.
__all__ = ["CHROMIUM_ARGS", "MKDOCS", "build_site", "copy_project", "copy_seed_project", "site_pages"]

# A host's address for the build (the publish workflow's) never reaches the tests' builds.
os.environ.pop("MASSAGE_SITE_URL", None)

# The project whose data the live-data tests check: this one, or an edited copy of it
# (tests/test_editor_changes.py runs the live-data tests on a copy an editor changed).
PROJECT = Path(os.environ.get("MASSAGE_SITE_PROJECT") or ROOT).resolve()
DATA = PROJECT / "data"


NEXT_PART = '#self-check [data-action="next"]'
BUILD_EPOCH = "1763683200"  # a fixed build date, so two builds of the same copy are byte-identical


def publish_copy(project: Path, site: Path) -> Path:
    """Build a copy of the project the way `make build` publishes it (checked, minified, swapped in)."""
    from macros.build import publish
    from macros.build.validate import EXIT_OK

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        assert publish.build(project, site) == EXIT_OK, "the copy must pass the check and build"
    return site


_PART_ON_SCREEN = "() => [...document.querySelectorAll('#self-check [data-part]')].findIndex(p => !p.hidden)"


def show_question(page, question_id: str, *, tap: bool = False, others: str | None = None) -> bool:
    """On an open self-check: go on part by part (the "Next part" button, as a patient does) until the
    question is on screen; with `others`, first give that answer to each question on screen left blank.
    False if it is a follow-up that is not asked."""
    box = page.locator(f'fieldset[data-question="{question_id}"]')
    if box.is_visible():
        return True
    own = box.evaluate(
        "f => [...document.querySelectorAll('#self-check [data-part]')].indexOf(f.closest('[data-part]'))"
    )
    while page.evaluate(_PART_ON_SCREEN) > own:  # a question of an earlier part: back to it
        back = page.locator('#self-check [data-action="back"]')
        back.tap() if tap else back.click()
    while not box.is_visible():
        if box.evaluate("f => f.hidden") or not page.locator(NEXT_PART).is_visible():
            return False
        if others:
            for blank in page.locator("fieldset[data-question]:visible").all():
                if not blank.locator("input:checked").count():
                    blank.locator(f'label:has(input[value="{others}"])').click()
        part = page.evaluate(_PART_ON_SCREEN)
        page.locator(NEXT_PART).tap() if tap else page.locator(NEXT_PART).click()
        assert page.evaluate(_PART_ON_SCREEN) == part + 1, "a question on screen is still blank"
    return True


def tick_concern(page, concern: str | None = None) -> None:
    """On to the last part, "what bothers you", and tick one option (or every one, with None)."""
    while page.locator(NEXT_PART).is_visible():
        page.locator(NEXT_PART).click()
    boxes = page.locator(f'input[name="concern"][value="{concern}"]' if concern else 'input[name="concern"]')
    for box in boxes.all():
        box.click()


def see_result(page, *, tap: bool = False) -> None:
    """On to the last part and "See my result", as a patient does once every question shown is answered."""
    while page.locator(NEXT_PART).is_visible():
        part = page.evaluate(_PART_ON_SCREEN)
        page.locator(NEXT_PART).tap() if tap else page.locator(NEXT_PART).click()
        assert page.evaluate(_PART_ON_SCREEN) == part + 1, "a question on screen is still blank"
    button = page.get_by_role("button", name="See my result")
    button.tap() if tap else button.click()


def answer_no_to_every_question(page) -> str | None:
    """On an open self-check: click "no" on every question shown, part by part (follow-ups stay hidden),
    ask for the result as a patient would, and return its tier."""
    while True:
        for box in page.locator("fieldset[data-question]:visible").all():
            box.locator('label:has(input[value="no"])').click()
        if not page.locator(NEXT_PART).is_visible():
            break
        page.locator(NEXT_PART).click()
    see_result(page)
    return page.locator("#self-check-result").get_attribute("data-tier")


def self_check_with_one_yes(browser, site: Path, question_id: str) -> tuple[str, str | None, str]:
    """Open a built site's self-check, answer "no" everywhere and "yes" to one question, as a patient
    would by clicking; return that question's text, the result's tier and the result's text."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((site / "self-check" / "index.html").as_uri())
        page.wait_for_function("window.selfCheck !== undefined")
        question = page.locator(f'fieldset[data-question="{question_id}"]')
        question_text = question.inner_text()
        while True:  # part by part; follow-ups stay hidden
            for box in page.locator("fieldset[data-question]:visible").all():
                box.locator('input[value="no"]').check()
            if question.is_visible():
                question.locator('label:has(input[value="yes"])').click()
            if not page.locator(NEXT_PART).is_visible():
                break
            page.locator(NEXT_PART).click()
        see_result(page)
        result = page.locator("#self-check-result")
        return question_text, result.get_attribute("data-tier"), result.inner_text()
    finally:
        context.close()


_FIGURES: dict[str, list[str]] = {}


@pytest.fixture(scope="session")
def figures():
    """`figures(heading, line)` records a measured figure; all are printed at the end of the run."""

    def record(heading: str, line: str) -> None:
        _FIGURES.setdefault(heading, []).append(line)

    return record


# Fixtures that start a browser or build a whole site (directly or through another fixture): a test using
# one is `slow`, left out by `make test-fast`.
_SLOW_FIXTURES = re.compile(r"^(browser|page|preview|[a-z_]*site(_url)?|[a-z_]*builds?|two_versions)$")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if any(_SLOW_FIXTURES.match(name) for name in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session) -> None:
    # A pytest-xdist worker (make test runs one per core) hands its figures to the main process.
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["figures"] = _FIGURES


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    for heading, lines in getattr(node, "workeroutput", {}).get("figures", {}).items():
        _FIGURES.setdefault(heading, []).extend(lines)


def pytest_terminal_summary(terminalreporter) -> None:
    for heading, lines in _FIGURES.items():
        terminalreporter.section(heading, sep="-")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def content() -> Content:
    """The live data: what holds for it must hold for any data `make check` accepts."""
    return load_content(DATA)


@pytest.fixture(scope="session")
def seed_content() -> Content:
    """The frozen seed data (tests/fixtures/data), for tests of the seed texts' facts."""
    return load_content(SEED_DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: the generate step writes into the project's build/ folder, and with one test
    # process per core (pytest-xdist) two processes would write the same files at once.
    site = tmp_path_factory.mktemp("site")
    result = build_site(copy_project(site.parent / f"{site.name}-project", PROJECT), site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the frozen seed data."""
    project = copy_seed_project(tmp_path_factory.mktemp("seed") / "project")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, f"strict build of the seed data failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path, content: Content) -> Iterator[str]:
    """The built site served on loopback, like a static host would serve it: under the path of the
    clinic's `website:` (a GitHub Pages project site, https://owner.github.io/repo/), or at the root."""
    with served(built_site, path=urlsplit(content.clinic.website or "/").path) as url:
        yield url


@pytest.fixture(scope="session")
def seed_site_url(seed_site: Path) -> Iterator[str]:
    """The site built from the frozen seed data, served on loopback."""
    with served(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. A missing browser fails the run; it never skips."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


_INLINE = {"a", "abbr", "b", "strong", "em", "i", "span", "code", "small", "sub", "sup", "mark", "kbd", "q"}


class _TextExtractor(html.parser.HTMLParser):
    """The visible text of an HTML fragment (scripts and styles left out). Inline elements such as a
    glossary <abbr> add no space around their text; every other element separates words."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(markup)
    return " ".join("".join(extractor.parts).split())


def article_html(site: Path, page: str) -> str:
    """The main content of a built page ("conditions/radiculitis/" -> its <article>)."""
    source = (site / page / "index.html").read_text(encoding="utf-8")
    start = source.index("<article")
    return source[start : source.index("</article>", start)]


def article_text(site: Path, page: str) -> str:
    return visible_text(article_html(site, page))
