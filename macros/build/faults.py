"""What stops a build that is not the data's fault (a full disk, a read-only folder, a bad setting): the
one line each says, and the exit statuses the commands share."""

from __future__ import annotations

import errno
import os
import re

from ..content.fields import site_address

# A fault of the machine, not of the data: a full disk, a read-only folder, a bad setting.
EXIT_ENVIRONMENT = 4
EXIT_STOPPED = 130  # Ctrl+C, as a shell reports it
# The largest SOURCE_DATE_EPOCH taken: the year 9999 (Python's dates end there).
_MAX_EPOCH = 253402300799
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


# The address the host publishes the site at, when data/clinic.yml gives none: the publish workflow sets it
# from GitHub Pages (a project site lives under a path, https://owner.github.io/repo/), so the
# page-not-found page and the sitemap point at the right place before the clinic knows its address.
SITE_URL_VARIABLE = "MASSAGE_SITE_URL"


def checked_site_url() -> str | None:
    """MASSAGE_SITE_URL from the environment when it is set; an address a site cannot live at is a fault."""
    given = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not given:
        return None
    try:
        site_address(given if given.endswith("/") else given + "/")
    except ValueError as error:
        raise EnvironmentFault(f"{SITE_URL_VARIABLE} is {given!r}: {error}.") from None
    return given if given.endswith("/") else given + "/"


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
