"""Batch speed, side by side in one run (issue 7). Builds its own inputs; run from the checkout:

    .venv/bin/python bench/run.py            # everything (a few minutes, most of it the baselines)
    .venv/bin/python bench/run.py --quick    # fewer documents, for a look while developing
    .venv/bin/python bench/run.py --startup  # only `kit --version` and `kit --help` against `python -c pass`

Prints one table: a plain docxtpl loop vs the kit on the achievement-report template, the whole
`kit dossier` on a 1,000-candidate workbook (wall time, peak memory), `kit check` on the dossier's
documents, PDF conversion one `soffice` per file vs the kit's batch, and the start-up of `kit --version`
and `kit --help` beside `python -c pass` (interleaved, median of several runs) — with the targets.
"""

from __future__ import annotations

import argparse
import io
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

from kit.app import workbook_bytes  # noqa: E402
from kit.parallel import workers  # noqa: E402

# The synthetic dossier of `count` candidates is the one the web tests use (one definition).
from tests.web.dossiers import dossier_data, names  # noqa: E402, F401


def report_contexts(work: Path, count: int):
    """The achievement-report template and `count` contexts for it, as `kit dossier` makes them."""
    from kit.app import dossier_contexts as _dossier_contexts

    book = work / "contexts.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(count)))
    _, _, _, _, parts, contexts = _dossier_contexts(book)
    reports = [context for template, context in contexts.values() if template == "bao-cao-thanh-tich"]
    return parts["bao-cao-thanh-tich"].file, reports


def docxtpl_loop(template: Path, contexts: list[dict]) -> float:
    """Seconds for the plain loop: a new DocxTemplate, render, save, per document."""
    from docxtpl import DocxTemplate

    started = time.perf_counter()
    for context in contexts:
        document = DocxTemplate(str(template))
        document.render(context)
        document.save(io.BytesIO())
    return time.perf_counter() - started


def kit_render(template: Path, contexts: list[dict], processes: int) -> float:
    from kit.render import Job, render_many
    from kit.render.compiled import compiled

    compiled.cache_clear()  # the compiling is part of what is measured
    started = time.perf_counter()
    render_many(
        [Job(template, context, {"identifier": "bench", "comments": ""}) for context in contexts], processes=processes
    )
    return time.perf_counter() - started


