"""What the second attack pass typed into the data, refused by `make check` at its file, line and field:
invisible and format characters, HTML character codes, ids Windows cannot hold, a site address with a
query or fragment, a glossary word too common to explain, and sizes past their limits. The characters a
language needs (a joiner in Persian, an emoji's colour form, "A&E;") still pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.checks.cross_checks import MAX_QUESTIONS
from macros.checks.yaml_reading import MAX_FILE_BYTES
from macros.content.model import COMMON_WORDS, MAX_SEARCH_TERMS
from macros.pages.search_separator import STOP_WORDS

from .editing import copy_data, run_validate, set_field, yaml_quoted

# Characters that print as nothing (or as a break) and hide a difference between two texts.
INVISIBLE = {
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "tag letter A": "\U000e0041",
    "Hangul filler": "\u3164",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "line separator": "\u2028",
    "byte-order mark": "\ufeff",
    "braille blank": "\u2800",
}
ENTITIES = ("&lt;img src=x onerror=alert(1)&gt;", "&#60;img src=x&#62;", "&#x3c;b&#x3e;", "caf&eacute;")
WINDOWS_NAMES = ("con", "aux", "nul", "com1", "lpt1")


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar with every character outside ASCII as an escape, as a text pasted
    from a web page arrives after a round trip through an editor's tool."""
    return (
        '"'
        + "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else f"\\U{ord(ch):08x}" for ch in value)
        + '"'
    )


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[str]]:
    """One copy of the data with every mistake below in it, checked once: (line of each, the messages)."""
    data = copy_data(tmp_path_factory.mktemp("strict"))
    lines: dict[str, int] = {}
    # Each invisible character in a text of its own.
    targets = [
        ("clinic.yml", "name", None),
        ("clinic.yml", "site_name", None),
        ("clinic.yml", "tagline", None),
        ("clinic.yml", "opening_hours", None),
        ("clinic.yml", "non_emergency_advice", None),
        ("conditions.yml", "name", "muscle-tension"),
        ("conditions.yml", "summary", "muscle-tension"),
        ("visit.yml", "name", "welcome"),
        ("glossary.yml", "plain", "effleurage"),
        ("sources.yml", "title", "nhs-back-pain"),
    ]
    for (what, char), (file, field, entry) in zip(INVISIBLE.items(), targets, strict=True):
        lines[what] = set_field(data / file, field, _double_quoted(f"Clinic{char} words"), entry)
    glossary = data / "glossary.yml"
    for entity, entry in zip(ENTITIES, ("fascia", "sciatica", "ligament", "spasm"), strict=True):
        if f"- id: {entry}\n" in glossary.read_text(encoding="utf-8"):
            lines[entity] = set_field(glossary, "plain", yaml_quoted(f"A word {entity} here."), entry)
    conditions = data / "conditions.yml"
    text = conditions.read_text(encoding="utf-8")
    for name, entry in zip(
        WINDOWS_NAMES, ("radiculitis", "scoliosis", "osteochondrosis", "fatigue", "low-mood"), strict=True
    ):
        if f"- id: {entry}\n" in text:
            lines[name] = set_field(conditions, "id", name, entry)
    lines["capitals"] = set_field(conditions, "id", "Muscle-Tension", "muscle-tension")
    clinic = data / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8") + "website: https://clinic.example/back-massage/?utm=1#top\n",
        encoding="utf-8",
    )
    lines["website"] = len(clinic.read_text(encoding="utf-8").splitlines())
    lines["common word"] = set_field(glossary, "term", "the", "effleurage")
    benefits = data / "benefits.yml"
    first = benefits.read_text(encoding="utf-8").split("- id: ", 2)[1].split("\n", 1)[0]
    many = "[" + ", ".join(f"word{n}" for n in range(MAX_SEARCH_TERMS + 1)) + "]"
    lines["search terms"] = set_field(benefits, "search_terms", many, first)
    risk = data / "risk_factors.yml"
    risk.write_text(risk.read_text(encoding="utf-8") + "#" * (MAX_FILE_BYTES + 1) + "\n", encoding="utf-8")
    status, _, err = run_validate(data)
    assert status == 1
    return lines, err


