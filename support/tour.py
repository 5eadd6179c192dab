"""One tour of a served site in Chromium: every page opened once, and all that the page tests ask of a page
read on that one visit (what it requested, what failed to load, console errors, what the Content-Security-
Policy refused, its title and h1, its links, its glossary words, axe-core's findings in each colour scheme,
the skip link, text at twice its size). The tests then only read the tour: a site is toured once per run,
not once per test.

Searching (on a few pages) and answering the self-check are part of the tour, so the requests and refusals
of the search worker and of the self-check's script are seen too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Not a WCAG rule (axe files it under best practice), but a screen reader announces an unnamed dialog as
# "dialog" only: Material's search dialog is named in overrides/partials/search.html.
EXTRA_RULES = ["aria-dialog-name"]
SEARCHED = ("", "404.html", "conditions/radiculitis/")

_VIOLATIONS = """window.__refused = [];
document.addEventListener('securitypolicyviolation',
    e => window.__refused.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""

_PALETTES = """() => {
    const offered = [...document.querySelectorAll('input[data-md-color-scheme]')].map(i => ({
        scheme: i.dataset.mdColorScheme, primary: i.dataset.mdColorPrimary || '',
        accent: i.dataset.mdColorAccent || ''}));
    const b = document.body.dataset;
    return offered.length ? offered
        : [{scheme: b.mdColorScheme || 'default', primary: b.mdColorPrimary || '',
            accent: b.mdColorAccent || ''}];
}"""
_USE_PALETTE = """p => { const b = document.body;
    b.setAttribute('data-md-color-scheme', p.scheme);
    if (p.primary) b.setAttribute('data-md-color-primary', p.primary);
    if (p.accent) b.setAttribute('data-md-color-accent', p.accent); }"""
# axe's own result is large (every node of every rule that passed): only what the tests read comes back.
_RUN_AXE = """options => axe.run(document, options).then(r => ({
    violations: r.violations.map(v => ({id: v.id, help: v.help,
        targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})),
    applied: [...r.passes, ...r.violations, ...r.incomplete].map(rule => rule.id)}))"""

_FOCUSED = """() => { const a = document.activeElement, r = a.getBoundingClientRect();
    return {text: a.textContent.trim(), href: a.getAttribute('href'), width: r.width, height: r.height,
            top: r.top, left: r.left}; }"""
_WENT = """id => ({hash: location.hash,
    in_article: !!id && !!(document.getElementById(id) && document.getElementById(id).closest('article'))})"""

_ARTICLE_TEXT = "() => (document.querySelector('article') || document.body).innerText"
_DOUBLE_TEXT = """() => { const h = document.documentElement;
    h.style.fontSize = (parseFloat(getComputedStyle(h).fontSize) * 2) + 'px'; }"""
_SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: the page reflows at 320 CSS px
CLIPPED = """() => {
    const clipped = [];
    for (const el of document.querySelectorAll('article *, .care-card *')) {
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility === 'hidden') continue;
        const hides = v => v === 'hidden' || v === 'clip';
        if ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
            || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1))
            clipped.push(el.tagName + '.' + el.className);
    }
    return clipped;
}"""


@dataclass
class AxeFindings:
    scheme: str
    violations: list[dict[str, Any]]
    applied: list[str]


@dataclass
class Visit:
    """What one page did and showed while it was open."""

    path: str
    status: int = 0
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "404 <url>", or a request that failed
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    refused: list[str] = field(default_factory=list)  # what the Content-Security-Policy refused
    policy: str = ""
    title: str = ""
    h1: int = 0
    links: list[str] = field(default_factory=list)  # every a[href], as the browser resolves it
    axe: list[AxeFindings] = field(default_factory=list)
    skip_link: dict[str, Any] = field(default_factory=dict)  # the first Tab's element, and where Enter went
    searched: bool = False
    narrow: dict[str, Any] = field(default_factory=dict)  # on a 320 px wide screen: sideways scroll, clipped
    text_doubled: dict[str, Any] = field(default_factory=dict)  # text lost, sideways scroll, clipped
    # Each glossary word (abbr[title]): its text, whether it is inside a link, button or summary, its
    # tabindex, whether it is shown and whether it takes the focus.
    words: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Tour:
    url: str
    visits: dict[str, Visit]
    cookies: list[dict[str, Any]]
    self_check: Visit | None  # the self-check page, answered (`answer`) and its result shown
    answered: Any = None  # what `answer(page)` returned: the result's tier, for answer_no_to_every_question


def tour(
    browser: Any,
    url: str,
    pages: list[str],
    *,
    axe: bool = True,
    layout: bool = True,
    search: tuple[str, ...] = SEARCHED,
    answer: Any = None,
) -> Tour:
    """Open each page of `pages` (URL paths, "" for the home page) of the site served at `url` in one
    browser tab, one after the other, and read everything off it; search on the pages of `search`.
    `answer(page)`, when given, answers the self-check at the end; axe-core runs unless `axe` is False,
    and the skip link, the 320 px screen and the doubled text are tried unless `layout` is False."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_VIOLATIONS)
    if axe:  # sent to the browser once, not once a page (half a megabyte: 0.1 s of CPU a page)
        context.add_init_script(Axe().axe_script)
    page = context.new_page()
    visit = Visit("")

    def failed(request: Any) -> None:
        if "ABORTED" not in (request.failure or ""):  # cut off by going on to the next page: no failure
            visit.failed.append(f"{request.failure} {request.url}")

    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("response", lambda r: visit.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", failed)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visits: dict[str, Visit] = {}
    try:
        for path in pages:
            visit = visits[path] = Visit(path)
            response = page.goto(f"{url}/{path}", wait_until="load")
            visit.status = response.status if response else 0
            if layout:
                _skip_link(page, visit)
            _read(page, visit)
            if axe:
                visit.axe += run_axe(page)
            if layout:
                _narrow(page, visit)
                _double_the_text(page, visit)
            visit.words = page.evaluate(_WORDS)  # last: a word focused shows its tooltip
            visit.refused += page.evaluate("() => window.__refused")
            if path in search:  # on the page as loaded: the skip link's jump to a heading closes the search
                page.goto(f"{url}/{path}", wait_until="load")
                _search(page, "massage")
                visit.searched = True
                if axe:  # the search dialog open, with its results
                    visit.axe += run_axe(page, state="search open")
                visit.refused += page.evaluate("() => window.__refused")
        self_check, answered = None, None
        if answer:
            visit = self_check = Visit("self-check/ (answered)")
            page.goto(f"{url}/self-check/", wait_until="load")
            answered = answer(page)
            _read(page, visit)
            visit.refused += page.evaluate("() => window.__refused")
        page.wait_for_load_state("networkidle")  # anything a page asks for late is asked for by now
        return Tour(url, visits, context.cookies(), self_check, answered)
    finally:
        context.close()


def _search(page: Any, query: str) -> None:
    """Search as a patient does ("/" opens the box); the search worker loads the index then."""
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)  # a busy 2-core run
    page.wait_for_load_state("networkidle")


_WORDS = """() => [...document.querySelectorAll('abbr[title]')].map(w => ({
    text: w.textContent, inside: !!w.parentElement.closest('a, button, summary'),
    tabindex: w.getAttribute('tabindex'), shown: w.checkVisibility(),
    focusable: (w.focus(), document.activeElement === w)}))"""
_READ = """() => ({
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
    title: document.title,
    h1: document.querySelectorAll('h1').length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href)})"""


def _read(page: Any, visit: Visit) -> None:
    read = page.evaluate(_READ)
    visit.policy, visit.title, visit.h1, visit.links = (read[k] for k in ("policy", "title", "h1", "links"))


def run_axe(page: Any, axe_script: str = "", state: str = "") -> list[AxeFindings]:
    """axe-core on the page as it is now, in each colour scheme the site offers; `axe_script` puts axe-core
    on the page first, where no init script of its context has."""
    if axe_script:
        page.evaluate(axe_script)
    findings = []
    for palette in page.evaluate(_PALETTES):
        page.evaluate(_USE_PALETTE, palette)
        options = {
            "runOnly": {"type": "tag", "values": WCAG_AA_TAGS},
            "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
            "resultTypes": ["violations"],
        }
        found = page.evaluate(_RUN_AXE, options)
        scheme = f"{palette['scheme']}, {state}" if state else palette["scheme"]
        findings.append(AxeFindings(scheme, found["violations"], found["applied"]))
    return findings


def _skip_link(page: Any, visit: Visit) -> None:
    """The first Tab on the page just loaded, and where Enter on it goes."""
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    page.keyboard.press("Enter")
    target = (focused["href"] or "#").split("#", 1)[-1]
    went = page.evaluate(_WENT, target)
    visit.skip_link = {**focused, "target": target, "hash": went["hash"], "in_article": went["in_article"]}


def _narrow(page: Any, visit: Visit) -> None:
    """The page on a 320 px wide screen (WCAG 1.4.10, reflow): nothing scrolls sideways or is cut off."""
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    visit.narrow = {"sideways": page.evaluate(_SIDEWAYS), "clipped": page.evaluate(CLIPPED)}
    page.set_viewport_size(size)


def _double_the_text(page: Any, visit: Visit) -> None:
    """Text at twice its size (WCAG 1.4.4): nothing lost, cut off or scrolling sideways."""
    before = page.evaluate(_ARTICLE_TEXT)
    page.evaluate(_DOUBLE_TEXT)
    after = page.evaluate(_ARTICLE_TEXT)
    visit.text_doubled = {
        "lost": re.sub(r"\s+", " ", after) != re.sub(r"\s+", " ", before),
        "sideways": page.evaluate(_SIDEWAYS),
        "clipped": page.evaluate(CLIPPED),
    }
