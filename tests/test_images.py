"""Pictures that are only pictures (macros/images.py): the logo and any image in docs/. Each attack from
the second attack pass is refused with its reason and line; a logo drawn with the parts real logos use
(gradients, reuse of its own shapes, a stylesheet of its own) passes, is published, and opened in Chromium
draws without running or loading anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.checks import images
from support.site import ROOT, copy_project, publish_copy, served

from .editing import set_field

HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
)
NESTED_USES = (
    HEAD
    + '<defs><circle id="a0" r="1"/>'
    + "".join(f'<g id="a{n}"><use href="#a{n - 1}"/><use href="#a{n - 1}"/></g>' for n in range(1, 12))
    + '</defs><use href="#a11"/></svg>'
)
ATTACKS = {
    "an XSLT stylesheet": (
        '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="#x"?>' + HEAD + "<circle r='1'/></svg>",
        "processing instruction",
    ),
    "an XSL element": (
        HEAD.replace(">", ' xmlns:xsl="http://www.w3.org/1999/XSL/Transform">', 1)
        + '<xsl:element name="script">window.pwned=1</xsl:element></svg>',
        "from http://www.w3.org/1999/XSL/Transform",
    ),
    "a script": (HEAD + "<script>window.pwned=1</script></svg>", "can run script"),
    "HTML inside": (
        HEAD + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>',
        "can run script",
    ),
    "an event attribute": (HEAD + '<circle r="1" onmouseover="window.pwned=1"/></svg>', "event attribute"),
    "an animation that rewrites a link": (
        HEAD + '<set attributeName="href" to="javascript:x"/></svg>',
        "can run script",
    ),
    "an entity": ('<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + HEAD + "<text>&a;</text></svg>", "DOCTYPE"),
    "nested uses": (NESTED_USES, "nests <use> copies"),
    "a use of itself": (HEAD + '<g id="g"><use href="#g"/></g></svg>', "nests <use> copies"),
    "a picture from another host": (
        HEAD + '<image href="https://t.example/p.png"/></svg>',
        "<image> element",
    ),
    "a use from another host": (HEAD + '<use href="https://t.example/s.svg#x"/></svg>', "its own parts"),
    "an old-style link from another host": (
        HEAD + '<use xlink:href="https://t.example/s.svg#x"/></svg>',
        "its own parts",
    ),
    "a paint from another host": (HEAD + '<rect fill="url(https://t.example/p.svg#g)"/></svg>', "refers to"),
    "a stylesheet import": (
        HEAD + "<style>@import url(https://t.example/a.css);</style></svg>",
        "may not load",
    ),
    "a style loading a picture": (HEAD + '<rect style="fill:url(//t.example/p.png)"/></svg>', "refers to"),
    "an editor's namespace": (
        HEAD.replace(">", ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">', 1)
        + '<circle r="1" inkscape:label="x"/></svg>',
        "'?label'",
    ),
    "not SVG at all": ("<html><body>hello</body></html>", "does not start with <svg>"),
    "broken XML": (HEAD + "<circle r='1'></svg>", "is not a readable SVG"),
}
# Drawn with gradients, a clip path, reuse of its own shapes, and a stylesheet of its own.
GOOD_LOGO = (
    HEAD
    + "<title>Clinic</title><style>.c{fill:url(#g);stroke:#fff}</style>"
    + '<defs><linearGradient id="g"><stop offset="0" stop-color="#1f5f8b"/>'
    + '<stop offset="1" stop-color="#fff"/>'
    + '</linearGradient><clipPath id="k"><rect width="10" height="10" rx="2"/></clipPath>'
    + '<circle id="dot" r="1"/></defs><g clip-path="url(#k)"><rect class="c" width="10" height="10"/>'
    + '<use href="#dot" x="3" y="3"/><use xlink:href="#dot" x="7" y="7"/></g></svg>'
)


@pytest.mark.parametrize("what", ATTACKS)
def test_an_svg_attack_is_refused_with_its_reason(tmp_path: Path, what: str) -> None:
    svg, words = ATTACKS[what]
    file = tmp_path / "logo.svg"
    file.write_text(svg, encoding="utf-8")
    problem = images.image_problem(file)
    assert problem is not None and words in problem, problem


def test_the_shipped_logo_and_a_logo_with_the_parts_real_logos_use_pass(tmp_path: Path) -> None:
    assert images.image_problem(ROOT / "docs" / "assets" / "clinic-logo.svg") is None
    file = tmp_path / "logo.svg"
    file.write_text(GOOD_LOGO, encoding="utf-8")
    assert images.image_problem(file) is None


def test_a_picture_past_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    file = tmp_path / "logo.png"
    file.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * images.MAX_BYTES)
    assert "at most 256 KB" in images.image_problem(file)


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0", None),
        ("photo.webp", b"RIFF\0\0\0\0WEBPVP8 ", None),
        ("photo.png", b"\xff\xd8\xff", "JPEG"),
    ],
)
def test_a_raster_picture_is_judged_by_its_bytes(
    tmp_path: Path, name: str, head: bytes, kind: str | None
) -> None:
    file = tmp_path / name
    file.write_bytes(head + b"\0" * 64)
    problem = images.image_problem(file)
    assert (problem is None) if kind is None else (f"its content is a {kind} picture" in problem)


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("logo")
    project = copy_project(root / "project", english_only=True)
    (project / "docs" / "assets" / "drawn-logo.svg").write_text(GOOD_LOGO, encoding="utf-8")
    set_field(project / "data" / "clinic.yml", "logo", "docs/assets/drawn-logo.svg")
    publish_copy(project, root / "site")
    with served(root / "site") as url:
        yield url


def test_the_published_logo_draws_and_opened_on_its_own_runs_and_loads_nothing(logo_site: str, page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{logo_site}/")
    logo = page.locator("header img").first
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    page.goto(f"{logo_site}/assets/drawn-logo.svg")
    assert page.evaluate("() => window.pwned") is None
    assert page.evaluate("() => document.documentElement.localName") == "svg"
    assert all(url.startswith(logo_site) for url in requests), requests
