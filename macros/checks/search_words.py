"""The rule that every entry a patient may search for carries enough of the words patients type.

A content check (`make check`), not a code test: an editor who adds an entry learns at its line that it
needs search words, instead of a test failing later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cross_checks import Findings

# also_called and search_terms together: the name alone misses lay words, questions and misspellings.
MIN_WORDS = 4
SEARCHED = ("massage_types", "techniques", "conditions", "benefits", "contraindications", "red_flags")


def enough_search_words(findings: Findings, content: dict[str, Any]) -> None:
    for collection in SEARCHED:
        rel = findings.rel(f"{collection}.yml")
        for i, entry in enumerate(findings.raw[collection]):
            words = [*getattr(entry, "also_called", []), *entry.search_terms]
            if len(words) < MIN_WORDS:
                missing = MIN_WORDS - len(words)
                findings.add(
                    rel,
                    (i, "search_terms"),
                    f"add {missing} more word{'s' if missing != 1 else ''} that patients type for this entry "
                    f"(everyday words, a question, a common misspelling); also_called and search_terms "
                    f"together need at least {MIN_WORDS}",
                )
            seen: set[str] = set()
            for word in words:
                if word.casefold() in seen:
                    findings.add(rel, (i, "search_terms"), f"{word!r} is listed twice; remove one")
                seen.add(word.casefold())
    for i, question in enumerate(findings.raw["visit"].questions):
        if not question.search_terms:
            findings.add(
                findings.rel("visit.yml"),
                ("questions", i, "search_terms"),
                "add the words patients type for this question, for example search_terms: [how long]",
            )
