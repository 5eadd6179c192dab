"""The site is built from the data: every entry shows on its page, every page is reachable, an edit to
the YAML changes the page and a mistake in the YAML stops the build with a precise message."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from macros.build.generate import NAV_CONDITIONS_FLAT
from macros.content import Content
from support.languages import date_pattern, page_content, template_pattern
from support.pages import article_html, article_text, visible_text
from support.site import build_site, copy_seed_project

# Builds the site; the tests of the built pages hold for any data `make check` accepts, so they run on the
# project's data and on an edited copy (live_data), which also proves that a changed text reaches its page.
pytestmark = [pytest.mark.slow, pytest.mark.live_data]


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
        ("sources", "sources/", "title"),
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
    for kind in ("avoid", "doctor-first", "local"):
        heading = content.site_texts.kinds.of(
            kind
        ).heading  # the editors' words ("Ask your doctor first if…")
        section = markup.split(f'id="{kind}"', 1)[1].split("<h2", 1)[0]
        assert html.escape(heading, quote=False) in markup, heading
        for ci in content.contraindications.values():
            assert (f'id="{ci.id}"' in section) == (ci.kind == kind), (kind, ci.id)


def test_the_visit_page_shows_every_step_and_a_timeline_from_the_data(
    built_site: Path, content: Content
) -> None:
    markup = article_html(built_site, "visit/")
    timeline = re.search(r'<ol [^>]*class="visit-timeline".*?</ol>', markup, re.S).group(0)
    assert timeline.count('class="timeline-step"') == len(content.visit.steps)
    for step in content.visit.steps:
        assert f"{step.minutes} min" in visible_text(timeline)
        assert step.name in visible_text(markup)
    for prep in content.visit.preparation:
        assert prep.text in visible_text(markup)


def _navigation(site: Path, page: str) -> tuple[set[str], bool]:
    """The pages a page's own navigation links to, and whether it marks that page as the open one."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    tags = re.findall(r"<a [^>]*md-nav__link[^>]*>", nav)
    hrefs = {re.search(r'href="([^"#]*)', t).group(1) for t in tags if 'href="' in t}
    targets = {urljoin(f"/{page}", h).lstrip("/") for h in hrefs if h}
    active = any("md-nav__link--active" in t and urljoin(f"/{page}", _href(t)) == f"/{page}" for t in tags)
    return targets, active


def _href(tag: str) -> str:
    return re.search(r'href="([^"#]*)', tag).group(1) if 'href="' in tag else ""


def _pages_missing_from_the_navigation(site: Path) -> list[str]:
    """With navigation.prune a page holds only the open branch of the navigation, so every page is looked
    at: each must be linked from some page's navigation and be the open item of its own."""
    pages = _pages(site)
    linked: set[str] = set()
    missing = []
    for page in sorted(pages):
        targets, active = _navigation(site, page)
        linked |= targets
        if not active:
            missing.append(f"{page or '/'} (not the open item of its own navigation)")
    return missing + [f"{page} (no navigation links to it)" for page in sorted(pages - linked)]


def test_every_page_is_in_the_navigation(built_site: Path) -> None:
    missing = _pages_missing_from_the_navigation(built_site)
    assert not missing, f"pages not in the navigation: {missing}"


def test_a_long_list_of_conditions_is_split_by_first_letter_and_each_page_carries_only_its_letter(
    tmp_path: Path,
) -> None:
    project = copy_seed_project(tmp_path / "project")
    data = project / "data" / "conditions.yml"
    conditions = yaml.safe_load(data.read_text(encoding="utf-8"))
    template = conditions[0]
    added = NAV_CONDITIONS_FLAT + 1 - len(conditions)
    for n in range(added):
        extra = {**copy.deepcopy(template), "id": f"zz-extra-{n}", "name": f"Zz extra condition {n}"}
        extra.pop("also_called", None)
        extra["search_terms"] = [f"zz word {n} {w}" for w in range(4)]
        conditions.append(extra)
    data.write_text(yaml.safe_dump(conditions, sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr

    assert not _pages_missing_from_the_navigation(site)
    condition_pages = {p for p in _pages(site) if p.startswith("conditions/") and p != "conditions/"}
    assert len(condition_pages) == NAV_CONDITIONS_FLAT + 1
    scoliosis, _ = _navigation(site, "conditions/scoliosis/")
    extra, _ = _navigation(site, "conditions/zz-extra-0/")
    # A closed letter is one link (to its first page): a page lists its own letter's conditions only.
    assert "conditions/scoliosis/" in scoliosis and "conditions/zz-extra-1/" not in scoliosis
    own_letter = {f"conditions/zz-extra-{n}/" for n in range(added)}
    other_letters = condition_pages - own_letter
    letters = re.findall(
        r'<span class="md-ellipsis">\s*(\w)\s*</span>',
        (site / "conditions/zz-extra-0/index.html").read_text(encoding="utf-8"),
    )
    assert "S" in letters and "Z" in letters
    assert own_letter <= extra and len(extra & other_letters) == len(set(letters)) - 1
    home, _ = _navigation(site, "")
    assert not home & condition_pages  # the home page carries none of them, only the way in


def test_every_content_page_shows_its_review_dates(built_site: Path, content: Content) -> None:
    for page in _pages(built_site):
        words = page_content(content, page)  # in the page's language
        date = date_pattern(words)
        line = template_pattern(words.site_texts.review.line, last=date, due=date, reviewers=r"\w[^·]*")
        assert re.search(line, article_text(built_site, page)), page


def test_a_misspelt_reference_fails_the_build_naming_file_line_and_field(tmp_path: Path) -> None:
    project = copy_seed_project(tmp_path / "project")
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


@pytest.mark.parametrize(
    "command",
    [["mkdocs", "build"], ["-m", "mkdocs", "build"], ["mkdocs", "serve", "--dev-addr", "127.0.0.1:0"]],
    ids=["mkdocs build", "python -m mkdocs build", "mkdocs serve"],
)
def test_the_habits_of_mkdocs_users_stop_in_one_line_and_leave_site_as_it_was(
    tmp_path: Path, command: list[str]
) -> None:
    """`mkdocs build` at the project's root would build the base config, which lacks what the generate step
    adds: it stops before MkDocs empties site/, saying which commands build and preview the site."""
    import os
    import subprocess
    import sys

    project = copy_seed_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the good site", encoding="utf-8")
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    args = [mkdocs, *command[1:]] if command[0] == "mkdocs" else [sys.executable, *command]
    result = subprocess.run(
        args,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "This mkdocs.yml is the base the site is generated from" in result.stderr
    assert "`make build`" in result.stderr and "`make serve`" in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the good site"
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
