"""Every built page is valid HTML: the W3C's Nu HTML Checker (vnu, from npm's vnu-jar, run by Java) finds no
error of ours, and the theme's are only those listed with a reason in tests/vnu_allowed.yml."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support.site import ROOT, site_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = yaml.safe_load((ROOT / "tests" / "vnu_allowed.yml").read_text(encoding="utf-8"))


def _vnu_errors(site: Path) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is missing: install Debian's default-jre-headless (make test does)"
    assert VNU.is_file(), "the Nu HTML Checker is missing: run `make test`, which installs it with `npm ci`"
    run = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(run.stderr)["messages"]


def _allowed_by(error: dict) -> int | None:
    for number, entry in enumerate(ALLOWED):
        if error["message"].startswith(entry["message"]) and entry["markup"] in error.get("extract", ""):
            return number
    return None


def test_the_nu_html_checker_finds_no_error_but_the_theme_s_listed_ones(built_site: Path, figures) -> None:
    errors = _vnu_errors(built_site)
    used: set[int] = set()
    ours = []
    for error in errors:
        number = _allowed_by(error)
        if number is None:
            page = error.get("url", "").split(built_site.name, 1)[-1]
            ours.append(
                f"{page}:{error.get('lastLine')}: {error['message']} in {error.get('extract', '').strip()}"
            )
        else:
            used.add(number)
    figures(
        "Nu HTML Checker",
        f"{len(site_pages(built_site))} pages: {len(ours)} errors of ours, "
        f"{len(errors) - len(ours)} of the theme's allowed in tests/vnu_allowed.yml",
    )
    assert not ours, f"{len(ours)} errors:\n" + "\n".join(ours[:40])
    stale = [entry["markup"] for number, entry in enumerate(ALLOWED) if number not in used]
    assert not stale, f"allowed errors that no longer occur, remove them from tests/vnu_allowed.yml: {stale}"


def test_every_allowed_theme_error_says_why() -> None:
    for entry in ALLOWED:
        assert set(entry) == {"message", "markup", "reason"}, entry
        assert len(entry["reason"].split()) >= 8, entry


@pytest.mark.slow  # runs the Nu HTML Checker, which `make test` installs before the slow tests
def test_the_checker_reports_an_error_it_is_given(tmp_path: Path) -> None:
    # The check can fail: a focusable word inside a link, the mistake the glossary once made, is caught.
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<a href="/">A <abbr title="x" tabindex="0">word</abbr></a></body></html>',
        encoding="utf-8",
    )
    messages = [e["message"] for e in _vnu_errors(tmp_path)]
    assert any("tabindex" in m for m in messages), messages
