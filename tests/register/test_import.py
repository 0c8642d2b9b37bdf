"""Getting history in: a unit's own register workbook (its columns found by their Vietnamese headings, or
mapped), the kit's own export, and issued Quyết định .docx files; each import idempotent; a file with
problems imports nothing unless --skip-bad; the workbook a person keeps is never rewritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from kit.cli import main
from kit.register import open_store

from .workbooks import dossier

HEADINGS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Đơn vị",
    "Năm",
    "Danh hiệu/Hình thức",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Ghi chú của phòng",  # the unit's own column
]


def unit_register(
    path: Path, rows: list[list], *, headings: list[str] = HEADINGS, sheet: str = "Năm 2023-2024"
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "SỔ THEO DÕI KHEN THƯỞNG CỦA PHÒNG"  # a title above the headings
    ws.append([])
    ws.append(headings)
    for row in rows:
        ws.append(row)
    ws["J4"].comment = Comment("đã đối chiếu bản gốc", "Văn thư")
    notes = wb.create_sheet("Ghi chú")
    notes["A1"] = "Sheet riêng của đơn vị"
    wb.save(path)
    return path


ROWS = [
    [
        1,
        "Nguyễn Thị Hương",
        dt.datetime(1980, 3, 2),
        "Phòng Tổ chức",
        2023,
        "Chiến sĩ thi đua cơ sở",
        "12/QĐ-SNV",
        dt.datetime(2023, 12, 20),
        "Sở Nội vụ",
        "x",
    ],
    [
        2,
        "Nguyễn Thị Hương",
        "15/07/1992",
        "Phòng Văn thư",
        2023,
        "Lao động tiên tiến",
        "12/QĐ-SNV",
        "20/12/2023",
        "Sở Nội vụ",
        "",
    ],
    [
        3,
        "Nguyễn Thị Hương",
        1980,
        "Phòng Tổ chức",
        2024,
        "Chiến sĩ thi đua cơ sở",
        "15/QĐ-SNV",
        dt.datetime(2024, 12, 18),
        "Sở Nội vụ",
        "",
    ],
]


def test_a_units_own_register_is_imported_once_and_never_rewritten(db, tmp_path, capsys):
    path = unit_register(tmp_path / "so-cua-phong.xlsx", ROWS)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["register", "import", str(path)]) == 0
    assert "so-cua-phong.xlsx: đã nhập 2 quyết định (3 lượt khen thưởng)" in capsys.readouterr().out
    assert main(["register", "import", str(path)]) == 0
    assert "đã nhập 0 quyết định (0 lượt khen thưởng); 2 quyết định đã có trong sổ" in capsys.readouterr().out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the unit's workbook is untouched
    kept = openpyxl.load_workbook(path)
    assert (
        kept.sheetnames == ["Năm 2023-2024", "Ghi chú"]
        and kept["Năm 2023-2024"]["J4"].comment.text == "đã đối chiếu bản gốc"
    )
    with open_store(db) as store:
        assert store.counts() == (2, 3, 3)
        # the Hương born 02/03/1980 and the one written "1980" alone: her history has both, never the 1992 one's
        born_1980 = store.history("Nguyễn Thị Hương", "1980-03-02")
        assert [(row.year, row.award, row.birth) for row in born_1980] == [
            (2023, "Chiến sĩ thi đua cơ sở", "1980-03-02"),
            (2024, "Chiến sĩ thi đua cơ sở", "1980"),
        ]
        assert [row.year for row in store.history("Nguyễn Thị Hương", "1980")] == [2023, 2024]
    assert main(["register", "person", "Nguyễn Thị Hương", "--born", "15/07/1992"]) == 0
    out = capsys.readouterr().out
    assert "Nguyễn Thị Hương, sinh 15/07/1992: 1 lượt khen thưởng" in out and "Lao động tiên tiến" in out
    assert "1980" not in out


def test_columns_with_other_headings_are_mapped(db, tmp_path, capsys):
    headings = [
        "STT",
        "Tên cán bộ",
        "Ngày sinh",
        "Đơn vị",
        "Năm",
        "Khen thưởng",
        "Số QĐ",
        "Ngày QĐ",
        "Nơi ban hành",
        "",
    ]
    path = unit_register(tmp_path / "khac.xlsx", ROWS[:1], headings=headings)
    assert main(["register", "import", str(path)]) == 3
    assert "không thấy dòng tiêu đề" in capsys.readouterr().err
    mapping = [
        "--cot",
        "Họ và tên=Tên cán bộ",
        "--cot",
        "Danh hiệu/Hình thức=Khen thưởng",
        "--cot",
        "Cơ quan ban hành=Nơi ban hành",
    ]
    assert main(["register", "import", str(path), *mapping]) == 0
    assert "đã nhập 1 quyết định (1 lượt khen thưởng)" in capsys.readouterr().out


def test_a_decision_left_out_whole_is_told_with_what_to_do(db, tmp_path, capsys):
    # the same decision with another date on a later row: with --skip-bad that decision is left out whole
    rows = [ROWS[0], [*ROWS[1][:7], "21/12/2023", *ROWS[1][8:]], ROWS[2]]
    path = unit_register(tmp_path / "hai-ngay.xlsx", rows)
    assert main(["register", "import", str(path), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "đã nhập 1 quyết định (1 lượt khen thưởng)" in captured.out
    left_out = [line for line in captured.err.splitlines() if line.startswith("Bỏ qua: ")]
    assert len(left_out) == 2
    assert left_out[0].endswith("khác ngày 20/12/2023 ở dòng trước — cùng một quyết định phải cùng ngày")
    assert "12/QĐ-SNV" in left_out[1]
    assert left_out[1].endswith("bỏ qua cả quyết định vì có dòng lỗi — sửa các dòng lỗi rồi nhập lại")


def test_a_date_in_the_name_column_is_a_clear_error_and_nothing_is_imported(db, tmp_path, capsys):
    rows = [
        *ROWS,
        [4, dt.datetime(2024, 1, 5), None, "Phòng X", 2024, "Giấy khen", "20/QĐ-SNV", "05/01/2024", "Sở Nội vụ", ""],
    ]
    path = unit_register(tmp_path / "lech-cot.xlsx", rows)
    assert main(["register", "import", str(path)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "Lỗi: lech-cot.xlsx, sheet 'Năm 2023-2024', dòng 7, ô B7 (Họ và tên / Tên tập thể): là một ngày (05/01/2024), "
        "không phải họ tên — kiểm tra các cột có bị lệch không"
    )
    assert "không nhập gì" in err[-1] and "--skip-bad" in err[-1]
    with open_store(db) as store:
        assert store.counts() == (0, 0, 0)
    # told to take the good rows: the decisions without a bad row are recorded, the bad one is left out whole
    assert main(["register", "import", str(path), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "đã nhập 2 quyết định (3 lượt khen thưởng)" in captured.out
    assert "Bỏ qua: lech-cot.xlsx, sheet 'Năm 2023-2024', dòng 7, ô B7" in captured.err
    with open_store(db) as store:
        assert store.counts() == (2, 3, 3)


def test_register_numbers_typed_as_text_are_kept_and_never_given_again(db, tmp_path, capsys):
    path = tmp_path / "so-kit.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sổ khen thưởng"
    ws.append(
        [
            "STT",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan quyết định",
            "Hình thức khen thưởng",
            "Cá nhân / Tập thể",
            "Họ và tên / Tên tập thể",
            "Chức vụ",
            "Đơn vị",
            "Tóm tắt thành tích",
            "Tiền thưởng",
            "Số vào sổ (số giấy khen)",
        ]
    )
    ws.append(
        [
            1,
            "3/QĐ-SNV",
            dt.datetime(2024, 5, 2),
            "Sở Nội vụ",
            "Giấy khen",
            "Cá nhân",
            "Lê Văn A",
            "",
            "",
            "",
            "0,3 lần mức lương cơ sở",
            "41",
        ]
    )
    ws.append(
        [2, "3/QĐ-SNV", dt.datetime(2024, 5, 2), "Sở Nội vụ", "Giấy khen", "Tập thể", "Phòng B", "", "", "", "", " 42 "]
    )
    wb.save(path)
    assert main(["register", "import", str(path)]) == 0
    capsys.readouterr()
    with open_store(db) as store:
        rows = store.all_awards()
        assert [(row.name, row.kind, row.register_number) for row in rows] == [
            ("Lê Văn A", "ca_nhan", 41),
            ("Phòng B", "tap_the", 42),
        ]
        assert str(rows[0].coefficient) in ("0.3", "0.30")
    # the next decision is numbered after them: the numbers typed as text are not given again
    assert main(["decision", str(dossier(tmp_path)), "-o", str(tmp_path / "out")]) == 0
    assert "số vào sổ 43–47" in capsys.readouterr().out


def test_a_number_that_is_not_a_number_is_reported_at_its_cell(db, tmp_path, capsys):
    rows = [[*ROWS[0][:9], ""]]
    headings = [*HEADINGS[:9], "Số vào sổ"]
    rows[0][9] = "GK-12"
    path = unit_register(tmp_path / "so.xlsx", rows, headings=headings)
    assert main(["register", "import", str(path)]) == 3
    assert "ô J4 (Số vào sổ (số giấy khen)): “GK-12” không phải số vào sổ" in capsys.readouterr().err


def test_an_issued_decision_docx_is_imported_from_its_header_and_attached_list(db, tmp_path, capsys):
    workbook = dossier(tmp_path, so_quyet_dinh=77)
    # the decision's documents, written without recording (as if issued by another office's software)
    other = f"sqlite:///{tmp_path / 'khac.sqlite'}"
    assert main(["decision", str(workbook), "-o", str(tmp_path / "qd"), "--db", other]) == 0
    capsys.readouterr()
    issued = tmp_path / "qd" / "hs-quyet-dinh" / "04-quyet-dinh.docx"
    assert main(["register", "import", str(issued)]) == 0
    assert "04-quyet-dinh.docx: đã nhập 1 quyết định (5 lượt khen thưởng)" in capsys.readouterr().out
    with open_store(db) as store:
        rows = store.all_awards()
    assert {(row.number, row.signed_on, row.issuer) for row in rows} == {
        ("77/QĐ-UBND", dt.date(2025, 9, 26), "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
    }
    assert [(row.name, row.kind, row.award) for row in rows][2:] == [
        ("Hoàng Minh Châu", "ca_nhan", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("Vi Thị Dung", "ca_nhan", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("Phòng Tổ chức, biên chế", "tap_the", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ]
    # the same decision from kit decision, and the .docx again: nothing recorded twice
    assert main(["register", "import", str(issued)]) == 0
    assert main(["decision", str(workbook), "-o", str(tmp_path / "qd"), "--force"]) == 0
    assert "đã có quyết định này — không ghi lại" in capsys.readouterr().out
    with open_store(db) as store:
        assert store.counts()[0] == 1


def test_a_document_that_is_not_a_decision_is_reported(db, tmp_path, capsys):
    import docx

    path = tmp_path / "cong-van.docx"
    document = docx.Document()
    document.add_paragraph("Kính gửi: các phòng")
    document.save(path)
    assert main(["register", "import", str(path)]) == 3
    err = capsys.readouterr().err
    assert "cong-van.docx: không phải Quyết định" in err
    assert main(["register", "import", str(tmp_path / "so.csv")]) == 3


def test_the_register_given_as_a_workbook_or_csv_is_refused_clearly(db, tmp_path, capsys):
    workbook = dossier(tmp_path)
    for name in ("so.csv", "so-khen-thuong.xlsx"):
        assert main(["decision", str(workbook), "-o", str(tmp_path / "out"), "--register", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "sổ khen thưởng là một cơ sở dữ liệu" in err and "kit register import" in err
        assert not (tmp_path / name).exists() and not (tmp_path / "out").exists()


def test_a_corrected_date_run_again_through_kit_decision_registers_no_one_twice(db, tmp_path, capsys):
    first = dossier(tmp_path, "hs.xlsx")
    assert main(["decision", str(first), "-o", str(tmp_path / "qd")]) == 0
    capsys.readouterr()
    # the clerk corrects the decision's date in the workbook and runs kit decision again
    corrected = dossier(tmp_path, "hs-sua.xlsx", ngay_quyet_dinh=dt.date(2025, 9, 29))
    assert main(["decision", str(corrected), "-o", str(tmp_path / "qd2")]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sổ đã ghi quyết định này với ngày 26/09/2025" in err
    assert (
        'kit register correct "1520/QĐ-UBND" --issuer "Ủy ban nhân dân tỉnh Lạng Sơn" --year 2025 --date 29/09/2025'
        in err
    )
    assert not (tmp_path / "qd2").exists()  # stopped before anything was written
    command = ["register", "correct", "1520/QĐ-UBND", "--issuer", "Ủy ban nhân dân tỉnh Lạng Sơn", "--year", "2025"]
    assert main([*command, "--date", "29/09/2025"]) == 0
    assert main(["decision", str(corrected), "-o", str(tmp_path / "qd2")]) == 0
    assert "đã có quyết định này — không ghi lại" in capsys.readouterr().out
    with open_store(db) as store:
        rows = store.all_awards()
    assert store_counts(rows) == (5, [1, 2, 3, 4, 5], {dt.date(2025, 9, 29)})


def store_counts(rows) -> tuple:
    return len(rows), sorted(row.register_number for row in rows), {row.signed_on for row in rows}


def test_an_identifier_column_tells_apart_namesakes_born_the_same_day(db, tmp_path, capsys):
    headings = [*HEADINGS[:3], "Số định danh", *HEADINGS[3:9]]
    same = ["Trần Văn Nam", "05/05/1985"]
    rows = [
        [1, *same, "001085000111", "Phòng Tổ chức", 2023, "Lao động tiên tiến", "12/QĐ-SNV", "20/12/2023", "Sở Nội vụ"],
        [2, *same, "001085000222", "Văn phòng Sở", 2023, "Lao động tiên tiến", "12/QĐ-SNV", "20/12/2023", "Sở Nội vụ"],
        [
            3,
            *same,
            "001085000111",
            "Phòng Tổ chức",
            2024,
            "Chiến sĩ thi đua cơ sở",
            "15/QĐ-SNV",
            "18/12/2024",
            "Sở Nội vụ",
        ],
    ]
    path = unit_register(tmp_path / "so-dinh-danh.xlsx", rows, headings=headings)
    assert main(["register", "import", str(path)]) == 0
    capsys.readouterr()
    with open_store(db) as store:
        assert store.counts() == (2, 2, 3)  # two people, not one Trần Văn Nam with two awards in 2023
    assert main(["register", "person", "Trần Văn Nam", "--born", "05/05/1985"]) == 0
    out = capsys.readouterr().out
    assert "Trần Văn Nam, sinh 05/05/1985, số định danh 001085000111: 2 lượt khen thưởng" in out
    assert "Trần Văn Nam, sinh 05/05/1985, số định danh 001085000222: 1 lượt khen thưởng" in out
    assert main(["register", "person", "Trần Văn Nam", "--dinh-danh", "001085000222"]) == 0
    out = capsys.readouterr().out
    assert "số định danh 001085000222: 1 lượt khen thưởng" in out and "001085000111" not in out


def test_the_kits_own_export_is_imported_into_another_register_as_it_was(db, tmp_path, capsys):
    assert main(["decision", str(dossier(tmp_path)), "-o", str(tmp_path / "qd")]) == 0
    exported = tmp_path / "so-khen-thuong.xlsx"
    assert main(["register", "export", str(exported)]) == 0
    kept = exported.read_bytes()
    assert main(["register", "export", str(exported)]) == 3  # a workbook someone keeps is never rewritten…
    assert "--force" in capsys.readouterr().err and exported.read_bytes() == kept
    assert main(["register", "export", str(tmp_path / "so.csv")]) == 2  # …nor .xlsx bytes written under another name
    assert not (tmp_path / "so.csv").exists()
    other = f"sqlite:///{tmp_path / 'don-vi-khac.sqlite'}"
    for _ in range(2):  # the second import finds everything there already
        assert main(["register", "import", str(exported), "--db", other]) == 0
    out = capsys.readouterr().out
    assert "đã nhập 1 quyết định (5 lượt khen thưởng)" in out and "1 quyết định đã có trong sổ" in out

    def shown(url: str) -> list[tuple]:
        with open_store(url) as store:
            return [
                (row.register_number, row.name, row.birth, row.kind, row.award, row.unit, row.decision_label)
                for row in store.all_awards()
            ]

    assert shown(other) == shown(db)


def test_what_an_issued_decision_does_not_say_is_reported_at_its_paragraph_and_nothing_imported(db, tmp_path, capsys):
    import docx

    workbook = dossier(tmp_path, so_quyet_dinh=78)
    other = f"sqlite:///{tmp_path / 'khac.sqlite'}"  # issued elsewhere: not in this register
    assert main(["decision", str(workbook), "-o", str(tmp_path / "qd"), "--db", other]) == 0
    capsys.readouterr()
    folder = tmp_path / "qd" / "hs-quyet-dinh"
    attached = folder / "05-danh-sach-kem-theo-quyet-dinh.docx"
    listing = docx.Document(attached)
    row = next(row for row in listing.tables[0].rows if row.cells[1].text == "Vi Thị Dung")
    for paragraph in row.cells[4].paragraphs:  # the award of one row lost
        for run in paragraph.runs:
            run.text = ""
    listing.save(attached)
    assert main(["register", "import", str(folder / "04-quyet-dinh.docx")]) == 3
    err = capsys.readouterr().err.splitlines()
    assert re.fullmatch(
        r"Lỗi: 05-danh-sach-kem-theo-quyet-dinh\.docx, bảng 1, đoạn \d+: “Vi Thị Dung” không có hình thức khen thưởng "
        r"\(cột Hình thức\) — danh sách kèm theo phải có cột Hình thức khen thưởng",
        err[0],
    ), err
    assert "không nhập gì" in err[-1]
    with open_store(db) as store:
        assert store.counts() == (0, 0, 0)

    # a date that is no day (31/02) in the decision's header: the paragraph named, nothing imported
    decision = docx.Document(folder / "04-quyet-dinh.docx")
    header = [p for cell in decision.tables[0]._cells for p in cell.paragraphs]
    dated = next(p for p in header if p.text == "Lạng Sơn, ngày 26 tháng 9 năm 2025")
    dated.runs[0].text = "Lạng Sơn, ngày 31 tháng 2 năm 2025"
    decision.save(folder / "04-quyet-dinh.docx")
    assert main(["register", "import", str(folder / "04-quyet-dinh.docx")]) == 3
    err = capsys.readouterr().err
    assert re.search(
        r"04-quyet-dinh\.docx, đoạn \d+: “Lạng Sơn, ngày 31 tháng 2 năm 2025” không phải ngày có thật", err
    )
    # told to take the good decisions: there is none, and the clerk is told what was left out
    assert main(["register", "import", str(folder / "04-quyet-dinh.docx"), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "đã nhập 0 quyết định" in captured.out and "Bỏ qua: 04-quyet-dinh.docx, đoạn" in captured.err
    with open_store(db) as store:
        assert store.counts() == (0, 0, 0)
