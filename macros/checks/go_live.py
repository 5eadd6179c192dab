"""Draft until go-live: the site is a draft while data/clinic.yml keeps the example clinic's details (in
any field, the phone in any formatting), names help lines of another country than the clinic's, does not
say the site's address (`website:`), no
reviewer is a named clinician, or a clinician has not reviewed each text a patient's safety rests on (the
self-check, its hazard log, every contraindication and every warning sign: `reviewed_by` names them), or
a seed source the pages still cite (another clinic's own service pages) has no clinician's `confirmed_by`.
A draft shows a notice on every page (overrides/main.html) and `massage-site-validate --go-live`, which the
publish workflow runs before it deploys, refuses it."""

from __future__ import annotations

import re
from pathlib import Path

from ..content import Content, countries, model
from ..content.languages import Language
from ..content.problems import Problem
from .data_lines import line_of
from .source_use import cited_sources

# The example clinic's details are made up on purpose from reserved values: the word "Example", the
# domains reserved for examples (RFC 2606: clinic.example, example.com). "For example" in a text is not one.
_EXAMPLE = re.compile(r"(?<!for )\bexample\b", re.IGNORECASE)
# The example's phone, 020 7946 0xxx (UK numbers Ofcom keeps for drama), as a national number's digits after
# 0 or +44 and before the last three.
_EXAMPLE_PHONE = "2079460"
CONTACT_FIELDS = ("name", "address", "phone", "email", "booking_url", "website")


def is_example_number(phone: str) -> bool:
    """The example's phone however it is written: 020 7946 0000, +442079460000, +44-20-7946-0000."""
    digits = countries.digits(phone).removeprefix("00")  # 0044 is +44 dialled from abroad
    national = digits[2:] if digits.startswith("44") else digits.removeprefix("0")
    return len(national) == 10 and national.startswith(_EXAMPLE_PHONE)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def example_fields(clinic: model.Clinic) -> list[str]:
    """The clinic's fields that still hold the shipped example's values: the contact details first, then
    any other field that says "Example" (the site's name, a reviewer's name)."""
    data = clinic.model_dump()
    names = [*CONTACT_FIELDS, *(name for name in data if name not in CONTACT_FIELDS)]
    found = []
    for name in names:
        texts = _texts(data.get(name))
        numbers = [data.get(name)] if name == "phone" else []
        if any(_EXAMPLE.search(t) for t in texts) or any(is_example_number(str(n)) for n in numbers if n):
            found.append(name)
    return found


def foreign_help_lines(clinic: model.Clinic) -> list[str]:
    """What in the clinic's help lines belongs to another country than its own: a number that is another
    country's and not this one's (the shipped UK's 111 for a clinic in Germany), or the NHS outside the UK.
    A country the check does not know is not judged (`make check` warns about it)."""
    country = countries.COUNTRIES.get(clinic.country_code)
    if country is None:
        return []
    own = {*country.emergency, *country.urgent}
    others = {n for code, c in countries.COUNTRIES.items() if code != clinic.country_code for n in c.urgent}
    lines = [
        ("emergency_number", "", clinic.emergency_number),
        ("non_emergency_number", clinic.non_emergency_name, clinic.non_emergency_number),
        *(("crisis_lines", line.name, line.number) for line in clinic.crisis_lines),
    ]
    found = []
    for field, name, number in lines:
        digits = countries.digits(number)
        if field == "emergency_number" and digits not in country.emergency:
            found.append(f"{number} is not an emergency number of {country.name}")
        elif digits in others and digits not in own:
            found.append(f"{name or number} ({number}) is a help line of another country than {country.name}")
        elif re.search(r"\bNHS\b", name) and clinic.country_code != "GB":
            found.append(f"{name} is the UK's health service, not {country.name}'s")
    if country.urgent and countries.digits(clinic.non_emergency_number) not in country.urgent:
        message = f"the urgent help line of {country.name} is {' or '.join(country.urgent)}"
        if message not in found:
            found.append(message)
    return found


def has_clinician(clinic: model.Clinic) -> bool:
    return any(r.clinician for r in clinic.reviewers)


def clinically_reviewed(content: Content, entry: model.Reviewed) -> bool:
    """A text counts as clinically reviewed only when its own reviewed_by names a clinician: a clinician
    listed among the reviewers says nothing about the texts someone else checked."""
    reviewer = content.reviewers.get(entry.reviewed_by)
    return reviewer is not None and reviewer.clinician


