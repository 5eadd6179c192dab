"""The shape of the code: no import cycle among the modules, one module that escapes, and tests,
benchmarks and tools that share support/ rather than import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

MACROS = ROOT / "macros"


def _imports(file: Path, package: str) -> set[str]:
    """The modules of `package` a file imports, at module level or inside a function (a lazy import is
    still a cycle), leaving out `if TYPE_CHECKING:` blocks, which never run."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(f"{package}."):
            found.add(node.module.split(".")[1])
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {f.stem for f in MACROS.glob("*.py")}
    return {f.stem: _imports(f, "macros") & modules for f in MACROS.glob("*.py")}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the path that closes it."""
    found, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            found.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


def test_the_modules_import_each_other_without_a_cycle() -> None:
    graph = import_graph()
    graph["__init__"] = graph.get("__init__", set())
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"load": {"self_check"}, "self_check": {"load"}}) == [["load", "self_check", "load"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_only_the_markup_module_escapes() -> None:
    escaping = ("html.escape", "html.unescape", "markupsafe", "escape(", "quote(")
    for file in [*MACROS.glob("*.py"), ROOT / "hooks.py"]:
        if file.name == "markup.py":
            continue
        source = ast.unparse(ast.parse(file.read_text(encoding="utf-8")))
        used = [call for call in escaping if call in source.replace("re.escape(", "")]
        assert used == [], f"{file.relative_to(ROOT)} escapes with {used}; use macros/markup.py"


def test_benchmarks_and_tools_never_import_the_tests() -> None:
    for file in [
        *(ROOT / "benchmarks").glob("*.py"),
        *(ROOT / "tools").glob("*.py"),
        *(ROOT / "support").glob("*.py"),
    ]:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not any(n == "tests" or n.startswith("tests.") for n in names), file.name


def test_the_hooks_are_few_short_and_keep_nothing_between_calls() -> None:
    """hooks.py keeps only what no generated file can carry (macros/generate.py writes the rest)."""
    source = (ROOT / "hooks.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < 60
    tree = ast.parse(source)
    state = [
        ast.unparse(node)
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
    ]
    assert state == [], "no module-level variables"
    assert not any(isinstance(node, ast.Global | ast.Nonlocal) for node in ast.walk(tree))
    for hook in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
        assert hook.name.startswith("on_"), hook.name
        assert len(hook.body) <= 4, f"{hook.name} calls a function and no more"
