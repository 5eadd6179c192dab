"""The one place where a data value becomes markup: Markdown text, HTML text, an HTML attribute, a link, a
`mailto:` or `tel:` address, a link to a page of the site, or JSON inside a <script> or an attribute.

Every renderer (render.py, self_check_page.py, structured_data.py, branding.py, hooks.py) writes data
through these functions and escapes nothing itself. The rules:

- A data value never goes into Markdown link syntax `[…](…)`. Links to other hosts, `mailto:` and `tel:`
  are written as HTML `<a href="…">` with the address escaped as an attribute value; only links to pages
  of this site are Markdown (so MkDocs checks and rewrites them), and their targets must be page paths
  (`page_link` refuses anything else).
- A web address is parsed with `urllib.parse` and must be `https://` with a host name and no user name or
  password (`https_url`); the validator uses the same function, so what a page links to has passed it.
- `mailto:` and `tel:` addresses are built here from a checked email address (`email_address`, by the
  email-validator library) and the digits of a phone number.
- JSON in a page (`json_for_script`) can never end its <script> element or start markup.

Knows nothing of the data's models or of MkDocs, so the models can use its checks.
"""

from __future__ import annotations

import html as _html
import json
import re
from typing import Any
from urllib.parse import quote

import yaml

from ..content.fields import PLACEHOLDER, email_address, https_url

# Python-Markdown's escapable characters that can start markup anywhere in a line; "1." "-" "+" only can at
# the start of one.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#!|])")
_LINE_START = re.compile(r"^(\d+\.|[-+>])")
PAGE_PATH = re.compile(r"^[a-z0-9][a-z0-9/-]*\.md$")
ANCHOR = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --- Text ----------------------------------------------------------------------------------------------


def squash(value: str) -> str:
    """Runs of white space (a folded YAML text's line breaks) as one space."""
    return " ".join(value.split())


def text(value: str) -> str:
    """A data text as inline Markdown that renders exactly as written: HTML and Markdown escaped."""
    value = _html.escape(squash(value), quote=False)
    value = _MARKDOWN_SPECIALS.sub(r"\\\1", value)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], value)


def html(value: str) -> str:
    """A data text inside raw HTML, where no Markdown is applied."""
    return _html.escape(squash(value), quote=True)


def attr(value: str) -> str:
    """A value for inside a double- or single-quoted HTML attribute."""
    return _html.escape(squash(value), quote=True)


def filled(template: str, *, in_html: bool = False, **values: str) -> str:
    """A site text (data/site_texts.yml) with each {placeholder} replaced by its value, which is markup
    already made here (a link, an escaped text, a number). The words around them are escaped like any data
    text, for Markdown (`text`) or, with in_html, for raw HTML (`html`)."""
    escape = html if in_html else text
    out: list[str] = []
    for i, piece in enumerate(PLACEHOLDER.split(squash(template))):
        if i % 2:
            out.append(values[piece])
            continue
        if piece.startswith(".") and out and out[-1].endswith("."):
            piece = piece[1:]  # a value ending a sentence with its own full stop ("4 декабря 2026 г.")
        if piece.strip():
            out.append((" " if piece[0] == " " else "") + escape(piece) + (" " if piece[-1] == " " else ""))
        elif piece:
            out.append(" ")
    return "".join(out)


def theme_text(value: str) -> str:
    """A data text handed to the theme (site name, page title, description), which writes it into the
    HTML unescaped; the macros plugin would also run a title holding `{{` as a template."""
    return html(value).replace("{", "&#123;").replace("}", "&#125;")


# --- Addresses -------------------------------------------------------------------------------------------


def address_as_read(target: str) -> str:
    """An address written in a page, as a browser reads it: character codes decoded (`java&#115;cript:`
    is `javascript:`), white space and control characters dropped."""
    return re.sub(r"[\s\x00-\x1f]", "", _html.unescape(target))


def mailto(email: str) -> str:
    """The `mailto:` address of a checked email address, every other character percent-encoded."""
    return "mailto:" + quote(email, safe="@")


def tel(phone: str) -> str:
    """The `tel:` address of a phone number: its digits, with + in front when it has one."""
    digits = re.sub(r"[^0-9]", "", phone)
    if not digits:
        raise ValueError(f"not a phone number: {phone!r}")
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


# --- Links -----------------------------------------------------------------------------------------------


def in_language(label_markup: str, code: str | None) -> str:
    """Markup of words in another language than the page's (a source's English title on a Russian page):
    marked with its language, so a screen reader says it as written."""
    return f'<span lang="{attr(code)}">{label_markup}</span>' if code else label_markup


def _anchor(label_markup: str, href: str, classes: str = "") -> str:
    css = f' class="{attr(classes)}"' if classes else ""
    return f'<a href="{attr(href)}"{css}>{label_markup}</a>'


