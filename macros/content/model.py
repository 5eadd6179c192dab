"""Typed records for every data collection. These models are the one description of the data format:
the JSON Schemas in data/schema/ are exported from them (python -m macros.content.schema).

No `from __future__ import annotations` here: pydantic would then compile and evaluate every annotation
string at each build (a tenth of the time the models take to build)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .fields import email_address, https_url, phone_number, readable_under_white_text, site_address
from .plain_text import MARKUP_PATTERN, refuse_markup

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https://[^\s<>\"]+$"
PHONE_PATTERN = r"^\+?[0-9 ()-]{3,20}$"
EMERGENCY_PATTERN = r"^[0-9]{2,4}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
LOGO_PATTERN = r"^docs/[A-Za-z0-9_./-]+\.(svg|png|jpg|jpeg|webp)$"
# What an editor should write instead, for each pattern above (the validator's messages use these).
PATTERN_HINTS = {
    ID_PATTERN: "use lower-case letters and digits, words joined by hyphens, for example 'muscle-tension'",
    URL_PATTERN: "write the full web address, starting with https://",
    PHONE_PATTERN: "write digits, spaces, brackets or hyphens, with + in front for a country code",
    EMERGENCY_PATTERN: "write the emergency number's 2 to 4 digits only, for example '112' or '999'",
    COUNTRY_PATTERN: "write the country's two-letter code in capitals, for example GB for the United Kingdom",
    COLOUR_PATTERN: 'write a colour as # and six hex digits in quotes, for example "#1f5f8b"',
    LOGO_PATTERN: "write the path of a .svg, .png, .jpg or .webp file in docs/, like docs/assets/logo.svg",
}
_NO_MARKUP = {"not": {"pattern": MARKUP_PATTERN}}
# The json_schema_extra key marking a field that holds a link to a page of the site (PageRef): page_links.py
# finds these fields and checks their links.
PAGE_LINK = "x-page-link"

# Names Windows keeps for its devices: a page or file named after an id (conditions/con.md) could not be
# checked out or opened there.
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def refusing(words: frozenset[str], kind: str, message: str) -> Callable[[str], str]:
    """A validator refusing a value that is one of `words`, with `message` ({value} is the value)."""

    def refuse(value: str) -> str:
        if value in words:
            raise PydanticCustomError(kind, message, {"value": repr(value)})
        return value

    return refuse


not_a_device_name = refusing(
    WINDOWS_DEVICE_NAMES,
    "windows_name",
    "{value} cannot be an id: Windows keeps that name for a device, so a page named after it could not be "
    "opened there; choose a longer id",
)


@dataclass(frozen=True)
class Words:
    """In a field's type: the field holds words a patient reads, so every language of the site translates it
    (locales/, checked by checks/translations.py). A list is translated item for item, as many items as
    data/ has, unless `whole`: then the language gives as many as it needs (other names, search words)."""

    whole: bool = False


TRANSLATED = Words()
TRANSLATED_WHOLE = Words(whole=True)


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=60),
    AfterValidator(not_a_device_name),
    Field(description="Stable id: lower-case words joined by hyphens. Never change it once published."),
]
# Texts for reviewers and names (of people, places, documents): the same in every language.
Note = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1200, strip_whitespace=True),
    AfterValidator(refuse_markup),
    Field(
        description="Plain text in everyday words. No HTML, Markdown or {{ }}.",
        json_schema_extra=_NO_MARKUP,
    ),
]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=160, strip_whitespace=True),
    AfterValidator(refuse_markup),
    Field(description="A short plain text (at most 160 characters).", json_schema_extra=_NO_MARKUP),
]
# Words a patient reads: translated.
Text = Annotated[Note, TRANSLATED]
ShortText = Annotated[Name, TRANSLATED]
OtherNames = Annotated[
    list[ShortText], TRANSLATED_WHOLE, Field(description="Other names patients may know it by.")
]
# The pattern is for editors' tools and the first message; fields.https_url parses the address.
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=400), AfterValidator(https_url)]
# Enough for every lay word, question and misspelling of an entry; more only bloats every patient's
# search index (it is downloaded whole on the first search).
MAX_SEARCH_TERMS = 40
SearchTerms = Annotated[
    list[ShortText],
    TRANSLATED_WHOLE,
    Field(
        max_length=MAX_SEARCH_TERMS,
        description="Other words patients type when they look for this: everyday words, questions, other "
        "spellings and common misspellings. Used by the site search only; not shown on the page.",
    ),
]
# Words too common to explain, the search's stop words among them (tests/test_stricter_input.py): every
# "the" on every page would become a tooltip and a stop of the Tab key.
COMMON_WORDS = frozenset(
    {"a", "all", "am", "an", "and", "any", "are", "as", "at", "back", "be", "but", "by", "can", "do", "does",
     "for", "from", "get", "how", "i", "if", "in", "is", "it", "me", "my", "no", "not", "of", "on", "or",
     "pain", "should", "so", "that", "the", "this", "to", "up", "what", "when", "will", "with", "yes",
     "you", "your"}
)  # fmt: skip


not_a_common_word = refusing(
    COMMON_WORDS,
    "common_word",
    "{value} is too common a word for the glossary: every page would explain it wherever it appears, and "
    "the Tab key would stop at each one; explain a medical word instead",
)


_LETTERS = r"a-z\u0430-\u044f\u0451"
_LOWER = f"[{_LETTERS}]"
GlossaryWord = Annotated[
    str,
    # Lower-case Latin or Cyrillic letters (the site's languages): the word as a sentence writes it.
    StringConstraints(pattern=rf"^{_LOWER}[{_LETTERS}-]*( {_LOWER}[{_LETTERS}-]*){{0,3}}$", max_length=40),
    AfterValidator(not_a_common_word),
    TRANSLATED,
    Field(description="A word as written in a sentence, in lower case, e.g. 'fascia' or 'herniated disc'."),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}$"),
    Field(description="A language's ISO 639-1 code in lower case, for example ru: its folder in locales/."),
]
Kind = Literal["avoid", "doctor-first", "local"]
Tier = Literal["emergency", "urgent"]
SelfCheckTierId = Literal["emergency", "urgent", "avoid", "doctor-first", "suitable"]
# What "Yes, but a doctor has checked it and it has not changed" may give: never urgent or emergency.
KnownTier = Literal["avoid", "doctor-first", "suitable"]
# Answer values every question has, which an editor's own answers cannot use ("yes" may be one of them).
RESERVED_ANSWERS = ("no", "unsure", "known")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


class Reviewed(Record):
    """Governance every entry carries: where it comes from and who checked it when."""

    sources: list[Id] = Field(
        min_length=1, description="Ids from sources.yml. At least the source text the entry comes from."
    )
    last_reviewed: dt.date = Field(description="Date the entry was last checked, as YYYY-MM-DD.")
    next_review: dt.date = Field(
        description="Date the entry must be checked again, at most three years after last_reviewed."
    )
    reviewed_by: Id = Field(description="Id of a reviewer listed in clinic.yml.")


class Entry(Reviewed):
    id: Id


class Source(Record):
    id: Id
    title: Name = Field(description="Title of the document, as published.")
    publisher: Name = Field(description="Who published it.", examples=["NHS", "Cochrane"])
    kind: Literal["seed", "guideline", "review", "patient-information"] = Field(
        description="seed: a source text this site was written from; guideline: a clinical guideline; "
        "review: a systematic review; patient-information: another site's patient leaflet."
    )
    url: Url | None = Field(None, description="Web address of the source, starting with https://.")
    published: dt.date | None = Field(None, description="Date it was published, as YYYY-MM-DD.")
    note: Text | None = Field(None, description="What the source is used for, if that is not obvious.")
    language: LanguageCode = Field(
        "en", description="The language the document is written in; its title is shown as written."
    )
    confirmed_by: Id | None = Field(
        None,
        description="For a seed source (another clinic's own pages): the id of the clinician in clinic.yml "
        "reviewers who checked what the site takes from it and stands by it. Go-live asks for it.",
    )


class Address(Record):
    street: Name = Field(examples=["1 Example Street"])
    town: Name
    postcode: Name
    country: ShortText


class Reviewer(Record):
    id: Id
    name: ShortText = Field(
        description="Name shown as 'Reviewed by' on the pages (a person's name is written the same in each "
        "language; a team's is translated)."
    )
    role: Text = Field(description="What this reviewer checked, and their qualification.")
    clinician: bool = Field(
        default=False,
        description="true only for a named, qualified clinician (a doctor, physiotherapist or nurse) "
        "who reviewed the content; write their qualification in role. Until one reviewer is, the site is "
        "a draft.",
    )


class HelpLine(Record):
    name: ShortText = Field(description="Who answers, as patients know them.", examples=["Samaritans"])
    number: Annotated[str, StringConstraints(pattern=PHONE_PATTERN), AfterValidator(phone_number)] = Field(
        description="The number to call, in quotes.", examples=["116 123"]
    )
    when: ShortText = Field(description="When it is open and what it costs.", examples=["free, day or night"])


class Clinic(Reviewed):
    name: Name = Field(description="The clinic's name.", examples=["Example Clinic"])
    site_name: ShortText = Field(description="Shown in the header and in every page title.")
    tagline: ShortText = Field(description="One line about the site; its description in search results.")
    address: Address = Field(description="Where the clinic is, shown on the About and visit pages.")
    phone: Annotated[str, StringConstraints(pattern=PHONE_PATTERN), AfterValidator(phone_number)] = Field(
        description="Shown on every page; patients tap it to call.", examples=["+44 20 7946 0000"]
    )
    email: Annotated[str, StringConstraints(max_length=254), AfterValidator(email_address)] = Field(
        description="Shown with the contact details.",
        examples=["desk@clinic.example"],
        json_schema_extra={"format": "email"},
    )
    booking_url: Url = Field(
        description="Web address where patients book, shown as 'Book a massage' on every page.",
        examples=["https://clinic.example/book"],
    )
    country_code: Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)] = Field(
        description="The country the clinic is in, as its two-letter ISO 3166 code in capitals, for example "
        "GB for the United Kingdom. The emergency and help-line numbers must be that country's; the "
        "self-check says which country they are for.",
        examples=["GB", "IE", "DE", "RU"],
    )
    emergency_number: Annotated[str, StringConstraints(pattern=EMERGENCY_PATTERN)] = Field(
        description="The emergency number patients must call for the red-flag symptoms, in the clinic's "
        "country (999 in the UK). Put it in quotes.",
        examples=["999", "112", "911"],
    )
    non_emergency_advice: Text = Field(description="Where to get advice when it is not an emergency.")
    non_emergency_name: Name = Field(
        description="The name of the medical help line for urgent problems that are not emergencies. The "
        "urgent result of the self-check tells patients to call it today.",
        examples=["NHS 111"],
    )
    non_emergency_number: Annotated[
        str, StringConstraints(pattern=PHONE_PATTERN), AfterValidator(phone_number)
    ] = Field(
        description="The help line's number, in quotes: a short one such as 111 in the UK, or a longer "
        "one such as 116117 in Germany.",
        examples=["111", "116117"],
    )
    opening_hours: ShortText = Field(examples=["Monday to Friday, 9am to 6pm"])
    crisis_lines: list[HelpLine] = Field(
        min_length=1,
        description="Lines a patient who feels low or in crisis can call, free, in the clinic's country. The "
        "self-check shows them to anyone who says they feel low, whatever their result.",
    )
    logo: Annotated[str, StringConstraints(pattern=LOGO_PATTERN)] = Field(
        description="The clinic's logo, shown in the header and as the browser tab icon: a picture file in "
        "the docs/assets folder, written from the project folder.",
        examples=["docs/assets/clinic-logo.svg"],
    )
    primary_colour: Annotated[
        str, StringConstraints(pattern=COLOUR_PATTERN), AfterValidator(readable_under_white_text)
    ] = Field(
        description='The main colour of the header and links: "#" and six hex digits, in quotes. '
        "It must be dark enough for white text on it.",
        examples=["#1f5f8b"],
    )
    website: (
        Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=400), AfterValidator(site_address)]
        | None
    ) = Field(
        None,
        description="The web address the site will be published at (used for the sitemap and search "
        "engines). Leave it out while you do not know it.",
        examples=["https://clinic.example/back-massage/"],
    )
    reviewers: list[Reviewer] = Field(min_length=1, description="Everyone who reviews the content.")
    translations: list[LanguageCode] = Field(
        [],
        description="Languages the site is published in beside English, each a folder of locales/ with "
        "every text translated (EDITING.md, Add a language). English is at the site's root, each other "
        "language under its code: /ru/.",
        examples=[["ru"]],
    )


class MassageType(Entry):
    name: ShortText
    also_called: OtherNames = []
    search_terms: SearchTerms = []
    summary: Text = Field(description="One or two sentences. Used in lists and in the comparison table.")
    purpose: Text = Field(description="What it is for.")
    how_it_works: Text
    techniques: list[Id] = Field(description="Ids from techniques.yml, in the order they are used.")


class Technique(Entry):
    name: ShortText
    also_called: OtherNames = []
    search_terms: SearchTerms = []
    what_it_is: Text
    feels_like: Text = Field(description="What the patient feels, in their own words.")
    what_it_does: Text


class Condition(Entry):
    name: ShortText = Field(description="Title of the condition's page.", examples=["Muscle tension"])
    also_called: OtherNames = []
    search_terms: SearchTerms = []
    summary: Text = Field(description="One or two sentences. Used in lists and in search results.")
    massage_type: Id = Field(description="Id from massage_types.yml.", examples=["therapeutic"])
    techniques: list[Id] = Field(description="Ids from techniques.yml that help most.")
    feels_like: Text | None = Field(None, description="What it feels like, in the patient's words.")
    causes: list[Text] = Field([], description="Common causes, one per line starting with '- '.")
    how_massage_helps: Text
    cautions: list[Text] = Field([], description="When to be careful or see a doctor, one per line.")
    example: Text | None = Field(None, description="A short everyday example.")
    risks_if_ignored: Text | None = Field(None, description="What may happen if nothing is done.")
    evidence: Text | None = Field(None, description="What research says, honestly.")
    related: list[Id] = Field([], description="Ids of other conditions in conditions.yml.")


class Benefit(Entry):
    name: ShortText
    search_terms: SearchTerms = []
    summary: Text
    evidence: Text = Field(description="How well research supports it, honestly.")


class RiskFactor(Entry):
    name: ShortText
    summary: Text


class AnswerOption(Record):
    """An answer offered instead of a plain "Yes", for a question with more than one kind of yes."""

    value: Id = Field(description="Stable id of the answer, used by combinations and worked cases.")
    label: ShortText = Field(description="The answer as the patient reads it beside its button.")
    tier: SelfCheckTierId = Field(description="The result this answer gives on its own.")


Advice = Annotated[
    Text | None,
    Field(
        description="What to do when this answer decides the result, in particular: whom to ask and how "
        "soon (for example 'Ask your midwife or GP'). Shown under the result's headline. May use the "
        "placeholders listed at the top of self_check.yml."
    ),
]


class Contraindication(Entry):
    name: ShortText = Field(examples=["Fever"])
    search_terms: SearchTerms = []
    plain: Text = Field(description="The situation, in the patient's own words.")
    kind: Kind = Field(
        description="avoid: massage is not advised now; doctor-first: get a doctor's agreement first; "
        "local: massage may go ahead but the therapist avoids that area."
    )
    reason: Text = Field(description="Why, in plain words.")
    question: Text | None = Field(
        None,
        description="The self-check question for this entry, asked so that 'yes' means it applies, "
        "for example 'Do you have a fever or feel feverish today?'. Leave it out only when a warning sign "
        "already asks it (asked_in).",
    )
    asked_in: Id | None = Field(
        None,
        description="Id of the warning sign in red_flags.yml whose question already covers this entry, so "
        "the self-check does not ask the same thing twice. Use it instead of question.",
    )
    answers: list[AnswerOption] = Field(
        [],
        description="Answers offered instead of a plain Yes, each with the result it gives (No and Not sure "
        "are always offered). Leave it out for Yes / No / Not sure.",
    )
    advice: Advice = None
    rationale: Note | None = Field(
        None, description="For reviewers: why the question is worded this way and why this kind was chosen."
    )
    conditions: list[Id] = Field([], description="Ids of conditions in conditions.yml this matters for.")


class RedFlag(Entry):
    symptom: ShortText = Field(description="The symptom, in the patient's words.")
    tier: Tier = Field(description="emergency: call the emergency number now; urgent: get help today.")
    question: Text = Field(
        description="The self-check question for this warning sign, asked so that 'yes' means the patient "
        "has it. Emergency signs are asked first, then urgent ones."
    )
    follow_up_of: Id | None = Field(
        None,
        description="Id of another question this one follows. It is asked only when that question is "
        "answered 'yes' or 'not sure', right after it; a 'no' there skips it.",
    )
    screen: bool = Field(
        False,
        description="true for an emergency that only looks like back pain (a stroke, a burst artery): it "
        "is asked of everyone in part 1, the emergency screen, before the questions about the back.",
    )
    known: KnownTier | None = Field(
        None,
        description="For a sign that can be long-standing: what the answer 'Yes, but a doctor has checked it "
        "and it has not changed' gives (at most doctor-first). Leave it out and that answer is not offered.",
    )
    without_back_pain: SelfCheckTierId | None = Field(
        None,
        description="For a sign that is a warning only together with back pain: the result a 'yes' gives "
        "when the patient has no back pain (milder than tier).",
    )
    advice: Advice = None
    rationale: Note | None = Field(
        None, description="For reviewers: why the question is worded this way and why this tier was chosen."
    )
    search_terms: SearchTerms = []


class Preparation(Record):
    id: Id
    text: Text = Field(description="What to do before the visit.")
    why: Text


class VisitStep(Record):
    id: Id
    name: ShortText
    minutes: int = Field(ge=1, le=120, description="How long the step takes, in whole minutes.")
    technique: Id | None = Field(None, description="Id from techniques.yml, if the step is a stage.")
    text: Text


class Question(Record):
    """A question patients often ask before their visit, answered on the "Your visit" page."""

    id: Id
    question: ShortText = Field(examples=["Does it hurt?"])
    answer: Text
    shows: Literal["duration", "preparation", "clinic-contact"] | None = Field(
        None,
        description="duration: the question heads the visit page's first section, its answer after the "
        "session length from duration_minutes; preparation: the question heads the section with the list of "
        "things to do before the visit; clinic-contact: a link to the clinic's contact details follows the "
        "answer (once on the page).",
    )
    search_terms: SearchTerms = []


class Visit(Reviewed):
    duration_minutes: int = Field(
        ge=5, le=240, description="Length of the whole session in minutes; the steps must add up to it."
    )
    preparation: list[Preparation] = Field(min_length=1, description="What to do before the visit.")
    steps: list[VisitStep] = Field(min_length=1, description="The session, step by step, in order.")
    timing_note: Text
    questions: list[Question] = Field([], description="Common questions with short answers, shown as a list.")


# --- The self-check ("Is back massage right for me now?") --------------------------------------------

UnsureTier = Literal["emergency", "urgent", "avoid", "doctor-first"]
Contact = Literal["emergency", "non-emergency", "doctor", "clinic", "booking"]
PageRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9-]+)?$", max_length=120),
    Field(
        description="A page of this site: its file under docs/, for example contraindications.md#fever.",
        json_schema_extra={PAGE_LINK: True},
    ),
]


class PageLink(Record):
    label: ShortText
    page: PageRef


class SelfCheckTier(Record):
    id: SelfCheckTierId = Field(description="Stable tier id. The tiers are listed from most to least severe.")
    headline: ShortText = Field(description="The result's heading, for example 'Get medical help now'.")
    in_short: ShortText = Field(
        description="What to do, in a few words, for the rules shown under the questions. "
        "May use the placeholders listed at the top of self_check.yml."
    )
    what_to_do: Text = Field(description="What to do next. May use the placeholders.")
    contacts: list[Contact] = Field(
        min_length=1,
        description="Who to contact, shown as links: emergency (the emergency number), non-emergency (the "
        "help line in clinic.yml non_emergency_name and non_emergency_number), doctor (the advice in "
        "clinic.yml non_emergency_advice), clinic (the clinic's phone), booking (the booking page).",
    )
    links: list[PageLink] = Field([], description="Pages to read next.")


class IfUnsure(Record):
    red_flags: UnsureTier = Field(description="Tier for 'not sure' (or no answer) on a warning sign.")
    contraindications: UnsureTier = Field(description="Tier for 'not sure' or no answer on the others.")


class Concern(Record):
    id: Id
    label: ShortText = Field(description="What bothers the patient, in their words.")
    conditions: list[Id] = Field(min_length=1, description="Ids from conditions.yml.")
    crisis_lines: bool = Field(
        False,
        description="true for a concern such as feeling low: ticking it shows the crisis lines from "
        "clinic.yml beside any result.",
    )


class SelfCheckRule(Record):
    """What every question and combination of self_check.yml carries: what to do when it decides the
    result, why it is so, and the guidance behind it."""

    id: Id
    advice: Advice = None
    rationale: Note = Field(description="For reviewers: why it is asked this way and why these results.")
    sources: list[Id] = Field(min_length=1, description="Ids from sources.yml: the guidance behind it.")


class BackgroundQuestion(SelfCheckRule):
    """A question that sets the scene for the warning signs, such as whether there is back pain at all."""

    question: Text = Field(description="The question, ending with a question mark.")
    plain: ShortText = Field(description="What the answer means, in the patient's words, for the reasons.")
    answers: list[AnswerOption] = Field(
        min_length=1, description="The answers besides No and Not sure, each with the result it gives."
    )
    no_label: ShortText | None = Field(None, description="The words of the No answer, if not just 'No'.")
    unsure: UnsureTier = Field(description="The result of 'not sure' or no answer.")


class Combination(SelfCheckRule):
    """Answers that mean more together than alone, and the result they give together."""

    when: dict[Id, list[Id]] = Field(
        min_length=2,
        description="Each question's id with the answers that must hold together, for example "
        "fever-with-back-pain: [yes]. 'Not sure' (or no answer) holds only where unsure is listed; 'no' "
        "never does.",
    )
    tier: SelfCheckTierId = Field(
        description="The result when all of them hold: more serious than each alone."
    )
    plain: ShortText = Field(description="The reason, in the patient's words, shown with the result.")


class Concerns(Record):
    question: ShortText
    hint: Text
    options: list[Concern] = Field(min_length=1, description="The concerns a patient can pick from.")
    when_suitable: Text = Field(description="Shown above the suggestions when massage may suit the patient.")
    when_not_yet: Text = Field(description="Shown above the pages to read when a doctor must agree first.")


class SelfCheck(Reviewed):
    name: ShortText = Field(description="The check's name, as shown in lists of the site's content.")
    intro: Text
    screen_heading: ShortText = Field(
        description="Heading of part 1: emergencies that only look like back pain."
    )
    screen_intro: Text
    red_flags_heading: ShortText
    red_flags_intro: Text
    contraindications_heading: ShortText
    contraindications_intro: Text
    background_questions: list[BackgroundQuestion] = Field(
        [],
        description="Asked at the start of part 2, before the warning signs, such as whether there is "
        "back pain.",
    )
    combinations: list[Combination] = Field(
        [], description="Answers that together give a more serious result than each alone."
    )
    if_unsure: IfUnsure = Field(description="What 'not sure' or no answer leads to.")
    worst_answer_rule: Text = Field(description="The rule that the most serious answer decides, in words.")
    tiers: list[SelfCheckTier] = Field(
        description="All five tiers, most severe first: emergency, urgent, avoid, doctor-first, suitable."
    )
    local_caution: Text = Field(
        description="Shown with a 'suitable' or 'doctor-first' result when a 'local' contraindication was "
        "answered 'yes'."
    )
    local_in_short: ShortText = Field(description="What 'yes' to a 'local' question means, in a few words.")
    not_a_diagnosis: Text
    crisis_heading: ShortText = Field(
        description="Heading of the crisis lines shown to someone who feels low."
    )
    crisis_intro: Text = Field(description="Shown above the crisis lines. May use the placeholders.")
    concerns: Concerns = Field(description="The last question: what bothers the patient.")
    follow_up_label: ShortText = Field(
        description="Shown before a follow-up question; {number} is the number of the question it follows."
    )
    unanswered_prompt: Text = Field(
        description="Shown when the patient asks for a result with questions left blank; {count} is how many."
    )
    unanswered_hint: ShortText = Field(
        description="Shown in each question left blank when the patient asks for a result."
    )
    summary_heading: ShortText = Field(description="Heading of the printable list of answers.")
    answer_again: Text = Field(
        description="Printed under the answers: do the check again if anything changes."
    )
    safety_summary: Text = Field(
        description="On the About page: how the check is proven safe; {hazards} and {cases} are the numbers "
        "of hazards and worked cases in hazard_log.yml."
    )


class GlossaryTerm(Entry):
    """A medical word the pages keep, explained in everyday words wherever it appears."""

    term: GlossaryWord
    other_forms: Annotated[list[GlossaryWord], TRANSLATED_WHOLE] = Field(
        [], description="Other forms of the word that the pages use, e.g. plurals ('ligaments')."
    )
    plain: Text = Field(description="What the word means, in one or two short sentences of everyday words.")

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.other_forms]


# --- The self-check's hazard log (in the style of DCB0129) -------------------------------------------

Severity = Literal["minor", "significant", "considerable", "major", "catastrophic"]
Likelihood = Literal["very-low", "low", "medium", "high", "very-high"]


class WorkedCase(Record):
    name: Name = Field(description="What the example shows.")
    answered_yes: list[Id] = Field([], description="Question ids answered 'yes'.")
    answered_not_sure: list[Id] = Field([], description="Question ids answered 'not sure'.")
    answered_known: list[Id] = Field(
        [], description="Question ids answered 'Yes, but a doctor has checked it and it has not changed'."
    )
    answers: dict[Id, Id] = Field(
        {}, description="Other answers, as question id: answer value (for questions with their own answers)."
    )
    concerns: list[Id] = Field([], description="Ids of the 'what bothers you' options ticked.")
    not_answered: list[Id] = Field([], description="Question ids left without an answer.")
    rest: Literal["answered-no", "not-answered"] = Field(
        "answered-no", description="How every other question is answered."
    )
    expect_tier: SelfCheckTierId = Field(description="The tier these answers must give.")
    expect_local_caution: bool = Field(False, description="true if the result must show the local caution.")
    expect_reasons: list[Id] | None = Field(
        None,
        description="If given, exactly the question (or combination) ids the result must name as its "
        "reasons.",
    )
    expect_crisis_lines: bool = Field(False, description="true if the result must show the crisis lines.")


class Hazard(Record):
    """Something that could go wrong for a patient using the self-check, and what stops it."""

    id: Id
    hazard: Name = Field(
        description="What could go wrong, for example 'A pregnant person is told massage suits them'."
    )
    cause: Note = Field(description="How it could happen.")
    harm: Note = Field(description="What it could do to the patient.")
    severity: Severity = Field(
        description="How bad the harm could be, on the DCB0129 scale: minor, significant, considerable, "
        "major, catastrophic."
    )
    likelihood: Likelihood = Field(
        description="How likely the harm is without the mitigation, on the DCB0129 scale: very-low, low, "
        "medium, high, very-high."
    )
    mitigation: Note = Field(description="What the self-check does so that it does not happen.")
    residual_likelihood: Likelihood = Field(
        description="How likely the harm still is with the mitigation in place (never more than likelihood)."
    )
    sources: list[Id] = Field(min_length=1, description="Ids from sources.yml: the guidance behind it.")
    worked_cases: list[WorkedCase] = Field(
        min_length=1,
        description="Example answers and the result they must give, proving the mitigation; the tests run "
        "each one through the page's own script.",
    )


class HazardLog(Reviewed):
    """The self-check's hazard log: one document, reviewed as a whole."""

    name: ShortText = Field(description="Its name in the list of the site's content.")
    hazards: list[Hazard] = Field(
        min_length=1, description="Each way the self-check could harm a patient, with its worked cases."
    )
