"""The benchmark's synthetic data (k times our entries) is data an editor could have written: it passes
the same validation, ids stay unique and every reference resolves."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.checks.load import Content, load_content
from support.site import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import projects


def test_scaled_data_passes_validation_with_k_times_the_entries(tmp_path: Path, content: Content) -> None:
    project, counts = projects.scaled_project(tmp_path / "x3", 3)
    scaled = load_content(project / "data")  # raises ContentError on any duplicate id or broken reference
    assert len(scaled.conditions) == counts["conditions"] == 3 * len(content.conditions)
    assert len(scaled.benefits) == 3 * len(content.benefits)
    # The "Get help now" box and the self-check's questions stay as they are.
    assert len(scaled.red_flags) == len(content.red_flags)
    assert len(scaled.contraindications) == len(content.contraindications)


def test_a_copied_condition_refers_to_copies_of_what_the_original_refers_to(tmp_path: Path) -> None:
    project, _ = projects.scaled_project(tmp_path / "x2", 2)
    scaled = load_content(project / "data")
    for condition in scaled.conditions.values():
        if condition.id.endswith("-x2"):
            assert condition.massage_type.endswith("-x2"), condition.id
            assert all(t.endswith("-x2") for t in condition.techniques), condition.id
