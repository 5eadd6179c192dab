"""What a patient's browser does: the bytes a first visit transfers, and the self-check's speed."""

from __future__ import annotations

import importlib.util
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from static_server import COMPRESSIBLE, transfer_size

from support.site import CHROMIUM, launch_chromium

_MATERIAL_FILES = Path(importlib.util.find_spec("material").origin).parent / "templates"
KINDS = {
    ".html": "HTML",
    ".css": "CSS",
    ".js": "JS",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
    ".png": "images",
    ".svg": "images",
    ".ico": "images",
    ".jpg": "images",
    ".jpeg": "images",
    ".webp": "images",
    ".gif": "images",
    ".avif": "images",
}


@dataclass(frozen=True)
class Resource:
    path: str  # relative to the site root
    kind: str  # HTML, CSS, JS, fonts, images, other
    raw: int
    gzip: int

    @property
    def theme(self) -> bool:
        """A file Material ships (its templates folder holds them under assets/); everything else is ours."""
        return (_MATERIAL_FILES / self.path).is_file()


@dataclass
class FirstVisit:
    page: str
    resources: list[Resource] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to any other host: must stay empty

    def total(self, size: str, kind: str | None = None, theme: bool | None = None) -> int:
        return sum(
            getattr(r, size)
            for r in self.resources
            if (kind is None or r.kind == kind) and (theme is None or r.theme == theme)
        )


def resource(site: Path, path: str) -> Resource:
    file = site / path
    if file.is_dir() or path.endswith("/") or not path:
        file = file / "index.html"
    kind = KINDS.get(file.suffix, "other")
    raw = file.stat().st_size
    return Resource(path, kind, raw, transfer_size(file) if file.suffix in COMPRESSIBLE else raw)


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: run tools/ensure-chromium")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def first_visit(browser, base_url: str, site: Path, page_path: str) -> FirstVisit:
    """Open the page in a fresh profile (empty cache) and wait until the network is idle; every file it
    fetched counts, with its size raw and as a gzip-serving host sends it."""
    requested: list[str] = []
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        context.on("request", lambda request: requested.append(request.url))  # its workers' too
        context.new_page().goto(f"{base_url}/{page_path}", wait_until="networkidle")
    finally:
        context.close()
    return _visit(page_path, requested, base_url, site)


def first_search(browser, base_url: str, site: Path, query: str = "back") -> FirstVisit:
    """What a first search adds to a first visit: the home page opened as in first_visit, then the search
    opened from its button and `query` typed until a result shows; only the files fetched from then on."""
    requested: list[str] = []
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/", wait_until="networkidle")
        context.on("request", lambda request: requested.append(request.url))
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").type(query)
        page.locator(".md-search-result__list a.md-search-result__link").first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return _visit("(search)", requested, base_url, site)


def _visit(page_path: str, requested: list[str], base_url: str, site: Path) -> FirstVisit:
    visit = FirstVisit(page_path)
    for url in dict.fromkeys(requested):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if f"{parts.scheme}://{parts.netloc}" != base_url:
            visit.foreign.append(url)
            continue
        visit.resources.append(resource(site, urllib.parse.unquote(parts.path).lstrip("/")))
    return visit


# Every answer set of the property-test shape: all "no", each question alone "yes" and alone "unsure",
# then seeded random sets. The engine is timed over the whole sample, repeated for at least 300 ms.
_SELF_CHECK_TIMING = """
(randomSets) => {
  const ids = [...document.querySelectorAll('.sc-question')].map(e => e.id.slice(5));
  const no = Object.fromEntries(ids.map(id => [id, 'no']));
  const sample = [no];
  for (const id of ids) for (const v of ['yes', 'unsure']) sample.push({...no, [id]: v});
  let seed = 20261121;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const values = ['no', 'no', 'no', 'yes', 'unsure'];
  for (let i = 0; i < randomSets; i++) {
    sample.push(Object.fromEntries(ids.map(id => [id, values[Math.floor(random() * values.length)]])));
  }
  const evaluate = window.selfCheck.evaluate;
  for (const answers of sample) evaluate(answers);  // warm up the JIT
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < 300) {
    for (const answers of sample) evaluate(answers);
    runs += sample.length;
  }
  const elapsed = performance.now() - started;
  return {questions: ids.length, sample: sample.length, evaluations: runs, ms: elapsed};
}
"""


def self_check_speed(browser, url: str, random_sets: int = 10_000) -> dict[str, float] | str:
    """Time `window.selfCheck.evaluate(answers)` in Chromium over the property-test sample; a string
    says why it could not be timed."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        try:
            page.wait_for_function(
                "() => window.selfCheck && typeof window.selfCheck.evaluate === 'function'", timeout=10_000
            )
            return page.evaluate(_SELF_CHECK_TIMING, random_sets)
        except PlaywrightError as error:
            return f"the page has no working `window.selfCheck.evaluate` ({str(error).splitlines()[0]})"
    finally:
        context.close()
