"""Nothing broken is ever published: `massage-site-build` builds into a temporary folder and swaps it into
site/ only when everything succeeded, and the same sources always give byte-identical files."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import subprocess
from pathlib import Path

import brotli
import pytest
import yaml

from macros.build import finish, publish
from macros.build.validate import EXIT_MISTAKES, EXIT_OK
from macros.checks.load import load_content
from support.pages import visible_text
from support.site import ROOT, copy_seed_project, digest

pytestmark = pytest.mark.slow  # builds and publishes the site

EPOCH = "1763683200"  # 2025-11-21 00:00:00 UTC


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return copy_seed_project(tmp_path / "project")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same sources (with a website address, so the sitemap lists pages, and a translation) built
    twice."""
    root = tmp_path_factory.mktemp("twice")
    project = copy_seed_project(root / "project", translated=True)
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8") + "website: https://clinic.example/back-massage/\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert publish.build(project, root / "first") == EXIT_OK
        assert publish.build(project, root / "second") == EXIT_OK
    return root / "first", root / "second"


def test_a_good_build_replaces_the_site_and_a_failed_one_leaves_it_byte_identical(project: Path) -> None:
    site = project / "site"
    site.mkdir()
    (site / "old-page.html").write_text("from an older build", encoding="utf-8")
    assert publish.build(project, site) == EXIT_OK
    assert not (site / "old-page.html").exists()
    before = digest(site)
    assert "index.html" in before
    # The data is fine, but a page links to a page that does not exist: the strict build fails late,
    # after MkDocs has written every file, which must land in the temporary folder only.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Gone](no-such-page.md)\n", encoding="utf-8")
    err = io.StringIO()
    assert publish.build(project, site, err=err) == EXIT_MISTAKES
    assert "site/ was left exactly as it was" in err.getvalue()
    assert digest(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_a_mistake_in_a_translated_page_alone_fails_the_build_and_leaves_the_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The languages build one after the other in one MkDocs process: a warning in the second one still
    fails the strict build, after the first language was written, and nothing of it reaches site/."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = copy_seed_project(tmp_path / "project", translated=True)
    about = project / "locales" / "ru" / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Нет](no-such-page.md)\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as it was", encoding="utf-8")
    err = io.StringIO()
    assert publish.build(project, site, err=err) == EXIT_MISTAKES
    assert "site/ was left exactly as it was" in err.getvalue()
    said = capfd.readouterr().err
    assert "Documentation built" in said  # English was built first
    assert re.search(r"WARNING.*about\.md.*no-such-page\.md", said), said[-1500:]
    assert digest(site) == {"index.html": hashlib.sha256(b"the site as it was").hexdigest()}
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_two_builds_of_the_same_sources_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (digest(site) for site in two_builds)
    assert first == second
    assert len(first) > 20


