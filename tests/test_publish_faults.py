"""What a host can do to `massage-site-build` (and `massage-site-serve`): kill it at any moment, run two at
once, give it a symlinked or mounted site/, a full or read-only disk, a bad SOURCE_DATE_EPOCH or a busy
port. site/ is always a whole, readable site, and every fault ends in one line, never a traceback."""

from __future__ import annotations

import fcntl
import functools
import io
import os
import random
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.build import faults, publish, swap
from support.site import ROOT, copy_project, digest

EPOCH = "1763683200"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **extra}


def _build_command(project: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "macros.build.publish", "--project", str(project), "--site-dir", str(site)]


def _run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300, **kwargs)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-new-", ".site-old-")))


def _one_line_fault(result: subprocess.CompletedProcess[str]) -> str:
    """The fault's line: exit status 4, no traceback, and the last line of stderr says what to do."""
    assert result.returncode == faults.EXIT_ENVIRONMENT, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr.strip().splitlines()[-1]


BUILD_SECONDS: list[float] = []


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A project, and the digests of its site before and after a change to the clinic's name."""
    root = tmp_path_factory.mktemp("versions")
    # English only: these tests are about the swap, the lock and the disk, not the pages; a second language
    # would double every build (tests/test_languages.py builds it).
    project = copy_project(root / "project", english_only=True)
    started = time.monotonic()
    assert _run(_build_command(project, project / "old"), project).returncode == 0
    BUILD_SECONDS.append(time.monotonic() - started)
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("name: ", "name: New ", 1), encoding="utf-8")
    assert _run(_build_command(project, project / "new"), project).returncode == 0
    old, new = digest(project / "old"), digest(project / "new")
    assert old != new
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("name: New ", "name: ", 1), encoding="utf-8")
    return project, old, new


def _fresh_site(two_versions, tmp_path: Path) -> tuple[Path, Path]:
    """The project with site/ holding the old version, and its data changed to give the new one."""
    project, _, _ = two_versions
    work = copy_project(tmp_path / "project", project)
    shutil.copytree(project / "old", work / "site")
    clinic = work / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("name: ", "name: New ", 1), encoding="utf-8")
    return work, work / "site"


