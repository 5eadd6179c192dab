"""Load the data: read each file (yaml_reading.py), validate it against its model (messages.py words what
the models refuse), then run the rules across files (cross_checks.py), then read each language the clinic
publishes beside English (translations.py). Every mistake becomes a `Problem`
naming the file, the line and the field, so an editor never sees a Python traceback; `load_content`
collects all of them before it gives up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import COLLECTIONS, Content, model
from ..content.problems import ContentError, Path_, Problem
from .cross_checks import (
    CROSS_FILE_RULES,
    REFERENCES,
    Findings,
)
from .messages import validate_file
from .translations import translated_contents
from .yaml_reading import hidden_characters, read_yaml

__all__ = ["COLLECTIONS", "Content", "ContentError", "Problem", "load_content"]


def _file_order(problem: Problem) -> tuple[int, str, int]:
    names = list(COLLECTIONS)
    name = problem.file.rsplit("/", 1)[-1]
    return (names.index(name) if name in names else len(names), problem.file, problem.line)


def load_content(data_dir: Path | str) -> Content:
    """Load every collection from `data_dir`; raise ContentError listing every problem found. The pages'
    own checks (docs/, and the data's links to pages) run from the commands: build/checked.py."""
    data_dir = Path(data_dir)
    raw: dict[str, Any] = {}
    lines: dict[str, dict[Path_, int]] = {}
    problems: list[Problem] = []
    for name, annotation in COLLECTIONS.items():
        rel = f"{data_dir.name}/{name}"
        data, lines[rel], read_problems = read_yaml(data_dir / name, rel)
        problems += read_problems
        if not read_problems:
            source = (data_dir / name).read_text(encoding="utf-8").splitlines()
            hidden = hidden_characters(rel, data, lines[rel])
            value, invalid = validate_file(rel, data, lines[rel], annotation, source)
            # A field with a hidden character is reported for that alone (an id would fail its form too).
            at = {(p.line, p.field) for p in hidden}
            problems += hidden + [p for p in invalid if (p.line, p.field) not in at]
            raw[name.removesuffix(".yml")] = value
    if problems:
        raise ContentError(sorted(problems, key=_file_order))

    findings = Findings(lines, data_dir)
    findings.raw = raw
    content: dict[str, Any] = {
        name: findings.unique_ids(findings.rel(f"{name}.yml"), value)
        if isinstance(value, list) and all(hasattr(item, "id") for item in value)
        else value
        for name, value in raw.items()
    }
    ids = {
        **{name: value for name, value in content.items() if isinstance(value, dict)},
        "reviewers": {r.id: r for r in content["clinic"].reviewers},
    }
    for name, value in raw.items():
        entries = enumerate(value) if isinstance(value, list) else [((), value)]
        for i, entry in entries:
            if isinstance(entry, model.Reviewed):
                findings.reviewed(findings.rel(f"{name}.yml"), (i,) if isinstance(i, int) else (), entry, ids)
    for ref in REFERENCES:
        findings.reference(ref, raw[ref.file.removesuffix(".yml")], ids)
    for rule in CROSS_FILE_RULES:
        rule(findings, content)
    if findings.problems:
        raise ContentError(sorted(findings.problems, key=_file_order))
    loaded = Content(**content)
    loaded.translations = translated_contents(data_dir, loaded)
    return loaded
