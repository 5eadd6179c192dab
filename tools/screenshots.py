"""Phone-size screenshots for a person to look at (git-ignored):

- `make screenshots`: every page in every engine at 360 x 740, into screenshots/ENGINE/PAGE.png; the tests
  check the same pages for sideways scrolling.
- `make phone-screenshots` (`--phone`): the home, about and visit pages, whole, at 390 x 844 in Chromium,
  into screenshots/phone/PAGE.png, with each page's height in CSS pixels and in screens; the README
  gives these heights."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from support import engines  # noqa: E402
from support.site import build_site, launch_chromium, site_pages  # noqa: E402

PHONE = (360, 740)  # a common Android phone; the tests check 320 px as well
LARGE_PHONE = (390, 844)  # an iPhone 14: the size the phone-layout tests and the README's heights use
PHONE_PAGES = {"home": "", "about": "about/", "visit": "visit/"}
OUT = ROOT / "screenshots"


@contextmanager
def built_site() -> Iterator[engines.EngineSite]:
    """The project built into a temporary folder and served for the engines, until the block ends."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        built = build_site(ROOT, site)
        if built.returncode:
            sys.exit(built.stderr)
        server = engines.EngineSite(site)
        try:
            yield server
        finally:
            server.close()


def phone_screenshots() -> None:
    """Whole-page screenshots of the pages patients use most, at 390 px wide, and their heights."""
    from playwright.sync_api import sync_playwright

    with built_site() as server:
        out = OUT / "phone"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        width, height = LARGE_PHONE
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                for name, path in PHONE_PAGES.items():
                    page.goto(f"{server.url}/{path}")
                    page.wait_for_load_state("load")
                    full = page.evaluate("document.documentElement.scrollHeight")
                    page.screenshot(path=out / f"{name}.png", full_page=True)
                    screens = f"{full / height:.1f} screens of {width} x {height}"
                    print(f"{name:<6} {full:>6} px high, {screens}: screenshots/phone/{name}.png")
            finally:
                browser.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    if "--phone" in sys.argv[1:]:
        phone_screenshots()
        return
    with built_site() as server:
        shutil.rmtree(OUT, ignore_errors=True)
        with sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                for name in engines.ENGINES:
                    started = time.monotonic()
                    engine = engines.start(name, chromium)
                    try:
                        (OUT / name).mkdir(parents=True)
                        for path in site_pages(server.site):
                            engine.open(server.frame(path, *PHONE))
                            engine.wait_for(
                                "return document.getElementById('screen').contentDocument.readyState"
                                " === 'complete';"
                            )
                            time.sleep(0.3)  # the theme's script lays out the header once loaded
                            file = (
                                path.strip("/").replace("/", "-").removesuffix(".html") or "home"
                            ) + ".png"
                            engine.screenshot("iframe#screen", OUT / name / file)
                    finally:
                        engine.close()
                    count = len(list((OUT / name).glob("*.png")))
                    print(f"{name:<9} {count} pages in {time.monotonic() - started:.0f} s: {OUT / name}")
            finally:
                chromium.close()


if __name__ == "__main__":
    main()
