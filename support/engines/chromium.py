"""Chromium: Debian's `chromium`, through Playwright (the `browser` fixture of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import Engine


class Chromium(Engine):
    name = "chromium"

    def __init__(self, browser) -> None:  # the Playwright browser of conftest.py
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self._log: list[str] = []
        self.page.on("console", lambda m: self._log.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self._log.append(str(e)))

    def open(self, url: str) -> None:
        self._log.clear()
        self.page.goto(url, wait_until="load")
        self._loaded()

    def run(self, body: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => {{ {body} }}", list(args))

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        self.page.keyboard.type(text)

    def screenshot(self, selector: str, path: Path) -> None:
        self.page.locator(selector).first.screenshot(path=str(path))

    def native_errors(self) -> list[str]:
        return list(self._log)

    def close(self) -> None:
        self.context.close()
