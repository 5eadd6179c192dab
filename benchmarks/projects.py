"""Temporary projects the benchmark builds: a copy of ours, ours with k times the data, and the same
rendered pages as a plain Material for MkDocs site (no macros, no hooks, no data)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.pages import theme_patches
from support.site import MKDOCS, ROOT, copy_project, publish_in_english_only

# Site-wide lists: the red flags are the "Get help now" box on every page (a bigger clinic does not have
# 100 times more emergency symptoms), each red flag and contraindication is a question of the self-check
# (which `make check` caps at MAX_QUESTIONS, macros/cross_checks.py), and the glossary explains plain
# words, keyed by the word itself.
KEPT_AT_ONE = frozenset({"red_flags.yml", "contraindications.yml", "glossary.yml"})


# --- mkdocs.yml round trip, keeping tags such as !!python/name or !ENV as they are ----------------------


@dataclass(frozen=True)
class _Tagged:
    tag: str
    node: Any


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.Loader, tag_suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.Dumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.node, list):
        return dumper.represent_sequence(data.tag, data.node)
    if isinstance(data.node, dict):
        return dumper.represent_mapping(data.tag, data.node)
    return dumper.represent_scalar(data.tag, data.node)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


# --- Builds ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process: barely moved by other work on the machine
    pages: int
    peak_rss_kib: int


# Our build as `make build` runs it, in one child process so its time and memory are counted whole: the
# generate step (massage-site-generate), then MkDocs on the generated folder.
_OUR_BUILD = """
import sys
from macros.build.generate import main
if main(["--project", "."]):
    sys.exit(1)
from mkdocs.__main__ import cli
cli.main(args=["build", "--strict", "--quiet", "-f", "build/mkdocs.yml", "--site-dir", sys.argv[1]])
"""


def build(project: Path, site_dir: Path) -> Build:
    """One strict build in a child process: wall and CPU time, pages written, peak memory. A project with
    data is built as `make build` builds it (generate step, then MkDocs); a plain one with `mkdocs build`."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # Python keeps the compiled modules between builds, as on a clinic's machine (the theme's and the
    # libraries' were compiled when they were installed; ours are compiled by the first, warm-up build).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if (project / "data").is_dir():
        args = [sys.executable, "-c", _OUR_BUILD, str(site_dir)]
    else:
        args = [MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    with tempfile.TemporaryFile(mode="w+") as log:
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        # os.wait4 gives this child's own resource usage (RUSAGE_CHILDREN would mix every child so far).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"build of {project} failed ({child.returncode}):\n{log.read()}")
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return Build(seconds, usage.ru_utime + usage.ru_stime, pages, usage.ru_maxrss)


# --- Our data, k times over -------------------------------------------------------------------------------


class _PlainDumper(yaml.SafeDumper):
    """Writes shared values out in full: data files have no anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _rename(value: Any, ids: frozenset[str], copy: int) -> Any:
    """References to entries of scaled collections point at the same copy's entries."""
    if isinstance(value, str):
        return f"{value}-x{copy}" if value in ids else value
    if isinstance(value, list):
        return [_rename(v, ids, copy) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, ids, copy) for k, v in value.items()}
    return value


def _copy_entry(entry: dict[str, Any], ids: frozenset[str], copy: int) -> dict[str, Any]:
    new = _rename(entry, ids, copy)
    for label in ("name", "title", "symptom"):
        if isinstance(entry.get(label), str):
            new[label] = f"{entry[label]} {copy}"
    return new


