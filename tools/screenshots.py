"""Phone-size screenshots of every page in every engine, for a person to look at: screenshots/ENGINE/PAGE.png
(git-ignored). Run with `make screenshots`; the tests check the same pages for sideways scrolling."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import engines  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, site_pages  # noqa: E402

PHONE = (360, 740)  # a common Android phone; the tests check 320 px as well
OUT = ROOT / "screenshots"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        built = build_site(ROOT, site)
        if built.returncode:
            sys.exit(built.stderr)
        server = engines.EngineSite(site)
        shutil.rmtree(OUT, ignore_errors=True)
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name in engines.ENGINES:
                    started = time.monotonic()
                    engine = engines.start(name, chromium)
                    try:
                        (OUT / name).mkdir(parents=True)
                        for path in site_pages(site):
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
        server.close()


if __name__ == "__main__":
    main()
