"""What an editor may type in a data text: plain words, nothing the site would read as code.

The pages escape every data text anyway (`markup.text`), so nothing typed here can ever run. But an
editor who types `<b>`, `**bold**` or `{{ clinic.name }}` expects formatting, and patients would see the
raw symbols instead. So the validator refuses them with a message saying what to write instead, and the
escaping stays as a second line of defence.
"""

from __future__ import annotations

import re
from html.entities import html5

from pydantic_core import PydanticCustomError

# (what it is, pattern, what to do instead). The first match is reported.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "HTML",
        re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]{0,40}>?"),
        "write plain words; the site lays out the page itself",
    ),
    (
        "template code",
        re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
        "the site would read it as code; write plain words, for a clinic detail use the clinic.yml field",
    ),
    (
        "Markdown formatting",
        re.compile(r"\*\*|__|`|!?\[[^\]]*\]\([^)]*\)?|^#{1,6}\s", re.MULTILINE),
        "write plain words; headings, bold text and links are added by the site",
    ),
)
_MAX_SAMPLE = 24


def markup_in(value: str) -> tuple[str, str, str] | None:
    """(what, the text found, advice) for the first markup in `value`, or None for plain text."""
    for what, pattern, advice in _RULES:
        match = pattern.search(value)
        if match:
            sample = match.group(0).strip()
            if len(sample) > _MAX_SAMPLE:
                sample = sample[: _MAX_SAMPLE - 1] + "…"
            return what, sample, advice
    return None


def refuse_markup(value: str) -> str:
    """Pydantic validator for every editor text: return it unchanged, or refuse the markup in it."""
    found = markup_in(value)
    if found:
        what, sample, advice = found
        raise PydanticCustomError(
            "plain_text",
            "{what} is not allowed in a text ({sample}); {advice}",
            {"what": what, "sample": repr(sample), "advice": advice},
        )
    return value


# The same rule for editors' YAML tools (JSON Schema, ECMAScript regex): a text must not match this.
MARKUP_PATTERN = (
    r"<\s*/?\s*[A-Za-z!?]|&(#[0-9]+|#[xX][0-9a-fA-F]+|lt|gt|amp|quot|apos|nbsp);"
    r"|\{\{|\}\}|\{%|%\}|\{#|#\}|\*\*|__|`|\]\(|^#{1,6}\s"
)


_ENTITY = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def html_entity(value: str) -> str | None:
    """The first HTML character code in `value` (&lt; &#60; &#x3c;), or None. "A&E;" holds none: E; is no
    entity's name. The site shows a text exactly as typed, so a code would show as typed, and any path that
    decodes it (a minifier, a tooltip) would read markup."""
    for match in _ENTITY.finditer(value):
        name = match.group(1)
        if name.startswith("#") or name in html5:
            return match.group(0)
    return None