def unreviewed_safety_case(content: Content) -> list[str]:
    """The texts a patient's safety rests on that go-live needs a clinician to have reviewed, but no
    clinician has: the self-check (its questions and results), its hazard log, every contraindication and
    every warning sign. Each as its file, with how many of its entries wait."""
    whole: dict[str, list[model.Reviewed]] = {
        "self_check.yml": [content.self_check],
        "hazard_log.yml": [content.hazard_log],
        "contraindications.yml": list(content.contraindications.values()),
        "red_flags.yml": list(content.red_flags.values()),
    }
    found = []
    for name, entries in whole.items():
        waiting = [e for e in entries if not clinically_reviewed(content, e)]
        if waiting and len(entries) > 1:
            first = getattr(waiting[0], "id", "")
            found.append(f"{name} ({len(waiting)} of {len(entries)} entries, the first {first})")
        elif waiting:
            found.append(name)
    return found


def unconfirmed_seed_sources(content: Content) -> list[str]:
    """The seed sources the site still cites that no clinician of this clinic has confirmed: they are
    another clinic's own service pages, not independent research, and a clinic that goes live with them
    vouches for what the pages take from them."""
    cited = cited_sources(content)
    return [
        source.id
        for source in content.sources.values()
        if source.kind == "seed"
        and source.id in cited
        and not (
            source.confirmed_by in content.reviewers and content.reviewers[source.confirmed_by].clinician
        )
    ]


def translation_reviewed(content: Content, language: Language) -> bool:
    """A clinician of the clinic who reads the language has reviewed its translation."""
    reviewer = language.reviewed_by
    return reviewer is not None and reviewer in content.reviewers and content.reviewers[reviewer].clinician


def unreviewed_translations(content: Content) -> list[str]:
    """The languages published beside English whose translation no clinician has reviewed."""
    return [
        code
        for code, words in content.translations.items()
        if words.language is None or not translation_reviewed(content, words.language)
    ]


def is_draft(content: Content) -> bool:
    """The site is a draft: go-live refuses it. A translation no clinician reviewed does not make the
    English site a draft (its pages say so in their language), but go-live refuses it (draft_problem)."""
    return (
        bool(example_fields(content.clinic))
        or bool(foreign_help_lines(content.clinic))
        or not content.clinic.website
        or not has_clinician(content.clinic)
        or bool(unreviewed_safety_case(content))
        or bool(unconfirmed_seed_sources(content))
    )


def draft_problem(data_dir: Path, content: Content) -> Problem | None:
    """One line saying what to fill in before the site may go live, or None when it may."""
    clinic = content.clinic
    fields = example_fields(clinic)
    todo = []
    if fields:
        todo.append(f"replace the example {', '.join(fields)} with the clinic's own")
    foreign = foreign_help_lines(clinic)
    if foreign:
        todo.append(f"write the help lines of the clinic's country ({'; '.join(foreign)})")
    if not clinic.website:
        todo.append(
            "write website: the address the site is published at (such as https://owner.github.io/repo/), "
            "so its pages, sitemap and shared links name it"
        )
    if not has_clinician(clinic):
        todo.append("add the clinician who reviewed the content to reviewers, with clinician: true")
    unreviewed = unreviewed_safety_case(content)
    if unreviewed:
        todo.append(
            f"a clinician must review {', '.join(unreviewed[:-1])}{' and ' if unreviewed[1:] else ''}"
            f"{unreviewed[-1]} (the self-check, its safety case, the contraindications and the warning "
            "signs) and be named in their reviewed_by, with the date"
        )
    languages = unreviewed_translations(content)
    if languages:
        names = [getattr(content.translations[code].language, "english_name", code) for code in languages]
        todo.append(
            f"a clinician who reads {' and '.join(names)} must review the translation and be named in "
            f"reviewed_by of locales/{languages[0]}/language.yml, with the dates, or take "
            f"{', '.join(languages)} out of translations: in clinic.yml"
        )
    seeds = unconfirmed_seed_sources(content)
    if seeds:
        todo.append(
            f"confirm the seed sources {', '.join(seeds)} (another clinic's own pages) with confirmed_by: "
            "the clinician's id in sources.yml, or replace them with your own sources"
        )
    if not todo:
        return None
    rel = f"{data_dir.name}/clinic.yml"
    path = (
        (fields[0],)
        if fields
        else ("non_emergency_number",)
        if foreign
        else ("website",)
        if not clinic.website
        else ("reviewers",)
        if not has_clinician(clinic) or unreviewed or not languages
        else ("translations",)
    )
    return Problem(
        rel,
        line_of(data_dir / "clinic.yml", rel, path),
        path[0],
        "the site is still a draft and is not published: " + "; ".join(todo) + " (see EDITING.md, Go live)",
    )
