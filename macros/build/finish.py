"""The site finished for the host, after MkDocs built it (`make build`): every HTML page minified with
minify-html, our own stylesheets and scripts with rcssmin and rjsmin, and a .gz and a .br copy beside every
text file, for hosts that serve precompressed files
(nginx gzip_static and brotli_static, Caddy's precompressed, most CDNs). Both copies are reproducible:
no timestamps or names inside, so the same commit gives the same bytes."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Collection
from pathlib import Path

import brotli
import minify_html
import rcssmin
import rjsmin

from ..content.languages import ENGLISH

# What hosts compress; pictures other than SVG are compressed already.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ico"})
# The theme's search support for each language it knows (half a site's text by size, Thai's word splitter
# alone 590 KB): a site fetches only its own language's, so only that gets precompressed copies.
SEARCH_LANGUAGES = "assets/javascripts/lunr/"
_SEGMENTERS = {"ja": "tinyseg.js", "th": "wordcut.js"}  # what lunr.ja and lunr.th need beside them
# Minified as a conforming document (minify-html's defaults keep the doctype, quote what must be quoted and
# keep the spaces between attributes); the <html lang> and <head> tags and closing tags kept too, so the
# HTML checker and every browser read the page as before. It drops attributes that say the default, such as
# a button's type="submit": scripts find elements by class or data attribute, never by such a value
# (tests/test_publishing.py runs the self-check on the published pages).
_MINIFY = {
    "keep_html_and_head_opening_tags": True,
    "keep_closing_tags": True,
    "keep_input_type_text_attr": True,
    "minify_css": True,
    "minify_js": False,  # the theme's scripts are minified already; JSON-LD must stay exactly as written
}


# The theme's own files (assets/) ship minified; ours (docs/stylesheets, docs/javascripts) are written to be
# read, comments and all.
THEME_FILES = "assets"
_MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_pages(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        page.write_text(minify_html.minify(page.read_text(encoding="utf-8"), **_MINIFY), encoding="utf-8")
    for file in sorted(site.rglob("*")):
        minify = _MINIFIERS.get(file.suffix)
        if minify and file.is_file() and file.relative_to(site).parts[0] != THEME_FILES:
            file.write_text(minify(file.read_text(encoding="utf-8")), encoding="utf-8")


# What a page may load and run: its own host's files, and no inline script but the theme's own few lines,
# each named by its hash (they differ only by the page's depth). No plugin, frame, other host or inline
# style; a data: picture for the theme's icons in its stylesheet.
_POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
_DATA_TYPE = re.compile(r"""\btype=["']?(?!(?:text/javascript|module)\b)""")
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)


def content_security_policy(page: str) -> str:
    """The policy for a page as published: its inline scripts (not its JSON data blocks) by their hashes."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for attrs, body in _INLINE_SCRIPT.findall(page)
            if not _DATA_TYPE.search(attrs)
        }
    )
    return "; ".join(_POLICY).replace("{hashes}", " ".join(hashes)).replace(" ;", ";")


def with_policies(site: Path) -> None:
    """Every page names what it may run in a Content-Security-Policy, first thing after its charset."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        meta = f'<meta http-equiv=Content-Security-Policy content="{content_security_policy(text)}">'
        charset = _CHARSET.search(text)
        if not charset:
            raise ValueError(f"{page.name} has no <meta charset>: the policy must come before its scripts")
        page.write_text(text[: charset.end()] + meta + text[charset.end() :], encoding="utf-8")


def fetched(path: str, languages: Collection[str] = ()) -> bool:
    """Whether a patient's browser may ask for this file of the site (its path in it): not a source map
    (only a developer's tools ask for the theme's .map files, 1.3 MB); of the theme's search support, only
    what the site's own language needs. `languages`: the codes of the folders holding the other languages'
    sites (ru/); the site at the root is in English, which needs none of it."""
    if path.endswith(".map"):
        return False
    first, _, rest = path.partition("/")
    code, inside = (first, rest) if first in languages else (ENGLISH, path)
    if not inside.startswith(SEARCH_LANGUAGES):
        return True
    needed = {f"lunr.{code}.min.js", "lunr.stemmer.support.min.js", _SEGMENTERS.get(code, "")}
    return code != ENGLISH and inside.rsplit("/", 1)[-1] in needed


def precompress(site: Path, languages: Collection[str] = ()) -> None:
    """`file.gz` (gzip level 9) and `file.br` (Brotli quality 9) beside every compressible file a browser
    may ask for. Brotli's top quality, 11, saves a tenth more but takes four times as long (1.5 s for the
    site's 1 MB of text on 2 cores)."""
    texts = (p for p in site.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE)
    for file in sorted(p for p in texts if fetched(p.relative_to(site).as_posix(), languages)):
        data = file.read_bytes()
        with (
            (file.parent / f"{file.name}.gz").open("wb") as out,
            gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as packed,
        ):
            packed.write(data)
        (file.parent / f"{file.name}.br").write_bytes(brotli.compress(data, quality=9))


def for_search_engines(site: Path, address: str | None) -> None:
    """robots.txt, naming the sitemap when the site's address is known. Without an address a sitemap
    could only list bare paths, which search engines refuse, so none is published."""
    if address:
        (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {address}sitemap.xml\n")
    else:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")


def finish(site: Path, address: str | None = None, languages: Collection[str] = ()) -> None:
    """robots.txt, minified pages, their policies, .gz and .br; `languages`: the codes of the folders
    holding the other languages' sites."""
    for_search_engines(site, address)
    minify_pages(site)
    with_policies(site)  # after minifying: the hashes are of the scripts as published
    precompress(site, languages)
