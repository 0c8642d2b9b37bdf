"""Work spread over every core: a forked process pool for a batch, this process for a few items.

Also the worker processes of a server's jobs (LimitedWorkers): spawned on every system, each job
under a wall-clock limit and a memory limit of its own. The memory limit is a watchdog in the server
that measures the resident memory of the worker's whole tree (LibreOffice included) with psutil, the
same on Windows, macOS and Linux, plus on POSIX the worker's RLIMIT_AS. A worker past a limit is
killed with every process it started (kill_tree, psutil) and replaced. Tested on Linux only: on
Windows and macOS the same psutil calls run, untried on a real machine.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

# Below this many items a pool costs more (its start, sending the work) than it saves.
POOL_THRESHOLD = 40

# Two threads of one process (a web server's jobs) must not swap each other's work between setting
# it and forking the workers that inherit it.
_fork_lock = threading.Lock()
# The work of the pool being forked: the function and the items (the workers inherit it).
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def can_fork() -> bool:
    """Whether a forked pool is available and safe here: not on Windows (no fork) nor on macOS, where
    system libraries make forking a process unsafe (Python's default there is spawn). Elsewhere the
    work runs serially in this process: slower, never wrong."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def ordered_map(
    function: Callable[[Item], Outcome], items: Sequence[Item], processes: int | None = None, share: int | None = None
) -> Iterator[Outcome]:
    """`function` of each item, in the order of `items`; an exception raised for an item is raised
    here when its turn comes. Forked workers inherit what this process has prepared (compiled
    templates, loaded rules), so `function` may be a module-level function using module state.
    `share`: how many items a worker takes at a time (by default about a quarter of its part)."""
    processes = processes or workers()
    if len(items) < POOL_THRESHOLD or processes < 2 or not can_fork():
        yield from map(function, items)
        return
    global _task
    # The workers are forked after this is set: they inherit the function and the items, and only
    # the bounds of each share travel to them (contexts are not pickled again), results come back.
    # A fork pool starts all its workers at the first submit, inside pool.map, so the task can be
    # cleared (and the lock released) before the results are collected.
    size = share or max(1, min(64, len(items) // (processes * 4)))
    shares = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    with ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        with _fork_lock:
            _task = (function, items)
            try:
                outcomes_of_shares = pool.map(_run_share, shares)
            finally:
                _task = None
        for outcomes in outcomes_of_shares:
            yield from outcomes


PARENT_POLL_SECONDS = 1.0
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, kernel: bool = True) -> None:
    """Make this worker end when the process that started it ends (a killed `kit` run must not leave
    workers behind): on Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG, with `kernel`);
    everywhere a daemon thread also watches the parent and ends the worker once it is gone. The
    kernel's signal follows the *thread* that started the worker: a worker started by a thread that
    may end before it (a server's) relies on the watching thread only."""
    import signal
    import sys
    import threading
    import time

    if kernel and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watcher below still ends the worker
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kit-parent-watch", daemon=True).start()


def _run_share(bounds: tuple[int, int]) -> list:
    assert _task is not None, "a worker runs only while its task is set"
    function, items = _task
    return [function(items[index]) for index in range(*bounds)]


class terminate_as_interrupt:
    """While inside, SIGTERM acts as Ctrl+C (KeyboardInterrupt): the code that cleans up on an
    interruption (killing LibreOffice, removing temporary folders) runs for both. Only the main
    thread can set signal handlers; elsewhere, and where there is no SIGTERM, it does nothing."""

    def __enter__(self):
        import signal
        import threading

        self.previous = None
        if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, _interrupt)
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


# -- jobs with limits: a web server's workers ------------------------------------------------------


class JobLimitExceeded(Exception):
    """A job passed its wall-clock or memory limit (`reason`: "time" or "memory"); its worker was
    stopped and replaced."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class WorkerDied(Exception):
    """The worker process running a job ended without an answer (killed from outside, a crash)."""


def _limit_memory(memory: int | None) -> None:
    """POSIX: the worker's address space is bounded (RLIMIT_AS, soft limit only, so LibreOffice, which
    needs more address space than it uses, can lift it in its own process); beyond it an allocation
    fails with MemoryError at once instead of the machine swapping. Windows has no such limit: there
    the watchdog of LimitedWorkers (resident memory of the worker's whole tree) is the memory limit."""
    if not memory:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))


