"""Build the staff workbook for a form: labelled rows, tables, real dropdowns, date cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .definition import Field, FormDefinition, Sheet

META_SHEET = "_kit"
LISTS_SHEET = "Danh mục"
DATE_FORMAT = "dd/mm/yyyy"
TABLE_ROWS = 300  # rows of a table sheet prepared with dropdowns and wrapping

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_LABEL_FONT = Font(bold=True)
_HELP_FONT = Font(italic=True, color="595959")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _list_ranges(wb: Workbook, form: FormDefinition) -> dict[str, str]:
    """Write every dropdown list to a hidden sheet; return list name → absolute range."""
    sheet = wb.create_sheet(LISTS_SHEET)
    ranges = {}
    used = {item.choices_key for sheet_def in form.sheets for item in sheet_def.fields if item.type == "choice"}
    lists = sorted((name, choices) for name, choices in form.choices.items() if name in used)
    for column, (name, choices) in enumerate(lists, start=1):
        letter = get_column_letter(column)
        _put(sheet, 1, column, name)
        for row, choice in enumerate(choices, start=2):
            _put(sheet, row, column, choice.label)
        last = len(choices) + 1
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
    sheet.sheet_state = "hidden"
    return ranges


def _choice_validation(field: Field, ranges: dict[str, str]) -> DataValidation:
    labels = ", ".join(choice.label for choice in field.choices)
    validation = DataValidation(type="list", formula1=ranges[field.choices_key], allow_blank=True)
    validation.error = f"Chọn một giá trị trong danh sách: {labels}"
    validation.errorTitle = field.label
    validation.prompt = field.help or f"Chọn trong danh sách: {labels}"
    validation.promptTitle = field.label
    validation.showErrorMessage = True
    validation.showInputMessage = True
    return validation


def _date_validation(field: Field) -> DataValidation:
    validation = DataValidation(
        type="date", operator="between", formula1="DATE(1900,1,1)", formula2="DATE(2200,12,31)", allow_blank=True
    )
    # A warning, not a stop: a date typed as text (05/01/2021) is accepted when the kit reads it.
    validation.errorStyle = "warning"
    validation.error = "Nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021."
    validation.errorTitle = field.label
    validation.prompt = field.help or "Nhập ngày dạng dd/mm/yyyy."
    validation.promptTitle = field.label
    validation.showErrorMessage = True
    validation.showInputMessage = True
    return validation


def _cell_value(field: Field, value: Any) -> Any:
    if value is None or value == "":
        return None
    if field.type == "choice":
        return field.label_for(str(value))
    if field.type == "date" and isinstance(value, str):
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    return value


def _put(ws, row: int, column: int, value: Any):
    """Write a value; text is text, never a formula (formula injection: a pack's award name or a
    workbook value "=WEBSERVICE(…)" must not become a live formula). The quote prefix keeps it text
    when someone edits the cell in Excel."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _write_instructions(ws, sheet: Sheet) -> None:
    ws.column_dimensions["A"].width = 120
    for row, line in enumerate(sheet.lines, start=1):
        if line.startswith("# "):
            cell = _put(ws, row, 1, line[2:])
            cell.font = Font(bold=True, size=13 if row == 1 else 12)
        else:
            cell = _put(ws, row, 1, line or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_fields(ws, sheet: Sheet, values: Mapping[str, Any], ranges: dict[str, str]) -> None:
    header = sheet.header or ("Thông tin", "Nội dung", "Hướng dẫn")
    for column, text in enumerate(header, start=1):
        cell = _put(ws, 1, column, text)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 80
    for row, field in enumerate(sheet.fields, start=2):
        label = _put(ws, row, 1, field.label + (" *" if field.required else ""))
        label.font, label.alignment = _LABEL_FONT, _WRAP
        value = values.get(field.key, field.default)
        cell = _put(ws, row, 2, _cell_value(field, value))
        cell.alignment = _WRAP
        if field.required:
            cell.fill = _REQUIRED_FILL
        if field.type == "date":
            cell.number_format = DATE_FORMAT
        elif field.type in ("text", "longtext", "abbreviation"):
            cell.number_format = "@"
        help_cell = _put(ws, row, 3, field.help or None)
        help_cell.font, help_cell.alignment = _HELP_FONT, _WRAP
        if field.type == "choice":
            validation = _choice_validation(field, ranges)
        elif field.type == "date":
            validation = _date_validation(field)
        else:
            continue
        ws.add_data_validation(validation)
        validation.add(cell.coordinate)


def _row_values(sheet: Sheet, row: Any) -> dict[str, Any]:
    if isinstance(row, Mapping):
        return dict(row)
    values = list(row)
    if len(values) > len(sheet.fields):
        raise ValueError(f"row {values!r} has more values than sheet '{sheet.name}' has columns")
    return {field.key: value for field, value in zip(sheet.fields, values)}


def _write_table(ws, sheet: Sheet, rows: list[Any], ranges: dict[str, str]) -> None:
    for column, field in enumerate(sheet.fields, start=1):
        cell = _put(ws, 1, column, field.label + (" *" if field.required else ""))
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = field.width or 30
    ws.freeze_panes = "A2"
    last_row = max(TABLE_ROWS, len(rows) + 50)
    for column, field in enumerate(sheet.fields, start=1):
        letter = get_column_letter(column)
        if field.type == "choice":
            validation = _choice_validation(field, ranges)
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
        elif field.type == "date":
            validation = _date_validation(field)
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    for index, row in enumerate(rows, start=2):
        values = _row_values(sheet, row)
        for column, field in enumerate(sheet.fields, start=1):
            value = _cell_value(field, values.get(field.key))
            if value is None:
                continue
            cell = _put(ws, index, column, value)
            cell.alignment = _WRAP
            if field.type == "date":
                cell.number_format = DATE_FORMAT


def build_workbook(
    form: FormDefinition,
    meta: Mapping[str, str],
    data: Mapping[str, Any] | None = None,
) -> Workbook:
    """The workbook for `form`, blank or filled with `data` (sheet key → values or rows)."""
    data = data or {}
    wb = Workbook()
    wb.remove(wb.active)
    sheets = [(sheet, wb.create_sheet(sheet.name)) for sheet in form.sheets]
    ranges = _list_ranges(wb, form)
    for sheet, ws in sheets:
        if sheet.kind == "instructions":
            _write_instructions(ws, sheet)
        elif sheet.kind == "fields":
            _write_fields(ws, sheet, data.get(sheet.key, {}), ranges)
        else:
            _write_table(ws, sheet, list(data.get(sheet.key, [])), ranges)
    meta_ws = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate([("key", "value"), *meta.items()], start=1):
        _put(meta_ws, row, 1, key)
        _put(meta_ws, row, 2, value)
    meta_ws.sheet_state = "hidden"
    # Fixed document times keep a rebuilt workbook identical in content to the committed one.
    stamp = dt.datetime(2020, 3, 5)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "vanban-kit"
    wb.properties.title = form.title
    wb.active = 0
    return wb