def _line_for(err: list[str], file: str, line: int) -> str:
    found = [message for message in err if message.startswith(f"data/{file}:{line}: ")]
    assert found, f"no mistake reported at data/{file}:{line}; reported:\n" + "\n".join(err)
    return found[0]


@pytest.mark.parametrize("what", INVISIBLE)
def test_an_invisible_or_format_character_is_refused_at_its_line(refused, what: str) -> None:
    lines, err = refused
    files = ["clinic.yml"] * 5 + ["conditions.yml"] * 2 + ["visit.yml", "glossary.yml", "sources.yml"]
    file = files[list(INVISIBLE).index(what)]
    message = _line_for(err, file, lines[what])
    assert "invisible character" in message and f"U+{ord(INVISIBLE[what]):04X}" in message


@pytest.mark.parametrize("entity", ENTITIES)
def test_an_html_character_code_in_a_text_is_refused(refused, entity: str) -> None:
    lines, err = refused
    if entity not in lines:
        pytest.fail(f"the seed glossary lost the entry this case edits ({entity})")
    message = _line_for(err, "glossary.yml", lines[entity])
    assert "HTML character code" in message


@pytest.mark.parametrize("name", WINDOWS_NAMES)
def test_an_id_windows_keeps_for_a_device_is_refused(refused, name: str) -> None:
    lines, err = refused
    if name not in lines:
        pytest.fail(f"the seed conditions lost the entry this case edits ({name})")
    message = _line_for(err, "conditions.yml", lines[name])
    assert "Windows keeps that name for a device" in message


def test_an_id_that_differs_only_in_capitals_is_refused(refused) -> None:
    lines, err = refused
    assert "lower-case letters" in _line_for(err, "conditions.yml", lines["capitals"])


def test_a_site_address_with_a_query_or_fragment_is_refused(refused) -> None:
    lines, err = refused
    assert "query (?…) or a fragment (#…)" in _line_for(err, "clinic.yml", lines["website"])


def test_a_common_word_cannot_be_a_glossary_word(refused) -> None:
    lines, err = refused
    assert "too common a word" in _line_for(err, "glossary.yml", lines["common word"])


def test_too_many_search_words_are_refused(refused) -> None:
    lines, err = refused
    message = _line_for(err, "benefits.yml", lines["search terms"])
    assert f"lists {MAX_SEARCH_TERMS + 1} items, at most {MAX_SEARCH_TERMS}" in message


def test_a_data_file_past_its_size_limit_is_refused_unread(refused) -> None:
    _, err = refused
    assert "is it the right file?" in _line_for(err, "risk_factors.yml", 1)


def test_the_characters_a_language_needs_pass(tmp_path: Path) -> None:
    """A joiner inside a Persian word, an emoji in its colour form, 'A&E;' (no entity's name), a thin
    no-break space: text, not hidden characters."""
    data = copy_data(tmp_path)
    set_field(
        data / "clinic.yml", "name", _double_quoted("Clinic \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")
    )
    set_field(
        data / "clinic.yml", "tagline", _double_quoted("Back massage \u2764\ufe0f, go to A&E; 10\u202fmin")
    )
    status, _, err = run_validate(data)
    assert status == 0, err


def test_more_questions_than_fit_a_phone_are_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    contraindications = data / "contraindications.yml"
    text = contraindications.read_text(encoding="utf-8")
    _, first, *_ = text.split("\n- id: ")
    entry = first.split("\n", 1)[1]
    copies = "".join(f"\n- id: extra-{n}\n{entry.rstrip()}" for n in range(MAX_QUESTIONS))
    contraindications.write_text(text.rstrip() + copies + "\n", encoding="utf-8")
    status, _, err = run_validate(data)
    assert status == 1
    assert any(f"at most {MAX_QUESTIONS} fit a patient on a phone" in line for line in err), err


def test_the_search_stop_words_are_too_common_for_the_glossary() -> None:
    assert set(STOP_WORDS) <= COMMON_WORDS
