"""Editors' YAML tools get the same rules as the build: every data file is tied to its JSON Schema by its
first line and by .vscode/settings.json, every field has a title and a description for autocomplete and
hover, and the schema flags the common mistakes inline (misspelt field, wrong choice, markup in a text)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from macros.content import COLLECTIONS
from macros.content.schema import VSCODE_SETTINGS, render_vscode_settings, schema_for
from support.site import DATA, ROOT

from .editing import EditorLoader


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for owner in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in owner.get("properties", {}).items():
            yield f"{owner.get('title')}.{name}", prop


def test_the_committed_vscode_settings_match_the_models() -> None:
    assert VSCODE_SETTINGS.read_text(encoding="utf-8") == render_vscode_settings(), (
        "run `python -m macros.content.schema` and commit the result"
    )


def test_every_yaml_file_in_data_is_a_checked_collection() -> None:
    assert {p.name for p in DATA.glob("*.yml")} == set(COLLECTIONS)
    assert not list(DATA.glob("*.yaml")), "name data files .yml"


@pytest.mark.parametrize("file_name", sorted(COLLECTIONS))
def test_vscode_maps_each_data_file_to_the_schema_its_first_line_names(file_name: str) -> None:
    """The file validates against that schema: tests/test_data.py, on any data `make check` accepts."""
    mapping = json.loads(VSCODE_SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    (schema_path,) = [schema for schema, target in mapping.items() if target == f"data/{file_name}"]
    first_line = (DATA / file_name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema_path.removeprefix('data/')}"
    assert (ROOT / schema_path).is_file()


@pytest.mark.parametrize("file_name", sorted(COLLECTIONS))
def test_every_field_has_a_title_and_a_description_for_hover_help(file_name: str) -> None:
    missing = [
        name
        for name, prop in _properties(schema_for(file_name))
        if not (prop.get("title") or _described_type(prop)) or not prop.get("description")
    ]
    assert not missing, f"add Field(description=...) in macros/model.py for: {missing}"


def _described_type(prop: dict[str, Any]) -> bool:
    """A field whose type is a record (a $ref) takes its title from that record."""
    return "$ref" in prop or any("$ref" in option for option in prop.get("anyOf", []))


def _errors(file_name: str, change) -> list[str]:
    data = yaml.load((DATA / file_name).read_text(encoding="utf-8"), Loader=EditorLoader)
    change(data)
    validator = jsonschema.Draft202012Validator(schema_for(file_name))
    return [error.message for error in validator.iter_errors(data)]


def test_the_editor_flags_a_misspelt_field_a_wrong_choice_and_markup_while_typing() -> None:
    def misspell(data: list) -> None:
        data[0]["reson"] = data[0].pop("reason")

    def wrong_kind(data: list) -> None:
        data[0]["kind"] = "docter-first"

    def script(data: list) -> None:
        data[0]["plain"] = "You feel hot <script>alert(1)</script>"

    def template(data: list) -> None:
        data[0]["name"] = "Fever {{ 7 * 7 }}"

    assert any("'reson' was unexpected" in e for e in _errors("contraindications.yml", misspell))
    assert any("'docter-first' is not one of" in e for e in _errors("contraindications.yml", wrong_kind))
    assert any("should not be valid" in e for e in _errors("contraindications.yml", script))
    assert any("should not be valid" in e for e in _errors("contraindications.yml", template))
