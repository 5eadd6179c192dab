"""Read the YAML data, check it against the models and resolve every reference by id.

Every mistake becomes a `Problem` naming the file, the line and the field, so an editor never sees a
Python traceback. `load_content` collects all problems before it gives up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from . import branding, model, page_links, self_check, site_texts
from .search_words import check_search_words

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
    "hazard_log.yml": model.HazardLog,
    "glossary.yml": list[model.GlossaryTerm],
    "site_texts.yml": site_texts.SiteTexts,
}
MAX_REVIEW_INTERVAL = dt.timedelta(days=3 * 366)
_NO_ALIASES = (
    "a value starting with * or & must be in quotes (anchors and aliases are not used in these files)"
)

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
    hazard_log: model.HazardLog
    glossary: dict[str, model.GlossaryTerm]
    site_texts: site_texts.SiteTexts
    reviewers: dict[str, model.Reviewer] = field(init=False)

    def __post_init__(self) -> None:
        self.reviewers = {r.id: r for r in self.clinic.reviewers}

    def reviewed_entries(self) -> Iterator[tuple[str, model.Reviewed]]:
        """Every entry that carries review information, with the collection it belongs to."""
        yield "clinic", self.clinic
        yield "visit", self.visit
        yield "self_check", self.self_check
        yield "hazard_log", self.hazard_log
        for name in ("massage_types", "techniques", "conditions", "benefits", "risk_factors"):
            for entry in getattr(self, name).values():
                yield name, entry
        for name in ("contraindications", "red_flags", "glossary"):
            for entry in getattr(self, name).values():
                yield name, entry


class _Checks:
    """Refuses duplicate keys (PyYAML would silently keep the last one) and reports an impossible date such
    as 2026-02-30 at its line instead of crashing."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                break  # a list or group as a key: PyYAML refuses it below, at its line
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {seen[key] + 1}); remove one of them",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{node.value!r} is not a real date ({e}); write it as YYYY-MM-DD",
                node.start_mark,
            ) from None


class _Loader(_Checks, yaml.SafeLoader):
    """The pure-Python loader: slow, but it refuses anchors and aliases and gives the error messages."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        # Anchors and aliases (&name, *name) are never needed here, can build endless loops, and an
        # unquoted text starting with * or & is read as one.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, event.start_mark)
        return super().compose_node(parent, index)


class _FastLoader(_Checks, yaml.CSafeLoader):
    """libyaml's parser and composer with the same checks while constructing; see _read_yaml."""

    def construct_document(self, node: yaml.Node) -> Any:
        # Every data file is a group of fields or a list; libyaml puts a file of "---" on another line.
        if isinstance(node, yaml.ScalarNode) or _in_flow_read_otherwise(node):
            raise yaml.YAMLError("left to the pure-Python loader")
        return super().construct_document(node)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Checks.construct_yaml_timestamp)
# What libyaml reads otherwise than PyYAML, or lets through: tabs, byte order marks; anchors (&a), aliases
# (*a), tags (!a) and complex keys (? a), which start a token, never right after a letter or digit; "|#".
_PYYAML_ONLY = re.compile(r"[\t\ufeff]|(?<!\w)[&*!?]|[|>][-+0-9]*#")


def _in_flow_read_otherwise(node: yaml.Node, in_flow: bool = False) -> bool:
    """In [ ] or { }, libyaml reads "is it? yes" as a text (PyYAML refuses it) and puts an empty value at
    the end of a line on the next line."""
    if isinstance(node, yaml.ScalarNode):
        return in_flow and (not node.value or "?" in node.value)
    in_flow = in_flow or bool(node.flow_style)
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
    return any(_in_flow_read_otherwise(child, in_flow) for child in children)


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


