"""The project folder as the commands see it: which files are its sources, its mkdocs.yml, and a page's
front matter. One reading of each, for the build, the preview, the checks of docs/ and the tests' copies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# Everything a site is made from: a change to any of these may change the site (the preview watches
# them; a build outside git dates itself from the newest; the tests copy them).
SOURCES = ("data", "locales", "docs", "overrides", "macros", "hooks.py", "mkdocs.yml")
CONFIG = "mkdocs.yml"
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---\n", re.DOTALL)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name: or !ENV tags; their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(project: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, its tags read as nothing."""
    return yaml.load((project / CONFIG).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def split_front_matter(source: str) -> tuple[str, str, int]:
    """A page's (front matter as written, body, the number of lines before the body)."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return "", source, 0
    return match.group(1) or "", source[match.end() :], match.group(0).count("\n")
