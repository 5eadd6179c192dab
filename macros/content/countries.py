"""The emergency and urgent-care numbers of the countries a clinic may be in, so that `make check` can
warn when clinic.yml's numbers are not the country's (a UK site saying 112 where the NHS pages it cites
say 999). Numbers from each country's public health service; 112 works across the EU and in the UK too.
A country not listed here is not checked: `make check` says so once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Country:
    name: str  # as a sentence says it: "in the UK"
    emergency: tuple[str, ...]  # the first is the one patients know
    urgent: tuple[str, ...] = ()  # medical help lines for urgent problems that are not emergencies


COUNTRIES: dict[str, Country] = {
    "GB": Country("the UK", ("999", "112"), ("111",)),
    "IE": Country("Ireland", ("112", "999")),
    "DE": Country("Germany", ("112",), ("116117",)),
    "FR": Country("France", ("15", "112")),
    "ES": Country("Spain", ("112", "061")),
    "IT": Country("Italy", ("112", "118")),
    "NL": Country("the Netherlands", ("112",)),
    "AT": Country("Austria", ("144", "112"), ("1450",)),
    "CH": Country("Switzerland", ("144", "112")),
    "PL": Country("Poland", ("112", "999")),
    "RU": Country("Russia", ("103", "112")),
    "UA": Country("Ukraine", ("103", "112")),
    "KZ": Country("Kazakhstan", ("103", "112")),
    "US": Country("the United States", ("911",)),
    "CA": Country("Canada", ("911",), ("811",)),
    "AU": Country("Australia", ("000", "112"), ("1800022222",)),
    "NZ": Country("New Zealand", ("111",), ("0800611116",)),
}


def name(code: str, fallback: str) -> str:
    """The country's name for a sentence ("in the UK"), or the clinic's own word for it."""
    country = COUNTRIES.get(code)
    return country.name if country else fallback


def digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def number_problems(code: str, emergency: str, urgent: str) -> list[tuple[str, str]]:
    """(field, message) for each number that is not one of the country's: warnings, as a clinic may know
    a local line this table does not."""
    country = COUNTRIES.get(code)
    if country is None:
        return [
            ("country_code", f"{code!r} is not a country the check knows the numbers of; check them by hand")
        ]
    found = []
    if digits(emergency) not in country.emergency:
        found.append(
            (
                "emergency_number",
                f"{emergency!r} is not an emergency number of {country.name} "
                f"({' or '.join(country.emergency)}); patients would call the wrong number",
            )
        )
    elif digits(emergency) != country.emergency[0]:
        found.append(
            (
                "emergency_number",
                f"{emergency!r} works in {country.name}, but {country.emergency[0]!r} is the number patients "
                "know and the health service's pages tell them to call; use it",
            )
        )
    if country.urgent and digits(urgent) not in country.urgent:
        found.append(
            (
                "non_emergency_number",
                f"{urgent!r} is not the urgent medical help line of {country.name} "
                f"({' or '.join(country.urgent)}); check it",
            )
        )
    return found
