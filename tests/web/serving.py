"""`python -m kit serve` started as a user starts it and stopped as a user stops it (Ctrl+C), for the tests that
drive a real server."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Served:
    url: str  # the page's address the server printed
    process: subprocess.Popen
    rest: str = ""  # what it printed after, once stopped


@contextmanager
def kit_serve(
    arguments: list[str], *, cwd: Path, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[Served]:
    """`python -m kit serve --port 0 --no-browser ARGUMENTS` on a free port of 127.0.0.1 (its errors into `log`
    when given); stopped with Ctrl+C when the block ends."""
    errors = open(log, "w") if log is not None else None  # noqa: SIM115 - closed with the server
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kit", "serve", "--port", "0", "--no-browser", *arguments],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        served = None
        try:
            line = process.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:\d+/", line)
            assert match, f"kit serve did not start: {line!r} {log.read_text() if log else ''}"
            served = Served(match.group(0), process)
            yield served
        finally:
            process.send_signal(signal.SIGINT)
            try:
                rest = process.communicate(timeout=30)[0]
            except subprocess.TimeoutExpired:  # pragma: no cover
                process.kill()
                rest = process.communicate()[0]
            if served is not None:
                served.rest = rest
    finally:
        if errors is not None:
            errors.close()
