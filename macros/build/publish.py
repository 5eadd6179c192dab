"""`massage-site-build`: check the data, build the site into a temporary folder and only then swap it
into site/. A mistake anywhere leaves the site/ that was there before exactly as it was.

Builds are reproducible: the same commit gives byte-identical files. Dates MkDocs writes (the sitemap,
the gzip header) come from SOURCE_DATE_EPOCH, which this command sets to the time of the last commit
when it is not set already (or, outside git, to the newest source file's time).

What a host may throw at a build, and what happens:

- Two builds of one deploy folder (one project twice, or two projects whose site/ links to the same
  folder): a lock file beside the folder replaced makes the second wait for the first; it says so in one
  line. Only the build holding that lock creates or removes staging folders there.
- A file of data/ or docs/ saved while the build runs: the build notices (their content is compared at
  the end with what was checked) and leaves site/ as it was, so no page mixes old and new or holds data
  the check never saw.
- A build killed at any moment: the new site is swapped in with one atomic exchange of the two folders
  (Linux renameat2 RENAME_EXCHANGE), so site/ is always the old complete site or the new one. Where the
  file system cannot exchange, two renames are used with a journal, and the next build finishes a swap
  that was cut off between them. Every build first removes the staging folders a killed build left.
- site/ a symbolic link (to a deploy folder): the build swaps the folder it points to and keeps the link.
  site/ a mount point, a file, or a link to nothing: refused in one line, nothing touched.
- A full disk, a read-only folder, no permission, a bad SOURCE_DATE_EPOCH: one line and exit status 4,
  never a traceback.
- A site/ holding files of another user (one `sudo make build`): refused before building, in one line
  naming the file and the fix; nothing is changed.
- Published folders and files are 755 and 644 whatever the umask, so a web server running as another
  user can read them; the staging folder is private while it is built. "Built" and exit 0 only once the
  target holds every file of the new site.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO

from ..checks import go_live
from ..checks.load import ContentError, load_content
from . import finish, generate, swap
from . import project as project_files
from .faults import (
    EXIT_ENVIRONMENT,
    EXIT_STOPPED,
    EnvironmentFault,
    checked_site_url,
    checked_source_date_epoch,
    describe_os_error,
)
from .validate import EXIT_MISTAKES, EXIT_OK, validate


def source_date_epoch(project: Path) -> str:
    """SOURCE_DATE_EPOCH for a build of `project`: from the environment, the last commit, or the files."""
    given = checked_source_date_epoch()
    if given:
        return given
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=True
        )
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    newest = 0.0
    for name in project_files.SOURCES:
        path = project / name
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return str(int(newest))


# --- What the build reads ---------------------------------------------------------------------------


def fingerprint(project: Path) -> dict[str, str]:
    """The content of every file the site is made from (data/ and docs/), to notice a file saved while the
    site was being built: its pages would then mix the old and the new, or hold data never checked."""
    found = {}
    for name in ("data", "docs"):
        folder = project / name
        for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if file.is_file():
                found[file.relative_to(project).as_posix()] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def changed_during_build(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


# --- The build ------------------------------------------------------------------------------------------


def mkdocs_child(pairs: list[str] | None = None) -> None:
    """`mkdocs build --strict` on each config of `pairs` (config, site folder, config, site folder, ...; by
    default the command line's), one after the other in this process: a second language costs no second
    start of Python, the engine and MkDocs (about 0.8 s of CPU). MkDocs says what it says on its command
    line; the first failure ends the builds with its exit status, and a fault of the machine (a full disk)
    ends in one line, exit 4."""
    import click
    from mkdocs.__main__ import cli

    pairs = sys.argv[1:] if pairs is None else pairs
    site_dir: str | None = None

    def one_line(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, OSError):
            print(describe_os_error(error, "write the site into", site_dir), file=sys.stderr)
            sys.exit(EXIT_ENVIRONMENT)
        sys.__excepthook__(kind, error, trace)

    sys.excepthook = one_line
    for config, site_dir in zip(pairs[::2], pairs[1::2], strict=True):
        args = ["build", "--strict", "-f", config, "--site-dir", site_dir]
        # MkDocs' filter of repeated lines starts afresh for each language, as in a process of its own: a
        # warning repeated from the language before is still said, and counted by --strict.
        logging.getLogger("mkdocs.commands.build").filters.clear()
        try:
            cli.main(args, prog_name="mkdocs", standalone_mode=False)
        except click.ClickException as error:  # as MkDocs' own command line says it, with its status
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:  # an interrupt, said as MkDocs' own command line says it
            print("Aborted!", file=sys.stderr)
            sys.exit(1)
        except OSError as error:
            one_line(type(error), error, error.__traceback__)


def _run_mkdocs(project: Path, staging: Path, epoch: str) -> int:
    """MkDocs on each language's generated config, in one process: English into `staging`, each other
    language into its folder there (site/ru/). The first failure ends the build."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    code = "from macros.build.publish import mkdocs_child; mkdocs_child()"
    # Ctrl+C reaches the whole process group: MkDocs ignores it, and this process stops MkDocs (subprocess.run
    # kills it on the KeyboardInterrupt) and says so once.
    ignore_ctrl_c = functools.partial(signal.signal, signal.SIGINT, signal.SIG_IGN)
    pairs = language_builds(project, staging)
    return subprocess.run(
        [sys.executable, "-c", code, *pairs], cwd=project, env=env, preexec_fn=ignore_ctrl_c
    ).returncode


def language_builds(project: Path, site_dir: Path) -> list[str]:
    """What `mkdocs_child` builds for the project: each language's generated config and its folder in
    `site_dir` (English at its root, each other language in site_dir/<code>), one after the other."""
    return [
        str(part)
        for config, folder in generate.generated_configs(project)
        for part in (config, site_dir / folder)
    ]


def build(project: Path, site_dir: Path, err: TextIO = sys.stderr) -> int:
    """Validate, build into a sibling temporary folder, swap it into `site_dir`. Returns an exit status."""
    try:
        return _build(project, site_dir, err)
    except KeyboardInterrupt:
        print(f"Build stopped; {site_dir.name}/ is whole: the old site, or the new one.", file=err)
        return EXIT_STOPPED
    except EnvironmentFault as fault:
        print(fault, file=err)
    except OSError as error:
        print(describe_os_error(error), file=err)
    return EXIT_ENVIRONMENT


def _build(project: Path, site_dir: Path, err: TextIO) -> int:
    epoch = source_date_epoch(project)
    checked_site_url()  # an address the host gives, checked before anything is built
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    swap.publish_target(site_dir)  # a site/ that cannot be replaced is refused before anything else
    # The sources as they are now: every later read must find them unchanged.
    sources = fingerprint(project)
    # The data first: a mistake stops the build before it takes the lock or touches anything.
    # Without the warnings (make check says them; the generate step says an overdue review).
    status = validate(project / "data", out=sys.stdout, err=err, warnings=False)
    if status != EXIT_OK:
        return status
    with swap.build_lock(site_dir, err) as target:
        problem = swap.ownership_problem(target)
        if problem:
            raise EnvironmentFault(problem)
        swap.recover(target)
        # A sibling of the target (same file system), so the swap is one rename.
        staging = Path(tempfile.mkdtemp(prefix=swap.staging_prefix(target), dir=target.parent))
        try:
            try:
                content = load_content(project / "data")
                generate.generate(project, content)
            except ContentError as error:  # a file changed since the check: said as the check says it
                for mistake in error.problems:
                    print(mistake, file=err)
                print(f"{site_dir.name}/ was left exactly as it was.", file=err)
                return EXIT_MISTAKES
            returncode = _run_mkdocs(project, staging, epoch)
            if returncode == EXIT_ENVIRONMENT:
                return EXIT_ENVIRONMENT  # mkdocs_child said why, in one line
            if returncode != 0:
                kept = f"{site_dir.name}/ was left exactly as it was"
                print(f"The build failed (see the messages above); {kept}.", file=err)
                return EXIT_MISTAKES
            changed = changed_during_build(sources, fingerprint(project))
            if changed:
                print(
                    f"{', '.join(changed[:3])}{' …' if len(changed) > 3 else ''} changed while the site was "
                    f"being built; {site_dir.name}/ was left exactly as it was. Build again once the files "
                    "are saved.",
                    file=err,
                )
                return EXIT_MISTAKES
            # robots.txt, minified pages, .gz, .br
            finish.finish(staging, generate.site_address(content), content.clinic.translations)
            swap.make_readable(staging)
            expected = swap.manifest(staging)
            swap.swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if swap.manifest(target) != expected:
            raise EnvironmentFault(
                f"{site_dir.name}/ does not hold the whole new site after the swap: another program changed "
                "it meanwhile; build again."
            )
    where = f" (the folder it links to, {target})" if target != site_dir else ""
    if go_live.is_draft(content):
        print(
            f"Built {site_dir.name}/{where}: a draft, for looking at, not for patients: every page says so. "
            "Fill in the clinic's own details and a clinician's review before you upload it "
            "(EDITING.md, Go live; .venv/bin/massage-site-validate --go-live says what is missing)."
        )
    else:
        print(f"Built {site_dir.name}/{where}: upload its contents to the web host.")
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
