"""A patient's browser talks to no one but the site: on every page it requests nothing from any other
host, sets no cookie and loads no analytics, even while searching."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .conftest import site_pages

SEARCHED = ("", "404.html", "conditions/radiculitis/")
ANALYTICS = re.compile(r"google-analytics|googletagmanager|gtag\(|matomo|plausible|fbq\(|hotjar", re.I)


def test_every_page_requests_nothing_from_another_host_and_sets_no_cookie(
    browser, site_url: str, built_site: Path, figures
) -> None:
    own = urlsplit(site_url).netloc
    elsewhere: list[str] = []
    total = 0
    for path in site_pages(built_site):
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        if path in SEARCHED:
            # Searching runs the search worker on the index: nothing may leave the site then either.
            page.keyboard.press("/")
            page.keyboard.type("massage")
            page.wait_for_selector(".md-search-result__item", timeout=30_000)  # a busy 2-core run
            page.wait_for_load_state("networkidle")
        other = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own]
        other += [u for u in requests if urlsplit(u).scheme not in ("http", "https", "data", "blob")]
        cookies = context.cookies()
        figures(
            "Privacy: requests while loading each page and searching",
            f"/{path:<40} {len(requests):3d} requests, {len(other)} to other hosts, {len(cookies)} cookies",
        )
        elsewhere += [f"/{path}: {u}" for u in other]
        assert not cookies, f"/{path} set cookies: {cookies}"
        total += len(requests)
        context.close()
    assert total > 0
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)


def test_no_page_contains_analytics_or_loads_anything_from_another_host(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        markup = file.read_text(encoding="utf-8")
        assert not ANALYTICS.search(markup), file.name
        # src= and stylesheet/script links must point into the site (canonical and og:url only name it).
        for tag in re.findall(r"<(?:script|img|iframe|source|link)\b[^>]*>", markup):
            if 'rel="canonical"' in tag:
                continue
            url = re.search(r'\b(?:src|href)="([^"]*)"', tag)
            assert not url or not re.match(r"(https?:)?//", url.group(1)), (file.name, tag)
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css.name
