"""The words patients type, placed where the site search finds them.

Patients type "sciatica", "kneading" or "blod clot", not "radiculitis". Every entry's `also_called` names
(shown on the page) and `search_terms` (never shown: everyday words, questions, misspellings) go into the
search index entry of the section that shows the entry, in a field of their own that mkdocs.yml weighs like
a title (`plugins: search: fields: keywords`). The result list still shows the section's own title and
summary, never the list of terms.

Material for MkDocs writes one index entry per section ("techniques/#petrissage") to
search/search_index.json; the browser builds the search from that file. This module only edits the parsed
JSON, so it stays independent of MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..content import Content
from . import registry

KEYWORDS_FIELD = "keywords"
# Russian writes ё or е for the same letter: the index holds е, and the search reads a query so too.
YO = str.maketrans("\u0451\u0401", "\u0435\u0415")

# (page source path from the docs root, anchor of the section or "" for the top of the page)
Place = tuple[str, str]


def search_terms_by_place(content: Content) -> dict[Place, list[str]]:
    """Every place on the site that shows an entry, with the words that should find it."""
    places: dict[Place, list[str]] = {}

    def add(place: Place, *terms: Iterable[str]) -> None:
        words = [" ".join(t.split()) for group in terms for t in group]
        if words:
            places[place] = list(dict.fromkeys(places.get(place, []) + words))

    for c in content.conditions.values():
        add((registry.condition_page_path(c.id), ""), c.also_called, c.search_terms)
    for mt in content.massage_types.values():
        add(("massage-types.md", mt.id), mt.also_called, mt.search_terms)
    for t in content.techniques.values():
        add(("techniques.md", t.id), t.also_called, t.search_terms)
    for b in content.benefits.values():
        add(("benefits.md", b.id), b.search_terms)
    for ci in content.contraindications.values():
        add(("contraindications.md", ci.id), ci.search_terms)
    for f in content.red_flags.values():  # one section lists them all, with what to do
        add(("contraindications.md", "warning-signs"), f.search_terms)
    for q in content.visit.questions:
        add(("visit.md", q.id), q.search_terms)
    return places


def add_keywords(
    index: dict[str, Any], page_urls: dict[str, str], places: dict[Place, list[str]]
) -> list[Place]:
    """Write each place's words into the keywords field of its entry in a parsed Material search index.

    `page_urls` maps page source paths to their URLs as the index writes them ("techniques.md" ->
    "techniques/"). Returns the places that have no entry in the index (for example a section whose anchor
    changed, or a page left out of the search), so the build can fail instead of losing the words quietly.
    """
    entries = {entry["location"]: entry for entry in index["docs"]}
    missing: list[Place] = []
    for (page, anchor), words in places.items():
        url = page_urls.get(page)
        entry = entries.get(f"{url}#{anchor}" if anchor else url) if url is not None else None
        if entry is None:
            missing.append((page, anchor))
        else:
            entry[KEYWORDS_FIELD] = ", ".join(words)
    return missing


class SearchIndexProblem(Exception):
    """The search index cannot take the words patients type: the build stops with this one line."""


def write_keywords(site_dir: Path, content: Content) -> None:
    """Put every place's words into the built site's search index (search/search_index.json)."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return  # the clinic turned the search off
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if KEYWORDS_FIELD not in index["config"]["fields"]:
        raise SearchIndexProblem(
            f"mkdocs.yml: the search plugin needs `fields: {KEYWORDS_FIELD}: {{boost: …}}`, or the words "
            "patients search for (also_called, search_terms) are not searchable"
        )
    places = search_terms_by_place(content)
    missing = add_keywords(index, {page: registry.page_url(page) for page, _ in places}, places)
    if missing:
        where = ", ".join(f"{page}#{anchor}" if anchor else page for page, anchor in missing)
        raise SearchIndexProblem(f"search terms point at sections that are not in the search index: {where}")
    for doc in index["docs"]:  # ё read as е (the worker reads a query so too), one letter for one
        for field in ("title", "text", KEYWORDS_FIELD):
            if isinstance(doc.get(field), str):
                doc[field] = doc[field].translate(YO)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
