"""A translation laid over the data: which fields hold words (marked `Words` in their types), how a
language's file names them (by entry id, as data/ does), and the data with those words put in.

The structure stays in data/ (ids, references, rules, tiers, numbers, dates): a translation can change
only words, so it can never change what the self-check decides. A language's file for a collection holds,
for each entry id, its translated fields; a list of records with ids (the answers of a question, the
steps of the visit) is keyed by id too, or by `value` for an answer; a list of records without ids is a
list of as many items. `overlay` returns the translated data, each translated field's place in the
language's file, and what is missing, unknown or not text.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any

from annotated_types import GroupedMetadata
from pydantic import BaseModel

from .model import Words
from .problems import Path_, closest

# How a field holds words.
TEXT = "text"  # one text
TEXTS = "texts"  # a list of texts, item for item
WHOLE = "whole"  # a list of texts, as many as the language needs
RECORD = "record"  # a record with word fields of its own
RECORDS = "records"  # a list of such records
# The field that names a record in a list, in the order looked for.
KEYS = ("id", "value")


@dataclass(frozen=True)
class Slot:
    """A field that holds words: how (`how`), and the record type for RECORD and RECORDS."""

    how: str
    model: type[BaseModel] | None = None


def _marker(metadata: list[Any]) -> Words | None:
    for item in metadata:
        if isinstance(item, Words):
            return item
        if isinstance(item, GroupedMetadata):
            found = _marker(list(item))
            if found:
                return found
    return None


def _slot(annotation: Any, metadata: list[Any]) -> Slot | None:
    marker = _marker(metadata)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return _slot(base, [*metadata, *more])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _slot(options[0], metadata) if len(options) == 1 else None
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _slot(item, [])
        if inner and inner.how == TEXT:
            return Slot(WHOLE if marker and marker.whole else TEXTS)
        if inner and inner.how == RECORD:
            return Slot(RECORDS, inner.model)
        return None
    if marker is not None and annotation is str:
        return Slot(TEXT)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and word_fields(annotation):
        return Slot(RECORD, annotation)
    return None


_FIELDS: dict[type[BaseModel], dict[str, Slot]] = {}


def word_fields(model: type[BaseModel]) -> dict[str, Slot]:
    """The fields of `model` that hold words, directly or in their records, by the names data/ gives them."""
    if model not in _FIELDS:
        _FIELDS[model] = {}  # a record type holding itself ends here
        found = {}
        for name, info in model.model_fields.items():
            slot = _slot(info.annotation, list(info.metadata))
            if slot:
                found[info.alias or name] = slot
        _FIELDS[model] = found
    return _FIELDS[model]


def _names(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def collection_slot(annotation: Any) -> Slot | None:
    """How a data file (COLLECTIONS) holds words: a list of entries or one record; None if it holds none."""
    return _slot(annotation, [])


def record_key(model: type[BaseModel]) -> str | None:
    return next((key for key in KEYS if key in model.model_fields), None)


@dataclass(frozen=True)
class Gap:
    """What is wrong with a translation, at `path` in the language's file (`field`: as an editor names it)."""

    path: Path_
    field: str
    message: str
    source: Path_ = ()  # the data's own place of the words, for "missing"


@dataclass
class Overlay:
    """The data (as model_dump gives it) with a language's words put in."""

    data: Any
    places: dict[Path_, Path_] = field(default_factory=dict)  # data path -> path in the language's file
    gaps: list[Gap] = field(default_factory=list)


def overlay(annotation: Any, data: Any, words: Any) -> Overlay:
    """Lay `words` (a language's file, as read) over `data` (a collection as model_dump gives it)."""
    slot = collection_slot(annotation)
    result = Overlay(data)
    if slot is None:
        return result
    if slot.how == RECORDS:
        result.data = _records(result, slot, data, words, (), ())
    else:
        result.data = _record(result, slot, data, words, (), ())
    return result


