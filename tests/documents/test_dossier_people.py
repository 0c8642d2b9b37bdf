"""The dossier's people as a văn thư would check them: the council, the candidates' identities, the
dates the dossier refers to, and the order of the reports."""

import copy
import datetime as dt

import docx
import pytest

from kit.app import dossier, workbook_bytes
from kit.errors import WorkbookError
from tests.documents.test_ho_so import SAMPLE, sample


def _make(tmp_path, data):
    tmp_path.mkdir(parents=True, exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    return dossier(book, tmp_path / "out")


def _errors(tmp_path, data) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        _make(tmp_path, data)
    assert not (tmp_path / "out").exists()
    return caught.value.lines()


def _members(*changes) -> list:
    members = copy.deepcopy(SAMPLE["thanh_vien"])
    for index, column, value in changes:
        members[index][column] = value
    return members


def test_a_member_listed_twice_is_an_error_at_the_second_row(tmp_path):
    members = _members() + [["Hoàng Văn Nam", "Giám đốc Sở", "chu_tich", "co_mat"]]
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert (
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô A9 (Họ và tên): “Hoàng Văn Nam” có hai lần trong Hội đồng "
        "(dòng 2 và dòng 9) — mỗi thành viên ghi một dòng: xóa dòng thừa (tỷ lệ phiếu tính trên số thành viên)"
        in errors
    )


def test_two_chairs_or_two_secretaries_are_errors(tmp_path):
    members = _members((2, 2, "chu_tich"), (3, 2, "thu_ky"))
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert errors == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C4 (Vai trò trong Hội đồng): Hội đồng có hơn một Chủ tịch Hội đồng: "
        "“Hoàng Văn Nam” (dòng 2) và “Lý Văn Khoa” (dòng 4) — mỗi Hội đồng có đúng một Chủ tịch Hội đồng: sửa vai trò của một người",
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C8 (Vai trò trong Hội đồng): Hội đồng có hơn một Ủy viên - Thư ký: "
        "“Nông Thị Lan” (dòng 5) và “Phạm Văn Phúc” (dòng 8) — mỗi Hội đồng có đúng một Ủy viên - Thư ký: sửa vai trò của một người",
    ]


def test_blank_role_and_blank_attendance_are_errors_at_their_cells(tmp_path):
    members = _members((2, 2, None), (3, 3, None))
    assert _errors(tmp_path, sample(thanh_vien=members)) == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C4 (Vai trò trong Hội đồng): chưa chọn vai trò của “Lý Văn Khoa” — "
        "chọn trong danh sách: Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Ủy viên - Thư ký",
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô D5 (Có mặt / Vắng mặt): chưa ghi “Nông Thị Lan” có mặt hay vắng mặt — "
        "chọn Có mặt hoặc Vắng mặt (thành viên vắng mặt gửi ý kiến bằng văn bản)",
    ]


def test_a_council_with_nobody_present_cannot_vote(tmp_path):
    members = [row[:3] + ["vang"] for row in SAMPLE["thanh_vien"]]
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert (
        "ho-so.xlsx, sheet 'Thành viên hội đồng', cột Có mặt / Vắng mặt: không thành viên nào có mặt: Hội đồng chưa họp thì chưa có kết quả "
        "bỏ phiếu — ghi “Có mặt” cho các thành viên dự họp" in errors
    )
    assert not any("phiếu (" in e for e in errors)  # no vote shares computed from such a council


