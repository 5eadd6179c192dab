"""Each language's pages and navigation, beside its data words (checks/translations.py):
`locales/<code>/docs/` holds every page of docs/ in that language (the same macros, the words translated;
pictures, styles and scripts stay in docs/), and `locales/<code>/nav.yml` the navigation's labels, each
English label of mkdocs.yml with its translation. `make check` names each page or label left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checks.yaml_reading import read_yaml
from ..content import Content
from ..content.languages import LOCALES, NAV_FILE, PAGES
from ..content.problems import Problem, line_of
from . import docs_gate
from . import project as project_files

NAV = NAV_FILE


def folder(project: Path, code: str) -> Path:
    return project / LOCALES / code


def pages(project: Path, code: str) -> dict[str, Path]:
    """The language's pages, by their path under docs/ ('visit.md')."""
    docs = folder(project, code) / PAGES
    return {p.relative_to(docs).as_posix(): p for p in docs.rglob("*.md")} if docs.is_dir() else {}


def nav_labels(base_nav: list[Any]) -> list[str]:
    """Every label of the navigation in mkdocs.yml, in order."""
    labels: list[str] = []
    for item in base_nav:
        if isinstance(item, dict):
            for label, value in item.items():
                labels.append(str(label))
                if isinstance(value, list):
                    labels += nav_labels(value)
    return labels


def translated_nav(base_nav: list[Any], labels: dict[str, str]) -> list[Any]:
    """The navigation with each label in the language."""
    out: list[Any] = []
    for item in base_nav:
        if isinstance(item, dict):
            out.append(
                {
                    labels[str(label)]: translated_nav(value, labels) if isinstance(value, list) else value
                    for label, value in item.items()
                }
            )
        else:
            out.append(item)
    return out


def labels(project: Path, code: str) -> dict[str, str]:
    data, _, problems = read_yaml(folder(project, code) / NAV, f"{LOCALES}/{code}/{NAV}")
    return {str(k): str(v) for k, v in data.items()} if not problems and isinstance(data, dict) else {}


def problems(project: Path, content: Content) -> list[Problem]:
    """Each language's pages and labels: one left out, one that docs/ or mkdocs.yml does not have, and
    every mistake the docs/ gate finds in a page (named by its file in locales/)."""
    found: list[Problem] = []
    if not content.translations:
        return found
    docs = project / "docs"
    english = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    base_nav = project_files.read_config(project).get("nav") or []
    for code, words in content.translations.items():
        assert words.language is not None
        name = words.language.english_name
        own = pages(project, code)
        where = f"{LOCALES}/{code}/{PAGES}"
        for rel in sorted(english - own.keys()):
            found.append(Problem(f"{where}/{rel}", 1, "", f"is missing: write the {name} page of docs/{rel}"))
        for rel in sorted(own.keys() - english):
            found.append(Problem(f"{where}/{rel}", 1, "", f"docs/{rel} does not exist: remove this page"))
        for rel in sorted(own.keys() & english):
            source = own[rel].read_text(encoding="utf-8", errors="replace")
            found += [
                Problem(f"{where}/{rel}", line, "", message)
                for line, message in docs_gate.page_problems(docs, rel, source)
            ]
        rel = f"{LOCALES}/{code}/{NAV}"
        data, lines, read = read_yaml(folder(project, code) / NAV, rel)
        if read:
            found += read
            continue
        given = data if isinstance(data, dict) else {}
        for label in nav_labels(base_nav):
            text = given.get(label)
            if not isinstance(text, str) or not text.strip():
                found.append(
                    Problem(
                        rel,
                        line_of(lines, (label,)),
                        label,
                        f"no {name} label for the navigation's {label!r}",
                    )
                )
        for label in given:
            if label not in nav_labels(base_nav):
                found.append(
                    Problem(
                        rel,
                        line_of(lines, (label,), key=True),
                        str(label),
                        "is not a label of mkdocs.yml nav",
                    )
                )
    return found