def test_the_built_site_is_minified_and_precompressed_for_the_host(
    two_builds: tuple[Path, Path], seed_site: Path, figures
) -> None:
    site = two_builds[0]
    languages = [p.name for p in site.iterdir() if (p / "search" / "search_index.json").is_file()]
    assert languages == ["ru"]
    texts = [
        f
        for f in site.rglob("*")
        if f.is_file()
        and f.suffix in finish.COMPRESSIBLE
        and finish.fetched(f.relative_to(site).as_posix(), languages)
    ]
    assert len(texts) > 40
    for file in texts:
        data = file.read_bytes()
        assert gzip.decompress((file.parent / f"{file.name}.gz").read_bytes()) == data, file
        assert brotli.decompress((file.parent / f"{file.name}.br").read_bytes()) == data, file
    # Of the theme's search support for every language, each site's own language's only: the Russian site
    # fetches its stemmer (compressed by the host), nobody fetches Thai's word splitter (left as it is).
    search = "assets/javascripts/lunr"
    for own in (f"ru/{search}/min/lunr.ru.min.js", f"ru/{search}/min/lunr.stemmer.support.min.js"):
        assert (site / f"{own}.br").is_file() and (site / f"{own}.gz").is_file(), own
    for unused in (
        *(m.relative_to(site).as_posix() for m in site.glob("assets/javascripts/*.map")),  # for DevTools
        f"ru/{search}/wordcut.js",
        f"ru/{search}/min/lunr.de.min.js",
        f"{search}/min/lunr.ru.min.js",
    ):
        assert (site / unused).is_file() and not (site / f"{unused}.br").exists(), unused
    assert list(site.glob("assets/javascripts/*.map")), "the theme's source map is published as it is"
    # Minified: smaller, and the same page to a reader (the unminified build of the same data beside it).
    page, unminified = site / "visit" / "index.html", seed_site / "visit" / "index.html"
    assert len(page.read_bytes()) < 0.9 * len(unminified.read_bytes())
    assert visible_text(page.read_text(encoding="utf-8")) == visible_text(
        unminified.read_text(encoding="utf-8")
    )
    # Ours minified (no comment left, smaller); the theme's, minified already, as shipped.
    for ours in ("stylesheets/site.css", "stylesheets/self-check.css", "javascripts/self-check.js"):
        published, source = (site / ours).read_text(encoding="utf-8"), (ROOT / "docs" / ours).read_text()
        assert "/*" in source and "/*" not in published and len(published) < 0.8 * len(source), ours
    theme = next((site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert theme.read_bytes() == (seed_site / theme.relative_to(site)).read_bytes()
    sizes = [(site / name).stat().st_size / 1024 for name in ("index.html", "index.html.gz", "index.html.br")]
    figures(
        "Published home page (make build)",
        "{:.1f} KiB minified, {:.1f} KiB .gz, {:.1f} KiB .br".format(*sizes),
    )


def test_the_build_dates_come_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # A page's <lastmod> is the date its content was last reviewed (macros/pages.py), not the build's
    # date: still the same in every build of the same sources.
    reviewed = {e.last_reviewed.isoformat() for _, e in load_content(ROOT / "data").reviewed_entries()}
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) <= reviewed
    assert "<loc>https://clinic.example/back-massage/conditions/radiculitis/</loc>" in sitemap
    with gzip.open(site / "sitemap.xml.gz") as packed:
        # The archive (written again with the site's other .gz copies) holds the sitemap and no date.
        assert packed.read().decode("utf-8") == sitemap
        assert packed.mtime == 0


def test_without_source_date_epoch_the_build_time_is_the_last_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit_time = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert publish.source_date_epoch(ROOT) == commit_time


def test_outside_git_the_build_time_is_the_newest_source_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_seed_project(tmp_path / "project")
    newest = max(p.stat().st_mtime for p in (project / "data").rglob("*") if p.is_file())
    assert int(publish.source_date_epoch(project)) >= int(newest)
    assert publish.source_date_epoch(project) == publish.source_date_epoch(project)


def test_ci_and_the_pages_workflow_run_one_script_that_lints_checks_tests_then_builds() -> None:
    script = (ROOT / "tools" / "ci").read_text(encoding="utf-8")
    order = [
        re.search(rf"^\s*(\S+=\S+ )?make {target}$", script, re.M).start()
        for target in ("lint", "check", "test", "build")
    ]
    assert order == sorted(order), "lint, check, test, build"
    assert "set -euo pipefail" in script, "a failing step stops the run"
    assert "exec tools/ci" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["test-and-build"]
    assert any(step.get("run", "").startswith("tools/ci") for step in build["steps"])


def test_the_pages_workflow_deploys_only_after_every_step_passed() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["test-and-build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert not any(run.startswith("make ") for run in runs), "every step is in tools/ci, none beside it"
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "test-and-build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_pull_request_never_cancels_a_deploy_and_only_the_default_branch_deploys() -> None:
    """The deploy group is the deploy job's alone (a workflow-wide group would let a pull request's run
    cancel a deploy waiting its turn), and the workflow itself keeps "Run workflow" on another branch from
    deploying, not a repository setting."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["test-and-build"], workflow["jobs"]["deploy"]
    assert "concurrency" not in workflow and "concurrency" not in build
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    default_branch = "github.ref_name == github.event.repository.default_branch"
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    for condition in (deploy["if"], upload["if"]):
        assert default_branch in condition and "github.event_name != 'pull_request'" in condition
