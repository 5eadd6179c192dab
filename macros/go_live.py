"""Draft until go-live: the site is a draft while data/clinic.yml keeps the example clinic's details, no
reviewer is a named clinician, or no clinician reviewed the self-check and its hazard log. A draft
shows a notice on every page (overrides/main.html) and `massage-site-validate --go-live`, which the
publish workflow runs before it deploys, refuses it."""

from __future__ import annotations

import re
from pathlib import Path

from . import model
from .content import Content
from .data_lines import line_of
from .problems import Problem

# The example clinic's details are made up on purpose from reserved values: the word "Example", the
# domains reserved for examples (RFC 2606: clinic.example, example.com) and the UK numbers kept for
# drama (Ofcom: 020 7946 0000 to 0999). A clinic's own details never hold them.
_EXAMPLE = re.compile(r"\bexample\b|\b7946\s*0\d{3}\b", re.IGNORECASE)
CONTACT_FIELDS = ("name", "address", "phone", "email", "booking_url", "website")


def example_fields(clinic: model.Clinic) -> list[str]:
    """The clinic's fields that still hold the shipped example's values."""
    found = []
    for name in CONTACT_FIELDS:
        value = getattr(clinic, name)
        texts = value.model_dump().values() if isinstance(value, model.Address) else [value]
        if any(isinstance(t, str) and _EXAMPLE.search(t) for t in texts):
            found.append(name)
    return found


def has_clinician(clinic: model.Clinic) -> bool:
    return any(r.clinician for r in clinic.reviewers)


def unreviewed_safety_case(content: Content) -> list[str]:
    """The self-check's parts that go-live needs a clinician to have reviewed, but no clinician has: the
    self-check (its questions and results) and its hazard log."""
    reviewers = {r.id: r for r in content.clinic.reviewers}
    parts = {"self_check.yml": content.self_check, "hazard_log.yml": content.hazard_log}
    return [
        name
        for name, part in parts.items()
        if not (part.reviewed_by in reviewers and reviewers[part.reviewed_by].clinician)
    ]


def is_draft(content: Content) -> bool:
    return (
        bool(example_fields(content.clinic))
        or not has_clinician(content.clinic)
        or bool(unreviewed_safety_case(content))
    )


def draft_problem(data_dir: Path, content: Content) -> Problem | None:
    """One line saying what to fill in before the site may go live, or None when it may."""
    clinic = content.clinic
    fields = example_fields(clinic)
    todo = []
    if fields:
        todo.append(f"replace the example {', '.join(fields)} with the clinic's own")
    if not has_clinician(clinic):
        todo.append("add the clinician who reviewed the content to reviewers, with clinician: true")
    unreviewed = unreviewed_safety_case(content)
    if unreviewed:
        todo.append(
            f"a clinician must review {' and '.join(unreviewed)} "
            "(the self-check's rules and its safety case) "
            "and be named in their reviewed_by, with the date"
        )
    if not todo:
        return None
    rel = f"{data_dir.name}/clinic.yml"
    path = (fields[0],) if fields else ("reviewers",)
    return Problem(
        rel,
        line_of(data_dir / "clinic.yml", rel, path),
        path[0],
        "the site is still a draft and is not published: " + "; ".join(todo) + " (see EDITING.md, Go live)",
    )
