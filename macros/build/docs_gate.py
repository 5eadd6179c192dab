"""The one gate for what an editor may put in docs/: every file that reaches site/ passes it, in
`make check` (with the file and line of each mistake) and again in the build, on the very bytes it
publishes.

- **Files by kind.** Pages (`.md`), the site's own stylesheets (`stylesheets/*.css`, loading nothing from
  another host) and scripts (`SITE_SCRIPTS`, the site's code), and pictures that are only pictures
  (macros/images.py). Anything else (a spreadsheet saved there by mistake, an editor's backup `visit.md~`,
  an HTML page) is refused by name. Hidden files (`.DS_Store`) are never published.
- **Pages are Markdown plus the site's own macros.** A page's template code may only call a macro of the
  site with plain values (`{{ care_card(full=True) }}`): no variables, filters, attributes, blocks or
  other names, so nothing in a page can reach Python. The build renders pages in Jinja's sandbox as well.
- **No markup that runs or loads.** Raw HTML only for layout (a `<div>`, `<nav>`, `<section>` or
  `<span>` with a class, id, label or `markdown`); no script, iframe, image, style, form or event
  attribute. Links go to pages of the site, https:// addresses, `mailto:` or `tel:`; pictures come from
  docs/. Attribute lists (`{ #id .class }`) set ids and classes only.
- **Front matter** holds only the fields the theme reads, each of its kind; a page's scripts and
  stylesheets are the site's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from ..checks import images
from ..content.problems import ContentError, Problem, did_you_mean
from ..pages import markup
from ..pages.page_macros import PAGE_MACROS
from . import project as project_files

# The site's own scripts: code, written and tested with the project, never content.
SITE_SCRIPTS = frozenset({"javascripts/self-check.js", "javascripts/open-search.js"})
STYLESHEETS = "stylesheets/"
PAGE_MACRO_NAMES = frozenset({*(f.__name__ for f in PAGE_MACROS), "page_footer"})
FRONT_MATTER_FIELDS = {
    "title": str,
    "description": str,
    "search": dict,
    "hide": list,
    "scripts": list,
    "stylesheets": list,
}
# Raw HTML a page may use to lay out Markdown (md_in_html), and the attributes it may carry.
LAYOUT_ELEMENTS = frozenset({"div", "nav", "section", "span"})
LAYOUT_ATTRIBUTES = frozenset({"class", "id", "markdown", "aria-label", "data-search-exclude"})
# Material's search leaves out a section marked so: `## Heading { #id data-search-exclude }`.
ATTRIBUTE_LIST_WORDS = frozenset({"data-search-exclude"})
LINK_SCHEMES = ("https", "mailto", "tel")
_ADVICE = "a page may only call the site's macros with plain values, like {{ care_card(full=True) }}"

_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.DOTALL)
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def sandbox() -> SandboxedEnvironment:
    """The template environment pages are rendered in: Jinja's sandbox, which refuses attribute access to
    Python's internals (`cycler.__init__.__globals__`), with undefined names an error."""
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def sandboxed(environment: jinja2.Environment) -> SandboxedEnvironment:
    """A sandboxed copy of a template environment (the macros plugin's): the same loader, undefined
    behaviour, names and filters."""
    copy = SandboxedEnvironment(loader=environment.loader, undefined=environment.undefined, autoescape=False)
    copy.globals.update(environment.globals)
    copy.filters.update(environment.filters)
    return copy


def _blank(match: re.Match[str]) -> str:
    """The matched text as spaces, its line breaks kept: later checks keep their line numbers."""
    return re.sub(r"[^\n]", " ", match.group(0))


# --- Files ------------------------------------------------------------------------------------------------


def published(docs: Path) -> Iterator[Path]:
    """Every file of docs/ that the site would publish: not hidden, not in a hidden folder."""
    for file in sorted(docs.rglob("*")):
        rel = file.relative_to(docs)
        if file.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield file


def file_problem(docs: Path, file: Path) -> str | None:
    """Why `file` (inside docs/) cannot be published, or None. Pages are checked apart (page_problems)."""
    rel = file.relative_to(docs).as_posix()
    suffix = file.suffix.lower()
    if file.is_symlink() and not file.resolve().is_relative_to(docs.resolve()):
        return "is a link to a file outside docs/; copy the file itself into docs/"
    if suffix == ".md":
        return None
    if suffix in images.KINDS:
        return images.image_problem(file)
    if suffix == ".css" and rel.startswith(STYLESHEETS):
        return _stylesheet_problem(file)
    if suffix == ".js" and rel in SITE_SCRIPTS:
        return None
    if suffix == ".js":
        return (
            "is a script, which is part of the site's code, not of its content: only "
            f"{', '.join(sorted(SITE_SCRIPTS))} is published; move it out of docs/"
        )
    return (
        "is not a kind of file the site publishes (pages .md, pictures .svg .png .jpg .webp, and the "
        "site's own stylesheets); move it out of docs/ so it never goes live"
    )


