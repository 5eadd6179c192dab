"""The line of a field in a data file, for messages about data that has already loaded correctly."""

from __future__ import annotations

from pathlib import Path

from ..content import problems
from .yaml_reading import read_yaml


def line_of(path: Path, rel: str, field_path: tuple[str | int, ...]) -> int:
    """1-based line of `field_path` ((3, "next_review") or ("name",)) in the YAML file at `path`."""
    _, lines, _ = read_yaml(path, rel)
    return problems.line_of(lines, field_path)
