"""Benchmark of the award register (kit/register): with 100,000 award rows, one person's history (goal
< 20 ms) and a year's summary (goal < 200 ms); importing a unit's register workbook of 10,000 rows (goal
< 5 s); 20 decisions recorded at once by 20 processes — no row lost or duplicated, register numbers
1…N each once; 20 decisions sent at once through the web page (`python -m kit serve --db`, real HTTP):
no row lost or duplicated. Builds its own data. Run: `.venv/bin/python bench/register.py [--postgresql
URL]` (default: a SQLite file in a temporary folder; a PostgreSQL URL must name an empty database)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.app import register as app_register  # noqa: E402
from kit.register import AwardRecord, DecisionRecord, open_store  # noqa: E402

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Vi")
MIDDLE = ("Văn", "Thị", "Minh", "Hữu", "Thanh", "Ngọc", "Đức", "Thu", "Quang", "Kim")
GIVEN = ("An", "Bình", "Châu", "Dung", "Hương", "Lan", "Nam", "Sơn", "Tâm", "Hà", "Long", "Mai", "Phúc", "Yến")
AWARDS = (
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Giấy khen",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Chiến sĩ thi đua cấp tỉnh",
)
UNITS = tuple(f"Phòng {n}" for n in range(1, 41))
ISSUERS = ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Ủy ban nhân dân tỉnh Lạng Sơn")


def people(count: int, rng: random.Random) -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    while len(found) < count:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        born = dt.date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)).isoformat()
        found.add((name, born))
    return sorted(found)


def fill(store, rows: int, rng: random.Random) -> list[tuple[str, str]]:
    """`rows` awards: decisions of 20 awardees each, over ten years, for a pool of people."""
    pool = people(rows // 4, rng)
    items = []
    per_decision = 20
    for number in range(rows // per_decision):
        year = 2016 + number % 10
        chosen = rng.sample(pool, per_decision)
        awards = [AwardRecord(name, rng.choice(AWARDS), birth=born, unit=rng.choice(UNITS)) for name, born in chosen]
        items.append((DecisionRecord(f"{number + 1}/QĐ-B", rng.choice(ISSUERS), dt.date(year, 12, 20), year), awards))
    for start in range(0, len(items), 500):  # a few large transactions: a bulk load, not one clerk's decisions
        store.record_many(items[start : start + 500])
    return pool


def timed(action, repeat: int) -> float:
    """Median milliseconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def unit_workbook(path: Path, rows: int, rng: random.Random) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ của phòng")
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu/Hình thức", "Số quyết định",
               "Ngày quyết định", "Cơ quan ban hành"])  # fmt: skip
    pool = people(rows, rng)
    for line, (name, born) in enumerate(pool, start=1):
        year = 2010 + line % 5
        day = dt.date(year, 12, 15)
        ws.append([line, name, dt.date.fromisoformat(born), rng.choice(UNITS), year, rng.choice(AWARDS),
                   f"{line // 50 + 1}/QĐ-PHONG", day, "Phòng Nội vụ cũ"])  # fmt: skip
    wb.save(path)


def _record_one(args: tuple[str, int, multiprocessing.synchronize.Barrier]) -> int:
    url, worker, barrier = args
    with open_store(url) as store:
        awards = [AwardRecord(f"Người đồng thời {worker}-{k}", "Giấy khen", birth="1990") for k in range(25)]
        decision = DecisionRecord(f"{worker}/QĐ-CUNGLUC", "UBND X", dt.date(2026, 1, 5), 2026)
        barrier.wait(timeout=120)
        return store.record(decision, awards).added


def concurrent(url: str, count: int = 20) -> tuple[int, float]:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(count)
        started = time.perf_counter()
        with context.Pool(count) as pool:
            added = pool.map(_record_one, [(url, worker, barrier) for worker in range(count)])
        seconds = time.perf_counter() - started
    return sum(added), seconds