def test_reports_are_numbered_in_the_to_trinh_order(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows.insert(0, rows.pop())  # the collective typed first
    result = _make(tmp_path, sample(danh_sach=rows))
    reports = sorted(p.name for p in (result.folder / "bao-cao-thanh-tich").iterdir())
    assert reports == [
        "01-nguyen-van-an.docx",
        "02-le-thi-binh.docx",
        "03-hoang-minh-chau.docx",
        "04-vi-thi-dung.docx",
        "05-phong-to-chuc-bien-che.docx",
    ]


def _namesakes() -> dict:
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    other = copy.deepcopy(rows[2])
    other.update(ten="Nguyễn Văn An", ngay_sinh=dt.date(1992, 5, 7), chuc_vu="Chuyên viên Văn phòng Sở")
    rows.insert(3, other)
    votes = copy.deepcopy(SAMPLE["phieu"]) + [["Nguyễn Văn An (07/05/1992)", 6]]
    votes[0][0] = "Nguyễn Văn An (12/04/1978)"
    prior = copy.deepcopy(SAMPLE["khen_thuong"])
    for row in prior:
        if row["ten"] == "Nguyễn Văn An":
            row["ten"] = "Nguyễn Văn An (1978)"
    return sample(danh_sach=rows, phieu=votes, khen_thuong=prior)


def test_two_people_of_one_name_are_told_apart_by_their_birth_dates(tmp_path):
    from tests.documents.test_ho_so import read

    result = _make(tmp_path, _namesakes())
    document = read(result.folder / "02-bien-ban.docx")
    names = [row[1] for row in document.rows(document.tables()[1])[2:6]]
    assert names == [
        "Nguyễn Văn An (sinh ngày 12/04/1978)",
        "Lê Thị Bình",
        "Hoàng Minh Châu",
        "Nguyễn Văn An (sinh ngày 07/05/1992)",
    ]
    reports = sorted(p.name for p in (result.folder / "bao-cao-thanh-tich").iterdir())
    assert reports[0] == "01-nguyen-van-an.docx" and reports[3] == "04-nguyen-van-an.docx"
    first = read(result.folder / "bao-cao-thanh-tich" / "01-nguyen-van-an.docx")
    assert "Giấy khen của Giám đốc Sở Nội vụ" in [row[1] for row in first.rows(first.tables()[1])]  # his prior awards
    second = read(result.folder / "bao-cao-thanh-tich" / "04-nguyen-van-an.docx")
    assert "Chưa có hình thức khen thưởng nào được ghi nhận." in second.body_paragraphs()
    # The Tờ trình's list and the Quyết định's list tell them apart too.
    proposal = " ".join(read(result.folder / "01-to-trinh.docx").body_paragraphs())
    assert "Ông Nguyễn Văn An (sinh ngày 12/04/1978), " in proposal
    assert "Ông Nguyễn Văn An (sinh ngày 07/05/1992), " in proposal
    listing = read(result.folder / "05-danh-sach-kem-theo-quyet-dinh.docx")
    names = [cell for row in listing.rows(listing.tables()[-1]) for cell in row]
    assert "Nguyễn Văn An (sinh ngày 12/04/1978)" in names and "Nguyễn Văn An (sinh ngày 07/05/1992)" in names


def test_a_name_matching_two_people_is_an_error_naming_their_rows(tmp_path):
    data = _namesakes()
    data["phieu"][0][0] = "Nguyễn Văn An"
    # One error, at the name: not also a misleading “chưa có kết quả bỏ phiếu” for the people it may name.
    assert _errors(tmp_path, data) == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô A2 (Họ và tên / Tên tập thể): “Nguyễn Văn An” trùng tên 2 người ở sheet "
        "Danh sách (dòng 2 và dòng 5) — ghi thêm ngày sinh sau tên, ví dụ “Nguyễn Văn An (12/04/1978)”",
    ]


def test_a_birth_date_after_the_name_is_read_without_leading_zeros(tmp_path):
    data = _namesakes()
    data["phieu"][0][0] = "Nguyễn Văn An (12/4/1978)"
    data["phieu"][-1][0] = "Nguyễn Văn An (7.5.1992)"
    data["khen_thuong"][0]["ten"] = "Nguyễn Văn An (12/4/1978)"
    document = _bien_ban(_make(tmp_path, data))
    rows = document.rows(document.tables()[1])
    assert [row[1] for row in rows[2:6:3]] == [
        "Nguyễn Văn An (sinh ngày 12/04/1978)",
        "Nguyễn Văn An (sinh ngày 07/05/1992)",
    ]
    assert rows[2][3] == "6" and rows[5][3] == "6"


def test_namesakes_one_without_a_birth_date_the_hint_names_his_cell(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    other = copy.deepcopy(rows[2])
    other.update(ten="Nguyễn Văn An", ngay_sinh=None, chuc_vu="Chuyên viên Văn phòng Sở")
    rows.insert(3, other)
    votes = copy.deepcopy(SAMPLE["phieu"]) + [["Nguyễn Văn An", 6]]
    votes[0][0] = "Nguyễn Văn An (12/04/1978)"
    assert _errors(tmp_path, sample(danh_sach=rows, phieu=votes, khen_thuong=[])) == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô A7 (Họ và tên / Tên tập thể): “Nguyễn Văn An” trùng tên 2 người ở sheet "
        "Danh sách (dòng 2 và dòng 5) — người ở dòng 5 chưa có ngày sinh: ghi vào sheet Danh sách, ô D5, rồi ghi thêm "
        "ngày sinh sau tên ở đây, ví dụ “Nguyễn Văn An (12/04/1978)”",
    ]


