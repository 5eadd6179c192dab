"""The edits an editor typically makes, made to a copy of the seed data: adding, changing and removing
entries in each collection, a longer session, reworded site texts, another clinic gone live. The live-data
tests run on the project's data and on data edited this way (tests/conftest.py), which proves the rule:
any data that `make check` accepts passes `make test`."""

from __future__ import annotations

import re
from pathlib import Path

from .editing import clinician_reviews_for_go_live

REVIEW = (
    "  sources: [{source}]\n  last_reviewed: 2026-11-21\n  next_review: 2027-11-21\n"
    "  reviewed_by: content-team\n"
)


def _append(path: Path, block: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remove_entry(path: Path, entry_id: str) -> None:
    """Delete the entry `- id: <entry_id>` and the blank line after it, as an editor would."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == f"- id: {entry_id}")
    end = start + 1
    while end < len(lines) and not lines[end].startswith(("- ", "#")):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def _remove_reference(path: Path, entry_id: str) -> None:
    """Take an id out of every [a, b] list in the file; a list holding only it loses its line."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"^[ \t-]*\w+: \[{re.escape(entry_id)}\]\n", "", text, flags=re.M)
    text = re.sub(rf"(?<=[\[ ]){re.escape(entry_id)}, ", "", text)
    text = re.sub(rf", {re.escape(entry_id)}(?=[\],])", "", text)
    path.write_text(text, encoding="utf-8")


def make_typical_edits(data: Path) -> None:
    # Conditions: add one, change one, remove one (and the references and the source only it cited).
    _append(
        data / "conditions.yml",
        "- id: desk-back-ache\n  name: Back ache from desk work\n"
        "  also_called: [office back, computer back]\n"
        "  search_terms: [sore back from sitting, back pain at work]\n"
        "  summary: Your back aches after long hours at a desk. It often eases when you move more.\n"
        "  massage_type: therapeutic\n  techniques: [effleurage, petrissage]\n"
        "  how_massage_helps: Massage relaxes the tight muscles, so your back feels looser.\n"
        "  cautions:\n    - If the ache spreads down a leg, see your doctor.\n"
        + REVIEW.format(source="seed-four-conditions"),
    )
    _replace(data / "conditions.yml", "Muscles in your neck", "The muscles of your neck")
    _remove_entry(data / "conditions.yml", "bronchitis")
    for name in ("contraindications.yml", "self_check.yml", "conditions.yml"):
        _remove_reference(data / name, "bronchitis")
    _remove_entry(data / "sources.yml", "nhs-bronchitis")
    # Contraindications: add one with its question, change one.
    _append(
        data / "contraindications.yml",
        "- id: recent-sunburn\n  name: Sunburn\n"
        "  plain: Your back is sunburnt, red or peeling.\n  kind: local\n"
        "  reason: Pressing on burnt skin hurts. The therapist will avoid that area.\n"
        "  search_terms: [sunburn, burnt back, peeling skin, sun burn]\n"
        "  question: Is the skin on your back sunburnt, red or peeling?\n"
        "  conditions: [muscle-tension]\n" + REVIEW.format(source="nccih-massage"),
    )
    # Its worked cases, as EDITING §6 shows: a hazard added at the end of the hazard log.
    _append(
        data / "hazard_log.yml",
        "  - id: sunburn-rubbed\n    hazard: Someone with sunburn is massaged over it\n"
        "    cause: Sunburn is not asked about.\n    harm: Pain.\n    severity: minor\n"
        "    likelihood: medium\n    mitigation: A question asks about it.\n    residual_likelihood: low\n"
        "    worked_cases:\n"
        "      - name: Sunburn leaves a massage possible, with a note\n"
        "        answered_yes: [recent-sunburn]\n"
        "        expect_tier: suitable\n        expect_local_caution: true\n"
        "      - name: Not sure about sunburn means asking a doctor first\n"
        "        answered_not_sure: [recent-sunburn]\n        expect_tier: doctor-first\n"
        "    sources: [nccih-massage]\n",
    )
    # Techniques and massage types: change a text.
    _replace(data / "techniques.yml", "Firm rubbing with the palms", "Brisk rubbing with the palms")
    _replace(data / "massage_types.yml", "name: Relaxation massage", "name: Relaxing massage")
    # Benefits, risk factors, glossary: add one and remove one each.
    _append(
        data / "benefits.yml",
        "- id: better-sleep\n  name: Better sleep\n  search_terms: [sleep, insomnia, sleeping badly, sleap]\n"
        "  summary: Some people sleep better after a massage.\n"
        "  evidence: Small studies suggest this. It is not proven.\n" + REVIEW.format(source="nccih-massage"),
    )
    _remove_entry(data / "benefits.yml", "endorphins")
    _append(
        data / "risk_factors.yml",
        "- id: phone-neck\n  name: Looking down at a phone\n"
        "  summary: Bending your neck over a phone for hours strains your upper back.\n"
        + REVIEW.format(source="nice-ng59"),
    )
    _remove_entry(data / "risk_factors.yml", "heavy-bags")
    _remove_entry(data / "glossary.yml", "fibrosis")
    # A longer session: the steps still add up.
    _replace(data / "visit.yml", "duration_minutes: 30", "duration_minutes: 45")
    _replace(data / "visit.yml", "    minutes: 8\n", "    minutes: 23\n")
    # Site texts: a button, the care card's line and a heading, reworded.
    texts = data / "site_texts.yml"
    _replace(texts, "  restart: Start again", "  restart: Answer the questions again")
    _replace(
        texts,
        '  line: "Serious warning signs? Call {emergency_number} now."',
        '  line: "Very unwell? Call {emergency_number}."',
    )
    _replace(texts, "    heading: Ask your doctor first if…", "    heading: Check with your doctor first if…")
    # Another clinic, gone live: its own details and a clinician reviewer.
    clinic = data / "clinic.yml"
    for old, new in [
        ("name: Example Back Care Clinic", "name: Riverside Physio & Massage"),
        ("street: 1 Example Street", "street: 14 Mill Lane"),
        ("town: Example Town", "town: Leeds"),
        ("postcode: EX1 2MP", "postcode: LS1 4AB"),
        ('phone: "+44 20 7946 0000"', 'phone: "+44 113 496 0123"'),
        ("email: massage@clinic.example", "email: hello@riverside-physio.co.uk"),
        (
            "booking_url: https://clinic.example/book/back-massage",
            "booking_url: https://riverside-physio.co.uk/book",
        ),
        ('primary_colour: "#1f5f8b"', 'primary_colour: "#6a1b4d"'),
    ]:
        _replace(clinic, old, new)
    _append(clinic, "website: https://riverside-physio.co.uk/back-massage/\n")
    # The clinician reviewed every text a patient's safety rests on and confirmed the seed sources.
    clinician_reviews_for_go_live(data, "dr-okafor")
    _replace(
        clinic,
        "reviewers:\n",
        "reviewers:\n  - id: dr-okafor\n    name: Dr Amara Okafor\n"
        "    role: GP. Checked every medical statement in December 2026.\n    clinician: true\n",
    )
