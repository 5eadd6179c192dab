"""Tell someone when reviews fall due: the weekly review workflow (.github/workflows/review-dates.yml) runs
this with the output of `make check`. While any review falls due within 60 days (or is overdue) it keeps
one open issue titled "Reviews due", listing each at its file and line, so that everyone watching the
repository is told; when none is due it closes that issue. Then it turns its workflow on again: GitHub
turns a scheduled workflow off after 60 days without a commit, and texts that stay unchanged are exactly
when a reminder matters. It talks to GitHub's REST API with the workflow's token (GITHUB_TOKEN,
GITHUB_REPOSITORY, GITHUB_API_URL).

    python tools/review_reminder.py check.txt
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

TITLE = "Reviews due"
WORKFLOW = "review-dates.yml"
LABEL_NOTE = "<!-- opened by the Review dates workflow; it updates and closes this issue itself -->"


def due_lines(check_output: str) -> list[str]:
    """The review warnings of `make check` (at a `next_review` line), as `file:line: next_review: message`;
    its other warnings (reading level, a source no entry cites) are not about reviews."""
    warnings = [
        line.removeprefix("warning: ") for line in check_output.splitlines() if line.startswith("warning: ")
    ]
    return [line for line in warnings if ": next_review: " in line]


def body(lines: list[str]) -> str:
    items = "\n".join(f"- {line}" for line in lines)
    return (
        f"{LABEL_NOTE}\nThese reviews fall due within 60 days, or are overdue. Check each text against its "
        "sources, then set its `last_reviewed` to the day you checked it and its `next_review` to the next "
        f"date (EDITING.md, Review dates).\n\n{items}\n"
    )


def _api(method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
    url = f"{os.environ.get('GITHUB_API_URL', 'https://api.github.com')}{path}"
    request = urllib.request.Request(
        url, method=method, data=json.dumps(payload).encode() if payload else None
    )
    request.add_header("Authorization", f"Bearer {os.environ['GITHUB_TOKEN']}")
    request.add_header("Accept", "application/vnd.github+json")
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else None


def main(argv: list[str]) -> int:
    lines = due_lines(Path(argv[0]).read_text(encoding="utf-8"))
    repo = f"/repos/{os.environ['GITHUB_REPOSITORY']}"
    issues = _api("GET", f"{repo}/issues?state=open&per_page=100")
    open_one = next((i for i in issues if i["title"] == TITLE and LABEL_NOTE in (i.get("body") or "")), None)
    if lines and open_one:
        _api("PATCH", f"{repo}/issues/{open_one['number']}", {"body": body(lines)})
        print(f"Updated issue #{open_one['number']}: {len(lines)} reviews due.")
    elif lines:
        made = _api("POST", f"{repo}/issues", {"title": TITLE, "body": body(lines)})
        print(f"Opened issue #{made['number']}: {len(lines)} reviews due.")
    elif open_one:
        _api("PATCH", f"{repo}/issues/{open_one['number']}", {"state": "closed"})
        print(f"Closed issue #{open_one['number']}: no review falls due in the next 60 days.")
    else:
        print("No review falls due in the next 60 days.")
    _api("PUT", f"{repo}/actions/workflows/{WORKFLOW}/enable")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
