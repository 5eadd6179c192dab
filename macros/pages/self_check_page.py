"""The self-check page, rendered at build time from the data.

Without JavaScript the page is a printable checklist: numbered questions with yes / no / not sure boxes
and, below them, the rules in words. docs/javascripts/self-check.js enhances it: it reads the rule table
embedded in the page, evaluates the answers on the device and shows the matching result, whose texts are
all rendered here (hidden) so that every data text is escaped in one place and every link is checked by
the strict build.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content import Content, self_check
from ..content.self_check import SUITABLE, Question, fill, questions
from .blocks import blocks, list_words
from .markup import attr, filled, html, json_attr, link, page_link, phone_link, text


def answer_choices(q: Question, content: Content) -> list[tuple[str, str]]:
    """(value, words) of each answer a question offers, in the order shown: its kinds of yes, no, not
    sure."""
    labels = content.site_texts.self_check.answers
    words = {"yes": labels.yes, "known": labels.known}
    choices = [(a.value, a.label or words[a.value]) for a in q.answers]
    return [*choices, ("no", q.no_label or labels.no), ("unsure", labels.unsure)]


def _question_fieldset(q: Question, content: Content, numbers: dict[str, int]) -> str:
    radios = "".join(
        f'<label><input type="radio" name="{q.id}" value="{value}"> {html(words)}</label>'
        for value, words in answer_choices(q, content)
    )
    follow_up = ""
    if q.follow_up_of:
        label = content.self_check.follow_up_label.replace("{number}", str(numbers[q.follow_up_of]))
        follow_up = f'<span class="sc-follow-up">{html(label)}</span> '
    return (
        f'<fieldset class="sc-question" id="sc-q-{q.id}">'
        f'<legend><span class="sc-number">{q.number}.</span> {follow_up}'
        f"<span data-question-text>{html(q.text)}</span></legend>"
        f'<div class="sc-answers">{radios}</div></fieldset>'
    )


def self_check_form(content: Content) -> str:
    """The questions as a real HTML form: warning signs first, then the contraindications, then the
    optional "what bothers you" part. `method="dialog"` makes a submission without JavaScript do nothing,
    so answers can never end up in the address bar or a server log.

    The rule table travels in the form's `data-rules` attribute rather than a <script type=
    "application/json">: Material's instant navigation re-runs inline scripts as JavaScript, dropping
    their type and id."""
    sc = content.self_check
    asked = questions(content)
    numbers = {q.id: q.number for q in asked}
    parts = [
        f'<form id="self-check" class="self-check" method="dialog" novalidate '
        # The summary's date as the page's language writes it in the clinic's country (en-GB, ru-GB).
        f'data-locale="{attr(content.code)}-{attr(content.clinic.country_code)}" '
        # Said beside each question left blank; the script writes it there, so the page holds it once.
        f'data-unanswered-hint="{attr(sc.unanswered_hint)}" '
        f'data-rules="{json_attr(self_check.rules(content), sort_keys=True)}">',
    ]
    words = content.site_texts.self_check
    # With JavaScript, one part at a time and the progress through them (the script shows both).
    where = filled(
        words.progress,
        in_html=True,
        number="<span data-part-number></span>",
        count="<span data-part-count></span>",
    )
    parts.append(f'<p class="sc-progress" data-progress hidden>{where}</p>')
    for part, heading, intro in (
        ("screen", sc.screen_heading, sc.screen_intro),
        ("warning-signs", sc.red_flags_heading, sc.red_flags_intro),
        ("health", sc.contraindications_heading, sc.contraindications_intro),
    ):
        parts.append(
            f'<section class="sc-part" data-part="{part}" aria-labelledby="sc-part-{part}" tabindex="-1">'
        )
        parts.append(f'<h2 id="sc-part-{part}">{html(heading)}</h2><p>{html(fill(intro, content))}</p>')
        parts += [_question_fieldset(q, content, numbers) for q in asked if q.part == part]
        parts.append("</section>")
    options = "".join(
        f'<label class="sc-concern"><input type="checkbox" name="concern" value="{o.id}"> '
        f"{html(o.label)}</label>"
        for o in sc.concerns.options
    )
    parts.append(
        '<section class="sc-part" data-part="concerns" aria-labelledby="sc-part-concerns" tabindex="-1">'
        '<fieldset class="sc-concerns" data-concerns>'
        f'<legend id="sc-part-concerns">{html(sc.concerns.question)}</legend>'
        f"<p>{html(sc.concerns.hint)}</p>{options}</fieldset></section>"
    )
    prompt = filled(sc.unanswered_prompt, in_html=True, count="<strong data-missing-count></strong>")
    parts.append(f'<p id="self-check-missing" class="sc-missing" role="alert" hidden>{prompt}</p>')
    # Hidden until the script runs: without JavaScript the buttons could do nothing useful.
    parts.append(
        '<p class="sc-submit">'
        f'<button type="button" class="md-button" data-action="back" hidden>{html(words.back)}</button> '
        '<button type="button" class="md-button md-button--primary" data-action="next" hidden>'
        f"{html(words.next)}</button> "
        '<button type="submit" class="md-button md-button--primary" '
        f'data-action="submit" hidden>{html(words.submit)}</button></p>'
    )
    parts.append("</form>")
    return "\n".join(parts)


def _answers_in_words(content: Content, choices: dict[str, str], values: list[str]) -> str:
    """The answers a combination lists, in the words of the form; every answer but no, in a few words."""
    if set(values) == set(choices) - {"no"}:
        return text(content.site_texts.self_check.any_answer_but_no)
    return list_words(content, [text(choices.get(v, v)) for v in values])


def self_check_rules(content: Content) -> str:
    """The rules in words, with the question numbers they apply to: the no-JavaScript checklist's key."""
    sc = content.self_check
    words = content.site_texts.self_check
    asked = questions(content)
    numbers = {q.id: str(q.number) for q in asked}
    choices = {q.id: dict(answer_choices(q, content)) for q in asked}

    def rule(template: str, found: list[str], result: str) -> str:
        return f"**{filled(template, numbers=list_words(content, found))}** {result}"

    def in_short(tier_id: str) -> str:
        return text(fill(self_check.tier(content, tier_id).in_short, content))

    items = [text(sc.worst_answer_rule)]
    for t in sc.tiers:
        if t.id == SUITABLE:
            continue
        # "Yes" worded by the site; a question's own words for its kinds of yes have rules of their own.
        yes = [
            numbers[q.id]
            for q in asked
            if any(a.value == "yes" and not a.label and a.tier == t.id for a in q.answers)
        ]
        if yes:
            items.append(rule(words.rule_yes, yes, in_short(t.id)))
        known = [numbers[q.id] for q in asked if q.tiers.get("known") == t.id]
        if known:
            items.append(rule(words.rule_known, known, in_short(t.id)))
        for q in asked:
            for a in q.answers:
                if a.label and a.tier == t.id:
                    answer = filled(words.rule_answer, answer=text(a.label), number=numbers[q.id])
                    items.append(f"**{filled(words.rule_alone, answer=answer)}** {in_short(t.id)}")
        for c in self_check.combinations(content):
            if c.tier == t.id:
                parts = [
                    filled(
                        words.rule_answer,
                        answer=_answers_in_words(content, choices[qid], values),
                        number=numbers[qid],
                    )
                    for qid, values in c.when.items()
                ]
                together = filled(words.rule_together, answers=list_words(content, parts, last="and"))
                items.append(f"**{together}** {in_short(t.id)}")
    local = [numbers[q.id] for q in asked if q.local]
    if local:
        items.append(rule(words.rule_yes, local, text(sc.local_in_short)))
    known = [numbers[q.id] for q in asked if q.tiers.get("known") == SUITABLE]
    if known:  # a checked, unchanged sign: a massage may go ahead, and the therapist is told
        items.append(rule(words.rule_known, known, text(sc.local_in_short)))
    for q in asked:
        for a in q.answers:
            if a.label and a.tier == SUITABLE:
                answer = filled(words.rule_answer, answer=text(a.label), number=numbers[q.id])
                items.append(f"**{filled(words.rule_alone, answer=answer)}** {in_short(SUITABLE)}")
    for t in sc.tiers:
        unsure = [numbers[q.id] for q in asked if q.unsure_tier == t.id]
        if unsure:
            items.append(rule(words.rule_unsure, unsure, in_short(t.id)))
    items.append(f"**{text(words.rule_rest)}** {in_short(SUITABLE)}")
    return "\n".join(f"- {i}" for i in items) + "\n"


