"""The rule that every entry a patient may search for carries enough of the words patients type.

A content check (`make check`), not a code test: an editor who adds an entry learns at its line that it
needs search words, instead of a test failing later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import Checker

# also_called and search_terms together: the name alone misses lay words, questions and misspellings.
MIN_WORDS = 4
SEARCHED = ("massage_types", "techniques", "conditions", "benefits", "contraindications", "red_flags")


def check_search_words(check: Checker, content: dict[str, Any]) -> None:
    for collection in SEARCHED:
        rel = check.rel(f"{collection}.yml")
        for i, entry in enumerate(check.raw[collection]):
            words = [*getattr(entry, "also_called", []), *entry.search_terms]
            if len(words) < MIN_WORDS:
                missing = MIN_WORDS - len(words)
                check.add(
                    rel,
                    (i, "search_terms"),
                    f"add {missing} more word{'s' if missing != 1 else ''} that patients type for this entry "
                    f"(everyday words, a question, a common misspelling); also_called and search_terms "
                    f"together need at least {MIN_WORDS}",
                )
            seen: set[str] = set()
            for word in words:
                if word.casefold() in seen:
                    check.add(rel, (i, "search_terms"), f"{word!r} is listed twice; remove one")
                seen.add(word.casefold())
    for i, question in enumerate(check.raw["visit"].questions):
        if not question.search_terms:
            check.add(
                check.rel("visit.yml"),
                ("questions", i, "search_terms"),
                "add the words patients type for this question, for example search_terms: [how long]",
            )
