"""Every word a patient reads comes from the data (data/site_texts.yml, the entries) or the pages in docs/:
no sentence lives in the code, so an editor changes any of them, and a translation needs only data."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

from support.pages import visible_text
from support.site import ROOT, build_site, copy_seed_project, site_pages

from .editing import read_lines, run_validate, set_field, set_line

CODE = [*sorted((ROOT / "macros").glob("*.py")), ROOT / "hooks.py"]
# A phrase a patient could read: two or more words from a capital letter ("Start again"), or four or more
# words anywhere in a text. Fragments of the editors' messages ("is not a page", "the page") are left out.
_WORD = r"[A-Za-z][A-Za-z']*"
_PHRASE = re.compile(rf"\b[A-Z][A-Za-z']*(?:[ ,:]+{_WORD})+|{_WORD}(?:[ ,:]+{_WORD}){{3,}}")
_TAG = re.compile(r"<[^>]*>")
_READ_ALOUD = re.compile(r'\b(?:aria-label|title|alt)="([^"]*)"')
# Calls whose texts are for editors, not patients: the data's schema (descriptions, examples).
_FOR_EDITORS = {"Field"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def code_phrases(source: str) -> set[str]:
    """The phrases in the string literals of Python source (f-strings' literal parts too); docstrings and
    the schema's descriptions and examples left out, markup tags removed."""
    tree = ast.parse(source)
    skip = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and _call_name(call) in _FOR_EDITORS:
            skip |= {id(inner) for inner in ast.walk(call)}
    phrases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            for phrase in _PHRASE.findall(_TAG.sub(" ", node.value)):
                phrases.add(" ".join(phrase.replace(",", " ").replace(":", " ").split()))
    return phrases


def site_words(site: Path) -> str:
    """Everything a patient reads or hears on the built site: the text of every page, and the names
    screen readers read out (aria-label, title, alt), as one string of words."""
    parts = []
    for page in site_pages(site):
        file = site / (page if page.endswith(".html") else page + "index.html")
        markup = file.read_text(encoding="utf-8")
        parts.append(visible_text(markup))
        parts += [html.unescape(value) for value in _READ_ALOUD.findall(markup)]
    return " ".join(" ".join(part.replace(",", " ").replace(":", " ").split()) for part in parts)


def phrases_on_site(phrases: set[str], words: str) -> list[str]:
    return sorted(p for p in phrases if re.search(rf"(?<![A-Za-z']){re.escape(p)}(?![A-Za-z'])", words))


def test_no_sentence_a_patient_reads_is_in_macros_or_hooks(seed_site: Path) -> None:
    words = site_words(seed_site)
    found = {
        file.relative_to(ROOT).as_posix(): phrases_on_site(
            code_phrases(file.read_text(encoding="utf-8")), words
        )
        for file in CODE
    }
    assert {file: phrases for file, phrases in found.items() if phrases} == {}


def test_the_code_check_finds_a_patient_sentence_written_in_code(seed_site: Path) -> None:
    """The check above can fail: a label written in Python is found on the page."""
    words = site_words(seed_site)
    planted = "BUTTON = f'<button type=\"button\">Start again</button>'\n"
    assert phrases_on_site(code_phrases(planted), words) == ["Start again"]
    assert phrases_on_site(code_phrases('"""Start again, says the docstring."""\n'), words) == []


@pytest.mark.slow  # builds the site
def test_an_editor_changes_labels_buttons_and_the_care_card_in_site_texts(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    texts = project / "data" / "site_texts.yml"
    set_field(texts, "self_check.restart", "Begin once more")
    set_field(texts, "care_card.show_signs", "Show me the warning signs")
    set_field(texts, "review.overdue_title", "Out of date")
    set_line(
        texts,
        _nested_line(texts, "review", "line"),
        '  line: "Checked on {last} by {reviewers}; next check by {due}"',
    )
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    self_check = visible_text((tmp_path / "site" / "self-check" / "index.html").read_text(encoding="utf-8"))
    assert "Begin once more" in self_check and "Start again" not in self_check
    home = visible_text((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert "Show me the warning signs" in home
    assert re.search(r"Checked on \d+ \w+ \d{4} by .+; next check by \d+ \w+ \d{4}", home), home[-400:]


def _nested_line(path: Path, group: str, name: str) -> int:
    lines = read_lines(path)
    start = next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{group}:"))
    return next(i for i in range(start + 1, len(lines) + 1) if lines[i - 1].startswith(f"  {name}:"))


def test_a_placeholder_left_out_or_mistyped_is_refused_at_its_line(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    texts = project / "data" / "site_texts.yml"
    line = _nested_line(texts, "care_card", "line")
    set_line(texts, line, '  line: "Serious warning signs? Call the emergency number now."')
    other = _nested_line(texts, "review", "overdue")
    set_line(texts, other, '  overdue: "Its check was due on {date}."')
    status, _, errors = run_validate(project / "data")
    assert status == 1
    assert any(
        e.startswith(f"data/site_texts.yml:{line}: care_card.line: must hold {{emergency_number}} once")
        for e in errors
    ), errors
    assert any(
        e.startswith(f"data/site_texts.yml:{other}: review.overdue: unknown placeholder {{date}}")
        for e in errors
    ), errors


def test_the_check_warns_about_a_source_no_entry_cites(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    sources = project / "data" / "sources.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "\n- id: unused-leaflet\n  title: A leaflet nobody cites\n  publisher: NHS\n"
        + "  kind: patient-information\n",
        encoding="utf-8",
    )
    line = len(read_lines(sources)) - 3
    status, out, errors = run_validate(project / "data")
    assert status == 0 and errors == []
    warning = f"warning: data/sources.yml:{line}: id: no entry cites the source 'unused-leaflet'; "
    assert any(w.startswith(warning) for w in out), out
