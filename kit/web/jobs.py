"""The jobs of the server: admitted up to a bound, each run by a worker process under a wall-clock and
a memory limit of its own (kit.parallel.LimitedWorkers), and a lane for short work so that a plain
fill never waits behind a large dossier or a hostile upload.

Defaults (kit serve --job-seconds, --job-memory-mb): 120 s and 2048 MB of address space per job
(threads reserve address space they never use: 32 threads of 8 MB stacks are 256 MB). On
POSIX the memory limit is RLIMIT_AS in the worker (an allocation beyond it fails: the job stops with
"tệp quá lớn hoặc quá phức tạp" and the worker is replaced); on Windows only the time limit applies.
A job past its time has its worker killed (and the LibreOffice it started) and replaced.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..inputcost import kind_of, scan_package
from ..parallel import JobLimitExceeded, LimitedWorkers, WorkerDied
from . import service
from .limit_messages import too_costly_line

DEFAULT_JOB_SECONDS = 120.0
DEFAULT_JOB_MEMORY_MB = 2048
# A job is short when its inputs are few and cheap by content (a plan workbook: about 3,000 cells, a
# ten-page document: about 10,000 XML elements); any dossier or decision is long.
SHORT_KINDS = ("fill", "check")
SHORT_MAX_ELEMENTS = 100_000
SHORT_MAX_BYTES = 4 * 2**20


def lane_of(kind: str, folder: Path) -> str:
    """ "short" or "long": by the job's kind and what its inputs will cost (counted in a stream)."""
    if kind not in SHORT_KINDS:
        return "long"
    inputs = sorted((folder / "in").glob("*"))
    if sum(path.stat().st_size for path in inputs) > SHORT_MAX_BYTES:
        return "long"
    elements = 0
    for path in inputs:
        if kind_of(path) != "zip":
            return "long"  # an .xls: LibreOffice converts it first
        count = scan_package(path, "word" if path.suffix.lower() == ".docx" else "workbook")
        elements += count.elements if count is not None else 0
        if elements > SHORT_MAX_ELEMENTS:
            return "long"
    return "short"


class Runner:
    """At most `max_jobs` admitted at once (running or waiting for a worker); beyond them the server
    is busy. `workers` processes (0: one per core): with two or more, one is kept for short jobs."""

    def __init__(self, workers: int, max_jobs: int, seconds: float = DEFAULT_JOB_SECONDS, memory_mb: int = 0):
        self.workers = workers or max(
            1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        )
        self.max_jobs = max_jobs
        self.seconds = seconds
        self.memory_mb = memory_mb or DEFAULT_JOB_MEMORY_MB
        self.active = 0
        self._lock = threading.Lock()
        self._workers: LimitedWorkers | None = None
        # The threads that wait for the workers: one per admitted job, so none waits for a thread.
        self._threads = ThreadPoolExecutor(max_jobs + 1, thread_name_prefix="kit-job")
        self.background: set[asyncio.Task] = set()

    @property
    def lanes(self) -> dict[str, int]:
        return {"short": 1, "long": self.workers - 1} if self.workers >= 2 else {"long": 1}

    def try_acquire(self) -> bool:
        with self._lock:
            if self.active >= self.max_jobs:
                return False
            self.active += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.active -= 1

    def busy(self) -> bool:
        with self._lock:
            return self.active >= self.max_jobs

    def pool(self) -> LimitedWorkers:
        with self._lock:
            if self._workers is None:
                self._workers = LimitedWorkers(
                    self.lanes, self.seconds, self.memory_mb * 2**20, initializer=service.warm_up
                )
            workers = self._workers
        workers.wait_ready()
        return workers

    def _run(self, function, folder: Path, lane: str, args: tuple) -> dict[str, Any]:
        lanes = ("short", "long") if lane == "short" else ("long",)
        try:
            return self.pool().run(function, str(folder), *args, lanes=lanes)
        except JobLimitExceeded as exceeded:
            return record_failure(folder, too_costly_line(exceeded.reason, self.seconds, self.memory_mb))
        except WorkerDied:
            return record_failure(
                folder,
                "Lỗi nội bộ của vanban-kit (tiến trình xử lý dừng đột ngột) — thử lại; nếu còn lỗi, "
                "báo cho nhóm phát triển",
            )

    async def run(self, kind: str, folder: Path, *args) -> dict[str, Any]:
        """The job `kind` on the uploads of `folder`, in its lane; its record (failed, with one line for
        the user, when it passed a limit)."""
        loop = asyncio.get_running_loop()
        lane = await loop.run_in_executor(self._threads, lane_of, kind, folder)
        return await loop.run_in_executor(self._threads, self._run, service.JOBS[kind], folder, lane, args)

    def shutdown(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, None
        if workers is not None:
            workers.shutdown()
        self._threads.shutdown(wait=False, cancel_futures=True)


def record_failure(folder: Path, line: str) -> dict[str, Any]:
    """The job's record, failed with one line for the user (the worker could not write it)."""
    record = service.read_job(folder) or {}
    message, _, hint = line.partition(" — ")
    record.update(
        state="failed",
        finished=time.time(),
        errors=[
            {
                "code": "",
                "file": "",
                "sheet": "",
                "cell": "",
                "field": "",
                "message": message,
                "hint": hint,
                "line": line,
            }
        ],
    )
    service.write_job(folder, record)
    import shutil

    shutil.rmtree(folder / "in", ignore_errors=True)  # the uploads are not kept
    return record