def scale_data(data_dir: Path, factor: int) -> dict[str, int]:
    """Rewrite every entry collection in data_dir (except KEPT_AT_ONE) to hold `factor` times its entries.

    Copy n of an entry gets the id "<id>-x<n>" and refers to copy n of what the original refers to, so
    ids stay unique and every reference resolves. Returns the number of entries per file."""
    collections: dict[str, list[dict[str, Any]]] = {}
    headers: dict[str, str] = {}
    for path in sorted(data_dir.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if isinstance(data, list) and data and all(isinstance(e, dict) and "id" in e for e in data):
            collections[path.name] = data
            headers[path.name] = "".join(ln + "\n" for ln in text.splitlines() if ln.startswith("#"))[:1000]
    kept = frozenset(
        e["id"] for name in KEPT_AT_ONE for e in collections.get(name, []) if name != "glossary.yml"
    )
    # An entry elsewhere that shares its id with a question is about it, so it stays single too.
    scaled = {
        name: [e for e in entries if e["id"] not in kept]
        for name, entries in collections.items()
        if name not in KEPT_AT_ONE
    }
    ids = frozenset(e["id"] for entries in scaled.values() for e in entries)
    counts = {}
    for name, entries in collections.items():
        if name in scaled:
            entries = entries + [_copy_entry(e, ids, n) for n in range(2, factor + 1) for e in scaled[name]]
        header = headers[name].splitlines()[0] + "\n" if headers[name] else ""
        dumped = yaml.dump(entries, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
        (data_dir / name).write_text(header + dumped, encoding="utf-8")
        counts[name.removesuffix(".yml")] = len(entries)
    _copy_worked_cases(data_dir / "hazard_log.yml", ids, factor)
    # English only: the growth is the English build's (the Languages section measures the languages), and a
    # translation k times over would pass the 1 MB a data file may hold sooner (Cyrillic takes 2 bytes).
    publish_in_english_only(data_dir)
    return counts


def _case_copy(case: dict[str, Any], ids: frozenset[str], copy: int) -> dict[str, Any]:
    """A worked case about copy n of the questions: its own answers are keyed by question id."""
    new = _rename(case, ids, copy)
    if "answers" in case:
        new["answers"] = {_rename(k, ids, copy): v for k, v in case["answers"].items()}
    return new


def _copy_worked_cases(path: Path, ids: frozenset[str], factor: int) -> None:
    """Every self-check question needs its worked cases (`make check`): each copy of a question gets a
    copy of the cases that answer the original, in a copy of their hazard."""
    log = yaml.safe_load(path.read_text(encoding="utf-8"))
    copies = []
    for n in range(2, factor + 1):
        for hazard in log["hazards"]:
            cases = [_case_copy(c, ids, n) for c in hazard["worked_cases"]]
            changed = [new for new, old in zip(cases, hazard["worked_cases"], strict=True) if new != old]
            if changed:
                copies.append({**hazard, "id": f"{hazard['id']}-x{n}", "worked_cases": changed})
    log["hazards"] += copies
    dumped = yaml.dump(log, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(dumped, encoding="utf-8")


def scaled_project(target: Path, factor: int) -> tuple[Path, dict[str, int]]:
    """A copy of the project with `factor` times the data, checked by our own loader before it is used."""
    project = copy_project(target)
    counts = scale_data(project / "data", factor)
    sys.path.insert(0, str(ROOT))
    from macros.checks.load import load_content  # the same validation an editor's change goes through

    load_content(project / "data")
    return project, counts


# --- The same pages as a plain Material site ------------------------------------------------------------

_EXPORT_HOOK = '''
"""Benchmark only: write each page's Markdown after the macros ran."""
import json
from pathlib import Path

from mkdocs.plugins import event_priority

OUT = Path({out!r})


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    path = OUT / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({{"meta": page.meta, "markdown": markdown}}))
    return markdown
'''


def plain_material_project(target: Path, work: Path, root: Path = ROOT) -> Path:
    """Our built pages as a hand-written Material site would hold them: static Markdown files with front
    matter, the same theme settings, Markdown extensions (the glossary file too), extra CSS/JS and
    navigation as the generated config, but only the theme's own search plugin (no macros, no hooks, no
    data, no generate step)."""
    export = work / "export"
    # The English site alone: a plain Material site of one language, without links to another.
    source = copy_project(work / "export-project", root, english_only=True)
    generated = source / "build"
    subprocess.run(
        [sys.executable, "-m", "macros.build.generate", "--project", str(source)], check=True, cwd=source
    )
    (generated / "benchmark_export.py").write_text(_EXPORT_HOOK.format(out=str(export)), encoding="utf-8")
    config = read_config(generated / "mkdocs.yml")
    config["hooks"] = ["hooks.py", "benchmark_export.py"]
    write_config(generated / "mkdocs.yml", config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            MKDOCS,
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(generated / "mkdocs.yml"),
            "-d",
            str(work / "site"),
        ],
        check=True,
        env=env,
    )

    target.mkdir(parents=True)
    shutil.copytree(generated / "docs", target / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(generated / "includes", target / "includes")
    for page in export.rglob("*.md"):
        exported = json.loads(page.read_text(encoding="utf-8"))
        out = target / "docs" / page.relative_to(export)
        out.parent.mkdir(parents=True, exist_ok=True)
        front = (
            yaml.safe_dump(exported["meta"], sort_keys=False, allow_unicode=True) if exported["meta"] else ""
        )
        out.write_text((f"---\n{front}---\n\n" if front else "") + exported["markdown"], encoding="utf-8")

    plain = read_config(root / "mkdocs.yml")
    for name in ("site_name", "site_description", "site_url", "copyright", "nav", "extra"):
        if name in config:
            plain[name] = config[name]
    plain["theme"].update(config["theme"])
    plain["markdown_extensions"] = [
        {"pymdownx.snippets": {**e["pymdownx.snippets"], "base_path": [str(target)]}}
        if _plugin_name(e) == "pymdownx.snippets"
        else e
        for e in config["markdown_extensions"]
    ]
    plain["plugins"] = [p for p in plain.get("plugins", []) if _plugin_name(p) == "search"]
    for ours in ("hooks", "watch"):
        plain.pop(ours, None)
    shutil.copytree(generated / "overrides", target / "overrides")
    for theme_file in theme_patches.theme_files():  # the theme's own search, loaded with every page
        (target / "overrides" / theme_file).unlink()
    write_config(target / "mkdocs.yml", plain)
    return target


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))
