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
import contextlib
import ctypes
import errno
import fcntl
import functools
import hashlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from . import finish, generate
from .load import ContentError, load_content
from .validate import EXIT_MISTAKES, EXIT_OK, validate

SOURCES = ("data", "docs", "macros", "hooks.py", "mkdocs.yml")
# A fault of the machine, not of the data: a full disk, a read-only folder, a bad setting.
EXIT_ENVIRONMENT = 4
EXIT_STOPPED = 130  # Ctrl+C, as a shell reports it
# The largest SOURCE_DATE_EPOCH taken: the year 9999 (Python's dates end there).
_MAX_EPOCH = 253402300799
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100

_REASONS = {
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is used up; free some space and build again",
    errno.EFBIG: "a file grew beyond the size this system allows; free some space or raise the limit",
    errno.EROFS: "the folder is on a read-only disk; build on a writable disk or use --site-dir",
    errno.EACCES: "you may not write there; check the folder's owner and permissions, or use --site-dir",
    errno.EPERM: "you may not write there; check the folder's owner and permissions, or use --site-dir",
    errno.EBUSY: "it is in use (a mount point?); use --site-dir with a folder inside it",
    errno.EIO: "the disk reported an input/output error; check the disk",
}


class EnvironmentFault(Exception):
    """Something about the machine stops the build; the message is the one line to print."""


def describe_os_error(error: OSError, doing: str = "write", folder: str | None = None) -> str:
    """One line for an error of the file system: what could not be done, where, and why. `folder` names
    the place instead of the file (a copy's error names the file copied, not the one written)."""
    where = f" {folder or error.filename}" if folder or error.filename else ""
    reason = _REASONS.get(error.errno or 0, f"{error.strerror or error}")
    return f"Could not {doing}{where}: {reason}."


def checked_source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH from the environment when it is set; a value MkDocs could not read is a fault."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if not given:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", given.strip()) or int(given) > _MAX_EPOCH:
        raise EnvironmentFault(
            f"SOURCE_DATE_EPOCH is {given!r}: it must be a whole number of seconds since 1970-01-01, "
            "such as 1763683200; unset it to use the time of the last commit."
        )
    return given.strip()


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
    for name in SOURCES:
        path = project / name
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return str(int(newest))


# --- Where the site goes ----------------------------------------------------------------------------


def publish_target(site_dir: Path) -> Path:
    """The folder a build replaces: site/ itself, or the folder a site/ link points to. Refuses, with
    the one line to print, anything a swap would silently replace or cannot replace."""
    name = f"{site_dir.name}/"
    if site_dir.is_symlink():
        target = Path(os.path.realpath(site_dir))
        if not target.exists():
            raise EnvironmentFault(
                f"{name} is a link to {target}, which does not exist; create that folder or remove the link."
            )
        if not target.is_dir():
            raise EnvironmentFault(f"{name} is a link to {target}, which is not a folder; fix the link.")
        if os.path.ismount(target):
            raise EnvironmentFault(
                f"{name} is a link to {target}, a mount point, which a build cannot replace safely; link "
                "to a folder inside it instead."
            )
        return target
    if site_dir.exists() and not site_dir.is_dir():
        raise EnvironmentFault(f"{name} is a file, not a folder; move it away and build again.")
    if site_dir.is_dir() and os.path.ismount(site_dir):
        raise EnvironmentFault(
            f"{name} is a mount point, which a build cannot replace safely; make {name} a link to a "
            "folder inside the mounted disk, or build with --site-dir into a folder inside it."
        )
    return site_dir


@contextlib.contextmanager
def build_lock(site_dir: Path, err: TextIO) -> Iterator[Path]:
    """One build at a time per deploy folder: the lock is beside the folder a build replaces (site/ or the
    folder a site/ link points to), so every project that publishes there shares it, and a recovery can
    only meet staging folders of a build that ended. A second build waits, saying so in one line; yields
    the target, resolved again once the lock is held (the first build may have changed the link)."""
    while True:
        target = publish_target(site_dir)
        lock_path = target.with_name(f".{target.name}.lock")
        with open(lock_path, "a+b") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                where = "this folder" if target == site_dir else str(target.parent)
                print(
                    f"Another build of {target.name}/ is running in {where}; this one waits until it ends.",
                    file=err,
                    flush=True,
                )
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if publish_target(site_dir) != target:
                    continue  # the link now points elsewhere: lock that folder instead
                yield target
                return
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _staging_prefix(target: Path) -> str:
    return f".{target.name}-new-"


def _old_prefix(target: Path) -> str:
    return f".{target.name}-old-"


