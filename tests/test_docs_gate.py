"""The one gate for docs/ (macros/docs_gate.py), run the way an attacker or a careless editor would meet
it: on a copy of the project, through `make check`'s validator and the build command, then on the
published pages in Chromium.

A page may hold Markdown, layout HTML and calls of the site's macros; nothing that runs, loads from
another host, or reaches Python. A file in docs/ is published only if it is a page, a checked picture, a
stylesheet or the site's own script."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from macros.build import docs_gate, publish
from macros.build.validate import EXIT_MISTAKES, EXIT_OK
from support.site import copy_project, publish_copy, served

from .editing import copy_data, run_validate

# (what, the line as typed into docs/visit.md, words the message must hold)
PAGE_ATTACKS = [
    ("python internals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "not a call of one"),
    ("a variable", "{{ clinic.phone }}", "not a call of one"),
    ("a filter", "{{ care_card() | safe }}", "not a call of one"),
    ("a block", "{% for x in range(3) %}x{% endfor %}", "template code ({% for"),
    ("an unknown macro", "{{ care_crad() }}", "(did you mean 'care_card'?)"),
    ("a macro given a name", "{{ condition_page(clinic) }}", "something other than a plain value"),
    ("an image with a handler", '<img src="x" onerror="window.pwned=1">', "<img> is not part of"),
    ("a script", "<script>window.pwned=2</script>", "<script> runs script"),
    ("an embed", '<iframe src="https://www.youtube.com/embed/x"></iframe>', "<iframe> runs script"),
    ("an event on layout", '<div class="x" onclick="window.pwned=3" markdown>', "an event attribute"),
    ("a style", '<span style="background:url(https://t.example/p.png)">x</span>', "style is not allowed"),
    ("a script link", "[Book now](javascript:window.pwned=4)", "starts with javascript:"),
    ("a coded script link", "[Book now](java&#115;cript:window.pwned=5)", "starts with javascript:"),
    ("a reference link", "[book]: vbscript:msgbox", "starts with vbscript:"),
    ("a picture from a tracker", "![](https://tracker.example/pixel.png)", "is on another host"),
    ("a link without a scheme", "[x](//evil.example/)", "has no https:"),
    ("an attribute list", "## Heading { onclick=window.pwned=6 }", "an attribute list sets an id"),
    ("a processing instruction", "<?php echo 1; ?>", "processing instruction"),
]
# Lines that look dangerous but are text: they pass, and show as written.
PAGE_TEXT = [
    "`<script>window.pwned=7</script>` is how a script would look.",
    '```\n<iframe src="https://evil.example"></iframe>\n```',
    '<div class="note" markdown>\n\nA note in a box, 1 < 2 & 3 > 2.\n\n</div>',
    "[NHS 111](https://111.nhs.uk/), [call us](tel:+442079460000), [write](mailto:a@clinic.example)",
]
FRONT_MATTER_ATTACKS = [
    ("scripts: [https://evil.example/x.js]", "is not one of the site's own scripts"),
    ("stylesheets: [../../etc/passwd.css]", "is not a stylesheet in docs/stylesheets/"),
    ("template: main.html", "unknown field"),
]
TITLE = "<img src=x onerror=window.pwned=11>"
STRAY_FILES = {
    "patient-list.xlsx": b"PK\x03\x04 a spreadsheet",
    "visit.md~": b"# an editor's backup",
    "offer.html": b"<script>window.pwned=8</script>",
    "javascripts/extra.js": b"window.pwned = 9;",
    "assets/evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.pwned=10</script></svg>',
    "assets/photo.png": b"GIF89a not a png",
    "stylesheets/fonts.css": b"@import url(https://fonts.googleapis.com/css?family=Roboto);",
}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[str]]:
    """A copy with every attack above in it, checked once: (line of each attack, the messages)."""
    data = copy_data(tmp_path_factory.mktemp("gate"))
    docs = data.parent / "docs"
    visit = docs / "visit.md"
    lines = visit.read_text(encoding="utf-8").splitlines()
    at: dict[str, int] = {}
    for what, line, _ in PAGE_ATTACKS:
        lines += ["", line]
        at[what] = len(lines)
    visit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    about = docs / "about.md"
    front = "\n".join(line for line, _ in FRONT_MATTER_ATTACKS)
    about.write_text(
        about.read_text(encoding="utf-8").replace("---\n", f"---\n{front}\n", 1), encoding="utf-8"
    )
    for name, data_bytes in STRAY_FILES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data_bytes)
    (docs / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # hidden: never published, never refused
    status, _, err = run_validate(data)
    assert status == EXIT_MISTAKES
    return at, err


@pytest.mark.parametrize(("what", "line", "words"), PAGE_ATTACKS, ids=[a[0] for a in PAGE_ATTACKS])
def test_a_page_attack_is_refused_at_its_line(attacked, what: str, line: str, words: str) -> None:
    at, err = attacked
    found = [message for message in err if message.startswith(f"docs/visit.md:{at[what]}: ")]
    assert found, f"nothing reported at docs/visit.md:{at[what]} for {line!r}:\n" + "\n".join(err)
    assert any(words in message for message in found), found


@pytest.mark.parametrize(("line", "words"), FRONT_MATTER_ATTACKS)
def test_front_matter_holds_only_what_the_theme_reads(attacked, line: str, words: str) -> None:
    _, err = attacked
    number = 2 + [fm for fm, _ in FRONT_MATTER_ATTACKS].index(line)
    assert any(m.startswith(f"docs/about.md:{number}: ") and words in m for m in err), err


@pytest.mark.parametrize("name", STRAY_FILES)
def test_a_file_of_another_kind_is_refused_by_name(attacked, name: str) -> None:
    _, err = attacked
    assert any(message.startswith(f"docs/{name}:1: ") for message in err), err


def test_hidden_files_are_neither_refused_nor_published(attacked) -> None:
    _, err = attacked
    assert not any(".DS_Store" in message for message in err)


def test_text_that_only_looks_like_code_passes(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    visit = data.parent / "docs" / "visit.md"
    visit.write_text(
        visit.read_text(encoding="utf-8") + "\n" + "\n\n".join(PAGE_TEXT) + "\n", encoding="utf-8"
    )
    status, _, err = run_validate(data)
    assert status == EXIT_OK, err


def test_the_build_renders_pages_in_the_sandbox() -> None:
    """Even a page the gate never saw cannot reach Python: the macros plugin's environment is swapped for
    Jinja's sandbox (hooks.py)."""
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined)
    attack = "{{ cycler.__init__.__globals__.__name__ }}"  # the step before os.popen
    assert plain.from_string(attack).render() == "jinja2.utils"  # what the plugin's own environment allows
    with pytest.raises(jinja2.exceptions.SecurityError):
        docs_gate.sandboxed(plain).from_string(attack).render()


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, Path]:
    """A project with a good site/ published, then a spreadsheet and a script page added: the build."""
    root = tmp_path_factory.mktemp("refused")
    project = copy_project(root / "project", english_only=True)
    site = root / "site"
    publish_copy(project, site)
    (project / "docs" / "patient-list.xlsx").write_bytes(b"PK\x03\x04")
    visit = project / "docs" / "visit.md"
    visit.write_text(
        visit.read_text(encoding="utf-8") + "\n<script>window.pwned=1</script>\n", encoding="utf-8"
    )
    status = publish.build(project, site, io.StringIO())
    return status, project, site