def _stylesheet_problem(file: Path) -> str | None:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "is not a text file; save the stylesheet again as UTF-8 text"
    for number, line in enumerate(text.splitlines(), start=1):
        outside = re.search(
            r"@import|url\(\s*['\"]?\s*(https?:|//|data:text|javascript:)", line, re.IGNORECASE
        )
        if outside:
            return (
                f"line {number} loads {outside.group(0)!r} from outside the site; patients' browsers only "
                "talk to the site's own host, so put the file in docs/ and link it from there"
            )
    return None


# --- Pages ------------------------------------------------------------------------------------------------


def page_problems(docs: Path, rel: str, source: str) -> list[tuple[int, str]]:
    """(line, message) for every mistake in the page `rel` (its text `source`)."""
    front, body, offset = project_files.split_front_matter(source)
    problems = _front_matter_problems(docs, front)
    problems += [(line + offset, message) for line, message in _template_problems(body)]
    prose = _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, _TEMPLATE_CODE.sub(_blank, body)))
    problems += [(line + offset, message) for line, message in _markup_problems(prose)]
    return sorted(problems)


def _front_matter_problems(docs: Path, front: str) -> list[tuple[int, str]]:
    if not front:
        return []
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        message = "the front matter is not readable YAML; compare it with another page's lines between ---"
        return [((mark.line + 2) if mark else 1, message)]
    if meta is None:
        return []
    if not isinstance(meta, dict):
        return [(2, "the page's front matter must be 'field: value' lines")]
    lines = front.splitlines()

    def line_of(key: str) -> int:
        return next((i + 2 for i, line in enumerate(lines) if line.startswith(f"{key}:")), 2)

    problems = []
    for key, value in meta.items():
        kind = FRONT_MATTER_FIELDS.get(key)
        if kind is None:
            hint = did_you_mean(str(key), list(FRONT_MATTER_FIELDS))
            fields = ", ".join(FRONT_MATTER_FIELDS)
            problems.append(
                (line_of(key), f"{key}: unknown field{hint}; a page's front matter may hold {fields}")
            )
        elif not isinstance(value, kind):
            what = {str: "a text", list: "a list"}.get(kind, "'field: value' lines")
            problems.append((line_of(key), f"{key}: must be {what}"))
        elif key == "scripts":
            for script in value:
                if script not in SITE_SCRIPTS:
                    own = ", ".join(sorted(SITE_SCRIPTS))
                    message = f"scripts: {script!r} is not one of the site's own scripts ({own})"
                    problems.append((line_of(key), message))
        elif key == "stylesheets":
            for sheet in value:
                if not _own_stylesheet(docs, sheet):
                    message = (
                        f"stylesheets: {sheet!r} is not a stylesheet in docs/stylesheets/; write one's path"
                    )
                    problems.append((line_of(key), message))
    return problems


def _own_stylesheet(docs: Path, sheet: object) -> bool:
    return (
        isinstance(sheet, str)
        and sheet.startswith(STYLESHEETS)
        and sheet.endswith(".css")
        and ".." not in sheet
        and (docs / sheet).is_file()
    )


def _template_problems(body: str) -> list[tuple[int, str]]:
    """Only calls of the site's macros with plain values; anything else is a mistake at its line."""
    try:
        tree = sandbox().parse(body)
    except jinja2.TemplateSyntaxError as error:
        message = f"the template code is broken ({error.message}); write a macro like {{{{ care_card() }}}}"
        return [(error.lineno, message)]
    problems = []
    for node in tree.body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    problem = _call_problem(child)
                    if problem:
                        problems.append((child.lineno, problem))
        else:
            word = type(node).__name__.lower()
            message = f"template code ({{% {word} … %}}) is not allowed in a page; {_ADVICE}"
            problems.append((node.lineno, message))
    return problems