def _post_workbook(base: str, cookie: str, token: str, name: str, data: bytes) -> urllib.request.Request:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="register"\r\n\r\n1\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode(),
        data,
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    return urllib.request.Request(
        base + "quyet-dinh",
        data=b"".join(parts),
        headers={"content-type": f"multipart/form-data; boundary={boundary}", "cookie": cookie, "origin": base[:-1]},
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _send_decision(base: str, name: str, data: bytes, busy: list[int]) -> dict:
    """One clerk: opens the page (its form token), sends the workbook, retries while the server says it is
    busy (503, as the page tells the clerk), then waits for the job like the page does."""
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(base + "quyet-dinh", timeout=60) as page:
        cookie = "; ".join(header.split(";")[0] for header in page.headers.get_all("set-cookie") or [])
    token = re.search(r"kit_csrf=([^;]+)", cookie).group(1)  # type: ignore[union-attr]
    for _ in range(600):
        try:
            opener.open(_post_workbook(base, cookie, token, name, data), timeout=120)
            raise AssertionError("no redirect to the result")
        except urllib.error.HTTPError as answer:
            if answer.code == 503:
                busy.append(1)
                time.sleep(0.5)
                continue
            assert answer.code == 303, answer.read()[:300]
            job = answer.headers["location"].rsplit("/", 1)[1]
            break
    for _ in range(3000):
        with opener.open(f"{base}api/v1/jobs/{job}", timeout=60) as answer:
            record = json.load(answer)
        if record["state"] in ("done", "failed"):
            return record
        time.sleep(0.2)
    raise AssertionError(f"job {job} never ended")


def web_concurrent(url: str, work: Path, count: int = 20) -> tuple[int, float, int, int]:
    """`count` decisions (the bundled sample's, numbered apart) sent at once to `kit serve --db url`:
    (jobs done, seconds, answers 'busy' retried, jobs failed)."""
    from kit.app import load_sample, workbook_bytes

    sample = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
    books = []
    for n in range(count):
        sample["quyet_dinh"]["so_quyet_dinh"] = 5000 + n
        books.append((f"hs-{n}.xlsx", workbook_bytes("ho-so-khen-thuong", sample)))
    results = work / "ket-qua"
    command = [sys.executable, "-m", "kit", "serve", "--port", "0", "--no-browser", "--results-dir", str(results)]
    server = subprocess.Popen([*command, "--db", url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"kit serve did not start: {line!r}"
        base, busy, records = found.group(0), [], []
        barrier = threading.Barrier(count)

        def clerk(name: str, data: bytes) -> None:
            barrier.wait(timeout=60)
            records.append(_send_decision(base, name, data, busy))

        threads = [threading.Thread(target=clerk, args=book) for book in books]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
    done = sum(record["state"] == "done" for record in records)
    return done, seconds, len(busy), len(records) - done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgresql", help="an empty PostgreSQL database: postgresql+psycopg://…")
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kit-bench-register-"))
    rng = random.Random(23)
    try:
        url = options.postgresql or f"sqlite:///{work / 'so.sqlite'}"
        print(f"{platform.platform()}, Python {platform.python_version()}, {url.split(':')[0]}")
        with open_store(url) as store:
            started = time.perf_counter()
            pool = fill(store, options.rows, rng)
            print(f"bulk load of {options.rows} award rows: {time.perf_counter() - started:.1f} s")
            someone = pool[len(pool) // 2]
            history = store.history(*someone)
            ms = timed(lambda: store.history(*someone), 50)
            print(f"a person's history ({len(history)} awards): {ms:.1f} ms (goal < 20 ms)")
            for by in ("unit", "award"):
                ms = timed(lambda by=by: store.summary(2020, by), 10)
                print(f"a year's summary by {by}: {ms:.1f} ms (goal < 200 ms)")
            book = work / "so-cua-phong.xlsx"
            unit_workbook(book, 10_000, rng)
            started, cpu = time.perf_counter(), time.process_time()
            result = app_register.import_file(store, book)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(
                f"import of a 10,000-row register workbook: {seconds:.2f} s ({cpu:.2f} s of this process's CPU; "
                f"goal < 5 s), {result.awards} rows"
            )
            before = store.counts()
        added, seconds = concurrent(url)
        with open_store(url) as store:
            after = store.counts()
            numbers = [row.register_number for row in store.all_awards(2026)]
            everything = store.counts()[2]
        duplicates = len(numbers) - len(set(numbers))
        print(
            f"20 decisions at once (20 processes): {seconds:.1f} s, {added} rows recorded, "
            f"{after[2] - before[2]} in the store, {duplicates} register numbers given twice, "
            f"numbers 1…{everything} each once: {everything == after[2]}"
        )
        assert added == after[2] - before[2] == 500 and duplicates == 0
        done, seconds, busy, failed = web_concurrent(url, work)
        with open_store(url) as store:
            web = [row for row in store.all_awards(2025) if re.fullmatch(r"50\d\d/QĐ-UBND", row.number)]
            numbers = [row.register_number for row in store.all_awards()]
        duplicates = len(numbers) - len(set(numbers))
        print(
            f"20 decisions at once through the web page (kit serve --db): {seconds:.1f} s, {done} done, "
            f"{failed} failed, {busy} 'busy' answers retried; {len(web)} rows of theirs in the store (expected 100), "
            f"{duplicates} register numbers given twice"
        )
        assert done == 20 and len(web) == 100 and duplicates == 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
