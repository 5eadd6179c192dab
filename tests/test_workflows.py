"""Publishing in minutes and reminders that reach someone: a push that changes only the texts is told from
one that changes code (tools/change-kind), and tools/ci then runs the content's checks and the published
site's check instead of every test; every action the workflows use is pinned to a commit; the weekly review
reminder keeps one issue up to date and keeps its workflow turned on."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.site import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the project's layout and tools/change-kind, one commit in."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "change-kind").write_bytes((ROOT / "tools" / "change-kind").read_bytes())
    (tmp_path / "tools" / "change-kind").chmod(0o755)
    for name in ("data/clinic.yml", "data/schema/clinic.schema.json", "docs/visit.md", "macros/x.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("first\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    return tmp_path


def _kind_after_changing(repo: Path, *names: str) -> str:
    before = _git(repo, "rev-parse", "HEAD")
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n", encoding="utf-8")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "change")
    return subprocess.run(
        ["tools/change-kind", before], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.parametrize(
    ("changed", "kind"),
    [
        (["data/clinic.yml"], "content"),
        (["data/clinic.yml", "docs/visit.md", "docs/assets/clinic-logo.svg"], "content"),
        (["locales/ru/conditions.yml", "data/conditions.yml"], "content"),
        (["locales/ru/notes.py"], "code"),
        (["data/clinic.yml", "macros/x.py"], "code"),
        (["data/schema/clinic.schema.json"], "code"),
        (["docs/javascripts/self-check.js"], "code"),
        (["docs/stylesheets/site.css"], "code"),
        (["mkdocs.yml"], "code"),
    ],
)
def test_a_push_of_texts_alone_is_content_and_any_other_file_makes_it_code(
    repo: Path, changed: list[str], kind: str
) -> None:
    assert _kind_after_changing(repo, *changed) == kind


@pytest.mark.parametrize("before", ["", "0" * 40, "1234567890abcdef1234567890abcdef12345678"])
def test_a_push_whose_earlier_commit_is_unknown_is_code(repo: Path, before: str) -> None:
    result = subprocess.run(["tools/change-kind", before], cwd=repo, capture_output=True, text=True)
    assert result.stdout.strip() == "code"


def _ci_steps(tmp_path: Path, *options: str) -> list[str]:
    """The commands tools/ci runs, with `make` and the validator replaced by ones that only log."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    log = tmp_path / "log"
    (fake / "make").write_text(f'#!/bin/sh\necho "make $*" >> {log}\n', encoding="utf-8")
    (fake / "make").chmod(0o755)
    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True, exist_ok=True)
    (project / "tools" / "ci").write_bytes((ROOT / "tools" / "ci").read_bytes())
    (project / "tools" / "ci").chmod(0o755)
    (project / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
    validator = project / ".venv" / "bin" / "massage-site-validate"
    validator.write_text(f'#!/bin/sh\necho "validate $*" >> {log}\n', encoding="utf-8")
    validator.chmod(0o755)
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    subprocess.run([project / "tools" / "ci", *options], env=env, check=True, capture_output=True)
    return log.read_text(encoding="utf-8").splitlines()


def test_ci_runs_lint_and_every_test_for_code_and_the_published_site_check_for_texts(tmp_path: Path) -> None:
    assert _ci_steps(tmp_path) == ["make lint", "make check", "make test", "make build"]
    assert _ci_steps(tmp_path, "--go-live", "--content") == [
        "make check",
        "validate --go-live",
        "make test-publish",
        "make build",
    ]


def test_the_publish_workflow_passes_content_only_for_a_push_of_texts() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test-and-build"]["steps"]
    change = next(step for step in steps if step.get("id") == "change")
    assert "tools/change-kind '${{ github.event.before }}'" in change["run"]
    ci = next(step for step in steps if "tools/ci" in step.get("run", ""))
    assert "github.event_name == 'push' && steps.change.outputs.kind == 'content' && '--content'" in ci["run"]
    checkout = steps[0]
    assert checkout["with"]["fetch-depth"] == 0, "the push's commits, to compare"
    cache = next(step for step in steps if str(step.get("uses", "")).startswith("actions/cache@"))
    assert {"~/.cache/pip", "~/.npm", "/var/cache/apt/archives"} <= set(cache["with"]["path"].split())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it(workflow: Path) -> None:
    uses = re.findall(r"uses: (\S+)(.*)", workflow.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), (action, comment)


# --- The review reminder ---------------------------------------------------------------------------------

CHECK_OUTPUT = """data/ is correct
warning: data/conditions.yml:41: next_review: review due on 2027-01-10, in 36 days. Check the text
warning: data/benefits.yml:12: summary: reads at grade 10.2 (aim for 9 or below)
warning: data/red_flags.yml:30: next_review: the review was due on 2026-12-01 and is overdue
"""


class FakeGitHub:
    def __init__(self, issues: list[dict[str, Any]]) -> None:
        self.issues = issues
        self.calls: list[tuple[str, str, dict[str, Any] | None]] = []

    def __call__(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        self.calls.append((method, path, payload))
        if method == "GET":
            return self.issues
        if method == "POST":
            return {"number": 7}
        return None


def _remind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, issues: list[dict[str, Any]]):
    import tools.review_reminder as reminder

    github = FakeGitHub(issues)
    monkeypatch.setattr(reminder, "_api", github)
    monkeypatch.setenv("GITHUB_REPOSITORY", "clinic/back-massage")
    (tmp_path / "check.txt").write_text(output, encoding="utf-8")
    assert reminder.main([str(tmp_path / "check.txt")]) == 0
    return reminder, github.calls


def test_reviews_due_open_one_issue_listing_each_at_its_line(tmp_path: Path, monkeypatch) -> None:
    _, calls = _remind(tmp_path, monkeypatch, CHECK_OUTPUT, [])
    method, path, payload = calls[1]
    assert (method, path) == ("POST", "/repos/clinic/back-massage/issues")
    assert payload and payload["title"] == "Reviews due"
    assert "- data/conditions.yml:41: next_review: review due on 2027-01-10" in payload["body"]
    assert "- data/red_flags.yml:30: next_review: the review was due on 2026-12-01" in payload["body"]
    assert "grade 10.2" not in payload["body"], "only reviews, not the reading level"
    assert calls[-1] == ("PUT", "/repos/clinic/back-massage/actions/workflows/review-dates.yml/enable", None)


def test_the_open_issue_is_updated_and_closed_when_nothing_is_due(tmp_path: Path, monkeypatch) -> None:
    import tools.review_reminder as reminder

    mine = {"number": 3, "title": "Reviews due", "body": reminder.LABEL_NOTE + "\nold list"}
    someone_elses = {"number": 4, "title": "Reviews due", "body": "a person's own issue"}
    _, calls = _remind(tmp_path, monkeypatch, CHECK_OUTPUT, [someone_elses, mine])
    assert calls[1][:2] == ("PATCH", "/repos/clinic/back-massage/issues/3")
    _, calls = _remind(tmp_path, monkeypatch, "data/ is correct\n", [mine])
    assert calls[1] == ("PATCH", "/repos/clinic/back-massage/issues/3", {"state": "closed"})
    _, calls = _remind(tmp_path, monkeypatch, "data/ is correct\n", [])
    assert [c[0] for c in calls] == ["GET", "PUT"], "nothing to open or close; still stays turned on"


def test_the_review_workflow_may_write_issues_and_turn_itself_on() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "review-dates.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["reviews-due"]
    assert job["permissions"] == {"contents": "read", "issues": "write", "actions": "write"}
    assert any("tools/review_reminder.py check.txt" in step.get("run", "") for step in job["steps"])
