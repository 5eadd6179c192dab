"""Build a copy of the project, serve a built site on loopback and list its pages, and where the browser
is: one module for the tests (tests/conftest.py), the benchmarks (benchmarks/) and the tools (tools/)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros.build import project as project_files
from macros.build.generate import generated_configs

ROOT = Path(__file__).resolve().parent.parent
# The project's own data, as editors keep it.
DATA = ROOT / "data"
# The seed data, frozen: tests of seed facts and tests that edit a copy of the data read this.
SEED_DATA = ROOT / "tests" / "fixtures" / "data"
# The translations of the seed data, frozen with it: tests of the translated pages' texts read this.
SEED_LOCALES = ROOT / "tests" / "fixtures" / "locales"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium tries to reach Google's services at start; the machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BUILD_EPOCH = "1763683200"  # 2025-11-21: the fixed build date of publish_copy


def launch_chromium(playwright: Any, **options: Any) -> Any:
    """Debian's Chromium through Playwright, kept off the network (Playwright downloads no browser here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


class Contexts:
    """Browser contexts kept open for a whole test run, one for each set of options (a phone's screen,
    JavaScript off, ...), each with a page left open in it. Chromium starts a renderer process for a
    context's first page, about 1.4 s of CPU on the test machine; a new page beside one already open
    costs a quarter of that, and a test run opens about a hundred pages."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self._open: dict[str, Any] = {}

    @contextmanager
    def first_visit(self, **options: Any) -> Iterator[Any]:
        """A new page, in the context with these options, starting as a first visit: no cookie, and on
        leaving, the storage of every site it opened cleared (Chromium's DevTools protocol). What a test
        adds to the page (listeners, routes, scripts) goes with it."""
        key = repr(sorted(options.items()))
        if key not in self._open:
            self._open[key] = self.browser.new_context(**options)
            self._open[key].new_page()
        context = self._open[key]
        context.clear_cookies()
        page = context.new_page()
        origins: set[str] = set()
        page.on("framenavigated", lambda frame: origins.add(_origin(frame.url)))
        try:
            yield page
        finally:
            if not page.is_closed():
                if origins - {""}:
                    devtools = context.new_cdp_session(page)
                    for origin in sorted(origins - {""}):
                        devtools.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
                    devtools.detach()
                page.close()

    def close(self) -> None:
        for context in self._open.values():
            context.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
GENERATE = str(Path(sys.executable).with_name("massage-site-generate"))
SERVE = str(Path(sys.executable).with_name("massage-site-serve"))
GENERATED_CONFIG = "build/mkdocs.yml"
# What a copy of the project holds: its sources, no virtualenv, no built site.
PROJECT_FILES = project_files.SOURCES


# The generate step, then MkDocs on each language's config (as the publish step runs it), in one Python
# process: each more process would start Python, the engine and MkDocs again (0.4 s of CPU or more).
_BUILD_IN_ONE_PROCESS = """
import sys
from pathlib import Path

from macros.build import generate
from macros.build.publish import language_builds, mkdocs_child

project, site_dir = Path(sys.argv[1]), Path(sys.argv[2])
status = generate.main(["--project", str(project)])
if status:
    sys.exit(status)
mkdocs_child(language_builds(project, site_dir))
"""


def build_site(project: Path, site_dir: Path, builder: str = MKDOCS) -> subprocess.CompletedProcess[str]:
    """Generate the project's build folder (`massage-site-generate`), then build it with `builder` (MkDocs,
    or ProperDocs) strictly into site_dir, each language into its folder, as `make build` does. With MkDocs,
    the generate step and every language's build run in one process (the publish step's MkDocs child); the
    result holds all that was said."""
    _log_build("build_site", project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = functools.partial(subprocess.run, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    if builder == MKDOCS:
        return run([sys.executable, "-c", _BUILD_IN_ONE_PROCESS, str(project), str(site_dir)])
    generated = run([GENERATE, "--project", str(project)])
    if generated.returncode:
        return generated
    out, err = generated.stdout, generated.stderr
    for config, folder in generated_configs(project):  # English, then each language into its folder
        built = run([builder, "build", "--strict", "-f", str(config), "--site-dir", str(site_dir / folder)])
        out, err = out + built.stdout, err + built.stderr
        if built.returncode:
            break
    return subprocess.CompletedProcess(built.args, built.returncode, out, err)


def _log_build(kind: str, project: Path) -> None:
    """With BUILD_LOG set, one line per build of a copy, naming the test that asked for it: how many builds
    a test run makes, and where (for the figures in CONTRIBUTING.md)."""
    log = os.environ.get("BUILD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{kind}\t{os.environ.get('PYTEST_CURRENT_TEST', '-')}\n")


def publish_copy(project: Path, site: Path) -> Path:
    """Build a copy of the project the way `make build` publishes it (checked, minified, swapped in), on a
    fixed build date, so two builds of the same copy are byte-identical."""
    from macros.build import publish
    from macros.build.validate import EXIT_OK

    _log_build("publish_copy", project)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        assert publish.build(project, site) == EXIT_OK, "the copy must pass the check and build"
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return site


def copy_project(target: Path, root: Path = ROOT, *, english_only: bool = False) -> Path:
    """A copy of the project's sources, or of another copy of them, to change in a test or a benchmark.
    english_only: published in English alone (clinic.yml's `translations:` line taken out), for a test
    about something every language shares, whose builds would otherwise take twice as long."""
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    if english_only:
        publish_in_english_only(target / "data")
    return target


def publish_in_english_only(data_dir: Path) -> None:
    """Take the `translations:` line out of a copy's clinic.yml: its site is published in English alone."""
    clinic = data_dir / "clinic.yml"
    lines = clinic.read_text(encoding="utf-8").splitlines(keepends=True)
    clinic.write_text("".join(line for line in lines if not line.startswith("translations:")), "utf-8")


def copy_seed_project(target: Path, *, translated: bool = False) -> Path:
    """A copy of the project's sources with the frozen seed data in data/: for a test that edits an entry
    it names, or checks a fact of the seed texts, whatever the editors have changed since. Published in
    English alone, or with translated, also in each language of the frozen translations (SEED_LOCALES)."""
    copy_project(target)
    shutil.rmtree(target / "data")
    shutil.copytree(SEED_DATA, target / "data")
    shutil.copytree(ROOT / "data" / "schema", target / "data" / "schema")
    if translated:
        shutil.rmtree(target / "locales", ignore_errors=True)
        shutil.copytree(SEED_LOCALES, target / "locales")
        codes = ", ".join(sorted(p.name for p in SEED_LOCALES.iterdir() if p.is_dir()))
        with open(target / "data" / "clinic.yml", "a", encoding="utf-8") as clinic:
            clinic.write(f"translations: [{codes}]\n")
    return target


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its path there, with its content's SHA-256: two folders are byte for
    byte the same when their digests are equal."""
    return {
        file.relative_to(folder).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path: "", "about/", …, "404.html"."""
    return [
        file.relative_to(site).as_posix().removesuffix("index.html") for file in sorted(site.rglob("*.html"))
    ]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host's file server that logs nothing."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(
    site: Path,
    handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler,
    port: int = 0,
    path: str = "/",
) -> Iterator[str]:
    """The built site served on loopback (on `port`, or any free one), as a static host would serve it;
    yields its address, without a final slash. With `path` ("/back-massage/"), the site is served under
    that path as GitHub Pages serves a project site: anything else is not found, and a missing file under
    it gets the site's 404.html with status 404."""
    prefix = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    if prefix == "/":
        factory = functools.partial(handler, directory=str(site))
    else:
        factory = functools.partial(_UnderPath, directory=str(site), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


class _UnderPath(QuietHandler):
    """A project site's host: the site lives under `prefix`; a file missing there answers with 404.html."""

    def __init__(self, *args: object, prefix: str, **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def send_head(self):  # type: ignore[no-untyped-def]
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        if address + "/" == self.prefix:
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return None
        if not address.startswith(self.prefix):
            self.send_error(404)
            return None
        local = Path(self.translate_path("/" + address[len(self.prefix) :]))
        if local.is_dir() and (local / "index.html").is_file() and not address.endswith("/"):
            self.send_response(301)
            self.send_header("Location", address + "/")
            self.end_headers()
            return None
        if local.is_file() or (local / "index.html").is_file():
            self.path = "/" + self.path[len(self.prefix) :]
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