def run_kit(*arguments: str) -> tuple[float, int, float]:
    """Wall seconds, the peak resident memory (MB, largest process) and the CPU seconds (its processes
    together: on a machine shared with other work, the figure that does not depend on the others) of
    one `kit` command."""
    script = (
        "import resource, sys; from kit.cli import main; code = 0\n"
        "try: main(sys.argv[1:])\nexcept SystemExit as e: code = e.code or 0\n"
        "own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime\n"
        "print(max(own.ru_maxrss, children.ru_maxrss), cpu, file=sys.stderr); sys.exit(code)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, cwd=ROOT, env=_as_installed()
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kit {' '.join(arguments)} failed:\n{done.stderr}")
    peak, cpu = done.stderr.strip().splitlines()[-1].split()
    return seconds, int(peak) // 1024, float(cpu)


def _as_installed() -> dict[str, str]:
    """The environment of the measured commands: the kit as installed, with its modules' bytecode, which
    pip writes when it installs the kit (written here once, as pip does; PYTHONDONTWRITEBYTECODE, if set,
    would make every run compile the kit's modules again)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    if not _COMPILED:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kit")], check=True, env=environment)
        _COMPILED.append(True)
    return environment


_COMPILED: list[bool] = []


def startup_rows(runs: int = 15) -> list[tuple[str, str, str]]:
    """`kit --version` and `kit --help` (the console script's Python, importing kit.cli) beside `python -c
    pass`, run in turn so that a busy machine slows all three alike: medians, and their ratio; as installed
    (_as_installed)."""
    import statistics

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "kit --version": [sys.executable, "-m", "kit", "--version"],
        "kit --help": [sys.executable, "-m", "kit", "--help"],
    }
    environment = _as_installed()
    for command in commands.values():  # the bytecode written, the files in the page cache
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=environment)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=environment)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["python -c pass"])
    rows = [("start-up, python -c pass (e)", f"{base * 1000:.0f} ms", "")]
    for name in ("kit --version", "kit --help"):
        median = statistics.median(times[name])
        rows.append((f"start-up, {name}", f"{median * 1000:.0f} ms", f"{median / base:.1f}× (e) (target < 150 ms)"))
    return rows


def pdf_per_file(documents: list[Path], out: Path) -> float:
    """Seconds for one `soffice --convert-to pdf` call per file (what a script around soffice does)."""
    from kit.office import find_soffice

    soffice = find_soffice()
    started = time.perf_counter()
    for document in documents:
        profile = Path(tempfile.mkdtemp(prefix="kit-bench-profile-"))
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(document),
            ],
            capture_output=True,
            check=True,
        )
        shutil.rmtree(profile, ignore_errors=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 documents, 12 PDFs")
    parser.add_argument("--startup", action="store_true", help="only the start-up of kit --version and --help")
    arguments = parser.parse_args()
    count, pdf_count = (200, 12) if arguments.quick else (1000, 50)
    rows = startup_rows()
    work = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    try:
        if arguments.startup:
            raise _Done
        template, contexts = report_contexts(work, count)

        loop = docxtpl_loop(template, contexts)
        one_core = kit_render(template, contexts, processes=1)
        all_cores = kit_render(template, contexts, processes=workers())
        rows.append(("render, plain docxtpl loop (a)", f"{count / loop:.0f} documents/s", ""))
        rows.append(("render, kit on one core", f"{count / one_core:.0f} documents/s", f"{loop / one_core:.1f}× (a)"))
        rows.append(
            (
                f"render, kit on {workers()} cores (b)",
                f"{count / all_cores:.0f} documents/s",
                f"b/a = {loop / all_cores:.1f}× (target ≥ 30×)",
            )
        )

        book = work / "ho-so-1000.xlsx"
        book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(count)))
        # Three runs into a new folder each: a shared virtual machine's speed moves by a third within minutes
        # (the same work took 6.2 and 9.3 s of CPU four minutes apart), so the median is given, its range, and
        # its time in documents of the docxtpl loop measured in this run — what a change of machine speed
        # leaves as it is.
        runs = sorted(
            run_kit("dossier", str(book), "-o", str(work / f"out-{number}"), "--quiet") for number in range(3)
        )
        seconds, peak, cpu = runs[1]
        rows.append(
            (
                f"kit dossier, {count} candidates (median of 3)",
                f"{seconds:.1f} s ({cpu:.1f} s CPU; runs {runs[0][0]:.1f}–{runs[2][0]:.1f} s), peak {peak} MB "
                f"(largest process); = {seconds * count / loop:.0f} documents of (a)",
                "target < 5 s on 2 cores (self-check included), < 400 MB",
            )
        )

        folder = work / "out-0" / book.stem / "bao-cao-thanh-tich"
        documents = sorted(folder.glob("*.docx"))
        seconds, _, _ = run_kit("check", str(folder), "--format", "json")
        rows.append(
            (
                f"kit check, {len(documents)} documents",
                f"{len(documents) / seconds:.0f} documents/s",
                "target ≥ 200/s (whole command, start-up included)",
            )
        )

        from kit.office import convert, find_soffice

        if find_soffice():
            sample = documents[:pdf_count]
            (work / "pdf").mkdir()
            single = pdf_per_file(sample, work / "pdf")
            started = time.perf_counter()
            converted = convert(sample, "pdf")
            batch = time.perf_counter() - started
            assert len(converted) == len(sample)
            rows.append((f"PDF, {len(sample)} documents, one soffice per file (c)", f"{single:.1f} s", ""))
            rows.append(
                (
                    f"PDF, {len(sample)} documents, kit batch (d)",
                    f"{batch:.1f} s",
                    f"c/d = {single / batch:.1f}× (target ≥ 8×)",
                )
            )
        else:
            rows.append(("PDF", "skipped: LibreOffice not found", ""))
    except _Done:
        pass
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs ({workers()} usable), "
        f"{_memory()}, {platform.python_implementation()} {platform.python_version()}"
    )
    if arguments.quick:
        print("(--quick: 200 documents, where start-up costs weigh more; the targets are for the full run)")
    print("| what | result | ratio / target |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


class _Done(Exception):
    """The measurements asked for are taken (--startup)."""


def _memory() -> str:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return f"{pages * size / 2**30:.1f} GB RAM"
    except (ValueError, OSError, AttributeError):
        return "RAM unknown"


if __name__ == "__main__":
    main()
