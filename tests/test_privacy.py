"""A patient's browser talks to no one but the site: no page carries analytics or names another host to load
from. What the browser requests is read on the page tour (tests/test_every_page.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.pages import files_named

ANALYTICS = re.compile(r"google-analytics|googletagmanager|gtag\(|matomo|plausible|fbq\(|hotjar", re.I)


@pytest.mark.live_data
@pytest.mark.publish_check
def test_no_page_contains_analytics_or_loads_anything_from_another_host(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        markup = file.read_text(encoding="utf-8")
        assert not ANALYTICS.search(markup), file.name
        # Every file a page loads is the site's own (canonical and og:url only name the page).
        for address in files_named(markup):
            assert not re.match(r"(https?:)?//", address), (file.name, address)
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css.name
