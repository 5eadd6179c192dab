"""Putting a new site in place of the old one so that the folder is whole at every moment: the lock on
the deploy folder, the atomic exchange (or two renames and a journal), recovery after a killed build, the
modes and owners a web server needs (macros/build/publish.py says what each fault does)."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import pwd
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .faults import EnvironmentFault

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


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


def staging_prefix(target: Path) -> str:
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
        if leftover.name.startswith((staging_prefix(target), _old_prefix(target))):
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