def _yaml_problem(rel: str, text: str, e: yaml.YAMLError) -> Problem:
    """One clear line for anything PyYAML refuses."""
    if isinstance(e, yaml.reader.ReaderError):
        line = text[: e.position].count("\n") + 1
        char = e.character if isinstance(e.character, str) else chr(e.character)
        return Problem(
            rel,
            line,
            "",
            f"the file contains an invisible control character (#x{ord(char):04x}) that is not allowed; "
            "delete it (it often comes with text copied from another program)",
        )
    if not isinstance(e, yaml.MarkedYAMLError):
        return Problem(rel, 1, "", f"YAML syntax error: {e}")
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 1
    problem = e.problem or str(e)
    if "'\\t'" in problem:
        message = "a tab character is used here; YAML needs spaces, so replace it with spaces"
        return Problem(rel, line, "", message)
    if "duplicate key" in problem or "not a real date" in problem or problem == _NO_ALIASES:
        return Problem(rel, line, "", problem)
    context = e.context or ""
    opened = e.context_mark.line + 1 if e.context_mark else line
    if "scanning an alias" in context or "scanning an anchor" in context:
        return Problem(rel, line, "", _NO_ALIASES)
    if "flow sequence" in context:
        return Problem(
            rel, opened, "", "YAML syntax error: a list started with '[' is not closed; end it with ']'"
        )
    if "flow mapping" in context:
        return Problem(
            rel, opened, "", "YAML syntax error: a group started with '{' is not closed; end it with '}'"
        )
    if "quoted scalar" in context:
        message = "YAML syntax error: a text started with a quote is not closed; end it with the same quote"
        return Problem(rel, opened, "", message)
    hint = "check the indentation and the quotes on this line and the line above"
    if "mapping values are not allowed" in problem:
        hint = "a text with ': ' in it must be in quotes, or check the indentation"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above it"
    elif "found unknown escape" in problem:
        hint = "a text containing \\ must be in single quotes"
    elif "could not determine a constructor" in problem:
        problem = "a value starting with ! is read as a special instruction"
        hint = "put the text in quotes"
    return Problem(rel, line, "", f"YAML syntax error: {problem}; {hint}")


