"""macros/markup.py, the one place that escapes: addresses are checked before they become links, links are
HTML attributes, and JSON can never end the element it sits in."""

from __future__ import annotations

import html
import html.parser
import json

import pytest
from pydantic_core import PydanticCustomError

from macros.content import fields
from macros.pages import markup


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def _parse(markup_text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(markup_text)
    return parser.tags


@pytest.mark.parametrize(
    "address",
    [
        "https://clinic.example/book?a=1&b=2",
        "https://www.nhs.uk/conditions/back-pain/",
        "https://clinic.example:8443/x#top",
        "https://clinic.example/book?next=javascript:alert(1)",
    ],
)
def test_https_addresses_pass_unchanged(address: str) -> None:
    assert fields.https_url(address) == address


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("http://clinic.example/", "does not start with https://"),
        ("javascript:alert(1)", "does not start with https://"),
        ('https://clinic.example/"onmouseover="x', "holds the character '\"'"),
        ("https://clinic.example/'x", 'holds the character "\'"'),
        ("https://clinic.example/a b", "holds a space"),
        ("https://clinic.example/\x00", "holds the character '\\x00'"),
        ("https://user:pw@clinic.example/", "holds a user name or password"),
        ("https://@clinic.example/", "holds a user name or password"),
        ("https:///path", "has no valid host name"),
        ("https://exa_mple/", "has no valid host name"),
        ("https://clinic.example:port/", "is not a web address"),
    ],
)
def test_addresses_that_are_not_plain_https_are_refused(address: str, reason: str) -> None:
    with pytest.raises(PydanticCustomError) as refused:
        fields.https_url(address)
    assert reason in str(refused.value)


def test_a_link_is_an_html_attribute_whatever_its_label_holds() -> None:
    label = 'Book "now" <b> & *soon*'
    tags = _parse(markup.html_link(label, "https://clinic.example/book?a=1&b=2"))
    assert tags == [("a", {"href": "https://clinic.example/book?a=1&b=2"})]
    assert markup.link(label, "https://clinic.example/").startswith('<a href="https://clinic.example/">')
    with pytest.raises(PydanticCustomError):
        markup.link("x", "javascript:alert(1)")


def test_mailto_and_tel_are_built_here() -> None:
    email = "o'brien+desk@clinic.example"
    (tag,) = _parse(markup.email_link(email, in_html=True))
    assert tag == ("a", {"href": "mailto:o%27brien%2Bdesk@clinic.example"})
    assert markup.tel("+44 (20) 7946-0000") == "tel:+442079460000"
    assert markup.tel("999") == "tel:999"
    with pytest.raises(ValueError):
        markup.tel("(--)")
    with pytest.raises(PydanticCustomError):
        markup.email_link('"><script>"@clinic.example')


def test_page_links_take_page_paths_only() -> None:
    fever = markup.page_link("Fever", "contraindications.md", "fever")
    assert fever == "[Fever](/contraindications.md#fever)"
    assert markup.page_link("Visit", "visit.md#preparation") == "[Visit](/visit.md#preparation)"
    for bad in ("https://evil.example/", "visit.md)[x](javascript:alert(1)", "../secret.md", "visit.md#a b"):
        with pytest.raises(ValueError):
            markup.page_link("x", bad)


@pytest.mark.parametrize(
    "value", ["</script><script>alert(1)</script>", "<!--", "a & b", "\u2028\u2029", "'\"", "]]>"]
)
def test_json_for_a_script_never_ends_it_and_reads_back_the_same(value: str) -> None:
    encoded = markup.json_for_script({"name": value})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"name": value}
    attribute = markup.json_attr({"name": value})
    assert '"' not in attribute and "'" not in attribute
    assert json.loads(html.unescape(attribute)) == {"name": value}


def test_text_for_the_theme_holds_no_markup_or_template_braces() -> None:
    assert markup.theme_text('A "b" <c> {{ d }}') == "A &quot;b&quot; &lt;c&gt; &#123;&#123; d &#125;&#125;"
