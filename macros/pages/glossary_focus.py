"""Glossary words a keyboard and a finger can reach: the abbr extension wraps each glossary word in
<abbr title="…">, which the theme shows as a tooltip on hover; given the focus as well, the theme shows it
on a tap and to the Tab key too (a tooltip tied to the word with aria-describedby)."""

from __future__ import annotations

import re

# A glossary word as the abbr extension writes it, or the start or end of an element that takes the focus
# itself (a link, a button, a summary).
_WORD_OR_FOCUS_TARGET = re.compile(r'<abbr title="[^"]*">|<(/?)(a|button|summary)\b[^>]*>', re.IGNORECASE)


def focusable_glossary_words(html_text: str) -> str:
    """Every glossary word takes the focus, except inside a link, a button or a summary: one focus target
    never holds another. There the word keeps its explanation on hover, and the glossary page explains it
    to everyone."""
    depth = 0

    def mark(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(2) is None:  # a glossary word
            return match.group(0) if depth else match.group(0)[:-1] + ' tabindex="0">'
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        return match.group(0)

    return _WORD_OR_FOCUS_TARGET.sub(mark, html_text)