def _read_yaml(path: Path, rel: str) -> tuple[Any, dict[Path_, int], list[Problem]]:
    if not path.is_file():
        return None, {}, [Problem(rel, 1, "", "file is missing; restore it from the repository")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, {}, [Problem(rel, line, "", "file is not UTF-8 text; save it again as UTF-8")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, {}, [Problem(rel, 1, "", "file is empty; it must hold the data, not only comments")]
    # libyaml (_FastLoader) reads the files ten times faster than the pure-Python _Loader, which took a
    # tenth of every build. But it lets anchors through, reads a few rare constructs otherwise and words its
    # errors differently: a text that may hold one of those, or that libyaml refuses, is read by _Loader,
    # so the data, the lines and every message stay exactly those of _Loader.
    parsed = None
    if not _PYYAML_ONLY.search(text):
        with contextlib.suppress(yaml.YAMLError):
            parsed = _parse(text, _FastLoader)
    try:
        data, lines = parsed or _parse(text, _Loader)
    except yaml.YAMLError as e:
        return None, {}, [_yaml_problem(rel, text, e)]
    return data, lines, []


def _parse(text: str, loader_class: type[_Loader | _FastLoader]) -> tuple[Any, dict[Path_, int]]:
    """One parse gives both the tree (for line numbers) and the data."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _line_map(node)


# Bidirectional embeddings, overrides and isolates: invisible, they make a text show in another order
# than it is stored ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden_character(value: str) -> str | None:
    """What is wrong with an invisible character in a text, or None. The YAML reader refuses raw control
    characters itself; these come from escapes in quotes ("\\0", "\\x07", "\\e") or are printable to YAML."""
    for char in value:
        code = f"U+{ord(char):04X}"
        if char in _BIDI_CONTROLS:
            name = unicodedata.name(char).lower()
            return (
                f"contains an invisible text-direction character ({code}, {name}), which can make a text "
                "show in another order than it is written; delete it"
            )
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return (
                f"contains an invisible control character ({code}) that is not allowed; delete it "
                "(in quotes, an escape such as \\0, \\a, \\x07 or \\e writes one)"
            )
    return None


def _hidden_characters(rel: str, value: Any, lines: dict[Path_, int], path: Path_ = ()) -> list[Problem]:
    """A problem for every text (value or field name) in a file's data holding a hidden character."""
    problems = []
    if isinstance(value, str):
        found = _hidden_character(value)
        if found:
            problems.append(Problem(rel, _line_of(lines, path), _field_name(path), found))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (found := _hidden_character(key)):
                line = _line_of(lines, (*path, key), key=True)
                problems.append(Problem(rel, line, "", f"a field name {found}"))
            problems += _hidden_characters(rel, item, lines, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += _hidden_characters(rel, item, lines, (*path, i))
    return problems


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(error: dict[str, Any], known_fields: list[str], source_line: str = "") -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"required field is missing; add a line '{error['loc'][-1]}: …'"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return f"unknown field{_did_you_mean(name, known_fields)}; check its spelling"
    if value is None and not error["loc"]:
        return "the file holds no data; restore it from the repository or undo the last change"
    if value is None and kind.endswith("_type"):
        if re.search(r":\s+#", source_line):
            return "has no value: a value starting with # is read as a comment, so put it in quotes"
        return "has no value; write it after the colon, or remove the line if the field is optional"
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return f"{value!r} is not one of {', '.join(expected)}{_did_you_mean(str(value), expected)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"text is too long ({len(value)} characters; at most {error['ctx']['max_length']}); "
            "shorten it or split it"
        )
    if kind == "string_pattern_mismatch":
        hint = model.PATTERN_HINTS.get(error["ctx"]["pattern"])
        return f"{value!r} does not have the right form" + (f"; {hint}" if hint else "")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{value!r} is not a valid date; write it as YYYY-MM-DD, for example 2026-11-21"
    if kind == "string_type":
        return f"must be text, not {_kind_of(value)} {value!r} (put it in quotes)"
    if kind == "list_type":
        if len(error["loc"]) == 0:
            return f"the file must be a list of entries, each starting with '- id:', not {_kind_of(value)}"
        return f"must be a list (one '- ' line per item, or [a, b]), not {_kind_of(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        loc = error["loc"]
        where = "the file" if not loc else "each entry" if isinstance(loc[-1], int) else "this field"
        return f"{where} must be a group of 'field: value' lines, not {_kind_of(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {value!r}"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = error["ctx"].get("ge", error["ctx"].get("le"))
        return f"must be {'at least' if kind == 'greater_than_equal' else 'at most'} {limit}, not {value!r}"
    if kind == "too_short":
        return "must list at least one item"
    if kind == "bool_type":
        return f"must be true or false, not {value!r}"
    return error["msg"]


def _kind_of(value: Any) -> str:
    """How an editor would call the YAML value they typed."""
    if isinstance(value, bool):
        return "yes/no (true/false)"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, str):
        return "a text"
    return type(value).__name__


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


def _validate(
    rel: str, data: Any, lines: dict[Path_, int], annotation: Any, source: list[str]
) -> tuple[Any, list[Problem]]:
    try:
        return TypeAdapter(annotation).validate_python(data), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        # A misspelt required field gives "unknown field" and "missing": report it once, as the misspelling.
        misspelt = {
            (*error["loc"][:-1], close[0])
            for error in errors
            if error["type"] == "extra_forbidden"
            and (
                close := difflib.get_close_matches(
                    str(error["loc"][-1]), _known_fields(annotation, tuple(error["loc"])), n=1, cutoff=0.6
                )
            )
        }
        for error in errors:
            path: Path_ = tuple(error["loc"])
            if error["type"] == "missing" and path in misspelt:
                continue
            is_key = error["type"] == "extra_forbidden"
            line = _line_of(lines, path, key=is_key)
            problems.append(
                Problem(
                    rel,
                    line,
                    _field_name(path),
                    _describe(error, _known_fields(annotation, path), source[line - 1] if source else ""),
                )
            )
        return None, problems


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
]


