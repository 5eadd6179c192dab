"""The theme's script as the generate step changes it (macros/theme_patches.py): a first visit fetches
neither the search index nor the search worker, search then finds and highlights as Material's always did,
and no browser, however old, is sent to another host by it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from macros.build.project import read_config
from macros.pages import theme_patches
from support.site import ROOT

INDEX = "/search/search_index.json"
ENGINE = f"/workers/{theme_patches.ENGINE_NAME}"


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@contextmanager
def recorded(contexts, **options) -> Iterator[tuple[object, list[str]]]:
    """A first visit's page (`contexts.first_visit`), and the address of every request it and its workers
    make, as they make them (the context's requests: only this page is busy in it)."""
    with contexts.first_visit(**options) as page:
        requested: list[str] = []

        def record(request) -> None:
            requested.append(request.url)

        page.context.on("request", record)
        try:
            yield page, requested
        finally:
            page.context.remove_listener("request", record)


def _open(page, url: str) -> None:
    """Open `url` and wait until the network is idle."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def _search_files(requested: list[str]) -> list[str]:
    return [url for url in requested if INDEX in url or ENGINE in url]


@pytest.mark.parametrize("path", ["/", "/conditions/radiculitis/", "/self-check/"])
def test_a_page_opened_fetches_neither_the_search_index_nor_its_worker(contexts, seed_site_url, path) -> None:
    with recorded(contexts, **PHONE) as (page, requested):
        _open(page, f"{seed_site_url}{path}")
        page.mouse.wheel(0, 600)  # reading: scrolling does not start the search
        page.wait_for_load_state("networkidle")
        assert any("/assets/javascripts/bundle." in url for url in requested), requested  # the theme runs
        assert _search_files(requested) == []


def test_opening_the_search_fetches_the_index_and_finds_what_is_typed(contexts, seed_site_url) -> None:
    with recorded(contexts, **PHONE) as (page, requested):
        _open(page, f"{seed_site_url}/")
        assert _search_files(requested) == []
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.type("sciatica")
        first = page.locator(".md-search-result__list a.md-search-result__link").first
        first.wait_for(state="visible")
        assert "/conditions/radiculitis/" in first.get_attribute("href")
        fetched = _search_files(requested)
        assert any(INDEX in url for url in fetched) and any(ENGINE in url for url in fetched)


def test_a_result_opened_highlights_the_searched_words_on_its_page(contexts, seed_site_url) -> None:
    with contexts.first_visit(viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{seed_site_url}/")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").type("sciatica")
        # The result for the whole word (the list is redrawn after each letter typed: wait for it, or a
        # click on a result of "sci" goes elsewhere on a busy machine).
        first = page.locator(
            '.md-search-result__list a.md-search-result__link[href*="conditions/radiculitis/"]'
        ).first
        first.wait_for(state="visible")
        page.wait_for_function(
            "() => (document.querySelector('.md-search-result__list a.md-search-result__link') || {}).href"
            "?.includes('h=sciatica')"
        )
        first.click()
        page.wait_for_url("**/conditions/radiculitis/?h=sciatica*")
        mark = page.locator("article mark").first
        mark.wait_for(state="attached")
        assert mark.text_content().casefold() == "sciatica"


def test_each_patch_applies_to_the_installed_theme_exactly_once() -> None:
    files = theme_patches.theme_files()
    (bundle,) = [data.decode() for path, data in files.items() if "/bundle." in path]
    for before, after, _ in theme_patches.PATCHES:
        assert before not in bundle and after in bundle
    worker = next(data.decode() for path, data in files.items() if path.endswith(theme_patches.ENGINE_NAME))
    assert "lunr" in worker  # the theme's own worker, kept under the name the small worker imports


def test_a_theme_release_without_the_patched_text_stops_the_build_with_a_message() -> None:
    with pytest.raises(theme_patches.ThemeChanged, match="Material's script has changed: cannot fetch the"):
        theme_patches.patched("console.log('another release')")


def test_the_changed_script_names_no_other_host_it_could_fetch_from() -> None:
    (bundle,) = [data.decode() for path, data in theme_patches.theme_files().items() if "/bundle." in path]
    hosts = set(re.findall(r"https?://([A-Za-z0-9.-]+)", bundle))
    assert hosts <= set(theme_patches.ALLOWED_HOSTS), hosts - set(theme_patches.ALLOWED_HOSTS)
    # api.github.com is asked only for the repository named by repo_url, which this site leaves out.
    assert "repo_url" not in read_config(ROOT)


def test_a_browser_without_resize_observer_asks_no_other_host(contexts, seed_site_url) -> None:
    errors: list[str] = []
    with recorded(contexts, **PHONE) as (page, requested):
        page.add_init_script("delete window.ResizeObserver;")  # as on iOS 12 and other old browsers
        page.on("pageerror", lambda error: errors.append(str(error)))
        _open(page, f"{seed_site_url}/conditions/radiculitis/")
        assert page.evaluate("typeof ResizeObserver") == "undefined"
        assert "Radiculitis" in page.locator("article h1").inner_text()
    assert [url for url in requested if not url.startswith(seed_site_url)] == []
    assert errors == []


def test_a_theme_release_whose_script_loader_is_renamed_stops_the_build_with_a_message() -> None:
    (bundle,) = [p for p in theme_patches.material_javascripts().glob("bundle.*.min.js")]
    renamed = bundle.read_text(encoding="utf-8").replace('_t("https://', 'loadScript("https://')
    with pytest.raises(theme_patches.ThemeChanged, match="no `_t"):
        theme_patches.patched(renamed)
