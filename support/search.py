"""Material's search box on a served site, used the way a patient uses it: type, read the results. One page
object for every test (and benchmark) that searches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .languages import theme_words

# The visible links of each result in the list, in order: the page, then the best sections of that page. The
# sections folded under "N more on this page" are not visible, so they do not count.
_READ_RESULTS = """() => [
  ...document.querySelectorAll('.md-search-result__list > .md-search-result__item')
].map(item => [...item.querySelectorAll(':scope > a.md-search-result__link')].map(a => {
    const url = new URL(a.href);
    return {target: url.pathname + url.hash,
            title: a.querySelector('h1, h2').textContent,
            text: [...a.querySelector('article').children]
              .filter(e => !/^H[12]$/.test(e.tagName) && !e.classList.contains('md-search-result__icon'))
              .map(e => e.innerText).join('\\n')};
  }))"""


@dataclass(frozen=True)
class Link:
    target: str  # "conditions/radiculitis/" or "techniques/#petrissage"
    title: str
    text: str  # what the result shows under its title


class SearchBox:
    """The search box of the site's home page, open and ready: the worker has built its index."""

    def __init__(self, page: Any, site_url: str) -> None:
        self.page = page
        self.path = (
            urlsplit(site_url).path.rstrip("/") + "/"
        )  # "/" at the root, "/back-massage/" under a path
        page.goto(f"{site_url}/")
        self.box = page.locator("input.md-search__input")
        self.box.click()
        self.meta = page.locator(".md-search-result__meta")
        # The worker builds the index in the browser; until then the meta line says it is initialising, then
        # it invites the patient to type, in the page's language.
        language = page.evaluate("document.documentElement.lang")
        self.placeholder = theme_words(language, "search.result.placeholder")
        page.wait_for_function(
            "p => document.querySelector('.md-search-result__meta').textContent === p", arg=self.placeholder
        )

    def search(self, query: str) -> list[list[Link]]:
        """The results for a query: each result's visible links (the page, then its best sections)."""
        # Clear first and wait for the empty list, so the list read below belongs to this query only.
        self.box.fill("")
        self.box.press("End")
        self.page.wait_for_function(
            "p => !document.querySelector('.md-search-result__list').children.length"
            " && document.querySelector('.md-search-result__meta').textContent === p",
            arg=self.placeholder,
        )
        self.box.fill(query)
        self.box.press("End")
        self.page.wait_for_function(
            "p => document.querySelector('.md-search-result__list').children.length"
            " || (document.querySelector('.md-search-result__meta').textContent !== p)",
            arg=self.placeholder,
        )
        # A place on the site, whatever path the site is served under ("conditions/radiculitis/").
        return [
            [Link(**{**link, "target": link["target"].removeprefix(self.path)}) for link in item]
            for item in self.page.evaluate(_READ_RESULTS)
        ]


def rank_of(results: list[list[Link]], finds: str | list[str]) -> int | None:
    """Position (1-based) of the first result that shows one of the expected places, or None."""
    targets = {finds} if isinstance(finds, str) else set(finds)
    for position, item in enumerate(results, start=1):
        if targets & {link.target for link in item}:
            return position
    return None