class Checker:
    """Checks that need more than one entry or file: duplicate ids, references, review dates and the
    functions in CHECKS. `add` records a problem at the line of a path inside a file."""

    def __init__(self, lines: dict[str, dict[Path_, int]], data_dir: Path):
        self.lines = lines
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.raw: dict[str, Any] = {}  # each file's validated content as written, lists in file order

    def rel(self, file_name: str) -> str:
        return f"{self.data_dir.name}/{file_name}"

    def add(self, rel: str, path: Path_, message: str) -> None:
        self.problems.append(Problem(rel, _line_of(self.lines[rel], path), _field_name(path), message))

    def unique_ids(self, rel: str, items: list[Any], at: Path_ = ()) -> dict[str, Any]:
        """{id: item} of a list found at path `at` in the file; a repeated id is a problem."""
        by_id: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in by_id:
                first = _line_of(self.lines[rel], (*at, list(by_id).index(item.id), "id"))
                self.add(rel, (*at, i, "id"), f"duplicate id {item.id!r} (first used at line {first})")
            by_id.setdefault(item.id, item)
        return by_id

    def refs(self, rel: str, path: Path_, values: list[str] | str | None, known: dict, what: str) -> None:
        if values is None:
            return
        items = (
            [(path, values)] if isinstance(values, str) else [((*path, i), v) for i, v in enumerate(values)]
        )
        for where, value in items:
            if value not in known:
                self.add(rel, where, f"unknown {what} {value!r}{_did_you_mean(value, list(known))}")

    def reference(self, ref: Reference, value: Any, ids: dict[str, dict]) -> None:
        """Check every id found at `ref.field` in `value` (a file's validated content)."""
        for path, found in _values_at(value, ref.field.split("."), ()):
            self.refs(self.rel(ref.file), path, found, ids[ref.target], ref.what)

    def reviewed(self, rel: str, path: Path_, entry: model.Reviewed, content_ids: dict[str, dict]) -> None:
        self.refs(rel, (*path, "sources"), entry.sources, content_ids["sources"], "source")
        self.refs(rel, (*path, "reviewed_by"), entry.reviewed_by, content_ids["reviewers"], "reviewer")
        if entry.last_reviewed > latest_review_date():
            self.add(
                rel,
                (*path, "last_reviewed"),
                f"{entry.last_reviewed.isoformat()} is in the future; "
                "write the date the entry was last checked",
            )
        elif entry.next_review <= entry.last_reviewed:
            self.add(
                rel,
                (*path, "next_review"),
                f"{entry.next_review.isoformat()} must be later than last_reviewed "
                f"({entry.last_reviewed.isoformat()})",
            )
        elif entry.next_review - entry.last_reviewed > MAX_REVIEW_INTERVAL:
            self.add(rel, (*path, "next_review"), "must be at most three years after last_reviewed")


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


def check_visit_adds_up(check: Checker, content: dict[str, Any]) -> None:
    visit: model.Visit = content["visit"]
    total = sum(step.minutes for step in visit.steps)
    if total != visit.duration_minutes:
        check.add(
            check.rel("visit.yml"),
            ("duration_minutes",),
            f"the steps add up to {total} minutes, not {visit.duration_minutes}; change one of them",
        )


def check_visit_questions_are_unique(check: Checker, content: dict[str, Any]) -> None:
    check.unique_ids(check.rel("visit.yml"), content["visit"].questions, ("questions",))


def check_self_check(check: Checker, content: dict[str, Any]) -> None:
    """The self-check's questions, follow-ups, texts and the hazard log's worked cases (self_check.py)."""
    self_check.check(
        check,
        {name: check.rel(name) for name in COLLECTIONS},
        content["self_check"],
        check.raw["red_flags"],
        check.raw["contraindications"],
        content["hazard_log"],
        content["conditions"],
        content["sources"],
    )


