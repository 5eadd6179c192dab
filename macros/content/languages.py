"""The languages a site is published in beside English: each is a folder `locales/<code>/` holding its
`language.yml` (this model) and, for each data file with words a patient reads, the same file with those
words translated (translation.py). A new language is a new folder: no code changes.
"""

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from .model import Id, LanguageCode, Name, Note, Record
from .site_texts import Template

ENGLISH = "en"  # the language of data/ itself
LOCALES = "locales"
LANGUAGE_FILE = "language.yml"
NAV_FILE = "nav.yml"  # the navigation's labels (build/languages.py)
PAGES = "docs"  # the pages of docs/ in the language (build/languages.py)


class Language(Record):
    code: LanguageCode
    english_name: Name = Field(
        description="Its name in English, for editors' messages.", examples=["Russian"]
    )
    locale: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}_[A-Z]{2}$")] = Field(
        description="Language and country as Open Graph names them, for example ru_RU.", examples=["ru_RU"]
    )
    months: list[Name] = Field(
        min_length=12,
        max_length=12,
        description="The twelve months as a date writes them (in Russian the genitive: января, февраля …).",
    )
    date: Annotated[str, Template("day", "month", "year")] = Field(
        description="How a date is written, with {day}, {month} and {year}.",
        examples=["{day} {month} {year}"],
    )
    unreviewed: Note = Field(
        description="Shown on every page in this language until a clinician who reads it has reviewed the "
        "translation (reviewed_by), in the language itself."
    )
    notice: Note | None = Field(
        None,
        description="A line every page in this language carries, such as the warning the country's rules "
        "ask for beside information about medical services.",
    )
    reviewed_by: Id | None = Field(
        None,
        description="Id of the clinician (clinic.yml reviewers, clinician: true) who read every translated "
        "text a patient's safety rests on, in this language. Until one has, the pages in this language say "
        "they are a draft and the site cannot go live with them.",
    )
    last_reviewed: dt.date | None = Field(None, description="When the translation was last checked.")
    next_review: dt.date | None = Field(None, description="When it must be checked again.")

    def format_date(self, day: dt.date) -> str:
        return self.date.format(day=day.day, month=self.months[day.month - 1], year=day.year)
