"""What the models refuse, worded for an editor: each pydantic error becomes one `Problem` at its line
("unknown field (did you mean 'summary'?)", "must be a whole number, not 'thirty'")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from ..content import model
from ..content.problems import Path_, Problem, closest, did_you_mean, field_name, line_of


def describe(error: ErrorDetails, known_fields: list[str], source_line: str = "") -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"required field is missing; add a line '{error['loc'][-1]}: …'"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        return f"unknown field{did_you_mean(name, known_fields)}; check its spelling"
    if value is None and not error["loc"]:
        return "the file holds no data; restore it from the repository or undo the last change"
    if value is None and kind.endswith("_type"):
        if re.search(r":\s+#", source_line):
            return "has no value: a value starting with # is read as a comment, so put it in quotes"
        return "has no value; write it after the colon, or remove the line if the field is optional"
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return f"{value!r} is not one of {', '.join(expected)}{did_you_mean(str(value), expected)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"text is too long ({len(str(value))} characters; at most {error['ctx']['max_length']}); "
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
    if kind == "too_long":
        return (
            f"lists {error['ctx']['actual_length']} items, at most {error['ctx']['max_length']}; keep the "
            "ones that matter most"
        )
    if kind == "bool_type":
        return f"must be true or false, not {value!r}"
    return str(error["msg"])


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


def validate_file(
    rel: str, data: Any, lines: dict[Path_, int], annotation: Any, source: list[str]
) -> tuple[Any, list[Problem]]:
    try:
        return TypeAdapter(annotation).validate_python(data), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        # A misspelt required field gives "unknown field" and "missing": report it once, as the misspelling.
        misspelt = {
            (*error["loc"][:-1], close)
            for error in errors
            if error["type"] == "extra_forbidden"
            and (close := closest(str(error["loc"][-1]), _known_fields(annotation, tuple(error["loc"]))))
        }
        for error in errors:
            path: Path_ = tuple(error["loc"])
            if error["type"] == "missing" and path in misspelt:
                continue
            is_key = error["type"] == "extra_forbidden"
            line = line_of(lines, path, key=is_key)
            problems.append(
                Problem(
                    rel,
                    line,
                    field_name(path),
                    describe(error, _known_fields(annotation, path), source[line - 1] if source else ""),
                )
            )
        return None, problems
