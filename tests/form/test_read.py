"""Bad workbooks: every problem reported at once, each naming file, sheet, cell and field."""

import io

import docx
import pytest

from kit.app import render_workbook
from kit.errors import WorkbookError
from tests.conftest import Reader, data, edit_workbook, write_workbook


def _row_of(ws, label):
    return next(r for r in range(2, ws.max_row + 1) if (ws.cell(row=r, column=1).value or "").startswith(label))


def _problems(path):
    with pytest.raises(WorkbookError) as caught:
        render_workbook(path)
    return caught.value.lines()


def _set_field(book, label, value, number_format=None):
    def edit(wb):
        ws = wb["Văn bản"]
        cell = ws.cell(row=_row_of(ws, label), column=2)
        cell.value = value
        if number_format:
            cell.number_format = number_format

    return edit_workbook(book, edit)


def test_bad_date_names_file_sheet_cell_and_field(tmp_path):
    book = _set_field(write_workbook(tmp_path / "ke-hoach.xlsx"), "Ngày ban hành", "31/02/2021")
    row = 7  # the seventh field of the Văn bản sheet
    assert _problems(book) == [
        f"ke-hoach.xlsx, sheet 'Văn bản', ô B{row} (Ngày ban hành): '31/02/2021' không phải ngày hợp lệ"
        " — nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021"
    ]


@pytest.mark.parametrize(
    "typed",
    ["5/1/2021", "05-01-2021", "05.01.2021", "ngày 05 tháng 01 năm 2021", 44201],
    ids=["d/m/yyyy text", "dd-mm-yyyy text", "dd.mm.yyyy text", "words", "Excel serial"],
)
def test_dates_typed_as_text_or_serials_are_read(tmp_path, typed):
    book = _set_field(write_workbook(tmp_path / "k.xlsx"), "Ngày ban hành", typed, "General")
    document = Reader(docx.Document(io.BytesIO(render_workbook(book))))
    assert document.rows(document.tables()[0])[1][1] == "Lạng Sơn, ngày 05 tháng 01 năm 2021"


def test_all_problems_are_reported_together(tmp_path):
    values = data(
        van_ban={"co_quan_ban_hanh": None, "so_van_ban": None},
        de_muc=[["muc", "Mục đích"], ["khoan", ""], ["bang"]],
    )
    book = write_workbook(tmp_path / "k.xlsx", values)

    def break_it(wb):
        ws = wb["Văn bản"]
        ws.cell(row=_row_of(ws, "Số văn bản"), column=2).value = "năm"
        outline = wb["Đề mục"]
        outline["A5"] = "Chương"  # not a level
        outline["B5"] = "Nội dung lạ"
        wb["Nơi nhận"]["C4"] = "ô lạc"

    edit_workbook(book, break_it)
    problems = _problems(book)
    assert "k.xlsx, sheet 'Văn bản', ô B3 (Cơ quan ban hành): chưa điền (bắt buộc)" in problems[0]
    text = "\n".join(problems)
    assert "ô B5 (Số văn bản): 'năm' không phải số nguyên dương" in text
    assert "sheet 'Đề mục', ô A5 (Cấp): 'Chương' không có trong danh sách chọn — chọn một trong: Mục (I, II…)" in text
    assert "sheet 'Đề mục', ô B3 (Nội dung): chưa có nội dung" in text
    assert "sheet 'Nơi nhận', ô C4: có dữ liệu nằm ngoài các cột của biểu mẫu" in text
    assert len(problems) == 5


