"""Links from the data to pages of the site (`page: contraindications.md#fever`), checked the way the
strict build checks them: the page must exist, and so must the section the anchor names. The page is
rendered as the build renders it (its macros, then Python-Markdown with the extensions in mkdocs.yml), so
an anchor is found wherever it comes from: a heading, `{ #id }` or an element's id.

So `make check` refuses, with the data's file and line, a link the build would otherwise refuse with a
message about docs/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import markdown
from pydantic import BaseModel

from ..checks.data_lines import line_of
from ..content import COLLECTIONS
from ..content.model import PAGE_LINK
from ..content.problems import Path_, Problem, did_you_mean, field_name
from ..pages.page_macros import page_macros
from . import docs_gate
from . import project as project_files

_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def page_link_fields(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(path, value) of every page link inside a validated file's content."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from page_link_fields(item, (*path, i))
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            field_value = getattr(value, name)
            if extra.get(PAGE_LINK) and isinstance(field_value, str):
                yield (*path, name), field_value
            else:
                yield from page_link_fields(field_value, (*path, name))


@cache
def _extensions(config_file: Path) -> tuple[list[str], dict[str, Any]]:
    config = project_files.read_config(config_file.parent)
    names, configs = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            (name, options), *_ = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


def page_source(docs: Path, content: Any, page: str) -> str | None:
    """The Markdown source of a page of the site (docs/ or a generated condition page), or None."""
    file = docs / page
    if file.is_file() and file.resolve().is_relative_to(docs.resolve()):
        return project_files.split_front_matter(file.read_text(encoding="utf-8"))[1]
    match = re.fullmatch(r"conditions/([a-z0-9-]+)\.md", page)
    if match and match.group(1) in content.conditions:
        return "{{ condition_page('" + match.group(1) + "') }}"
    return None


def anchors(project: Path, content: Any, source: str, page: str) -> set[str]:
    """Every id on the page rendered from `source`, as the build renders it."""
    return set(anchor_list(project, content, source, page))


def anchor_list(project: Path, content: Any, source: str, page: str) -> list[str]:
    """Every id on the page `page` rendered from `source`, in order, repeated ones as often as they
    appear."""
    environment = docs_gate.sandbox()
    environment.globals.update(page_macros(content, page))
    environment.globals["clinic"] = content.clinic
    names, configs = _extensions(project / "mkdocs.yml")
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(
        environment.from_string(source).render()
    )
    return _ID.findall(html)


def repeated_anchors(project: Path, content: Any) -> dict[str, list[str]]:
    """{page: ids that appear more than once on it} for the pages in docs/ (a condition page has no data
    ids as anchors). Two sections with one anchor: every link to it leads to the first."""
    docs = project / "docs"
    repeated: dict[str, list[str]] = {}
    for file in sorted(docs.rglob("*.md")):
        page = file.relative_to(docs).as_posix()
        ids = anchor_list(project, content, page_source(docs, content, page) or "", page)
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            repeated[page] = twice
    return repeated


def entries_with_id(value: Any, wanted: str, path: Path_ = ()) -> Iterator[Path_]:
    """The path of every entry (at any depth of a file's content) whose id is `wanted`."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from entries_with_id(item, wanted, (*path, i))
    elif isinstance(value, BaseModel):
        if getattr(value, "id", None) == wanted:
            yield (*path, "id")
        for name in type(value).model_fields:
            yield from entries_with_id(getattr(value, name), wanted, (*path, name))


def link_problem(project: Path, content: Any, value: str, rendered: dict[str, set[str]]) -> str | None:
    """Why `value` ("page.md#anchor") does not lead to a place on the site, or None. `rendered` keeps
    the anchors of the pages rendered so far in this check."""
    docs = project / "docs"
    page, _, anchor = value.partition("#")
    source = page_source(docs, content, page)
    if source is None:
        pages = [str(p.relative_to(docs)) for p in docs.rglob("*.md")]
        pages += [f"conditions/{c}.md" for c in content.conditions]
        hint = did_you_mean(page, pages)
        return f"{page!r} is not a page of the site{hint}; write a page's file under docs/, like visit.md"
    if anchor:
        if page not in rendered:
            rendered[page] = anchors(project, content, source, page)
        found = rendered[page]
        if anchor not in found:
            hint = did_you_mean(anchor, sorted(found))
            return f"the page {page} has no section {anchor!r}{hint}; link to one of its sections"
    return None


# --- The check, as the commands run it after loading -------------------------------------------------


def _entries(content: Any) -> dict[str, Any]:
    """Each collection as its file holds it: a list of entries in file order, or one record."""
    return {
        name.removesuffix(".yml"): list(value.values()) if isinstance(value, dict) else value
        for name in COLLECTIONS
        if (value := getattr(content, name.removesuffix(".yml"))) is not None
    }


def link_problems(data_dir: Path, content: Any, *, all_pages: bool = False) -> list[Problem]:
    """Every page link in the data that leads to no page or section (the pages rendered as the build
    renders them) and, with `all_pages` (`make check`), every entry id that is also the anchor of another
    section on its page (a visit question called 'preparation' would take every link to that section)."""
    project = data_dir.parent
    if not (project / "docs").is_dir() or not (project / "mkdocs.yml").is_file():
        return []  # a data folder checked on its own has no pages to look in
    found: list[Problem] = []

    def add(name: str, path: Path_, message: str) -> None:
        rel = f"{data_dir.name}/{name}.yml"
        found.append(Problem(rel, line_of(data_dir / f"{name}.yml", rel, path), field_name(path), message))

    entries = _entries(content)
    rendered: dict[str, set[str]] = {}
    for name, value in entries.items():
        for path, link in page_link_fields(value):
            problem = link_problem(project, content, link, rendered)
            if problem:
                add(name, path, problem)
    if all_pages:
        for page, ids in repeated_anchors(project, content).items():
            for anchor in ids:
                for name, value in entries.items():
                    for path in entries_with_id(value, anchor):
                        add(
                            name,
                            path,
                            f"{anchor!r} is also the anchor of another section on {page}; choose another id",
                        )
    return found
