"""The site is built from the data: every entry shows on its page, every page is reachable, an edit to
the YAML changes the page and a mistake in the YAML stops the build with a precise message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.load import Content

from .conftest import article_html, article_text, build_site, copy_project, visible_text


def _pages(site: Path) -> set[str]:
    return {
        str(p.parent.relative_to(site)).replace(".", "") + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
    } - {"search/"}


def test_every_condition_has_its_own_page_with_its_summary(built_site: Path, content: Content) -> None:
    for c in content.conditions.values():
        text = article_text(built_site, f"conditions/{c.id}/")
        assert c.name in text and " ".join(c.summary.split()) in text, c.id


def test_every_condition_page_links_its_massage_type_and_techniques(
    built_site: Path, content: Content
) -> None:
    for c in content.conditions.values():
        markup = article_html(built_site, f"conditions/{c.id}/")
        assert f'href="../../massage-types/#{c.massage_type}"' in markup, c.id
        for t in c.techniques:
            assert f'href="../../techniques/#{t}"' in markup, (c.id, t)


@pytest.mark.parametrize(
    ("collection", "page", "label"),
    [
        ("conditions", "conditions/", "name"),
        ("massage_types", "massage-types/", "name"),
        ("techniques", "techniques/", "name"),
        ("benefits", "benefits/", "name"),
        ("contraindications", "contraindications/", "name"),
        ("risk_factors", "", "name"),
        ("red_flags", "", "symptom"),
        ("sources", "about/", "title"),
    ],
)
def test_every_entry_appears_on_the_page_that_should_show_it(
    built_site: Path, content: Content, collection: str, page: str, label: str
) -> None:
    text = article_text(built_site, page)
    for entry in getattr(content, collection).values():
        assert getattr(entry, label) in text, (collection, entry.id)


def test_sections_have_anchors_named_by_id(built_site: Path, content: Content) -> None:
    for page, ids in [
        ("techniques/", content.techniques),
        ("contraindications/", content.contraindications),
        ("benefits/", content.benefits),
        ("massage-types/", content.massage_types),
    ]:
        markup = article_html(built_site, page)
        for entry_id in ids:
            assert f'id="{entry_id}"' in markup, (page, entry_id)


def test_contraindications_are_grouped_by_kind_in_plain_words(built_site: Path, content: Content) -> None:
    markup = article_html(built_site, "contraindications/")
    for kind, heading in [
        ("avoid", "Do not book a massage if"),
        ("doctor-first", "Ask your doctor first if"),
        ("local", "Tell your therapist if"),
    ]:
        section = markup.split(f'id="{kind}"', 1)[1].split("<h2", 1)[0]
        assert heading in markup
        for ci in content.contraindications.values():
            assert (f'id="{ci.id}"' in section) == (ci.kind == kind), (kind, ci.id)


def test_the_visit_page_shows_every_step_and_a_timeline_from_the_data(
    built_site: Path, content: Content
) -> None:
    markup = article_html(built_site, "visit/")
    timeline = re.search(r'<ol class="visit-timeline".*?</ol>', markup, re.S).group(0)
    assert timeline.count('class="timeline-step"') == len(content.visit.steps)
    for step in content.visit.steps:
        assert f"{step.minutes} min" in visible_text(timeline)
        assert step.name in visible_text(markup)
    for prep in content.visit.preparation:
        assert prep.text in visible_text(markup)


def test_every_page_is_in_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    linked = {
        re.sub(r"^\./", "", href)
        for href in re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"#]*)"', nav)
    }
    linked |= {re.sub(r"^\./", "", h) for h in re.findall(r'href="([^"#]*)"[^>]*class="md-nav__link', nav)}
    linked = {"" if h in (".", "./") else h for h in linked}
    missing = _pages(built_site) - linked
    assert not missing, f"pages not in the navigation: {sorted(missing)}"


def test_every_content_page_shows_its_review_dates(built_site: Path) -> None:
    for page in _pages(built_site):
        text = article_text(built_site, page)
        assert re.search(
            r"Page last reviewed: \d+ \w+ \d{4} · Next review due: \d+ \w+ \d{4} · Reviewed by: \w", text
        ), page


def test_changing_a_summary_in_yaml_changes_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "conditions.yml"
    new = "Tight muscles that never let go, edited in YAML only."
    source = data.read_text(encoding="utf-8")
    old = re.search(r"- id: scoliosis\n(?:.*\n)*?  summary: (.*)\n", source).group(1)
    data.write_text(source.replace(old, new, 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert new in article_text(tmp_path / "site", "conditions/scoliosis/")


def test_a_misspelt_reference_fails_the_build_naming_file_line_and_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "conditions.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "massage_type: relaxation" in line)
    lines[number] = lines[number].replace("relaxation", "relaxaton")
    data.write_text("".join(lines), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    expected = (
        f"data/conditions.yml:{number + 1}: massage_type: unknown massage type 'relaxaton' "
        "(did you mean 'relaxation'?)"
    )
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
