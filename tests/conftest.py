"""Shared fixtures: the loaded content, one strict build of the site, a loopback server for it and
a real Chromium driven by Playwright."""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.load import Content, load_content

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium tries to reach Google's services at start; the machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for the project folder into site_dir, as a clinic would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """A copy of the project's sources, or of another copy of them (no virtualenv, no site), to change
    in a test or a benchmark."""
    for name in ("data", "docs", "macros", "overrides", "hooks.py", "mkdocs.yml"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


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
        for box in page.locator("fieldset[data-question]:visible").all():  # follow-ups stay hidden
            box.locator('input[value="no"]').check()
        question.locator('label:has(input[value="yes"])').click()
        page.get_by_role("button", name="See my result").click()
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


def pytest_terminal_summary(terminalreporter) -> None:
    for heading, lines in _FIGURES.items():
        terminalreporter.section(heading, sep="-")
        for line in lines:
            terminalreporter.write_line(line)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path: "", "about/", …, "404.html"."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        paths.append(rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on loopback, like a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
