"""Data -> Markdown blocks for the pages, one function for each block a page calls. Knows nothing of MkDocs.

Every word a patient reads comes from the data: the entries, and data/site_texts.yml for the labels and
lines around them (`content.site_texts`), so no sentence is written here. Every data value goes through
macros/markup.py, the one place that escapes: `text()` for a text, which
escapes HTML and Markdown, so what an editor types is shown exactly as typed and can never inject markup or
template code; `link`, `email_link` and `phone_link` for addresses, written as HTML attributes, never as
Markdown links. Links to pages point at page sources from the docs root
("/conditions/radiculitis.md#anchor"); MkDocs checks and rewrites them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..content import Content, model
from . import registry
from .blocks import (
    blocks,
    bullets,
    condition_link,
    contraindication_link,
    format_date,
    labelled,
    lead_with_also_called,
    massage_type_link,
    reference_block,
    search_excluded,
    technique_link,
)
from .footers import page_footer, review_note, translation_review
from .markup import email_link, filled, html, in_language, link, page_link, phone_link, text

KINDS: tuple[model.Kind, ...] = ("avoid", "doctor-first", "local")


# --- Urgent help ------------------------------------------------------------------------------------


def _red_flag_lists(content: Content) -> str:
    """The warning signs by what to do: call the emergency number now, or get medical help today."""
    clinic = content.clinic
    card = content.site_texts.care_card
    tier: dict[str, list[str]] = {"emergency": [], "urgent": []}
    for flag in content.red_flags.values():
        tier[flag.tier].append(f"- {text(flag.symptom)}")
    emergency = filled(card.emergency, emergency_number=phone_link(clinic.emergency_number))
    otherwise = filled(
        card.otherwise,
        non_emergency_advice=text(clinic.non_emergency_advice),
        non_emergency_name=text(clinic.non_emergency_name),
        non_emergency_number=phone_link(clinic.non_emergency_number),
    )
    return blocks(
        f"**{emergency}**",
        "\n".join(tier["emergency"]),
        f"**{text(card.urgent)}**",
        "\n".join(tier["urgent"]),
        otherwise,
    )


def care_card(content: Content, full: bool = False) -> str:
    """The 'get help now' box: one line with the emergency number, and the warning signs in a list that
    opens (`full=True`: shown open, for the printed handout). Printed pages show the list open too.

    A labelled region, so screen readers can jump to it; `data-search-exclude` keeps it out of the search
    index, or every page would match "numbness" (the search finds them in `warning_signs` instead).
    """
    card = content.site_texts.care_card
    line = filled(
        card.line, in_html=True, emergency_number=phone_link(content.clinic.emergency_number, in_html=True)
    )
    signs = _red_flag_lists(content)
    summary = f"<summary>{html(card.show_signs)}</summary>"
    body = signs if full else f'<details class="care-card-signs" markdown>\n{summary}\n\n{signs}\n</details>'

    return blocks(
        f'<section class="care-card" aria-label="{html(card.title)}" data-search-exclude="" markdown>',
        f'<p class="care-card-line"><strong>{html(card.title)}</strong> {line}</p>',
        body,
        "</section>",
    )


def warning_signs(content: Content) -> str:
    """The warning signs in full, the one place the site search finds them (contraindications page)."""
    return _red_flag_lists(content)


# --- Conditions ------------------------------------------------------------------------------------


def condition_page(content: Content, condition_id: str) -> str:
    c = content.conditions[condition_id]
    t = content.site_texts.condition
    mt = content.massage_types[c.massage_type]
    concerns = [ci for ci in content.contraindications.values() if c.id in ci.conditions]

    def section(heading: str, body: str) -> str:
        return f"## {text(heading)}\n\n{body}" if body else ""

    stages = ", ".join(technique_link(content, s) for s in c.techniques)
    checks = ", ".join(contraindication_link(content, ci.id) for ci in concerns)
    return blocks(
        f"# {text(c.name)}",
        lead_with_also_called(content, f"**{text(c.summary)}**", c.also_called),
        section(t.feels_like, text(c.feels_like or "")),
        section(t.causes, bullets(text(x) for x in c.causes)),
        section(t.how_massage_helps, text(c.how_massage_helps)),
        section(t.example, text(c.example or "")),
        section(t.if_ignored, text(c.risks_if_ignored or "")),
        section(t.which_massage, f"{massage_type_link(content, mt.id)}: {text(mt.summary)}"),
        filled(t.stages, stages=stages) if c.techniques else "",
        section(t.be_careful, bullets(text(x) for x in c.cautions)),
        filled(t.check_first, entries=checks) if concerns else "",
        filled(t.self_check, link=page_link(t.self_check_link, "self-check.md")),
        section(t.evidence, text(c.evidence or "")),
        section(t.related, bullets(condition_link(content, r) for r in c.related)),
        care_card(content),
        page_footer(content, registry.condition_page_path(c.id)),
    )


def conditions_index(content: Content) -> str:
    parts = []
    for mt in content.massage_types.values():
        conditions = [content.conditions[c] for c in _conditions_of_type(content, mt.id)]
        if not conditions:
            continue
        heading = filled(content.site_texts.condition.used_for, massage_type=text(mt.name))
        parts.append(f"## {heading} {{ #{mt.id} }}")
        parts.append(bullets(f"{condition_link(content, c.id)}: {text(c.summary)}" for c in conditions))
    return blocks(*parts)


def conditions_summary(content: Content) -> str:
    """One sentence naming every condition, each a link (home page)."""
    t = content.site_texts.condition
    names = ", ".join(condition_link(content, c) for c in content.conditions)
    return filled(
        t.all_conditions, conditions=names, all=page_link(t.all_conditions_link, "conditions/index.md")
    )


# --- Massage types, stages, benefits, risk factors -------------------------------------------------


def _conditions_of_type(content: Content, type_id: str) -> list[str]:
    return [c.id for c in content.conditions.values() if c.massage_type == type_id]


def massage_types_summary(content: Content) -> str:
    """Each type of massage with its summary, linking to its section (home page)."""
    return bullets(
        f"{massage_type_link(content, t.id)}: {text(t.summary)}" for t in content.massage_types.values()
    )


def massage_types_comparison(content: Content) -> str:
    labels = content.site_texts.labels
    types = list(content.massage_types.values())
    head = "| | " + " | ".join(massage_type_link(content, t.id) for t in types) + " |"
    rule = "|---" * (len(types) + 1) + "|"

    def row(label: str, cells: Iterable[str]) -> str:
        return f"| **{text(label)}** | " + " | ".join(cells) + " |"

    def helps_with(t: model.MassageType) -> str:
        return ", ".join(condition_link(content, c) for c in _conditions_of_type(content, t.id)) or text(
            labels.none_listed
        )

    table = "\n".join(
        [
            head,
            rule,
            row(labels.what_it_is, (text(t.summary) for t in types)),
            row(labels.what_it_is_for, (text(t.purpose) for t in types)),
            row(labels.how_it_works, (text(t.how_it_works) for t in types)),
            row(labels.used_for, (helps_with(t) for t in types)),
        ]
    )
    details = []
    for t in types:
        details += [
            f"## {text(t.name)} {{ #{t.id} }}",
            lead_with_also_called(content, text(t.summary), t.also_called),
            labelled(labels.what_it_is_for, text(t.purpose)),
            labelled(labels.how_it_works, text(t.how_it_works)),
            # Lists, not one long sentence: a patient scans them.
            (
                f"**{text(labels.stages)}**\n\n" + bullets(technique_link(content, s) for s in t.techniques)
                if t.techniques
                else ""
            ),
            f"**{text(labels.used_for)}**\n\n"
            + bullets(condition_link(content, c) for c in _conditions_of_type(content, t.id)),
        ]
    return blocks(table, *details)


def techniques_list(content: Content) -> str:
    labels = content.site_texts.labels
    parts = []
    for number, t in enumerate(content.techniques.values(), start=1):
        parts += [
            f"## {number}. {text(t.name)} {{ #{t.id} }}",
            lead_with_also_called(content, labelled(labels.what_it_is, text(t.what_it_is)), t.also_called),
            labelled(labels.feels_like, text(t.feels_like)),
            labelled(labels.what_it_does, text(t.what_it_does)),
        ]
    return blocks(*parts)


def benefits_list(content: Content) -> str:
    labels = content.site_texts.labels
    parts = []
    for b in content.benefits.values():
        parts += [
            f"## {text(b.name)} {{ #{b.id} }}",
            text(b.summary),
            labelled(labels.evidence, text(b.evidence)),
        ]
    parts.append(f"**{text(content.site_texts.massage_is_not_a_cure)}**")
    return blocks(*parts)


def risk_factors_list(content: Content) -> str:
    return bullets(f"**{text(r.name)}:** {text(r.summary)}" for r in content.risk_factors.values())


# --- Contraindications ------------------------------------------------------------------------------


def contraindications_by_kind(content: Content) -> str:
    labels = content.site_texts.labels
    parts = []
    for kind in KINDS:
        entries = [ci for ci in content.contraindications.values() if ci.kind == kind]
        if not entries:
            continue
        texts = content.site_texts.kinds.of(kind)
        parts += [f"## {text(texts.heading)} {{ #{kind} }}", text(texts.intro)]
        for ci in entries:
            matters = ", ".join(condition_link(content, c) for c in ci.conditions)
            parts += [
                f"### {text(ci.name)} {{ #{ci.id} }}",
                text(ci.plain),
                labelled(labels.why, text(ci.reason)),
                filled(labels.matters_for, conditions=matters) if ci.conditions else "",
            ]
    return blocks(*parts)


# --- The visit ----------------------------------------------------------------------------------------


def _visit_question(content: Content, shows: str) -> model.Question | None:
    return next((q for q in content.visit.questions if q.shows == shows), None)


def visit_duration(content: Content) -> str:
    """How long a session takes: the visit question that shows it, as the page's first section."""
    visit = content.visit
    question = _visit_question(content, "duration")
    heading = text(question.question) if question else text(content.site_texts.visit.duration_heading)
    anchor = question.id if question else "duration"
    duration = filled(content.site_texts.visit.duration, minutes=f"**{visit.duration_minutes}**")
    return blocks(
        f"## {heading} {{ #{anchor} }}", f"{duration} {text(question.answer)}" if question else duration
    )


