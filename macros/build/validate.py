"""`massage-site-validate [DATA_FOLDER]`: check every data file and print one line per mistake.

    data/contraindications.yml:42: kind: 'docter-first' is not one of avoid, doctor-first, local (did you …

Mistakes (errors) go to standard error. Warnings, such as a review falling due within 60 days or a source
no entry cites, go to standard output under their own heading: they never stop publishing. `--go-live`
also refuses a draft (the example clinic's details, or no clinician reviewer) in one line: the publish
workflow runs it.

Exit status: 0 when the data is fine, 1 when it has mistakes (or, with --go-live, is a draft), 3 when the
validator itself failed (a bug to report, never the editor's fault). The build runs the same checks
(hooks.py), so what passes here builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from ..checks import go_live, numbers, readability, review_dates, source_use
from ..checks.load import ContentError
from ..content import Content
from ..content.problems import Problem
from .checked import checked_content

EXIT_OK = 0
EXIT_MISTAKES = 1
EXIT_INTERNAL = 3


def default_data_dir() -> Path:
    """The data/ folder of the project the command is run in (the folder holding mkdocs.yml)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "data"
    return here / "data"


def validate(
    data_dir: Path,
    out: TextIO,
    err: TextIO,
    *,
    today: dt.date | None = None,
    go_live_check: bool = False,
    warnings: bool = True,
) -> int:
    """Check `data_dir`; print the result; return the exit status. Without `warnings`, only the mistakes:
    the build's check (the warnings are `make check`'s, which CI and the publish workflow run before
    it; measuring the reading level alone takes textstat over a second, to load its dictionary)."""
    try:
        content = checked_content(data_dir, all_pages=True)
        found = _warnings(data_dir, content, today or dt.date.today()) if warnings else []
        draft = go_live.draft_problem(data_dir, content) if go_live_check else None
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=err)
        count = len(error.problems)
        print(
            f"{count} mistake{'s' if count != 1 else ''} found. Fix {'them' if count != 1 else 'it'} and "
            "run the check again; nothing is published until the data is correct.",
            file=err,
        )
        return EXIT_MISTAKES
    except Exception as exc:  # a bug in the checks, not a data mistake: say so in one line
        print(
            f"{data_dir.name}: the checker itself failed ({type(exc).__name__}: {exc}). This is not your "
            "mistake: please report it to the site's developers.",
            file=err,
        )
        return EXIT_INTERNAL
    entries = sum(len(v) for k, v in vars(content).items() if isinstance(v, dict) and k != "translations")
    # At once, not when the build ends: a log or a terminal behind a pipe shows the check is done.
    print(f"{data_dir.name}/ is correct: every file checked, {entries} entries.", file=out, flush=True)
    if found:
        count = len(found)
        print(f"{count} warning{'s' if count != 1 else ''} (they do not stop publishing):", file=out)
        for warning in found:
            print(f"warning: {warning}", file=out)
    if draft is not None:
        print(draft, file=err)
        return EXIT_MISTAKES
    return EXIT_OK


def _warnings(data_dir: Path, content: Content, today: dt.date) -> list[Problem]:
    """What to do soon, at its line: reviews falling due, entries hard to read, sources no entry cites,
    numbers that differ from the clinic's country's."""
    return (
        review_dates.review_warnings(data_dir, content, today)
        + readability.readability_warnings(data_dir, content)
        + source_use.unused_source_warnings(data_dir, content)
        + numbers.number_warnings(data_dir, content)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="massage-site-validate",
        description="Check the site's data files and list every mistake as file:line: field: message.",
    )
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        help="the data folder (default: data/ beside mkdocs.yml)",
    )
    parser.add_argument(
        "--go-live",
        action="store_true",
        help="also refuse a draft: the example clinic's details, or no reviewer with clinician: true",
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help="the day to count review dates from, YYYY-MM-DD (default: today)",
    )
    args = parser.parse_args(argv)
    return validate(
        args.data_dir or default_data_dir(),
        sys.stdout,
        sys.stderr,
        today=args.today,
        go_live_check=args.go_live,
    )


if __name__ == "__main__":
    sys.exit(main())
