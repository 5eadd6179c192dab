"""The data is complete, consistent and dated."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.content import COLLECTIONS, Content
from macros.content.schema import SCHEMA_DIR, SCHEMAS, render_schema

from .editing import EditorLoader

# Checks what holds for any data `make check` accepts: run on the project's data and an edited copy.
pytestmark = pytest.mark.live_data


REQUIRED_IDS = {
    "massage_types": {"therapeutic", "relaxation"},
    "techniques": {"effleurage", "friction", "petrissage", "tapotement", "vibration"},
    "contraindications": {
        "severe-spinal-injury",
        "skin-lesions",
        "fungal-infection",
        "infectious-disease",
        "infectious-skin-disease",
        "thrombophlebitis",
        "skin-irritation",
        "high-blood-pressure",
        "heart-failure",
        "cancer",
        "fever",
    },
    "conditions": {"muscle-tension", "reduced-spine-mobility", "radiculitis", "after-injury-or-surgery"},
    "red_flags": {"saddle-numbness", "bladder-bowel-control", "leg-weakness", "major-trauma"},
}


def test_the_data_loads_and_validates(content: Content) -> None:
    assert content.conditions and content.contraindications and content.techniques


@pytest.mark.parametrize("collection", sorted(REQUIRED_IDS))
def test_the_seed_ids_exist(seed_content: Content, collection: str) -> None:
    assert REQUIRED_IDS[collection] <= set(getattr(seed_content, collection))


def test_the_five_seed_stages_are_in_order(seed_content: Content) -> None:
    stages = ["effleurage", "friction", "petrissage", "tapotement", "vibration"]
    assert list(seed_content.techniques) == stages


def test_the_eleven_seed_contraindications_are_there_and_each_has_a_kind(seed_content: Content) -> None:
    assert set(seed_content.contraindications) >= REQUIRED_IDS["contraindications"]
    kinds = {c.kind for c in seed_content.contraindications.values()}
    assert kinds == {"avoid", "doctor-first", "local"}


def test_the_first_seed_conditions_are_described_in_full(seed_content: Content) -> None:
    for cid in REQUIRED_IDS["conditions"]:
        c = seed_content.conditions[cid]
        assert c.feels_like and c.causes and c.how_massage_helps and c.cautions and c.example, cid


def test_every_condition_says_which_massage_type_fits(content: Content) -> None:
    for c in content.conditions.values():
        assert c.massage_type in content.massage_types


def test_every_entry_is_sourced_dated_and_reviewed(content: Content) -> None:
    for collection, entry in content.reviewed_entries():
        assert entry.sources, collection
        assert all(s in content.sources for s in entry.sources)
        assert entry.reviewed_by in content.reviewers
        assert entry.last_reviewed < entry.next_review <= entry.last_reviewed + dt.timedelta(days=3 * 366)


def test_no_seed_entry_was_reviewed_in_the_future(seed_content: Content) -> None:
    assert all(e.last_reviewed <= dt.date.today() for _, e in seed_content.reviewed_entries())


def test_every_seed_source_is_cited(seed_content: Content) -> None:
    cited = {s for _, e in seed_content.reviewed_entries() for s in e.sources}
    assert set(seed_content.sources) <= cited


def test_every_seed_document_is_a_source(seed_content: Content) -> None:
    assert {s.id for s in seed_content.sources.values() if s.kind == "seed"} == {
        "seed-four-conditions",
        "seed-back-massage-page",
    }


@pytest.mark.parametrize("file_name", sorted(SCHEMAS))
def test_the_committed_json_schema_matches_the_models(file_name: str) -> None:
    committed = (SCHEMA_DIR / f"{file_name.removesuffix('.yml')}.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(file_name), (
        "run `python -m macros.content.schema` and commit the result"
    )


@pytest.mark.parametrize("file_name", sorted(COLLECTIONS))
def test_every_data_file_validates_against_the_schema_its_first_line_names(
    file_name: str, data: Path
) -> None:
    text = (data / file_name).read_text(encoding="utf-8")
    match = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
    assert match, f"{file_name} must start with the yaml-language-server schema line"
    schema = json.loads((data / match.group(1)).read_text(encoding="utf-8"))
    jsonschema.validate(
        yaml.load(text, Loader=EditorLoader),
        schema,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
