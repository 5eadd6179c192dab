"""Reading a data file: YAML into plain values, with the line of every field, and every way the reading
can fail as one `Problem` at its line (a tab, a duplicate key, an impossible date, an anchor, a hidden
character). Nothing here knows the models."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from ..content.plain_text import html_entity
from ..content.problems import Path_, Problem, field_name, line_of

_NO_ALIASES = (
    "a value starting with * or & must be in quotes (anchors and aliases are not used in these files)"
)


class _Checks(yaml.constructor.SafeConstructor):
    """Refuses duplicate keys (PyYAML would silently keep the last one) and reports an impossible date such
    as 2026-02-30 at its line instead of crashing."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                break  # a list or group as a key: PyYAML refuses it below, at its line
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {seen[key] + 1}); remove one of them",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{node.value!r} is not a real date ({e}); write it as YYYY-MM-DD",
                node.start_mark,
            ) from None


class _Loader(_Checks, yaml.SafeLoader):
    """The pure-Python loader: slow, but it refuses anchors and aliases and gives the error messages."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        # Anchors and aliases (&name, *name) are never needed here, can build endless loops, and an
        # unquoted text starting with * or & is read as one.
        event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML's stubs leave it untyped
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, event.start_mark)
        node = super().compose_node(parent, index)
        assert node is not None  # an event is there: peek_event found it
        return node


class _FastLoader(_Checks, yaml.CSafeLoader):
    """libyaml's parser and composer with the same checks while constructing; see read_yaml."""

    def construct_document(self, node: yaml.Node) -> Any:
        # Every data file is a group of fields or a list; libyaml puts a file of "---" on another line.
        if isinstance(node, yaml.ScalarNode) or _in_flow_read_otherwise(node):
            raise yaml.YAMLError("left to the pure-Python loader")
        return super().construct_document(node)


for _loader in (_Loader, _FastLoader):
    # PyYAML's stubs type a constructor by the loader class itself, not a mixin of its constructor.
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Checks.construct_yaml_timestamp)  # type: ignore[type-var]


# What libyaml reads otherwise than PyYAML, or lets through: tabs, byte order marks; anchors (&a), aliases
# (*a), tags (!a) and complex keys (? a), which start a token: at a line's start, after a space or after
# [ { or , (a question's "?" after a word or a bracket starts nothing); "|#".
_PYYAML_ONLY = re.compile(r"[\t\ufeff]|(?:^|(?<=[\s\[{,]))[&*!?]|[|>][-+0-9]*#", re.MULTILINE)


def _in_flow_read_otherwise(node: yaml.Node, in_flow: bool = False) -> bool:
    """In [ ] or { }, libyaml reads "is it? yes" as a text (PyYAML refuses it) and puts an empty value at
    the end of a line on the next line."""
    if isinstance(node, yaml.ScalarNode):
        return in_flow and (not node.value or "?" in node.value)
    in_flow = in_flow or bool(getattr(node, "flow_style", False))
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
    return any(_in_flow_read_otherwise(child, in_flow) for child in children)


