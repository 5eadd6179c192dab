"""`massage-site-serve [--port PORT]` (`make serve PORT=8001`): the live preview on 127.0.0.1, with a busy
port or a bad port number said in one line instead of a traceback.

It is `mkdocs serve` with the generate step inside its rebuild: MkDocs' live-reload server watches data/,
docs/, overrides/, hooks.py, mkdocs.yml and macros/ (polling every POLL_SECONDS), and each change runs the
generate step, then MkDocs' build of the generated folder into a temporary folder it serves; the open page
reloads. While the data has a mistake, the pages stay as they were and show the mistake over them (the
generate step writes it into the config).

Each other language (/ru/) builds in a worker process while English builds here, so a save costs the
longest language's build rather than the sum of them (2 cores, with Russian: 2.2 s became 1.6 s). It builds
beside the served folder and is moved in once English is done: MkDocs empties the folder it builds into,
and the English site's folder holds the others."""

from __future__ import annotations

import argparse
import errno
import logging
import multiprocessing as mp
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..checks.load import ContentError
from ..content import Content
from . import generate
from . import project as project_files
from .checked import checked_content
from .faults import EXIT_ENVIRONMENT, EnvironmentFault, checked_source_date_epoch, describe_os_error

HOST = "127.0.0.1"
POLL_SECONDS = 0.1  # MkDocs' own serve polls every 0.5 s
PORT_VARIABLE = "MASSAGE_SITE_PORT"  # set by `make serve PORT=…`, checked here like --port


def regenerate(project: Path, last: Content | None) -> Content | None:
    """Generate from the data as it is now; on a mistake keep the last pages and list it (the overlay)."""
    try:
        content = checked_content(project / "data")
    except ContentError as error:
        for problem in error.problems:
            print(f"WARNING -  {problem}", file=sys.stderr)
        if last is not None:
            generate.generate(project, last, mistakes=[str(p) for p in error.problems])
        return last
    generate.generate(project, content)
    return content


def _show_mkdocs_lines() -> None:
    """MkDocs' lines as `mkdocs serve` prints them, without the macros plugin's internal ones (at every
    rebuild they would hide the one line that matters)."""
    mkdocs_log = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.propagate = False
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def _language_worker() -> None:
    # Ctrl+C reaches every process of the terminal: the preview stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _show_mkdocs_lines()


def _build_language(config_file: str, site_dir: str, url: str) -> None:
    """One other language's MkDocs build, in a worker process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=site_dir)
    config.site_url = url
    build(config, serve_url=url)


def serve(project: Path, port: int, content: Content) -> None:
    """mkdocs serve (mkdocs/commands/serve.py) with the generate step before each rebuild."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    folder = Path(tempfile.mkdtemp(prefix="massage-site-preview-"))
    site_dir = str(folder / "site")  # what the server serves
    aside = folder / "languages"  # where the other languages build, before they are moved in
    workers: list[Any] = []  # the pool of worker processes, started for the first other language

    def language_workers() -> Any:
        if not workers:
            processes = max(1, (os.cpu_count() or 2) - 1)  # one core builds English
            workers.append(mp.get_context("spawn").Pool(processes, initializer=_language_worker))
        return workers[0]

    config_file = str(project / generate.OUT / project_files.CONFIG)
    config = load_config(config_file, site_dir=site_dir, dev_addr=f"{HOST}:{port}")
    # Always at the root, whatever path the published site will have (a GitHub Pages project site lives
    # under /repo/): the addresses EDITING.md gives, http://127.0.0.1:8000/visit/, work for every clinic.
    mount_path = "/"
    serve_url = f"http://{HOST}:{port}/"

    def builder(config: MkDocsConfig | None = None) -> None:
        nonlocal content
        if config is None:  # a change: generate again, then read the generated config again
            content = regenerate(project, content) or content
            config = load_config(config_file, site_dir=site_dir, dev_addr=f"{HOST}:{port}")
        languages = generate.generated_configs(project)[1:]  # each language at /<code>/
        builds = [
            language_workers().apply_async(
                _build_language, (str(other), str(aside / code), f"{serve_url}{code}/")
            )
            for other, code in languages
        ]
        config.site_url = serve_url
        build(config, serve_url=serve_url)
        for (_, code), language in zip(languages, builds, strict=True):
            language.get()  # its build's error, if any, is raised here
            shutil.rmtree(Path(site_dir) / code, ignore_errors=True)
            (aside / code).rename(Path(site_dir) / code)

    server = LiveReloadServer(
        builder=builder,
        host=HOST,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_page
    server.build_delay = POLL_SECONDS / 5  # a save is one write: wait for quiet this long, not 0.1 s
    config.plugins.on_startup(command="serve", dirty=False)
    # Closing the terminal (SIGHUP) or a `kill` (SIGTERM) stops the preview as Ctrl+C does, so the temporary
    # folder it serves from is removed every time.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _as_ctrl_c)
    try:
        builder(config)
        for name in project_files.SOURCES:
            if (project / name).exists():
                server.watch(str(project / name))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            server.watch(path)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves its server untyped
        except KeyboardInterrupt:
            print("INFO    -  Shutting down...", file=sys.stderr)
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        for pool in workers:
            pool.terminate()
            pool.join()
        shutil.rmtree(folder, ignore_errors=True)


def _as_ctrl_c(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def port_number(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", value) or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number; use a number from 1 to 65535")
    return int(value)


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on `port`, in one line; None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the preview's server binds: a port a stopped preview left in TIME_WAIT is free to it.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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
    parser.add_argument(
        "--port",
        type=port_number,
        default=os.environ.get(PORT_VARIABLE, "8000"),
        help=f"port on 127.0.0.1 (8000; `make serve PORT=8001` sets it through {PORT_VARIABLE})",
    )
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
    _show_mkdocs_lines()
    try:
        serve(project, args.port, content)
    except OSError as error:  # the port was taken between the check and the server's start
        if error.errno == errno.EADDRINUSE:
            print(port_problem(args.port) or describe_os_error(error), file=sys.stderr)
        else:
            print(describe_os_error(error), file=sys.stderr)
        return EXIT_ENVIRONMENT
    return 0


if __name__ == "__main__":
    sys.exit(main())
