"""The blank and sample workbooks as staff open them in Excel."""

import datetime as dt

from openpyxl import load_workbook

from kit.app import build_form
from kit.form.build import LISTS_SHEET, META_SHEET


def _validations(ws):
    return {str(v.sqref): v for v in ws.data_validations.dataValidation}


def _list_values(wb, formula):
    sheet, cells = formula.split("!")
    assert sheet.strip("'") == LISTS_SHEET
    start, end = cells.replace("$", "").split(":")
    ws = wb[LISTS_SHEET]
    return [row[0].value for row in ws[start:end]]


def test_blank_workbook_sheets_labels_and_metadata(tmp_path):
    path = build_form("ke-hoach", tmp_path / "ke-hoach.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:5] == ["Hướng dẫn", "Văn bản", "Đề mục", "Bảng kế hoạch", "Nơi nhận"]
    assert wb[META_SHEET].sheet_state == "hidden" and wb[LISTS_SHEET].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in wb[META_SHEET].iter_rows(min_row=2, values_only=True)}
    assert meta["template"] == "ke-hoach" and meta["template_version"] == "1.0.0" and meta["form_version"] == "1.0.0"
    ws = wb["Văn bản"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert "Ngày ban hành *" in labels and "Cơ quan chủ quản" in labels  # required fields are marked
    assert ws.freeze_panes == "B2" and ws.column_dimensions["B"].width >= 60
    assert wb["Đề mục"].freeze_panes == "A2"
    assert any("Không tự đánh số" in (c.value or "") for c in wb["Hướng dẫn"]["A"])


def test_dropdowns_are_real_list_validations(tmp_path):
    wb = load_workbook(build_form("ke-hoach", tmp_path / "k.xlsx"))
    levels = _validations(wb["Đề mục"])["A2:A300"]
    assert levels.type == "list"
    assert _list_values(wb, levels.formula1) == [
        "Mục (I, II…)",
        "Khoản (1, 2…)",
        "Điểm (a, b…)",
        "Đoạn văn",
        "Gạch đầu dòng",
        "[Bảng kế hoạch]",
    ]
    ws = wb["Văn bản"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Thẩm quyền ký")
    authority = _validations(ws)[f"B{row}"]
    assert _list_values(wb, authority.formula1) == ["(không)", "KT.", "TM.", "TL.", "TUQ.", "Q."]
    assert ws.cell(row=row, column=2).value == "(không)"  # the default is filled in


def test_date_cells_are_dates_shown_dd_mm_yyyy(tmp_path):
    wb = load_workbook(build_form("ke-hoach", tmp_path / "k.xlsx", sample=True))
    ws = wb["Văn bản"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Ngày ban hành *")
    cell = ws.cell(row=row, column=2)
    assert cell.number_format == "dd/mm/yyyy"
    assert cell.value == dt.datetime(2020, 12, 31)
    assert _validations(ws)[cell.coordinate].type == "date"


def test_sample_workbook_holds_the_example(tmp_path):
    wb = load_workbook(build_form("ke-hoach", tmp_path / "k.xlsx", sample=True))
    outline = [(r[0], r[1]) for r in wb["Đề mục"].iter_rows(min_row=2, max_row=4, values_only=True)]
    assert outline == [
        ("Mục (I, II…)", "MỤC ĐÍCH, YÊU CẦU"),
        ("Khoản (1, 2…)", "Mục đích"),
        ("Đoạn văn", outline[2][1]),
    ]
    table = list(wb["Bảng kế hoạch"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert table[0][0] == "QUÝ I" and table[1][2].startswith("- Hội đồng TĐKT Sở.\n- Văn phòng Sở.")
