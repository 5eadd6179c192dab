"""Data -> Markdown fragments for the pages. Knows nothing of MkDocs.

Every data value goes through macros/markup.py, the one place that escapes: `text()` for a text, which
escapes HTML and Markdown, so what an editor types is shown exactly as typed and can never inject markup or
template code; `link`, `email_link` and `phone_link` for addresses, written as HTML attributes, never as
Markdown links. Links to pages point at page sources from the docs root
("/conditions/radiculitis.md#anchor"); MkDocs checks and rewrites them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from . import model, pages
from .load import Content
from .markup import email_link, html, link, page_link, phone_link, text

KIND_HEADINGS: dict[str, tuple[str, str]] = {
    "avoid": (
        "Do not book a massage if…",
        "Massage is not advised for now. Wait until you are well, or ask your doctor.",
    ),
    "doctor-first": (
        "Ask your doctor first if…",
        "Massage may be possible, but only when your doctor agrees.",
    ),
    "local": (
        "Tell your therapist if…",
        "Massage can usually go ahead. Your therapist will avoid the area that is affected.",
    ),
}


def condition_page_path(condition_id: str) -> str:
    return f"conditions/{condition_id}.md"


def condition_link(content: Content, condition_id: str) -> str:
    return page_link(content.conditions[condition_id].name, condition_page_path(condition_id))


def technique_link(content: Content, technique_id: str) -> str:
    t = content.techniques[technique_id]
    return page_link(t.name, "techniques.md", t.id)


def massage_type_link(content: Content, type_id: str) -> str:
    return page_link(content.massage_types[type_id].name, "massage-types.md", type_id)


def contraindication_link(content: Content, ci_id: str) -> str:
    return page_link(content.contraindications[ci_id].name, "contraindications.md", ci_id)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def also_called(names: list[str]) -> str:
    return f"*Also called: {', '.join(text(n) for n in names)}.*" if names else ""


def lead_with_also_called(lead: str, names: list[str]) -> str:
    """The entry's summary with its other names on the next line of the same paragraph, so a search result
    for one of those names shows the summary with it."""
    return f"{lead}<br>\n{also_called(names)}" if names else lead


def blocks(*parts: str) -> str:
    """Join Markdown blocks with blank lines, leaving out empty ones."""
    return "\n\n".join(p.strip("\n") for p in parts if p and p.strip()) + "\n"


def reference_block(kind: str, markdown: str) -> str:
    """Reference material (citations, the review register, addresses) in a block marked as such: it is
    quoted as published, so the plain-language measure leaves it out."""
    return f'<div class="{kind}" markdown>\n\n{markdown}\n\n</div>\n'


def format_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# Material's search skips an element carrying this attribute: text repeated on many pages must not drown
# the answers in search results.
SEARCH_EXCLUDE = "data-search-exclude"


def search_excluded(block: str) -> str:
    """A Markdown block (paragraph, list) left out of the site search."""
    return f"{block}\n{{ {SEARCH_EXCLUDE} }}"


def review_note(content: Content, entries: Iterable[model.Reviewed]) -> str:
    """'Page last reviewed … · Next review due … · Reviewed by …' for the entries a page shows."""
    entries = list(entries)
    last = max(e.last_reviewed for e in entries)
    due = min(e.next_review for e in entries)
    names = sorted({content.reviewers[e.reviewed_by].name for e in entries})
    return (
        f'<p class="review-note" {SEARCH_EXCLUDE}="true">Page last reviewed: {format_date(last)} · '
        f"Next review due: {format_date(due)} · Reviewed by: {html(', '.join(names))}</p>"
    )


def sources_note(content: Content, entries: Iterable[model.Reviewed]) -> str:
    ids: list[str] = []
    for entry in entries:
        ids += [s for s in entry.sources if s not in ids]
    # One source a line: a patient reads a list of titles more easily than one long sentence.
    links = bullets(page_link(content.sources[s].title, "about.md", f"source-{s}") for s in ids)
    return f'<div class="sources-note" {SEARCH_EXCLUDE}="true" markdown>\n\nSources:\n\n{links}\n\n</div>\n'


def page_footer(content: Content, entries: Iterable[model.Reviewed]) -> str:
    entries = list(entries)
    return blocks(sources_note(content, entries), review_note(content, entries))


# --- Urgent help ------------------------------------------------------------------------------------


def _red_flag_lists(content: Content, indent: str = "") -> list[str]:
    """The warning signs by what to do: call the emergency number now, or get medical help today."""
    clinic = content.clinic
    emergency = [f for f in content.red_flags.values() if f.tier == "emergency"]
    urgent = [f for f in content.red_flags.values() if f.tier == "urgent"]
    line = phone_link(clinic.non_emergency_number)
    lines = [
        f"**Call {phone_link(clinic.emergency_number)} now** if you have any of these:",
        "",
        *(f"- {text(f.symptom)}" for f in emergency),
        "",
        "**Get medical help today, before any massage,** if you have back pain and any of these:",
        "",
        *(f"- {text(f.symptom)}" for f in urgent),
        "",
        f"{text(clinic.non_emergency_advice)} Or call {text(clinic.non_emergency_name)} on {line}.",
    ]
    return [f"{indent}{line}" if line else "" for line in lines]


def care_card(content: Content) -> str:
    """The 'get help now' box: the red-flag symptoms and what to do.

    A labelled region, so screen readers can jump to it; `data-search-exclude` keeps it out of the search
    index, or every page would match "numbness" (the search finds them in `warning_signs` instead); it is
    kept when a page is printed.
    """
    lines = [
        '<section class="care-card" aria-label="Get help now" data-search-exclude="" markdown>',
        "",
        '!!! danger "Get help now"',
        "",
        *_red_flag_lists(content, indent="    "),
        "",
        "</section>",
    ]
    return "\n".join(lines) + "\n"


def warning_signs(content: Content) -> str:
    """The warning signs as a section of their own, the one place the site search finds them."""
    return blocks(
        "## Warning signs: get medical help, not a massage { #warning-signs }",
        "Back pain with one of these signs can mean something serious. Do not book a massage.",
        "\n".join(_red_flag_lists(content)),
    )


# --- Conditions ------------------------------------------------------------------------------------


def condition_page(content: Content, condition_id: str) -> str:
    c = content.conditions[condition_id]
    mt = content.massage_types[c.massage_type]
    concerns = [ci for ci in content.contraindications.values() if c.id in ci.conditions]
    sections = [
        f"# {text(c.name)}",
        lead_with_also_called(f"**{text(c.summary)}**", c.also_called),
        f"## What it feels like\n\n{text(c.feels_like)}" if c.feels_like else "",
        f"## Common causes\n\n{bullets(text(x) for x in c.causes)}" if c.causes else "",
        f"## How massage is used\n\n{text(c.how_massage_helps)}",
        f"## An example\n\n{text(c.example)}" if c.example else "",
        f"## If nothing is done\n\n{text(c.risks_if_ignored)}" if c.risks_if_ignored else "",
        f"## Which massage fits\n\n{massage_type_link(content, mt.id)}: {text(mt.summary)}",
        (
            "Stages that help most: " + ", ".join(technique_link(content, t) for t in c.techniques) + "."
            if c.techniques
            else ""
        ),
        f"## Be careful\n\n{bullets(text(x) for x in c.cautions)}" if c.cautions else "",
        (
            "Before you book, check "
            + ", ".join(contraindication_link(content, ci.id) for ci in concerns)
            + "."
            if concerns
            else ""
        ),
        "Not sure if massage is right for you now? "
        + page_link("Take the self-check", "self-check.md")
        + ".",
        f"## What research says\n\n{text(c.evidence)}" if c.evidence else "",
        ("## Related\n\n" + bullets(condition_link(content, r) for r in c.related) if c.related else ""),
        care_card(content),
        page_footer(content, [c]),
    ]
    return blocks(*sections)


def conditions_index(content: Content) -> str:
    parts = []
    for mt in content.massage_types.values():
        conditions = [content.conditions[c] for c in _conditions_of_type(content, mt.id)]
        if not conditions:
            continue
        parts.append(f"## {text(mt.name)} is used for {{ #{mt.id} }}")
        parts.append(bullets(f"{condition_link(content, c.id)}: {text(c.summary)}" for c in conditions))
    parts.append(page_footer(content, content.conditions.values()))
    return blocks(*parts)


# --- Massage types, stages, benefits, risk factors -------------------------------------------------


def _conditions_of_type(content: Content, type_id: str) -> list[str]:
    return [c.id for c in content.conditions.values() if c.massage_type == type_id]


def massage_types_comparison(content: Content) -> str:
    types = list(content.massage_types.values())
    head = "| | " + " | ".join(massage_type_link(content, t.id) for t in types) + " |"
    rule = "|---" * (len(types) + 1) + "|"

    def row(label: str, cells: Iterable[str]) -> str:
        return f"| **{label}** | " + " | ".join(cells) + " |"

    def helps_with(t: model.MassageType) -> str:
        return (
            ", ".join(condition_link(content, c) for c in _conditions_of_type(content, t.id)) or "none listed"
        )

    table = "\n".join(
        [
            head,
            rule,
            row("What it is", (text(t.summary) for t in types)),
            row("What it is for", (text(t.purpose) for t in types)),
            row("How it works", (text(t.how_it_works) for t in types)),
            row("Used for", (helps_with(t) for t in types)),
        ]
    )
    details = []
    for t in types:
        details += [
            f"## {text(t.name)} {{ #{t.id} }}",
            lead_with_also_called(text(t.summary), t.also_called),
            f"**What it is for:** {text(t.purpose)}",
            f"**How it works:** {text(t.how_it_works)}",
            # Lists, not one long sentence: a patient scans them.
            (
                "**Stages:**\n\n" + bullets(technique_link(content, s) for s in t.techniques)
                if t.techniques
                else ""
            ),
            "**Used for:**\n\n"
            + bullets(condition_link(content, c) for c in _conditions_of_type(content, t.id)),
        ]
    return blocks(table, *details, page_footer(content, types))


def techniques_list(content: Content) -> str:
    parts = []
    for number, t in enumerate(content.techniques.values(), start=1):
        parts += [
            f"## {number}. {text(t.name)} {{ #{t.id} }}",
            lead_with_also_called(f"**What it is:** {text(t.what_it_is)}", t.also_called),
            f"**What it feels like:** {text(t.feels_like)}",
            f"**What it does:** {text(t.what_it_does)}",
        ]
    return blocks(*parts, page_footer(content, content.techniques.values()))


def benefits_list(content: Content) -> str:
    parts = []
    for b in content.benefits.values():
        parts += [
            f"## {text(b.name)} {{ #{b.id} }}",
            text(b.summary),
            f"**What research says:** {text(b.evidence)}",
        ]
    parts.append(f"**{text(content.clinic.texts.massage_is_not_a_cure)}**")
    return blocks(*parts, page_footer(content, content.benefits.values()))


def risk_factors_list(content: Content) -> str:
    items = bullets(f"**{text(r.name)}:** {text(r.summary)}" for r in content.risk_factors.values())
    return blocks(items)


# --- Contraindications ------------------------------------------------------------------------------


def contraindications_by_kind(content: Content) -> str:
    parts = []
    for kind, (heading, intro) in KIND_HEADINGS.items():
        entries = [ci for ci in content.contraindications.values() if ci.kind == kind]
        if not entries:
            continue
        parts += [f"## {text(heading)} {{ #{kind} }}", text(intro)]
        for ci in entries:
            parts += [
                f"### {text(ci.name)} {{ #{ci.id} }}",
                text(ci.plain),
                f"**Why:** {text(ci.reason)}",
                (
                    "This matters for: " + ", ".join(condition_link(content, c) for c in ci.conditions) + "."
                    if ci.conditions
                    else ""
                ),
            ]
    # The page also shows the warning signs (warning_signs): their sources and review dates count too.
    return blocks(
        *parts, page_footer(content, [*content.red_flags.values(), *content.contraindications.values()])
    )


# --- The visit ----------------------------------------------------------------------------------------


def visit_timeline(content: Content) -> str:
    """The session as a bar of steps whose widths follow their minutes (HTML, no library)."""
    visit = content.visit
    cells = []
    start = 0
    for step in visit.steps:
        share = 100 * step.minutes / visit.duration_minutes
        label = f"{step.name}, minute {start} to {start + step.minutes}"
        cells.append(
            f'<li class="timeline-step" style="flex-basis:{share:.2f}%" title="{html(label)}">'
            f'<span class="timeline-name">{html(step.name)}</span>'
            f'<span class="timeline-minutes">{step.minutes} min</span></li>'
        )
        start += step.minutes
    return (
        f'<ol class="visit-timeline" aria-label="Your {visit.duration_minutes}-minute session, step by step">'
        + "".join(cells)
        + "</ol>"
    )


def visit_page(content: Content) -> str:
    visit = content.visit
    steps = []
    for number, step in enumerate(visit.steps, start=1):
        stage = f" ({technique_link(content, step.technique)})" if step.technique else ""
        steps.append(
            f"{number}. **{text(step.name)}**{stage}, about {step.minutes} minutes: {text(step.text)}"
        )
    return blocks(
        f"**{text(visit.summary)}**",
        f"## How long it takes {{ #duration }}\n\nA session takes **{visit.duration_minutes} minutes**.",
        "## Before your visit { #preparation }",
        bullets(f"**{text(p.text)}** {text(p.why)}" for p in visit.preparation),
        "## What happens { #what-happens }",
        visit_timeline(content),
        "\n".join(steps),
        f"*{text(visit.timing_note)}*",
        visit_questions(content),
        page_footer(content, [visit]),
    )


def visit_questions(content: Content) -> str:
    """Common questions before a visit, each under its own heading so search lands on the answer."""
    visit = content.visit
    if not visit.questions:
        return ""
    parts = ["## Common questions { #questions }"]
    for q in visit.questions:
        answer = text(q.answer)
        if q.shows == "duration":
            answer = f"A session takes **{visit.duration_minutes} minutes**. {answer}"
        parts += [f"### {text(q.question)} {{ #{q.id} }}", answer]
        if q.shows == "preparation":
            parts.append(f"See the list under {page_link('Before your visit', 'visit.md', 'preparation')}.")
        if q.shows == "clinic-contact":
            parts.append(clinic_contact_line(content))
    return blocks(*parts)


# --- About, sources, clinic ---------------------------------------------------------------------------


def clinic_contact(content: Content) -> str:
    c = content.clinic
    a = c.address
    return reference_block(
        "contact-details",
        bullets(
            [
                f"**{text(c.name)}**, "
                + ", ".join(text(part) for part in (a.street, a.town, a.postcode, a.country)),
                f"Phone: {phone_link(c.phone)}",
                f"Email: {email_link(c.email)}",
                f"Opening hours: {text(c.opening_hours)}",
                link("Book a massage", c.booking_url),
            ]
        ),
    )


def clinic_contact_line(content: Content) -> str:
    """How to reach the clinic, in one sentence, from clinic.yml."""
    c = content.clinic
    return (
        f"Call the clinic on {phone_link(c.phone)} ({text(c.opening_hours)}), "
        f"email {email_link(c.email)} or {link('book online', c.booking_url)}."
    )


def no_advertising(content: Content) -> str:
    return text(content.clinic.texts.no_advertising) + "\n"


def disclaimer(content: Content) -> str:
    return search_excluded(f"*{text(content.clinic.texts.disclaimer)}*") + "\n"


def sources_list(content: Content) -> str:
    """Every source, a line each: its title (a link where it is online), who published it and when, and
    what it is used for. Each page names its own sources at its foot."""
    parts = []
    for s in content.sources.values():
        title = link(s.title, s.url) if s.url else f"*{text(s.title)}*"
        when = f", {s.published.year}" if s.published else ""
        note = f" {text(s.note)}" if s.note else ""
        parts.append(f'<span id="source-{s.id}"></span>{title}. {text(s.publisher)}{when}.{note}')
    return reference_block("source-list", bullets(parts))


def reviewers_list(content: Content) -> str:
    return bullets(f"**{text(r.name)}**: {text(r.role)}" for r in content.clinic.reviewers)


def review_table(content: Content) -> str:
    rows = ["| Content | Last reviewed | Next review due | Reviewed by |", "|---|---|---|---|"]
    for collection, entry in content.reviewed_entries():
        label = getattr(entry, "name", None) or getattr(entry, "symptom", None) or collection.capitalize()
        rows.append(
            f"| {text(label)} | {entry.last_reviewed.isoformat()} | {entry.next_review.isoformat()} "
            f"| {text(content.reviewers[entry.reviewed_by].name)} |"
        )
    return reference_block("review-register", "\n".join(rows))


# --- Home --------------------------------------------------------------------------------------------


def home_overview(content: Content) -> str:
    """The two types, who massage helps and what strains the back, each linking to its page."""
    types = bullets(
        f"{massage_type_link(content, t.id)}: {text(t.summary)}" for t in content.massage_types.values()
    )
    helps = ", ".join(condition_link(content, c) for c in content.conditions)
    return blocks(
        "## Two types of back massage { #types }",
        types,
        "## What it is used for { #who-it-helps }",
        f"Back massage is used for: {helps}. See {page_link('all conditions', 'conditions/index.md')}.",
        "## What strains your back { #risk-factors }",
        risk_factors_list(content),
        "## Before you book { #before-you-book }",
        bullets(
            [
                page_link("Is back massage right for me now? Take the self-check", "self-check.md"),
                page_link("When not to have a massage", "contraindications.md"),
                page_link("What happens at your visit", "visit.md"),
            ]
        ),
        page_footer(content, pages.entries_on_page(content, "index.md")),
    )


def clinic_review_note(content: Content) -> str:
    """Review line for pages whose text is the clinic's own (about, contact)."""
    return review_note(content, [content.clinic])


