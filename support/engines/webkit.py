"""WebKit: Debian's `webkit2gtk-driver` (WebKitWebDriver and its MiniBrowser), through Selenium, on an Xvfb
display of its own."""

from __future__ import annotations

import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

from .base import MINIBROWSER_GLOB, WEBKIT_DRIVER, XVFB, Engine


def _minibrowser() -> str:
    import glob

    found = sorted(glob.glob(MINIBROWSER_GLOB))
    assert found, f"WebKit's MiniBrowser not found ({MINIBROWSER_GLOB}): run `make test`, which installs it"
    return found[0]


class WebKit(Engine):
    name = "webkit"

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        assert Path(WEBKIT_DRIVER).exists(), f"{WEBKIT_DRIVER} not found: run `make test`, which installs it"
        assert Path(XVFB).exists(), f"{XVFB} not found: run `make test`, which installs it"
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            [XVFB, "-displayfd", str(write), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not start"
        options = Options()
        options.binary_location = _minibrowser()
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": f":{display}"})
        try:
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK class still uses a RemoteConnection argument it deprecates.
                warnings.simplefilter("ignore", DeprecationWarning)
                self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)
            raise
        self.driver.set_window_size(1280, 900)

    def open(self, url: str) -> None:
        self.driver.get(url)
        self._loaded()

    def run(self, body: str, *args: Any) -> Any:
        return self.driver.execute_script(f"const args = [...arguments]; {body}", *args)

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def click(self, selector: str) -> None:
        self._element(selector).click()

    def type(self, selector: str, text: str) -> None:
        element = self._element(selector)
        element.click()
        element.send_keys(text)

    def screenshot(self, selector: str, path: Path) -> None:
        # WebKitWebDriver's element screenshot of a frame leaves its top black: crop the window's instead.
        import io

        from PIL import Image

        box = self.run(
            """const r = document.querySelector(args[0]).getBoundingClientRect(), s = devicePixelRatio;
            return [r.left * s, r.top * s, r.right * s, r.bottom * s].map(Math.round);""",
            selector,
        )
        Image.open(io.BytesIO(self.driver.get_screenshot_as_png())).crop(tuple(box)).save(path)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)


# Firefox with a fresh profile, told not to call Mozilla's services (the machine's network is closed).