def _contacts(content: Content, contacts: Sequence[str]) -> str:
    """Who to contact, in the order the tier lists them: the first is the result's main button."""
    clinic = content.clinic
    words = content.site_texts.self_check

    def button(first: bool) -> str:
        return "md-button md-button--primary sc-call" if first else "md-button"

    def line(contact: str, first: bool) -> str:
        if contact == "emergency":
            label = filled(words.call, number=text(clinic.emergency_number))
            return phone_link(clinic.emergency_number, label, classes=button(first), label_is_markup=True)
        if contact == "non-emergency":
            label = filled(
                words.call_line,
                name=text(clinic.non_emergency_name),
                number=text(clinic.non_emergency_number),
            )
            return phone_link(clinic.non_emergency_number, label, classes=button(first), label_is_markup=True)
        if contact == "doctor":
            return text(clinic.non_emergency_advice)
        if contact == "clinic":
            return filled(words.clinic_questions, phone=phone_link(clinic.phone))
        return link(content.site_texts.contact.book, clinic.booking_url, classes=button(first))

    return "\n".join(f'<p markdown="span">{line(c, i == 0)}</p>' for i, c in enumerate(contacts))


def self_check_result(content: Content) -> str:
    """The result area: every possible text, hidden; the script shows the parts that apply.

    Headings here are `role="heading"` paragraphs: real <h2>s inside these Markdown blocks would all
    show in the page's table of contents, although at most one is ever shown. The whole area is left out
    of the site search: its texts are templates, not what the page says."""
    sc = content.self_check
    words = content.site_texts.self_check
    asked = questions(content)
    combos = self_check.combinations(content)
    # (id, advice, the tiers at which that id can be a reason): each advice is rendered in those tiers.
    advice_for = [(q.id, q.advice, set(q.tiers.values()) - {SUITABLE}) for q in asked if q.advice]
    advice_for += [(c.id, c.advice, {c.tier}) for c in combos if c.advice]
    out = [
        '<section id="self-check-result" class="sc-result" data-tier="" data-local-caution="false" '
        'tabindex="-1" aria-live="polite" hidden data-search-exclude markdown="1">',
    ]
    for t in sc.tiers:
        links = ", ".join(
            page_link(link.label, link.page.split("#")[0], link.page.partition("#")[2]) for link in t.links
        )
        out += [
            f'<div data-tier-text="{t.id}" hidden markdown="1">',
            f'<p class="sc-headline" role="heading" aria-level="2">{html(t.headline)}</p>',
            f'<p markdown="span">{text(fill(t.what_to_do, content))}</p>',
            *(
                f'<p data-advice-for="{qid}" hidden markdown="span">{text(fill(advice, content))}</p>'
                for qid, advice, tiers in advice_for
                if t.id in tiers
            ),
            _contacts(content, t.contacts),
            f'<p markdown="span">{filled(words.read_more, links=links)}</p>' if links else "",
            "</div>",
        ]
    out.append('<div class="sc-reasons" data-reasons hidden markdown="1">')
    out.append(f'<p class="sc-subhead" role="heading" aria-level="3">{html(words.reasons_heading)}</p>')
    out.append('<ul markdown="1">')
    for q in asked:
        page, _, anchor = q.read_more.partition("#")
        more = f" {page_link(words.why_this_matters, page, anchor)}"
        out.append(
            # The script puts the patient's answer in front (a combination's reason has none).
            f'<li data-reason="{q.id}" hidden markdown="span">{text(q.plain)}{more}</li>'
        )
    out += [
        f'<li data-reason="{c.id}" hidden markdown="span">{text(c.plain)}</li>' for c in combos if c.plain
    ]
    out.append("</ul>")
    out.append(f"<p data-unanswered hidden>{html(words.unanswered_note)}</p>")
    out.append("</div>")
    out.append('<div class="sc-caution" data-caution hidden markdown="1">')
    out.append(
        f'<p class="sc-subhead" role="heading" aria-level="3">{html(words.therapist_heading)}</p>\n'
        f'<p>{html(sc.local_caution)}</p>\n<ul markdown="1">'
    )
    out += [
        f'<li data-caution-for="{q.id}" hidden>{html(q.plain)}</li>'
        for q in asked
        if q.local or "known" in q.tiers
    ]
    out.append("</ul>\n</div>")
    out.append(crisis_lines(content))
    out.append('<div class="sc-concerns-result" data-concerns-result hidden markdown="1">')
    out.append(f'<p data-when="suitable">{html(sc.concerns.when_suitable)}</p>')
    out.append(f'<p data-when="later">{html(sc.concerns.when_not_yet)}</p>')
    out.append('<ul markdown="1">')
    for option in sc.concerns.options:
        conditions = [content.conditions[c] for c in option.conditions]
        types = dict.fromkeys(c.massage_type for c in conditions)
        type_links = list_words(
            content, [page_link(content.massage_types[m].name, "massage-types.md", m) for m in types]
        )
        reads = ", ".join(page_link(c.name, f"conditions/{c.id}.md") for c in conditions)
        out.append(
            f'<li data-concern="{option.id}" hidden markdown="span">**{text(option.label)}:** {reads}. '
            f'<span data-when="suitable">{filled(words.usually, massage_types=type_links)}</span></li>'
        )
    out.append("</ul>\n</div>")
    out.append('<div class="sc-summary" markdown="1">')
    # The script lists the questions here from their legends as it shows the result, each item keeping its
    # question's number when the "no" answers are left out of the printout: not twice in the page.
    out.append(f'<p class="sc-subhead" role="heading" aria-level="3">{html(sc.summary_heading)}</p>')
    out.append("<ol data-answers>")
    no_line = filled(words.summary_no, in_html=True, numbers="<span data-no-numbers></span>")
    out.append(f"</ol>\n<p data-summary-no hidden>{no_line}</p>\n</div>")
    out.append(f"<p><em>{html(sc.not_a_diagnosis)}</em></p>")
    checked = filled(words.checked_on, in_html=True, date="<span data-checked-at></span>")
    out.append(f"<p>{checked}</p>")
    out.append(f"<p>{html(sc.answer_again)}</p>")
    out.append(
        '<p class="sc-actions">'
        '<button type="button" class="md-button md-button--primary" data-action="print">'
        f"{html(words.print)}</button> "
        f'<button type="button" class="md-button" data-action="restart">{html(words.restart)}</button></p>'
    )
    out.append("</section>")
    return "\n".join(line for line in out if line)


