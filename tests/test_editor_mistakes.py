"""The bad-input corpus: every mistake an editor can make in the YAML is reported as one clear line,
file:line: field: message, with a non-zero exit status, no traceback, and the published site/ untouched.

Each case is a small change to a copy of the real data. Lines are found by entry id and field name, so the
cases keep working when entries gain new fields.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.build import publish
from macros.build.validate import EXIT_INTERNAL, EXIT_MISTAKES, EXIT_OK
from support.site import digest

from .editing import (
    copy_data,
    delete_line,
    entry_line,
    field_line,
    read_lines,
    run_validate,
    set_field,
    set_line,
)

C = "data/contraindications.yml"
CONDITIONS = "data/conditions.yml"
CLINIC = "data/clinic.yml"
VISIT = "data/visit.yml"


@dataclass(frozen=True)
class Case:
    name: str
    # Makes the mistake in the data folder and returns the lines the validator must print, in order.
    make: Callable[[Path], list[str]]


def _ci(data: Path) -> Path:
    return data / "contraindications.yml"


def yaml_colon_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", "Fever: a high temperature", "fever")
    return [
        f"{C}:{n}: YAML syntax error: mapping values are not allowed here; a text with ': ' in it must be "
        "in quotes, or check the indentation"
    ]


def yaml_unclosed_bracket(data: Path) -> list[str]:
    n = set_field(_ci(data), "sources", "[seed-back-massage-page", "fever")
    return [f"{C}:{n}: YAML syntax error: a list started with '[' is not closed; end it with ']'"]


def yaml_unclosed_quote(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", '"Fever', "fever")
    return [
        f"{C}:{n}: YAML syntax error: a text started with a quote is not closed; end it with the same quote"
    ]


def yaml_quote_left_open_before_a_quoted_text(data: Path) -> list[str]:
    """The open quote swallows the lines after it up to the next entry's quote; the parser stumbles there,
    but the mistake is reported where the quote opened."""
    n = set_field(_ci(data), "name", '"Fever', "fever")
    set_field(_ci(data), "name", '"Thrombophlebitis"', "thrombophlebitis")
    return [
        f"{C}:{n}: YAML syntax error: a text started with a quote is not closed; end it with the same quote"
    ]


def tab_indentation(data: Path) -> list[str]:
    n = field_line(_ci(data), "kind", "fever")
    set_line(_ci(data), n, "\tkind: avoid")
    return [f"{C}:{n}: a tab character is used here; YAML needs spaces, so replace it with spaces"]


def duplicate_key(data: Path) -> list[str]:
    first = field_line(_ci(data), "kind", "fever")
    lines = read_lines(_ci(data))
    lines.insert(first, "  kind: local\n")
    _ci(data).write_text("".join(lines), encoding="utf-8")
    return [f"{C}:{first + 1}: duplicate key 'kind' (first at line {first}); remove one of them"]


def duplicate_id(data: Path) -> list[str]:
    """An entry copied to make a new one, with its id left unchanged."""
    lines = read_lines(_ci(data))
    first = entry_line(_ci(data), "fever")
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    copy = lines[first - 1 : end]
    kept = "".join(lines).rstrip("\n")
    _ci(data).write_text(kept + "\n\n" + "".join(copy), encoding="utf-8")
    n = len(kept.splitlines()) + 2  # after one empty line
    return [f"{C}:{n}: id: duplicate id 'fever' (first used at line {first})"]


def missing_required_field(data: Path) -> list[str]:
    delete_line(_ci(data), field_line(_ci(data), "reason", "fever"))
    return [
        f"{C}:{entry_line(_ci(data), 'fever')}: reason: required field is missing; add a line 'reason: …'"
    ]


def empty_required_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", '""', "fever")
    return [f"{C}:{n}: plain: must not be empty"]


def text_left_out(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", "", "fever")
    return [
        f"{C}:{n}: plain: has no value; write it after the colon, or remove the line if the field is optional"
    ]


def number_where_text_belongs(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "emergency_number", "112")
    return [f"{CLINIC}:{n}: emergency_number: must be text, not a number 112 (put it in quotes)"]


def yes_where_text_belongs(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", "yes", "fever")
    return [f"{C}:{n}: name: must be text, not yes/no (true/false) True (put it in quotes)"]


def words_where_a_number_belongs(data: Path) -> list[str]:
    n = set_field(data / "visit.yml", "minutes", "ten", "welcome")
    return [f"{VISIT}:{n}: steps.minutes: must be a whole number, not 'ten'"]


def number_out_of_range(data: Path) -> list[str]:
    n = set_field(data / "visit.yml", "minutes", "0", "welcome")
    return [f"{VISIT}:{n}: steps.minutes: must be at least 1, not 0"]


def text_where_a_list_belongs(data: Path) -> list[str]:
    n = set_field(data / "conditions.yml", "techniques", "effleurage", "muscle-tension")
    return [f"{CONDITIONS}:{n}: techniques: must be a list (one '- ' line per item, or [a, b]), not a text"]


def misspelt_field_name(data: Path) -> list[str]:
    n = field_line(_ci(data), "reason", "fever")
    line = read_lines(_ci(data))[n - 1]
    set_line(_ci(data), n, line.replace("reason:", "reson:"))
    return [f"{C}:{n}: reson: unknown field (did you mean 'reason'?); check its spelling"]


def unknown_field(data: Path) -> list[str]:
    n = field_line(_ci(data), "kind", "fever")
    lines = read_lines(_ci(data))
    lines.insert(n, "  colour: red\n")
    _ci(data).write_text("".join(lines), encoding="utf-8")
    return [f"{C}:{n + 1}: colour: unknown field; check its spelling"]


def unknown_choice(data: Path) -> list[str]:
    n = set_field(_ci(data), "kind", "docter-first", "fever")
    return [
        f"{C}:{n}: kind: 'docter-first' is not one of avoid, doctor-first, local "
        "(did you mean 'doctor-first'?)"
    ]


def unknown_tier(data: Path) -> list[str]:
    n = set_field(data / "red_flags.yml", "tier", "emergancy", "saddle-numbness")
    return [
        f"data/red_flags.yml:{n}: tier: 'emergancy' is not one of emergency, urgent "
        "(did you mean 'emergency'?)"
    ]


def unknown_massage_type(data: Path) -> list[str]:
    n = set_field(data / "conditions.yml", "massage_type", "therapeutc", "muscle-tension")
    return [
        f"{CONDITIONS}:{n}: massage_type: unknown massage type 'therapeutc' (did you mean 'therapeutic'?)"
    ]


def unknown_condition_in_a_list(data: Path) -> list[str]:
    n = set_field(_ci(data), "conditions", "[after-injury-or-surgey]", "severe-spinal-injury")
    return [
        f"{C}:{n}: conditions: unknown condition 'after-injury-or-surgey' "
        "(did you mean 'after-injury-or-surgery'?)"
    ]


def unknown_source(data: Path) -> list[str]:
    n = set_field(_ci(data), "sources", "[seed-back-massage]", "fever")
    return [f"{C}:{n}: sources: unknown source 'seed-back-massage' (did you mean 'seed-back-massage-page'?)"]


def unknown_reviewer(data: Path) -> list[str]:
    n = set_field(_ci(data), "reviewed_by", "content-teem", "fever")
    return [f"{C}:{n}: reviewed_by: unknown reviewer 'content-teem' (did you mean 'content-team'?)"]


def unknown_technique_in_the_visit(data: Path) -> list[str]:
    n = set_field(data / "visit.yml", "technique", "efleurage", "effleurage")
    return [f"{VISIT}:{n}: steps.technique: unknown technique 'efleurage' (did you mean 'effleurage'?)"]


def id_in_the_wrong_form(data: Path) -> list[str]:
    n = entry_line(_ci(data), "fever")
    set_line(_ci(data), n, "- id: High_Fever")
    return [
        f"{C}:{n}: id: 'High_Fever' does not have the right form; use lower-case letters and digits, words "
        "joined by hyphens, for example 'muscle-tension'"
    ]


def impossible_date(data: Path) -> list[str]:
    n = set_field(_ci(data), "last_reviewed", "2026-13-01", "fever")
    return [f"{C}:{n}: '2026-13-01' is not a real date (month must be in 1..12); write it as YYYY-MM-DD"]


def date_in_another_format(data: Path) -> list[str]:
    n = set_field(_ci(data), "last_reviewed", "21/11/2026", "fever")
    return [
        f"{C}:{n}: last_reviewed: '21/11/2026' is not a valid date; write it as YYYY-MM-DD, for example "
        "2026-11-21"
    ]


def next_review_before_last_review(data: Path) -> list[str]:
    set_field(_ci(data), "last_reviewed", "2026-11-21", "fever")
    n = set_field(_ci(data), "next_review", "2026-01-10", "fever")
    return [f"{C}:{n}: next_review: 2026-01-10 must be later than last_reviewed (2026-11-21)"]


def next_review_too_far_away(data: Path) -> list[str]:
    set_field(_ci(data), "last_reviewed", "2026-11-21", "fever")
    n = set_field(_ci(data), "next_review", "2035-11-21", "fever")
    return [f"{C}:{n}: next_review: must be at most three years after last_reviewed"]


def not_utf8(data: Path) -> list[str]:
    n = field_line(_ci(data), "plain", "fever")
    lines = read_lines(_ci(data))
    raw = "".join(lines[: n - 1]).encode() + "  plain: You feel feverish, très chaud.\n".encode("cp1252")
    _ci(data).write_bytes(raw + "".join(lines[n:]).encode())
    return [f"{C}:{n}: file is not UTF-8 text; save it again as UTF-8"]


def control_character(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", "You have a high\x07 temperature.", "fever")
    return [
        f"{C}:{n}: the file contains an invisible control character (#x0007) that is not allowed; delete it "
        "(it often comes with text copied from another program)"
    ]


def empty_file(data: Path) -> list[str]:
    _ci(data).write_text("", encoding="utf-8")
    return [f"{C}:1: file is empty; it must hold the data, not only comments"]


def only_comments_left(data: Path) -> list[str]:
    text = _ci(data).read_text(encoding="utf-8")
    _ci(data).write_text("".join(ln for ln in text.splitlines(keepends=True) if ln.startswith("#")), "utf-8")
    return [f"{C}:1: file is empty; it must hold the data, not only comments"]


def missing_file(data: Path) -> list[str]:
    _ci(data).unlink()
    return [f"{C}:1: file is missing; restore it from the repository"]


def a_list_file_turned_into_one_entry(data: Path) -> list[str]:
    text = _ci(data).read_text(encoding="utf-8")
    _ci(data).write_text(
        "# yaml-language-server: $schema=schema/contraindications.schema.json\nid: fever\n", encoding="utf-8"
    )
    del text
    return [f"{C}:2: the file must be a list of entries, each starting with '- id:', not a group of fields"]


def extremely_long_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "reason", "Rest. " * 2000, "fever")
    return [f"{C}:{n}: reason: text is too long (11999 characters; at most 1200); shorten it or split it"]


def html_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", "<b>Fever</b>", "fever")
    return [
        f"{C}:{n}: name: HTML is not allowed in a text ('<b>'); write plain words; the site lays out the "
        "page itself"
    ]


def script_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", "You feel hot. <script>alert('x')</script>", "fever")
    return [
        f"{C}:{n}: plain: HTML is not allowed in a text ('<script>'); write plain words; the site lays out "
        "the page itself"
    ]


def jinja_expression_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", "'You feel hot {{ 7 * 7 }} times.'", "fever")
    return [
        f"{C}:{n}: plain: template code is not allowed in a text ('{{{{'); the site would read it as code; "
        "write plain words, for a clinic detail use the clinic.yml field"
    ]


def jinja_statement_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "reason", "Call us on {% include 'phone.txt' %}.", "fever")
    return [
        f"{C}:{n}: reason: template code is not allowed in a text ('{{%'); the site would read it as code; "
        "write plain words, for a clinic detail use the clinic.yml field"
    ]


def markdown_bold_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "reason", "A fever is **serious**. Wait until you are well.", "fever")
    return [
        f"{C}:{n}: reason: Markdown formatting is not allowed in a text ('**'); write plain words; "
        "headings, bold text and links are added by the site"
    ]


def markdown_link_in_text(data: Path) -> list[str]:
    n = set_field(_ci(data), "reason", "See [the NHS](https://www.nhs.uk/) for more.", "fever")
    return [
        f"{C}:{n}: reason: Markdown formatting is not allowed in a text ('[the NHS](https://www.n…'); "
        "write plain words; headings, bold text and links are added by the site"
    ]


def web_address_without_https(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "booking_url", "www.clinic.example/book")
    return [
        f"{CLINIC}:{n}: booking_url: 'www.clinic.example/book' does not have the right form; write the full "
        "web address, starting with https://"
    ]


def colour_without_quotes(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "primary_colour", "#1f5f8b")
    return [
        f"{CLINIC}:{n}: primary_colour: has no value: a value starting with # is read as a comment, so put "
        "it in quotes"
    ]


def colour_too_light_to_read(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "primary_colour", '"#ffeb3b"')
    return [
        f"{CLINIC}:{n}: primary_colour: '#ffeb3b' is too light: white text on it has contrast 1.2:1, "
        "it needs "
        "at least 4.5:1; choose a darker colour"
    ]


def logo_file_not_found(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "logo", "docs/assets/clinic_logo.svg")
    return [
        f"{CLINIC}:{n}: logo: file 'docs/assets/clinic_logo.svg' not found (did you mean "
        "'docs/assets/clinic-logo.svg'?); put the picture in docs/assets and write its path here"
    ]


def visit_steps_do_not_add_up(data: Path) -> list[str]:
    duration = int(
        read_lines(data / "visit.yml")[field_line(data / "visit.yml", "duration_minutes") - 1].split(":")[1]
    )
    n = set_field(data / "visit.yml", "duration_minutes", str(duration + 5))
    return [
        f"{VISIT}:{n}: duration_minutes: the steps add up to {duration} minutes, not {duration + 5}; "
        "change one of them"
    ]


def text_starting_with_a_star(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", "*Very* hot, with shivers.", "fever")
    return [
        f"{C}:{n}: a value starting with * or & must be in quotes (anchors and aliases are not used in "
        "these files)"
    ]


def text_starting_with_an_exclamation_mark(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", "!Fever", "fever")
    return [
        f"{C}:{n}: YAML syntax error: a value starting with ! is read as a special instruction; put the text "
        "in quotes"
    ]


def an_entry_written_as_plain_text(data: Path) -> list[str]:
    text = _ci(data).read_text(encoding="utf-8")
    _ci(data).write_text(text.rstrip("\n") + "\n\n- sunburn\n", encoding="utf-8")
    n = len(read_lines(_ci(data)))
    return [f"{C}:{n}: each entry must be a group of 'field: value' lines, not a text"]


def worked_case_naming_a_missing_question(data: Path) -> list[str]:
    path = data / "hazard_log.yml"
    lines = read_lines(path)
    n = next(i for i, line in enumerate(lines, start=1) if line.strip() == "answered_yes: [skin-lesions]")
    set_line(path, n, lines[n - 1].replace("[skin-lesions]", "[skin-lesion]"))
    return [
        f"data/hazard_log.yml:{n}: hazards.worked_cases.answered_yes: unknown question 'skin-lesion' "
        "(did you mean 'skin-lesions'?)"
    ]


def missing_self_check_question(data: Path) -> list[str]:
    delete_line(_ci(data), field_line(_ci(data), "question", "heart-failure"))
    return [
        f"{C}:{entry_line(_ci(data), 'heart-failure')}: question: needs a question for the self-check "
        "(or asked_in: the id of a warning sign that asks it)"
    ]


def three_mistakes_in_two_files(data: Path) -> list[str]:
    a = set_field(_ci(data), "kind", "avoidd", "fever")
    b = set_field(_ci(data), "plain", '""', "skin-lesions")
    c = set_field(data / "clinic.yml", "emergency_number", '"one-one-two"')
    return [
        f"{CLINIC}:{c}: emergency_number: 'one-one-two' does not have the right form; write the emergency "
        "number's 2 to 4 digits only, for example '112' or '999'",
        f"{C}:{b}: plain: must not be empty",
        f"{C}:{a}: kind: 'avoidd' is not one of avoid, doctor-first, local (did you mean 'avoid'?)",
    ]


# --- Hidden characters, page names, dates, links and the logo (issue: no script from any data field) ---


def control_character_written_as_an_escape(data: Path) -> list[str]:
    n = set_field(_ci(data), "plain", '"You have a high\\0 temperature."', "fever")
    return [
        f"{C}:{n}: plain: contains an invisible control character (U+0000) that is not allowed; delete it "
        "(in quotes, an escape such as \\0, \\a, \\x07 or \\e writes one)"
    ]


def bell_written_as_a_hex_escape(data: Path) -> list[str]:
    n = set_field(_ci(data), "reason", '"Massage spreads\\x07 heat."', "fever")
    return [
        f"{C}:{n}: reason: contains an invisible control character (U+0007) that is not allowed; delete it "
        "(in quotes, an escape such as \\0, \\a, \\x07 or \\e writes one)"
    ]


def escape_character_in_the_site_name(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "site_name", '"Back massage\\e[31m"')
    return [
        f"{CLINIC}:{n}: site_name: contains an invisible control character (U+001B) that is not allowed; "
        "delete it (in quotes, an escape such as \\0, \\a, \\x07 or \\e writes one)"
    ]


def right_to_left_override_in_a_name(data: Path) -> list[str]:
    n = set_field(_ci(data), "name", "Fever \u202egnihtyreve", "fever")
    return [
        f"{C}:{n}: name: contains an invisible text-direction character (U+202E, right-to-left override), "
        "which can make a text show in another order than it is written; delete it"
    ]


def direction_isolate_written_as_an_escape(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "tagline", '"Clear answers\\u2066 about back massage"')
    return [
        f"{CLINIC}:{n}: tagline: contains an invisible text-direction character (U+2066, left-to-right "
        "isolate), which can make a text show in another order than it is written; delete it"
    ]


def condition_id_that_is_the_name_of_a_page(data: Path) -> list[str]:
    path = data / "conditions.yml"
    lines = read_lines(path)
    start = entry_line(path, "fatigue")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("- id:"))
    copy = lines[start - 1 : end]
    copy[0] = "- id: index\n"
    path.write_text("".join(lines).rstrip("\n") + "\n" + "".join(copy), encoding="utf-8")
    n = next(i for i, line in enumerate(read_lines(path), start=1) if line == "- id: index\n")
    return [
        f"{CONDITIONS}:{n}: id: 'index' is already the name of conditions/index.md on the site; choose "
        "another id for this condition"
    ]


def condition_id_that_is_the_site_search(data: Path) -> list[str]:
    n = entry_line(data / "conditions.yml", "fatigue")
    set_line(data / "conditions.yml", n, "- id: search")
    m = next(i for i, ln in enumerate(read_lines(data / "self_check.yml"), 1) if "[fatigue," in ln)
    set_line(
        data / "self_check.yml", m, read_lines(data / "self_check.yml")[m - 1].replace("fatigue", "search")
    )
    return [
        f"{CONDITIONS}:{n}: id: 'search' is already the name of the site search (search/) on the site; "
        "choose another id for this condition"
    ]


def review_date_in_the_future(data: Path) -> list[str]:
    n = set_field(_ci(data), "last_reviewed", "2099-01-01", "fever")
    set_field(_ci(data), "next_review", "2099-06-01", "fever")
    return [f"{C}:{n}: last_reviewed: 2099-01-01 is in the future; write the date the entry was last checked"]


def self_check_link_to_a_page_that_does_not_exist(data: Path) -> list[str]:
    path = data / "self_check.yml"
    n = next(i for i, ln in enumerate(read_lines(path), 1) if ln.strip() == "page: visit.md")
    set_line(path, n, read_lines(path)[n - 1].replace("visit.md", "vist.md"))
    return [
        f"data/self_check.yml:{n}: tiers.links.page: 'vist.md' is not a page of the site (did you mean "
        "'visit.md'?); write a page's file under docs/, like visit.md"
    ]


def self_check_link_to_a_section_that_does_not_exist(data: Path) -> list[str]:
    path = data / "self_check.yml"
    n = next(
        i for i, ln in enumerate(read_lines(path), 1) if ln.strip() == "page: contraindications.md#avoid"
    )
    set_line(path, n, read_lines(path)[n - 1].replace("#avoid", "#avoid-it"))
    return [
        f"data/self_check.yml:{n}: tiers.links.page: the page contraindications.md has no section "
        "'avoid-it' (did you mean 'avoid'?); link to one of its sections"
    ]


def logo_that_is_not_a_picture(data: Path) -> list[str]:
    (data.parent / "docs" / "assets" / "logo.png").write_text("<html>not a picture</html>", encoding="utf-8")
    set_field(data / "clinic.yml", "logo", "docs/assets/logo.png")
    return [
        "docs/assets/logo.png:1: is named .png but its content is not a picture of any kind the site can "
        "show; save it again as a PNG file"
    ]


def logo_svg_with_a_script(data: Path) -> list[str]:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>'
    (data.parent / "docs" / "assets" / "logo.svg").write_text(svg, encoding="utf-8")
    set_field(data / "clinic.yml", "logo", "docs/assets/logo.svg")
    return [
        "docs/assets/logo.svg:1: holds a <script> element, which can run script (line 1); save it again as "
        "a plain SVG without it"
    ]


def logo_svg_with_an_event_handler(data: Path) -> list[str]:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
    (data.parent / "docs" / "assets" / "logo.svg").write_text(svg, encoding="utf-8")
    set_field(data / "clinic.yml", "logo", "docs/assets/logo.svg")
    return [
        "docs/assets/logo.svg:1: holds an event attribute (onload=…), which runs script (line 1); save it "
        "again as a plain SVG without it"
    ]


def logo_outside_the_docs_folder(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "logo", "docs/../data/secret.svg")
    return [
        f"{CLINIC}:{n}: logo: 'docs/../data/secret.svg' is not inside docs/; put the picture in docs/assets"
    ]


def email_address_without_a_domain(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "email", "reception@clinic")
    return [
        f"{CLINIC}:{n}: email: 'reception@clinic' is not an email address (the part after the @-sign is not "
        "valid; it should have a period); write one such as reception@clinic.example"
    ]


def email_address_with_markup(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "email", "'\"><svg onload=alert(1)>\"@clinic.example'")
    return [
        f"{CLINIC}:{n}: email: '\"><svg onload=alert(1)>\"@clinic.example' is not an email address (quoting "
        "the part before the @-sign is not allowed here); write one such as reception@clinic.example"
    ]


def phone_number_without_digits(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "phone", '"(--)"')
    return [
        f"{CLINIC}:{n}: phone: '(--)' is not a phone number: it needs at least 3 digits; write the number "
        "patients call"
    ]


def web_address_that_breaks_out_of_its_attribute(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "booking_url", "\"https://clinic.example/book'onmouseover='alert(1)\"")
    return [
        f"{CLINIC}:{n}: booking_url: \"https://clinic.example/book'onmouseover='alert(1)\" is not a web "
        'address: it holds the character "\'"; write it without, or copy the address again'
    ]


def web_address_with_a_password(data: Path) -> list[str]:
    n = set_field(data / "sources.yml", "url", "https://user:secret@www.nhs.uk/conditions/back-pain/",
                  "nhs-back-pain")  # fmt: skip
    return [
        f"data/sources.yml:{n}: url: 'https://user:secret@www.nhs.uk/conditions/back-pain/' holds a user "
        "name or password; leave them out of the address"
    ]


def javascript_address(data: Path) -> list[str]:
    n = set_field(data / "clinic.yml", "booking_url", "javascript:alert(document.domain)")
    return [
        f"{CLINIC}:{n}: booking_url: 'javascript:alert(document.domain)' does not have the right form; write "
        "the full web address, starting with https://"
    ]


def id_that_is_already_a_section_of_its_page(data: Path) -> list[str]:
    n = entry_line(data / "visit.yml", "what-to-wear")
    set_line(
        data / "visit.yml", n, read_lines(data / "visit.yml")[n - 1].replace("what-to-wear", "what-happens")
    )
    return [
        f"{VISIT}:{n}: questions.id: 'what-happens' is also the anchor of another section on visit.md; "
        "choose another id"
    ]


CASES = [
    Case(f.__name__, f)
    for f in (
        yaml_colon_in_text,
        yaml_unclosed_bracket,
        yaml_quote_left_open_before_a_quoted_text,
        yaml_unclosed_quote,
        tab_indentation,
        duplicate_key,
        duplicate_id,
        missing_required_field,
        empty_required_text,
        text_left_out,
        number_where_text_belongs,
        yes_where_text_belongs,
        words_where_a_number_belongs,
        number_out_of_range,
        text_where_a_list_belongs,
        misspelt_field_name,
        unknown_field,
        unknown_choice,
        unknown_tier,
        unknown_massage_type,
        unknown_condition_in_a_list,
        unknown_source,
        unknown_reviewer,
        unknown_technique_in_the_visit,
        id_in_the_wrong_form,
        impossible_date,
        date_in_another_format,
        next_review_before_last_review,
        next_review_too_far_away,
        not_utf8,
        control_character,
        empty_file,
        only_comments_left,
        missing_file,
        a_list_file_turned_into_one_entry,
        extremely_long_text,
        html_in_text,
        script_in_text,
        jinja_expression_in_text,
        jinja_statement_in_text,
        markdown_bold_in_text,
        markdown_link_in_text,
        web_address_without_https,
        colour_without_quotes,
        colour_too_light_to_read,
        logo_file_not_found,
        visit_steps_do_not_add_up,
        text_starting_with_a_star,
        text_starting_with_an_exclamation_mark,
        an_entry_written_as_plain_text,
        worked_case_naming_a_missing_question,
        missing_self_check_question,
        three_mistakes_in_two_files,
        control_character_written_as_an_escape,
        bell_written_as_a_hex_escape,
        escape_character_in_the_site_name,
        right_to_left_override_in_a_name,
        direction_isolate_written_as_an_escape,
        condition_id_that_is_the_name_of_a_page,
        condition_id_that_is_the_site_search,
        review_date_in_the_future,
        self_check_link_to_a_page_that_does_not_exist,
        self_check_link_to_a_section_that_does_not_exist,
        logo_that_is_not_a_picture,
        logo_svg_with_a_script,
        logo_svg_with_an_event_handler,
        logo_outside_the_docs_folder,
        email_address_without_a_domain,
        email_address_with_markup,
        phone_number_without_digits,
        web_address_that_breaks_out_of_its_attribute,
        web_address_with_a_password,
        javascript_address,
        id_that_is_already_a_section_of_its_page,
    )
]


def test_the_corpus_has_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


def test_the_real_data_passes(tmp_path: Path) -> None:
    status, out, err = run_validate(copy_data(tmp_path))
    assert (status, err) == (EXIT_OK, [])
    assert out[0].startswith("data/ is correct")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_is_one_clear_line_and_the_published_site_stays(tmp_path: Path, case: Case) -> None:
    data = copy_data(tmp_path)
    expected = case.make(data)
    status, out, err = run_validate(data)
    assert status == EXIT_MISTAKES
    assert err[:-1] == expected
    assert err[-1].startswith(f"{len(expected)} mistake")
    assert out == []

    # The same mistake through the build command: it stops before touching the site that is live.
    site = tmp_path / "site"
    (site / "conditions").mkdir(parents=True)
    (site / "index.html").write_text("<p>the site that is live</p>", encoding="utf-8")
    (site / "conditions" / "index.html").write_text("<p>conditions</p>", encoding="utf-8")
    before = digest(site)
    assert publish.build(tmp_path, site, err=io.StringIO()) == EXIT_MISTAKES
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "docs", "mkdocs.yml", "site"]


@pytest.mark.parametrize(
    "case", [yaml_unclosed_bracket, not_utf8, missing_file, script_in_text, a_list_file_turned_into_one_entry]
)
def test_the_console_command_prints_the_lines_and_no_traceback(tmp_path: Path, case: Callable) -> None:
    data = copy_data(tmp_path)
    expected = case(data)
    command = Path(sys.executable).with_name("massage-site-validate")
    result = subprocess.run(
        [str(command)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == EXIT_MISTAKES
    assert result.stderr.splitlines()[:-1] == expected
    assert "Traceback" not in result.stderr + result.stdout


def test_a_failure_of_the_checker_itself_is_one_line_exit_3_and_not_blamed_on_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import macros.build.validate

    def broken(data_dir: Path, **options: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(macros.build.validate, "checked_content", broken)
    status, _, err = run_validate(copy_data(tmp_path))
    assert status == EXIT_INTERNAL
    assert err == [
        "data: the checker itself failed (RuntimeError: simulated bug). This is not your mistake: please "
        "report it to the site's developers."
    ]


def test_removing_an_entry_others_name_suggests_no_other_entry_that_merely_looks_alike(
    tmp_path: Path,
) -> None:
    """An editor removes the bronchitis page: the entry that still names it is reported, with no "did you
    mean 'bronchial-asthma'?", which would be wrong medical advice; a slip of a letter is still caught."""
    data = copy_data(tmp_path)
    conditions = data / "conditions.yml"
    lines = conditions.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "- id: bronchitis")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("- id: "))
    conditions.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    status, _, err = run_validate(data)
    assert status == 1
    named = [line for line in err if "unknown condition 'bronchitis'" in line]
    assert named and not any("did you mean" in line for line in named), err
    data = copy_data(tmp_path / "slip")
    set_field(data / "conditions.yml", "massage_type", "therapeutc", "muscle-tension")
    _, _, err = run_validate(data)
    assert any("(did you mean 'therapeutic'?)" in line for line in err), err