def test_same_name_without_birth_dates_names_both_rows(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[0]["ngay_sinh"] = None
    other = copy.deepcopy(rows[0])
    other["chuc_vu"] = "Chuyên viên"
    rows.append(other)
    assert _errors(tmp_path, sample(danh_sach=rows)) == [
        "ho-so.xlsx, sheet 'Danh sách', ô B7 (Họ và tên / Tên tập thể): “Nguyễn Văn An” có hai lần trong danh sách (dòng 2) — "
        "mỗi cá nhân, tập thể chỉ ghi một dòng; nếu là hai người trùng tên, ghi ngày sinh của từng người"
    ]


def test_a_vote_for_a_name_not_listed_suggests_the_close_one(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[2]["ten"] = "Bế Văn Long"
    votes = copy.deepcopy(SAMPLE["phieu"])
    votes[2][0] = "Bế Văn Lông"
    errors = _errors(tmp_path, sample(danh_sach=rows, phieu=votes))
    assert errors[0] == (
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô A4 (Họ và tên / Tên tập thể): “Bế Văn Lông” không có trong "
        "sheet Danh sách — ghi đúng họ tên như ở sheet Danh sách, hoặc thêm vào danh sách (có phải “Bế Văn Long”?)"
    )


def test_prior_awards_and_the_plan_dated_after_the_dossier_are_errors(tmp_path):
    prior = copy.deepcopy(SAMPLE["khen_thuong"])
    prior[1].update(nam=2025, ngay=dt.date(2025, 12, 18))
    plan = "Kế hoạch số 45/KH-SNV ngày 10/10/2025 của Sở Nội vụ về phát động đợt thi đua"
    assert _errors(tmp_path, sample(khen_thuong=prior, ho_so={"ke_hoach_phat_dong": plan})) == [
        "ho-so.xlsx, sheet 'Khen thưởng đã nhận', ô E3 (Ngày quyết định): quyết định khen thưởng ngày 18/12/2025 sau ngày "
        "Tờ trình (15/09/2025) — chỉ ghi các hình thức đã được khen trước ngày hồ sơ: kiểm tra lại ngày",
        "ho-so.xlsx, sheet 'Hồ sơ', ô B10 (Kế hoạch phát động (căn cứ)): kế hoạch phát động ngày 10/10/2025, sau ngày Tờ trình "
        "(15/09/2025) — kiểm tra lại ngày của kế hoạch phát động hoặc ngày Tờ trình",
    ]


def _report(result, name):
    from tests.documents.test_ho_so import read

    return read(result.folder / "bao-cao-thanh-tich" / name)


def test_a_report_confirmed_by_a_deputy_shows_his_full_title(tmp_path):
    data = sample(ho_so={"tham_quyen_ky": "KT.", "chuc_vu_nguoi_ky": "Phó Giám đốc", "nguoi_ky": "Trần Thị Hạnh"})
    document = _report(_make(tmp_path, data), "01-nguyen-van-an.docx")
    left = document.cell_paragraphs(document.tables()[-1], 0, 0)
    assert left == [
        "THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ",  # broken where a clerk would, not "…XÁC / NHẬN…"
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "(Ký, đóng dấu)",
    ]
    # The names in a row of their own: the two signers' names stand on one line.
    assert document.rows(document.tables()[-1])[1] == ["Trần Thị Hạnh", "Nguyễn Văn An"]


def test_a_collective_of_another_unit_has_its_own_header_and_head(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(
        ten="Trường Trung học cơ sở Hoàng Đồng",
        don_vi="xã Hoàng Đồng, tỉnh Lạng Sơn",
        don_vi_bao_cao="Trường Trung học cơ sở Hoàng Đồng",
        chuc_vu_thu_truong_don_vi="Hiệu trưởng",
        thu_truong_don_vi="Lục Văn Sơn",
    )
    votes = copy.deepcopy(SAMPLE["phieu"])
    votes[4][0] = "Trường Trung học cơ sở Hoàng Đồng"
    prior = [row for row in SAMPLE["khen_thuong"] if row["ten"] != "Phòng Tổ chức, biên chế"]
    result = _make(tmp_path, sample(danh_sach=rows, phieu=votes, khen_thuong=prior))
    document = _report(result, "05-truong-trung-hoc-co-so-hoang-dong.docx")
    header = document.cell_paragraphs(document.tables()[0], 0, 0)
    assert header[:2] == ["SỞ NỘI VỤ", "TRƯỜNG TRUNG HỌC CƠ SỞ\nHOÀNG ĐỒNG"]  # broken as a clerk would
    assert document.cell_paragraphs(document.tables()[-1], 0, 1) == [
        "THỦ TRƯỞNG ĐƠN VỊ",
        "HIỆU TRƯỞNG",
        "(Ký, đóng dấu)",
    ]
    assert document.cell_paragraphs(document.tables()[-1], 1, 1) == ["Lục Văn Sơn"]
    person = _report(result, "01-nguyen-van-an.docx")  # the others keep the Sở's header and signer
    assert person.cell_paragraphs(person.tables()[0], 0, 0)[:2] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]


def test_a_head_without_a_title_is_an_error_at_the_cell(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(thu_truong_don_vi="Lục Văn Sơn")
    errors = _errors(tmp_path, sample(danh_sach=rows))
    assert len(errors) == 1 and errors[0].startswith(
        "ho-so.xlsx, sheet 'Danh sách', ô O6 (Chức vụ thủ trưởng đơn vị): "
        "“Phòng Tổ chức, biên chế”: ghi cả chức vụ và họ tên thủ trưởng đơn vị"
    )


def test_the_signatures_keep_with_the_last_paragraph_and_the_confirmation_spans_both(tmp_path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    result = _make(tmp_path, SAMPLE)
    document = docx.Document(str(result.folder / "bao-cao-thanh-tich" / "04-vi-thi-dung.docx"))
    body = list(document.element.body)
    signatures = document.tables[-1]._tbl
    before = body[body.index(signatures) - 1]
    texts = [p for p in document.paragraphs if p._p is before]
    assert texts and texts[0].paragraph_format.keep_with_next
    no_awards = [p for p in document.paragraphs if p.text == "Chưa có hình thức khen thưởng nào được ghi nhận."]
    assert no_awards and no_awards[0].paragraph_format.keep_with_next
    assert all(
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        for row in document.tables[-1].rows
    )
    confirmation = document.tables[-1].rows[2]  # under the titles' row and the names' row
    assert len(confirmation._tr.findall(qn("w:tc"))) == 1  # one cell across both signatures
    heading = next(p for p in confirmation.cells[0].paragraphs if p.text == "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG")
    style_alignment = heading.style.paragraph_format.alignment
    assert (heading.paragraph_format.alignment or style_alignment) == WD_ALIGN_PARAGRAPH.CENTER


def test_the_to_trinh_says_which_award_is_for_whom_when_there_are_several(tmp_path):
    from tests.documents.test_ho_so import read

    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[2]["hinh_thuc"] = "Chiến sĩ thi đua cấp tỉnh"  # also the Chủ tịch's to decide
    paragraphs = read(_make(tmp_path / "mixed", sample(danh_sach=rows)).folder / "01-to-trinh.docx").body_paragraphs()
    assert paragraphs[7].endswith(
        "kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét khen thưởng cho 04 cá nhân và 01 tập thể có thành tích xuất sắc, "
        "gồm: tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân và 01 tập thể; công nhận danh hiệu Chiến sĩ "
        "thi đua cấp tỉnh cho 01 cá nhân. Cụ thể như sau:"
    )
    paragraphs = read(_make(tmp_path / "one", SAMPLE).folder / "01-to-trinh.docx").body_paragraphs()
    assert paragraphs[7].endswith(
        "kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân "
        "tỉnh cho 04 cá nhân và 01 tập thể có thành tích xuất sắc, cụ thể như sau:"
    )


def test_a_dot_thi_dua_after_2023_is_a_warning_at_its_cell(tmp_path):
    warnings = [str(w) for w in _make(tmp_path, sample(ho_so={"loai_dot": "dot"})).warnings]
    assert warnings == [
        "ho-so.xlsx, sheet 'Hồ sơ', ô B9 (Loại): từ 01/01/2024 Luật Thi đua, khen thưởng 2022 chỉ có thi đua thường xuyên và "
        "thi đua theo chuyên đề (Điều 16.1), không còn “đợt thi đua” — chọn Khen thưởng thường xuyên hoặc Khen thưởng "
        "theo chuyên đề (hồ sơ theo đợt thi đua chỉ áp dụng trước năm 2024)"
    ]
    before = sample(
        ho_so={"loai_dot": "dot", "ngay_to_trinh": dt.date(2023, 12, 1), "ke_hoach_phat_dong": None},
        bien_ban={"ngay_hop": dt.date(2023, 11, 28)},
        khen_thuong=[],
    )
    assert _make(tmp_path / "2023", before).warnings == []


def test_a_birth_year_alone_is_accepted_and_printed_as_a_year(tmp_path):
    from openpyxl import load_workbook

    from tests.documents.test_ho_so import read

    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[1]["ngay_sinh"] = None
    rows[2]["ngay_sinh"] = None
    tmp_path.mkdir(exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", sample(danh_sach=rows)))
    wb = load_workbook(book)
    sheet = wb["Danh sách"]
    sheet["D3"] = 1985  # typed as a number into a date cell
    sheet["D4"] = "1990"  # typed as text
    wb.save(book)
    result = dossier(book, tmp_path / "out")
    for name, year in (("02-le-thi-binh.docx", "1985"), ("03-hoang-minh-chau.docx", "1990")):
        assert (
            f"- Ngày, tháng, năm sinh: {year}." in read(result.folder / "bao-cao-thanh-tich" / name).body_paragraphs()
        )


def test_a_year_typed_with_its_word_is_read_and_a_wrong_one_gets_a_year_example(tmp_path):
    from openpyxl import load_workbook

    tmp_path.mkdir(exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE))
    wb = load_workbook(book)
    wb["Khen thưởng đã nhận"]["B2"] = "năm 2023"
    wb["Khen thưởng đã nhận"]["B3"] = "hai nghìn"
    wb.save(book)
    with pytest.raises(WorkbookError) as caught:
        dossier(book, tmp_path / "out")
    assert caught.value.lines() == [
        "ho-so.xlsx, sheet 'Khen thưởng đã nhận', ô B3 (Năm): 'hai nghìn' không phải một năm — nhập năm bằng bốn chữ số, "
        "ví dụ 2024, hoặc để trống"
    ]


def test_tables_keep_group_rows_with_the_next_and_never_split_a_row(tmp_path):
    from docx.oxml.ns import qn

    result = _make(tmp_path, SAMPLE)
    for name in ("03-danh-sach.docx", "02-bien-ban.docx"):
        document = docx.Document(str(result.folder / name))
        table = document.tables[0] if name.startswith("03") else document.tables[1]
        rows = list(table.rows)
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows), name
        groups = [row for row in rows if row.cells[0].text in ("I. CÁ NHÂN", "II. TẬP THỂ")]
        assert len(groups) == 2 and all(
            p.paragraph_format.keep_with_next for row in groups for p in row.cells[0].paragraphs
        ), name
    to_trinh = docx.Document(str(result.folder / "01-to-trinh.docx"))
    last = [p for p in to_trinh.paragraphs if p.text.strip()][-1]
    assert last.text.startswith("Kính trình") and last.paragraph_format.keep_with_next  # the signatures follow it


def test_the_plans_ghi_chu_column_holds_a_circular_number_on_one_line(tmp_path):
    from pathlib import Path

    from docx.oxml.ns import qn

    from kit.app import load_sample
    from kit.app.fill import render_workbook

    root = Path(__file__).resolve().parents[2]
    data = copy.deepcopy(load_sample(root / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.toml"))
    row = data["bang_ke_hoach"][1]
    data["bang_ke_hoach"][1] = (list(row) + ["", "", ""])[:3] + ["Quý I", "21/2020/TT-BGDĐT"]
    book = tmp_path / "kh.xlsx"
    book.write_bytes(workbook_bytes("ke-hoach", data))
    import io

    document = docx.Document(io.BytesIO(render_workbook(book)))
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells][-1] == "GHI CHÚ"
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # 2.8 cm (1 600 twips) instead of 1.6 cm: "21/2020/TT-BGDĐT" no longer breaks into five lines.
    assert widths[-1] >= 1600 and sum(widths) <= 9360


@pytest.mark.parametrize(
    "typed", ["Ủy ban nhân dân tỉnh Cao Bằng", "Ủy ban nhân dân\ntỉnh Cao Bằng"], ids=["one line", "Alt+Enter"]
)
def test_header_and_signature_lines_break_where_a_clerk_would(tmp_path, typed):
    from tests.documents.test_ho_so import read

    data = sample(
        ho_so={
            "co_quan_chu_quan": typed,
            "tham_quyen_ky": "TM.",
            "chuc_vu_thu_truong": "Hội đồng Thi đua - Khen thưởng",
            "chuc_vu_nguoi_ky": "Chủ tịch",
        }
    )
    document = read(_make(tmp_path, data).folder / "01-to-trinh.docx")
    header = document.cell_paragraphs(document.tables()[0], 0, 0)
    assert header[0] == "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG"  # never "ỦY BAN NHÂN DÂN TỈNH CAO / BẰNG"
    signature = document.cell_paragraphs(document.tables()[-1], 0, 1)
    assert signature[:3] == ["TM. HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH"]


def test_clerk_lines_keep_place_names_whole():
    from kit.documents.common import HEADER_WIDTH_PT, clerk_lines

    assert clerk_lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH CAO BẰNG", HEADER_WIDTH_PT, bold=True) == [
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "TỈNH CAO BẰNG",
    ]
    assert clerk_lines("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", HEADER_WIDTH_PT) == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
    ]
    assert clerk_lines("SỞ NỘI VỤ", HEADER_WIDTH_PT, bold=True) == ["SỞ NỘI VỤ"]


def test_the_issue_day_may_be_left_for_the_van_thu(tmp_path):
    from openpyxl import load_workbook

    from tests.documents.test_ho_so import read

    data = sample(
        ho_so={"ngay_to_trinh": dt.date(2026, 1, 15), "so_to_trinh": None, "ke_hoach_phat_dong": None},
        bien_ban={"ngay_hop": dt.date(2026, 1, 12)},
        khen_thuong=[],
    )
    data.pop("quyet_dinh", None)  # the proposal only: no decision yet
    tmp_path.mkdir(exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    wb = load_workbook(book)
    sheet = wb["Hồ sơ"]
    cell = next(row[1] for row in sheet.iter_rows() if str(row[0].value).startswith("Ngày Tờ trình"))
    cell.value = "   /01/2026"  # as a văn thư types it
    wb.save(book)
    result = dossier(book, tmp_path / "out")
    document = read(result.folder / "01-to-trinh.docx")
    assert document.rows(document.tables()[0])[1] == ["Số:      /TTr-SNV", "Lạng Sơn, ngày    tháng 01 năm 2026"]
    listing = read(result.folder / "03-danh-sach.docx")
    # The Danh sách cites the Tờ trình so; the blank is no-break spaces, never where a line breaks.
    assert any("ngày \u00a0\u00a0\u00a0\u00a0/01/2026" in p for p in listing.body_paragraphs())
    assert result.warnings == []


def _typed(tmp_path, data, sheet: str, cells: dict):
    """A workbook where some cells hold what a user typed instead of a choice from the list."""
    from openpyxl import load_workbook

    tmp_path.mkdir(parents=True, exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    wb = load_workbook(book)
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(book)
    return book


def test_a_problem_of_a_field_every_document_reads_is_reported_once(tmp_path, capsys):
    from kit.cli import main

    # Every document is signed under the Tờ trình's signer: its missing title is one problem, not one per document.
    data = sample(ho_so={"tham_quyen_ky": "KT.", "chuc_vu_nguoi_ky": None, "nguoi_ky": "Trần Thị Hạnh"})
    line = (
        "ho-so.xlsx, sheet 'Hồ sơ', ô B15 (Chức vụ người ký): ký KT. thì phải ghi chức vụ người ký — "
        "ví dụ: Phó Chủ tịch (ký KT. Chủ tịch)"
    )
    assert _errors(tmp_path, data) == [line]
    assert main(["dossier", str(tmp_path / "ho-so.xlsx"), "-o", str(tmp_path / "ra")]) == 3
    assert capsys.readouterr().err.count("ký KT. thì phải ghi chức vụ người ký") == 1


def test_a_role_not_in_the_list_is_one_error_at_its_cell(tmp_path):
    # "Thư ký" alone is not "Ủy viên - Thư ký": a secretary who is not a member must not count in the council.
    book = _typed(tmp_path, SAMPLE, "Thành viên hội đồng", {"C8": "Thư ký"})
    with pytest.raises(WorkbookError) as caught:
        dossier(book, tmp_path / "out")
    assert caught.value.lines() == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C8 (Vai trò trong Hội đồng): 'Thư ký' không có trong danh sách "
        "chọn — chọn một trong: Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Ủy viên - Thư ký"
    ]


def _bien_ban(result):
    from tests.documents.test_ho_so import read

    return read(result.folder / "02-bien-ban.docx")


def test_when_the_chair_is_absent_the_vice_chair_present_chairs_and_signs(tmp_path):
    # Hoàng Văn Nam, Chủ tịch Hội đồng, absent; Đinh Văn Minh present: the 6 votes are the 6 present's.
    members = _members((0, 3, "vang"), (4, 3, "co_mat"))
    document = _bien_ban(_make(tmp_path, sample(thanh_vien=members)))
    paragraphs = document.body_paragraphs()
    assert "- Hoàng Văn Nam, Giám đốc Sở, Chủ tịch Hội đồng." in paragraphs  # listed as the one absent
    assert [p for p in paragraphs if p.startswith("Chủ trì:")] == [
        "Chủ trì: Trần Thị Hạnh, Phó Giám đốc Sở, Phó Chủ tịch Hội đồng, thay Hoàng Văn Nam, Chủ tịch Hội đồng."
    ]
    assert document.rows(document.tables()[-1]) == [["THƯ KÝ Phạm Văn Phúc", "CHỦ TỌA Trần Thị Hạnh"]]


def test_an_absent_chair_without_a_vice_chair_present_is_an_error_at_his_attendance(tmp_path):
    members = _members((0, 3, "vang"), (1, 3, "vang"), (4, 3, "co_mat"))
    votes = [[name, min(count, 5)] for name, count in SAMPLE["phieu"]]  # no more than the 5 present
    assert _errors(tmp_path, sample(thanh_vien=members, phieu=votes)) == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô D2 (Có mặt / Vắng mặt): Chủ tịch Hội đồng “Hoàng Văn Nam” vắng mặt "
        "và không có Phó Chủ tịch Hội đồng có mặt để chủ trì — người chủ trì cuộc họp phải có mặt: sửa thành Có mặt nếu "
        "ghi nhầm, hoặc ghi vai trò Phó Chủ tịch Hội đồng cho người đã chủ trì thay"
    ]


def test_an_absent_secretary_is_an_error_at_his_attendance(tmp_path):
    members = _members((6, 3, "vang"), (4, 3, "co_mat"))  # Phạm Văn Phúc, Ủy viên - Thư ký; 6 present
    assert _errors(tmp_path, sample(thanh_vien=members)) == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô D8 (Có mặt / Vắng mặt): Ủy viên - Thư ký “Phạm Văn Phúc” vắng mặt, "
        "nhưng thư ký phải có mặt để ghi biên bản — sửa thành Có mặt nếu ghi nhầm; nếu người khác ghi biên bản, chọn "
        "vai trò Ủy viên - Thư ký cho người đó và Ủy viên cho “Phạm Văn Phúc”"
    ]


def test_a_prior_award_year_must_have_four_digits(tmp_path):
    prior = copy.deepcopy(SAMPLE["khen_thuong"])
    prior[1]["nam"] = 24  # would print “24” and sort before 2023
    prior[2]["nam"] = 1024
    assert _errors(tmp_path, sample(khen_thuong=prior)) == [
        "ho-so.xlsx, sheet 'Khen thưởng đã nhận', ô B3 (Năm): '24' không phải năm đủ bốn chữ số — "
        "ghi năm đủ bốn chữ số, ví dụ 2024",
        "ho-so.xlsx, sheet 'Khen thưởng đã nhận', ô B4 (Năm): năm 1024 nằm ngoài khoảng 1945–2100 — "
        "kiểm tra lại năm, ví dụ 2024",
    ]


def test_a_birth_date_after_the_dossier_date_is_an_error_at_its_cell(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[0]["ngay_sinh"] = dt.date(2025, 10, 1)  # after the Tờ trình of 15/09/2025
    rows[1]["ngay_sinh"] = 2026  # a birth year alone
    assert _errors(tmp_path, sample(danh_sach=rows)) == [
        "ho-so.xlsx, sheet 'Danh sách', ô D2 (Ngày sinh): “Nguyễn Văn An” sinh ngày 01/10/2025, sau ngày Tờ trình "
        "(15/09/2025) — kiểm tra lại ngày sinh (dạng dd/mm/yyyy, ví dụ 12/04/1978) hoặc ngày Tờ trình",
        "ho-so.xlsx, sheet 'Danh sách', ô D3 (Ngày sinh): “Lê Thị Bình” sinh năm 2026, sau ngày Tờ trình "
        "(15/09/2025) — kiểm tra lại ngày sinh (dạng dd/mm/yyyy, ví dụ 12/04/1978) hoặc ngày Tờ trình",
    ]


def test_a_report_for_another_unit_needs_that_units_head(tmp_path):
    # Otherwise the Sở's signer would sign as the school's THỦ TRƯỞNG ĐƠN VỊ under the school's header.
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(don_vi_bao_cao="Trường Trung học cơ sở Hoàng Đồng")
    assert _errors(tmp_path, sample(danh_sach=rows)) == [
        "ho-so.xlsx, sheet 'Danh sách', ô P6 (Họ tên thủ trưởng đơn vị): “Phòng Tổ chức, biên chế”: báo cáo mang tên "
        "“Trường Trung học cơ sở Hoàng Đồng” nhưng chưa ghi họ tên thủ trưởng đơn vị đó — ghi chức vụ và họ tên "
        "thủ trưởng của đơn vị trên báo cáo (người ký báo cáo), hoặc để trống cột Đơn vị trên báo cáo"
    ]
    rows[4].update(thu_truong_don_vi="Lục Văn Sơn")
    assert _errors(tmp_path / "title", sample(danh_sach=rows)) == [
        "ho-so.xlsx, sheet 'Danh sách', ô O6 (Chức vụ thủ trưởng đơn vị): “Phòng Tổ chức, biên chế”: ghi cả chức vụ "
        "và họ tên thủ trưởng đơn vị, hoặc để trống cả hai — chức vụ được in trên chữ ký, ví dụ Hiệu trưởng"
    ]


def test_the_proposing_unit_typed_as_the_unit_on_the_report_changes_nothing(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(don_vi_bao_cao="Sở Nội vụ")
    document = _report(_make(tmp_path, sample(danh_sach=rows)), "05-phong-to-chuc-bien-che.docx")
    assert document.cell_paragraphs(document.tables()[0], 0, 0)[:2] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert document.rows(document.tables()[-1])[:2] == [["", "THỦ TRƯỞNG ĐƠN VỊ (Ký, đóng dấu)"], ["", "Hoàng Văn Nam"]]


def test_a_parent_body_without_the_unit_on_the_report_is_a_warning_at_its_cell(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(chu_quan_bao_cao="Sở Giáo dục và Đào tạo")  # not used without Đơn vị trên báo cáo
    result = _make(tmp_path, sample(danh_sach=rows))
    assert [str(w) for w in result.warnings] == [
        "ho-so.xlsx, sheet 'Danh sách', ô N6 (Cơ quan chủ quản trên báo cáo): “Phòng Tổ chức, biên chế”: có cơ quan "
        "chủ quản nhưng chưa ghi Đơn vị trên báo cáo, nên báo cáo vẫn mang tên đơn vị đề nghị — ghi Đơn vị trên báo "
        "cáo (cùng chức vụ, họ tên thủ trưởng đơn vị đó), hoặc xóa ô này"
    ]


def test_a_unit_head_without_the_unit_on_the_report_is_a_warning_at_that_cell(tmp_path):
    # The report would stand under the Sở's header, signed "HIỆU TRƯỞNG Đinh Văn Khải": the kit cannot place him.
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[0].update(thu_truong_don_vi="Đinh Văn Khải", chuc_vu_thu_truong_don_vi="Hiệu trưởng")
    result = _make(tmp_path, sample(danh_sach=rows))
    assert [str(w) for w in result.warnings] == [
        "ho-so.xlsx, sheet 'Danh sách', ô M2 (Đơn vị trên báo cáo (nếu khác)): “Nguyễn Văn An”: có thủ trưởng đơn vị “Đinh Văn "
        "Khải” nhưng chưa ghi Đơn vị trên báo cáo, nên báo cáo mang tên “Sở Nội vụ” với chữ ký của thủ trưởng này — "
        "ghi đơn vị của thủ trưởng này (Đơn vị trên báo cáo), hoặc để trống thủ trưởng để người ký Tờ trình xác nhận"
    ]
    # The proposing unit's own signer named as the head: nothing to place.
    rows[0].update(thu_truong_don_vi=SAMPLE["ho_so"]["nguoi_ky"], chuc_vu_thu_truong_don_vi="Giám đốc")
    assert _make(tmp_path / "own", sample(danh_sach=rows)).warnings == []
