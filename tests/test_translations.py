"""A language beside English is data: locales/<code>/ holds its language.yml and the data files' words,
keyed by entry id. The check names the language's file, the line, the id and the field of every text left
untranslated (and the line of data/ to translate), every id no entry has, every field that is not words and
every list with an item left out; a translation changes words only, never what the self-check decides."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import TypeAdapter

from macros.build.languages import nav_labels
from macros.build.project import read_config
from macros.build.validate import validate
from macros.checks.load import load_content
from macros.checks.review_dates import WARN_BEFORE, review_warnings
from macros.checks.translations import TRANSLATED_FILES, translated_contents
from macros.content import COLLECTIONS, Content
from macros.content import self_check as rules
from macros.content.schema import SCHEMA_DIR
from macros.content.translation import words_of
from macros.pages import registry, structured_data
from macros.pages.footers import review_note
from support.site import ROOT, SEED_LOCALES

from .editing import read_lines, run_validate

LANGUAGE = {
    "code": "ru",
    "unreviewed": "Перевод ещё не проверен.",
    "english_name": "Russian",
    "locale": "ru_RU",
    "months": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "date": "{day} {month} {year} г.",
}


def pseudo(text: str) -> str:
    """Words that are visibly not data/'s own (Cyrillic а, е, о for Latin ones), every {placeholder} kept."""
    parts = re.split(r"(\{[a-z_]+\})", text)
    return "".join(p if p.startswith("{") else p.translate(str.maketrans("aeo", "аео")) for p in parts)


def _translated(value: object) -> object:
    if isinstance(value, str):
        return pseudo(value)
    if isinstance(value, list):
        return [_translated(v) for v in value]
    if isinstance(value, dict):
        return {k: _translated(v) for k, v in value.items()}
    return value


def only_words_differ(translated: object, own: object) -> bool:
    """The same structure, ids and values, but for texts that are the translation of their own."""
    if isinstance(own, str) and isinstance(translated, str):
        return translated in (own, pseudo(own))
    if isinstance(own, dict) and isinstance(translated, dict):
        return own.keys() == translated.keys() and all(only_words_differ(translated[k], own[k]) for k in own)
    if isinstance(own, list) and isinstance(translated, list):
        return len(own) == len(translated) and all(map(only_words_differ, translated, own))
    return translated == own


