"""Work spread over every core: a forked process pool for a batch, this process for a few items."""

from __future__ import annotations

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
    function: Callable[[Item], Outcome], items: Sequence[Item], processes: int | None = None
) -> Iterator[Outcome]:
    """`function` of each item, in the order of `items`; an exception raised for an item is raised
    here when its turn comes. Forked workers inherit what this process has prepared (compiled
    templates, loaded rules), so `function` may be a module-level function using module state."""
    processes = processes or workers()
    if len(items) < POOL_THRESHOLD or processes < 2 or not can_fork():
        yield from map(function, items)
        return
    global _task
    # The workers are forked after this is set: they inherit the function and the items, and only
    # the bounds of each share travel to them (contexts are not pickled again), results come back.
    # A fork pool starts all its workers at the first submit, inside pool.map, so the task can be
    # cleared (and the lock released) before the results are collected.
    size = max(1, min(64, len(items) // (processes * 4)))
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


def die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it ends (a killed `kit` run must not leave
    workers behind): on Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG); everywhere a
    daemon thread also watches the parent and ends the worker once it is gone."""
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
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
