"""The jobs of the server: admitted up to a bound, each run by a worker process under a wall-clock and
a memory limit of its own (kit.parallel.LimitedWorkers), and a lane for short work so that a plain
fill never waits behind a large dossier or a hostile upload. A job waiting for a worker is given one
cheapest first (its cost: the XML elements of its uploads), so uploads made just cheap enough for the
short lane cannot keep a plain fill waiting either.

Defaults (kit serve --job-seconds, --job-memory-mb): 120 s and 2048 MB per job. The memory limit
holds on every system: the server measures the resident memory of each running job's worker and of
every process it started (LibreOffice), five times a second, and stops the job once past it. On POSIX
the worker's address space is bounded by the same number too (RLIMIT_AS: an allocation beyond it fails
at once; threads reserve address space they never use: 32 threads of 8 MB stacks are 256 MB). Either
way the job stops with "tệp quá lớn hoặc quá phức tạp", and its worker is killed with every process it
started and replaced; so is a job past its time. A job that fails, at its limits or with an ordinary
error, keeps only its record (service.drop_all_but_the_record).
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
# What a job will cost, in XML elements kit check reads (about 175,000 a second here): its uploads'
# elements, and for each document it makes (render + self-check, about 0.25 s) as many as that takes.
PER_DOCUMENT = 40_000
DOCUMENTS_OF = {"fill": 1, "check": 0, "dossier": 10, "decision": 4}  # documents made per upload
# A job is short when it costs no more than one plain fill (a plan workbook: about 1,250 elements)
# or a check of the longest real document (92,000 elements, a 138-page draft law checked in under half a
# second: tests/corpus 762); any dossier or decision
# is long. A hostile upload made just cheap enough for the short lane holds it a fraction of a second.
SHORT_KINDS = ("fill", "check")
SHORT_MAX_COST = 95_000
SHORT_MAX_BYTES = 4 * 2**20


def cost_of(kind: str, folder: Path) -> int:
    """What a job will cost, from its uploads' XML elements counted in a stream (kit.inputcost) and
    the documents it makes of them; a file LibreOffice must convert first (an .xls) or that is no zip
    costs more than a short job may."""
    cost = 0
    for path in sorted((folder / "in").glob("*")):
        cost += PER_DOCUMENT * DOCUMENTS_OF.get(kind, 1)
        if kind_of(path) != "zip":
            cost += SHORT_MAX_COST + 1
            continue
        count = scan_package(path, "word" if path.suffix.lower() == ".docx" else "workbook")
        cost += count.elements if count is not None else 0
    return cost


def lane_of(kind: str, folder: Path, cost: int | None = None) -> str:
    """ "short" or "long": by the job's kind and what it will cost."""
    if kind not in SHORT_KINDS:
        return "long"
    if sum(path.stat().st_size for path in (folder / "in").glob("*")) > SHORT_MAX_BYTES:
        return "long"
    return "short" if (cost_of(kind, folder) if cost is None else cost) <= SHORT_MAX_COST else "long"


class Runner:
    """At most `max_jobs` admitted at once (running or waiting for a worker); beyond them the server
    is busy. `workers` processes (0: one per core): with two or more, one is kept for short jobs."""

    def __init__(
        self,
        workers: int,
        max_jobs: int,
        seconds: float = DEFAULT_JOB_SECONDS,
        memory_mb: int = 0,
        address_limit: bool = True,
    ):
        self.workers = workers or max(
            1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        )
        self.max_jobs = max_jobs
        self.seconds = seconds
        self.memory_mb = memory_mb or DEFAULT_JOB_MEMORY_MB
        self.address_limit = address_limit  # False: the watchdog alone holds the memory limit (as on Windows)
        self.active = 0
        self.stopping = False  # the server is stopping: a job whose worker ends was stopped with it
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
            if self.stopping:
                raise WorkerDied("the server is stopping")
            if self._workers is None:
                self._workers = LimitedWorkers(
                    self.lanes,
                    self.seconds,
                    self.memory_mb * 2**20,
                    initializer=service.warm_up,
                    address_limit=self.address_limit,
                )
            workers = self._workers
        workers.wait_ready()
        return workers

    def _run(self, function, folder: Path, lane: str, cost: int, args: tuple) -> dict[str, Any]:
        lanes = ("short", "long") if lane == "short" else ("long",)
        try:
            return self.pool().run(function, str(folder), *args, lanes=lanes, cost=cost)
        except JobLimitExceeded as exceeded:
            return record_failure(folder, too_costly_line(exceeded.reason, self.seconds, self.memory_mb))
        except WorkerDied:
            if self.stopping:
                return record_failure(folder, "Máy chủ đã dừng khi đang xử lý việc này — gửi lại tệp")
            return record_failure(
                folder,
                "Lỗi nội bộ của vanban-kit (tiến trình xử lý dừng đột ngột) — thử lại; nếu còn lỗi, "
                "báo cho nhóm phát triển",
            )

    async def run(self, kind: str, folder: Path, *args) -> dict[str, Any]:
        """The job `kind` on the uploads of `folder`, in its lane; its record (failed, with one line for
        the user, when it passed a limit)."""
        loop = asyncio.get_running_loop()
        cost = await loop.run_in_executor(self._threads, cost_of, kind, folder)
        lane = await loop.run_in_executor(self._threads, lane_of, kind, folder, cost)
        return await loop.run_in_executor(self._threads, self._run, service.JOBS[kind], folder, lane, cost, args)

    def shutdown(self) -> None:
        with self._lock:
            self.stopping = True
            workers, self._workers = self._workers, None
        if workers is not None:
            workers.shutdown()
        # The jobs' threads see their workers gone and record it (in a results folder that may outlive us).
        self._threads.shutdown(wait=True, cancel_futures=True)


def record_failure(folder: Path, line: str) -> dict[str, Any]:
    """The job's record, failed with one line for the user (the worker could not write it)."""
    record = service.read_job(folder) or {}
    message, _, hint = line.partition(" — ")
    record.update(
        state="failed",
        finished=time.time(),
        errors=[service.error_row(message, hint)],
    )
    record.pop("files", None)
    service.write_job(folder, record)
    service.drop_all_but_the_record(folder)
    return record
