"""A clinic that forks the repository publishes on GitHub Pages as a project site, under a path
(https://owner.github.io/back-massage/). The published (minified) site, served under that path the way
GitHub Pages serves it, works in Chromium: every page loads everything it asks for, every link of the site
leads to a page, the page-not-found page is styled and links back into the site, and the self-check
gives its result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.content import Content
from support.languages import page_prefix
from support.pages import files_named
from support.self_check import answer_no_to_every_question
from support.site import copy_project, publish_copy, served, site_pages
from support.tour import SEARCHED, Tour, tour

from .editing import remove_top_level_field, set_field

WEBSITE = "https://owner.github.io/back-massage/"


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("project-site")
    project = copy_project(root / "project")
    clinic = project / "data" / "clinic.yml"
    if "\nwebsite:" in clinic.read_text(encoding="utf-8"):
        set_field(clinic, "website", WEBSITE)
    else:
        clinic.write_text(clinic.read_text(encoding="utf-8") + f"website: {WEBSITE}\n", encoding="utf-8")
    site = publish_copy(project, root / "site")
    with served(site, path=urlsplit(WEBSITE).path) as url:
        yield url, site


# In Chromium: every English page but the pages of a kind past the first (the condition pages, one macro
# makes them all); of each other language, its home and its self-check (the same templates and links in other
# words: tests/test_every_page.py tours every page of every language at the root). The links of the pages
# toured lead to every page of every language, and each of them is asked for under the path; every file any
# page names is asked for too (test_every_file_a_page_names_is_found_under_the_path).
_OTHER_LANGUAGES_PAGES = ("", "self-check/")


def _toured(content: Content, site: Path) -> list[str]:
    pages, kinds = [], set()
    for path in site_pages(site):
        prefix = page_prefix(content, path)
        own = path.removeprefix(prefix)
        if path.endswith(".html") or (prefix and own not in _OTHER_LANGUAGES_PAGES):
            continue
        kind = own.split("/", 1)[0] if own.count("/") > 1 else own  # "conditions/radiculitis/": a condition
        if own.count("/") > 1 and kind in kinds and path not in SEARCHED:
            continue
        kinds.add(kind)
        pages.append(path)
    return pages


@pytest.fixture(scope="module")
def project_tour(project_site, browser, content: Content) -> Tour:
    url, site = project_site
    # What a path changes (addresses, what loads): the pages' accessibility and layout are the same at the
    # root, where the other tour looks at them.
    return tour(
        browser, url, _toured(content, site), axe=False, layout=False, answer=answer_no_to_every_question
    )


def test_every_page_under_the_path_loads_everything_it_asks_for(project_tour: Tour) -> None:
    assert len(project_tour.visits) > 10
    assert {
        path: v.failed + v.errors for path, v in project_tour.visits.items() if v.failed or v.errors
    } == {}


def test_every_link_of_the_site_leads_to_a_page_under_the_path(
    project_tour: Tour, project_site, page
) -> None:
    url = project_tour.url
    host = url.split("/back-massage")[0]
    links = {h.split("#")[0] for v in project_tour.visits.values() for h in v.links if h.startswith(host)}
    every_page = {f"{url}/{p}" for p in site_pages(project_site[1]) if not p.endswith("404.html")}
    assert every_page <= links, "the toured pages link to every page of every language"
    outside = sorted(link for link in links if not link.startswith(f"{url}/"))
    assert outside == [], "links that leave the project site's path"
    broken = [link for link in sorted(links) if page.request.get(link).status != 200]
    assert broken == []


def test_every_file_a_page_names_is_found_under_the_path(project_site, page) -> None:
    """Every stylesheet, script, icon and picture each published page names, asked for from that page's
    address under the path: what a page's own content adds (a logo, a picture) as well as the theme's."""
    url, site = project_site
    named = set()
    for path in site_pages(site):
        file = site / (path if path.endswith(".html") else f"{path}index.html")
        markup = file.read_text(encoding="utf-8")
        for address in files_named(markup):
            if not address.startswith("data:"):
                named.add(urljoin(f"{url}/{path}", address))
    assert len(named) > 10
    assert all(n.startswith(f"{url}/") for n in named), sorted(n for n in named if not n.startswith(url))
    missing = sorted(n for n in named if page.request.get(n).status != 200)
    assert missing == []


def test_a_missing_page_shows_the_styled_page_not_found_with_links_back_into_the_site(
    project_site, page
) -> None:
    url, _ = project_site
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(f"{url}/no/such/page/")
    assert response is not None and response.status == 404
    assert failed == [f"404 {url}/no/such/page/"], "the page's own files all load"
    assert page.evaluate("() => document.styleSheets.length") > 0
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    assert hrefs and all(h.startswith(f"{url}/") for h in hrefs), hrefs
    assert page.request.get(hrefs[0]).status == 200
    page.locator("#open-search").click()  # its own script, not an inline one: the search opens, ready to type
    page.wait_for_function("() => document.activeElement.matches('[data-md-component=search-query]')")


def test_the_self_check_gives_its_result_under_the_path(project_tour: Tour) -> None:
    answered = project_tour.self_check
    assert answered is not None and answered.requests and not answered.failed and not answered.errors
    assert project_tour.answered == "suitable", "every answer no: the result shows, and massage may suit"


def test_without_an_address_in_clinic_yml_the_host_s_address_makes_the_page_not_found_work(
    tmp_path: Path, page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork publishes before the clinic writes `website:`: the workflow hands the build GitHub Pages'
    address (MASSAGE_SITE_URL), so the page-not-found page, served at any depth, still finds its files."""
    project = copy_project(tmp_path / "project", english_only=True)
    clinic = project / "data" / "clinic.yml"
    remove_top_level_field(clinic, "website")
    monkeypatch.setenv("MASSAGE_SITE_URL", WEBSITE.rstrip("/"))
    site = publish_copy(project, tmp_path / "site")
    with served(site, path=urlsplit(WEBSITE).path) as url:
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(f"{url}/no/such/page/")
        assert failed == [f"404 {url}/no/such/page/"]
        hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
        assert hrefs and all(h.startswith(f"{url}/") for h in hrefs), hrefs
    assert f"<loc>{WEBSITE}" in (site / "sitemap.xml").read_text(encoding="utf-8")
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {WEBSITE}sitemap.xml\n"


