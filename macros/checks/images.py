"""Pictures that are only pictures: the logo, and any image an editor puts in docs/.

A PNG, JPEG or WebP file must be one by its first bytes, whatever its name says. An SVG is a document a
browser runs when its address is opened, so it is read with expat and allowed only from a list: SVG
elements and attributes that draw, links only to its own parts (`#id`), no processing instruction (an
XSLT stylesheet that writes a <script>), no DOCTYPE or entity, no other namespace (XSL, XHTML, an editor's
own), no event attribute, no address of another host, and a cap on <use> (nested uses that copy each
other make a small file that freezes every page). Every picture is at most MAX_BYTES.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

# A logo or a picture on a page: a real photograph compressed for the web is well under this.
MAX_BYTES = 256 * 1024
KINDS = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}
_SIGNATURES = {"PNG": (b"\x89PNG\r\n\x1a\n",), "JPEG": (b"\xff\xd8\xff",), "WebP": (b"RIFF",)}

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What draws: shapes, text, paint servers, grouping and reuse. No script, foreignObject, animation (which
# can change a link), image (which loads a file), a, iframe, or filters.
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    }
)  # fmt: skip
ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "version", "role", "aria-label", "aria-hidden", "focusable", "lang",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "dx", "dy",
        "width", "height", "viewBox", "preserveAspectRatio", "d", "points", "pathLength", "transform",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity",
        "color", "display", "visibility", "overflow", "vector-effect", "shape-rendering", "text-rendering",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "clip-path", "clipPathUnits", "clip-rule", "mask", "maskUnits", "maskContentUnits",
        "patternUnits", "patternContentUnits", "patternTransform",
        "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
        "letter-spacing", "word-spacing", "href", "xml:space",
    }
)  # fmt: skip
_SCRIPTING = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "a", "animate", "set", "handler"}
)
MAX_USES = 100
MAX_USE_DEPTH = 2
_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]*)\1\s*\)", re.IGNORECASE)
_IMPORT = re.compile(r"@import|@font-face|expression\s*\(|javascript:", re.IGNORECASE)


class _Refused(Exception):
    pass


def _outside_reference(value: str) -> str | None:
    """The first address in a style or paint value that is not a part of the picture itself (#id)."""
    found = _IMPORT.search(value)
    if found:
        return found.group(0)
    for match in _URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            return match.group(0)
    return None


class _SvgReader:
    """Reads an SVG with expat and refuses, at its line, the first thing not on the lists."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.doctype
        self.parser.ExternalEntityRefHandler = self.doctype
        self.stack: list[str] = []
        self.ids: dict[str, list[int]] = {}  # id -> indexes of the uses inside that element
        self.uses: list[str] = []  # the id each <use> copies
        self.open_ids: list[tuple[str, int]] = []  # (id, the number of uses when it opened)
        self.root_seen = False

    def refuse(self, reason: str) -> None:
        raise _Refused(f"{reason} (line {self.parser.CurrentLineNumber})")

    def doctype(self, *args: object) -> int:
        self.refuse("holds a DOCTYPE or entity declaration, which a picture does not need")
        return 0  # never reached: refuse raises

    def instruction(self, target: str, data: str) -> None:
        self.refuse(f"holds a processing instruction (<?{target} …?>), which can run a stylesheet or script")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, tag = name.rpartition(" ")
        if not self.root_seen and (tag, namespace) != ("svg", SVG):
            self.refuse("is not an SVG picture: it does not start with <svg> (in SVG's namespace)")
        if namespace != SVG:
            where = f" from {namespace}" if namespace else " outside the SVG namespace"
            self.refuse(f"holds a <{tag}> element{where}; only SVG's own drawing elements are allowed")
        self.root_seen = True
        if tag not in ELEMENTS:
            why = "can run script" if tag.lower() in _SCRIPTING else "is not a drawing element a logo may use"
            self.refuse(f"holds a <{tag}> element, which {why}")
        for qualified, value in attributes.items():
            attr_namespace, _, attr = qualified.rpartition(" ")
            local = (
                attr if not attr_namespace else {XLINK: "xlink:", XML: "xml:"}.get(attr_namespace, "?") + attr
            )
            if attr.lower().startswith("on"):
                self.refuse(f"holds an event attribute ({attr}=…), which runs script")
            if local == "xlink:href":
                local = "href"
            if local not in ATTRIBUTES:
                self.refuse(f"holds the attribute {local!r}, which is not a drawing attribute a logo may use")
            if local == "href" and not value.strip().startswith("#"):
                self.refuse(f'links to {value[:40]!r}; a logo may only reuse its own parts (href="#id")')
            outside = _outside_reference(value)
            if outside:
                self.refuse(f"refers to {outside[:40]!r}; a logo may only refer to its own parts (url(#id))")
        if tag == "use":
            self.uses.append(next((v.strip()[1:] for k, v in attributes.items() if k.endswith("href")), ""))
            if len(self.uses) > MAX_USES:
                self.refuse(f"holds more than {MAX_USES} <use> elements")
        element_id = next((v for k, v in attributes.items() if k.rpartition(" ")[2] == "id"), None)
        self.stack.append(tag)
        self.open_ids.append((element_id or "", len(self.uses)))

    def end(self, name: str) -> None:
        self.stack.pop()
        element_id, first_use = self.open_ids.pop()
        if element_id:
            self.ids[element_id] = list(range(first_use, len(self.uses)))

    def characters(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            outside = _outside_reference(data)
            if outside:
                self.refuse(f"has a style that loads {outside[:40]!r}; a logo's style may not load files")

    def use_depth(self) -> int:
        """How deep copies go: a <use> of an element that holds <use>s of elements that hold …"""
        depths: dict[str, int] = {}

        def depth(target: str, seen: tuple[str, ...]) -> int:
            if target in seen:
                return MAX_USE_DEPTH + 1  # a use that copies itself
            if target not in depths:
                inner = [self.uses[i] for i in self.ids.get(target, [])]
                depths[target] = 1 + max((depth(t, (*seen, target)) for t in inner), default=0)
            return depths[target]

        return max((depth(target, ()) for target in self.uses), default=0)


def svg_problem(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "is not an SVG picture (SVG is text, and this file is not); save it again as SVG"
    reader = _SvgReader()
    try:
        reader.parser.Parse(text, True)
    except _Refused as refused:
        return f"{refused}; save it again as a plain SVG without it"
    except expat.ExpatError as error:
        reason = expat.errors.messages.get(error.code, str(error))
        return f"is not a readable SVG picture ({reason}, line {error.lineno}); save it again as SVG"
    if not reader.root_seen:
        return "is not an SVG picture (it does not start with <svg>); save it again as SVG"
    if reader.use_depth() > MAX_USE_DEPTH:
        return (
            f"nests <use> copies more than {MAX_USE_DEPTH} deep, which can freeze a browser; save it again "
            "with its shapes drawn out"
        )
    return None


def real_kind(head: bytes) -> str | None:
    """PNG, JPEG or WebP by the file's first bytes, or None."""
    for kind, signatures in _SIGNATURES.items():
        if head.startswith(signatures) and (kind != "WebP" or head[8:12] == b"WEBP"):
            return kind
    return None


def image_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be shown as a picture of the site, or None."""
    suffix = path.suffix.lower()
    expected = KINDS.get(suffix)
    if expected is None:
        return f"is not a kind of picture the site shows; save it as {', '.join(sorted(set(KINDS.values())))}"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (
            f"is {size // 1024} KB, at most {MAX_BYTES // 1024} KB; save it smaller (a logo as SVG, a "
            "photograph as JPEG or WebP at the size the page shows it)"
        )
    data = path.read_bytes()
    if expected == "SVG":
        return svg_problem(data)
    found = real_kind(data[:16])
    if found != expected:
        what = f"a {found} picture" if found else "not a picture of any kind the site can show"
        return f"is named {suffix} but its content is {what}; save it again as a {expected} file"
    return None
