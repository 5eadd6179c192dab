"""Shared fixtures: the loaded content, one strict build of the site, a loopback server for it, one tour
of its pages and a real Chromium driven by Playwright. The helpers themselves are in support/ (building,
copying and serving a site; the self-check and search page objects; the page tour), which the benchmarks
and tools use too; tests import them from there, never from this file.

THE RULE, proven here: any data that `make check` accepts passes `make test`. A test marked `live_data`
checks only what holds for any correct data; it runs twice, on the project's own data ([project]) and on
a copy of the seed data changed the way editors change it ([edited], tests/typical_edits.py)."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.checks.load import Content, load_content
from support.self_check import answer_no_to_every_question
from support.site import (
    CHROMIUM,
    ROOT,
    SEED_DATA,
    Contexts,
    build_site,
    copy_project,
    copy_seed_project,
    launch_chromium,
    publish_copy,
    served,
    site_pages,
)
from support.tour import Tour, tour

from .editing import run_validate
from .typical_edits import make_typical_edits

# A host's address for the build (the publish workflow's) never reaches the tests' builds.
os.environ.pop("MASSAGE_SITE_URL", None)

LIVE = ("project", "edited")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("live_data") and "project" in metafunc.fixturenames:
        metafunc.parametrize("project", LIVE, indirect=True, scope="session")


# Made once per test process and kept: pytest may set a session fixture up again when a test of the other
# project comes between, and loading the data or touring the site is too slow to repeat.
_MADE: dict[tuple[str, str], object] = {}


def _once(key: tuple[str, str], make):  # type: ignore[no-untyped-def]
    if key not in _MADE:
        _MADE[key] = make()
    return _MADE[key]


def _shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A folder made once per test run by whichever test process asks first (`make test` runs several):
    the others wait for it, then use it. A build is too slow to make once per process."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / f"shared-{name}.made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            (root / f"shared-{name}.made").touch()
    return folder


def _edited_project(folder: Path) -> None:
    project = copy_seed_project(folder)
    make_typical_edits(project / "data")
    status, _, err = run_validate(project / "data")
    assert status == 0, "the typical edits must pass `make check`:\n" + "\n".join(err)


@pytest.fixture(scope="session")
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project whose data the live-data tests check: this one, or the edited copy."""
    which = getattr(request, "param", "project")
    if which == "project":
        return ROOT
    return _shared(tmp_path_factory, which, _edited_project)


@pytest.fixture(scope="session")
def data(project: Path) -> Path:
    return project / "data"


@pytest.fixture(scope="session")
def content(project: Path) -> Content:
    """The live data: what holds for it must hold for any data `make check` accepts."""
    return _once(("content", str(project)), lambda: load_content(project / "data"))


@pytest.fixture(scope="session")
def seed_content() -> Content:
    """The frozen seed data (tests/fixtures/data), for tests of the seed texts' facts."""
    return load_content(SEED_DATA)


def _build(project: Path) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        # Built from a copy: the generate step writes into the project's build/ folder, which another
        # test process may be using.
        copy = copy_project(site.with_name(f"{site.name}-project"), project)
        result = build_site(copy, site)
        assert result.returncode == 0, f"strict build failed:\n{result.stderr}"

    return make


def _publish(project: Path) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        publish_copy(copy_project(site.with_name(f"{site.name}-project"), project), site)

    return make


def _which(project: Path) -> str:
    return "project" if project == ROOT else "edited"


@pytest.fixture(scope="session")
def built_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as MkDocs builds it, strictly, before the finishing step: readable markup for the tests
    that read the pages' files."""
    return _shared(tmp_path_factory, f"site-{_which(project)}", _build(project))


@pytest.fixture(scope="session")
def published_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` publishes it (checked, built strictly, minified, its policy added): what
    patients get, and what the browser tests open."""
    return _shared(tmp_path_factory, f"published-{_which(project)}", _publish(project))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the frozen seed data, with its frozen translations."""

    def make(site: Path) -> None:
        project = copy_seed_project(site.with_name(f"{site.name}-project"), translated=True)
        result = build_site(project, site)
        assert result.returncode == 0, f"strict build of the seed data failed:\n{result.stderr}"

    return _shared(tmp_path_factory, "seed-site", make)


@pytest.fixture(scope="session")
def site_url(published_site: Path, content: Content) -> Iterator[str]:
    """The published site served on loopback, like a static host would serve it: under the path of the
    clinic's `website:` (a GitHub Pages project site, https://owner.github.io/repo/), or at the root."""
    with served(published_site, path=urlsplit(content.clinic.website or "/").path) as url:
        yield url


@pytest.fixture(scope="session")
def site_tour(browser, site_url: str, published_site: Path) -> Tour:  # type: ignore[no-untyped-def]
    """Every published page opened once in Chromium, searched on a few, the self-check answered."""
    return _once(
        ("tour", str(published_site)),
        lambda: tour(browser, site_url, site_pages(published_site), answer=answer_no_to_every_question),
    )


@pytest.fixture(scope="session")
def seed_site_url(seed_site: Path) -> Iterator[str]:
    """The site built from the frozen seed data, served on loopback."""
    with served(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium through Playwright. A missing browser fails the run; it never skips."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def contexts(browser) -> Iterator[Contexts]:  # type: ignore[no-untyped-def]
    """`with contexts.first_visit(**options) as page`: a test's own page, in a context kept open."""
    kept = Contexts(browser)
    yield kept
    kept.close()


@pytest.fixture
def page(contexts: Contexts):  # type: ignore[no-untyped-def]
    """A new page, as on a first visit: no cookie, no stored data."""
    with contexts.first_visit() as page:
        yield page


_FIGURES: dict[str, list[str]] = {}


@pytest.fixture(scope="session")
def figures():
    """`figures(heading, line)` records a measured figure; all are printed at the end of the run."""

    def record(heading: str, line: str) -> None:
        _FIGURES.setdefault(heading, []).append(line)

    return record


# Fixtures that start a browser or build a whole site (directly or through another fixture): a test using
# one is `slow`, left out by `make test-fast`.
_SLOW_FIXTURES = re.compile(
    r"^(browser|contexts|page|preview|[a-z_]*site(_url|_tour)?|[a-z_]*builds?|two_versions)$"
)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if any(_SLOW_FIXTURES.match(name) for name in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session) -> None:
    # A pytest-xdist worker (make test runs one per core, one more for the browser tests) hands its figures
    # to the main process.
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
