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


# The list shown now, marked stale by a hidden item of our own: the theme empties the list before it shows the
# results of the next query, so the list read once the mark is gone is that query's, and only that query's
# (the first ten results, added in the same task). Then the list is marked again for the next query.
_MARK_STALE = """() => { const mark = document.createElement('li');
    mark.hidden = true; mark.dataset.stale = '';
    document.querySelector('.md-search-result__list').append(mark); }"""
_FRESH_RESULTS = f"""query => new Promise((resolve, reject) => {{
    const list = document.querySelector('.md-search-result__list');
    const fresh = () => {{
        if (list.querySelector(':scope > [data-stale]')) return false;
        watch.disconnect(); clearTimeout(late);
        const results = ({_READ_RESULTS})();
        ({_MARK_STALE})();
        resolve(results);
        return true;
    }};
    const watch = new MutationObserver(fresh);
    const late = setTimeout(() => {{  // 30 s: a busy 2-core run
        watch.disconnect(); reject(new Error(`no results shown for "${{query}}"`)); }}, 30000);
    if (!fresh()) watch.observe(list, {{childList: true}});
}})"""


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
        page.evaluate(_MARK_STALE)
        self._last: tuple[str, list[list[Link]]] | None = None

    def search(self, query: str) -> list[list[Link]]:
        """The results for a query: each result's visible links (the page, then its best sections)."""
        if self._last and self._last[0] == query:  # the theme searches only when the box's words change
            return self._last[1]
        self.box.fill(query)
        self.box.press("End")  # the theme searches on a key going up
        results = [
            [Link(**{**link, "target": link["target"].removeprefix(self.path)}) for link in item]
            for item in self.page.evaluate(_FRESH_RESULTS, query)
        ]
        self._last = (query, results)
        return results


def rank_of(results: list[list[Link]], finds: str | list[str]) -> int | None:
    """Position (1-based) of the first result that shows one of the expected places, or None."""
    targets = {finds} if isinstance(finds, str) else set(finds)
    for position, item in enumerate(results, start=1):
        if targets & {link.target for link in item}:
            return position
    return None
