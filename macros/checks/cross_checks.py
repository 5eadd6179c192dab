"""Rules across entries and files, run once every file is valid: ids are unique, references resolve,
review dates make sense, the visit's steps add up, the self-check's questions and worked cases agree
(self_check_rules.py), the logo exists, and every page link in the data leads somewhere. Each broken
rule is added to `Findings` at the line of the field it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import COLLECTIONS, model
from ..content.problems import CLOSE_ID, Path_, Problem, did_you_mean, field_name, line_of
from . import self_check_consistency
from .search_words import enough_search_words

MAX_REVIEW_INTERVAL = dt.timedelta(days=3 * 366)


@dataclass(frozen=True)
class Reference:
    """A field whose values are ids of another collection: `field` is a dotted path inside each entry
    ("steps.technique"); lists on the way are followed. Add a row to REFERENCES for a new one."""

    file: str
    field: str
    target: str
    what: str


REFERENCES: list[Reference] = [
    Reference("massage_types.yml", "techniques", "techniques", "technique"),
    Reference("conditions.yml", "massage_type", "massage_types", "massage type"),
    Reference("conditions.yml", "techniques", "techniques", "technique"),
    Reference("conditions.yml", "related", "conditions", "condition"),
    Reference("contraindications.yml", "conditions", "conditions", "condition"),
    Reference("visit.yml", "steps.technique", "techniques", "technique"),
    Reference("sources.yml", "confirmed_by", "reviewers", "reviewer"),
]


class Findings:
    """Checks that need more than one entry or file: duplicate ids, references, review dates and the
    functions in CROSS_FILE_RULES. `add` records a problem at the line of a path inside a file."""

    def __init__(self, lines: dict[str, dict[Path_, int]], data_dir: Path):
        self.lines = lines
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.raw: dict[str, Any] = {}  # each file's validated content as written, lists in file order

    def rel(self, file_name: str) -> str:
        return f"{self.data_dir.name}/{file_name}"

    def add(self, rel: str, path: Path_, message: str) -> None:
        self.problems.append(Problem(rel, line_of(self.lines[rel], path), field_name(path), message))

    def unique_ids(self, rel: str, items: list[Any], at: Path_ = ()) -> dict[str, Any]:
        """{id: item} of a list found at path `at` in the file; a repeated id is a problem."""
        by_id: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in by_id:
                first = line_of(self.lines[rel], (*at, list(by_id).index(item.id), "id"))
                self.add(rel, (*at, i, "id"), f"duplicate id {item.id!r} (first used at line {first})")
            by_id.setdefault(item.id, item)
        return by_id

    def refs(
        self, rel: str, path: Path_, values: list[str] | str | None, known: dict[str, Any], what: str
    ) -> None:
        if values is None:
            return
        items = (
            [(path, values)] if isinstance(values, str) else [((*path, i), v) for i, v in enumerate(values)]
        )
        for where, value in items:
            if value not in known:
                hint = did_you_mean(value, list(known), CLOSE_ID)
                self.add(rel, where, f"unknown {what} {value!r}{hint}")

    def reference(self, ref: Reference, value: Any, ids: dict[str, dict[str, Any]]) -> None:
        """Check every id found at `ref.field` in `value` (a file's validated content)."""
        for path, found in _values_at(value, ref.field.split("."), ()):
            self.refs(self.rel(ref.file), path, found, ids[ref.target], ref.what)

    def reviewed(
        self, rel: str, path: Path_, entry: model.Reviewed, content_ids: dict[str, dict[str, Any]]
    ) -> None:
        self.refs(rel, (*path, "sources"), entry.sources, content_ids["sources"], "source")
        self.refs(rel, (*path, "reviewed_by"), entry.reviewed_by, content_ids["reviewers"], "reviewer")
        for field, message in review_date_mistakes(entry.last_reviewed, entry.next_review, "the entry"):
            self.add(rel, (*path, field), message)


def review_date_mistakes(last: dt.date, due: dt.date, what: str) -> list[tuple[str, str]]:
    """(field, message) of review dates that cannot be: a check in the future, a next review not after it
    or more than three years later. For an entry, and for a language's translation (`what` was checked)."""
    if last > latest_review_date():
        return [
            ("last_reviewed", f"{last.isoformat()} is in the future; write the date {what} was last checked")
        ]
    if due <= last:
        return [("next_review", f"{due.isoformat()} must be later than last_reviewed ({last.isoformat()})")]
    if due - last > MAX_REVIEW_INTERVAL:
        return [("next_review", "must be at most three years after last_reviewed")]
    return []


def latest_review_date() -> dt.date:
    """The latest date a review can have happened: today somewhere on Earth (UTC+14)."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _values_at(value: Any, parts: list[str], path: Path_) -> Iterator[tuple[Path_, Any]]:
    """(path, value) of each `parts` field inside value, following lists on the way."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _values_at(item, parts, (*path, i))
    elif not parts:
        yield path, value
    elif isinstance(value, BaseModel):
        yield from _values_at(getattr(value, parts[0], None), parts[1:], (*path, parts[0]))


def visit_steps_add_up(findings: Findings, content: dict[str, Any]) -> None:
    visit: model.Visit = content["visit"]
    total = sum(step.minutes for step in visit.steps)
    if total != visit.duration_minutes:
        findings.add(
            findings.rel("visit.yml"),
            ("duration_minutes",),
            f"the steps add up to {total} minutes, not {visit.duration_minutes}; change one of them",
        )


def visit_questions_are_unique(findings: Findings, content: dict[str, Any]) -> None:
    findings.unique_ids(findings.rel("visit.yml"), content["visit"].questions, ("questions",))


def self_check_is_consistent(findings: Findings, content: dict[str, Any]) -> None:
    """The self-check's questions, follow-ups, texts and the hazard log's worked cases
    (self_check_consistency.py)."""
    self_check_consistency.self_check_is_consistent(
        findings,
        {name: findings.rel(name) for name in COLLECTIONS},
        content["self_check"],
        findings.raw["red_flags"],
        findings.raw["contraindications"],
        content["hazard_log"],
        content["conditions"],
        content["sources"],
    )


# The self-check asks every warning sign and every contraindication; past this many questions it no longer
# fits a patient's patience on a phone (today's 53 questions are about 20 phone screens).
MAX_QUESTIONS = 80


def questions_fit_a_phone(findings: Findings, content: dict[str, Any]) -> None:
    asked = [
        ("red_flags.yml", len(findings.raw["red_flags"])),
        ("contraindications.yml", len(findings.raw["contraindications"])),
    ]
    total = sum(count for _, count in asked) + len(content["self_check"].background_questions)
    if total <= MAX_QUESTIONS:
        return
    file, count = max(asked, key=lambda item: item[1])
    findings.add(
        findings.rel(file),
        (min(count - 1, MAX_QUESTIONS),),
        f"the self-check would ask {total} questions (every warning sign and contraindication is one), "
        f"at most {MAX_QUESTIONS} fit a patient on a phone; merge entries that a patient would answer alike",
    )


def logo_exists(findings: Findings, content: dict[str, Any]) -> None:
    """The logo is a real picture inside the project's docs/ (a data folder checked on its own has no
    docs/ beside it, and the build of such a folder fails anyway)."""
    clinic: model.Clinic = content["clinic"]
    root = findings.data_dir.parent
    docs = root / "docs"
    if not docs.is_dir():
        return
    rel, where = findings.rel("clinic.yml"), ("logo",)
    path = root / clinic.logo
    if not path.resolve().is_relative_to(docs.resolve()):
        findings.add(rel, where, f"{clinic.logo!r} is not inside docs/; put the picture in docs/assets")
        return
    if not path.is_file():
        folder = path.parent
        candidates = (
            [str(p.relative_to(root)) for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        )
        findings.add(
            rel,
            where,
            f"file {clinic.logo!r} not found{did_you_mean(clinic.logo, candidates)}; "
            "put the picture in docs/assets and write its path here",
        )
        return
    # What the picture holds is checked with every file of docs/ (macros/docs_gate.py, images.py).


# Names the theme and MkDocs give to parts of every site, beside the pages and folders in docs/.
SITE_NAMES = {
    "search": "the site search (search/)",
    "assets": "the theme's files (assets/)",
    "sitemap": "the sitemap (sitemap.xml)",
    "404": "the page-not-found page (404.html)",
}


def site_names(docs: Path) -> dict[str, str]:
    """Every name a condition's page (conditions/<id>/) could collide with: the pages and folders in
    docs/ and docs/conditions/, and what the theme adds; with what each name belongs to."""
    names = dict(SITE_NAMES)
    for folder in (docs / "conditions", docs):
        if folder.is_dir():
            for item in sorted(folder.iterdir()):
                if item.is_dir() or item.suffix == ".md":
                    names.setdefault(item.stem, str(item.relative_to(docs)) + ("/" if item.is_dir() else ""))
    return names


def condition_ids_are_not_pages(findings: Findings, content: dict[str, Any]) -> None:
    """A condition's page is conditions/<id>.md: an id such as 'index' would replace a page of the site."""
    docs = findings.data_dir.parent / "docs"
    taken = site_names(docs) if docs.is_dir() else dict(SITE_NAMES, index="conditions/index.md")
    rel = findings.rel("conditions.yml")
    for i, condition in enumerate(findings.raw["conditions"]):
        if condition.id in taken:
            findings.add(
                rel,
                (i, "id"),
                f"{condition.id!r} is already the name of {taken[condition.id]} on the site; choose another "
                "id for this condition",
            )


def glossary_words_are_explained_once(findings: Findings, content: dict[str, Any]) -> None:
    """Each word may be explained once: two explanations of one word would fight over its tooltip."""
    rel = findings.rel("glossary.yml")
    first: dict[str, int] = {}
    for i, entry in enumerate(findings.raw["glossary"]):
        for j, form in enumerate(entry.forms):
            path: Path_ = (i, "term") if j == 0 else (i, "other_forms", j - 1)
            if form in first:
                line = line_of(findings.lines[rel], (first[form], "term"))
                findings.add(rel, path, f"{form!r} is already explained by the entry at line {line}")
            else:
                first[form] = i


# Checks across the whole content, run after every file is valid: (checker, {collection: value}) -> None.
# A collection that is a list is given as {id: entry}. Add a function here for a new rule.
CROSS_FILE_RULES: list[Callable[[Findings, dict[str, Any]], None]] = [
    visit_steps_add_up,
    visit_questions_are_unique,
    self_check_is_consistent,
    questions_fit_a_phone,
    logo_exists,
    glossary_words_are_explained_once,
    condition_ids_are_not_pages,
    enough_search_words,
]