def link(label: str, href: str, classes: str = "", *, lang: str | None = None) -> str:
    """A link to another host (checked again here), in Markdown text: HTML, the label escaped (and marked
    with its language, when it is not the page's)."""
    return _anchor(in_language(text(label), lang), https_url(href), classes)


def html_link(label: str, href: str, classes: str = "") -> str:
    """The same link inside raw HTML (no Markdown applied)."""
    return _anchor(html(label), https_url(href), classes)


def email_link(email: str, label: str | None = None, *, in_html: bool = False) -> str:
    label_markup = (html if in_html else text)(label if label is not None else email)
    return _anchor(label_markup, mailto(email_address(email)))


def phone_link(
    phone: str,
    label: str | None = None,
    *,
    in_html: bool = False,
    classes: str = "",
    label_is_markup: bool = False,
) -> str:
    """A `tel:` link; its label the number itself, a text, or (label_is_markup) markup made by `filled`."""
    label_markup = label if label is not None and label_is_markup else None
    if label_markup is None:
        label_markup = (html if in_html else text)(label if label is not None else phone)
    return _anchor(label_markup, tel(phone), classes)


def page_link(label: str, page: str, anchor: str = "", *, lang: str | None = None) -> str:
    """A Markdown link to a page of this site (its source under docs/, and a section's anchor), so the
    strict build checks it exists and rewrites it. The target must be a page path, never other data."""
    if "#" in page and not anchor:
        page, _, anchor = page.partition("#")
    if not PAGE_PATH.match(page) or (anchor and not ANCHOR.match(anchor)):
        raise ValueError(f"not a page of the site: {page}#{anchor}")
    return f"[{in_language(text(label), lang)}](/{page}{'#' + anchor if anchor else ''})"


# --- JSON ----------------------------------------------------------------------------------------------


def json_for_script(data: Any, **dumps: Any) -> str:
    """JSON for inside a <script> element: valid JSON in which no character can end the element or start
    markup, whatever the data holds (`<`, `>`, `&` and the JavaScript line ends become \\u escapes)."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), **dumps)
    for char in "<>&\u2028\u2029":
        encoded = encoded.replace(char, f"\\u{ord(char):04x}")
    return encoded


def json_attr(data: Any, **dumps: Any) -> str:
    """JSON for a double-quoted HTML attribute value (read back with JSON.parse)."""
    return _html.escape(json_for_script(data, **dumps), quote=True)


# --- Generated files ------------------------------------------------------------------------------------


def yaml_document(data: dict[str, Any]) -> str:
    """Values as a YAML document (the generated mkdocs.yml), quoted by the YAML library."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def front_matter(meta: dict[str, Any]) -> str:
    """A page's front matter: its values as YAML between two `---` lines."""
    return f"---\n{yaml_document(meta)}---\n"


def macro_call(name: str, *args: str) -> str:
    """`{{ name("arg") }}`: a page's call of a macro, each argument a JSON string (ids only)."""
    if not re.fullmatch(r"[a-z_]+", name) or not all(ANCHOR.match(a) for a in args):
        raise ValueError(f"not a macro call of ids: {name}{args}")
    return "{{ " + name + "(" + ", ".join(json.dumps(a) for a in args) + ") }}"


def tooltip_text(value: str) -> str:
    """A data text for an element's title that the theme turns into a tooltip. The theme puts the title
    into the tooltip as HTML (Material's tooltips set innerHTML), so the title, as the browser reads it,
    must itself be escaped HTML: `<` arrives in the title as `&lt;` and shows in the tooltip as `<`."""
    return _html.escape(squash(value), quote=True)


def abbreviations(explanations: dict[str, str]) -> str:
    """Markdown abbreviations (`*[word]: explanation`, read by the abbr extension, which writes each into
    a title attribute itself): one a line, the explanation on one line, as a tooltip's text
    (`tooltip_text`), escaped once more for the attribute: the extension keeps a character code as it is,
    and a minifier may write the title's `&lt;` back as `<`, so only the double escape survives both.
    A blank line between two: Markdown reads each as a block of its own, where one block of them all is
    read again for each line it holds (a page of Russian, with every form of every word, took twice as
    long to build)."""
    lines = []
    for word, explanation in explanations.items():
        if not re.fullmatch(r"[A-Za-z\u0400-\u04ff][A-Za-z\u0400-\u04ff -]*", word):  # Latin or Cyrillic
            raise ValueError(f"not a glossary word: {word!r}")
        lines.append(f"*[{word}]: {_html.escape(tooltip_text(explanation), quote=True)}")
    return "\n\n".join(lines) + "\n"