def check_logo_exists(check: Checker, content: dict[str, Any]) -> None:
    """The logo is a real picture inside the project's docs/ (a data folder checked on its own has no
    docs/ beside it, and the build of such a folder fails anyway)."""
    clinic: model.Clinic = content["clinic"]
    root = check.data_dir.parent
    docs = root / "docs"
    if not docs.is_dir():
        return
    rel, where = check.rel("clinic.yml"), ("logo",)
    path = root / clinic.logo
    if not path.resolve().is_relative_to(docs.resolve()):
        check.add(rel, where, f"{clinic.logo!r} is not inside docs/; put the picture in docs/assets")
        return
    if not path.is_file():
        folder = path.parent
        candidates = (
            [str(p.relative_to(root)) for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        )
        check.add(
            rel,
            where,
            f"file {clinic.logo!r} not found{_did_you_mean(clinic.logo, candidates)}; "
            "put the picture in docs/assets and write its path here",
        )
        return
    problem = branding.logo_problem(path)
    if problem:
        check.add(rel, where, f"file {clinic.logo!r} {problem}")


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


def check_ids_are_not_pages(check: Checker, content: dict[str, Any]) -> None:
    """A condition's page is conditions/<id>.md: an id such as 'index' would replace a page of the site."""
    docs = check.data_dir.parent / "docs"
    taken = site_names(docs) if docs.is_dir() else dict(SITE_NAMES, index="conditions/index.md")
    rel = check.rel("conditions.yml")
    for i, condition in enumerate(check.raw["conditions"]):
        if condition.id in taken:
            check.add(
                rel,
                (i, "id"),
                f"{condition.id!r} is already the name of {taken[condition.id]} on the site; choose another "
                "id for this condition",
            )


def check_glossary_words_are_explained_once(check: Checker, content: dict[str, Any]) -> None:
    """Each word may be explained once: two explanations of one word would fight over its tooltip."""
    rel = check.rel("glossary.yml")
    first: dict[str, int] = {}
    for i, entry in enumerate(check.raw["glossary"]):
        for j, form in enumerate(entry.forms):
            path: Path_ = (i, "term") if j == 0 else (i, "other_forms", j - 1)
            if form in first:
                line = _line_of(check.lines[rel], (first[form], "term"))
                check.add(rel, path, f"{form!r} is already explained by the entry at line {line}")
            else:
                first[form] = i


# Checks across the whole content, run after every file is valid: (checker, {collection: value}) -> None.
# A collection that is a list is given as {id: entry}. Add a function here for a new rule.
CHECKS: list[Callable[[Checker, dict[str, Any]], None]] = [
    check_visit_adds_up,
    check_visit_questions_are_unique,
    check_self_check,
    check_logo_exists,
    check_glossary_words_are_explained_once,
    check_ids_are_not_pages,
    check_search_words,
]


def _file_order(problem: Problem) -> tuple[int, str, int]:
    names = list(COLLECTIONS)
    name = problem.file.rsplit("/", 1)[-1]
    return (names.index(name) if name in names else len(names), problem.file, problem.line)


def load_content(data_dir: Path | str, *, all_pages: bool = False) -> Content:
    """Load every collection from `data_dir`; raise ContentError listing every problem found.

    With `all_pages` (the validator; the build runs it first), every page is also rendered to find an id
    that is the anchor of two sections; left out of the build's own load to keep builds fast."""
    data_dir = Path(data_dir)
    raw: dict[str, Any] = {}
    lines: dict[str, dict[Path_, int]] = {}
    problems: list[Problem] = []
    for name, annotation in COLLECTIONS.items():
        rel = f"{data_dir.name}/{name}"
        data, lines[rel], read_problems = _read_yaml(data_dir / name, rel)
        problems += read_problems
        if not read_problems:
            source = (data_dir / name).read_text(encoding="utf-8").splitlines()
            hidden = _hidden_characters(rel, data, lines[rel])
            value, invalid = _validate(rel, data, lines[rel], annotation, source)
            # A field with a hidden character is reported for that alone (an id would fail its form too).
            at = {(p.line, p.field) for p in hidden}
            problems += hidden + [p for p in invalid if (p.line, p.field) not in at]
            raw[name.removesuffix(".yml")] = value
    if problems:
        raise ContentError(sorted(problems, key=_file_order))

    check = Checker(lines, data_dir)
    check.raw = raw
    content: dict[str, Any] = {
        name: check.unique_ids(check.rel(f"{name}.yml"), value)
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
                check.reviewed(check.rel(f"{name}.yml"), (i,) if isinstance(i, int) else (), entry, ids)
    for ref in REFERENCES:
        check.reference(ref, raw[ref.file.removesuffix(".yml")], ids)
    for rule in CHECKS:
        rule(check, content)
    if check.problems:
        raise ContentError(sorted(check.problems, key=_file_order))
    result = Content(**content)
    check_page_links(check, result)
    if all_pages:
        check_anchors_are_unique(check, result)
    if check.problems:
        raise ContentError(sorted(check.problems, key=_file_order))
    return result


def check_page_links(check: Checker, content: Content) -> None:
    """Every page link in the data leads to a page and section that exist (the pages are rendered, so
    this runs once every other check passed; a data folder checked on its own has no pages to look in)."""
    project = check.data_dir.parent
    if not (project / "docs").is_dir() or not (project / "mkdocs.yml").is_file():
        return
    rendered: dict[str, set[str]] = {}
    for name, value in check.raw.items():
        for path, link in page_links.page_link_fields(value):
            problem = page_links.link_problem(project, content, link, rendered)
            if problem:
                check.add(check.rel(f"{name}.yml"), path, problem)


def check_anchors_are_unique(check: Checker, content: Content) -> None:
    """An entry's id is its section's anchor: an id that is also the anchor of another section on the same
    page (a visit question called 'preparation') would take every link to that section."""
    project = check.data_dir.parent
    if not (project / "docs").is_dir() or not (project / "mkdocs.yml").is_file():
        return
    for page, ids in page_links.repeated_anchors(project, content).items():
        for anchor in ids:
            for name, value in check.raw.items():
                for path in page_links.entries_with_id(value, anchor):
                    check.add(
                        check.rel(f"{name}.yml"),
                        path,
                        f"{anchor!r} is also the anchor of another section on {page}; choose another id",
                    )
