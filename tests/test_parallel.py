"""The worker pool where fork is missing (Windows) or unsafe (macOS): the work runs in this process."""

import multiprocessing
import sys

import docx
import pytest

import kit.parallel
from kit.parallel import POOL_THRESHOLD, can_fork, ordered_map
from tests.web.dossiers import dossier_workbook, names


def _square(number: int) -> int:
    return number * number


@pytest.fixture(params=["win32", "darwin"])
def no_fork(request, monkeypatch):
    """This machine made to look like Windows (no fork start method) or macOS (fork unsafe)."""
    if request.param == "win32":
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    else:
        monkeypatch.setattr(sys, "platform", "darwin")

    def no_pool(*args, **kwargs):
        raise AssertionError("a forked pool was started")

    monkeypatch.setattr(kit.parallel, "ProcessPoolExecutor", no_pool)
    return request.param


def test_without_fork_the_work_runs_serially_in_order(no_fork):
    assert not can_fork()
    items = list(range(POOL_THRESHOLD * 3))
    assert list(ordered_map(_square, items, processes=4)) == [n * n for n in items]


def test_a_large_dossier_without_fork(no_fork, tmp_path):
    from kit import app as api

    count = POOL_THRESHOLD + 5
    result = api.dossier(dossier_workbook(tmp_path / "ho-so.xlsx", count), tmp_path / "out")
    reports = sorted((result.folder / "bao-cao-thanh-tich").glob("*.docx"))
    assert len(reports) == count
    for report, name in zip(reports, names(count)):
        text = "\n".join(p.text for p in docx.Document(report).paragraphs)
        assert name.upper() in text.upper()
