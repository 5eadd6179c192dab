"""The data files are read with libyaml for speed, and the result is exactly what the pure-Python loader
gives: the same data, the same line of every field and the same message for every mistake, including the
constructs libyaml reads otherwise (macros/load.py, _read_yaml)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from macros.checks import yaml_reading
from support.site import DATA

# Texts libyaml reads otherwise than PyYAML or lets through (each gives other data, lines or no error if
# read by libyaml alone), then the checks both loaders share: each must give what the pure-Python one gives.
KNOWN_DIFFERENCES = [
    "a: [is it? yes]\n",
    "a: {b: c?}\n",
    "a: {b:\n  }\n",
    "---",
    "?",
    "a: |#\n  b\n",
    "a: !\n",
    "a:\tb\n",
    "a: [\tb]\n",
    "a: 1\n\ufeffb: 2\n",
    "a: x\n\ufeff",
    "a: &x 1\nb: *x\n",
    "[a]: b\n",
    "a: 2026-02-30\n",
    "a: 1\na: 2\n",
]
# What an editor's slip can add: indicators, quotes, breaks, tabs, control characters, dates.
SNIPPETS = [
    "\t", ": ", ":", "[", "]", "{", "}", ",", "'", '"', "#", " #", "&a ", "*a", "!", "- ", "? ", "?", "|",
    ">", "\\", "%", "@", "`", "\x00", "\x07", "\x85", "\ufeff", "\u2028", "\r", "\n", "\n  ", "---\n",
    "...\n", "2026-02-30", "~", "<<: ",
]  # fmt: skip


def _as_read(path: Path) -> tuple:
    data, lines, problems = yaml_reading.read_yaml(path, "data/x.yml")
    return repr(data), lines, [str(p) for p in problems]


def _pure_python(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as m:
        m.setattr(yaml_reading, "_PYYAML_ONLY", re.compile(""))  # matches every text: libyaml is never used
        return _as_read(path)


def _mutations(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.yml"))]
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.7:
                text = text[:at] + rng.choice(SNIPPETS) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 4) :]
        out.append(text)
    return out


def test_libyaml_reads_the_real_data_as_the_pure_python_loader_does(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(DATA.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert yaml_reading._parse(text, yaml_reading._FastLoader) == yaml_reading._parse(
            text, yaml_reading._Loader
        ), path.name
        assert _as_read(path) == _pure_python(path, monkeypatch)


@pytest.mark.parametrize("text", KNOWN_DIFFERENCES)
def test_what_libyaml_reads_otherwise_gives_what_the_pure_python_loader_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8", newline="")
    assert _as_read(path) == _pure_python(path, monkeypatch)


def test_three_hundred_slips_in_the_real_data_give_the_same_data_lines_and_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.yml"
    for i, text in enumerate(_mutations(seed=7, count=300)):
        path.write_text(text, encoding="utf-8", newline="")
        assert _as_read(path) == _pure_python(path, monkeypatch), f"mutation {i}:\n{text}"