def test_a_second_build_in_the_same_folder_waits_for_the_first_and_says_so(
    two_versions, tmp_path: Path
) -> None:
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    with open(work / ".site.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a first build does while it runs
        second = subprocess.Popen(
            _build_command(work, site), cwd=work, env=_env(), stderr=subprocess.PIPE, text=True
        )
        assert second.stderr is not None
        line = second.stderr.readline().strip()
        assert line == "Another build of site/ is running in this folder; this one waits until it ends."
        time.sleep(1)
        assert second.poll() is None, "the second build did not wait"
        assert _leftovers(work) == []  # it has not started building
        fcntl.flock(lock, fcntl.LOCK_UN)
    second.communicate(timeout=300)
    assert second.returncode == 0
    assert digest(site) == new


def test_builds_killed_at_random_moments_always_leave_a_whole_site(two_versions, tmp_path: Path) -> None:
    """A kill at a random moment in each fifth of a build's time, so the kills spread over its steps (the
    check, MkDocs, the finishing, the swap; the last fifth runs a little past the build's usual end): after
    each one, site/ is byte for byte the old site or the new one, and the next build removes what the
    killed one left."""
    _, old, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    duration = BUILD_SECONDS[0]  # how long a whole build of this project takes on this machine
    rng = random.Random(12)
    seen = set()
    start, end, kills = 0.05 * duration, 1.05 * duration, 5
    for fifth in range(kills):
        process = subprocess.Popen(
            _build_command(work, site), cwd=work, env=_env(), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(start + (fifth + rng.random()) * (end - start) / kills)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = digest(site)
        assert now in (old, new), "site/ is neither the old nor the new site after a kill"
        seen.add("new" if now == new else "old")
        if now == new:  # start again from the old site, so later kills can land before the swap too
            shutil.rmtree(site)
            shutil.copytree(two_versions[0] / "old", site)
    assert "old" in seen
    result = _run(_build_command(work, site), work)
    assert result.returncode == 0, result.stderr
    assert digest(site) == new
    assert _leftovers(work) == []


_KILL_AFTER_SWAP = """
import os, signal, sys
import macros.build.publish as p
import macros.build.swap as swap
{setup}
real = swap.Path.rename
def rename(self, target):
    real(self, target)
    if swap.Path(target).name == "site" or self.name == "site":
        os.kill(os.getpid(), signal.SIGKILL)
swap.Path.rename = rename
real_exchange = swap._exchange
def exchange(first, second):
    done = real_exchange(first, second)
    if done:
        os.kill(os.getpid(), signal.SIGKILL)
    return done
swap._exchange = exchange
sys.exit(p.main(sys.argv[1:]))
"""


def test_a_build_killed_right_after_the_atomic_exchange_leaves_the_new_site(
    two_versions, tmp_path: Path
) -> None:
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    script = _KILL_AFTER_SWAP.format(setup="")
    result = _run([sys.executable, "-c", script, "--project", str(work), "--site-dir", str(site)], work)
    assert result.returncode == -signal.SIGKILL
    assert digest(site) == new
    assert len(_leftovers(work)) == 1  # the old site, left for the next build to remove
    swap.recover(site)  # what every build does first, under its lock
    assert _leftovers(work) == []
    assert digest(site) == new


def test_without_an_atomic_exchange_a_kill_between_the_two_renames_is_finished_by_the_next_build(
    two_versions, tmp_path: Path
) -> None:
    """On a file system that cannot exchange two folders, the swap is two renames with a journal. Killed
    between them, site/ is missing until the next build, which first puts the complete new site there."""
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    script = _KILL_AFTER_SWAP.format(setup="swap._exchange = lambda first, second: False")
    result = _run([sys.executable, "-c", script, "--project", str(work), "--site-dir", str(site)], work)
    assert result.returncode == -signal.SIGKILL
    assert not site.exists()
    swap.recover(site)  # what every build does first, under its lock
    assert digest(site) == new
    assert _leftovers(work) == []
    assert not (work / ".site-swap").exists()


def test_a_site_folder_that_is_a_link_keeps_the_link_and_gets_the_new_site_in_its_target(
    two_versions, tmp_path: Path
) -> None:
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    deploy = tmp_path / "deploy" / "public_html"
    deploy.parent.mkdir()
    site.rename(deploy)
    site.symlink_to(deploy)
    result = _run(_build_command(work, site), work)
    assert result.returncode == 0, result.stderr
    assert site.is_symlink() and site.resolve() == deploy
    assert digest(deploy) == new
    assert _leftovers(deploy.parent) == []


def test_a_site_link_to_nothing_is_refused_in_one_line(two_versions, tmp_path: Path) -> None:
    work, site = _fresh_site(two_versions, tmp_path)
    shutil.rmtree(site)
    site.symlink_to(tmp_path / "gone")
    line = _one_line_fault(_run(_build_command(work, site), work))
    assert line == (
        f"site/ is a link to {tmp_path / 'gone'}, which does not exist; "
        "create that folder or remove the link."
    )


def test_a_bad_source_date_epoch_is_one_line(two_versions, tmp_path: Path) -> None:
    work, site = _fresh_site(two_versions, tmp_path)
    env = _env(SOURCE_DATE_EPOCH="yesterday")
    result = subprocess.run(_build_command(work, site), cwd=work, env=env, capture_output=True, text=True)
    assert _one_line_fault(result) == (
        "SOURCE_DATE_EPOCH is 'yesterday': it must be a whole number of seconds since 1970-01-01, such as "
        "1763683200; unset it to use the time of the last commit."
    )


def test_a_site_built_with_a_private_umask_is_still_readable_by_everyone(
    two_versions, tmp_path: Path
) -> None:
    """With `umask 077` the files would be 0600 and a web server running as another user would answer 403:
    whatever the umask, folders are 0755 and files 0644."""
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    result = _run(_build_command(work, site), work, preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    assert {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()} == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}
    assert digest(site) == new


def test_two_projects_publishing_to_one_folder_take_turns_and_never_remove_each_others_work(
    two_versions, tmp_path: Path
) -> None:
    """Two clones (or a cron job with --site-dir) whose site/ links to the same deploy folder: the lock is
    beside the deploy folder, so the second build waits for the first and its recovery never removes the
    staging folder the first is still writing."""
    _, _, new = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    deploy = tmp_path / "www" / "public_html"
    deploy.parent.mkdir()
    site.rename(deploy)
    site.symlink_to(deploy)
    with open(deploy.parent / ".public_html.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other project's build, in the middle of writing
        staging = deploy.parent / ".public_html-new-other"
        staging.mkdir()
        (staging / "index.html").write_text("half written", encoding="utf-8")
        second = subprocess.Popen(
            _build_command(work, site), cwd=work, env=_env(), stderr=subprocess.PIPE, text=True
        )
        assert second.stderr is not None
        line = second.stderr.readline().strip()
        assert (
            line
            == f"Another build of public_html/ is running in {deploy.parent}; this one waits until it ends."
        )
        time.sleep(1)
        assert second.poll() is None, "the second build did not wait"
        assert (staging / "index.html").is_file(), "the waiting build removed the other build's work"
        staging.rename(deploy.parent / ".public_html-new-ended")  # the other build ends, leaving its folder
        fcntl.flock(lock, fcntl.LOCK_UN)
    second.communicate(timeout=300)
    assert second.returncode == 0
    assert digest(deploy) == new
    assert sorted(p.name for p in deploy.parent.iterdir() if p.name.startswith(".public_html-")) == []


def test_a_site_holding_another_users_files_is_refused_whole_in_one_line(
    two_versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one `sudo make build` the site's files belong to root: the build refuses before it builds,
    naming the file and the fix, and leaves site/ and its folder as they were."""
    _, old, _ = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 4242)  # this user is not the files' owner
    err = io.StringIO()
    status = publish.build(work, site, err)
    line = err.getvalue().strip().splitlines()[-1]
    assert status == faults.EXIT_ENVIRONMENT
    assert line.startswith(f"{site} belongs to ")
    assert line.endswith(
        f"so the build could not replace site/ whole; nothing was changed. Remove it as that user (for "
        f"example: sudo rm -rf {site}) and build again, or build with --site-dir into a folder of your own."
    )
    assert digest(site) == old
    assert _leftovers(work) == []


def test_a_data_file_saved_during_the_build_leaves_the_site_as_it_was(
    two_versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save between the check and the end of the build: the pages could mix the old and the new phone
    number, or hold data the check never saw, so nothing is published."""
    _, old, _ = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    real_run = publish._run_mkdocs

    def run_and_save(project: Path, staging: Path, epoch: str) -> int:
        code = real_run(project, staging, epoch)
        clinic = project / "data" / "clinic.yml"
        clinic.write_text(
            clinic.read_text(encoding="utf-8").replace("phone: ", "phone: 0", 1), encoding="utf-8"
        )
        return code

    monkeypatch.setattr(publish, "_run_mkdocs", run_and_save)
    err = io.StringIO()
    assert publish.build(work, site, err) == publish.EXIT_MISTAKES
    assert err.getvalue().strip().splitlines()[-1] == (
        "data/clinic.yml changed while the site was being built; site/ was left exactly as it was. Build "
        "again once the files are saved."
    )
    assert digest(site) == old
    assert _leftovers(work) == []


def test_built_is_said_only_when_the_target_holds_the_whole_new_site(
    two_versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work, site = _fresh_site(two_versions, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    real_swap = swap.swap_in

    def swap_and_lose_a_file(staging: Path, target: Path) -> None:
        real_swap(staging, target)
        (target / "robots.txt").unlink()  # another program at work in the folder

    monkeypatch.setattr(swap, "swap_in", swap_and_lose_a_file)
    err = io.StringIO()
    assert publish.build(work, site, err) == faults.EXIT_ENVIRONMENT
    assert "Built" not in capsys.readouterr().out
    assert err.getvalue().strip().splitlines()[-1] == (
        "site/ does not hold the whole new site after the swap: another program changed it meanwhile; build "
        "again."
    )


# --- Faults of the disk: inside a private mount namespace where the system allows one ------------------


@functools.cache
def _unshare() -> list[str] | None:
    """The unshare command that gives this test a private mount namespace here, or None."""
    if not shutil.which("unshare"):
        return None
    for command in (["unshare", "-m"], ["unshare", "-rm"]):
        probe = subprocess.run([*command, "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True)
        if probe.returncode == 0:
            return command
    return None


def _namespaces() -> bool:
    return _unshare() is not None


def _in_mount(options: str, folder: Path, command: list[str], cwd: Path, site_mount: bool = False):
    """Run `command` with a tmpfs mounted (with `options`) on `folder`, visible to this command only."""
    folder.mkdir(parents=True, exist_ok=True)
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    return _run([*(_unshare() or []), "sh", "-c", script, "sh", options, str(folder), *command], cwd)


def _missing(what: str) -> None:
    """A tool or permission this test needs is missing: with CI set the run fails, never skips; on a
    developer's machine the test is skipped, saying what is missing."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is needed for this test")
    pytest.skip(f"{what} is missing here")


def _need_namespaces() -> None:
    if not _namespaces():
        _missing(
            "a private mount namespace (unshare -m as root, or unshare -rm; in a container, run it with "
            "--cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined)"
        )


def test_a_full_disk_is_one_line(two_versions, tmp_path: Path) -> None:
    work, _ = _fresh_site(two_versions, tmp_path)
    disk = tmp_path / "small-disk"
    if _namespaces():
        result = _in_mount("size=300k", disk, _build_command(work, disk / "site"), work)
        line = _one_line_fault(result)
        assert line.startswith(f"Could not write the site into {disk}/.site-new-")
        assert line.endswith(": the disk is full; free some space and build again.")
    else:  # no private mounts here: a file size limit fails the writes the same way

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

        disk.mkdir()
        line = _one_line_fault(_run(_build_command(work, disk / "site"), work, preexec_fn=limit))
        assert "a file grew beyond the size this system allows" in line
    assert _leftovers(disk) == [] if disk.exists() else True


def test_a_folder_without_write_permission_is_one_line(two_versions, tmp_path: Path) -> None:
    """A site folder's parent the builder may not write to. Root may write anywhere, so as root the build
    runs without the capabilities that let it (setpriv), as any other user would."""
    work, _ = _fresh_site(two_versions, tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    command = _build_command(work, locked / "site")
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            _missing("setpriv (util-linux), to run this test as root")
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", "--", *command]
    result = _run(command, work)
    assert _one_line_fault(result) == (
        f"Could not write {locked}/.site.lock: you may not write there; check the folder's owner and "
        "permissions, or use --site-dir."
    )
    assert list(locked.iterdir()) == []


def test_a_read_only_disk_is_one_line(two_versions, tmp_path: Path) -> None:
    _need_namespaces()
    work, _ = _fresh_site(two_versions, tmp_path)
    disk = tmp_path / "read-only"
    line = _one_line_fault(_in_mount("ro", disk, _build_command(work, disk / "site"), work))
    assert line == (
        f"Could not write {disk}/.site.lock: the folder is on a read-only disk; build on a writable disk "
        "or use --site-dir."
    )


def test_a_site_folder_that_is_a_mount_point_is_refused_in_one_line(two_versions, tmp_path: Path) -> None:
    _need_namespaces()
    work, site = _fresh_site(two_versions, tmp_path)
    line = _one_line_fault(_in_mount("size=10m", site, _build_command(work, site), work))
    assert line == (
        "site/ is a mount point, which a build cannot replace safely; make site/ a link to a folder inside "
        "the mounted disk, or build with --site-dir into a folder inside it."
    )


# --- The preview -----------------------------------------------------------------------------------------


def test_a_busy_preview_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run([sys.executable, "-m", "macros.build.serve", "--port", str(port)], tmp_path)
    assert _one_line_fault(result) == (
        f"Port {port} is already in use (another preview?); stop that one or choose another port: "
        f"make serve PORT={port + 1}"
    )


def test_a_preview_port_that_is_not_a_number_is_one_line(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "macros.build.serve", "--port", "eighty"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith("argument --port: 'eighty' is not a port number; use a number from 1 to 65535")
    )


def _make_serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """`make serve` with a stand-in for the preview command that prints the port it was given."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "massage-site-serve").write_text('#!/bin/sh\nprintf "port=%s\\n" "$MASSAGE_SITE_PORT"\n')
    (fake / "massage-site-serve").chmod(0o755)
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "-o",
            ".venv/.installed",
            "serve",
            f"BIN={fake}",
            *args,
        ],
        cwd=tmp_path,
        env=env or {k: v for k, v in os.environ.items() if k != "PORT"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_port_with_shell_code_never_reaches_a_shell_and_is_refused(tmp_path: Path) -> None:
    attack = "0';touch pwned;'"
    assert _make_serve(tmp_path, f"PORT={attack}") == f"port={attack}"
    assert not (tmp_path / "pwned").exists() and not (ROOT / "pwned").exists()
    result = subprocess.run(
        [sys.executable, "-m", "macros.build.serve"],
        cwd=tmp_path,
        env={**os.environ, "MASSAGE_SITE_PORT": attack},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(f"{attack!r} is not a port number; use a number from 1 to 65535")
    )


def test_a_port_set_in_the_environment_does_not_move_the_preview(tmp_path: Path) -> None:
    assert _make_serve(tmp_path, env={**os.environ, "PORT": "9999"}) == "port=8000"
    assert _make_serve(tmp_path, "PORT=8001", env={**os.environ, "PORT": "9999"}) == "port=8001"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.slow  # builds the site
def test_closing_the_terminal_or_killing_the_preview_removes_its_temporary_folder(
    tmp_path: Path, stop: signal.Signals
) -> None:
    project = copy_project(tmp_path / "project", english_only=True)
    temp = tmp_path / "tmp"
    temp.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    preview = subprocess.Popen(
        [sys.executable, "-m", "macros.build.serve", "--port", str(port)],
        cwd=project,
        env={**_env(), "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert preview.stderr is not None
    try:
        for line in preview.stderr:
            if "Serving on" in line:
                break
        else:
            raise AssertionError("the preview never started")
        assert [p.name for p in temp.iterdir() if p.name.startswith("massage-site-preview-")]
        preview.send_signal(stop)
        preview.communicate(timeout=60)
    finally:
        if preview.poll() is None:
            preview.kill()
    assert [p.name for p in temp.iterdir() if p.name.startswith("massage-site-preview-")] == []


def test_ctrl_c_during_a_build_is_one_line_and_leaves_a_whole_site(two_versions, tmp_path: Path) -> None:
    _, old, _ = two_versions
    work, site = _fresh_site(two_versions, tmp_path)
    # Ctrl+C as a terminal delivers it: a test run started in the background (a CI runner, `cmd &`)
    # passes its processes SIGINT ignored, and the build would never see it.
    terminal_ctrl_c = functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    process = subprocess.Popen(
        _build_command(work, site), cwd=work, env=_env(), start_new_session=True,
        preexec_fn=terminal_ctrl_c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.readline()  # "data/ is correct": MkDocs starts now
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
    out, err = process.communicate(timeout=60)
    assert process.returncode == faults.EXIT_STOPPED, err
    assert "Traceback" not in out + err
    assert err.strip().splitlines()[-1] == "Build stopped; site/ is whole: the old site, or the new one."
    assert digest(site) == old
    assert _leftovers(work) == []


def test_a_port_a_stopped_preview_just_left_is_free_again_at_once() -> None:
    """A stopped preview leaves its connections in TIME_WAIT for up to a minute; the preview's server may
    bind the port then, so the check must not call it busy."""
    from macros.build.serve import port_problem

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server side closes first: its end of the connection waits in TIME_WAIT
    client.close()
    server.close()
    assert port_problem(port) is None


def test_a_python_older_than_3_11_is_refused_before_a_virtualenv_is_made(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    old = tmp_path / "python3.9"
    old.write_text(
        "#!/bin/sh\n"
        f'exec {sys.executable} -c "import sys, collections; '
        "V = collections.namedtuple('V', 'major minor micro releaselevel serial'); "
        'sys.version_info = V(3, 9, 0, \'final\', 0); exec(sys.argv[1])" "$2"\n'
    )
    old.chmod(0o755)
    result = subprocess.run(
        ["make", "--no-print-directory", f"PYTHON={old}", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"Python 3.11 or newer is needed; {sys.executable} is 3.9." in result.stderr
    assert not (tmp_path / ".venv").exists()
