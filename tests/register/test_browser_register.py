"""The page "Sổ khen thưởng" in real Chromium, with the keyboard alone, against `python -m kit serve`
reading a register this test fills: namesakes found apart, one person's history, the chart, the export.
(Skipped without Chromium or Playwright on a developer machine; in CI a missing one fails.)"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from kit.register import AwardRecord, DecisionRecord, open_store
from tests.web.conftest import ROOT
from tests.web.serving import kit_serve
from tests.web.test_browser import browser, download, page, shoot, tab_to  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('so') / 'so-khen-thuong.sqlite'}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, store_url):
    """`python -m kit serve --db <the test's register>` on a free port of 127.0.0.1."""
    results = tmp_path_factory.mktemp("ket-qua")
    with kit_serve(["--results-dir", str(results), "--workers", "1", "--db", store_url], cwd=ROOT) as served:
        yield served.url


def test_a_clerk_finds_a_namesake_reads_her_history_sees_the_chart_and_exports(page, tmp_path, store_url):  # noqa: F811
    with open_store(store_url) as store:
        store.record(
            DecisionRecord("12/QĐ-SNV", "Sở Nội vụ", dt.date(2024, 12, 20), 2024),
            [
                AwardRecord("Nguyễn Thị Hương", "Chiến sĩ thi đua cơ sở", birth="1980-03-02", unit="Phòng Tổ chức"),
                AwardRecord("Nguyễn Thị Hương", "Lao động tiên tiến", birth="1992-07-15", unit="Văn phòng Sở"),
            ],
        )
        store.record(
            DecisionRecord("15/QĐ-SNV", "Sở Nội vụ", dt.date(2025, 12, 18), 2025),
            [AwardRecord("Nguyễn Thị Hương", "Chiến sĩ thi đua cơ sở", birth="1980-03-02", unit="Phòng Tổ chức")],
        )
    page.goto("/so-khen-thuong")
    tab_to(page, "#q")
    page.keyboard.type("nguyễn thị hương")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ket-qua-tim")
    rows = page.locator("#ket-qua-tim tbody tr").all_inner_texts()
    assert [row.split("\t")[2] for row in rows] == ["02/03/1980", "15/07/1992"]  # two people, told apart
    shoot(page, "so-khen-thuong-tim")
    tab_to(page, "Nguyễn Thị Hương")  # the first: born 1980
    page.keyboard.press("Enter")
    page.wait_for_selector("#qua-trinh")
    assert "sinh 02/03/1980 — 2 lượt khen thưởng" in page.inner_text("main")
    history = page.locator("#qua-trinh tbody tr").all_inner_texts()
    assert [row.split("\t")[:3] for row in history] == [
        ["2024", "Chiến sĩ thi đua cơ sở", "12/QĐ-SNV"],
        ["2025", "Chiến sĩ thi đua cơ sở", "15/QĐ-SNV"],
    ]
    page.go_back()
    page.wait_for_selector("#bieu-do")
    bars = page.locator("#bieu-do g.nam")
    assert [bars.nth(n).get_attribute("data-year") for n in range(bars.count())] == ["2024", "2025"]
    assert page.locator("#bieu-do g.nam rect").count() == 3  # 2024: two kinds; 2025: one
    assert "Tổng hợp năm 2025" in page.inner_text("main")
    shoot(page, "so-khen-thuong")
    saved = download(page, "Tải cả sổ (.xlsx)", tmp_path)
    sheet = load_workbook(saved)["Sổ khen thưởng"]
    assert [(row[0], row[6], row[7]) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (1, "Nguyễn Thị Hương", "02/03/1980"),
        (2, "Nguyễn Thị Hương", "15/07/1992"),
        (3, "Nguyễn Thị Hương", "02/03/1980"),
    ]
