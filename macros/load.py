"""Read the YAML data, check it against the models and resolve every reference by id.

Every mistake becomes a `Problem` naming the file, the line and the field, so an editor never sees a
Python traceback. `load_content` collects all problems before it gives up.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from . import model, self_check

# file name -> type of its content; the file's stem is the collection's name.
COLLECTIONS: dict[str, Any] = {
    "clinic.yml": model.Clinic,
    "sources.yml": list[model.Source],
    "massage_types.yml": list[model.MassageType],
    "techniques.yml": list[model.Technique],
    "conditions.yml": list[model.Condition],
    "benefits.yml": list[model.Benefit],
    "risk_factors.yml": list[model.RiskFactor],
    "contraindications.yml": list[model.Contraindication],
    "red_flags.yml": list[model.RedFlag],
    "visit.yml": model.Visit,
    "self_check.yml": model.SelfCheck,
}
MAX_REVIEW_INTERVAL = dt.timedelta(days=3 * 366)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


class ContentError(Exception):
    """The data has one or more mistakes; `problems` lists each of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    """All the data, validated, with references resolved."""

    clinic: model.Clinic
    sources: dict[str, model.Source]
    massage_types: dict[str, model.MassageType]
    techniques: dict[str, model.Technique]
    conditions: dict[str, model.Condition]
    benefits: dict[str, model.Benefit]
    risk_factors: dict[str, model.RiskFactor]
    contraindications: dict[str, model.Contraindication]
    red_flags: dict[str, model.RedFlag]
    visit: model.Visit
    self_check: model.SelfCheck
    reviewers: dict[str, model.Reviewer] = field(init=False)

    def __post_init__(self) -> None:
        self.reviewers = {r.id: r for r in self.clinic.reviewers}

    def reviewed_entries(self) -> Iterator[tuple[str, model.Reviewed]]:
        """Every entry that carries review information, with the collection it belongs to."""
        yield "clinic", self.clinic
        yield "visit", self.visit
        yield "self_check", self.self_check
        for name in ("massage_types", "techniques", "conditions", "benefits", "risk_factors"):
            for entry in getattr(self, name).values():
                yield name, entry
        for name in ("contraindications", "red_flags"):
            for entry in getattr(self, name).values():
                yield name, entry


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate keys, which PyYAML would otherwise silently overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {seen[key] + 1}); remove one of them",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _line_map(node: yaml.Node | None, path: Path_ = ()) -> dict[Path_, int]:
    """Line (1-based) of every value and key in a composed YAML tree, keyed by its path."""
    lines: dict[Path_, int] = {}
    if node is None:
        return lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            lines.update(_line_map(value_node, child))
            lines[(*child, "<key>")] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_map(item, (*path, i)))
    return lines