# The memory limit of the job a worker runs, in bytes, for the code of the job (kit.office bounds the
# LibreOffice it starts by what the limit leaves): set in the worker's environment.
JOB_MEMORY_ENV = "KIT_JOB_MEMORY"


def _worker_main(
    connection, memory: int | None, initializer: Callable[[], Any] | None, parent: int, address_limit: bool = True
) -> None:
    """A worker: runs the jobs it is sent, one at a time, until its connection closes. A job whose
    result says it ran out of memory (a dict with "limit") ends the worker after answering, so the
    next job gets a fresh process."""
    import signal

    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    die_with_parent(parent, kernel=False)  # a server killed outright leaves no worker behind
    if memory:
        os.environ[JOB_MEMORY_ENV] = str(memory)
    if address_limit:
        _limit_memory(memory)
    if initializer is not None:
        initializer()
    connection.send(("ready", os.getpid()))
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            answer = ("memory", None)
        except BaseException as error:  # noqa: BLE001 - sent back to the caller, who raises it
            answer = ("error", error)
        try:
            connection.send((*answer, _peak_memory()))
        except Exception:  # noqa: BLE001 - an answer that cannot be sent (unpicklable): said as an error
            connection.send(("error", RuntimeError(f"{type(answer[1]).__name__} could not be sent back"), 0))
        if answer[0] == "memory" or (isinstance(answer[1], dict) and answer[1].get("limit")):
            return


