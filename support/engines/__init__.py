"""One small browser interface with a backend for each engine patients use, so that a flow is written once
and run in all three:

- Chromium: Debian's `chromium`, through Playwright (the `browser` fixture of conftest.py);
- WebKit: Debian's `webkit2gtk-driver` (WebKitWebDriver and its MiniBrowser), through Selenium, on an Xvfb
  display that the tests start;
- Firefox: Debian's `firefox-esr`, through WebDriver BiDi, spoken here over its own WebSocket.

`tools/ensure-browsers` installs all three. A missing engine fails the test run; it never skips.

Every engine opens the site from `EngineSite`, a loopback server that puts one script of ours, served from
the same origin, at the top of each page: it records uncaught errors, failed loads and console.error calls,
in every engine alike (WebKit's WebDriver has no console log of its own). Chromium's and Firefox's own
console logs are read as well.

A 320 px wide screen is a 320 px wide frame on a page of the same server: WebKitGTK's MiniBrowser window
cannot be made narrower than its toolbar, and a frame gives every engine the same viewport to lay out in.
"""

from __future__ import annotations

from .base import ENGINES, Engine, EngineSite
from .chromium import Chromium
from .firefox import Firefox
from .webkit import WebKit

__all__ = ["ENGINES", "Chromium", "Engine", "EngineSite", "Firefox", "WebKit", "start"]


def start(name: str, chromium_browser=None) -> Engine:
    if name == "chromium":
        return Chromium(chromium_browser)
    if name == "webkit":
        return WebKit()
    if name == "firefox":
        return Firefox()
    raise ValueError(name)
