"""The README's preview (`make serve`, `massage-site-serve`) reloads the open page when a data file
changes; a mistake made while previewing prints its one clear line, the server keeps running and the open
page shows the mistake's `file:line: field: message` over the last correct version; fixing it takes the
message away."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.site import SERVE, copy_seed_project

from .editing import set_field

WAIT_MS = 90_000


@dataclass
class Preview:
    project: Path
    url: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def wait_for_output(self, text: str, timeout: float = WAIT_MS / 1000) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.output):
                return
            assert self.process.poll() is None, "the preview server stopped:\n" + "".join(self.output)
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared in the preview's output:\n" + "".join(self.output))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Preview]:
    """The preview of a copy of the seed project; a parameter may give the clinic's `website:`, or ask for
    the project with its translations ({"translated": True})."""
    given = getattr(request, "param", {})
    project = copy_seed_project(tmp_path / "project", translated=given.get("translated", False))
    website = given.get("website")
    if website:
        clinic = project / "data" / "clinic.yml"
        clinic.write_text(clinic.read_text(encoding="utf-8") + f"website: {website}\n", encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [SERVE, "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    running = Preview(project, f"http://127.0.0.1:{port}", process)
    reader = threading.Thread(
        target=lambda: running.output.extend(iter(process.stdout.readline, "")), daemon=True
    )
    reader.start()
    try:
        running.wait_for_output("Serving on")
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=10)
        process.stdout.close()


def _article_contains(page, text: str) -> None:
    page.wait_for_function(
        "text => (document.querySelector('article') || {innerText: ''}).innerText.includes(text)",
        arg=text,
        timeout=WAIT_MS,
    )


def test_editing_breaking_and_fixing_data_while_previewing(page, preview: Preview) -> None:
    conditions = preview.project / "data" / "conditions.yml"
    page.goto(f"{preview.url}/conditions/muscle-tension/")
    _article_contains(page, "Constant muscle tension")

    # An edit to the data reloads the open page by itself.
    set_field(conditions, "summary", "Edited while the preview was open.", "muscle-tension")
    _article_contains(page, "Edited while the preview was open.")

    # A mistake: the clear line is printed, the server keeps running.
    line = set_field(conditions, "massage_type", "therapeutc", "muscle-tension")
    mistake = (
        f"data/conditions.yml:{line}: massage_type: unknown massage type 'therapeutc' "
        "(did you mean 'therapeutic'?)"
    )
    preview.wait_for_output(mistake)
    # The open page shows the mistake over the last correct version, in the editor's browser.
    page.wait_for_function(
        "text => (document.getElementById('data-mistakes') || {innerText: ''}).innerText.includes(text)",
        arg=mistake,
        timeout=WAIT_MS,
    )
    assert page.get_by_role("alert").filter(has_text=mistake).is_visible()
    _article_contains(page, "Edited while the preview was open.")
    assert preview.process.poll() is None

    # Fixing it brings the page back, with the latest text.
    set_field(conditions, "massage_type", "therapeutic", "muscle-tension")
    set_field(conditions, "summary", "Fixed and shown again.", "muscle-tension")
    _article_contains(page, "Fixed and shown again.")
    assert page.locator("#data-mistakes").count() == 0, "the message goes once the mistake is fixed"
    assert preview.process.poll() is None
    assert not any("Traceback" in line for line in preview.output), "".join(preview.output)
    # Each rebuild's lines are MkDocs' own and the mistake's: no internal names of the macros plugin.
    assert not any("[macros]" in line for line in preview.output), "".join(preview.output)


@pytest.mark.parametrize("preview", [{"website": "https://owner.github.io/back-massage/"}], indirect=True)
def test_the_preview_is_at_the_root_whatever_path_the_published_site_will_have(
    page, preview: Preview
) -> None:
    """A GitHub Pages project site lives under /repo/; the preview stays at http://127.0.0.1:PORT/, so the
    addresses EDITING.md gives work for every clinic."""
    assert preview.url.count("/") == 2, preview.url
    response = page.goto(f"{preview.url}/visit/")
    assert response is not None and response.status == 200
    _article_contains(page, "visit")


@pytest.mark.parametrize("preview", [{"translated": True}], indirect=True)
def test_a_translation_edited_while_previewing_shows_at_its_language_s_address(
    page, preview: Preview
) -> None:
    """A translator previews their language at /<code>/ (EDITING.md, Add a language) and sees each save of
    locales/<code>/ there; a text left untranslated is one clear line, as any data mistake is."""
    words = preview.project / "locales" / "ru" / "conditions.yml"
    page.goto(f"{preview.url}/ru/conditions/muscle-tension/")
    _article_contains(page, "Постоянное напряжение мышц")
    text = words.read_text(encoding="utf-8")
    summary = re.search(r"^(  summary: )(.*)$", text[text.index("\nmuscle-tension:") :], re.M)
    assert summary, "the Russian summary of muscle-tension"
    words.write_text(
        text.replace(summary.group(0), summary.group(1) + "Изменено во время просмотра."), "utf-8"
    )
    _article_contains(page, "Изменено во время просмотра.")
    words.write_text(text.replace(summary.group(0), ""), encoding="utf-8")  # the summary left untranslated
    preview.wait_for_output("muscle-tension.summary: no Russian words; translate data/conditions.yml:")
    said = [line for line in preview.output if "muscle-tension.summary" in line]
    assert re.search(r"locales/ru/conditions\.yml:\d+: muscle-tension\.summary: ", said[0]), said
    words.write_text(text, encoding="utf-8")
    _article_contains(page, summary.group(2))
    assert preview.process.poll() is None
    assert not any("Traceback" in line for line in preview.output), "".join(preview.output)