def _line_of(lines: dict[Path_, int], path: Path_, *, key: bool = False) -> int:
    if key and (*path, "<key>") in lines:
        return lines[(*path, "<key>")]
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _field_name(path: Path_) -> str:
    """`conditions[2].kind` style names read poorly for editors; they want the field as in the file."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


def _read_yaml(path: Path, rel: str) -> tuple[Any, dict[Path_, int], list[Problem]]:
    if not path.is_file():
        return None, {}, [Problem(rel, 1, "", "file is missing; restore it from the repository")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, {}, [Problem(rel, line, "", "file is not UTF-8 text; save it again as UTF-8")]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, {}, [Problem(rel, 1, "", "file is empty; it must hold the data, not only comments")]
    try:
        data = yaml.load(text, Loader=_Loader)
        lines = _line_map(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        message = e.problem or str(e)
        if "\t" in (text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""):
            message = "a tab character is used for indenting; use spaces instead"
        elif "duplicate key" not in message:
            message = f"YAML syntax error: {message}; check the indentation and quotes on this line"
        return None, {}, [Problem(rel, line, "", message)]
    return data, lines, []


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(error: dict[str, Any], known_fields: list[str]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return f"unknown field{_did_you_mean(name, known_fields)}; check its spelling"
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return f"{value!r} is not one of {', '.join(expected)}{_did_you_mean(str(value), expected)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"text is too long ({len(value)} characters; at most {error['ctx']['max_length']})"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the right form"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{value!r} is not a valid date; write it as YYYY-MM-DD, for example 2026-11-21"
    if kind == "string_type":
        return f"must be text, not {type(value).__name__} {value!r} (put it in quotes)"
    if kind == "list_type":
        return f"must be a list, not {type(value).__name__}"
    if kind in ("int_type", "int_parsing"):
        return f"must be a whole number, not {value!r}"
    if kind == "too_short":
        return "must list at least one item"
    return error["msg"]


def _known_fields(annotation: Any, path: Path_) -> list[str]:
    """Field names allowed at `path`, for "did you mean" hints on misspelt fields."""
    tp = annotation
    for part in path[:-1]:
        if isinstance(part, int):
            tp = getattr(tp, "__args__", (tp,))[0]
            continue
        info = getattr(tp, "model_fields", {}).get(part)
        if info is None:
            return []
        tp = info.annotation
        args = [a for a in getattr(tp, "__args__", ()) if a is not type(None)]
        if args and not hasattr(tp, "model_fields"):
            tp = args[0]
    if getattr(tp, "__origin__", None) is list:
        tp = tp.__args__[0]
    return list(getattr(tp, "model_fields", {}))


def _validate(rel: str, data: Any, lines: dict[Path_, int], annotation: Any) -> tuple[Any, list[Problem]]:
    try:
        return TypeAdapter(annotation).validate_python(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path: Path_ = tuple(error["loc"])
            is_key = error["type"] == "extra_forbidden"
            problems.append(
                Problem(
                    rel,
                    _line_of(lines, path, key=is_key),
                    _field_name(path),
                    _describe(error, _known_fields(annotation, path)),
                )
            )
        return None, problems


class _Checker:
    """Cross-file checks that need every collection: duplicate ids, references and review dates."""

    def __init__(self, lines: dict[str, dict[Path_, int]]):
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, rel: str, path: Path_, message: str) -> None:
        self.problems.append(Problem(rel, _line_of(self.lines[rel], path), _field_name(path), message))

    def unique_ids(self, rel: str, items: list[Any]) -> dict[str, Any]:
        by_id: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in by_id:
                first = _line_of(self.lines[rel], (list(by_id).index(item.id), "id"))
                self.add(rel, (i, "id"), f"duplicate id {item.id!r} (first used at line {first})")
            by_id.setdefault(item.id, item)
        return by_id

    def refs(self, rel: str, path: Path_, values: list[str] | str | None, known: dict, what: str) -> None:
        if values is None:
            return
        items = [(path, values)] if isinstance(values, str) else [((*path, i), v) for i, v in enumerate(values)]
        for where, value in items:
            if value not in known:
                self.add(rel, where, f"unknown {what} {value!r}{_did_you_mean(value, list(known))}")

    def reviewed(self, rel: str, path: Path_, entry: model.Reviewed, content_ids: dict[str, dict]) -> None:
        self.refs(rel, (*path, "sources"), entry.sources, content_ids["sources"], "source")
        self.refs(rel, (*path, "reviewed_by"), entry.reviewed_by, content_ids["reviewers"], "reviewer")
        if entry.next_review <= entry.last_reviewed:
            self.add(rel, (*path, "next_review"), "must be later than last_reviewed")
        elif entry.next_review - entry.last_reviewed > MAX_REVIEW_INTERVAL:
            self.add(rel, (*path, "next_review"), "must be at most three years after last_reviewed")


def load_content(data_dir: Path | str) -> Content:
    """Load every collection from `data_dir`; raise ContentError listing every problem found."""
    data_dir = Path(data_dir)
    raw: dict[str, Any] = {}
    lines: dict[str, dict[Path_, int]] = {}
    problems: list[Problem] = []
    for name, annotation in COLLECTIONS.items():
        rel = f"{data_dir.name}/{name}"
        data, lines[rel], read_problems = _read_yaml(data_dir / name, rel)
        problems += read_problems
        if not read_problems:
            value, invalid = _validate(rel, data, lines[rel], annotation)
            problems += invalid
            raw[name] = value
    if problems:
        raise ContentError(problems)

    check = _Checker(lines)
    rel = {name: f"{data_dir.name}/{name}" for name in COLLECTIONS}
    by_id = {
        name.removesuffix(".yml"): check.unique_ids(rel[name], raw[name])
        for name, annotation in COLLECTIONS.items()
        if getattr(annotation, "__origin__", None) is list
    }
    clinic: model.Clinic = raw["clinic.yml"]
    visit: model.Visit = raw["visit.yml"]
    checkup: model.SelfCheck = raw["self_check.yml"]
    ids = {**by_id, "reviewers": {r.id: r for r in clinic.reviewers}}

    check.reviewed(rel["clinic.yml"], (), clinic, ids)
    check.reviewed(rel["visit.yml"], (), visit, ids)
    check.reviewed(rel["self_check.yml"], (), checkup, ids)
    self_check.check(
        check, rel, checkup, raw["red_flags.yml"], raw["contraindications.yml"], ids["conditions"]
    )
    for name in ("massage_types", "techniques", "conditions", "benefits", "risk_factors",
                 "contraindications", "red_flags"):
        for i, entry in enumerate(raw[f"{name}.yml"]):
            check.reviewed(rel[f"{name}.yml"], (i,), entry, ids)
    for i, mt in enumerate(raw["massage_types.yml"]):
        check.refs(rel["massage_types.yml"], (i, "techniques"), mt.techniques, ids["techniques"], "technique")
    for i, c in enumerate(raw["conditions.yml"]):
        f = rel["conditions.yml"]
        check.refs(f, (i, "massage_type"), c.massage_type, ids["massage_types"], "massage type")
        check.refs(f, (i, "techniques"), c.techniques, ids["techniques"], "technique")
        check.refs(f, (i, "related"), c.related, ids["conditions"], "condition")
    for i, ci in enumerate(raw["contraindications.yml"]):
        f = rel["contraindications.yml"]
        check.refs(f, (i, "conditions"), ci.conditions, ids["conditions"], "condition")
    for i, step in enumerate(visit.steps):
        check.refs(rel["visit.yml"], ("steps", i, "technique"), step.technique, ids["techniques"], "technique")
    questions: dict[str, int] = {}
    for i, question in enumerate(visit.questions):
        if question.id in questions:
            first = _line_of(lines[rel["visit.yml"]], ("questions", questions[question.id], "id"))
            message = f"duplicate id {question.id!r} (first used at line {first})"
            check.add(rel["visit.yml"], ("questions", i, "id"), message)
        questions.setdefault(question.id, i)
    total = sum(step.minutes for step in visit.steps)
    if total != visit.duration_minutes:
        check.add(
            rel["visit.yml"],
            ("duration_minutes",),
            f"the steps add up to {total} minutes, not {visit.duration_minutes}; change one of them",
        )
    if check.problems:
        raise ContentError(check.problems)

    return Content(
        clinic=clinic,
        sources=by_id["sources"],
        massage_types=by_id["massage_types"],
        techniques=by_id["techniques"],
        conditions=by_id["conditions"],
        benefits=by_id["benefits"],
        risk_factors=by_id["risk_factors"],
        contraindications=by_id["contraindications"],
        red_flags=by_id["red_flags"],
        visit=visit,
        self_check=checkup,
    )
