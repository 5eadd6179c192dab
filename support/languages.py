"""Which language a page of a built site is in, and what it says in that language: a page under ru/ is
Russian and says the Russian words of the data; every other page is English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.content import Content
from macros.pages.blocks import format_date


def page_content(content: Content, path: str) -> Content:
    """The content a page says (`path` as site_pages gives it: "ru/visit/", "visit/", "404.html")."""
    first = path.split("/", 1)[0]
    return content.translations.get(first, content) if "/" in path else content


def page_prefix(content: Content, path: str) -> str:
    """The folder of the page's language ("ru/"), or "" for English."""
    words = page_content(content, path)
    return f"{words.language.code}/" if words.language else ""


def source_path(content: Content, path: str) -> str:
    """The page's source under docs/: "ru/conditions/" -> "conditions/index.md", "visit/" -> "visit.md"."""
    own = path.removeprefix(page_prefix(content, path))
    return {"": "index.md", "conditions/": "conditions/index.md"}.get(own, own[:-1] + ".md")


def date(content: Content, day: dt.date) -> str:
    """A date as the content's language writes it, as the pages write it (pages/blocks.py)."""
    return format_date(day, content.language)


def date_pattern(content: Content) -> str:
    """A regular expression for any date as the content's language writes it."""
    if content.language is None:
        return r"\d+ \w+ \d{4}"
    months = "|".join(map(re.escape, content.language.months))
    return (
        re.escape(content.language.date)
        .replace(r"\{day\}", r"\d+")
        .replace(r"\{month\}", f"(?:{months})")
        .replace(r"\{year\}", r"\d{4}")
    )


def template_pattern(template: str, **patterns: str) -> str:
    """A regular expression for a site text with placeholders: each {name} matches patterns[name]."""
    parts = re.split(r"\{([a-z_]+)\}", template)
    return "".join(re.escape(part) if i % 2 == 0 else f"({patterns[part]})" for i, part in enumerate(parts))


def theme_words(code: str, key: str) -> str:
    """What the theme itself says in a language ("action.skip": "Skip to content"), from its language file."""
    import material

    source = (
        Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html"
    ).read_text(encoding="utf-8")
    match = re.search(rf'"{re.escape(key)}": "([^"]*)"', source)
    assert match, (code, key)
    return match.group(1)
