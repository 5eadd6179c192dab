"""Lighthouse (pinned in benchmarks/package-lock.json) run on Debian's Chromium, mobile preset."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from support.site import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install() -> str:
    """`npm ci` from the lock file when node_modules does not match it yet; returns Lighthouse's version."""
    installed = HERE / "node_modules" / ".package-lock.json"
    lock = HERE / "package-lock.json"
    if not LIGHTHOUSE.exists() or not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        if shutil.which("npm") is None:
            raise SystemExit("npm is missing: install Node.js (Debian: apt-get install nodejs npm)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


@dataclass(frozen=True)
class Report:
    scores: dict[str, int]  # category -> 0..100
    below: dict[
        str, list[tuple[str, str, list[str]]]
    ]  # category -> (audit id, title, elements) that cost points
    metrics: dict[str, str]  # e.g. "First Contentful Paint" -> "0.8 s"


def run(url: str) -> Report:
    """One Lighthouse run with the default (mobile) preset and its simulated slow 4G and slow CPU."""
    flags = ["--headless=new", *CHROMIUM_ARGS]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(flags)}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": tmp},
            check=True,
            capture_output=True,
            timeout=240,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    audits = report["audits"]
    scores, below = {}, {}
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = round(100 * (category["score"] or 0))
        below[name] = [
            (ref["id"], audits[ref["id"]]["title"], _elements(audits[ref["id"]]))
            for ref in category["auditRefs"]
            if ref["weight"] > 0
            and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            and audits[ref["id"]]["score"] < 1
        ]
    metrics = {
        audits[m]["title"]: audits[m]["displayValue"]
        for m in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if m in audits
    }
    return Report(scores, below, metrics)


def _elements(audit: dict) -> list[str]:
    """CSS selectors of the elements an audit blames (a few), to tell the theme's markup from ours."""
    items = (audit.get("details") or {}).get("items") or []
    selectors = [i["node"].get("selector", "") for i in items if isinstance(i.get("node"), dict)]
    return list(dict.fromkeys(s for s in selectors if s))[:4]