def visit_preparation(content: Content) -> str:
    """What to do before the visit: the question that shows it, then the list."""
    question = _visit_question(content, "preparation")
    heading = text(question.question) if question else text(content.site_texts.visit.preparation_heading)
    anchor = question.id if question else "preparation"
    return blocks(
        f"## {heading} {{ #{anchor} }}",
        text(question.answer) if question else "",
        bullets(f"**{text(p.text)}** {text(p.why)}" for p in content.visit.preparation),
    )


def visit_steps(content: Content) -> str:
    """The session, step by step, as one list: each step's bar is as wide as its share of the session."""
    visit = content.visit
    t = content.site_texts.visit
    items = []
    for step in visit.steps:
        share = 100 * step.minutes / visit.duration_minutes
        stage = ""
        if step.technique:
            stage = filled(t.stage, stage=technique_link(content, step.technique))
            stage = f' <span class="timeline-stage">{stage}</span>'
        items.append(
            f'<li class="timeline-step" markdown="span">'
            # The step's share of the session drawn as an SVG rectangle: a presentation attribute, not an
            # inline style, which the pages' Content-Security-Policy does not allow.
            f'<svg class="timeline-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect width="{max(share, 1.5):.2f}" height="1" rx="0.5"/></svg>'
            f'<strong class="timeline-name">{text(step.name)}</strong> '
            f'<span class="timeline-minutes">{filled(t.step, minutes=str(step.minutes))}</span>{stage}<br>'
            f"{text(step.text)}</li>"
        )
    return blocks(
        f'<ol class="visit-timeline" aria-label="{html(t.timeline_label)}" markdown="1">\n'
        + "\n".join(items)
        + "\n</ol>",
        f"*{text(visit.timing_note)}*",
    )


