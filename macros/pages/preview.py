"""While previewing (`make serve`), a data mistake does not stop the preview: the pages keep the last
correct data and show the mistake's `file:line: field: message` over them until it is fixed. A build
(`make build`) still stops at the first mistake. The serve command (macros/serve.py) finds the mistakes
and the generate step writes them into the preview's config; this module only draws them."""

from __future__ import annotations

from . import markup

OVERLAY_ID = "data-mistakes"
# Inline styles: the overlay must show even when the mistake is what broke the site's own stylesheet.
_STYLE = (
    "position:fixed;inset:auto 1rem 1rem 1rem;z-index:1000;max-height:60vh;overflow:auto;"
    "background:#fff;color:#000;border:4px solid #b00020;border-radius:4px;padding:1rem;"
    "font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.4)"
)


def with_mistakes_shown(page_html: str, problems: list[str]) -> str:
    """The page with an overlay listing the data's mistakes (the generate step lists them in the preview's
    config while they last), or unchanged when there are none."""
    if not problems:
        return page_html
    lines = "".join(f"<li><code>{markup.html(p)}</code></li>" for p in problems)
    overlay = (
        f'<div id="{OVERLAY_ID}" role="alert" style="{_STYLE}">'
        f"<p><strong>The data has {len(problems)} mistake{'s' if len(problems) != 1 else ''}.</strong> "
        "This preview shows the last correct version. Fix the line below and save; this box then goes away. "
        "Nothing is published until the data is correct.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{lines}</ul></div>'
    )
    return page_html.replace("</body>", overlay + "</body>", 1)
