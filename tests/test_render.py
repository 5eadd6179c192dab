"""Editors' text reaches the page exactly as typed: never as markup, never as template code."""

from __future__ import annotations

import markdown
import pytest

from macros.pages.markup import text

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "{{ 7 * 7 }} and {% if true %}x{% endif %}",
        "**bold** _em_ `code` [link](https://example.org) ![img](x.png)",
        "# not a heading",
        "1. not a list",
        "- not a list either",
        "a | b | c",
        "Tom & Jerry's <b>",
        "{ #id .class }",
    ],
)
def test_text_renders_as_typed(typed: str) -> None:
    rendered = markdown.markdown(text(typed), extensions=EXTENSIONS)
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner.replace("&lt;", "")
    unescaped = inner.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == typed
