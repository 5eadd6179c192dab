"""A source that no entry cites is listed on the Sources page but backs nothing on the site: `make check`
warns at its line, so an editor either cites it where it is used or removes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import Content
from ..content.problems import Problem
from .data_lines import line_of


def cited_sources(content: Content) -> set[str]:
    """Every source id that an entry, or a hazard of the self-check's safety log, cites."""
    cited = {source for _, entry in content.reviewed_entries() for source in entry.sources}
    sc = content.self_check
    parts: list[Any] = [*content.hazard_log.hazards, *sc.background_questions, *sc.combinations]
    return cited | {source for part in parts for source in part.sources}


def unused_source_warnings(data_dir: Path, content: Content) -> list[Problem]:
    cited = cited_sources(content)
    rel = f"{data_dir.name}/sources.yml"
    return [
        Problem(
            rel,
            line_of(data_dir / "sources.yml", rel, (i, "id")),
            "id",
            f"no entry cites the source {source.id!r}; add it to the sources of the entries that use it, or "
            "remove it",
        )
        for i, source in enumerate(content.sources.values())
        if source.id not in cited
    ]
