"""kit.parallel.LimitedWorkers, the server's job runner underneath (issue 24 §1): a job over its time
or memory is stopped and its worker replaced; errors come back; workers outlive the thread that
started them."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from kit.parallel import JobLimitExceeded, LimitedWorkers


def pid() -> int:
    return os.getpid()


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def allocate(megabytes: int) -> int:
    block = bytearray(megabytes * 2**20)
    return len(block)


def fail() -> None:
    raise ValueError("sai")


@pytest.fixture(scope="module")
def workers():
    pool = LimitedWorkers({"short": 1, "long": 1}, seconds=3, memory=512 * 2**20)
    pool.wait_ready()
    yield pool
    pool.shutdown()


def test_a_job_over_its_time_is_stopped_and_its_worker_replaced(workers):
    before = workers.run(pid, lanes=("long",))
    with pytest.raises(JobLimitExceeded) as exceeded:
        workers.run(sleep, 60, lanes=("long",))
    assert exceeded.value.reason == "time"
    after = workers.run(pid, lanes=("long",))
    assert after != before
    if os.name == "posix":
        with pytest.raises(ProcessLookupError):
            os.kill(before, 0)  # the old worker is gone, not left running


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS is POSIX")
def test_a_job_over_its_memory_is_stopped_and_its_worker_replaced(workers):
    before = workers.run(pid, lanes=("short",))
    with pytest.raises(JobLimitExceeded) as exceeded:
        workers.run(allocate, 2048, lanes=("short",))
    assert exceeded.value.reason == "memory"
    assert workers.run(allocate, 64, lanes=("short",)) == 64 * 2**20
    assert workers.run(pid, lanes=("short",)) != before


def test_an_error_of_the_job_comes_back_and_the_worker_stays(workers):
    before = workers.run(pid, lanes=("short",))
    with pytest.raises(ValueError, match="sai"):
        workers.run(fail, lanes=("short",))
    assert workers.run(pid, lanes=("short",)) == before


def test_workers_outlive_the_thread_that_started_them():
    """A server starts its workers from a pool thread that may end (an idle thread is retired): the
    workers must not end with it (Linux's PR_SET_PDEATHSIG follows the thread)."""
    made: list[LimitedWorkers] = []
    thread = threading.Thread(target=lambda: made.append(LimitedWorkers({"long": 1}, seconds=30, memory=None)))
    thread.start()
    thread.join()
    pool = made[0]
    try:
        pool.wait_ready()
        time.sleep(1.5)
        assert workers_alive(pool)
        assert pool.run(sleep, 0, lanes=("long",)) == "done"
    finally:
        pool.shutdown()


def workers_alive(pool: LimitedWorkers) -> bool:
    return all(worker.process.is_alive() for lane in pool.free.values() for worker in lane)


def test_shutdown_stops_a_worker_in_the_middle_of_a_job():
    pool = LimitedWorkers({"long": 1}, seconds=60, memory=None)
    pool.wait_ready()
    outcome: list[object] = []

    def run():
        try:
            outcome.append(pool.run(sleep, 30, lanes=("long",)))
        except Exception as error:  # noqa: BLE001 - what the caller sees
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(1.0)
    (worker,) = pool.running
    pool.shutdown()
    thread.join(20)
    assert not thread.is_alive() and not worker.process.is_alive()
    assert type(outcome[0]).__name__ == "WorkerDied"


def convert_workbook(path: str) -> str:
    """A job converting a workbook with LibreOffice as kit fill does (no bound of its own on memory)."""
    from pathlib import Path

    from kit.office import TooCostly, convert

    try:
        convert([Path(path)], "xlsx", timeout=60)
    except TooCostly as error:
        return error.lines()[0]
    return "converted"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LibreOffice's memory is read in /proc")
def test_libreoffice_started_by_a_job_is_held_to_the_jobs_memory_limit(tmp_path):
    """soffice cannot run under the job's address-space limit (it reserves gigabytes it never uses), so
    it lifts it; the job's limit then bounds its resident memory instead."""
    from kit.office import find_soffice
    from tests.test_hardening_cost import ods_of

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice is needed")
    book = tmp_path / "bang.ods"
    book.write_bytes(ods_of(300_000, 10))  # LibreOffice: 300 MB after 4 s, 370 MB at the end
    pool = LimitedWorkers({"long": 1}, seconds=60, memory=256 * 2**20)  # the worker itself: about 160 MB
    try:
        pool.wait_ready()
        line = pool.run(convert_workbook, str(book), lanes=("long",))
        assert line.startswith("bang.ods: tệp quá lớn hoặc quá phức tạp (LibreOffice cần quá 256 MB bộ nhớ) — ")
        assert pool.run(pid, lanes=("long",))  # the worker still serves
    finally:
        pool.shutdown()


def test_waiting_jobs_get_a_worker_cheapest_first(workers):
    """Two costly jobs wait for the one worker of their lane, then a cheap one comes: it is served
    next, before them (a plain fill is not kept waiting behind uploads made just cheap enough)."""
    finished: list[str] = []

    def job(name: str, cost: int, seconds: float = 0.2) -> None:
        workers.run(sleep, seconds, lanes=("long",), cost=cost)
        finished.append(name)

    busy = threading.Thread(target=job, args=("running", 0, 2.0))
    busy.start()
    time.sleep(0.5)  # the worker is taken
    costly = [threading.Thread(target=job, args=(f"costly-{n}", 90_000)) for n in range(2)]
    for thread in costly:
        thread.start()
        time.sleep(0.05)
    cheap = threading.Thread(target=job, args=("cheap", 3_000))
    cheap.start()
    for thread in (busy, *costly, cheap):
        thread.join(30)
    assert finished[:2] == ["running", "cheap"], finished


def test_a_costly_job_waiting_long_goes_before_newer_cheap_ones():
    from kit.parallel import STARVING_SECONDS, _Waiter

    costly = _Waiter(cost=90_000, arrival=1, since=0.0, lanes=("long",))
    cheap = _Waiter(cost=3_000, arrival=2, since=1.0, lanes=("long",))
    assert cheap.before(costly, now=5.0)
    assert costly.before(cheap, now=STARVING_SECONDS + 0.5)


def allocate_slowly(megabytes: int) -> int:
    """Memory taken 8 MB at a time (each page written), as a job building a large document does."""
    blocks = []
    for _ in range(megabytes // 8):
        blocks.append(bytearray(8 * 2**20))
        time.sleep(0.01)
    return sum(len(block) for block in blocks)


def child_allocates(megabytes: int, pid_file: str) -> str:
    """A job whose memory is in a process it started, in a session of its own (as LibreOffice is):
    the child takes `megabytes` slowly, then waits."""
    import subprocess

    code = (
        "import os, sys, time\n"
        f"open({pid_file!r}, 'w').write(str(os.getpid()))\n"
        f"blocks = [(bytearray(8 << 20), time.sleep(0.01)) for _ in range({megabytes} // 8)]\n"
        "time.sleep(120)\n"
    )
    subprocess.run([sys.executable, "-c", code], start_new_session=True, check=False)
    return "the child ended"


def gone(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE  # killed, not yet reaped by init
    except psutil.NoSuchProcess:
        return True


@pytest.fixture(scope="module")
def watched():
    """Workers held to 300 MB by the watchdog alone (no RLIMIT_AS), as on Windows."""
    pool = LimitedWorkers({"long": 1}, seconds=60, memory=300 * 2**20, address_limit=False)
    pool.wait_ready()
    yield pool
    pool.shutdown()


def test_the_watchdog_alone_stops_a_job_past_its_memory_and_replaces_its_worker(watched):
    """No address-space limit: a job taking 1.5 GB is stopped by the parent's watchdog at 300 MB, with
    the reason the user is told ("cần quá … MB bộ nhớ"); its worker is gone, a new one serves."""
    before = watched.run(pid)
    with pytest.raises(JobLimitExceeded) as exceeded:
        watched.run(allocate_slowly, 1536)
    assert exceeded.value.reason == "memory"
    assert gone(before)
    assert watched.run(allocate_slowly, 64) == 64 * 2**20  # a fresh worker, under its limit
    assert watched.run(pid) != before


def test_the_watchdog_counts_and_kills_the_processes_a_job_started(watched, tmp_path):
    """The memory is in a child process of the job (its own session, as LibreOffice's): the watchdog
    measures the whole tree, stops the job, and the child is killed with the worker."""
    pid_file = tmp_path / "pid"
    before = watched.run(pid)
    with pytest.raises(JobLimitExceeded) as exceeded:
        watched.run(child_allocates, 1536, str(pid_file))
    assert exceeded.value.reason == "memory"
    child = int(pid_file.read_text())
    assert gone(before) and gone(child)


def test_a_job_past_its_time_has_the_processes_it_started_killed(tmp_path):
    pool = LimitedWorkers({"long": 1}, seconds=3, memory=None)
    try:
        pool.wait_ready()
        pid_file = tmp_path / "pid"
        with pytest.raises(JobLimitExceeded) as exceeded:
            pool.run(child_allocates, 16, str(pid_file))  # the child waits two minutes
        assert exceeded.value.reason == "time"
        assert gone(int(pid_file.read_text()))
    finally:
        pool.shutdown()
