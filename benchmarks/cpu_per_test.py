"""Where a test run spends the machine's CPU: a pytest plugin that reads the CPU time both cores spent
(`/proc/stat`: user, system, interrupts and time stolen by the host; not idle, not waiting on the disk)
between the start of one test and the start of the next, and prints it per file and for the slowest tests.
A test's share holds what its fixtures built or started first (a site, a browser) and every process it ran
(Chromium, WebKit, Firefox, Java, a build).

    .venv/bin/python -m pytest -p benchmarks.cpu_per_test -p no:xdist -m slow -q

One test process (`-p no:xdist`), on an otherwise idle machine: the figures are the whole machine's, so
anything else running counts too. Seconds of CPU, not of the clock, so a change is compared by what it
costs, not by how busy the machine was; the same code still costs up to a third more in a slow hour of a
shared machine, so compare runs taken one after the other (CONTRIBUTING.md, How long the tests take).

Linux only."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

_TICKS = 100  # USER_HZ: /proc/stat counts in hundredths of a second on Linux
_SHOWN = 15  # the slowest tests listed


def _busy() -> float:
    """CPU seconds both cores have spent busy since the machine started."""
    with open("/proc/stat", encoding="ascii") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / _TICKS


class _Meter:
    def __init__(self) -> None:
        self.per_test: dict[str, float] = {}
        self.running: tuple[str, float] | None = None  # the test running, and the CPU seconds at its start
        self.started = time.monotonic()

    def mark(self, nodeid: str | None) -> None:
        now = _busy()
        if self.running:
            self.per_test[self.running[0]] = now - self.running[1]
        self.running = (nodeid, now) if nodeid else None


_METER = _Meter()


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    _METER.mark(nodeid)


def pytest_sessionfinish(session: Any) -> None:
    _METER.mark(None)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    per_file: dict[str, float] = defaultdict(float)
    for nodeid, seconds in _METER.per_test.items():
        per_file[nodeid.split("::", 1)[0]] += seconds
    total = sum(per_file.values())
    wall = time.monotonic() - _METER.started
    write = terminalreporter.write_line
    terminalreporter.section("CPU seconds (both cores), per file", sep="-")
    for file, seconds in sorted(per_file.items(), key=lambda item: -item[1]):
        write(f"{seconds:7.1f}  {100 * seconds / total:4.1f} %  {file}")
    write(f"{total:7.1f}  in all, over {wall:.0f} s of the clock")
    terminalreporter.section(f"CPU seconds, the {_SHOWN} costliest tests", sep="-")
    for nodeid, seconds in sorted(_METER.per_test.items(), key=lambda item: -item[1])[:_SHOWN]:
        write(f"{seconds:7.1f}  {nodeid}")
