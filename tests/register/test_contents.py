"""What the register holds (issue 23 §1), read back from the database's own tables after the commands a
clerk runs: a dossier's proposals, then its decision; and where the store is when no --db names it."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from sqlalchemy import create_engine, select

from kit.cli import main
from kit.register import open_store
from kit.register.schema import awardees, awards, decisions, proposals

from .workbooks import dossier


def _rows(url: str, table) -> list[dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(select(table).order_by(table.c.id))]
    finally:
        engine.dispose()


def test_a_decision_made_by_kit_decision_is_held_with_all_it_says(db, tmp_path, capsys):
    open_store(db).close()  # the unit keeps a register: kit dossier records its proposals there
    workbook = dossier(tmp_path)
    assert main(["dossier", str(workbook), "-o", str(tmp_path / "hs"), "--db", db]) in (0, 1)
    proposed = _rows(db, proposals)
    assert len(proposed) == 5 and {row["status"] for row in proposed} == {"de_nghi"}
    assert {row["dossier"] for row in proposed} == {"hs.xlsx"}

    assert main(["decision", str(workbook), "-o", str(tmp_path / "qd"), "--db", db]) == 0
    capsys.readouterr()

    (decision,) = _rows(db, decisions)
    assert (decision["number"], decision["signed_on"], decision["year"]) == ("1520/QĐ-UBND", dt.date(2025, 9, 26), 2025)
    assert decision["issuer"] == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert decision["authority"] == "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"
    assert decision["kind"] and decision["campaign"]  # the sample's kind of award and its campaign
    written = [path for path in (tmp_path / "qd").rglob("*.docx") if "danh-sach" not in path.name]
    assert decision["file_sha256"] == hashlib.sha256(written[0].read_bytes()).hexdigest()

    people = {row["name"]: row for row in _rows(db, awardees)}
    assert people["Lê Thị Bình"]["kind"] == "ca_nhan"
    assert (people["Lê Thị Bình"]["birth"], people["Lê Thị Bình"]["gender"]) == ("1985-09-03", "nu")
    assert people["Phòng Tổ chức, biên chế"]["kind"] == "tap_the"
    assert people["Phòng Tổ chức, biên chế"]["parent_unit"] == "Sở Nội vụ tỉnh Lạng Sơn"

    given = _rows(db, awards)
    assert len(given) == 5 and sorted(row["register_number"] for row in given) == [1, 2, 3, 4, 5]
    by_person = {row["awardee_id"]: row for row in given}
    binh = by_person[people["Lê Thị Bình"]["id"]]
    assert binh["award"] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" and binh["category"] == "hinh_thuc"
    assert binh["unit"] == "Sở Nội vụ tỉnh Lạng Sơn" and binh["position"].startswith("Phó Trưởng phòng")
    # the money as the decision's Điều 2 says it: multiple × mức lương cơ sở on the decision's date
    # (NĐ 152/2025 Điều 54: Bằng khen 1,5 for a person, 3,0 for a collective)
    assert Decimal(binh["coefficient"]) == Decimal("1.5") and binh["amount"] == 3_510_000
    assert binh["money_text"] == "3.510.000 đồng (1,5 lần mức lương cơ sở)"
    team = by_person[people["Phòng Tổ chức, biên chế"]["id"]]
    assert Decimal(team["coefficient"]) == Decimal("3.0") and team["amount"] == 7_020_000

    # what became of each proposal: awarded, pointing at its award
    closed = _rows(db, proposals)
    assert {row["status"] for row in closed} == {"da_khen"}
    assert {row["award_id"] for row in closed} == {row["id"] for row in given}


def test_without_db_the_store_is_in_the_users_data_folder_or_where_told(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KIT_DATABASE_URL")
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "data"))
    workbook = dossier(tmp_path)
    assert main(["decision", str(workbook), "-o", str(tmp_path / "qd")]) == 0
    kept = tmp_path / "data" / "so-khen-thuong.sqlite"
    assert kept.is_file()
    assert str(kept) in capsys.readouterr().out  # the clerk is told where the register is
    assert main(["register", "person", "Lê Thị Bình"]) == 0
    assert "1520/QĐ-UBND" in capsys.readouterr().out

    # --db with a folder: the register beside the workbooks
    beside = tmp_path / "ho-so"
    beside.mkdir()
    other = dossier(tmp_path, "hs-2.xlsx", so_quyet_dinh=1600)
    assert main(["decision", str(other), "-o", str(tmp_path / "qd2"), "--db", str(beside)]) == 0
    assert (beside / "so-khen-thuong.sqlite").is_file()
    with open_store(str(beside)) as store:
        assert store.counts()[0] == 1  # only this decision: the user's register is another store
