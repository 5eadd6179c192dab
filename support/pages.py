"""What a built page says: its visible text, its article (the main content) and the files it loads, read from
the HTML file."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

_INLINE = {"a", "abbr", "b", "strong", "em", "i", "span", "code", "small", "sub", "sup", "mark", "kbd", "q"}


class _TextExtractor(html.parser.HTMLParser):
    """The visible text of an HTML fragment (scripts and styles left out). Inline elements such as a
    glossary <abbr> add no space around their text; every other element separates words. With `language`,
    an element marked as another language (lang="en" on a Russian page) is left out too."""

    def __init__(self, language: str | None = None) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._language = language
        self._foreign: list[str] = []  # the tag of the element in another language, once per nested same tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        nested = bool(self._foreign) and tag == self._foreign[0]
        if nested or (not self._foreign and self._language and lang and lang != self._language):
            self._foreign.append(tag)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._foreign and tag == self._foreign[0]:
            self._foreign.pop()
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._foreign:
            self.parts.append(data)


def visible_text(markup: str, *, language: str | None = None) -> str:
    """The words a reader sees; with `language`, only those in it (words marked lang=… left out)."""
    extractor = _TextExtractor(language)
    extractor.feed(markup)
    return " ".join("".join(extractor.parts).split())


def article_html(site: Path, page: str) -> str:
    """The main content of a built page ("conditions/radiculitis/" -> its <article>)."""
    source = (site / page / "index.html").read_text(encoding="utf-8")
    start = source.index("<article")
    return source[start : source.index("</article>", start)]


def article_text(site: Path, page: str) -> str:
    return visible_text(article_html(site, page))


_NAMING_TAG = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*>")
_NAMES_A_PAGE = re.compile(r"""\brel=["']?(?:canonical|alternate)\b""")
_ADDRESS = re.compile(r"""\b(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^"' >]+))""")


def files_named(markup: str) -> list[str]:
    """The address of every file a page's tags load (a script's, a picture's, a frame's src; a stylesheet's
    or an icon's href), unescaped, as written: quoted or, minified, bare. A canonical or alternate link
    names a page (this one, or it in another language), not a file, and is left out."""
    named = []
    for tag in _NAMING_TAG.findall(markup):
        address = _ADDRESS.search(tag)
        if address and not _NAMES_A_PAGE.search(tag):
            named.append(html.unescape(next(part for part in address.groups() if part is not None)))
    return named
