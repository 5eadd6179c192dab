"""THE RULE: any data that `make check` accepts passes `make test`. The typical editor changes of
tests/typical_edits.py, made to a copy of the seed data, pass the check; the live-data tests (marked
`live_data`) then run on that copy as well as on the project's own data (tests/conftest.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support.site import ROOT, copy_seed_project

from .editing import run_validate
from .typical_edits import make_typical_edits


def test_typical_editor_changes_pass_the_check(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    make_typical_edits(project / "data")
    status, _, err = run_validate(project / "data")
    assert status == 0, "the edits must pass `make check`:\n" + "\n".join(err)


def test_every_live_data_test_runs_on_the_project_and_on_the_edited_copy() -> None:
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "live_data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    tests = [line for line in collected if "::" in line]
    own = {re.sub(r"\[.*", "", t) for t in tests if re.search(r"\[(.*-)?project(-.*)?\]$", t)}
    edited = {re.sub(r"\[.*", "", t) for t in tests if re.search(r"\[(.*-)?edited(-.*)?\]$", t)}
    assert len(own) >= 30, tests[-5:]
    assert edited == own, own ^ edited
