"""A mistake in the data, as an editor reads it: `file:line: field: message`; and how to find the line of
a field from its path inside a file."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


class ContentError(Exception):
    """The data has one or more mistakes; `problems` lists each of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def line_of(lines: dict[Path_, int], path: Path_, *, key: bool = False) -> int:
    if key and (*path, "<key>") in lines:
        return lines[(*path, "<key>")]
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def field_name(path: Path_) -> str:
    """`conditions[2].kind` style names read poorly for editors; they want the field as in the file."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


# How alike a word must be to an option to be its misspelling. For an id, which names a thing a patient
# reads about, only a slip of a letter or two: an entry removed on purpose ('bronchitis') must not be
# "corrected" to another that merely shares letters ('bronchial-asthma'), which would be wrong advice.
CLOSE = 0.6
CLOSE_ID = 0.8


def closest(word: str, options: list[str], cutoff: float = CLOSE) -> str | None:
    """The option most like `word`, if one is close enough to be a misspelling of it."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, options: list[str], cutoff: float = CLOSE) -> str:
    """' (did you mean 'therapeutic'?)' for a close option, or nothing: the one way every message says it."""
    close = closest(word, options, cutoff)
    return f" (did you mean {close!r}?)" if close else ""