def test_a_shared_link_shows_the_page_s_address_the_logo_and_the_locale(project_site, page) -> None:
    url, _ = project_site
    page.goto(f"{url}/visit/")
    meta = page.eval_on_selector_all(
        "meta[property^='og:']",
        "tags => Object.fromEntries(tags.map(t => [t.getAttribute('property'), t.content]))",
    )
    assert meta["og:url"] == f"{WEBSITE}visit/"
    assert meta["og:image"] == f"{WEBSITE}assets/share-picture.png"  # social sites show no SVG
    assert (meta["og:image:type"], meta["og:image:width"], meta["og:image:height"]) == (
        "image/png",
        "1200",
        "630",
    )
    assert page.request.get(meta["og:image"].replace(WEBSITE, f"{url}/")).status == 200
    assert meta["og:locale"] == "en_GB"


def test_every_page_runs_under_a_strict_policy_that_names_everything_it_runs(project_tour: Tour) -> None:
    """Under a path as at the root (tests/test_every_page.py): every page carries the policy, and nothing on
    any page, searching or the self-check included, is refused by it."""
    visits = [*project_tour.visits.values(), project_tour.self_check]
    for visit in visits:
        assert visit and "default-src 'self'" in visit.policy and "'unsafe-inline'" not in visit.policy
    assert [(v.path, v.refused) for v in visits if v and v.refused] == []
    assert {path for path, v in project_tour.visits.items() if v.searched} == {"", "conditions/radiculitis/"}
