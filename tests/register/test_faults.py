"""Real faults on real databases: processes recording at once lose and duplicate nothing; an import or a
decision killed midway leaves the store as it was; a writer that has to wait too long fails clearly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.errors import InputError
from kit.register import AwardRecord, DecisionRecord, open_store
from kit.register import store as store_module

ROOT = Path(__file__).resolve().parents[2]

RECORDER = """
import datetime as dt, sys
from kit.register import AwardRecord, DecisionRecord, open_store
url, worker, decisions, people = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with open_store(url) as store:
    for n in range(decisions):
        awards = [AwardRecord(f"Người {worker}-{n}-{k}", "Giấy khen", birth="1990") for k in range(people)]
        store.record(DecisionRecord(f"{worker * 1000 + n}/QĐ-X", "UBND X", dt.date(2025, 5, 1), 2025), awards)
        # every worker also records decision 1/QĐ-X: it must be there once
        store.record(DecisionRecord("1/QĐ-X", "UBND X", dt.date(2025, 1, 1), 2025), [AwardRecord("Chung", "Giấy khen")])
"""

# Records decisions inside one transaction and stops in it (the marker says where), to be killed there.
STALLER = """
import datetime as dt, sys, time
from pathlib import Path
from kit.register import AwardRecord, DecisionRecord, open_store
from kit.register import store as store_module
url, marker = sys.argv[1], Path(sys.argv[2])
real = store_module.Store._record
count = 0
def stalled(self, *args):
    global count
    result = real(self, *args)
    count += 1
    if count == 3:
        marker.write_text("inside")
        time.sleep(600)
    return result
store_module.Store._record = stalled
items = [
    (DecisionRecord(f"{n}/QĐ-Y", "UBND Y", dt.date(2025, 6, 1), 2025),
     [AwardRecord(f"Người {n}-{k}", "Giấy khen") for k in range(20)])
    for n in range(10)
]
with open_store(url) as store:
    store.record_many(items)
"""


def _child(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, env={**os.environ})


def _wait_for(marker: Path, child: subprocess.Popen) -> None:
    for _ in range(1200):  # bounded: at most a minute
        if marker.exists() or child.poll() is not None:
            break
        time.sleep(0.05)
    assert marker.exists(), "the child never reached its transaction"


def test_processes_recording_at_once_lose_and_duplicate_nothing(db):
    open_store(db).close()  # created once, before the race
    workers, decisions, people = 4, 5, 10
    children = [_child(RECORDER, db, str(w), str(decisions), str(people)) for w in range(1, workers + 1)]
    for child in children:
        assert child.wait(timeout=300) == 0
    with open_store(db) as store:
        rows = store.all_awards()
        assert store.counts() == (workers * decisions + 1, workers * decisions * people + 1, len(rows))
    numbers = [row.register_number for row in rows]
    assert sorted(numbers) == list(range(1, len(rows) + 1))  # none lost, none given twice
    assert sum(row.name == "Chung" for row in rows) == 1


def test_an_import_killed_midway_leaves_the_store_as_it_was(db, tmp_path):
    with open_store(db) as store:
        store.record(DecisionRecord("1/QĐ-Z", "UBND Z", None, 2024), [AwardRecord("Trước", "Giấy khen")])
        before = (store.counts(), [row.register_number for row in store.all_awards()])
    marker = tmp_path / "inside"
    child = _child(STALLER, db, str(marker))
    try:
        _wait_for(marker, child)
    finally:
        child.kill()
        child.wait()
    with open_store(db) as store:
        assert (store.counts(), [row.register_number for row in store.all_awards()]) == before
        # the store is usable at once: the dead writer's lock is gone, numbers go on from the last one kept
        assert store.record(
            DecisionRecord("2/QĐ-Z", "UBND Z", None, 2024), [AwardRecord("Sau", "Giấy khen")]
        ).numbers == [2]


def test_a_decision_killed_midway_through_kit_decision_records_nothing(db, tmp_path):
    from tests.register.workbooks import dossier

    workbook = dossier(tmp_path)
    marker = tmp_path / "inside"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from kit.register import store as store_module\n"
        "real = store_module.Store._close_proposals\n"
        "def stalled(self, *args):\n"
        "    real(self, *args)\n"
        f"    Path({str(marker)!r}).write_text('inside')\n"
        "    time.sleep(600)\n"
        "store_module.Store._close_proposals = stalled\n"
        "from kit.cli import main\n"
        f"sys.exit(main(['decision', {str(workbook)!r}, '-o', {str(tmp_path / 'out')!r}]))\n"
    )
    child = _child(script)
    try:
        _wait_for(marker, child)
    finally:
        child.kill()
        child.wait()
    with open_store(db) as store:
        assert store.counts() == (0, 0, 0)
    from kit.cli import main

    assert main(["decision", str(workbook), "-o", str(tmp_path / "out"), "--force"]) == 0
    with open_store(db) as store:
        assert store.counts() == (1, 5, 5)


def test_a_second_writer_waits_for_the_first_or_fails_clearly(db, tmp_path, monkeypatch):
    open_store(db).close()
    marker = tmp_path / "inside"
    child = _child(STALLER, db, str(marker))
    try:
        _wait_for(marker, child)
        monkeypatch.setattr(store_module, "BUSY_SECONDS", 1)
        with open_store(db) as store:
            started = time.monotonic()
            with pytest.raises(InputError, match="đang bận: một lần ghi khác chưa xong sau 1 giây"):
                store.record(DecisionRecord("9/QĐ-W", "UBND W", None, 2025), [AwardRecord("Chờ", "Giấy khen")])
            assert time.monotonic() - started >= 0.9  # it waited before giving up
    finally:
        child.kill()
        child.wait()
    with open_store(db) as store:
        # once the other writer is gone, the same recording goes through
        assert store.record(
            DecisionRecord("9/QĐ-W", "UBND W", None, 2025), [AwardRecord("Chờ", "Giấy khen")]
        ).numbers == [1]
