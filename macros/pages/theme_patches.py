"""The theme's script, changed so search loads when a patient opens it and nothing goes to another host.

Material starts its search as every page loads: it fetches the search worker (12 KiB gzip, with lunr) and
the search index (17 KiB, growing with the site) before anyone has typed a word. That is over a third of a
first visit, on a phone, for a search most patients never use. And on a browser without ResizeObserver
(an iPad on iOS 12, say) the script fetches a polyfill from a public CDN, telling a third party of the visit.
The generate step writes two files over the theme's own (a file in `overrides/` with a theme file's path
replaces it):

- the theme's script with the changes in `PATCHES` and `SCRIPT_FROM_ANOTHER_HOST` (and without the
  theme's language selector, which would fetch every language's sitemap on each page load): the index is
  fetched when the search opens (Material's own behaviour for a site opened from disk) or when a patient types
  into the box (a browser may type into a box without telling the page it has the focus, as a headless one
  does); the highlighting of the
  searched words on a page reached from a result (`?h=` in its address) asks for the index only there; and
  the script loads no script from another host (an old browser shows the pages without the theme's
  size-dependent touches; diagrams, which the data cannot hold, would not be drawn);
- a small worker at the worker's address that fetches the theme's worker (kept under `ENGINE_NAME`) with
  the first message it gets, which is the index.

Each change names the exact text it replaces; a Material release without that text stops the build with
a message rather than shipping a search that loads eagerly, or not at all, or a request to another host.
`tests/test_theme_patches.py` shows in Chromium that a page loads neither search file, that search then
finds and highlights as before, and that the script names no other host it could fetch from.
"""

from __future__ import annotations

import re
from pathlib import Path

JAVASCRIPTS = "assets/javascripts"
ENGINE_NAME = "search-engine.min.js"  # the theme's own worker, under workers/


class ThemeChanged(RuntimeError):
    """The installed Material's script no longer holds the text a patch replaces."""


# (what the theme's minified script says, what it says instead, why). Names are the minifier's.
PATCHES: tuple[tuple[str, str, str], ...] = (
    (
        'L($(location.protocol!=="file:"),Je("search"))',
        'L(Je("search"),h(document.forms.namedItem("search"),"input").pipe(m(()=>!0)))',
        "fetch the search index when the search opens (as Material does for a site opened from disk) or "
        "when something is typed into its box, whichever comes first",
    ),
    (
        'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
        'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))',
        "highlight searched words: ask for the index only on a page whose address holds ?h=",
    ),
    (
        "ui({document$:ct});",
        "",
        "leave out the theme's language selector, which fetches the sitemap of every language named by a "
        "<link rel=alternate> (the hreflang links of a site in more than one language) on every page load "
        "to rewrite its links: the site's language links go to the same page already",
    ),
)
# The same for the theme's search worker (the engine, fetched with the first search).
WORKER_PATCHES: tuple[tuple[str, str, str], ...] = (
    (
        "e=ce(e),!e)return{items:[]};",
        'e=e.replace(/\u0451/g,"\u0435").replace(/\u0401/g,"\u0415"),'
        'this.index.pipeline._stack.some(f=>/^stemmer/.test(f.label||""))&&(e=e.split(lunr.tokenizer.separator)'
        '.map(w=>/^[+-]|[*~^:]/.test(w)?w:this.index.pipeline._stack.some(f=>/^stemmer-/.test(f.label||"")'
        '&&((lunr[f.label.slice(8)]||{}).stopWordFilter||(t=>t))(w.toLowerCase())===void 0)?""'
        ':this.index.pipeline.runString(w.toLowerCase()).join(" "))'
        '.filter(w=>w).join(" ")),e=ce(e),!e)return{items:[]};',
        "stem each word of a query with the index's search pipeline (its stemmer) before the theme adds the "
        "wildcard, which would keep lunr from stemming it: with Russian's many endings, 'беременности' then "
        "finds 'беременность'. A stop word of the language ('при', 'ли', 'в') is dropped first, as the index "
        "dropped it: the search pipeline has no stop-word filter, so 'при' became 'пр*' and found every word "
        "it begins ('признаки'). And read ё as е, as the index does",
    ),
)
# Material's script loads a script from another address with `_t("https://…")`: a ResizeObserver polyfill
# for old browsers, a diagram library. Every such call becomes `tt`, Material's own "nothing": an old browser
# shows the pages without the theme's size-dependent touches, and diagrams (the data cannot hold one) are
# not drawn. One rule, not a patch per address, so a release that adds another address is covered too.
SCRIPT_FROM_ANOTHER_HOST = re.compile(r'_t\("https?://[^"]*"\)')
# What the changed script may still name on another host: each only with a setting this site leaves out
# (the repository's address in mkdocs.yml, repo_url) or a link it never fetches.
ALLOWED_HOSTS = ("api.github.com", "clipboardjs.com")

WORKER = """\
// Material's search worker, fetched with the first message (the search index, sent when a patient opens
// the search) instead of on every page. Written by the generate step (macros/theme_patches.py).
addEventListener("message", function first(event) {
  removeEventListener("message", first);
  importScripts("%s");
  dispatchEvent(new MessageEvent("message", { data: event.data }));
});
"""


def material_javascripts() -> Path:
    import material  # the theme's package; imported here so the content core does not need it

    return Path(material.__file__).parent / "templates" / JAVASCRIPTS


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise ThemeChanged(f"expected one {pattern} in Material's {folder.name}/, found {len(found)}")
    return found[0]


def patched(script: str, patches: tuple[tuple[str, str, str], ...] | None = None) -> str:
    """The theme's script with every patch applied; ThemeChanged when one does not apply exactly once."""
    if patches is not None:
        return _applied(script, patches)
    script = _applied(script, PATCHES)
    script, loads = SCRIPT_FROM_ANOTHER_HOST.subn("tt", script)
    if not loads:
        raise ThemeChanged(
            'Material\'s script has changed: macros/theme_patches.py finds no `_t("https://…")` that '
            "loads a script from another host. Update SCRIPT_FROM_ANOTHER_HOST for this Material version."
        )
    return script


def _applied(script: str, patches: tuple[tuple[str, str, str], ...]) -> str:
    for before, after, why in patches:
        if script.count(before) != 1:
            raise ThemeChanged(
                f"Material's script has changed: cannot {why} (macros/theme_patches.py expects {before!r} "
                "once). Update PATCHES for this Material version, or pin the version in requirements.lock."
            )
        script = script.replace(before, after)
    return script


def theme_files(javascripts: Path | None = None) -> dict[str, bytes]:
    """The files to write into the generated overrides/, by their path there."""
    javascripts = javascripts or material_javascripts()
    bundle = _one(javascripts, "bundle.*.min.js")
    worker = _one(javascripts / "workers", "search.*.min.js")
    return {
        f"{JAVASCRIPTS}/{bundle.name}": patched(bundle.read_text(encoding="utf-8")).encode(),
        f"{JAVASCRIPTS}/workers/{worker.name}": (WORKER % ENGINE_NAME).encode(),
        f"{JAVASCRIPTS}/workers/{ENGINE_NAME}": patched(
            worker.read_text(encoding="utf-8"), WORKER_PATCHES
        ).encode(),
    }
