"""Measure the generator and the site it makes, and write the figures to BENCHMARKS.md.

    make bench                     # or: .venv/bin/python benchmarks/run.py

1. Build overhead: full strict builds of our site and of the same rendered pages as a plain Material
   site, alternating; medians and their ratio.
2. Growth with data: our data at x1, x10 and x50 (in a temporary copy), build time per page, peak memory.
   (x100 would make conditions.yml larger than the 1 MB a data file may hold.)
3. Page weight: every page opened in Chromium with an empty cache; the bytes it fetched, raw and gzip.
4. Lighthouse (mobile preset) for the home page, a condition page, the contraindications page and the
   self-check page (when the site has one), served gzip-compressed on 127.0.0.1.
5. Self-check speed: window.selfCheck.evaluate() over the property-test sample, in Chromium.

A script, not a test: it prints what it does and writes every figure beside its target.
"""

# The report is Markdown prose in f-strings: long lines and typographic signs (multiplication sign, en dash) are meant.
# ruff: noqa: E501, RUF001

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import browser  # noqa: E402
import lighthouse  # noqa: E402
import projects  # noqa: E402
import static_server  # noqa: E402

from macros.build import finish, generate  # noqa: E402
from macros.checks.load import load_content  # noqa: E402

KIB = 1024
TARGETS = {
    "ratio": 1.25,  # our build time (generate step included) / plain Material build time
    "growth": 1.2,  # per-page cost at the largest size (x50) / per-page cost at x1
    "first_view_kib": 80,  # gzip, per page
    "self_check_kib": 10,  # gzip, the self-check's own script
    "lighthouse": 100,
    "evaluate_ms": 1.0,
    "rebuild_s": 1.0,  # the preview, from saving a data file to serving the changed page
}
SELF_CHECK_PAGE = "self-check/"
# What Lighthouse finds that lies in Material's own markup or files, keyed by audit id; anything not
# listed here is ours to fix (or to explain in BENCHMARKS.md when a new one appears).
THEME_AUDITS = {
    "aria-dialog-name": "Material's search box (`div.md-search`, role dialog) has no accessible name; "
    "fixing it means overriding the theme's `partials/search.html`.",
    "first-contentful-paint": "Material's stylesheet (about 23 KiB gzip) blocks the first paint; on the "
    "simulated slow 4G link that alone costs about 1 s.",
    "largest-contentful-paint": "As first contentful paint: the theme's stylesheet comes first.",
    "speed-index": "As first contentful paint: the theme's stylesheet comes first.",
    "total-blocking-time": "Material's JavaScript bundle (about 35 KiB gzip) runs at start-up on the "
    "simulated slow phone CPU.",
    "interactive": "Material's JavaScript bundle and search worker start at load.",
    "render-blocking-resources": "Material's stylesheets.",
    "unused-css-rules": "Material's stylesheet holds rules for features this site does not use.",
    "unused-javascript": "Material's bundle holds code for features this site does not use.",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The machine ---------------------------------------------------------------------------------------


def _first_line(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return out.splitlines()[0] if out else "not found"


def machine(lighthouse_version: str, load_before: str) -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{total_kib / KIB / KIB:.1f} GiB"
    from importlib.metadata import version

    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("Memory", memory),
        ("System", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        (
            "MkDocs / Material / mkdocs-macros",
            f"{version('mkdocs')} / {version('mkdocs-material')} / {version('mkdocs-macros-plugin')}",
        ),
        ("Chromium", _first_line([browser.CHROMIUM, "--version"])),
        ("Node.js / Lighthouse", f"{_first_line(['node', '--version'])} / {lighthouse_version}"),
        (
            "Load average (1 min) at start / end",
            f"{load_before} / {_load()} (other work on the machine skews timings)",
        ),
    ]


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


# --- 1. Build overhead ---------------------------------------------------------------------------------


@dataclass
class Overhead:
    ours: list[float]  # CPU seconds
    plain: list[float]
    ours_wall: list[float]
    plain_wall: list[float]
    pages: int
    ours_rss: int
    plain_rss: int
    start_up: dict[str, float] = field(default_factory=dict)  # CPU seconds of each step ours adds

    @property
    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.plain)


# The steps our build adds to what MkDocs and Material do, each timed (CPU) in a fresh process.
_START_UP = """
import json, sys, time
from pathlib import Path
clock, steps = time.process_time, {}
import mkdocs.commands.build, material.plugins.search.plugin
start = clock(); import mkdocs_macros.plugin; steps["import the mkdocs-macros plugin"] = clock() - start
start = clock(); import pydantic; steps["import pydantic"] = clock() - start
start = clock(); import macros; steps["import our macros package, building the data models"] = clock() - start
from macros.checks.load import load_content
start = clock(); load_content(Path("data")); steps["read and check the data files"] = clock() - start
print(json.dumps(steps))
"""


def start_up_steps(project: Path, runs: int) -> dict[str, float]:
    """Median CPU time of each step our build adds before MkDocs builds a page."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _START_UP],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return {step: statistics.median(s[step] for s in samples) for step in samples[0]}


def build_overhead(work: Path, runs: int) -> tuple[Overhead, Path]:
    ours = projects.copy_project(work / "ours")
    log("exporting our rendered pages into a plain Material project")
    plain = projects.plain_material_project(work / "plain", work / "plain-export")
    ours_site, plain_site = work / "ours-site", work / "plain-site"
    projects.build(ours, ours_site)  # warm the disk cache and bytecode, not counted
    projects.build(plain, plain_site)
    result = Overhead([], [], [], [], 0, 0, 0)
    for run in range(1, runs + 1):
        a, b = projects.build(ours, ours_site), projects.build(plain, plain_site)
        result.ours.append(a.cpu_seconds)
        result.plain.append(b.cpu_seconds)
        result.ours_wall.append(a.seconds)
        result.plain_wall.append(b.seconds)
        result.pages, result.ours_rss, result.plain_rss = a.pages, a.peak_rss_kib, b.peak_rss_kib
        log(
            f"build {run}/{runs}: ours {a.cpu_seconds:.2f} s CPU ({a.seconds:.2f} s wall), "
            f"plain Material {b.cpu_seconds:.2f} s CPU ({b.seconds:.2f} s wall), {a.pages} pages"
        )
    if projects.build(plain, plain_site).pages != result.pages:
        raise SystemExit("the plain Material site does not have the same pages as ours")
    result.start_up = start_up_steps(ours, max(runs, 9))
    projects.build(ours, ours_site)  # leave our site in place for the page-weight and Lighthouse runs
    return result, ours_site


# --- Languages -------------------------------------------------------------------------------------------


@dataclass
class Languages:
    codes: list[str]  # the languages published beside English
    english: list[float]  # `make build`'s wall seconds with English only
    every: list[float]  # with every language the project publishes
    visits: list[browser.FirstVisit]  # first views of the other languages' pages


def _publish_seconds(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763683200"}
    started = time.perf_counter()
    command = [sys.executable, "-m", "macros.build.publish", "--project", str(project), "--site-dir", "site"]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def languages(work: Path, runs: int) -> Languages:
    """`make build` (check, build, finish) of the project in English only and with its languages,
    alternating after a warm-up of each; then the first view of every page in the other languages."""
    every = projects.copy_project(work / "languages")
    english = projects.copy_project(work / "english-only", english_only=True)
    codes = list(load_content(every / "data").translations)
    _publish_seconds(every), _publish_seconds(english)  # warm-up
    result = Languages(codes, [], [], [])
    for _ in range(runs):
        result.english.append(_publish_seconds(english))
        result.every.append(_publish_seconds(every))
    site = every / "site"
    pages = [p for p in site_pages(site) if p.split("/")[0] in codes]
    with static_server.serve(site) as url, browser.chromium() as chromium:
        result.visits = [browser.first_visit(chromium, url, site, page) for page in pages]
    return result


# --- 2. Growth with data -------------------------------------------------------------------------------


@dataclass
class Growth:
    factor: int
    entries: dict[str, int]
    pages: int
    seconds: float  # CPU
    peak_rss_kib: int
    plain_seconds: float  # CPU, the same pages as a plain Material site
    wall_seconds: float
    plain_peak_rss_kib: int

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages

    @property
    def plain_ms_per_page(self) -> float:
        return 1000 * self.plain_seconds / self.pages


def growth(work: Path, factors: tuple[int, ...], runs_small: int) -> list[Growth]:
    """Our site at each data size, and the same pages as a plain Material site: the difference in how
    the two grow is ours, what they share is the theme's."""
    results = []
    for factor in factors:
        project, entries = projects.scaled_project(work / f"data-x{factor}", factor)
        plain = projects.plain_material_project(
            work / f"plain-x{factor}", work / f"plain-x{factor}-export", project
        )
        runs = 1 if factor == max(factors) and factor > 10 else runs_small
        builds, plain_builds = [], []
        for _ in range(runs):
            builds.append(projects.build(project, work / f"data-x{factor}-site"))
            plain_builds.append(projects.build(plain, work / f"plain-x{factor}-site"))
        seconds = statistics.median(b.cpu_seconds for b in builds)
        plain_seconds = statistics.median(b.cpu_seconds for b in plain_builds)
        wall = statistics.median(b.seconds for b in builds)
        result = Growth(
            factor,
            entries,
            builds[0].pages,
            seconds,
            max(b.peak_rss_kib for b in builds),
            plain_seconds,
            wall,
            max(b.peak_rss_kib for b in plain_builds),
        )
        log(
            f"x{factor}: {sum(entries.values())} entries, {result.pages} pages, {seconds:.2f} s CPU ({wall:.2f} s wall) "
            f"({result.ms_per_page:.1f} ms per page; plain Material {result.plain_ms_per_page:.1f}), "
            f"peak {result.peak_rss_kib / KIB:.0f} MiB"
        )
        results.append(result)
        shutil.rmtree(work / f"plain-x{factor}-export")
    return results


# --- 3-5. In the browser -------------------------------------------------------------------------------


def serve_rebuild(work: Path, runs: int) -> list[float]:
    """Seconds from saving a data file to the preview (`massage-site-serve`) serving the changed page: the
    generate step, then MkDocs' rebuild, as an editor sees it."""
    project = projects.copy_project(work / "serve-project")
    conditions = project / "data" / "conditions.yml"
    first = next(iter(load_content(project / "data").conditions))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = str(Path(sys.executable).with_name("massage-site-serve"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [serve, "--port", str(port)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/conditions/{first}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    seconds = []
    try:
        deadline = time.monotonic() + 60
        while not page() and time.monotonic() < deadline:
            time.sleep(0.1)
        for run in range(runs):
            marker = f"Rebuilt marker {run} {time.time_ns()}"
            text = conditions.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^(  summary: ).*$", rf"\g<1>{marker}", text, count=1)
            time.sleep(1.0)  # the preview is idle again
            started = time.monotonic()
            conditions.write_text(text, encoding="utf-8")
            while marker not in page():
                if time.monotonic() - started > 30:
                    raise RuntimeError("the preview did not rebuild within 30 s")
                time.sleep(0.02)
            seconds.append(time.monotonic() - started)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return seconds


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as its URL path ("" is the home page), the 404 page left out."""
    pages = [str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html")]
    return sorted("" if p == "./" else p for p in pages)


def lighthouse_pages(site: Path) -> list[tuple[str, str]]:
    from macros.checks.load import load_content

    first_condition = next(iter(load_content(projects.ROOT / "data").conditions))
    pages = [
        ("Home", ""),
        (f"Condition ({first_condition})", f"conditions/{first_condition}/"),
        ("Contraindications", "contraindications/"),
    ]
    if (site / SELF_CHECK_PAGE / "index.html").exists():
        pages.append(("Self-check", SELF_CHECK_PAGE))
    return pages


@dataclass
class LighthouseResult:
    label: str
    path: str
    runs: list[lighthouse.Report]

    def score(self, category: str) -> int:
        return round(statistics.median(r.scores[category] for r in self.runs))

    def scores(self, category: str) -> list[int]:
        return [r.scores[category] for r in self.runs]


def self_check_files(home: browser.FirstVisit, check: browser.FirstVisit) -> list[browser.Resource]:
    """The self-check's own files (engine and UI): scripts its page loads that the home page does not, and
    scripts and stylesheets named for it."""
    on_home = {r.path for r in home.resources}
    return [
        r
        for r in check.resources
        if (r.kind == "JS" and r.path not in on_home)
        or (r.kind in ("JS", "CSS") and "self" in r.path.replace("_", "-").split("/")[-1])
    ]


# --- BENCHMARKS.md ---------------------------------------------------------------------------------------


def kib(n: float) -> str:
    return f"{n / KIB:.1f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


@dataclass
class Measured:
    """Everything one run of the benchmark measured: what the report is written from."""

    started: dt.datetime
    seconds: float
    machine_rows: list[tuple[str, str]]
    overhead: Overhead
    grown: list[Growth]
    growth_runs: int
    visits: list[browser.FirstVisit]
    search: browser.FirstVisit
    plain_visits: list[browser.FirstVisit]
    check_files: list[browser.Resource] | None
    lh: list[LighthouseResult]
    speed: dict[str, float] | str | None
    rebuild: list[float]
    languages: Languages | None = None


def _figures(m: Measured) -> dict[str, Any]:
    """The figures several sections share, worked out once from the measurements."""
    grown, visits, search, plain_visits, check_files, speed = (
        m.grown,
        m.visits,
        m.search,
        m.plain_visits,
        m.check_files,
        m.speed,
    )
    first, last = grown[0], grown[-1]
    growth_ratio = last.ms_per_page / first.ms_per_page
    heaviest = max(visits, key=lambda v: v.total("gzip"))
    searched = heaviest.total("gzip") + search.total("gzip")
    plain_heaviest = max(plain_visits, key=lambda v: v.total("gzip"))
    plain_by_page = {v.page: v for v in plain_visits}
    check_gzip = sum(r.gzip for r in check_files) if check_files else None
    speed_problem = speed if isinstance(speed, str) else None
    speed = None if isinstance(speed, str) else speed
    per_eval = speed["ms"] / speed["evaluations"] if speed else None
    return {
        "first": first,
        "last": last,
        "growth_ratio": growth_ratio,
        "heaviest": heaviest,
        "searched": searched,
        "plain_heaviest": plain_heaviest,
        "plain_by_page": plain_by_page,
        "check_gzip": check_gzip,
        "speed_problem": speed_problem,
        "speed": speed,
        "per_eval": per_eval,
    }


def _header(m: Measured) -> list[str]:
    """The title, when and where it was measured."""
    started = m.started
    seconds = m.seconds
    machine_rows = m.machine_rows
    lines: list[str] = []
    add = lines.append

    add("# Benchmarks\n")
    add(
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `make bench` (`benchmarks/run.py`) in {seconds / 60:.1f} minutes. "
        "Every figure below comes from that one run; run the command again to reproduce them on your machine.\n"
    )
    add("| Machine | |\n|---|---|")
    lines += [f"| {k} | {v} |" for k, v in machine_rows]
    add("")
    return lines


def _summary(m: Measured) -> list[str]:
    """Every figure with its target, in one table."""
    overhead = m.overhead
    lh = m.lh
    rebuild = m.rebuild
    figures = _figures(m)
    first = figures["first"]
    last = figures["last"]
    growth_ratio = figures["growth_ratio"]
    heaviest = figures["heaviest"]
    searched = figures["searched"]
    plain_heaviest = figures["plain_heaviest"]
    check_gzip = figures["check_gzip"]
    speed_problem = figures["speed_problem"]
    per_eval = figures["per_eval"]
    lines: list[str] = []
    add = lines.append

    add("## Summary\n")
    add("| Figure | Measured | Target | |\n|---|---|---|---|")
    add(
        f"| Build time (CPU), ours / plain Material, medians | {overhead.ratio:.2f} | ≤ {TARGETS['ratio']:.2f} "
        f"| {verdict(overhead.ratio <= TARGETS['ratio'])} |"
    )
    add(
        f"| Build time (CPU) per page, x{last.factor} data / x{first.factor} | {growth_ratio:.2f} | ≤ {TARGETS['growth']} "
        f"| {verdict(growth_ratio <= TARGETS['growth'])} |"
    )
    add(f"| Peak memory of the x{last.factor} build | {last.peak_rss_kib / KIB:.0f} MiB | (reported) | |")
    add(
        f"| Heaviest first view: everything a page fetches (gzip) | {kib(heaviest.total('gzip'))} KiB "
        f"(`/{heaviest.page}`) | ≤ {TARGETS['first_view_kib']} KiB "
        f"| {verdict(heaviest.total('gzip') <= TARGETS['first_view_kib'] * KIB)} |"
    )
    add(
        f"| Heaviest first view with a first search, search index included (gzip) | {kib(searched)} KiB "
        f"(`/{heaviest.page}`) | ≤ {TARGETS['first_view_kib']} KiB | {verdict(searched <= TARGETS['first_view_kib'] * KIB)} |"
    )
    add(
        f"| Heaviest first view of the same pages as a plain Material site (gzip) | "
        f"{kib(plain_heaviest.total('gzip'))} KiB (`/{plain_heaviest.page}`) | (reported) | |"
    )
    if check_gzip is not None:
        add(
            f"| Self-check script and stylesheet (gzip) | {kib(check_gzip)} KiB | ≤ {TARGETS['self_check_kib']} KiB "
            f"| {verdict(check_gzip <= TARGETS['self_check_kib'] * KIB)} |"
        )
    else:
        add(
            f"| Self-check script and stylesheet (gzip) | no self-check page yet | ≤ {TARGETS['self_check_kib']} KiB | not measured |"
        )
    for result in lh:
        worst = min(min(result.scores(c)) for c in lighthouse.CATEGORIES)
        add(
            f"| Lighthouse, {result.label}: lowest category in any run | {worst} | {TARGETS['lighthouse']} in "
            f"each, every run | {verdict(worst >= TARGETS['lighthouse'])} |"
        )
    rebuild_median = statistics.median(rebuild)
    add(
        f"| Preview rebuild after saving a data file (median of {len(rebuild)}) | {rebuild_median:.2f} s "
        f"| ≤ {TARGETS['rebuild_s']:.0f} s | {verdict(rebuild_median <= TARGETS['rebuild_s'])} |"
    )
    if per_eval is not None:
        add(
            f"| Self-check `evaluate()` per answer set | {per_eval * 1000:.1f} µs | < {TARGETS['evaluate_ms']:.0f} ms "
            f"| {verdict(per_eval < TARGETS['evaluate_ms'])} |"
        )
    else:
        why = speed_problem or "no self-check page yet"
        add(f"| Self-check `evaluate()` per answer set | {why} | < 1 ms | **not measured** |")
    add("")
    return lines


def _build_overhead(m: Measured) -> list[str]:
    """1. Build overhead against a plain Material site."""
    overhead = m.overhead
    lines: list[str] = []
    add = lines.append

    add("## 1. Build overhead against a plain Material site\n")
    add(
        f"{len(overhead.ours)} full strict builds of each, alternating, after one warm-up build of each that is "
        "not counted. Each build is a new process, as `make build` is; ours is the generate step "
        "(`massage-site-generate`) and MkDocs on the generated folder, in that one process. The plain Material "
        "site is made by the script from our own output: every page's Markdown after the macros ran, with its "
        "front matter, the generated `mkdocs.yml` (theme, features, Markdown extensions with the glossary "
        "file, extra CSS and JavaScript, navigation) but only Material's search plugin: no macros plugin, no "
        "hooks, no data.\n\n"
        "Build time here and in section 2 is the CPU time (user + system) of the build process, read with "
        "`os.wait4`: it barely moves when other programs share the machine, while wall-clock time (beside it) "
        "does. On an idle machine a build is single-threaded, so the two are close.\n"
    )
    add(
        "| | Median CPU | Runs, CPU (s) | Median wall | Runs, wall (s) | Peak memory |\n|---|---|---|---|---|---|"
    )
    for label, cpu, wall, rss in (
        (f"Ours ({overhead.pages} pages)", overhead.ours, overhead.ours_wall, overhead.ours_rss),
        ("Plain Material", overhead.plain, overhead.plain_wall, overhead.plain_rss),
    ):
        add(
            f"| {label} | {statistics.median(cpu):.2f} s | {', '.join(f'{s:.2f}' for s in cpu)} | "
            f"{statistics.median(wall):.2f} s | {', '.join(f'{s:.2f}' for s in wall)} | {rss / KIB:.0f} MiB |"
        )
    extra = statistics.median(overhead.ours) - statistics.median(overhead.plain)
    add(
        f"\nRatio **{overhead.ratio:.2f}** (target ≤ {TARGETS['ratio']:.2f}); ours takes {extra:.2f} s more "
        "CPU per build. Where that goes, each step timed on its own in a fresh process (median of "
        f"{max(len(overhead.ours), 9)}):\n"
    )
    add("| Step our build adds | CPU |\n|---|---|")
    for step, cpu in overhead.start_up.items():
        add(f"| {step} | {cpu * 1000:.0f} ms |")
    rest = extra - sum(overhead.start_up.values())
    add(
        "| the rest: the generate step writing the folder, the macros plugin rendering each page as a "
        "template, its `git` calls, our hooks (the difference) | "
        + (f"{rest * 1000:.0f} ms" if rest > 0 else "none left over: within the noise of these timings")
        + " |\n"
    )
    add(
        "The data is read with libyaml (the pure-Python reader, ten times slower, only gives the messages "
        "when a file has a mistake). Importing pydantic and mkdocs-macros, the foundation's chosen tools, "
        "costs the same at any size, as does building the data models: the cost per page of section 2 falls as "
        "the site grows, and with it this ratio.\n"
    )
    return lines


def _growth(m: Measured) -> list[str]:
    """2. Growth with data."""
    grown = m.grown
    growth_runs = m.growth_runs
    figures = _figures(m)
    first = figures["first"]
    last = figures["last"]
    growth_ratio = figures["growth_ratio"]
    lines: list[str] = []
    add = lines.append

    add("## 2. Growth with data\n")
    plain_ratio = last.plain_ms_per_page / first.plain_ms_per_page
    add(
        "Every entry collection of `data/` copied k times into a temporary project (copy n of an entry gets the "
        "id `<id>-x<n>` and refers to copy n of what the original refers to), checked by our own loader, then "
        'built. Red flags and the glossary stay as they are: the red flags are the "Get help now" box shown on every page, and a bigger '
        "clinic does not have more emergency symptoms. Beside each, the same pages as a plain Material site "
        f"(made as in section 1). Smaller sizes: median of {growth_runs} builds; x{last.factor}: one build.\n"
    )
    add(
        "| Data | Entries | Conditions | Pages | Build, CPU (wall) | Per page | Plain Material per page "
        "| Peak memory (plain Material) |\n|---|---|---|---|---|---|---|---|"
    )
    for g in grown:
        add(
            f"| x{g.factor} | {sum(g.entries.values())} | {g.entries.get('conditions', '–')} | {g.pages} | "
            f"{g.seconds:.2f} s ({g.wall_seconds:.2f} s) | {g.ms_per_page:.1f} ms | {g.plain_ms_per_page:.1f} ms "
            f"| {g.peak_rss_kib / KIB:.0f} MiB ({g.plain_peak_rss_kib / KIB:.0f} MiB) |"
        )
    add(
        f"\nPer-page cost at x{last.factor} is **{growth_ratio:.2f}×** that at x{first.factor} "
        f"(target ≤ {TARGETS['growth']}); for the plain Material site with the same pages it is "
        f"**{plain_ratio:.2f}×**. The theme writes the open part of the navigation into every page. Listing "
        "every condition there made that work grow with pages × conditions (`python -m cProfile` put most "
        "of the x100 build in Material's `partials/nav-item.html`; this file's history has the figures). "
        "Now, past "
        f"{generate.NAV_CONDITIONS_FLAT} conditions, the generate step lists them under their first letter, and "
        "Material's `navigation.prune` writes only the open branch into a page: a condition page carries its "
        "own letter's conditions and one link per other letter. The cost per page then no longer grows with "
        "the number of conditions; the fixed start-up cost of section 1 is shared by more pages, so the "
        "cost per page falls.\n"
    )
    return lines


def _page_weight(m: Measured) -> list[str]:
    """3. Page weight of a first visit."""
    visits = m.visits
    search = m.search
    check_files = m.check_files
    figures = _figures(m)
    plain_by_page = figures["plain_by_page"]
    lines: list[str] = []
    add = lines.append

    add("## 3. Page weight of a first visit\n")
    add(
        "Each page opened in Chromium with an empty cache (phone-sized window) until the network is idle; every "
        "file it and its workers fetched, with its size on disk and as a gzip-serving host sends it (level "
        f"{static_server.GZIP_LEVEL}). KiB, gzip (raw in brackets). *Theme* is the files Material ships; "
        "the HTML page and everything else is ours. The search loads when a patient opens it "
        "(`macros/theme_patches.py`), not with the page: *With a first search* adds what opening the search and "
        "typing a word fetches (measured once, from the home page; the same files on every page). *Plain "
        "Material* is the same page of section 1's plain Material site (the theme's search as it ships, "
        "fetching its worker and index with every page; pages not minified).\n"
    )
    add(
        "| Page | HTML | CSS | JS | Fonts | Images | First view | With a first search | Theme's share "
        "| Plain Material |\n|---|---|---|---|---|---|---|---|---|---|"
    )
    for v in visits:
        cells = [
            f"{kib(v.total('gzip', k))} ({kib(v.total('raw', k))})"
            for k in ("HTML", "CSS", "JS", "fonts", "images")
        ]
        add(
            f"| `/{v.page}` | {' | '.join(cells)} | **{kib(v.total('gzip'))}** ({kib(v.total('raw'))}) | "
            f"{kib(v.total('gzip') + search.total('gzip'))} | "
            f"{100 * v.total('gzip', theme=True) / v.total('gzip'):.0f} % | "
            f"{kib(plain_by_page[v.page].total('gzip'))} |"
        )
    foreign = sorted({u for v in [*visits, search] for u in v.foreign})
    add(
        "\nA first search fetches "
        + ", ".join(f"`{r.path}` {kib(r.gzip)} KiB gzip ({kib(r.raw)} raw)" for r in search.resources)
        + f": {kib(search.total('gzip'))} KiB. The index grows with the text of the site. "
        + (
            f"Self-check engine and UI: {', '.join(f'`{r.path}` {kib(r.gzip)} KiB gzip ({kib(r.raw)} raw)' for r in check_files)}."
            if check_files
            else "Self-check script: the site has no self-check page yet."
        )
        + (
            f" **Requests to other hosts: {', '.join(foreign)}.**"
            if foreign
            else " No page requested anything from another host."
        )
    )
    theme = {r.path: r for v in visits for r in v.resources if r.theme}
    add(
        "\nThe theme's files on every page: "
        + ", ".join(f"`{p.split('/')[-1]}` {kib(r.gzip)} KiB" for p, r in sorted(theme.items()))
        + ". They are most of each first view; on later pages they come from the browser's cache."
    )
    budget = TARGETS["first_view_kib"] * KIB
    over = [v for v in visits if v.total("gzip") > budget]
    add(
        f"\n{len(visits) - len(over)} of {len(visits)} pages are within {TARGETS['first_view_kib']} KiB. "
        + " ".join(
            f"`/{v.page}` is {kib(v.total('gzip'))} KiB: the theme's files "
            f"{kib(v.total('gzip', theme=True))} KiB, ours "
            f"{kib(v.total('gzip', theme=False))} KiB, of which its HTML is "
            f"{kib(v.total('gzip', 'HTML'))} KiB."
            + (
                " It holds every question, all the results and the rules in words, so that it needs "
                "nothing more from the network once open and prints whole; its script and stylesheet load "
                "on this page only."
                if v.page == SELF_CHECK_PAGE
                else ""
            )
            for v in over
        )
        + "\n"
    )
    return lines


def _lighthouse(m: Measured) -> list[str]:
    """4. Lighthouse (mobile preset)."""
    lh = m.lh
    lines: list[str] = []
    add = lines.append

    add("## 4. Lighthouse (mobile preset)\n")
    add(
        f"Lighthouse's default mobile preset (simulated slow 4G and a 4× slower CPU), {len(lh[0].runs)} run(s) "
        "per page, median score (all runs in brackets when they differ), against the site served with gzip on "
        "127.0.0.1 by the script.\n"
    )
    add("| Page | " + " | ".join(c.replace("-", " ").capitalize() for c in lighthouse.CATEGORIES) + " |")
    add("|---" * (len(lighthouse.CATEGORIES) + 1) + "|")
    for result in lh:
        cells = []
        for c in lighthouse.CATEGORIES:
            runs = result.scores(c)
            cells.append(
                f"{result.score(c)}" + (f" ({', '.join(map(str, runs))})" if len(set(runs)) > 1 else "")
            )
        add(f"| {result.label} | " + " | ".join(cells) + " |")
    add("\nWhat keeps a score below 100 (audits that failed in any run), and whose it is:\n")
    seen: dict[str, tuple[str, set[str], set[str]]] = {}
    for result in lh:
        for report in result.runs:
            for audits in report.below.values():
                for audit_id, title, elements in audits:
                    entry = seen.setdefault(audit_id, (title, set(), set()))
                    entry[1].add(result.label)
                    entry[2].update(elements)
    if not seen:
        add("Nothing: every audit passed.")
    for audit_id, (title, pages, elements) in sorted(seen.items()):
        owner = THEME_AUDITS.get(audit_id)
        where = f" Elements: {', '.join(f'`{e}`' for e in sorted(elements))}." if elements else ""
        add(
            f"- `{audit_id}` ({title.rstrip('.')}), on {', '.join(sorted(pages))}.{where} "
            + (f"**Theme:** {owner}" if owner else "**Ours** (not yet fixed).")
        )
    metrics = lh[0].runs[0].metrics
    add("\nHome page metrics (first run): " + ", ".join(f"{k} {v}" for k, v in metrics.items()) + ".\n")
    return lines


def _preview_rebuild(m: Measured) -> list[str]:
    """The preview's rebuild after a data file is saved."""
    rebuild = m.rebuild
    lines: list[str] = []
    add = lines.append

    add("## Preview rebuild after a data file is saved\n")
    median = statistics.median(rebuild)
    add(
        f"`make serve` on a copy of the project: a condition's summary changed in `data/conditions.yml`, and "
        f"the time until the preview served the changed page (the serve command's watcher runs the generate "
        f"step, then MkDocs rebuilds the site), {len(rebuild)} saves: median **{median:.2f} s** "
        f"({', '.join(f'{x:.2f}' for x in rebuild)}), target ≤ {TARGETS['rebuild_s']:.0f} s: "
        f"{verdict(median <= TARGETS['rebuild_s'])}.\n"
    )
    return lines


def _self_check_speed(m: Measured) -> list[str]:
    """5. Self-check speed."""
    figures = _figures(m)
    speed_problem = figures["speed_problem"]
    per_eval = figures["per_eval"]
    speed = figures["speed"]
    lines: list[str] = []
    add = lines.append

    add("## 5. Self-check speed\n")
    if speed:
        add(
            f'`window.selfCheck.evaluate(answers)` in Chromium over the property-test sample: all "no", each of the '
            f'{speed["questions"]} questions alone "yes" and alone "unsure", and 10,000 seeded random answer sets '
            f"({speed['sample']} sets), repeated for {speed['ms']:.0f} ms: {speed['evaluations']} evaluations, "
            f"**{per_eval * 1000:.1f} µs each** (target < {TARGETS['evaluate_ms']:.0f} ms).\n"
        )
    elif speed_problem:
        add(f"Not measured: {speed_problem}.\n")
    else:
        add(
            f"Not measured: the built site has no `{SELF_CHECK_PAGE}` page yet. The script measures it, and runs "
            "Lighthouse on it, as soon as the page exists.\n"
        )
    return lines


def _languages(m: Measured) -> list[str]:
    """The languages beside English: build time with them, and their first views."""
    found = m.languages
    if found is None or not found.codes:
        return []
    english, every = statistics.median(found.english), statistics.median(found.every)
    ratio = every / english
    heaviest = max(found.visits, key=lambda v: v.total("gzip"))
    within = sum(v.total("gzip") <= TARGETS["first_view_kib"] * KIB for v in found.visits)
    codes = ", ".join(found.codes)
    return [
        "## Languages\n",
        f"Each language is a build of its own (ARCHITECTURE.md). `make build` (check, build, finish) of the "
        f"project in English only and with {codes}, {len(found.every)} runs each, alternating, after a "
        "warm-up of each; wall-clock seconds.\n",
        "| | Median | Runs (s) | Target |\n|---|---|---|---|",
        f"| English only | {english:.2f} s | {', '.join(f'{s:.2f}' for s in found.english)} | |",
        f"| With {codes} | {every:.2f} s | {', '.join(f'{s:.2f}' for s in found.every)} | |",
        f"| Ratio | {ratio:.2f}x | | at most 2.2x: {verdict(ratio <= 2.2)} |",
        "",
        f"Heaviest first view of a page in {codes} (gzip): {kib(heaviest.total('gzip'))} KiB "
        f"(`/{heaviest.page}`), target at most {TARGETS['first_view_kib']} KiB: "
        f"{verdict(heaviest.total('gzip') <= TARGETS['first_view_kib'] * KIB)}; {within} of "
        f"{len(found.visits)} pages within it.\n",
    ]


SECTIONS = (
    _header,
    _summary,
    _build_overhead,
    _growth,
    _page_weight,
    _languages,
    _lighthouse,
    _preview_rebuild,
    _self_check_speed,
)


def write_report(path: Path, measured: Measured) -> None:
    """BENCHMARKS.md: each section in turn, from one run's measurements."""
    lines = [line for section in SECTIONS for line in section(measured)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--builds", type=int, default=5, help="builds of each site for the overhead (default 5)"
    )
    parser.add_argument("--growth-runs", type=int, default=3, help="builds at x1 and x10 (the largest once)")
    # x100 would make conditions.yml 1.8 MB, over the 1 MB a data file may hold (checks/yaml_reading.py).
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 50], help="data sizes to build")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--output", type=Path, default=projects.ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    started = dt.datetime.now(dt.UTC)
    load_before = _load()
    clock = time.perf_counter()
    log("installing the pinned Lighthouse (npm ci) if needed")
    lighthouse_version = lighthouse.install()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        log(f"1/5 build overhead: {args.builds} builds each, alternating")
        overhead, site = build_overhead(work, args.builds)
        finish.minify_pages(site)  # as `make build` publishes it
        log(f"2/5 growth with data: x{', x'.join(map(str, args.factors))}")
        grown = growth(work, tuple(args.factors), args.growth_runs)
        log("preview rebuild after a data file is saved (5 saves)")
        rebuild = serve_rebuild(work, 5)
        log("languages: make build in English only and with every language, and their first views")
        langs = languages(work, args.builds)

        pages = site_pages(site)
        with static_server.serve(site) as url, browser.chromium() as chromium:
            log(f"3/5 page weight of {len(pages)} pages")
            visits = [browser.first_visit(chromium, url, site, page) for page in pages]
            search = browser.first_search(chromium, url, site)
        plain_site = work / "plain-site"  # section 1's plain Material site, as its build leaves it
        with static_server.serve(plain_site) as url, browser.chromium() as chromium:
            log(f"3/5 page weight of the same {len(pages)} pages as a plain Material site")
            plain_visits = [browser.first_visit(chromium, url, plain_site, page) for page in pages]
        with static_server.serve(site) as url, browser.chromium() as chromium:
            check_files = None
            if SELF_CHECK_PAGE in pages:
                home = next(v for v in visits if v.page == "")
                check_files = self_check_files(home, next(v for v in visits if v.page == SELF_CHECK_PAGE))
            speed = None
            if SELF_CHECK_PAGE in pages:
                log("5/5 self-check speed")
                speed = browser.self_check_speed(chromium, f"{url}/{SELF_CHECK_PAGE}")
            lh = []
            for label, page in lighthouse_pages(site):
                log(f"4/5 Lighthouse: {label} ({args.lighthouse_runs} runs)")
                lh.append(
                    LighthouseResult(
                        label, page, [lighthouse.run(f"{url}/{page}") for _ in range(args.lighthouse_runs)]
                    )
                )
        measured = Measured(
            started,
            time.perf_counter() - clock,
            machine(lighthouse_version, load_before),
            overhead,
            grown,
            args.growth_runs,
            visits,
            search,
            plain_visits,
            check_files,
            lh,
            speed,
            rebuild,
            langs,
        )
        write_report(args.output, measured)
    log(f"wrote {args.output.name} in {(time.perf_counter() - clock) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
