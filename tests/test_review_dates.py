"""Every content page says when it was last reviewed, when the next review is due and who reviewed it.
Review dates never stop publishing on their own: `make check` warns at the line from 60 days before a
review falls due, an overdue page tells patients so and still builds, and a weekly workflow reports the
reviews coming up without publishing anything."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml

from macros.build.validate import validate
from macros.content import Content, dates
from macros.pages import registry
from support.languages import date, date_pattern, page_content, source_path, template_pattern
from support.pages import article_html, article_text
from support.site import ROOT, build_site, copy_seed_project, site_pages

from .editing import copy_data, field_line

# Checks what holds for any data `make check` accepts: run on the project's data and an edited copy.
pytestmark = pytest.mark.live_data


def test_every_content_page_shows_the_review_dates_of_what_it_shows(
    built_site: Path, content: Content, figures
) -> None:
    for path in site_pages(built_site):
        if path.endswith(".html"):
            continue
        text = article_text(built_site, path)
        words = page_content(content, path)  # in the page's language
        when = date_pattern(words)
        line = template_pattern(words.site_texts.review.line, last=when, due=when, reviewers=r"\w[^·]*")
        match = re.search(line + "$", text)
        assert match, f"/{path} has no review line"
        src = source_path(content, path)
        last, due = registry.last_reviewed(words, src), registry.next_review(words, src)
        assert match.group(1) == date(words, last), path
        assert match.group(2) == date(words, due), path
        figures("Review information per page", f"/{path:<40} {match.group(0)}")


@pytest.mark.slow  # builds the site
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
    # The page that shows it tells patients, with the date; a page that does not show it says nothing.
    techniques = article_text(tmp_path / "site", "techniques/")
    assert "This page is overdue for review. Its check was due on 10 January 2024." in techniques
    assert "overdue" not in article_text(tmp_path / "site", "glossary/")


def test_a_page_says_it_is_overdue_exactly_when_a_review_on_it_has_passed(
    built_site: Path, content: Content
) -> None:
    """On any data: a review that fell due yesterday makes its page say so (and only that page), and
    never stops the tests, so an overdue review never stops publishing."""
    for path in site_pages(built_site):
        if path.endswith(".html"):
            continue
        src = {"": "index.md", "conditions/": "conditions/index.md"}.get(path, path[:-1] + ".md")
        overdue = dates.is_overdue(registry.next_review(content, src))
        says = re.search(r"class=.?review-overdue", article_html(built_site, path)) is not None
        assert says == overdue, f"/{path} {'does not say' if overdue else 'says'} it is overdue for review"


def test_the_check_warns_at_the_line_from_sixty_days_before_a_review_is_due(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    techniques = data / "techniques.yml"
    line = field_line(techniques, "next_review", "tapotement")
    due = yaml.safe_load(techniques.read_text(encoding="utf-8"))[3]["next_review"]
    where = f"warning: data/techniques.yml:{line}: next_review: "

    def warnings_on(day: dt.date) -> list[str]:
        out, err = io.StringIO(), io.StringIO()
        assert validate(data, out, err, today=day) == 0, err.getvalue()
        assert err.getvalue() == "", "warnings are kept apart from errors"
        return [w for w in out.getvalue().splitlines() if w.startswith("warning: ")]

    assert warnings_on(due - dt.timedelta(days=61)) == []
    soon = warnings_on(due - dt.timedelta(days=60))
    assert any(w.startswith(f"{where}review due on {due.isoformat()}, in 60 days.") for w in soon), soon
    late = warnings_on(due + dt.timedelta(days=1))
    overdue = f"{where}the review was due on {due.isoformat()} and is overdue"
    assert any(w.startswith(overdue) for w in late), late


def test_a_weekly_workflow_reports_the_reviews_coming_up_and_publishes_nothing() -> None:
    source = (ROOT / ".github" / "workflows" / "review-dates.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(source)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    _, _, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert workflow["permissions"] == {"contents": "read"}
    runs = " ".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "make check" in runs and "GITHUB_STEP_SUMMARY" in runs
    for deploying in ("pages", "deploy", "make build", "upload-pages-artifact"):
        assert deploying not in source, deploying


def test_overdue_reviews_lists_only_entries_past_their_date(content: Content) -> None:
    latest = max(e.next_review for _, e in content.reviewed_entries())
    assert registry.overdue_reviews(content, dt.date(2000, 1, 1)) == []
    assert len(registry.overdue_reviews(content, latest + dt.timedelta(days=1))) == len(
        list(content.reviewed_entries())
    )