def _journal(target: Path) -> Path:
    return target.with_name(f".{target.name}-swap")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(target: Path) -> None:
    """Finish a swap a killed build left half done, then remove every staging and old folder."""
    journal = _journal(target)
    if journal.exists():
        names = journal.read_text(encoding="utf-8").split("\n")
        if not target.exists() and len(names) >= 2 and names[0] and names[1]:
            # Killed between the two renames: the new site was complete before the first one.
            staging, old = target.with_name(names[0]), target.with_name(names[1])
            (staging if staging.is_dir() else old).rename(target)
            _fsync_dir(target.parent)
        journal.unlink()
    for leftover in target.parent.iterdir():
        if leftover.name.startswith((_staging_prefix(target), _old_prefix(target))):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _two_renames(staging: Path, target: Path) -> None:
    """The swap where no atomic exchange exists: a journal names both folders, so a build killed between
    the renames is finished by the next one (`recover`)."""
    old = Path(tempfile.mkdtemp(prefix=_old_prefix(target), dir=target.parent))
    old.rmdir()
    journal = _journal(target)
    # Written aside and renamed, so a journal is never half written.
    draft = journal.with_name(_old_prefix(target) + "journal")
    draft.write_text(f"{staging.name}\n{old.name}\n", encoding="utf-8")
    os.replace(draft, journal)
    _fsync_dir(target.parent)
    target.rename(old)
    staging.rename(target)
    _fsync_dir(target.parent)
    journal.unlink()
    shutil.rmtree(old)


def swap_in(staging: Path, target: Path) -> None:
    """Put the complete `staging` folder at `target`; at every moment `target` is a complete site."""
    if not target.exists():
        staging.rename(target)
    elif _exchange(staging, target):
        shutil.rmtree(staging)  # now the old site
    else:
        _two_renames(staging, target)
    _fsync_dir(target.parent)


def make_readable(folder: Path) -> None:
    """Folders 755 and files 644 whatever the builder's umask (with `umask 077` they would be private, and a
    web server running as another user would answer 403): mkdtemp made the staging folder private."""
    os.chmod(folder, 0o755)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)


def ownership_problem(target: Path) -> str | None:
    """Why a build could not replace `target` and remove the old site, in one line, or None: a folder or
    file in it that belongs to another user (one `sudo make build`), or a folder this user may not write."""
    if not target.exists():
        return None
    me = os.geteuid()
    if me == 0:
        return None
    for path in [target, *target.rglob("*")]:
        info = path.lstat()
        if info.st_uid != me or (
            path.is_dir() and not path.is_symlink() and not os.access(path, os.W_OK | os.X_OK)
        ):
            try:
                owner = pwd.getpwuid(info.st_uid).pw_name
            except KeyError:
                owner = f"user {info.st_uid}"
            what = f"belongs to {owner}" if info.st_uid != me else "may not be written by you"
            return (
                f"{path} {what}, so the build could not replace {target.name}/ whole; nothing was changed. "
                f"Remove it as that user (for example: sudo rm -rf {target}) and build again, or build with "
                "--site-dir into a folder of your own."
            )
    return None


def manifest(folder: Path) -> dict[str, int]:
    """Every file of a site, with its size: what the target must hold after the swap."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


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


def mkdocs_child() -> None:
    """`mkdocs` as the build runs it: a fault of the machine (a full disk) ends in one line, exit 4."""
    from mkdocs.__main__ import cli

    site_dir = sys.argv[sys.argv.index("--site-dir") + 1] if "--site-dir" in sys.argv else None

    def one_line(kind, error, trace):
        if isinstance(error, OSError):
            print(describe_os_error(error, "write the site into", site_dir), file=sys.stderr)
            sys.exit(EXIT_ENVIRONMENT)
        sys.__excepthook__(kind, error, trace)

    sys.excepthook = one_line
    try:
        cli(prog_name="mkdocs")
    except OSError as error:
        one_line(type(error), error, error.__traceback__)


def _run_mkdocs(project: Path, staging: Path, epoch: str) -> int:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    code = "from macros.publish import mkdocs_child; mkdocs_child()"
    config = str(project / generate.OUT / generate.CONFIG)
    args = [sys.executable, "-c", code, "build", "--strict", "-f", config, "--site-dir", str(staging)]
    # Ctrl+C reaches the whole process group: MkDocs ignores it, and this process stops MkDocs (subprocess.run
    # kills it on the KeyboardInterrupt) and says so once.
    ignore_ctrl_c = functools.partial(signal.signal, signal.SIGINT, signal.SIG_IGN)
    return subprocess.run(args, cwd=project, env=env, preexec_fn=ignore_ctrl_c).returncode


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
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    publish_target(site_dir)  # a site/ that cannot be replaced is refused before anything else
    # The sources as they are now: every later read must find them unchanged.
    sources = fingerprint(project)
    # The data first: a mistake stops the build before it takes the lock or touches anything.
    status = validate(project / "data", out=sys.stdout, err=err)
    if status != EXIT_OK:
        return status
    with build_lock(site_dir, err) as target:
        problem = ownership_problem(target)
        if problem:
            raise EnvironmentFault(problem)
        recover(target)
        # A sibling of the target (same file system), so the swap is one rename.
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(target), dir=target.parent))
        try:
            try:
                generate.generate(project, load_content(project / "data"))
            except ContentError as error:  # a file changed since the check: said as the check says it
                for problem in error.problems:
                    print(problem, file=err)
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
            finish.finish(staging)  # minified pages, .gz and .br copies for the host
            make_readable(staging)
            expected = manifest(staging)
            swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if manifest(target) != expected:
            raise EnvironmentFault(
                f"{site_dir.name}/ does not hold the whole new site after the swap: another program changed "
                "it meanwhile; build again."
            )
    where = f" (the folder it links to, {target})" if target != site_dir else ""
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
