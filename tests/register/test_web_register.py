"""The page "Sổ khen thưởng": decisions made on the web page are in the register; search a person, their
history, a year's summary as a table and a chart, the .xlsx export; the token off loopback; many
decisions sent at once lose or duplicate nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading

from openpyxl import load_workbook

from kit.register import open_store
from tests.web.conftest import csrf, make_client, text_of, upload
from tests.web.test_web import wait

from .workbooks import dossier


def send_decision(client, path):
    response = client.post("/quyet-dinh", data={"csrf": csrf(client), "register": "1"}, files=upload(path))
    assert response.status_code == 303, response.text
    record = wait(client, response.headers["location"].rsplit("/", 1)[1])
    assert record["state"] == "done", record.get("errors")
    return record


def test_the_register_page_searches_shows_a_history_a_summary_a_chart_and_exports(db, tmp_path):
    with make_client(tmp_path / "web") as client:
        empty = client.get("/so-khen-thuong")
        assert "Sổ khen thưởng chưa có quyết định nào" in text_of(empty.text)
        send_decision(client, dossier(tmp_path, "hs-2025.xlsx"))
        send_decision(client, dossier(tmp_path, "hs-2026.xlsx", so_quyet_dinh=9, ngay_quyet_dinh=dt.date(2026, 2, 3)))
        page = client.get("/so-khen-thuong", params={"q": "hoàng minh"})
        assert page.status_code == 200
        found = re.findall(r'<a href="(/so-khen-thuong/nguoi/\d+)">([^<]+)</a>', page.text)
        assert [name for _, name in found] == ["Hoàng Minh Châu"]
        history = text_of(client.get(found[0][0]).text)
        assert "Hoàng Minh Châu" in history and "2 lượt khen thưởng" in history
        assert "1520/QĐ-UBND" in history and "9/QĐ-UBND" in history
        # the newest year's summary by award, then by unit for 2025
        assert "Tổng hợp năm 2026" in text_of(page.text)
        by_unit = client.get("/so-khen-thuong", params={"nam": 2025, "theo": "unit"}).text
        assert re.search(r"<td>Sở Nội vụ tỉnh Lạng Sơn</td><td>4</td><td>1</td><td>5</td>", by_unit)
        # the chart: one bar a year, its segments adding up to the year's awards
        bars = re.findall(r'<g class="nam" data-year="(\d+)" data-total="(\d+)">', page.text)
        assert bars == [("2025", "5"), ("2026", "5")]
        assert "<title>2025 — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 5</title>" in page.text
        # the API and the export
        people = client.get("/api/v1/register/people", params={"q": "Lê Thị"}).json()
        assert [(p["name"], p["birth"], p["awards"]) for p in people] == [("Lê Thị Bình", "03/09/1985", 2)]
        summary = client.get("/api/v1/register/summary", params={"year": 2025, "by": "award"}).json()
        assert {"label": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "individuals": 4, "collectives": 1} in summary
        exported = client.get("/so-khen-thuong/so-khen-thuong.xlsx", params={"nam": 2025})
        assert exported.status_code == 200 and "so-khen-thuong-2025.xlsx" in exported.headers["content-disposition"]
        sheet = load_workbook(io.BytesIO(exported.content))["Sổ khen thưởng"]
        names = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == ["Nguyễn Văn An", "Lê Thị Bình", "Hoàng Minh Châu", "Vi Thị Dung", "Phòng Tổ chức, biên chế"]


def test_the_register_needs_the_token_off_loopback(db, tmp_path):
    with open_store(db) as store:
        assert store.counts() == (0, 0, 0)
    with make_client(tmp_path / "web", host="0.0.0.0", token="bi-mat-dai-kho-doan") as client:
        for path in ("/so-khen-thuong", "/api/v1/register/people?q=a", "/api/v1/register/export"):
            assert client.get(path).status_code == 401
        allowed = {"authorization": "Bearer bi-mat-dai-kho-doan"}
        assert client.get("/so-khen-thuong", headers=allowed).status_code == 200
        assert client.get("/api/v1/register/people?q=a", headers=allowed).json() == []


def test_decisions_sent_at_once_through_the_web_page_lose_or_duplicate_nothing(db, tmp_path):
    count = 6
    books = [dossier(tmp_path, f"hs-{n}.xlsx", so_quyet_dinh=100 + n) for n in range(count)]
    with make_client(tmp_path / "web", workers=2) as client:
        csrf(client)
        errors: list = []

        def send(path) -> None:
            try:
                send_decision(client, path)
            except Exception as error:  # reported below, with the others
                errors.append(error)

        threads = [threading.Thread(target=send, args=(path,)) for path in books]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert errors == []
    with open_store(db) as store:
        rows = store.all_awards()
        assert store.counts() == (count, 5, count * 5)
    assert sorted(row.register_number for row in rows) == list(range(1, count * 5 + 1))


def test_the_dossier_page_checks_a_proposal_against_the_register(db, tmp_path):
    from .test_history import proposal
    from .workbooks import so_dossier

    again = dossier(tmp_path, "moi.xlsx", data=proposal({"Hoàng Minh Châu": {}}))
    with make_client(tmp_path / "web") as client:
        send_decision(client, so_dossier(tmp_path))  # Chiến sĩ thi đua cơ sở 2025 for Hoàng Minh Châu, recorded

        def dossier_warnings(compare: bool) -> list[dict]:
            form = {"csrf": csrf(client), **({"register": "1"} if compare else {})}
            response = client.post("/ho-so", data=form, files=upload(again))
            assert response.status_code == 303, response.text
            record = wait(client, response.headers["location"].rsplit("/", 1)[1])
            assert record["state"] == "done", record.get("errors")
            return [w for w in record["warnings"] if w["code"] == "KIT495"]

        (warned,) = dossier_warnings(compare=True)
        assert (warned["sheet"], warned["cell"]) == ("Danh sách", "I2")
        assert "“Hoàng Minh Châu” đã được Chiến sĩ thi đua cơ sở năm 2025" in warned["message"]
        assert "245/QĐ-SNV" in warned["message"] and "nguồn: Luật Thi đua, khen thưởng" in warned["message"]
        assert dossier_warnings(compare=False) == []  # the clerk unticked the comparison


def test_namesakes_born_the_same_day_are_found_apart_by_their_identifier(db, tmp_path):
    from kit.register import AwardRecord, DecisionRecord

    with open_store(db) as store:
        store.record(
            DecisionRecord("12/QĐ-SNV", "Sở Nội vụ", dt.date(2024, 12, 20), 2024),
            [
                AwardRecord("Trần Văn Nam", "Lao động tiên tiến", birth="1985-05-05", identifier="001085000111"),
                AwardRecord("Trần Văn Nam", "Lao động tiên tiến", birth="1985-05-05", identifier="001085000222"),
            ],
        )
    with make_client(tmp_path / "web") as client:
        page = client.get("/so-khen-thuong", params={"q": "trần văn nam"}).text
        rows = re.findall(r"<tr><td><a [^>]+>Trần Văn Nam</a></td><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>", page)
        assert rows == [("05/05/1985", "001085000111"), ("05/05/1985", "001085000222")]
        people = client.get("/api/v1/register/people", params={"q": "Trần"}).json()
        assert [(p["birth"], p["identifier"]) for p in people] == rows
