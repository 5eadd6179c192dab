"""The shape of the code: no import cycle among the modules, one module that escapes, and tests,
benchmarks and tools that share support/ rather than import each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from support.site import ROOT

MACROS = ROOT / "macros"
# The four rooms of the engine and what each may import (besides itself). content/ is what the data is,
# checks/ whether it is right, pages/ how it is said, build/ the commands; macros/__init__.py (the macros
# plugin's contract) and hooks.py are the MkDocs glue above them all. checks/ and pages/ are siblings:
# neither imports the other.
LAYERS = {
    "content": set(),
    "checks": {"content"},
    "pages": {"content"},
    "build": {"content", "checks", "pages"},
    "glue": {"content", "checks", "pages", "build"},
}


def module_name(file: Path) -> str:
    """'macros/checks/load.py' -> 'checks.load'; 'macros/content/__init__.py' -> 'content'."""
    parts = file.relative_to(MACROS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def room(module: str) -> str:
    return module.split(".")[0] if module != "__init__" else "glue"


def _imports(file: Path, *, type_only: bool = False) -> set[str]:
    """The modules of the engine a file imports, at module level or inside a function (a lazy import is
    still a cycle); `if TYPE_CHECKING:` blocks only with type_only (they never run, but still say which
    room knows which)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    skipped = set()
    if not type_only:
        skipped = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
    package = (
        module_name(file).split(".") if file.name == "__init__.py" else module_name(file).split(".")[:-1]
    )
    if package == ["__init__"]:
        package = []
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [alias.name for alias in node.names]
            found |= {".".join([*target, n]) for n in names} | {".".join(target)}
        elif node.module and node.module.startswith("macros."):
            target = node.module.split(".")[1:]
            found |= {".".join(target)} | {".".join([*target, a.name]) for a in node.names}
    modules = set(engine_modules())
    return {m for m in found if m in modules}


def engine_modules() -> list[str]:
    return sorted(module_name(f) for f in MACROS.rglob("*.py"))


def import_graph(*, type_only: bool = False) -> dict[str, set[str]]:
    return {module_name(f): _imports(f, type_only=type_only) - {module_name(f)} for f in MACROS.rglob("*.py")}


def test_every_module_is_in_one_of_the_four_rooms() -> None:
    loose = [m for m in engine_modules() if "." not in m and m not in LAYERS and m != "__init__"]
    assert loose == [], "a module of macros/ belongs in content/, checks/, pages/ or build/"
    assert {m.split(".")[0] for m in engine_modules()} == {*LAYERS, "__init__"} - {"glue"}


def test_imports_run_one_way_between_the_rooms() -> None:
    """No module imports a room above its own or a sibling room, type-only imports included."""
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph(type_only=True).items()
        for target in sorted(targets)
        if room(target) != room(module) and room(target) not in LAYERS[room(module)]
    ]
    assert wrong == []


def test_the_glue_imports_the_engine_and_the_engine_never_imports_the_glue() -> None:
    graph = import_graph(type_only=True)
    assert not any("__init__" in targets for targets in graph.values())
    hooks = ast.parse((ROOT / "hooks.py").read_text(encoding="utf-8"))
    used = {node.module for node in ast.walk(hooks) if isinstance(node, ast.ImportFrom) and node.module}
    assert {m for m in used if m.startswith("macros")} <= {f"macros.{m}" for m in engine_modules()}


def test_the_layer_rule_finds_a_wrong_import() -> None:
    assert room("checks.load") == "checks" and "pages" not in LAYERS["checks"]
    assert room("__init__") == "glue" and "build" in LAYERS["glue"]


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
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"load": {"self_check"}, "self_check": {"load"}}) == [["load", "self_check", "load"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_only_the_markup_module_escapes() -> None:
    escaping = ("html.escape", "html.unescape", "markupsafe", "escape(", "quote(")
    for file in [*MACROS.rglob("*.py"), ROOT / "hooks.py"]:
        if file.name == "markup.py":
            continue
        source = ast.unparse(ast.parse(file.read_text(encoding="utf-8")))
        used = [call for call in escaping if call in source.replace("re.escape(", "")]
        assert used == [], f"{file.relative_to(ROOT)} escapes with {used}; use macros/pages/markup.py"


def test_benchmarks_and_tools_never_import_the_tests() -> None:
    for file in [
        *(ROOT / "benchmarks").glob("*.py"),
        *(ROOT / "tools").glob("*.py"),
        *(ROOT / "support").rglob("*.py"),
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


def test_the_module_map_in_architecture_md_names_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    mapped = set(re.findall(r"^(macros/\S+\.py) ", text, re.MULTILINE))
    files = {f.relative_to(ROOT).as_posix() for f in MACROS.rglob("*.py")}
    rooms = {
        f
        for f in files
        if f.endswith("/__init__.py") and f.count("/") == 2 and Path(ROOT / f).stat().st_size == 0
    }
    assert mapped == files - rooms, "ARCHITECTURE.md's module map and macros/ differ"


def test_tests_take_their_helpers_from_support_never_from_conftest() -> None:
    """conftest.py holds fixtures; a helper two tests share lives in support/ (or tests/editing.py)."""
    for file in (ROOT / "tests").glob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").rpartition(".")[2] != "conftest", file.name
                assert not (node.level and (node.module or "").startswith("test_")), (
                    f"{file.name} imports from another test file; move the helper to support/"
                )
