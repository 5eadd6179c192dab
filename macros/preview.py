"""While previewing (`mkdocs serve`), a data mistake does not stop the preview: the pages keep the last
correct data and show the mistake's `file:line: field: message` over them until it is fixed. A build
(`mkdocs build`, `make build`) still stops at the first mistake."""

from __future__ import annotations

from . import markup

_state = {"previewing": False}
_problems: list[str] = []

OVERLAY_ID = "data-mistakes"
# Inline styles: the overlay must show even when the mistake is what broke the site's own stylesheet.
_STYLE = (
    "position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;max-height:60vh;overflow:auto;"
    "background:#fff;color:#000;border:4px solid #b00020;border-radius:4px;padding:1rem;"
    "font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.4)"
)


def previewing(on: bool) -> None:
    _state["previewing"] = on


def is_previewing() -> bool:
    return _state["previewing"]


def show(problems: list[str]) -> None:
    """The mistakes of the latest edit (none once the data is correct again)."""
    _problems[:] = problems


def with_mistakes_shown(page_html: str) -> str:
    """The page with an overlay listing the current data mistakes, or unchanged when there are none."""
    if not _problems:
        return page_html
    lines = "".join(f"<li><code>{markup.html(p)}</code></li>" for p in _problems)
    overlay = (
        f'<div id="{OVERLAY_ID}" role="alert" style="{_STYLE}">'
        f"<p><strong>The data has {len(_problems)} mistake{'s' if len(_problems) != 1 else ''}.</strong> "
        "This preview shows the last correct version. Fix the line below and save; this box then goes away. "
        "Nothing is published until the data is correct.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{lines}</ul></div>'
    )
    return page_html.replace("</body>", overlay + "</body>", 1)