def visit_questions(content: Content) -> str:
    """The other common questions, each under its own heading so search lands on the answer."""
    t = content.site_texts.visit
    parts = []
    pointed_to_contact = False  # the page says where the contact details are once, not under each answer
    for q in content.visit.questions:
        if q.shows in ("duration", "preparation"):
            continue  # they are sections of their own (visit_duration, visit_preparation)
        parts += [f"### {text(q.question)} {{ #{q.id} }}", text(q.answer)]
        if q.shows == "clinic-contact" and not pointed_to_contact:
            parts.append(filled(t.see_contact, link=page_link(t.contact_link, "visit.md", "contact")))
            pointed_to_contact = True
    return blocks(*parts)


# --- About, sources, clinic ---------------------------------------------------------------------------


def clinic_contact(content: Content) -> str:
    c = content.clinic
    t = content.site_texts.contact
    a = c.address
    return reference_block(
        "contact-details",
        bullets(
            [
                f"**{text(c.name)}**, "
                + ", ".join(text(part) for part in (a.street, a.town, a.postcode, a.country)),
                filled(t.phone, phone=phone_link(c.phone)),
                filled(t.email, email=email_link(c.email)),
                filled(t.opening_hours, hours=text(c.opening_hours)),
                link(t.book, c.booking_url),
            ]
        ),
    )