def _call_problem(node: nodes.Node) -> str | None:
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return f"this template code is not a call of one of the site's macros; {_ADVICE}"
    name = node.node.name
    if name not in PAGE_MACRO_NAMES:
        return f"{name!r} is not a macro of the site{did_you_mean(name, sorted(PAGE_MACRO_NAMES))}; {_ADVICE}"
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(isinstance(value, nodes.Const) for value in values):
        return f"{name}() is given something other than a plain value; {_ADVICE}"
    return None


class _MarkupReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if ":" in tag or "@" in tag:  # an autolink, <https://…> or <name@host>
            text = self.get_starttag_text() or ""
            target = text[1:-1]
            problem = _link_problem(target if ":" in tag else f"mailto:{target}", picture=False)
            if problem:
                self.problems.append((line, problem))
            return
        if tag not in LAYOUT_ELEMENTS:
            running = ("script", "iframe", "object", "embed", "frame")
            what = "runs script" if tag in running else "is not part of a page's layout"
            layout = ", ".join(sorted(LAYOUT_ELEMENTS))
            message = (
                f"<{tag}> {what}: raw HTML in a page may only lay it out ({layout}); write Markdown instead"
            )
            self.problems.append((line, message))
            return
        for name, _ in attrs:
            if name not in LAYOUT_ATTRIBUTES:
                why = "an event attribute, which runs script" if name.startswith("on") else "not allowed"
                allowed = ", ".join(sorted(LAYOUT_ATTRIBUTES))
                message = f"<{tag} {name}=…>: {name} is {why}; a layout element may carry only {allowed}"
                self.problems.append((line, message))

    def handle_pi(self, data: str) -> None:
        self.problems.append((self.getpos()[0], "a processing instruction (<?…?>) is not allowed in a page"))

    def handle_decl(self, decl: str) -> None:
        self.problems.append((self.getpos()[0], f"<!{decl[:20]}> is not allowed in a page"))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


def _markup_problems(prose: str) -> list[tuple[int, str]]:
    reader = _MarkupReader()
    reader.feed(prose)
    reader.close()
    problems = reader.problems
    for match in _LINK.finditer(prose):
        problem = _link_problem(match.group(2), picture=bool(match.group(1)))
        if problem:
            problems.append((prose.count("\n", 0, match.start()) + 1, problem))
    for match in _REFERENCE.finditer(prose):
        problem = _link_problem(match.group(1), picture=False)
        if problem:
            problems.append((prose.count("\n", 0, match.start()) + 1, problem))
    for match in _ATTR_LIST.finditer(prose):
        for token in match.group(1).split():
            if not token.startswith(("#", ".")) and token not in ATTRIBUTE_LIST_WORDS:
                message = (
                    f"the attribute {token!r} is not allowed; an attribute list sets an id (#id) or a class"
                )
                problems.append((prose.count("\n", 0, match.start()) + 1, message))
    return problems


def _link_problem(target: str, *, picture: bool) -> str | None:
    """Why a link's (or a picture's) address in a page is not allowed, or None."""
    decoded = markup.address_as_read(target)
    scheme = _SCHEME.match(decoded)
    if picture and (scheme or decoded.startswith("//")):
        return (
            f"the picture {target[:40]!r} is on another host; patients' browsers only talk to the site's own "
            "host, so save the picture in docs/assets and link it from there"
        )
    if decoded.startswith("//"):
        return f"the link {target[:40]!r} has no https:; write the full address, starting with https://"
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return (
            f"the link {target[:40]!r} starts with {scheme.group(1)}:, which a page may not use; link to a "
            "page of the site, an https:// address, mailto: or tel:"
        )
    return None


# --- The whole folder ----------------------------------------------------------------------------------


def problems(project: Path) -> list[Problem]:
    """Every mistake in docs/, as problems naming docs/FILE:LINE."""
    docs = project / "docs"
    if not docs.is_dir():
        return []
    found = []
    for file in published(docs):
        rel = file.relative_to(docs).as_posix()
        name = f"docs/{rel}"
        problem = file_problem(docs, file)
        if problem:
            found.append(Problem(name, 1, "", problem))
            continue
        if file.suffix.lower() == ".md":
            try:
                source = file.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                found.append(Problem(name, 1, "", "is not UTF-8 text; save it again as UTF-8"))
                continue
            found += [Problem(name, line, "", message) for line, message in page_problems(docs, rel, source)]
    return found


def check(project: Path) -> None:
    """Raise ContentError listing every mistake in docs/ (the build and the preview call this)."""
    found = problems(project)
    if found:
        raise ContentError(found)