def crisis_lines(content: Content) -> str:
    """The lines to call for someone who feels low, hidden until a concern that asks for them is ticked."""
    sc = content.self_check
    clinic = content.clinic
    lines = "".join(
        f'<li markdown="span">{text(line.name)}: {phone_link(line.number)} ({text(line.when)})</li>'
        for line in clinic.crisis_lines
    )
    return (
        '<div data-crisis hidden markdown="1">\n'
        f'<p class="sc-subhead" role="heading" aria-level="3">{html(sc.crisis_heading)}</p>\n'
        f'<p markdown="span">{text(fill(sc.crisis_intro, content))}</p>\n'
        f'<ul markdown="1">{lines}</ul>\n</div>'
    )


def self_check_safety(content: Content) -> str:
    """How the self-check is proven safe, with the numbers from the hazard log (About page)."""
    hazards = content.hazard_log.hazards
    summary = content.self_check.safety_summary.replace("{hazards}", str(len(hazards))).replace(
        "{cases}", str(sum(len(h.worked_cases) for h in hazards))
    )
    return blocks(text(summary))


def self_check_page(content: Content) -> str:
    """The self-check: intro, the form (with the rule table) and the result area. The page
    (docs/self-check.md) puts the rules in words (self_check_rules) under its own heading."""
    sc = content.self_check
    return blocks(
        text(fill(sc.intro, content)),
        f"*{text(sc.not_a_diagnosis)}*",
        f"<noscript><p>{html(content.site_texts.self_check.noscript)}</p></noscript>",
        self_check_form(content),
        self_check_result(content),
    )
