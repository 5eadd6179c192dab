"""`massage-site-build`: check the data, build the site into a temporary folder and only then swap it
into site/. A mistake anywhere leaves the site/ that was there before exactly as it was.

Builds are reproducible: the same commit gives byte-identical files. Dates MkDocs writes (the sitemap,
the gzip header) come from SOURCE_DATE_EPOCH, which this command sets to the time of the last commit
when it is not set already (or, outside git, to the newest source file's time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .validate import EXIT_MISTAKES, EXIT_OK, validate

SOURCES = ("data", "docs", "macros", "hooks.py", "mkdocs.yml")


def source_date_epoch(project: Path) -> str:
    """SOURCE_DATE_EPOCH for a build of `project`: from the environment, the last commit, or the files."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=True
        )
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    newest = 0.0
    for name in SOURCES:
        path = project / name
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return str(int(newest))


def build(project: Path, site_dir: Path, err=sys.stderr) -> int:
    """Validate, build into a sibling temporary folder, swap it into `site_dir`. Returns an exit status."""
    status = validate(project / "data", out=sys.stdout, err=err)
    if status != EXIT_OK:
        return status
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # A sibling of site/ (same file system), so the swap is two renames.
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    try:
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(project), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=project,
            env=env,
        )
        if result.returncode != 0:
            print(
                f"The build failed (see the messages above); {site_dir.name}/ was left exactly as it was.",
                file=err,
            )
            return EXIT_MISTAKES
        shutil.rmtree(previous, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(previous)
        staging.rename(site_dir)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Built {site_dir.name}/: upload its contents to the web host.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="massage-site-build",
        description="Check the data and build the site; site/ is only replaced when everything succeeded.",
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (site/)")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    args = parser.parse_args(argv)
    return build(args.project.resolve(), args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
