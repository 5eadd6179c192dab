"""`massage-site-serve [--port PORT]` (`make serve PORT=8001`): the live preview of `mkdocs serve` on
127.0.0.1, with a busy port or a bad port number said in one line instead of a traceback."""

from __future__ import annotations

import argparse
import errno
import socket
import sys

from .publish import EXIT_ENVIRONMENT, EnvironmentFault, checked_source_date_epoch, describe_os_error

HOST = "127.0.0.1"


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
    from mkdocs.__main__ import cli

    try:
        cli(["serve", "--dev-addr", f"{HOST}:{args.port}"], prog_name="mkdocs")
    except OSError as error:  # the port was taken between the check and the server's start
        if error.errno == errno.EADDRINUSE:
            print(port_problem(args.port) or describe_os_error(error), file=sys.stderr)
        else:
            print(describe_os_error(error), file=sys.stderr)
        return EXIT_ENVIRONMENT
    return 0


if __name__ == "__main__":
    sys.exit(main())
