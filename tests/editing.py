"""Helpers for tests that make an editor's mistake in a copy of the data: find the line of a field inside
an entry and change it, whatever other fields the entries have."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import yaml

from macros.build.validate import validate
from support.site import ROOT, SEED_DATA


def copy_data(target: Path) -> Path:
    """A project folder with a copy of the frozen seed data in data/, docs/ (the logo lives in docs/assets)
    and mkdocs.yml; returns data/."""
    shutil.copytree(SEED_DATA, target / "data")
    shutil.copytree(ROOT / "data" / "schema", target / "data" / "schema")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target / "data"


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def entry_line(path: Path, entry_id: str) -> int:
    """1-based line of `- id: <entry_id>` (a list entry) in the file."""
    for number, line in enumerate(read_lines(path), start=1):
        if re.match(rf"\s*- id: {re.escape(entry_id)}\s*$", line):
            return number
    raise AssertionError(f"no entry {entry_id!r} in {path.name}")


def field_line(path: Path, field: str, entry_id: str | None = None) -> int:
    """1-based line of `field:` inside the entry `entry_id`, or at the top level when entry_id is None."""
    lines = read_lines(path)
    if entry_id is None and "." in field:  # a field inside a group at the top level: "texts.disclaimer"
        group, name = field.split(".", 1)
        for number in range(field_line(path, group) + 1, len(lines) + 1):
            if re.match(rf"  {re.escape(name)}:", lines[number - 1]):
                return number
        raise AssertionError(f"no field {field!r} in {path.name}")
    start = entry_line(path, entry_id) if entry_id else 1
    indent = re.match(r"\s*", lines[start - 1]).group(0) + "  " if entry_id else ""
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and entry_id and re.match(rf"{indent[:-2]}- ", line):
            break
        if re.match(rf"(?:{re.escape(indent)}|{re.escape(indent[:-2])}- ){re.escape(field)}:", line):
            return number
    raise AssertionError(f"no field {field!r} in {entry_id or 'the top level'} of {path.name}")


def set_line(path: Path, number: int, new: str) -> None:
    lines = read_lines(path)
    lines[number - 1] = new if new.endswith("\n") else new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def set_field(path: Path, field: str, value: str, entry_id: str | None = None) -> int:
    """Give `field` (in entry `entry_id`) the YAML `value` as typed; returns its line."""
    number = field_line(path, field, entry_id)
    line = read_lines(path)[number - 1]
    name = field.rsplit(".", 1)[-1]
    prefix = line[: line.index(f"{name}:")]
    set_line(path, number, f"{prefix}{name}: {value}" if value else f"{prefix}{name}:")
    return number


def delete_line(path: Path, number: int) -> None:
    lines = read_lines(path)
    del lines[number - 1]
    path.write_text("".join(lines), encoding="utf-8")


def run_validate(data_dir: Path) -> tuple[int, list[str], list[str]]:
    """The validate command in-process: (exit status, stdout lines, stderr lines)."""
    out, err = io.StringIO(), io.StringIO()
    status = validate(data_dir, out, err)
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def yaml_quoted(value: str) -> str:
    """A value as a single-quoted YAML scalar, exactly as given (for hostile or odd test values)."""
    return "'" + value.replace("'", "''") + "'"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay strings, as in JSON."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def remove_top_level_field(path: Path, field: str) -> None:
    """Delete a one-line top-level field (`website: …`), as an editor deletes the line."""
    lines = read_lines(path)
    path.write_text("".join(line for line in lines if not line.startswith(f"{field}:")), encoding="utf-8")


SAFETY_TEXTS = ("self_check.yml", "hazard_log.yml", "contraindications.yml", "red_flags.yml")


def clinician_reviews_for_go_live(data: Path, reviewer: str) -> None:
    """What go-live asks of a clinician, done in a copy of the data: `reviewer` reviewed every text a
    patient's safety rests on and confirmed the seed sources."""
    for name in SAFETY_TEXTS:
        path = data / name
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("reviewed_by: content-team", f"reviewed_by: {reviewer}"), encoding="utf-8"
        )
    sources = data / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("  kind: seed\n", f"  kind: seed\n  confirmed_by: {reviewer}\n"), encoding="utf-8"
    )
