"""`kit serve` measured through HTTP (issue 15), against a real server started here. Run from the checkout
with the web extra installed:

    .venv/bin/python bench/web.py            # everything (about a minute)
    .venv/bin/python bench/web.py --quick    # fewer requests, for a look while developing

Prints one table, with the goals: one plan (kế hoạch) filled through POST /api/v1/fill — median and
95th percentile latency; 20 clients at once — documents per second against the command line's batch
(`kit fill` of as many workbooks in one command), errors; a 1,000-candidate dossier through the web
path (POST /api/v1/dossier, then the job polled as the page does) against `kit dossier`.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import dossier_data  # noqa: E402
from kit.api import workbook_bytes  # noqa: E402
from kit.parallel import workers  # noqa: E402

PLAN = ROOT / "samples" / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"


def start_server(results: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "kit", "serve", "--port", "0", "--no-browser",
                                "--results-dir", str(results), "--max-jobs", "64"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        process.kill()
        raise SystemExit(f"kit serve did not start: {line!r}")
    return process, match.group(0)


def http_client(timeout: float):
    """An HTTP client that sends at once, as browsers do (TCP_NODELAY): without it each request waits
    ~40 ms for the server's delayed acknowledgement, which is the client's cost, not the server's."""
    import socket

    import httpx2

    transport = httpx2.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    return httpx2.Client(timeout=timeout, transport=transport)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def fill_once(client, base: str, data: bytes, check: bool = True) -> tuple[float, bool]:
    started = time.perf_counter()
    response = client.post(f"{base}api/v1/fill", files={"files": ("ke-hoach.xlsx", data)},
                           data={"check": "true" if check else "false"})
    ok = response.status_code == 200 and response.json()["state"] == "done"
    if ok:  # the user downloads the document
        record = response.json()
        ok = client.get(base + record["files"][record["documents"][0]["files"][0]]["url"].lstrip("/")).status_code == 200
    return time.perf_counter() - started, ok


def plan_latency(base: str, count: int) -> tuple[float, float, int]:
    data = PLAN.read_bytes()
    with http_client(60) as client:
        for _ in range(3):  # warm: the workers' first documents compile the template
            fill_once(client, base, data)
        timings = [fill_once(client, base, data) for _ in range(count)]
    failures = sum(1 for _, ok in timings if not ok)
    seconds = [t for t, _ in timings]
    return statistics.median(seconds), percentile(seconds, 0.95), failures


def many_clients(base: str, clients: int, each: int, check: bool) -> tuple[float, int]:
    """Documents per second with `clients` sending `each` plans at once, and the number of errors;
    with `check`, each document is also self-checked (as on the page), else only made (as kit fill)."""
    data = PLAN.read_bytes()
    errors = []
    barrier = threading.Barrier(clients + 1)

    def client_loop():
        with http_client(120) as client:
            barrier.wait()
            for _ in range(each):
                _, ok = fill_once(client, base, data, check)
                if not ok:
                    errors.append(1)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return clients * each / (time.perf_counter() - started), len(errors)


def cli_batch(work: Path, count: int) -> tuple[float, float]:
    """Documents per second of `kit fill` given `count` workbooks in one command (its start included),
    and of `kit fill` then `kit check` of the documents (the same work as the web's: each document
    made and self-checked)."""
    books = []
    for number in range(count):
        book = work / f"ke-hoach-{number:03d}.xlsx"
        book.write_bytes(PLAN.read_bytes())
        books.append(str(book))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kit", "fill", *books, "-o", str(work / "out"), "--force", "-q"],
                   cwd=ROOT, check=True, capture_output=True)
    filled = time.perf_counter() - started
    checked = subprocess.run([sys.executable, "-m", "kit", "check", str(work / "out")], cwd=ROOT, capture_output=True)
    if checked.returncode not in (0, 1):
        raise SystemExit(f"kit check failed: {checked.stderr}")
    return count / filled, count / (time.perf_counter() - started)


def web_dossier(base: str, book: Path) -> float:
    with http_client(120) as client:
        started = time.perf_counter()
        response = client.post(f"{base}api/v1/dossier", files={"file": (book.name, book.read_bytes())})
        job = response.json()
        while job["state"] not in ("done", "failed"):
            time.sleep(0.05)
            job = client.get(f"{base}api/v1/jobs/{job['id']}").json()
        # The user downloads the zip.
        archive = client.get(base + job["files"][job["archive"]]["url"].lstrip("/"))
        seconds = time.perf_counter() - started
    if job["state"] != "done" or archive.status_code != 200:
        raise SystemExit(f"the dossier failed: {job.get('errors')}")
    return seconds


def cli_dossier(book: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kit", "dossier", str(book), "-o", str(out), "--zip", "--force", "-q"],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests (not the goals' run)")
    quick = parser.parse_args().quick
    plans, clients, each = (20, 20, 2) if quick else (100, 20, 5)
    with tempfile.TemporaryDirectory(prefix="kit-bench-web-") as folder:
        work = Path(folder)
        process, base = start_server(work / "ket-qua")
        try:
            median, p95, plan_failures = plan_latency(base, plans)
            web_rate, errors = many_clients(base, clients, each, check=False)
            web_checked_rate, checked_errors = many_clients(base, clients, each, check=True)
            cli_rate, cli_checked_rate = cli_batch(work, clients * each)
            book = work / "ho-so-1000.xlsx"
            book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(1000)))
            web_seconds = web_dossier(base, book)
            cli_seconds = cli_dossier(book, work / "cli")
        finally:
            process.terminate()
            process.wait(30)
    print(f"kit serve through HTTP — {os.cpu_count()} CPUs, {workers()} usable, Python {sys.version.split()[0]}"
          + ("  (--quick: not the goals' run)" if quick else ""))
    rows = [
        ("one plan, POST /api/v1/fill (self-checked) + download", f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
         f" ({plans} requests, {plan_failures} errors)", "p95 < 300 ms", p95 < 0.3 and not plan_failures),
        (f"{clients} clients at once, {each} plans each (check=false)", f"{web_rate:.1f} documents/s, {errors} errors",
         "no error", not errors),
        (f"command line: kit fill of {clients * each} workbooks", f"{cli_rate:.1f} documents/s", "", None),
        ("web / kit fill throughput", f"{web_rate / cli_rate:.0%}", "≥ 80 %", web_rate / cli_rate >= 0.8),
        (f"{clients} clients at once, each document self-checked", f"{web_checked_rate:.1f} documents/s, "
         f"{checked_errors} errors", "no error", not checked_errors),
        ("command line: kit fill, then kit check of the documents", f"{cli_checked_rate:.1f} documents/s", "", None),
        ("web / (kit fill + kit check): the same work", f"{web_checked_rate / cli_checked_rate:.0%}", "≥ 80 %",
         web_checked_rate / cli_checked_rate >= 0.8),
        ("1,000-candidate dossier through the web (to the zip)", f"{web_seconds:.1f} s", "< 15 s", web_seconds < 15),
        ("command line: kit dossier --zip, same workbook", f"{cli_seconds:.1f} s", "", None),
        ("web / command line time", f"{web_seconds / cli_seconds:.2f}×", "", None),
    ]
    width = max(len(row[0]) for row in rows)
    measured = max(len(row[1]) for row in rows)
    for name, value, goal, met in rows:
        mark = "" if met is None else ("  met" if met else "  MISSED")
        print(f"{name:<{width}}  {value:<{measured}}  {goal}{mark}")


if __name__ == "__main__":
    main()
