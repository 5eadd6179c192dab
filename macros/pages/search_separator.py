"""Where the site search splits what a patient types, and what it drops: the `separator` of the search
plugin, built from two plain lists.

Material adds a wildcard to every word typed ("a" becomes "a*"), so the small words of a question ("can I
get a massage with a cold") would match every word that starts with them and drown the answer. They count
as separators instead, like the punctuation: "(sciatica)" or "nerve," then match what patients type.
mkdocs.yml reads the result (`separator: !!python/name:macros.pages.search_separator.SEPARATOR`).
"""

from __future__ import annotations

import re

# Characters that end a word.
PUNCTUATION = '-,:;!?.()"/…'
# Small words a search drops: they say nothing about what the patient is looking for. Never add a word
# that is an answer in itself ("back", "pain", "no").
STOP_WORDS = (
    "a", "am", "an", "and", "are", "be", "can", "do", "does", "for", "get", "how", "i", "in", "is", "it",
    "me", "my", "of", "on", "or", "should", "the", "to", "what", "when", "will", "with",
)  # fmt: skip


def _either_case(word: str) -> str:
    """'when' -> '[Ww]hen': the search matches the separator case-sensitively, and a question starts
    with a capital letter."""
    first = word[0]
    return f"[{first.upper()}{first}]{re.escape(word[1:])}"


def separator(stop_words: tuple[str, ...] = STOP_WORDS, punctuation: str = PUNCTUATION) -> str:
    """The separator as the search plugin wants it: a regular expression (JavaScript and Python read it
    alike) matching white space and punctuation, or a whole stop word. Without stop words, white space and
    punctuation only: for a language whose letters JavaScript's \\b does not know (Cyrillic), whose stop
    words the search's own filter drops as whole words instead (lunr's, for Russian)."""
    if not stop_words:
        return rf"[\s{re.escape(punctuation)}]+"
    words = "|".join(_either_case(w) for w in sorted(stop_words, key=lambda w: (-len(w), w)))
    return rf"[\s{re.escape(punctuation)}]+|\b(?:{words})\b"


def words_kept(query: str, pattern: str | None = None) -> list[str]:
    """The words of `query` the search looks for, split as the browser splits them."""
    return [w for w in re.split(pattern or SEPARATOR, query) if w]


SEPARATOR = separator()
