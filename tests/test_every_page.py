"""Every page of the built site, as a patient's Chromium shows it, read on one tour (support/tour.py): it asks
the site's own host for everything and nothing else, sets no cookie, loads whole, writes no error, runs
nothing its Content-Security-Policy does not name, meets WCAG 2.2 AA as far as axe-core can tell in every
colour scheme, has one h1 and a "Page - Site" title, a skip link first, text that can double in size and
its glossary words in the keyboard's path only where they are not inside a link, a button or a summary.
Searching and the self-check are part of the tour."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from macros.content import Content
from support.languages import page_content, theme_words
from support.site import served
from support.tour import EXTRA_RULES, NARROW, SEARCHED, Tour, Visit, tour

# Run before a change to the texts alone publishes (make test-publish), as well as in make test.
pytestmark = pytest.mark.publish_check

DASH = "\N{EN DASH}"


def _visits(site_tour: Tour) -> list[Visit]:
    return [*site_tour.visits.values(), *([site_tour.self_check] if site_tour.self_check else [])]


def test_the_tour_opens_every_page_and_searches_and_answers_the_self_check(site_tour: Tour) -> None:
    assert len(site_tour.visits) >= 20
    assert {path for path, visit in site_tour.visits.items() if visit.searched} == set(SEARCHED)
    assert site_tour.self_check and site_tour.self_check.requests, "the self-check page was answered"
    assert site_tour.answered == "suitable", "every answer no: the result shows, and massage may suit"


def test_every_page_requests_nothing_from_another_host_and_sets_no_cookie(site_tour: Tour, figures) -> None:
    own = urlsplit(site_tour.url).netloc
    elsewhere = []
    for visit in _visits(site_tour):
        other = [
            u for u in visit.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own
        ]
        other += [u for u in visit.requests if urlsplit(u).scheme not in ("http", "https", "data", "blob")]
        figures(
            "Privacy: requests while loading each page and searching",
            f"/{visit.path:<40} {len(visit.requests):3d} requests, {len(other)} to other hosts",
        )
        elsewhere += [f"/{visit.path}: {u}" for u in other]
    assert sum(len(visit.requests) for visit in _visits(site_tour)) > 0
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert site_tour.cookies == []


def test_every_page_loads_everything_it_asks_for_and_writes_no_error(site_tour: Tour) -> None:
    failed = {
        visit.path: [f for f in visit.failed if not (visit.path == "404.html" and f.endswith("/404.html"))]
        for visit in _visits(site_tour)
    }
    assert {path: f for path, f in failed.items() if f} == {}
    assert {visit.path: visit.errors for visit in _visits(site_tour) if visit.errors} == {}
    assert all(visit.status == 200 for path, visit in site_tour.visits.items() if path != "404.html")


def test_every_link_to_the_site_itself_leads_to_a_page(site_tour: Tour) -> None:
    """The navigation, the footers, the cross-links the data makes: each address on the site's host loads."""
    own = urlsplit(site_tour.url).netloc
    links = {
        link.split("#", 1)[0]
        for visit in _visits(site_tour)
        for link in visit.links
        if urlsplit(link).netloc == own
    }
    assert len(links) >= len(site_tour.visits)
    broken = []
    for link in sorted(links):
        try:
            with urllib.request.urlopen(link, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            broken.append(f"{status} {link}")
    assert broken == []


def test_every_page_runs_under_a_strict_policy_that_names_everything_it_runs(site_tour: Tour) -> None:
    """Each published page carries a Content-Security-Policy (its own host only; the theme's inline lines
    by hash; no inline style, plugin or frame), and nothing on any page, searching or the self-check
    included, is refused by it: nothing runs that the policy does not name."""
    for visit in _visits(site_tour):
        assert "default-src 'self'" in visit.policy and "'unsafe-inline'" not in visit.policy, visit.path
        assert "script-src 'self' 'sha256-" in visit.policy and "object-src 'none'" in visit.policy, (
            visit.path
        )
    assert {visit.path: visit.refused for visit in _visits(site_tour) if visit.refused} == {}


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_in_any_colour_scheme(
    site_tour: Tour, figures
) -> None:
    failures = []
    for path, visit in site_tour.visits.items():
        assert visit.axe, f"/{path}: axe-core did not run"
        for found in visit.axe:
            figures(
                "axe-core (WCAG 2.0/2.1/2.2 A and AA) violations per page",
                f"/{path:<40} {found.scheme:<8} {len(found.violations)} violations,"
                f" {len(found.applied)} rules applied",
            )
            failures += [
                f"/{path} [{found.scheme}] {v['id']}: {v['help']} at {v['targets']}" for v in found.violations
            ]
    assert not failures, "\n".join(failures)


def test_every_dialog_has_an_accessible_name(site_tour: Tour) -> None:
    """Material's search dialog is named (overrides/partials/search.html), so a screen reader announces it."""
    for path, visit in site_tour.visits.items():
        assert all(set(EXTRA_RULES) <= set(found.applied) for found in visit.axe), f"/{path}: rule not run"
        unnamed = [v for found in visit.axe for v in found.violations if v["id"] in EXTRA_RULES]
        assert not unnamed, (path, unnamed)


def test_every_page_has_one_h1_and_a_title_that_names_the_page_then_the_site(
    site_tour: Tour, content: Content
) -> None:
    for path, visit in site_tour.visits.items():
        site = page_content(content, path).clinic.site_name  # in the page's language
        assert visit.h1 == 1, f"/{path} has {visit.h1} h1 elements"
        if (
            visit.title != site
        ):  # a page whose title is part of the site name is titled by the site name alone
            assert visit.title.endswith(f" {DASH} {site}"), (path, visit.title)
            assert visit.title.removesuffix(f" {DASH} {site}").strip(), (path, visit.title)


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_past_the_navigation(
    site_tour: Tour, content: Content
) -> None:
    for path, visit in site_tour.visits.items():
        focused = visit.skip_link
        assert focused["text"] == theme_words(page_content(content, path).code, "action.skip"), (
            path,
            focused,
        )
        assert focused["width"] > 0 and focused["height"] > 0, (path, focused)
        assert focused["top"] >= 0 and focused["left"] >= 0, (path, focused)
        assert focused["hash"] == f"#{focused['target']}", (path, focused)
        # The target is the page's main heading, inside the content, past header and navigation.
        assert focused["in_article"], f"/{path}: skip link target #{focused['target']} is not in the content"


def test_text_at_twice_its_size_loses_nothing_and_never_scrolls_sideways(site_tour: Tour, figures) -> None:
    for path, visit in site_tour.visits.items():
        doubled = visit.text_doubled
        assert not doubled["lost"], f"/{path}: text lost at 200%"
        assert doubled["sideways"] <= 0, f"/{path}: the page scrolls sideways by {doubled['sideways']}px"
        assert not doubled["clipped"], f"/{path}: text cut off in {doubled['clipped'][:5]}"
    figures("Text resize", f"{len(site_tour.visits)} pages: text at 200%, nothing lost, cut off or sideways")


def test_no_page_scrolls_sideways_or_cuts_text_off_on_a_320_px_screen(site_tour: Tour, figures) -> None:
    """WCAG 1.4.10 (reflow) in Chromium, on the published pages; tests/test_engines.py checks WebKit and
    Firefox."""
    for path, visit in site_tour.visits.items():
        assert visit.narrow["sideways"] <= 0, f"/{path}: scrolls sideways by {visit.narrow['sideways']}px"
        assert not visit.narrow["clipped"], f"/{path}: text cut off in {visit.narrow['clipped'][:5]}"
    figures(
        "Text resize", f"{len(site_tour.visits)} pages at {NARROW['width']} px: nothing cut off or sideways"
    )


# --- The tour sees what it looks for --------------------------------------------------------------------

_BAD_PAGE = """<!doctype html><html lang="en"><head><title>Bad</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self'">
</head><body><a href="#main">Not a skip link</a><h1>One</h1><h1>Two</h1>
<img src="https://tracker.example/pixel.gif" alt=""><img src="missing.png" alt="">
<script src="broken.js"></script><div style="color: red">inline style</div>
<button></button><pre>{}</pre></body></html>""".format("x" * 120)  # a line too long for a phone


@pytest.fixture(scope="module")
def bad_tour(browser, tmp_path_factory: pytest.TempPathFactory) -> Tour:
    site = tmp_path_factory.mktemp("bad-site")
    (site / "index.html").write_text(_BAD_PAGE, encoding="utf-8")
    (site / "broken.js").write_text("document.cookie = 'seen=1'; throw new Error('a deliberate error');")
    with served(site) as url:
        return tour(browser, url, [""], search=())


def test_the_tour_sees_a_request_elsewhere_a_cookie_a_failed_load_an_error_and_a_refusal(
    bad_tour: Tour,
) -> None:
    home = bad_tour.visits[""]
    assert "https://tracker.example/pixel.gif" in home.requests
    assert [c["name"] for c in bad_tour.cookies] == ["seen"]
    assert any(f.startswith("404 ") and f.endswith("/missing.png") for f in home.failed), home.failed
    assert any("a deliberate error" in e for e in home.errors), home.errors
    assert any(r.startswith("img-src https://tracker.example/pixel.gif") for r in home.refused), home.refused
    assert any(r.startswith("style-src-attr") for r in home.refused), home.refused


def test_the_tour_sees_two_h1_an_unnamed_button_no_skip_link_and_a_page_too_wide(bad_tour: Tour) -> None:
    home = bad_tour.visits[""]
    assert home.h1 == 2
    assert "button-name" in {v["id"] for found in home.axe for v in found.violations}
    assert home.skip_link["text"] == "Not a skip link" and not home.skip_link["in_article"]
    assert home.narrow["sideways"] > 0, "the long line scrolls sideways on a 320 px screen"


def test_no_glossary_word_is_a_focus_target_inside_another_and_every_other_one_is(site_tour: Tour) -> None:
    """A word inside a link, a button or a summary cannot take the focus (nested focus targets confuse the
    keyboard and screen readers); anywhere else a word takes it, so a keyboard or a tap shows the
    explanation. The words in links still carry it on hover, and the glossary page explains every one
    (tests/test_plain_language.py)."""
    nested = focusable = 0
    for path, visit in site_tour.visits.items():
        for word in visit.words:
            if word["inside"]:
                nested += 1
                assert word["tabindex"] is None and not word["focusable"], (path, word)
            else:
                focusable += 1
                # One in a part of the page not shown yet (a self-check result's reason) takes the focus
                # once it shows.
                assert word["tabindex"] == "0" and (word["focusable"] or not word["shown"]), (path, word)
    assert nested >= 10 and focusable >= 50, (nested, focusable)
