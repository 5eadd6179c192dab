"""The model of data/site_texts.yml: every word the site shows around the data (labels, short headings,
buttons, the care card, the review line), so that no sentence a patient reads lives in code.

A text with placeholders (`Template("emergency_number")`) must hold each of them once and no other: the
renderers fill them with markup.filled.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from annotated_types import GroupedMetadata
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .fields import placeholder_problem
from .model import TRANSLATED, Kind, Record, ShortText, Text
from .plain_text import MARKUP_PATTERN, refuse_markup


def _holds_once(names: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        problem = placeholder_problem(value, names, required=names)
        if problem:
            raise PydanticCustomError("placeholder", "{problem}", {"problem": problem})
        return value

    return check


@dataclass(frozen=True)
class Template(GroupedMetadata):
    """A short text holding each of `names` as a {placeholder}, once: `Annotated[str, Template("due")]`."""

    names: tuple[str, ...]

    def __init__(self, *names: str) -> None:
        object.__setattr__(self, "names", names)

    def __iter__(self) -> Iterator[object]:
        listed = ", ".join(f"{{{n}}}" for n in self.names)
        yield StringConstraints(min_length=1, max_length=400, strip_whitespace=True)
        yield AfterValidator(refuse_markup)
        yield AfterValidator(_holds_once(self.names))
        yield Field(
            description=f"A short text. It must hold {listed} once each; the site puts the value there.",
            json_schema_extra={"not": {"pattern": MARKUP_PATTERN}},
        )
        yield TRANSLATED


Label = Annotated[
    str,
    StringConstraints(min_length=1, max_length=160, strip_whitespace=True),
    AfterValidator(refuse_markup),
    AfterValidator(_holds_once(())),
    Field(
        description="A short label or heading, with no {placeholder}.",
        json_schema_extra={"not": {"pattern": MARKUP_PATTERN}},
    ),
    TRANSLATED,
]


class CollectionNames(Record):
    clinic: ShortText
    visit: ShortText
    self_check: ShortText
    hazard_log: ShortText
    massage_types: ShortText
    techniques: ShortText
    conditions: ShortText
    benefits: ShortText
    risk_factors: ShortText
    contraindications: ShortText
    red_flags: ShortText
    glossary: ShortText


class ReviewTexts(Record):
    sources: Label = Field(description="Above the list of a page's sources.")
    source_column: Label = Field(description="The Sources page: the heading of the sources' column.")
    use_column: Label = Field(description="The Sources page: the heading of the column saying what for.")
    line: Annotated[str, Template("last", "due", "reviewers")] = Field(
        description="The review line at the foot of a page."
    )
    overdue_title: Label
    overdue: Annotated[str, Template("due")] = Field(
        description="Shown on a page whose review date has passed."
    )
    group: Annotated[str, Template("last", "due", "reviewers")] = Field(
        description="On the About page: a line for each group of texts reviewed together, before their names."
    )
    collections: CollectionNames = Field(description="The name of each data file's texts in those lines.")
    translation: Annotated[str, Template("last", "due", "reviewers")] = Field(
        description="On a page in another language than English, under the review line: when a clinician "
        "who reads the language checked the translation (locales/<code>/language.yml)."
    )
    translation_unreviewed: Text = Field(
        description="On a page in another language than English, under the review line, until a clinician "
        "who reads the language has checked the translation."
    )


class CareCard(Record):
    title: Label = Field(description="The box's title, and its name for screen readers.")
    line: Annotated[str, Template("emergency_number")] = Field(
        description="The one line shown before the box is opened."
    )
    show_signs: Label = Field(description="What the patient taps to see the warning signs.")
    emergency: Annotated[str, Template("emergency_number")] = Field(
        description="Above the emergency warning signs."
    )
    urgent: Label = Field(description="Above the urgent warning signs.")
    otherwise: Annotated[str, Template("non_emergency_advice", "non_emergency_name", "non_emergency_number")]


class KindTexts(Record):
    heading: Label
    intro: Text


class Kinds(Record):
    avoid: KindTexts = Field(description="Conditions where massage is not advised for now.")
    doctor_first: KindTexts = Field(
        alias="doctor-first", description="Conditions where a doctor must agree first."
    )
    local: KindTexts = Field(description="Conditions where the therapist avoids one area.")

    def of(self, kind: Kind) -> KindTexts:
        texts: KindTexts = getattr(self, kind.replace("-", "_"))
        return texts


class ConditionTexts(Record):
    feels_like: Label
    causes: Label
    how_massage_helps: Label
    example: Label
    if_ignored: Label
    which_massage: Label
    stages: Annotated[str, Template("stages")]
    be_careful: Label
    check_first: Annotated[str, Template("entries")]
    self_check: Annotated[str, Template("link")]
    self_check_link: Label
    evidence: Label
    related: Label
    used_for: Annotated[str, Template("massage_type")] = Field(
        description="A heading of the conditions page."
    )
    all_conditions: Annotated[str, Template("conditions", "all")] = Field(description="On the home page.")
    all_conditions_link: Label


class Labels(Record):
    what_it_is: Label
    what_it_is_for: Label
    how_it_works: Label
    used_for: Label
    stages: Label
    none_listed: Label
    feels_like: Label
    what_it_does: Label
    evidence: Label
    why: Label
    matters_for: Annotated[str, Template("conditions")]


class VisitTexts(Record):
    duration: Annotated[str, Template("minutes")]
    duration_heading: Label = Field(description="Used when no visit question has shows: duration.")
    preparation_heading: Label = Field(description="Used when no visit question has shows: preparation.")
    step: Annotated[str, Template("minutes")] = Field(description="A step's length in the timeline.")
    timeline_label: Label = Field(description="The timeline's name for screen readers.")
    stage: Annotated[str, Template("stage")]
    see_contact: Annotated[str, Template("link")]
    contact_link: Label


class ContactTexts(Record):
    phone: Annotated[str, Template("phone")]
    email: Annotated[str, Template("email")]
    opening_hours: Annotated[str, Template("hours")]
    book: Label = Field(description="The booking link's words, on every page.")
    line: Annotated[str, Template("phone", "hours", "email", "booking")]
    book_online: Label


class AnswerLabels(Record):
    yes: Label
    known: Label = Field(
        description="The answer to a warning sign that a doctor already knows about: 'Yes, but a doctor has "
        "checked it and it has not changed'."
    )
    no: Label
    unsure: Label
    unanswered: Label
    skipped: Label = Field(description="A follow-up question that was not asked.")


class SelfCheckTexts(Record):
    answers: AnswerLabels = Field(
        description="The words for each answer, on the form and the printed result."
    )
    noscript: Text = Field(description="Shown when the browser runs no JavaScript.")
    submit: Label
    print: Label
    restart: Label
    next: Label = Field(description="The button to the next part of the self-check.")
    back: Label = Field(description="The button back to the part before.")
    progress: Annotated[str, Template("number", "count")] = Field(
        description="Where the patient is: 'Part 2 of 4'."
    )
    reasons_heading: Label
    why_this_matters: Label
    read_more: Annotated[str, Template("links")]
    unanswered_note: Label
    therapist_heading: Label
    usually: Annotated[str, Template("massage_types")]
    checked_on: Annotated[str, Template("date")]
    rule_yes: Annotated[str, Template("numbers")]
    rule_known: Annotated[str, Template("numbers")]
    rule_answer: Annotated[str, Template("answer", "number")]
    rule_together: Annotated[str, Template("answers")]
    rule_alone: Annotated[str, Template("answer")] = Field(
        description="One answer's rule: '“Yes, in the past” to question 26:'."
    )
    any_answer_but_no: Label = Field(description="In the rules: every answer of a question except No.")
    rule_unsure: Annotated[str, Template("numbers")]
    summary_no: Annotated[str, Template("numbers")] = Field(
        description="The printed answers list only those that are not 'no'; this line gives the numbers of "
        "the questions answered no or not asked."
    )
    rule_rest: Label
    call: Annotated[str, Template("number")]
    call_line: Annotated[str, Template("name", "number")]
    clinic_questions: Annotated[str, Template("phone")]


class FooterTexts(Record):
    emergency: Annotated[str, Template("emergency_number")]
    phone: Annotated[str, Template("phone")]


class DraftNotice(Record):
    title: Label
    text: Text


class NotFoundTexts(Record):
    title: Label
    text: Text
    search: Label
    main_pages: Label
    help: Annotated[str, Template("home")]
    home: Label


class LanguageTexts(Record):
    name: Label = Field(
        description="This language's own name, as its readers write it: 'English', 'Русский'."
    )
    others: Label = Field(
        description="For screen readers: the name of the links to this page in other languages."
    )


class SiteTexts(Record):
    disclaimer: Text = Field(description="On the main pages: not a diagnosis; ask a doctor.")
    no_advertising: Text = Field(description="Shown on the About page.")
    massage_is_not_a_cure: Text = Field(description="Shown under the benefits.")
    also_called: Annotated[str, Template("names")]
    or_: Label = Field(alias="or", description="Joins the last two items of a list: '3, 4 or 5'.")
    and_: Label = Field(
        alias="and", description="Joins the last two items of a list of things that hold together."
    )
    review: ReviewTexts = Field(description="The sources and review line at the foot of each page.")
    care_card: CareCard = Field(description='The "Get help now" box at the top of the pages.')
    kinds: Kinds = Field(description="Heading and intro for each kind of contraindication.")
    condition: ConditionTexts = Field(description="The section headings of each condition's page.")
    labels: Labels = Field(description="Labels in front of an entry's texts, such as 'Why:'.")
    visit: VisitTexts = Field(description="The lines around the visit's data on the visit page.")
    contact: ContactTexts = Field(description="The clinic's contact details, as the pages show them.")
    self_check: SelfCheckTexts = Field(description="Buttons, labels and notes of the self-check page.")
    footer: FooterTexts = Field(description="The line at the foot of every page.")
    draft_notice: DraftNotice = Field(description="Shown on every page while the site is a draft.")
    not_found: NotFoundTexts = Field(description="The page shown for an address that does not exist.")
    language: LanguageTexts = Field(
        description="The language's name on the links between the languages of a site published in more "
        "than one."
    )
