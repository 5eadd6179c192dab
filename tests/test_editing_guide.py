"""The editing guide works as written: its examples, pasted into the data as the guide says, pass the
check and appear on the site; the commands it names exist; the README links to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.pages import article_html, article_text
from support.self_check import self_check_with_one_yes
from support.site import ROOT, build_site, copy_seed_project

from .editing import run_validate

GUIDE = ROOT / "EDITING.md"


def _examples() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- guide-example: (\S+) -->\n```yaml\n(.*?)```", text, re.S))


def _paste(project: Path) -> None:
    for file_name, block in _examples().items():
        data = project / "data" / file_name
        data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8")


def test_the_guide_has_an_example_for_a_condition_and_a_contraindication() -> None:
    assert set(_examples()) == {"conditions.yml", "contraindications.yml", "hazard_log.yml"}


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed data with the guide's examples pasted in as it says, checked and built once for the tests
    below."""
    root = tmp_path_factory.mktemp("guide")
    project = copy_seed_project(root / "project")
    _paste(project)
    status, _, err = run_validate(project / "data")
    assert (status, err) == (0, []), err
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_following_the_guide_adds_a_condition_and_a_contraindication_to_the_site(guide_site: Path) -> None:
    site = guide_site
    assert "Back ache from desk work" in article_text(site, "conditions/desk-back-ache/")
    listing = article_html(site, "contraindications/")
    local = listing.split('id="local"', 1)[1].split("<h2", 1)[0]
    assert 'id="recent-sunburn"' in local and "Your back is sunburnt, red or peeling." in local
    assert "#recent-sunburn" in article_html(site, "conditions/muscle-tension/")


def test_the_guides_contraindication_becomes_a_self_check_question(guide_site: Path, page) -> None:
    question, tier, result_text = self_check_with_one_yes(page, guide_site, "recent-sunburn")
    assert "Is the skin on your back sunburnt, red or peeling?" in question
    assert tier == "suitable"  # massage can go ahead, avoiding the area
    assert "Your back is sunburnt, red or peeling." in result_text


def test_every_command_the_guide_names_is_a_make_target() -> None:
    targets = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named = set(re.findall(r"`make ([a-z]+)`", GUIDE.read_text(encoding="utf-8")))
    assert named == {"serve", "check", "build", "test"}
    assert named <= targets


def test_the_readme_links_to_the_guide() -> None:
    assert "(EDITING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_short_enough_for_a_clinic_to_read_in_five_minutes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 10 * 1024
    for reader in ("(EDITING.md)", "(CONTRIBUTING.md)", "(ARCHITECTURE.md)", "`make serve`", "`make test`"):
        assert reader in readme


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _headings(markdown: str) -> set[str]:
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", prose, re.M)}


def test_every_link_to_a_section_of_the_readme_or_the_guide_matches_its_heading() -> None:
    for doc in ("README.md", "EDITING.md", "CONTRIBUTING.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        links = re.findall(r"\]\(((?:README|EDITING|CONTRIBUTING|ARCHITECTURE)\.md)?#([^)\s]+)\)", text)
        assert links, doc
        for target, anchor in links:
            headings = _headings((ROOT / (target or doc)).read_text(encoding="utf-8"))
            assert anchor in headings, f"{doc}: link to {target or doc}#{anchor} has no heading"
