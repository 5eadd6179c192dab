"""Read and check each language the clinic publishes beside English (clinic.yml `translations:`): its
`locales/<code>/language.yml`, and for each data file with words a patient reads, the same file translated,
keyed by entry id. Every mistake is one editor's line naming the file of the language, the line and the
entry's id with its field: a text left untranslated (with the line of data/ to translate), an id no entry
has, a field that is not words, a list of cautions with one left out. The translated words then pass the
same field rules as the English ones (no markup, placeholders held once, lengths).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..content import COLLECTIONS, Content
from ..content.languages import LANGUAGE_FILE, LOCALES, NAV_FILE, Language
from ..content.problems import ContentError, Path_, Problem, did_you_mean, line_of
from ..content.translation import collection_slot, overlay
from .cross_checks import review_date_mistakes
from .messages import describe, validate_file
from .yaml_reading import hidden_characters, read_yaml

# The data files a language translates: those with words a patient reads.
TRANSLATED_FILES = [name for name, annotation in COLLECTIONS.items() if collection_slot(annotation)]


def translated_contents(data_dir: Path, content: Content) -> dict[str, Content]:
    """Each language of clinic.yml `translations:`, as the content with its words: {code: content}. Raises
    ContentError listing every mistake in every language."""
    problems: list[Problem] = []
    translated: dict[str, Content] = {}
    locales = data_dir.parent / LOCALES
    for index, code in enumerate(content.clinic.translations):
        folder = locales / code
        if not (folder / LANGUAGE_FILE).is_file():
            _, lines, _ = read_yaml(data_dir / "clinic.yml", f"{data_dir.name}/clinic.yml")
            known = sorted(p.name for p in locales.glob("*") if (p / LANGUAGE_FILE).is_file())
            problems.append(
                Problem(
                    f"{data_dir.name}/clinic.yml",
                    line_of(lines, ("translations", index)),
                    "translations",
                    f"{code!r} has no folder {LOCALES}/{code}/ with its {LANGUAGE_FILE}"
                    + (did_you_mean(code, known) or (f" (there are: {', '.join(known)})" if known else "")),
                )
            )
            continue
        language, found = _language(folder, code, content)
        problems += found
        if language is None:
            continue
        words, found = _words(data_dir, folder, language, content)
        problems += found
        if words is not None:
            translated[code] = words
    if problems:
        raise ContentError(problems)
    return translated


def _rel(folder: Path, name: str) -> str:
    return f"{LOCALES}/{folder.name}/{name}"


def _language(folder: Path, code: str, content: Content) -> tuple[Language | None, list[Problem]]:
    rel = _rel(folder, LANGUAGE_FILE)
    data, lines, problems = read_yaml(folder / LANGUAGE_FILE, rel)
    if problems:
        return None, problems
    source = (folder / LANGUAGE_FILE).read_text(encoding="utf-8").splitlines()
    language, problems = validate_file(rel, data, lines, Language, source)
    problems += hidden_characters(rel, data, lines)
    if problems:
        return None, problems
    if language.code != code:
        problems.append(
            Problem(rel, line_of(lines, ("code",)), "code", f"must be {code!r}, the name of its folder")
        )
    reviewer = language.reviewed_by
    if reviewer is not None and reviewer not in content.reviewers:
        hint = did_you_mean(reviewer, list(content.reviewers))
        problems.append(
            Problem(
                rel,
                line_of(lines, ("reviewed_by",)),
                "reviewed_by",
                f"{reviewer!r} is not a reviewer in clinic.yml{hint}",
            )
        )
    if reviewer is not None:
        problems += [
            Problem(rel, line_of(lines, ("reviewed_by",)), name, f"the review's date is missing: add {name}:")
            for name in ("last_reviewed", "next_review")
            if getattr(language, name) is None
        ]
    if language.last_reviewed is not None and language.next_review is not None:
        problems += [
            Problem(rel, line_of(lines, (field,)), field, message)
            for field, message in review_date_mistakes(
                language.last_reviewed, language.next_review, "the translation"
            )
        ]
    return (None if problems else language), problems


def _words(
    data_dir: Path, folder: Path, language: Language, content: Content
) -> tuple[Content | None, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name in sorted(p.name for p in folder.glob("*.yml")):
        if name not in (LANGUAGE_FILE, NAV_FILE) and name not in TRANSLATED_FILES:
            why = (
                f"data/{name} holds no words to translate"
                if name in COLLECTIONS
                else f"there is no data/{name}"
            )
            problems.append(Problem(_rel(folder, name), 1, "", f"{why}; remove this file"))
    for name in TRANSLATED_FILES:
        annotation = COLLECTIONS[name]
        own = getattr(content, name.removesuffix(".yml"))
        value = list(own.values()) if isinstance(own, dict) else own
        rel = _rel(folder, name)
        words, lines, read_problems = read_yaml(folder / name, rel)
        if read_problems:
            problems += read_problems
            continue
        problems += hidden_characters(rel, words, lines)
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        laid = overlay(annotation, adapter.dump_python(value, mode="python", by_alias=True), words)
        data_lines: dict[Path_, int] | None = None
        for gap in laid.gaps:
            message = gap.message
            if gap.source:
                if data_lines is None:
                    data_lines = read_yaml(data_dir / name, name)[1]
                at = line_of(data_lines, gap.source)
                message = f"no {language.english_name} words; translate {data_dir.name}/{name}:{at}"
            problems.append(Problem(rel, line_of(lines, gap.path, key=True), gap.field, message))
        if laid.gaps:
            continue
        try:
            validated = adapter.validate_python(laid.data)
        except ValidationError as exc:
            for error in exc.errors():
                path = tuple(error["loc"])
                known = max((p for p in laid.places if path[: len(p)] == p), key=len, default=())
                there = (*laid.places[known], *path[len(known) :]) if known else ()
                field = ".".join(str(p) for p in there)
                problems.append(Problem(rel, line_of(lines, there), field, describe(error, [])))
            continue
        values[name.removesuffix(".yml")] = (
            {entry.id: entry for entry in validated} if isinstance(validated, list) else validated
        )
    if problems:
        return None, problems
    kept = {name: getattr(content, name) for name in (n.removesuffix(".yml") for n in COLLECTIONS)}
    return Content(**(kept | values), language=language), problems