# --- Glossary ------------------------------------------------------------------------------------------


def glossary_abbreviations(content: Content) -> dict[str, str]:
    """Every glossary word, as written and with a capital letter, mapped to its plain explanation.

    Python-Markdown's `abbr` extension wraps each occurrence on every page in <abbr title="…">, which the
    theme shows as a tooltip."""
    abbreviations: dict[str, str] = {}
    for entry in content.glossary.values():
        explanation = " ".join(entry.plain.split())
        for form in entry.forms:
            abbreviations[form] = explanation
            abbreviations[form[0].upper() + form[1:]] = explanation
    return abbreviations


def glossary_list(content: Content) -> str:
    """The glossary page: every word in alphabetical order with its explanation."""
    parts = []
    for entry in sorted(content.glossary.values(), key=lambda e: e.term):
        heading = entry.term[0].upper() + entry.term[1:]
        parts += [f"## {text(heading)} {{ #{entry.id} }}", text(entry.plain)]
    return blocks(*parts, page_footer(content, content.glossary.values()))


# --- Printable handout -------------------------------------------------------------------------------


def visit_handout(content: Content) -> str:
    """One printed page to take home: how to get ready, when not to come, how to reach the clinic."""
    visit = content.visit
    clinic = content.clinic
    a = clinic.address
    parts = [
        f"A back massage takes **{visit.duration_minutes} minutes**.",
        "## Get ready { #get-ready }",
        bullets(f"**{text(p.text)}** {text(p.why)}" for p in visit.preparation),
    ]
    for kind, (heading, intro) in KIND_HEADINGS.items():
        entries = [ci for ci in content.contraindications.values() if ci.kind == kind]
        if entries:
            items = bullets(text(ci.plain) for ci in entries)
            parts += [f"## {text(heading)} {{ #{kind} }}", text(intro), items]
    parts += [
        "## Contact the clinic { #contact }",
        bullets(
            [
                f"**{text(clinic.name)}**, {text(a.street)}, {text(a.town)}, {text(a.postcode)}",
                f"Phone: {text(clinic.phone)} · Email: {text(clinic.email)}",
                f"Open: {text(clinic.opening_hours)}",
                f"Book online: {text(clinic.booking_url)}",
            ]
        ),
        care_card(content),
    ]
    body = blocks(*parts, review_note(content, [visit, clinic, *content.contraindications.values()]))
    # The handout repeats other pages for paper: search leads to those pages instead.
    return f'<div class="handout" {SEARCH_EXCLUDE}="true" markdown>\n\n{body}\n</div>\n'