def _peak_memory() -> int:
    """The most address space this process has held (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


# A job that failed after holding this share of its memory limit failed for want of memory: C
# libraries (lxml) report a refused allocation as an error of their own, not as MemoryError.
NEAR_LIMIT = 0.8


class _Worker:
    def __init__(self, context, memory: int | None, initializer, address_limit: bool = True):
        parent, child = context.Pipe()
        self.connection = parent
        self.process = context.Process(
            # Not a daemon: a job may start processes of its own (a forked pool, LibreOffice).
            target=_worker_main,
            args=(child, memory, initializer, os.getpid(), address_limit),
            daemon=False,
            name="kit-job-worker",
        )
        self.process.start()
        child.close()
        self.ready = False
        self._stopping = threading.Lock()

    def wait_ready(self, timeout: float) -> bool:
        """Whether the worker has started (False: it ended first, or was stopped meanwhile)."""
        if not self.ready:
            try:
                if self.connection.poll(timeout):
                    self.ready = self.connection.recv()[0] == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def kill(self) -> None:
        """Kill the process and every process it started (LibreOffice), and nothing else: the thread
        running a job on this worker owns its pipe, sees it end, and stops it."""
        try:
            kill_tree(self.process.pid)
        except Exception:  # noqa: BLE001 - the process itself is killed below whatever happened
            pass
        try:
            self.process.kill()
        except (OSError, AttributeError, ValueError):
            pass

    def stop(self) -> None:
        """Kill the process, reap it and close the pipe: once, whoever calls (a second close of the
        pipe's descriptor fails with EBADF, or closes a file another thread has opened since)."""
        with self._stopping:
            self.kill()
            self.process.join(5)
            self.connection.close()

    def resident(self) -> int:
        """Bytes of resident memory of the worker and of every process it started (tree_resident)."""
        return tree_resident(self.process.pid)


def _tree(pid: int | None):
    """The process `pid` (psutil) and its descendants, found through their parents; None when it is gone."""
    import psutil

    if pid is None:
        return None, []
    try:
        root = psutil.Process(pid)
        return root, root.children(recursive=True)
    except psutil.Error:
        return None, []


def tree_resident(pid: int | None) -> int:
    """Bytes of resident memory (RSS; on Windows the working set) of the process `pid` and of all its
    descendants, LibreOffice included: pages shared between them are counted in each, so the measure
    errs high. Through psutil, the same on Windows, macOS and Linux."""
    import psutil

    root, descendants = _tree(pid)
    total = 0
    for process in [root, *descendants] if root is not None else []:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue  # ended meanwhile
    return total


def kill_tree(pid: int | None) -> None:
    """Kill the process `pid` and every process it started, on every system (psutil): the process is
    suspended first (it starts nothing more), its descendants are found through their parents and
    suspended too (none ends and leaves its own children orphaned meanwhile), then all are killed. On
    POSIX the process groups of the descendants are killed as well: soffice runs in a session of its
    own, and a process of that session whose parent has ended is no longer anyone's descendant — it
    would go on converting, past any limit. On Windows psutil reads the parent of each process from
    the system's list of processes (a Job Object would hold the tree more surely: not used, as there
    is no Windows to test it here)."""
    import psutil

    try:
        root = psutil.Process(pid) if pid is not None else None
    except psutil.Error:
        root = None
    if root is None:
        return
    try:
        root.suspend()
    except psutil.Error:
        pass
    found: dict[int, psutil.Process] = {}
    for _ in range(3):  # a child may have started one more before it was suspended: looked for again
        try:
            new = [process for process in root.children(recursive=True) if process.pid not in found]
        except psutil.Error:
            break
        if not new:
            break
        for process in new:
            found[process.pid] = process
            try:
                process.suspend()
            except psutil.Error:
                pass
    descendants = list(found.values())
    everyone = [root, *descendants]
    if hasattr(os, "killpg"):
        import signal

        groups = set()
        for process in descendants:
            try:
                groups.add(os.getpgid(process.pid))
            except OSError:
                pass
        try:
            ours = {os.getpgrp(), os.getpgid(root.pid)}
        except OSError:
            ours = {os.getpgrp()}
        for group in groups - ours:
            try:
                os.killpg(group, signal.SIGKILL)
            except OSError:
                pass
    for process in reversed(everyone):
        try:
            process.kill()
        except psutil.Error:
            pass
    # Until each is dead (a zombie: reaped by whoever adopted it, which need not be soon) or 5 s; the
    # worker itself is reaped by its owner (join).
    import time

    deadline = time.monotonic() + 5
    for process in descendants:
        while time.monotonic() < deadline:
            try:
                if process.status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.Error:
                break
            time.sleep(0.02)


STARVING_SECONDS = 30.0  # a costly job waiting this long is served before newer cheap ones


class _Waiter:
    """A job waiting for a worker: its cost, its place in arrival order, when it came, its lanes."""

    def __init__(self, cost: int, arrival: int, since: float, lanes: tuple[str, ...]):
        self.cost, self.arrival, self.since, self.lanes = cost, arrival, since, lanes

    def before(self, other: _Waiter, now: float) -> bool:
        """Whether this job is to be served before `other`."""
        return self._key(now) < other._key(now)

    def _key(self, now: float) -> tuple:
        starving = now - self.since >= STARVING_SECONDS
        return (0, self.arrival) if starving else (1, self.cost, self.arrival)


# How often the parent measures a running job's memory (its worker's whole tree).
WATCH_SECONDS = 0.2


class LimitedWorkers:
    """Worker processes (spawned: the same on Windows, macOS and Linux) that run one job each at a
    time, each job under a wall-clock limit (`seconds`) and a memory limit (`memory` bytes). A job
    past either is stopped by killing its worker with every process it started (kill_tree), and the
    worker is replaced; the caller gets JobLimitExceeded. `lanes` names groups of workers: a job is run
    by a free worker of the lanes it may use, so short jobs can keep a worker of their own.

    The memory limit is held twice. A watchdog in this process measures, every WATCH_SECONDS, the
    resident memory of the worker's whole tree (the worker and what it started: LibreOffice, a forked
    pool) with psutil, on every system, and stops the job once past `memory`. On POSIX, with
    `address_limit` (the default), the worker's address space is also bounded (RLIMIT_AS): an
    allocation beyond it fails at once, before the watchdog's next look. `address_limit=False` leaves
    the watchdog alone, as on Windows (the tests use it to exercise the watchdog on Linux)."""

    def __init__(
        self,
        lanes: dict[str, int],
        seconds: float,
        memory: int | None,
        initializer: Callable[[], Any] | None = None,
        address_limit: bool = True,
    ):
        self.context = multiprocessing.get_context("spawn")
        self.seconds, self.memory, self.initializer = seconds, memory, initializer
        self.address_limit = address_limit
        if memory and address_limit:
            # glibc reserves 64 MB of address space per arena, up to 8 per core, as threads allocate: with
            # a few threads (an fsync pool, LibreOffice's waiters) that alone would pass an address-space
            # limit. Two arenas: the limit then measures memory, not reservations (children inherit it).
            os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        self.lock = threading.Lock()
        self.waiting: list[_Waiter] = []  # jobs waiting for a worker
        self._arrivals = itertools.count()
        self.free: dict[str, list[_Worker]] = {lane: [] for lane in lanes}
        self.running: set[_Worker] = set()  # workers running a job: stopped too at shutdown
        self.sizes = dict(lanes)
        self.closed = False
        self.available = threading.Condition(self.lock)
        for lane, size in lanes.items():
            for _ in range(size):
                self.free[lane].append(self._start())

    def _start(self) -> _Worker:
        return _Worker(self.context, self.memory, self.initializer, self.address_limit)

    def wait_ready(self, timeout: float = 120) -> None:
        """Wait until every worker has started (imports done): the first job is then as fast as the next."""
        with self.lock:
            workers = [worker for lane in self.free.values() for worker in lane]
        for worker in workers:
            worker.wait_ready(timeout)

    def _take(self, lanes: Sequence[str], cost: int = 0) -> tuple[str, _Worker]:
        """A free worker of `lanes`, waiting for one. Waiting jobs are served cheapest first (`cost`),
        in arrival order among equals; one that has waited STARVING_SECONDS goes before any newer one."""
        import time

        waiter = _Waiter(cost, next(self._arrivals), time.monotonic(), tuple(lanes))
        with self.available:
            self.waiting.append(waiter)
            try:
                while True:
                    if self.closed:
                        raise WorkerDied("the workers were stopped")
                    now = time.monotonic()
                    for lane in lanes:
                        if self.free.get(lane) and not any(
                            other.before(waiter, now) for other in self.waiting if lane in other.lanes
                        ):
                            worker = self.free[lane].pop()
                            self.running.add(worker)
                            # Others may take a worker of another lane now: they look again.
                            self.available.notify_all()
                            return lane, worker
                    self.available.wait(1.0)
            finally:
                self.waiting.remove(waiter)

    def _give_back(self, lane: str, worker: _Worker | None, used: _Worker) -> None:
        with self.available:
            self.running.discard(used)
            if self.closed:
                if worker is not None:
                    worker.stop()
                return
            self.free[lane].append(worker if worker is not None else self._start())
            self.available.notify_all()

    def run(self, function: Callable[..., Outcome], *args: Any, lanes: Sequence[str] = (), cost: int = 0) -> Outcome:
        """`function(*args)` in a worker of the first free lane of `lanes` (all lanes when empty),
        waiting for one (the cheapest waiting job by `cost` first); blocks this thread (a server calls
        it from a thread of its own)."""
        import time

        lane, worker = self._take(list(lanes) or list(self.free), cost)
        replace = False
        try:
            if not worker.wait_ready(120):
                replace = True
                raise WorkerDied(f"the worker did not start (exit code {worker.process.exitcode})")
            started = time.monotonic()
            try:
                worker.connection.send((function, args))
            except OSError:  # its process ended (killed at shutdown, a crash) before it took the job
                replace = True
                raise WorkerDied(f"exit code {worker.process.exitcode}") from None
            while not worker.connection.poll(WATCH_SECONDS):
                if not worker.process.is_alive():
                    replace = True
                    raise WorkerDied(f"exit code {worker.process.exitcode}")
                if time.monotonic() - started > self.seconds:
                    replace = True
                    raise JobLimitExceeded("time")
                if self.memory and worker.resident() > self.memory:
                    replace = True  # the whole tree is killed with the worker (stop → kill_tree)
                    raise JobLimitExceeded("memory")
            try:
                kind, value, peak = worker.connection.recv()
            except (EOFError, OSError):
                replace = True
                raise WorkerDied(f"exit code {worker.process.exitcode}") from None
            failed = kind == "error" or (isinstance(value, dict) and value.get("state") == "failed")
            near = self.address_limit and self.memory and peak >= NEAR_LIMIT * self.memory  # VmPeak: address space
            if kind == "memory" or (failed and near):
                replace = True
                raise JobLimitExceeded("memory")
            if kind == "error":
                raise value
            if isinstance(value, dict) and value.get("limit"):
                replace = True  # the worker ended itself after a job that ran out of memory
            return value
        except BaseException:
            replace = True if not isinstance(sys.exc_info()[1], Exception) else replace
            raise
        finally:
            if replace:
                worker.stop()
            self._give_back(lane, None if replace else worker, worker)

    def shutdown(self) -> None:
        with self.available:
            self.closed = True
            idle = [worker for lane in self.free.values() for worker in lane]
            running = list(self.running)
            for lane in self.free.values():
                lane.clear()
            self.available.notify_all()
        for worker in idle:
            worker.stop()
        for worker in running:
            # Killed only: the job's thread sees its worker gone (WorkerDied) and stops it itself. Closing
            # the pipe here too raced with that thread's own close (EBADF raised in its place).
            worker.kill()