def line_map(node: yaml.Node | None, path: Path_ = ()) -> dict[Path_, int]:
    """Line (1-based) of every value and key in a composed YAML tree, keyed by its path."""
    lines: dict[Path_, int] = {}
    if node is None:
        return lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            lines.update(line_map(value_node, child))
            lines[(*child, "<key>")] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(line_map(item, (*path, i)))
    return lines


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[\w-]+:\s+)?(["'])(.*)$""")


def _unclosed_quote_before(text: str, line: int) -> int | None:
    """The line (at or before `line`) where a value starts with a quote that its own line does not close."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        match = _OPENS_QUOTE.match(lines[number - 1])
        if not match:
            continue
        quote, rest = match.groups()
        closed = rest.replace(quote * 2, "") if quote == "'" else re.sub(r"\\.", "", rest)
        following = lines[number] if number < len(lines) else ""
        # A quote left open, not a text in quotes that goes on: the next line is a field or an entry.
        if quote not in closed and re.match(r"^\s*(-\s|[\w-]+:(\s|$))", following):
            return number
    return None


def yaml_problem(rel: str, text: str, e: yaml.YAMLError) -> Problem:
    """One clear line for anything PyYAML refuses."""
    if isinstance(e, yaml.reader.ReaderError):
        line = text[: e.position].count("\n") + 1
        char = e.character if isinstance(e.character, str) else chr(e.character)
        return Problem(
            rel,
            line,
            "",
            f"the file contains an invisible control character (#x{ord(char):04x}) that is not allowed; "
            "delete it (it often comes with text copied from another program)",
        )
    if not isinstance(e, yaml.MarkedYAMLError):
        return Problem(rel, 1, "", f"YAML syntax error: {e}")
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 1
    problem = e.problem or str(e)
    if "'\\t'" in problem:
        message = "a tab character is used here; YAML needs spaces, so replace it with spaces"
        return Problem(rel, line, "", message)
    if "duplicate key" in problem or "not a real date" in problem or problem == _NO_ALIASES:
        return Problem(rel, line, "", problem)
    context = e.context or ""
    opened = e.context_mark.line + 1 if e.context_mark else line
    if "scanning an alias" in context or "scanning an anchor" in context:
        return Problem(rel, line, "", _NO_ALIASES)
    if "flow sequence" in context:
        return Problem(
            rel, opened, "", "YAML syntax error: a list started with '[' is not closed; end it with ']'"
        )
    if "flow mapping" in context:
        return Problem(
            rel, opened, "", "YAML syntax error: a group started with '{' is not closed; end it with '}'"
        )
    if "quoted scalar" in context:
        message = "YAML syntax error: a text started with a quote is not closed; end it with the same quote"
        return Problem(rel, opened, "", message)
    stumbled = any(words in problem for words in ("<block end>", "expected ':'", "mapping values"))
    opened_quote = _unclosed_quote_before(text, line) if stumbled else None
    if opened_quote:
        # A quote left open swallows the lines after it up to the next quote, and the parser only stumbles
        # later: the mistake is where the quote opened.
        message = "YAML syntax error: a text started with a quote is not closed; end it with the same quote"
        return Problem(rel, opened_quote, "", message)
    hint = "check the indentation and the quotes on this line and the line above"
    if "mapping values are not allowed" in problem:
        hint = "a text with ': ' in it must be in quotes, or check the indentation"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above it"
    elif "found unknown escape" in problem:
        hint = "a text containing \\ must be in single quotes"
    elif "could not determine a constructor" in problem:
        problem = "a value starting with ! is read as a special instruction"
        hint = "put the text in quotes"
    return Problem(rel, line, "", f"YAML syntax error: {problem}; {hint}")


# Ten times the largest data file (the hazard log, about 55 KB): larger is a wrong file or a runaway paste.
MAX_FILE_BYTES = 1024 * 1024


def read_yaml(path: Path, rel: str) -> tuple[Any, dict[Path_, int], list[Problem]]:
    if not path.is_file():
        return None, {}, [Problem(rel, 1, "", "file is missing; restore it from the repository")]
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return (
            None,
            {},
            [
                Problem(
                    rel,
                    1,
                    "",
                    f"file is {len(raw) // 1024} KB, at most {MAX_FILE_BYTES // 1024} KB: is it the right "
                    "file? Restore it from the repository, or split a long list",
                )
            ],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, {}, [Problem(rel, line, "", "file is not UTF-8 text; save it again as UTF-8")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, {}, [Problem(rel, 1, "", "file is empty; it must hold the data, not only comments")]
    # libyaml (_FastLoader) reads the files ten times faster than the pure-Python _Loader, which took a
    # tenth of every build. But it lets anchors through, reads a few rare constructs otherwise and words its
    # errors differently: a text that may hold one of those, or that libyaml refuses, is read by _Loader,
    # so the data, the lines and every message stay exactly those of _Loader.
    parsed = None
    if not _PYYAML_ONLY.search(text):
        with contextlib.suppress(yaml.YAMLError):
            parsed = _parse(text, _FastLoader)
    try:
        data, lines = parsed or _parse(text, _Loader)
    except yaml.YAMLError as e:
        return None, {}, [yaml_problem(rel, text, e)]
    return data, lines, []


def _parse(text: str, loader_class: type[_Loader | _FastLoader]) -> tuple[Any, dict[Path_, int]]:
    """One parse gives both the tree (for line numbers) and the data."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, line_map(node)


# Bidirectional embeddings, overrides and isolates: invisible, they make a text show in another order
# than it is stored ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters a language needs: the zero-width joiner and non-joiner (Persian, Indic scripts, emoji)
# and the variation selector that asks for an emoji's colour form. Every other format character (the
# zero-width space, word joiner, soft hyphen, byte-order mark, the direction marks, tag characters) is
# invisible on the page and only hides a difference between two texts that look alike.
_NEEDED_FORMAT = frozenset("\u200c\u200d")
# Letters and symbols that print as nothing: Hangul fillers, the braille blank, the Mongolian vowel
# separator, the combining grapheme joiner. "Reviewed by: " and then a Hangul filler reads as no name.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")


def _hidden_character(value: str) -> str | None:
    """What is wrong with an invisible character in a text, or None. The YAML reader refuses raw control
    characters itself; these come from escapes in quotes ("\\0", "\\x07", "\\e") or are printable to YAML."""
    if value.isascii():  # most texts: only a control character or a character code can be wrong
        control = _ASCII_CONTROL.search(value)
        chars = control.group(0) if control else ""
    else:
        chars = value
    for char in chars:
        if "\x20" <= char < "\x7f" or char in "\n\t":
            continue
        code = f"U+{ord(char):04X}"
        category = unicodedata.category(char)
        name = unicodedata.name(char, "unnamed").lower()
        if char in _BIDI_CONTROLS:
            return (
                f"contains an invisible text-direction character ({code}, {name}), which can make a text "
                "show in another order than it is written; delete it"
            )
        if category == "Cc" and char not in "\n\t":
            return (
                f"contains an invisible control character ({code}) that is not allowed; delete it "
                "(in quotes, an escape such as \\0, \\a, \\x07 or \\e writes one)"
            )
        if (
            (category == "Cf" and char not in _NEEDED_FORMAT)
            or char in _BLANK_LOOKING
            or category in ("Zl", "Zp")
        ):
            return (
                f"contains an invisible character ({code}, {name}), which shows as nothing or as a "
                "break on the page; delete it (it often comes with text pasted from a web page or a "
                "word processor)"
            )
        if category in ("Co", "Cs", "Cn"):
            return f"contains a character no font can show ({code}); delete it"
    entity = html_entity(value) if "&" in value else None
    if entity:
        return (
            f"contains the HTML character code {entity!r}: write the character itself, the site "
            "shows every text exactly as it is typed"
        )
    return None


def hidden_characters(rel: str, value: Any, lines: dict[Path_, int], path: Path_ = ()) -> list[Problem]:
    """A problem for every text (value or field name) in a file's data holding a hidden character."""
    problems = []
    if isinstance(value, str):
        found = _hidden_character(value)
        if found:
            problems.append(Problem(rel, line_of(lines, path), field_name(path), found))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (found := _hidden_character(key)):
                line = line_of(lines, (*path, key), key=True)
                problems.append(Problem(rel, line, "", f"a field name {found}"))
            problems += hidden_characters(rel, item, lines, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += hidden_characters(rel, item, lines, (*path, i))
    return problems
