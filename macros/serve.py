"""`massage-site-serve [--port PORT]` (`make serve PORT=8001`): the live preview of `mkdocs serve` on
127.0.0.1, with a busy port or a bad port number said in one line instead of a traceback.

It runs the generate step first, then again each time a file in data/, docs/ or overrides/ (or hooks.py)
is saved; MkDocs sees the generated files change and rebuilds. While the data has a mistake, the pages
stay as they were and show the mistake over them (the generate step writes it into the config)."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
import threading
from pathlib import Path

from . import generate
from .content import Content
from .load import ContentError, load_content
from .publish import EXIT_ENVIRONMENT, EnvironmentFault, checked_source_date_epoch, describe_os_error

HOST = "127.0.0.1"
WATCHED = ("data", "docs", "overrides", "hooks.py", "mkdocs.yml")
POLL_SECONDS = 0.2


def _stamp(project: Path) -> tuple:
    """The names, sizes and times of every watched file: a change to any of them changes this."""
    files = []
    for name in WATCHED:
        path = project / name
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            stat = file.stat()
            files.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def regenerate(project: Path, last: Content | None) -> Content | None:
    """Generate from the data as it is now; on a mistake keep the last pages and list it (the overlay)."""
    try:
        content = load_content(project / "data")
    except ContentError as error:
        for problem in error.problems:
            print(f"WARNING -  {problem}", file=sys.stderr)
        if last is not None:
            generate.generate(project, last, mistakes=[str(p) for p in error.problems])
        return last
    generate.generate(project, content)
    return content


def watch(project: Path, content: Content, stop: threading.Event) -> None:
    """Regenerate each time a watched file changes, until `stop` is set."""
    stamp = _stamp(project)
    while not stop.wait(POLL_SECONDS):
        now = _stamp(project)
        if now != stamp:
            stamp = now
            content = regenerate(project, content) or content


def port_number(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number; use a number from 1 to 65535")
    return int(value)


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on `port`, in one line; None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"Port {port} is already in use (another preview?); stop that one or choose another "
                    f"port: make serve PORT={port + 1 if port < 65535 else 8001}"
                )
            return f"Cannot listen on {HOST}:{port}: {error.strerror}; choose another port with PORT=…"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="massage-site-serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=port_number, default=8000, help="port on 127.0.0.1 (8000)")
    args = parser.parse_args(argv)
    try:
        checked_source_date_epoch()
    except EnvironmentFault as fault:
        print(fault, file=sys.stderr)
        return EXIT_ENVIRONMENT
    problem = port_problem(args.port)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ENVIRONMENT
    project = Path.cwd()
    content = regenerate(project, None)
    if content is None:
        return 1  # the data has mistakes, listed above: there is no correct version to show yet
    stop = threading.Event()
    threading.Thread(target=watch, args=(project, content, stop), daemon=True).start()
    from mkdocs.__main__ import cli

    config = str(project / generate.OUT / generate.CONFIG)
    try:
        cli(["serve", "-f", config, "--dev-addr", f"{HOST}:{args.port}"], prog_name="mkdocs")
    except OSError as error:  # the port was taken between the check and the server's start
        if error.errno == errno.EADDRINUSE:
            print(port_problem(args.port) or describe_os_error(error), file=sys.stderr)
        else:
            print(describe_os_error(error), file=sys.stderr)
        return EXIT_ENVIRONMENT
    finally:
        stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
