"""Benchmark of `kit check` on the real corpus (every .docx of tests/corpus: real documents of agencies, not copies
of one), side by side with a baseline revision of the code in the same run.

    .venv/bin/python bench/check.py                      # this checkout vs HEAD~1, 5 rounds
    .venv/bin/python bench/check.py --baseline main --rounds 3

The baseline's tree is exported with `git archive` into a temporary folder; both codes check the same files.
Both codes run from compiled bytecode, as an installed kit does (pip writes the .pyc files; a checkout writes
them on its first run): each is imported once, untimed, with its bytecode cached in the temporary folder
(PYTHONPYCACHEPREFIX), whatever PYTHONDONTWRITEBYTECODE says — without it, a machine that sets that variable
compiled the whole kit from source at every start of the command (a fifth of a second of its time).
Each round starts one fresh Python process per code, alternating which goes first, and times (a) the whole
command `python -m kit check tests/corpus --format json` (start-up included) and (b) `check_paths` inside the
process (the check alone, on every core), with its CPU seconds (this process and its workers: what a loaded
machine does not change much). The best round of each counts: the machine is shared, so the spread
between rounds is the machine's; the ratio of the two codes measured in the same rounds is what compares them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"

# Runs inside the code under test (its root first on sys.path): the check alone, timed in the process.
# Its CPU seconds count this process and its workers (joined when the pool closes): on a machine shared with
# other work, the figure that does not depend on the others.
_INNER = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from kit.checks.runner import check_paths
def cpu():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
started, started_cpu = time.perf_counter(), cpu()
results = check_paths([sys.argv[2]])
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": cpu() - started_cpu, "documents": len(results)}))
"""


def export(revision: str, into: Path) -> Path:
    """The code of `revision` (git archive of the whole tree) in a folder of its own."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    target = into / "baseline"
    target.mkdir()
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(target, filter="data") if sys.version_info >= (3, 12) else tar.extractall(target)
    return target


def _environment(code: Path) -> dict[str, str]:
    """The environment of a process running `code`: its bytecode read from (and, the first time, written to)
    the benchmark's own cache in its temporary folder (see the module's docstring)."""
    environment = dict(os.environ, PYTHONPATH=str(code), PYTHONPYCACHEPREFIX=str(_bytecode))
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


_bytecode = Path(tempfile.gettempdir())  # the bytecode cache: main() makes it a folder of the run's own


def compile_once(code: Path) -> None:
    """Import the modules `kit check` runs, untimed, so that their bytecode is cached before any timing."""
    subprocess.run(
        [sys.executable, "-c", "import kit.cli, kit.checks.runner, kit.checks.report, kit.app.check"],
        cwd=code,
        env=_environment(code),
        check=True,
        capture_output=True,
    )


def command_seconds(code: Path) -> float:
    """Wall time of the whole `python -m kit check` on the corpus, with `code` as the kit."""
    environment = _environment(code)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kit", "check", str(CORPUS), "--format", "json"],
        cwd=code,
        env=environment,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kit check ({code}) exited {done.returncode}: {done.stderr.decode()[-400:]}")
    return seconds


def inner_seconds(code: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of `check_paths` on the corpus inside a fresh process, and the documents checked."""
    environment = _environment(code)
    done = subprocess.run(
        [sys.executable, "-c", _INNER, str(code), str(CORPUS)],
        cwd=code,
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"check_paths ({code}) failed: {done.stderr[-400:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], result["cpu"], result["documents"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="HEAD~1", help="git revision to compare with (default HEAD~1)")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    global _bytecode
    work = Path(tempfile.mkdtemp(prefix="kit-bench-check-"))
    _bytecode = work / "bytecode"
    try:
        codes = {"this checkout": ROOT, f"baseline {options.baseline}": export(options.baseline, work)}
        best: dict[str, dict[str, float]] = {
            name: {"command": float("inf"), "inner": float("inf"), "cpu": float("inf")} for name in codes
        }
        documents = 0
        for code in codes.values():
            compile_once(code)
        for round_number in range(options.rounds):
            order = list(codes.items()) if round_number % 2 == 0 else list(reversed(codes.items()))
            for name, code in order:
                best[name]["command"] = min(best[name]["command"], command_seconds(code))
                seconds, cpu, documents = inner_seconds(code)
                best[name]["inner"] = min(best[name]["inner"], seconds)
                best[name]["cpu"] = min(best[name]["cpu"], cpu)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size = sum(path.stat().st_size for path in CORPUS.glob("*.docx")) / 1e6
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}; corpus: {documents} real documents ({size:.1f} MB), best of {options.rounds} rounds"
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(
        "| code | `kit check tests/corpus` (whole command) | check alone (`check_paths`, every core) "
        f"| its CPU, all processes (documents/s if {cores} cores were all its own) |"
    )
    print("| --- | --- | --- | --- |")
    for name, times in best.items():
        print(
            f"| {name} | {times['command']:.2f} s, {documents / times['command']:.0f} documents/s "
            f"| {times['inner']:.2f} s, {documents / times['inner']:.0f} documents/s "
            f"| {times['cpu']:.2f} s ({documents * cores / times['cpu']:.0f} documents/s) |"
        )
    (this, baseline) = best.values()
    print(
        f"| this / baseline | {baseline['command'] / this['command']:.2f}× | {baseline['inner'] / this['inner']:.2f}× "
        f"| {baseline['cpu'] / this['cpu']:.2f}× |"
    )


if __name__ == "__main__":
    main()