def test_missing_sheet(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx")
    edit_workbook(book, lambda wb: wb.remove(wb["Nơi nhận"]))
    assert _problems(book) == [
        "k.xlsx, sheet 'Nơi nhận': thiếu sheet này — không đổi tên hay xóa sheet 'Nơi nhận'; tạo lại biểu mẫu nếu cần"
    ]


def test_merged_cells_are_refused(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx")
    edit_workbook(book, lambda wb: wb["Bảng kế hoạch"].merge_cells("B3:C3"))
    assert _problems(book) == [
        "k.xlsx, sheet 'Bảng kế hoạch', ô B3:C3: ô đang được gộp (merge) — bỏ gộp ô (Unmerge) rồi điền từng ô"
    ]


def test_empty_rows_are_skipped_and_text_is_normalised(tmp_path, reader):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Sơ kết   6 tháng")
    values = data(bang_ke_hoach=[["Quý I"], [], ["", decomposed, "Văn phòng"], [], []])
    document = reader(values)
    rows = document.rows(document.tables()[1])
    assert rows[1:] == [["Quý I"], ["1", "Sơ kết 6 tháng", "Văn phòng"]]


def test_a_workbook_not_made_by_the_kit(tmp_path):
    from openpyxl import Workbook

    from kit.errors import InputError

    path = tmp_path / "la.xlsx"
    Workbook().save(path)
    with pytest.raises(InputError, match="không phải biểu mẫu của vanban-kit"):
        render_workbook(path)


def test_a_workbook_of_an_incompatible_form_version(tmp_path):
    from kit.errors import InputError

    book = write_workbook(tmp_path / "old.xlsx")

    def downgrade(wb):
        for row in wb["_kit"].iter_rows(min_row=2):
            if row[0].value == "form_version":
                row[1].value = "0.9.0"

    edit_workbook(book, downgrade)
    with pytest.raises(InputError, match="phiên bản 0.9.0 không dùng được"):
        render_workbook(book)


def test_dates_times_and_numbers_in_text_cells_read_as_typed(tmp_path, reader):
    import datetime as dt

    book = write_workbook(tmp_path / "k.xlsx", data(bang_ke_hoach=[["", "Việc", "Văn phòng", "", ""]]))

    def typed(wb):
        ws = wb["Bảng kế hoạch"]
        ws["D2"] = dt.datetime(2021, 3, 15)  # Excel turns 15/03/2021 typed in a cell into a date
        ws["E2"] = 7.0

    edit_workbook(book, typed)
    document = Reader(docx.Document(io.BytesIO(render_workbook(book))))
    assert document.rows(document.tables()[1])[1] == ["1", "Việc", "Văn phòng", "15/03/2021", "7"]


def test_true_false_and_impossible_serials_are_reported(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx")

    def typed(wb):
        wb["Nơi nhận"]["A2"] = True
        ws = wb["Văn bản"]
        cell = ws.cell(row=_row_of(ws, "Ngày ban hành"), column=2)
        cell.value, cell.number_format = 99999999, "General"

    edit_workbook(book, typed)
    assert _problems(book) == [
        "k.xlsx, sheet 'Văn bản', ô B7 (Ngày ban hành): số 99999999 không phải một ngày (ô ngày chứa một số)"
        " — nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021",
        "k.xlsx, sheet 'Nơi nhận', ô A2 (Nơi nhận): ô chứa giá trị đúng/sai (TRUE) — nhập chữ hoặc số vào ô này",
    ]


def test_years_outside_the_range_are_typing_errors(tmp_path):
    book = _set_field(write_workbook(tmp_path / "k.xlsx"), "Ngày ban hành", "05/01/1899")
    assert _problems(book) == [
        "k.xlsx, sheet 'Văn bản', ô B7 (Ngày ban hành): năm 1899 nằm ngoài khoảng 1945–2100"
        " — nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021"
    ]


@pytest.mark.parametrize("typed", ["khoản", "Khoản (1, 2...)", "KHOẢN (1, 2…)", "khoan"])
def test_choices_typed_without_the_dropdown(tmp_path, reader, typed):
    book = write_workbook(tmp_path / "k.xlsx")
    edit_workbook(book, lambda wb: wb["Đề mục"].__setitem__("A3", typed))
    document = Reader(docx.Document(io.BytesIO(render_workbook(book))))
    assert "1. Mục đích" in document.body_paragraphs()


def test_optional_rows_may_be_deleted_and_take_their_default(tmp_path, reader):
    book = write_workbook(tmp_path / "k.xlsx", data(van_ban={"danh_so_tt": "theo_nhom"}))
    edit_workbook(book, lambda wb: wb["Văn bản"].delete_rows(_row_of(wb["Văn bản"], "Đánh số cột TT")))
    document = Reader(docx.Document(io.BytesIO(render_workbook(book))))
    assert [row[0] for row in document.rows(document.tables()[1])] == ["TT", "Quý I", "1", "2", "Quý II", "3"]


def test_a_renamed_column_is_one_problem_not_many(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx")
    edit_workbook(book, lambda wb: wb["Bảng kế hoạch"].__setitem__("B1", "Công việc"))
    assert _problems(book) == [
        "k.xlsx, sheet 'Bảng kế hoạch', ô B1: cột 'Công việc' không có trong biểu mẫu — không đổi tên tiêu đề cột; xóa cột thừa",
        "k.xlsx, sheet 'Bảng kế hoạch', cột Nội dung: thiếu cột này ở dòng tiêu đề"
        " — tạo lại biểu mẫu và chép dữ liệu sang",
    ]