def clinic_contact_line(content: Content) -> str:
    """How to reach the clinic, in one sentence, from clinic.yml."""
    c = content.clinic
    t = content.site_texts.contact
    return filled(
        t.line,
        phone=phone_link(c.phone),
        hours=text(c.opening_hours),
        email=email_link(c.email),
        booking=link(t.book_online, c.booking_url),
    )


def no_advertising(content: Content) -> str:
    return text(content.site_texts.no_advertising) + "\n"


def disclaimer(content: Content) -> str:
    return search_excluded(f"*{text(content.site_texts.disclaimer)}*") + "\n"


def sources_list(content: Content) -> str:
    """Every source, a row each: its title (a link where it is online), who published it and when, and
    what it is used for. A table: reference material, quoted as published (so the plain-language measure
    leaves it out). Each page names its own sources at its foot, linking to their rows here."""
    texts = content.site_texts.review
    rows = [f"| {text(texts.source_column)} | {text(texts.use_column)} |", "|---|---|"]
    for s in content.sources.values():
        lang = content.foreign(s.language)
        title = link(s.title, s.url, lang=lang) if s.url else f"*{in_language(text(s.title), lang)}*"
        when = f", {s.published.year}" if s.published else ""
        note = text(s.note) if s.note else ""
        publisher = in_language(text(s.publisher), lang)
        rows.append(f'| <span id="source-{s.id}"></span>{title}. {publisher}{when}. | {note} |')
    return reference_block("source-list", "\n".join(rows))


def reviewers_list(content: Content) -> str:
    return bullets(f"**{text(r.name)}**: {text(r.role)}" for r in content.clinic.reviewers)


def review_groups(content: Content) -> str:
    """The review dates, one line for each group of texts checked on the same day by the same people and
    due again on the same day ('Checked on … by …. Next check by …. This covers:'), then the names of
    the texts in that group, as a list shown on one line."""
    texts = content.site_texts.review
    groups: dict[tuple[Any, ...], dict[str, None]] = {}
    for collection, entry in content.reviewed_entries():
        key = (entry.last_reviewed, entry.next_review, content.reviewers[entry.reviewed_by].name)
        groups.setdefault(key, {})[getattr(texts.collections, collection)] = None
    items = []
    for (last, due, reviewer), names in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        line = filled(
            texts.group,
            in_html=True,
            last=format_date(last, content.language),
            due=format_date(due, content.language),
            reviewers=html(reviewer),
        )
        covers = "".join(f"<li>{html(name)}</li>" for name in names)
        items.append(f'<li>{line}<ul class="review-covers">{covers}</ul></li>')
    translation, _ = translation_review(content)
    if translation:  # on a page in a translation: the translation's own review, last
        items.append(f"<li>{translation}</li>")
    return f'<ul class="review-groups">{"".join(items)}</ul>\n'


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
    return blocks(*parts)


# --- Printable handout -------------------------------------------------------------------------------


def handout_duration(content: Content) -> str:
    return filled(content.site_texts.visit.duration, minutes=f"**{content.visit.duration_minutes}**")


def handout_preparation(content: Content) -> str:
    return bullets(f"**{text(p.text)}** {text(p.why)}" for p in content.visit.preparation)


def handout_contraindications(content: Content) -> str:
    """Each kind of contraindication, its heading and the entries in a few words."""
    parts = []
    for kind in KINDS:
        entries = [ci for ci in content.contraindications.values() if ci.kind == kind]
        if entries:
            texts = content.site_texts.kinds.of(kind)
            parts += [
                f"## {text(texts.heading)} {{ #{kind} }}",
                text(texts.intro),
                bullets(text(ci.plain) for ci in entries),
            ]
    return blocks(*parts)


def handout_contact(content: Content) -> str:
    """The clinic's address, and its phone, email and booking page as links a patient can tap (and that
    print with their address written out)."""
    clinic = content.clinic
    t = content.site_texts.contact
    a = clinic.address
    return bullets(
        [
            f"**{text(clinic.name)}**, {text(a.street)}, {text(a.town)}, {text(a.postcode)}",
            filled(t.phone, phone=phone_link(clinic.phone)),
            filled(t.email, email=email_link(clinic.email)),
            filled(t.opening_hours, hours=text(clinic.opening_hours)),
            link(t.book, clinic.booking_url),
        ]
    )


def handout_footer(content: Content) -> str:
    return review_note(content, registry.entries_on_page(content, "handout.md"))
