"""Benchmark of the award register (kit/register): with 100,000 award rows, one person's history (goal
< 20 ms) and a year's summary (goal < 200 ms); importing a unit's register workbook of 10,000 rows (goal
< 5 s); 20 decisions recorded at once by 20 processes — no row lost or duplicated, register numbers
1…N each once. Builds its own data. Run: `.venv/bin/python bench/register.py [--postgresql URL]`
(default: a SQLite file in a temporary folder; a PostgreSQL URL must name an empty database)."""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