def write_language(project: Path, content: Content, code: str = "ru") -> Path:
    """A whole translation of the project's words into `code` (its pages as in docs/), listed in clinic.yml;
    returns its folder."""
    folder = project / "locales" / code
    folder.mkdir(parents=True)
    (folder / "language.yml").write_text(
        yaml.safe_dump({**LANGUAGE, "code": code}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for name in TRANSLATED_FILES:
        own = getattr(content, name.removesuffix(".yml"))
        value = list(own.values()) if isinstance(own, dict) else own
        words = words_of(
            COLLECTIONS[name], TypeAdapter(COLLECTIONS[name]).dump_python(value, mode="python", by_alias=True)
        )
        (folder / name).write_text(
            yaml.safe_dump(_translated(words), allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
    shutil.copytree(
        project / "docs",
        folder / "docs",
        ignore=lambda _, names: [n for n in names if "." in n and not n.endswith(".md")],
    )
    labels = nav_labels(read_config(project).get("nav") or [])
    (folder / "nav.yml").write_text(
        yaml.safe_dump({label: pseudo(label) for label in labels}, allow_unicode=True), encoding="utf-8"
    )
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + f"translations: [{code}]\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, seed_content: Content) -> Path:
    from .editing import copy_data

    copy_data(tmp_path)
    write_language(tmp_path, seed_content)
    return tmp_path


def _problems(project: Path) -> list[str]:
    status, _, errors = run_validate(project / "data")
    assert status == 1
    return errors[:-1]  # the last line counts them


def _line(path: Path, pattern: str) -> int:
    return next(i for i, line in enumerate(read_lines(path), start=1) if re.search(pattern, line))


def test_a_whole_translation_changes_the_words_and_nothing_the_self_check_decides(project: Path) -> None:
    english = load_content(project / "data")
    russian = translated_contents(project / "data", english)["ru"]
    assert russian.language is not None and russian.language.english_name == "Russian"
    radiculitis = russian.conditions["radiculitis"]
    assert (
        radiculitis.summary
        == pseudo(english.conditions["radiculitis"].summary)
        != english.conditions["radiculitis"].summary
    )
    assert radiculitis.techniques == english.conditions["radiculitis"].techniques
    assert russian.self_check.tiers[0].headline == pseudo(english.self_check.tiers[0].headline)
    assert russian.site_texts.care_card.title == pseudo(english.site_texts.care_card.title)
    # What decides: the same rules whatever the language; only their words differ.
    assert only_words_differ(rules.rules(russian), rules.rules(english))
    assert [q.id for q in rules.questions(russian)] == [q.id for q in rules.questions(english)]
    # Names, notes for reviewers and numbers stay as data/ has them.
    assert russian.clinic.name == english.clinic.name
    assert russian.clinic.emergency_number == english.clinic.emergency_number
    assert [(s.id, s.title, s.url) for s in russian.sources.values()] == [
        (s.id, s.title, s.url) for s in english.sources.values()
    ]
    assert russian.hazard_log.hazards == english.hazard_log.hazards
    assert run_validate(project / "data")[0] == 0


def test_an_untranslated_text_names_the_file_line_id_and_field_and_the_line_of_data_to_translate(
    project: Path,
) -> None:
    conditions = project / "locales" / "ru" / "conditions.yml"
    text = conditions.read_text(encoding="utf-8")
    start = text.index("radiculitis:\n")
    summary = re.compile(r"  summary: .*\n(    .*\n)*").search(text, start)
    assert summary
    conditions.write_text(text[: summary.start()] + text[summary.end() :], encoding="utf-8")
    english_line = _line(project / "data" / "conditions.yml", r"^- id: radiculitis")
    english_line = english_line + next(
        i
        for i, line in enumerate(read_lines(project / "data" / "conditions.yml")[english_line - 1 :])
        if line.startswith("  summary:")
    )
    assert _problems(project) == [
        f"locales/ru/conditions.yml:{_line(conditions, '^radiculitis:')}: radiculitis.summary: no Russian "
        f"words; translate data/conditions.yml:{english_line}"
    ]


def test_an_entry_no_one_translated_is_named_once(project: Path) -> None:
    glossary = project / "locales" / "ru" / "glossary.yml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    first = next(iter(data))
    del data[first]
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (problem,) = _problems(project)
    assert problem.startswith(
        f"locales/ru/glossary.yml:1: {first}: no Russian words; translate data/glossary.yml:"
    )


def test_an_id_no_entry_has_a_field_that_is_not_words_and_a_misspelt_field_are_each_one_line(
    project: Path,
) -> None:
    conditions = project / "locales" / "ru" / "conditions.yml"
    text = conditions.read_text(encoding="utf-8")
    text = text.replace("radiculitis:\n", "radiculitus:\n", 1)
    text = text.replace("muscle-tension:\n", "muscle-tension:\n  massage_type: therapeutic\n  sumary: x\n", 1)
    conditions.write_text(text, encoding="utf-8")
    problems = _problems(project)
    at = _line(conditions, "^radiculitus:")
    assert (
        f"locales/ru/conditions.yml:{at}: radiculitus: no entry of data/ has this id "
        "(did you mean 'radiculitis'?)" in problems
    )
    assert any(
        p.startswith("locales/ru/conditions.yml:") and ": radiculitis: no Russian words" in p
        for p in problems
    )
    assert (
        "locales/ru/conditions.yml:2: muscle-tension.massage_type: is not words to translate: it stays as "
        "data/ has it; take this line out" in problems
    )
    assert any(
        p.startswith(
            "locales/ru/conditions.yml:3: muscle-tension.sumary: is not a field of this entry "
            "(did you mean 'summary'?)"
        )
        for p in problems
    )


def test_a_list_of_cautions_with_one_left_out_is_refused(project: Path) -> None:
    conditions = project / "locales" / "ru" / "conditions.yml"
    data = yaml.safe_load(conditions.read_text(encoding="utf-8"))
    entry = next(k for k, v in data.items() if len(v.get("cautions", [])) >= 2)
    data[entry]["cautions"] = data[entry]["cautions"][1:]
    conditions.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (problem,) = _problems(project)
    assert re.fullmatch(
        rf"locales/ru/conditions.yml:\d+: {entry}.cautions: has \d+ items? where data/ has \d+: "
        "translate each "
        "one, none left out or added",
        problem,
    ), problem


def test_translated_words_keep_the_field_rules_at_their_own_line(project: Path) -> None:
    texts = project / "locales" / "ru" / "site_texts.yml"
    text = texts.read_text(encoding="utf-8")
    line = _line(texts, r"^  line: .*\{emergency_number\}")
    lines = text.splitlines(keepends=True)
    lines[line - 1] = "  line: Позвоните <b>сейчас</b>\n"
    texts.write_text("".join(lines), encoding="utf-8")
    problems = _problems(project)
    assert any(p.startswith(f"locales/ru/site_texts.yml:{line}: care_card.line: ") for p in problems), (
        problems
    )


def test_a_language_without_its_folder_or_with_a_wrong_code_or_reviewer_is_refused(project: Path) -> None:
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("translations: [ru]", "translations: [ru, uk]")
    )
    language = project / "locales" / "ru" / "language.yml"
    language.write_text(
        language.read_text(encoding="utf-8").replace("code: ru", "code: rs") + "reviewed_by: dr-smyth\n",
        encoding="utf-8",
    )
    problems = _problems(project)
    at = _line(clinic, "^translations:")
    assert (
        f"data/clinic.yml:{at}: translations: 'uk' has no folder locales/uk/ with its language.yml "
        "(there are: ru)" in problems
    )
    assert "locales/ru/language.yml:1: code: must be 'ru', the name of its folder" in problems
    assert any(
        p.startswith("locales/ru/language.yml:")
        and "reviewed_by: 'dr-smyth' is not a reviewer in clinic.yml" in p
        for p in problems
    )


def test_a_missing_file_and_a_file_that_is_not_to_translate_are_each_one_line(project: Path) -> None:
    folder = project / "locales" / "ru"
    (folder / "visit.yml").unlink()
    shutil.copy2(project / "data" / "sources.yml", folder / "prices.yml")
    problems = _problems(project)
    assert "locales/ru/visit.yml:1: file is missing; restore it from the repository" in problems
    assert "locales/ru/prices.yml:1: there is no data/prices.yml; remove this file" in problems


def test_a_language_the_clinic_does_not_list_is_not_checked(project: Path) -> None:
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("translations: [ru]\n", ""))
    (project / "locales" / "ru" / "visit.yml").unlink()
    assert run_validate(project / "data")[0] == 0


def test_each_page_and_navigation_label_of_a_language_is_checked(project: Path) -> None:
    folder = project / "locales" / "ru"
    (folder / "docs" / "visit.md").unlink()
    (folder / "docs" / "prices.md").write_text("# Цены\n", encoding="utf-8")
    glossary = folder / "docs" / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    nav = folder / "nav.yml"
    labels = yaml.safe_load(nav.read_text(encoding="utf-8"))
    del labels["Glossary"]
    labels["Prices"] = "Цены"
    nav.write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    problems = _problems(project)
    assert "locales/ru/docs/visit.md:1: is missing: write the Russian page of docs/visit.md" in problems
    assert "locales/ru/docs/prices.md:1: docs/prices.md does not exist: remove this page" in problems
    assert any(p.startswith("locales/ru/docs/glossary.md:") and "script" in p for p in problems), problems
    assert "locales/ru/nav.yml:1: Glossary: no Russian label for the navigation's 'Glossary'" in problems
    assert any(
        p.startswith("locales/ru/nav.yml:") and "Prices: is not a label of mkdocs.yml nav" in p
        for p in problems
    )


def test_the_check_warns_at_a_russian_entry_that_reads_below_60_at_its_line(project: Path) -> None:
    benefits = project / "locales" / "ru" / "benefits.yml"
    data = yaml.safe_load(benefits.read_text(encoding="utf-8"))
    first = next(iter(data))
    data[first]["summary"] = (
        "Дегенеративно-дистрофические изменения межпозвоночных дисков сопровождаются выраженным "
        "болевым синдромом и ограничением функциональной активности позвоночно-двигательного сегмента."
    )
    benefits.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, out, _ = run_validate(project / "data")
    assert status == 0
    warnings = [line for line in out if line.startswith("warning: locales/ru/")]
    assert len(warnings) == 1 and warnings[0].startswith(
        f"warning: locales/ru/benefits.yml:1: {first}: this entry reads at "
    ), warnings
    assert "below 60: use shorter sentences and shorter, everyday words" in warnings[0]


def test_a_language_gives_its_own_word_forms_and_search_words_where_english_has_none(project: Path) -> None:
    english = load_content(project / "data")
    term = next(t for t in english.glossary.values() if not t.other_forms)
    glossary = project / "locales" / "ru" / "glossary.yml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    data[term.id]["other_forms"] = ["радикулита", "радикулитом"]  # Russian changes a word's ending
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    russian = load_content(project / "data").translations["ru"]
    assert russian.glossary[term.id].other_forms == ["радикулита", "радикулитом"]


def test_a_reviewed_translation_needs_the_dates_of_its_review(project: Path) -> None:
    language = project / "locales" / "ru" / "language.yml"
    language.write_text(
        language.read_text(encoding="utf-8") + "reviewed_by: content-team\nnext_review: 2027-06-01\n",
        encoding="utf-8",
    )
    at = _line(language, "^reviewed_by:")
    assert _problems(project) == [
        f"locales/ru/language.yml:{at}: last_reviewed: the review's date is missing: add last_reviewed:"
    ]
    language.write_text(language.read_text(encoding="utf-8") + "last_reviewed: 2026-12-01\n")
    assert run_validate(project / "data")[0] == 0
    # Its dates follow an entry's rules (macros/checks/cross_checks.py review_date_mistakes).
    good = language.read_text(encoding="utf-8")
    for last, due, field, message in (
        (
            "2099-01-01",
            "2099-06-01",
            "last_reviewed",
            "2099-01-01 is in the future; write the date the translation was last checked",
        ),
        (
            "2026-12-01",
            "2026-11-01",
            "next_review",
            "2026-11-01 must be later than last_reviewed (2026-12-01)",
        ),
        ("2023-01-01", "2027-06-01", "next_review", "must be at most three years after last_reviewed"),
    ):
        dated = good.replace("last_reviewed: 2026-12-01", f"last_reviewed: {last}")
        language.write_text(dated.replace("next_review: 2027-06-01", f"next_review: {due}"), encoding="utf-8")
        at = _line(language, f"^{field}:")
        assert _problems(project) == [f"locales/ru/language.yml:{at}: {field}: {message}"], (last, due)


def test_a_translation_due_for_review_warns_at_its_line_and_dates_its_pages_for_machines(
    project: Path,
) -> None:
    """A translation's own review works as an entry's does: `make check` warns at its `next_review` line from
    60 days before and once it has passed, the build names it, and the date a search engine reads of each
    of its pages (sitemap, structured data) is the earlier of the texts' review and the translation's."""
    # Dated from the frozen seed data, not from the calendar: the translation was checked the day before
    # the earliest of its texts, and is due a year later; "today" is a month after that.
    english = load_content(project / "data")
    checked = min(entry.last_reviewed for _, entry in english.reviewed_entries()) - dt.timedelta(days=1)
    due = checked + dt.timedelta(days=365)
    today = due + dt.timedelta(days=30)
    language = project / "locales" / "ru" / "language.yml"
    language.write_text(
        language.read_text(encoding="utf-8")
        + f"reviewed_by: content-team\nlast_reviewed: {checked}\nnext_review: {due}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert validate(project / "data", out, io.StringIO(), today=today) == 0
    at = _line(language, "^next_review:")
    said = [line for line in out.getvalue().splitlines() if line.startswith("warning: locales/")]
    assert said == [
        f"warning: locales/ru/language.yml:{at}: next_review: the review was due on {due} and is overdue; "
        "the pages in ru tell patients so. Have a clinician who reads the language check the translation "
        "against the English texts, then set last_reviewed to that day and next_review to the next"
    ]
    english = load_content(project / "data")  # now with the translation's review
    assert f"translation ru: next review was due {due:%Y-%m-%d}" in registry.overdue_reviews(english, today)
    soon = [
        w
        for w in review_warnings(project / "data", english, due - WARN_BEFORE)
        if w.file.startswith("locales/")
    ]
    assert len(soon) == 1 and f"in {WARN_BEFORE.days} days" in soon[0].message
    assert not [
        w
        for w in review_warnings(project / "data", english, due - WARN_BEFORE - dt.timedelta(days=1))
        if w.file.startswith("locales/")
    ]

    russian = english.translations["ru"]
    for page in ("visit.md", "conditions/radiculitis.md", "self-check.md"):
        assert registry.last_reviewed(russian, page) > checked  # the texts were checked later
        assert registry.page_reviewed(russian, page) == checked
        assert registry.page_reviewed(english, page) == registry.last_reviewed(english, page)
        data = structured_data.web_page(russian, page, title="t", description=None)
        assert data["lastReviewed"] == checked.isoformat()
        assert russian.reviewers["content-team"].name in [r["name"] for r in data["reviewedBy"]]


def test_a_page_in_a_language_says_who_checked_its_translation_and_when_or_that_nobody_has(
    project: Path,
) -> None:
    english = load_content(project / "data")
    russian = translated_contents(project / "data", english)["ru"]
    entries = [english.conditions["radiculitis"]]
    assert "translation" not in review_note(english, entries).lower()
    note = review_note(russian, entries)
    assert note.count('class="review-note"') == 2
    assert html.escape(russian.site_texts.review.translation_unreviewed, quote=False) in note
    assert russian.language is not None
    reviewed = replace(
        russian,
        language=russian.language.model_copy(
            update={
                "reviewed_by": "content-team",
                "last_reviewed": dt.date(2026, 3, 2),
                "next_review": dt.date(2026, 9, 1),  # due before the texts it translates, and passed
            }
        ),
    )
    note = review_note(reviewed, entries)
    assert russian.site_texts.review.translation_unreviewed not in note
    assert "2 марта 2026 г." in note and "1 сентября 2026 г." in note
    assert html.escape(reviewed.reviewers["content-team"].name, quote=False) in note
    assert "г.." not in note, "a date ending in a full stop ends the sentence with it"
    assert 'class="review-overdue"' in note  # the translation's check is overdue, so the page is
    assert "1 сентября 2026 г." in note.split('class="review-note"')[0]


@pytest.mark.parametrize("folder", [ROOT / "locales", SEED_LOCALES], ids=["project", "frozen"])
def test_every_translation_file_names_its_schema_on_its_first_line_and_meets_it(folder: Path) -> None:
    """Editors' YAML tools read the schema a file's first line names: autocomplete for the word fields of
    each entry, and an unknown field marked as they type (data/schema/translation-*.schema.json)."""
    files = [f for f in sorted(folder.glob("*/*.yml")) if f.name != "nav.yml"]
    assert len(files) >= len(TRANSLATED_FILES) + 1
    for file in files:
        text = file.read_text(encoding="utf-8")
        match = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
        assert match, f"{file.name} must start with the yaml-language-server schema line"
        # As the file lies in a project (the frozen copy is copied to locales/ with the project's data/).
        place = ROOT / "locales" / file.parent.name / match.group(1)
        schema = json.loads(place.resolve().read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(text), schema)


def test_a_translation_schema_refuses_a_field_that_holds_no_words_and_a_list_that_is_not_texts() -> None:
    schema = json.loads((SCHEMA_DIR / "translation-conditions.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({"radiculitis": {"name": "Радикулит", "cautions": ["Осторожно."]}}, schema)
    for wrong in ({"massage_type": "therapeutic"}, {"cautions": "Осторожно."}, {"nmae": "Радикулит"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"radiculitis": wrong}, schema)
