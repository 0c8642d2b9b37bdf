"""The register store on SQLite and on a real PostgreSQL server: namesakes apart, a decision recorded once,
all of a decision or nothing, register numbers never reused, schema versions (older upgraded after a
backup, newer refused)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kit.app import register as app_register
from kit.cli import main
from kit.cli_hints import cli_hint
from kit.errors import InputError
from kit.register import AwardRecord, DecisionRecord, NewerStoreError, open_store
from kit.register import store as store_module


def decision(
    number: str = "1520/QĐ-UBND", day: dt.date = dt.date(2025, 9, 26), issuer: str = "Ủy ban nhân dân tỉnh Lạng Sơn"
):
    return DecisionRecord(number, issuer, day, day.year)


def person(name: str, award: str = "Chiến sĩ thi đua cơ sở", born: str = "", **more) -> AwardRecord:
    return AwardRecord(name=name, award=award, birth=born, **more)


def test_namesakes_are_two_people_with_two_numbers_and_two_histories(db):
    with open_store(db) as store:
        first = store.record(
            decision("10/QĐ-SNV", dt.date(2024, 12, 20)),
            [
                person("Nguyễn Thị Hương", born="1980-03-02"),
                person("Nguyễn Thị Hương", "Lao động tiên tiến", "1992-07-15"),
            ],
        )
        assert first.numbers == [1, 2] and first.added == 2
        older = store.history("nguyễn  thị HƯƠNG", "1980-03-02")
        younger = store.history("Nguyễn Thị Hương", "1992-07-15")
        assert [(row.award, row.register_number) for row in older] == [("Chiến sĩ thi đua cơ sở", 1)]
        assert [(row.award, row.register_number) for row in younger] == [("Lao động tiên tiến", 2)]
        assert len({row.awardee_id for row in store.history("Nguyễn Thị Hương")}) == 2
        # the birth year alone finds the person born that year
        assert [row.register_number for row in store.history("Nguyễn Thị Hương", "1992")] == [2]


def test_a_decision_is_recorded_once_and_its_numbers_are_given_back(db):
    with open_store(db) as store:
        awards = [person("Nguyễn Văn An"), person("Lê Thị Bình")]
        assert store.record(decision(), awards).numbers == [1, 2]
        again = store.record(decision(" 1520 / qđ-ubnd "), awards)  # typed differently: the same decision
        assert again.already and again.added == 0 and again.numbers == [1, 2]
        assert store.counts() == (1, 2, 2)
        # the same number of another issuer, or of the next year, is another decision
        assert not store.record(decision(issuer="Sở Nội vụ"), awards).already
        assert not store.record(decision(day=dt.date(2026, 1, 5)), [person("Vi Thị Dung")]).already
        assert store.counts() == (3, 3, 5)


def test_the_database_itself_refuses_a_second_recording(db):
    with open_store(db) as store:
        store.record(decision(), [person("Nguyễn Văn An")])
    engine = create_engine(db)
    try:
        with pytest.raises(Exception) as raised, engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO decisions (number, number_key, issuer, issuer_key, year, recorded_at) "
                    "SELECT number, number_key, issuer, issuer_key, year, recorded_at FROM decisions"
                )
            )
        assert "unique" in str(raised.value).lower()
    finally:
        engine.dispose()


def test_a_decision_that_fails_midway_leaves_nothing(db):
    with open_store(db) as store:
        store.record(decision("1/QĐ-X"), [person("Nguyễn Văn An", register_number=7)])
        before = store.counts()
        with pytest.raises(InputError, match="số vào sổ 7 đã được cấp"):
            store.record(
                decision("2/QĐ-X"),
                [person("Lê Thị Bình"), person("Hoàng Minh Châu"), person("Vi Thị Dung", register_number=7)],
            )
        assert store.counts() == before
        # nothing was half-allocated either: the next numbers follow 7
        assert store.record(decision("3/QĐ-X"), [person("Lê Thị Bình")]).numbers == [8]


def test_register_numbers_are_never_reused_after_a_correction(db):
    with open_store(db) as store:
        store.record(decision("5/QĐ-X"), [person("A"), person("B")])
        store.correct("5/QĐ-X", "Ủy ban nhân dân tỉnh Lạng Sơn", 2025, new_number="6/QĐ-X")
        assert store.record(decision("5/QĐ-X"), [person("C")]).numbers == [3]
        numbers = [row.register_number for row in store.all_awards()]
        assert sorted(numbers) == [1, 2, 3] and len(set(numbers)) == 3


def test_correcting_a_date_is_explicit_and_registers_no_one_twice(db, capsys):
    awards = [person("Nguyễn Văn An"), person("Lê Thị Bình")]
    with open_store(db) as store:
        store.record(decision(day=dt.date(2025, 12, 30)), awards)
        # the date was wrong: the same decision with its corrected date is refused, pointing to the correction
        corrected = decision(day=dt.date(2026, 1, 2))
        with pytest.raises(InputError, match="ghi việc sửa ngày của quyết định vào sổ") as raised:
            store.record(corrected, awards)
        assert "30/12/2025" in raised.value.message
        # the command line names the command that records the correction, with this decision's values
        assert cli_hint(raised.value.code, raised.value.hint, raised.value.values) == (
            'nếu ngày đã được sửa, chạy: kit register correct "1520/QĐ-UBND" --issuer "Ủy ban nhân dân tỉnh Lạng Sơn" '
            "--year 2025 --date 02/01/2026"
        )
        same_year = decision(day=dt.date(2025, 12, 31))
        with pytest.raises(InputError, match="với ngày 30/12/2025"):
            store.record(same_year, awards)
        assert store.counts() == (1, 2, 2)
    assert (
        main(
            [
                "register",
                "correct",
                "1520/QĐ-UBND",
                "--issuer",
                "Ủy ban nhân dân tỉnh Lạng Sơn",
                "--year",
                "2025",
                "--date",
                "02/01/2026",
            ]
        )
        == 0
    )
    assert "Đã sửa trong sổ: QĐ 1520/QĐ-UBND ngày 02/01/2026" in capsys.readouterr().out
    with open_store(db) as store:
        again = store.record(corrected, awards)
        assert again.already and again.numbers == [1, 2] and store.counts() == (1, 2, 2)


def test_an_older_store_is_refused_then_upgraded_in_place_after_a_backup(db, capsys):
    url = store_module.create_at(db, "0001")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO decisions (number, number_key, issuer, issuer_key, year, recorded_at) "
                "VALUES ('1/QĐ-X', '1/qđ-x', 'UBND X', 'ubnd x', 2024, '2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    with pytest.raises(InputError, match="nâng cấp sổ") as refused:
        open_store(url)
    assert "kit register upgrade" in cli_hint(refused.value.code, refused.value.hint)  # the command line's words
    arguments = ["register", "upgrade"] + ([] if url.startswith("sqlite") else ["--da-sao-luu"])
    if not url.startswith("sqlite"):
        assert main(["register", "upgrade"]) == 2
        assert "pg_dump" in capsys.readouterr().err
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "Đã nâng cấp sổ từ lược đồ 0001 lên 0002" in out
    if url.startswith("sqlite"):
        saved = Path(out.split("Đã sao lưu: ")[1].splitlines()[0])
        assert store_module.revision_of(f"sqlite:///{saved}") == "0001"  # the backup is the store as it was
    with open_store(url) as store:
        assert store.counts() == (1, 0, 0)
        store.record_proposals("hs.xlsx", 2025, [(person("A"), "")])  # the new table is there


def test_a_store_of_a_newer_kit_is_refused_with_one_clear_line(db, capsys):
    open_store(db).close()
    engine = create_engine(db)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(NewerStoreError):
        open_store(db)
    assert main(["register", "summary", "--year", "2025"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "phiên bản kit mới hơn (lược đồ 0099" in err and "cập nhật vanban-kit" in err


def test_backup_is_a_working_copy_and_never_overwrites(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'so.sqlite'}"
    monkeypatch.setenv("KIT_DATABASE_URL", url)
    with open_store(url) as store:
        store.record(decision(), [person("Nguyễn Văn An")])
    target = tmp_path / "sao-luu.sqlite"
    assert main(["register", "backup", str(target)]) == 0
    with open_store(target) as copy:
        assert [row.name for row in copy.all_awards()] == ["Nguyễn Văn An"]
    assert main(["register", "backup", str(target)]) == 3
    assert "--force" in capsys.readouterr().err
    # online: a clerk's decision being written meanwhile neither blocks the backup nor lands half in it
    with open_store(url) as store, store.writing() as connection:
        connection.execute(text("UPDATE counters SET value = value + 100"))
        connection.execute(
            text(
                "INSERT INTO decisions (number, number_key, issuer, issuer_key, year, recorded_at) "
                "VALUES ('9/QĐ-X', '9/qđ-x', 'UBND X', 'ubnd x', 2025, '2025-01-01 00:00:00')"
            )
        )
        assert main(["register", "backup", str(tmp_path / "giua-chung.sqlite")]) == 0
    with open_store(tmp_path / "giua-chung.sqlite") as copy:
        assert copy.counts() == (1, 1, 1)  # the decision committed before, not the one being written
    with open_store(url) as store:
        assert store.counts() == (2, 1, 1)


def test_export_writes_a_new_workbook_with_text_kept_as_text(db, tmp_path):
    from openpyxl import load_workbook

    with open_store(db) as store:
        store.record(decision(), [person('=HYPERLINK("http://example.invalid")', born="1980-01-02")])
        target = app_register.export(store, tmp_path / "so.xlsx")
    sheet = load_workbook(target)["Sổ khen thưởng"]
    headings = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=headings.index("Họ và tên / Tên tập thể") + 1)
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")
    assert sheet.cell(row=2, column=headings.index("Ngày sinh") + 1).value == "02/01/1980"
    assert sheet.cell(row=2, column=headings.index("Số vào sổ (số giấy khen)") + 1).value == 1
