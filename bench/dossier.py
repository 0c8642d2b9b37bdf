"""Benchmark of `kit dossier` on a 1,000-candidate workbook (its self-check included), side by side with a
baseline revision of the code in the same run.

    .venv/bin/python bench/dossier.py                         # this checkout vs HEAD~1, 3 rounds
    .venv/bin/python bench/dossier.py --baseline main --rounds 5 --candidates 1000

The workbook is the one bench/run.py and the web tests use (tests/web/dossiers.py), made once by this
checkout; both codes make their dossier of it. The baseline's tree is exported with `git archive` (as in
bench/check.py). Each round runs the whole command once per code, in a fresh process, alternating which goes
first, and takes its wall time and its CPU time (the command and its workers together: on a machine shared
with other work, the figure the others change least). The best round of each counts; the ratio of the two
codes measured in the same rounds is what compares them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from check import export  # noqa: E402

# Runs inside the code under test (its root is the working folder): the command, then its CPU seconds.
_COMMAND = (
    "import resource, sys; from kit.cli import main; code = 0\n"
    "try: main(sys.argv[1:])\nexcept SystemExit as e: code = e.code or 0\n"
    "own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime, file=sys.stderr); sys.exit(code)"
)


def run_dossier(code: Path, book: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `kit dossier BOOK -o OUT --quiet` with `code` as the kit (bytecode written
    first, as pip does when it installs the kit)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = str(code)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _COMMAND, "dossier", str(book), "-o", str(out), "--quiet", "--force"],
        cwd=code,
        env=environment,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kit dossier ({code}) exited {done.returncode}: {done.stderr[-400:]}")
    return seconds, float(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="HEAD~1", help="git revision to compare with (default HEAD~1)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=1000)
    options = parser.parse_args()
    from kit.app import workbook_bytes
    from tests.web.dossiers import dossier_data

    work = Path(tempfile.mkdtemp(prefix="kit-bench-dossier-"))
    try:
        codes = {"this checkout": ROOT, f"baseline {options.baseline}": export(options.baseline, work)}
        for code in codes.values():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "kit")], check=True)
        book = work / f"ho-so-{options.candidates}.xlsx"
        book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(options.candidates)))
        best = {name: {"wall": float("inf"), "cpu": float("inf")} for name in codes}
        for round_number in range(options.rounds):
            order = list(codes.items()) if round_number % 2 == 0 else list(reversed(codes.items()))
            for name, code in order:
                wall, cpu = run_dossier(code, book, work / "out")
                best[name]["wall"] = min(best[name]["wall"], wall)
                best[name]["cpu"] = min(best[name]["cpu"], cpu)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {load:.1f} at the end; best of {options.rounds} rounds"
    )
    print(f"| code | `kit dossier`, {options.candidates} candidates, with its self-check: wall | CPU, all processes |")
    print("| --- | --- | --- |")
    for name, times in best.items():
        print(f"| {name} | {times['wall']:.2f} s | {times['cpu']:.2f} s |")
    (this, baseline) = best.values()
    print(f"| baseline / this | {baseline['wall'] / this['wall']:.2f}× | {baseline['cpu'] / this['cpu']:.2f}× |")


if __name__ == "__main__":
    main()
