"""`make check` warnings for numbers in clinic.yml that are not the clinic's country's (the table and the
rule are content/countries.py)."""

from __future__ import annotations

from pathlib import Path

from ..content import Content
from ..content.countries import number_problems
from ..content.problems import Problem
from .data_lines import line_of


def number_warnings(data_dir: Path, content: Content) -> list[Problem]:
    """`make check` warnings for numbers in clinic.yml that are not the clinic's country's."""
    clinic = content.clinic
    rel = f"{data_dir.name}/clinic.yml"
    return [
        Problem(rel, line_of(data_dir / "clinic.yml", rel, (field,)), field, message)
        for field, message in number_problems(
            clinic.country_code, clinic.emergency_number, clinic.non_emergency_number
        )
    ]