def test_a_build_with_a_refused_file_leaves_the_site_as_it_was(refused_build) -> None:
    status, project, site = refused_build
    assert status == EXIT_MISTAKES
    assert not list(site.rglob("patient-list*"))
    assert "pwned" not in (site / "visit" / "index.html").read_text(encoding="utf-8")
    assert not (project / "build" / "docs" / "patient-list.xlsx").exists()


@pytest.fixture(scope="module")
def text_pages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Pages with text that only looks like code, a title with markup in it, and a hidden file: built."""
    root = tmp_path_factory.mktemp("textpages")
    project = copy_project(root / "project", english_only=True)
    docs = project / "docs"
    visit = docs / "visit.md"
    source = visit.read_text(encoding="utf-8")
    title = next(line for line in source.splitlines() if line.startswith("title: "))
    source = source.replace(title, f"title: '{TITLE} {title[7:]}'", 1)
    visit.write_text(source + "\n" + "\n\n".join(PAGE_TEXT) + "\n", encoding="utf-8")
    (docs / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    site = root / "site"
    publish_copy(project, site)
    with served(site) as url:
        yield url, site
    shutil.rmtree(root, ignore_errors=True)


def test_a_page_shows_code_like_text_as_text_and_runs_nothing(text_pages_site, page) -> None:
    url, site = text_pages_site
    page.goto(f"{url}/visit/")
    article = page.locator("article")
    assert "<script>window.pwned=7</script>" in article.inner_text()
    assert '<iframe src="https://evil.example"></iframe>' in article.inner_text()
    assert page.locator("article script, article iframe, article img[onerror]").count() == 0
    assert page.title().startswith(TITLE)
    page.locator("nav a").first.hover()
    assert page.evaluate("() => window.pwned") is None
    assert not list(site.rglob(".DS_Store"))