def _name(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _record(out: Overlay, slot: Slot, value: dict[str, Any], words: Any, vpath: Path_, wpath: Path_) -> Any:
    assert slot.model is not None
    fields = word_fields(slot.model)
    if not isinstance(words, dict):
        out.gaps.append(Gap(wpath, _name(wpath), "must be the translated fields, each as 'field: words'"))
        return value
    merged = dict(value)
    for key in words:
        if key in fields and value.get(key) is not None:
            continue
        if key in fields:
            message = "data/ has no words here to translate; take this line out"
        elif key in _names(slot.model):
            message = "is not words to translate: it stays as data/ has it; take this line out"
        else:
            close = closest(str(key), list(fields))
            message = "is not a field of this entry" + (f" (did you mean {close!r}?)" if close else "")
        out.gaps.append(Gap((*wpath, key), _name((*wpath, key)), message))
    for name, inner in fields.items():
        own: Any = value.get(name)
        if (own is None or own == []) and not (inner.how == WHOLE and name in words):
            continue  # nothing to translate (a language may still give its own other names, search words)
        own = [] if own is None else own
        if name not in words:
            out.gaps.append(Gap(wpath, _name((*wpath, name)), "is not translated", (*vpath, name)))
            continue
        here, there = (*vpath, name), (*wpath, name)
        given = words[name]
        if inner.how == TEXT:
            if isinstance(given, str) and given.strip():
                merged[name] = given
                out.places[here] = there
            else:
                out.gaps.append(Gap(there, _name(there), "must be the translated words, as one text"))
        elif inner.how in (TEXTS, WHOLE):
            if not isinstance(given, list) or not all(isinstance(t, str) and t.strip() for t in given):
                out.gaps.append(Gap(there, _name(there), "must be a list of translated texts, one per line"))
            elif inner.how == TEXTS and len(given) != len(own):
                out.gaps.append(
                    Gap(
                        there,
                        _name(there),
                        f"has {len(given)} item{'s' if len(given) != 1 else ''} where data/ has "
                        f"{len(own)}: translate each one, none left out or added",
                    )
                )
            else:
                merged[name] = list(given)
                out.places[here] = there
        elif inner.how == RECORD:
            merged[name] = _record(out, inner, own, given, here, there)
        else:
            merged[name] = _records(out, inner, own, given, here, there)
    return merged


def _records(out: Overlay, slot: Slot, value: list[Any], words: Any, vpath: Path_, wpath: Path_) -> list[Any]:
    assert slot.model is not None
    key = record_key(slot.model)
    if key is None:  # no ids: item for item
        if not isinstance(words, list) or len(words) != len(value):
            out.gaps.append(
                Gap(wpath, _name(wpath), f"must be a list of {len(value)}, one for each item in data/")
            )
            return value
        return [
            _record(out, slot, item, given, (*vpath, i), (*wpath, i))
            for i, (item, given) in enumerate(zip(value, words, strict=True))
        ]
    if not isinstance(words, dict):
        out.gaps.append(Gap(wpath, _name(wpath), f"must list each entry by its {key}, as '{key}-in-data:'"))
        return value
    ids = [str(item[key]) for item in value]
    for given in words:
        if str(given) not in ids:
            close = closest(str(given), ids, 0.8)
            out.gaps.append(
                Gap(
                    (*wpath, given),
                    _name((*wpath, given)),
                    f"no entry of data/ has this {key}" + (f" (did you mean {close!r}?)" if close else ""),
                )
            )
    merged = []
    for i, item in enumerate(value):
        own = str(item[key])
        if own not in words and not _words_of_record(slot, item):  # nothing of it to translate
            merged.append(item)
        elif own not in words:
            out.gaps.append(Gap(wpath, _name((*wpath, own)), "is not translated", (*vpath, i)))
            merged.append(item)
        else:
            merged.append(_record(out, slot, item, words[own], (*vpath, i), (*wpath, own)))
    return merged


def words_of(annotation: Any, data: Any) -> Any:
    """The words of a collection (as model_dump gives it), laid out as a language's file holds them: the
    start of a new translation, or what a translator reads beside it."""
    slot = collection_slot(annotation)
    if slot is None:
        return None
    return _words_of_records(slot, data) if slot.how == RECORDS else _words_of_record(slot, data)


def _words_of_record(slot: Slot, value: dict[str, Any]) -> dict[str, Any]:
    assert slot.model is not None
    out: dict[str, Any] = {}
    for name, inner in word_fields(slot.model).items():
        own = value.get(name)
        if own is None or own == []:
            continue
        if inner.how == RECORD:
            out[name] = _words_of_record(inner, own)
        elif inner.how == RECORDS:
            out[name] = _words_of_records(inner, own)
        else:
            out[name] = own
    return out


def _words_of_records(slot: Slot, value: list[Any]) -> Any:
    assert slot.model is not None
    key = record_key(slot.model)
    if key is None:
        return [_words_of_record(slot, item) for item in value]
    return {str(item[key]): words for item in value if (words := _words_of_record(slot, item))}


def words_schema(annotation: Any) -> dict[str, Any] | None:
    """The JSON Schema of a language's file for a collection (for editors' autocomplete and inline errors):
    the word fields only, keyed as the file keys them, each with the data field's description."""
    slot = collection_slot(annotation)
    if slot is None:
        return None
    return _records_schema(slot) if slot.how == RECORDS else _record_schema(slot)


def _record_schema(slot: Slot) -> dict[str, Any]:
    assert slot.model is not None
    properties: dict[str, Any] = {}
    infos = {info.alias or name: info for name, info in slot.model.model_fields.items()}
    for name, inner in word_fields(slot.model).items():
        if inner.how == RECORD:
            field_schema = _record_schema(inner)
        elif inner.how == RECORDS:
            field_schema = _records_schema(inner)
        elif inner.how == TEXT:
            field_schema = {"type": "string", "minLength": 1}
        else:
            field_schema = {"type": "array", "items": {"type": "string", "minLength": 1}}
        description = infos[name].description
        properties[name] = {**field_schema, **({"description": description} if description else {})}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _records_schema(slot: Slot) -> dict[str, Any]:
    assert slot.model is not None
    record = _record_schema(slot)
    if record_key(slot.model) is None:
        return {"type": "array", "items": record}
    return {"type": "object", "additionalProperties": record}
