"""Benchmark of `kit check`: documents per second over a folder of 200 generated plans, and the time
for one plan of about ten pages. Builds its own inputs; run: `.venv/bin/python bench/check.py`."""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.app import load_sample, render_workbook, workbook_bytes  # noqa: E402
from kit.checks.runner import check_paths  # noqa: E402
from kit.docmodel.document import open_document  # noqa: E402


def _plan_bytes(work: Path, data: dict, name: str) -> bytes:
    book = work / f"{name}.xlsx"
    book.write_bytes(workbook_bytes("ke-hoach", data))
    return render_workbook(book)


def main(count: int = 200) -> None:
    work = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    try:
        sample = load_sample(ROOT / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.toml")
        plan = _plan_bytes(work, sample, "mau")
        folder = work / "plans"
        folder.mkdir()
        for number in range(count):
            (folder / f"ke-hoach-{number:03d}.docx").write_bytes(plan)
        long = dict(sample)
        long["bang_ke_hoach"] = sample["bang_ke_hoach"] * 3
        outline = sample["de_muc"]
        long["de_muc"] = outline + [row for row in outline if row[0] != "bang"]
        long_path = work / "dai.docx"
        long_path.write_bytes(_plan_bytes(work, long, "dai"))
        paragraphs = len(open_document(long_path).paragraphs)

        started = time.perf_counter()
        results = check_paths([folder])
        folder_seconds = time.perf_counter() - started
        started = time.perf_counter()
        runs = 5
        for _ in range(runs):
            check_paths([long_path])
        long_seconds = (time.perf_counter() - started) / runs
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print("| what | result |")
    print("| --- | --- |")
    print(
        f"| kit check, folder of {len(results)} generated plans | {folder_seconds:.2f} s, {len(results) / folder_seconds:.0f} documents/s |"
    )
    print(f"| kit check, one long plan ({paragraphs} paragraphs, about ten pages) | {long_seconds * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
