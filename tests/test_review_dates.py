"""Every content page says when it was last reviewed, when the next review is due and who reviewed it. An
overdue review fails the tests (tests/test_data.py) but only warns in the build, so an urgent correction
can still be published."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros import pages
from macros.load import Content

from .conftest import article_text, build_site, copy_seed_project, site_pages

REVIEW_LINE = re.compile(
    r"Page last reviewed: (\d+ \w+ \d{4}) · Next review due: (\d+ \w+ \d{4}) · Reviewed by: (\w[^·]*)$"
)


def test_every_content_page_shows_the_review_dates_of_what_it_shows(
    built_site: Path, content: Content, figures
) -> None:
    for path in site_pages(built_site):
        if path.endswith(".html"):
            continue
        text = article_text(built_site, path)
        match = REVIEW_LINE.search(text)
        assert match, f"/{path} has no review line"
        src = {"": "index.md", "conditions/": "conditions/index.md"}.get(path, path[:-1] + ".md")
        last, due = pages.last_reviewed(content, src), pages.next_review(content, src)
        assert match.group(1) == f"{last.day} {last:%B %Y}", path
        assert match.group(2) == f"{due.day} {due:%B %Y}", path
        figures("Review information per page", f"/{path:<40} {match.group(0)}")


def test_an_overdue_review_warns_in_the_build_but_does_not_stop_it(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
    data = project / "data" / "techniques.yml"
    source = data.read_text(encoding="utf-8")
    old = "- id: tapotement\n"
    start = source.index(old)
    block_end = source.index("reviewed_by", start)
    block = source[start:block_end]
    dated = re.sub(r"last_reviewed: \S+", "last_reviewed: 2023-01-10", block)
    dated = re.sub(r"next_review: \S+", "next_review: 2024-01-10", dated)
    data.write_text(source.replace(block, dated), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Review overdue: techniques tapotement: next review was due 2024-01-10" in result.stderr


def test_overdue_reviews_lists_only_entries_past_their_date(content: Content) -> None:
    latest = max(e.next_review for _, e in content.reviewed_entries())
    assert pages.overdue_reviews(content, dt.date(2000, 1, 1)) == []
    assert len(pages.overdue_reviews(content, latest + dt.timedelta(days=1))) == len(
        list(content.reviewed_entries())
    )
