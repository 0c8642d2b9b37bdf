"""Read a filled workbook back into typed, NFC-normalised values, collecting every problem."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InputError, Problem, unreadable_reason
from ..inputcost import check_workbook_cost, is_opendocument, kind_of
from ..vn import MonthDate, clean_text, nfc
from ..ziplimits import check_unpacked_size
from .build import LISTS_SHEET, META_SHEET
from .definition import Field, FormDefinition, Sheet

_EXCEL_ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_DATE_WORDS = re.compile(r"^\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$", re.IGNORECASE)
_TWO_DIGIT_YEAR = re.compile(r"^\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}\s*$")
_YEARS = (1945, 2100)  # documents of the Vietnamese state; outside this a date is a typing error
_ABBREVIATION = re.compile(r"^[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*$")


_MONTH_ONLY = re.compile(
    r"^\s*(?:ngày\s+)?(?:[/.-]\s*)?(?:tháng\s+)?(\d{1,2})\s*(?:[/.-]|\s+năm)\s*(\d{4})\s*$", re.IGNORECASE
)


@dataclass
class Row:
    """One record of a table sheet: typed values and the cell each came from."""

    number: int
    values: dict[str, Any]
    cells: dict[str, str]
    invalid: set[str] = field(default_factory=set)  # keys whose cell was reported as wrong


@dataclass
class FormData:
    """What a workbook holds, with where each value came from, and what is wrong with it."""

    path: Path
    form: FormDefinition
    meta: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # reported, but do not stop the documents
    broken: set[str] = field(default_factory=set)  # sheets missing or missing a column: not checked further
    formulas: dict[str, set[str]] = field(default_factory=dict)  # sheet → cells with a never-computed formula
    reported: set[Problem] = field(default_factory=set, repr=False, compare=False)  # problems and warnings, once

    def problem(
        self,
        sheet_key: str | None,
        cell: str | None,
        field_key: str | None,
        message: str,
        hint: str = "",
        *,
        code: str,
        warning: bool = False,
    ):
        sheet = self.form.sheet(sheet_key) if sheet_key else None
        label = None
        if sheet is not None and field_key:
            label = sheet.field(field_key).label
        found = Problem(self.path.name, sheet.name if sheet else None, cell, label, message, hint, warning, code=code)
        # Several documents read the same field (every document of a dossier is signed by the Tờ
        # trình's signer): what is wrong with it is reported once.
        if found not in self.reported:
            self.reported.add(found)
            (self.warnings if warning else self.problems).append(found)

    def derive(self) -> FormData:
        """The same data with empty problem lists: what a builder reads and reports into, so that the
        data as read is never changed by building documents from it."""
        return dataclasses.replace(self, problems=[], warnings=[], reported=set())

    def field_problem(self, key: str, message: str, hint: str = "", *, code: str, warning: bool = False) -> None:
        """A problem with a field of the "fields" sheet that holds `key`."""
        for sheet in self.form.sheets:
            if sheet.kind == "fields" and any(item.key == key for item in sheet.fields):
                self.problem(sheet.key, self.cells.get(key), key, message, hint, code=code, warning=warning)
                return
        raise KeyError(key)


def _canon(text: Any) -> str:
    return nfc(str(text)).replace("*", "").strip().casefold()


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CONVERSION_SECONDS = 30.0  # LibreOffice's time for one .xls or .ods (a real one takes 2–4 s)
MAX_CONVERTED_BYTES = 64 * 1024 * 1024  # what LibreOffice may write for one workbook (a form: under 1 MB)
# LibreOffice's resident memory converting one workbook (a form: about 210 MB; 3 million cells: 370 MB).
MAX_CONVERSION_MEMORY = 500 * 1024 * 1024


def open_workbook(path: Path):
    """The workbook at `path`; .xls (Excel 97–2003) and .ods are converted to .xlsx by LibreOffice first."""
    if not path.exists():
        raise InputError(f"{path}: không tìm thấy tệp", hint="kiểm tra lại đường dẫn", code="KIT001")
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(
            f"{path}: là một thư mục, không phải tệp bảng tính",
            hint="chỉ tới tệp .xlsx trong thư mục đó",
            code="KIT096",
        )
    if suffix not in WORKBOOK_SUFFIXES:
        raise InputError(
            f"{path.name}: không phải tệp bảng tính (.xlsx, .xlsm, .xls, .ods)",
            hint="lưu biểu mẫu dạng .xlsx",
            code="KIT097",
        )
    # Judged by content, not by name: an .xlsx renamed .xls is a zip and gets every guard of one.
    content = kind_of(path)
    if content == "ole" and suffix in (".xlsx", ".xlsm"):
        raise InputError(
            f"{path.name}: tệp Excel có mật khẩu (hoặc tệp .xls đổi tên)",
            hint="mở bằng Excel, bỏ mật khẩu (File > Info > Protect Workbook) rồi lưu lại dạng .xlsx",
            code="KIT098",
        )
    if content == "zip":
        check_unpacked_size(path, path.name, "bảng tính")
        check_workbook_cost(path, path.name)
    convert_first = suffix == ".ods" or (suffix == ".xls" and content != "zip") or is_opendocument(path)
    # Read as bytes: openpyxl judges a path by its extension, and a name such as "...xlsx" has none.
    source: Any = path if convert_first else io.BytesIO(path.read_bytes())
    if not convert_first:
        _refuse_huge_merges(source, path.name)
    else:
        from ..office import convert

        converted = convert(
            [path],
            "xlsx",
            timeout=CONVERSION_SECONDS,
            max_output=MAX_CONVERTED_BYTES,
            max_memory=MAX_CONVERSION_MEMORY,
        )
        if path not in converted:
            raise InputError(
                f"{path.name}: LibreOffice không mở được tệp này",
                hint="mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx",
                code="KIT108",
            )
        source = io.BytesIO(converted[path])
        # What LibreOffice made of it: an 810-byte .ods can expand to 180 MB of cells.
        check_unpacked_size(source, path.name, "bảng tính")
        check_workbook_cost(source, path.name)
        _refuse_huge_merges(source, path.name)
    try:
        # data_only: a formula cell gives the value Excel last computed and saved. openpyxl warns
        # (in English, on stderr) about Excel features it skips, such as extended validations.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(source, data_only=True)
        workbook.kit_source = source  # for finding formulas Excel never computed (see _uncached_formulas)
        return workbook
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        # ValueError covers defusedxml's refusals (entity declarations, external entities: XML bombs
        # and XXE); SyntaxError is the XML parser's ParseError (expat's own amplification limit).
        if _entities_refused(exc):
            raise InputError(
                f"{path.name}: tệp có khai báo thực thể XML (DOCTYPE/ENTITY), thứ Excel không bao giờ ghi",
                hint="không đọc tệp này; kiểm tra nguồn của tệp, hoặc mở bằng Excel và lưu lại dạng .xlsx",
                code="KIT115",
            ) from None
        raise InputError(
            f"{path.name}: không đọc được tệp Excel: {unreadable_reason(exc, '.xlsx')}",
            hint="mở bằng Excel và lưu lại dạng .xlsx",
            code="KIT260",
        ) from None


MAX_MERGED_CELLS = 1_000_000  # openpyxl makes an object for every cell a merged range covers
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"')


def _refuse_huge_merges(source, name: str) -> None:
    """Merged ranges covering millions of cells (A1:XFD1048576 is 17 billion) are refused before
    openpyxl, which would build every covered cell, opens the file."""
    from openpyxl.utils.cell import range_boundaries

    try:
        with zipfile.ZipFile(source) as archive:
            parts = [item for item in archive.namelist() if item.startswith("xl/worksheets/") and item.endswith(".xml")]
            covered = 0
            for part in parts:
                for ref in _MERGE_REF.findall(archive.read(part)):
                    try:
                        low_column, low_row, high_column, high_row = range_boundaries(ref.decode("ascii", "replace"))
                    except (ValueError, TypeError):
                        continue  # openpyxl reports what it cannot read
                    if None in (low_column, low_row, high_column, high_row):
                        covered += MAX_MERGED_CELLS + 1  # a whole row or column
                    else:
                        covered += (abs(high_column - low_column) + 1) * (abs(high_row - low_row) + 1)
                if covered > MAX_MERGED_CELLS:
                    sheet = _sheet_names(archive).get(part, part.rsplit("/", 1)[-1])
                    limit = f"{MAX_MERGED_CELLS:,}".replace(",", ".")
                    raise InputError(
                        f"{name}, sheet '{sheet}': vùng ô gộp (merge) quá lớn (trên {limit} ô)",
                        hint="bỏ gộp ô (Unmerge) rồi lưu lại",
                        code="KIT122",
                    )
    except (zipfile.BadZipFile, OSError, KeyError):
        return  # reported when the workbook is read
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name as Excel shows it (read with patterns: no XML parser, no entities)."""
    import html

    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for relationship in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'\bId="([^"]*)"', relationship), re.search(r'\bTarget="([^"]*)"', relationship)
        if rid and target:
            targets[rid.group(1)] = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    names = {}
    for sheet in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        title, rid = re.search(r'\bname="([^"]*)"', sheet), re.search(r'\br:id="([^"]*)"', sheet)
        if title and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(title.group(1))
    return names


def _entities_refused(exc: BaseException | None) -> bool:
    """Whether reading stopped at an XML entity declaration or reference (an XML bomb, an XXE)."""
    seen = 0
    while exc is not None and seen < 10:  # openpyxl wraps a sheet's error in a ValueError of its own
        if type(exc).__module__.startswith("defusedxml") or (
            isinstance(exc, SyntaxError) and "entit" in str(exc).lower()
        ):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def read_meta(wb, path: Path) -> dict[str, str]:
    """The kit's record (hidden sheet) of which template and form version the workbook belongs to."""
    if META_SHEET not in wb.sheetnames:
        raise InputError(
            f"{path.name}: không phải biểu mẫu của vanban-kit (thiếu sheet ẩn '{META_SHEET}')",
            hint="tạo biểu mẫu của mẫu văn bản rồi điền vào đó",
            code="KIT099",
        )
    meta = {}
    rows = _valued_rows(wb[META_SHEET])
    for row in sorted(rows):
        key, value = rows[row].get(1), rows[row].get(2)
        if row >= 2 and key is not None and key.value:
            meta[str(key.value)] = "" if value is None or value.value is None else str(value.value)
    return meta


def _existing(ws) -> dict:
    """The cells the sheet's file holds, by (row, column). openpyxl's ws.cell() and iter_rows create
    every cell up to max_row × max_column: one styled empty cell at XFD2000 would make 33 million."""
    return ws._cells  # noqa: SLF001 - openpyxl has no public view of only the stored cells


def _valued_rows(ws, extra: set[str] | frozenset = frozenset()) -> dict[int, dict[int, Any]]:
    """Row → column → cell, for the stored cells holding a value (and those at the coordinates of
    `extra`, such as formulas without a saved value)."""
    rows: dict[int, dict[int, Any]] = {}
    for (row, column), cell in _existing(ws).items():
        if cell.value is not None or (extra and cell.coordinate in extra):
            rows.setdefault(row, {})[column] = cell
    return rows


class _Empty:
    """A cell the file does not hold."""

    value = None

    def __init__(self, row: int, column: int):
        self.coordinate = f"{get_column_letter(column)}{row}"


def _at(cells: dict[int, Any], row: int, column: int):
    return cells.get(column) or _Empty(row, column)


def _merged_problems(data: FormData, ws, sheet: Sheet, rows: dict[int, dict[int, Any]]) -> set[str]:
    """Report merged cells; return the coordinates of the stored cells (of `rows`) they cover."""
    ranges = list(ws.merged_cells.ranges)
    for merged in ranges:
        data.problem(
            sheet.key, str(merged), None, "ô đang được gộp (merge)", "bỏ gộp ô (Unmerge) rồi điền từng ô", code="KIT100"
        )
    covered = set()
    for row, cells in rows.items():
        for column, cell in cells.items():
            if any(m.min_row <= row <= m.max_row and m.min_col <= column <= m.max_col for m in ranges):
                covered.add(cell.coordinate)
    return covered


def _as_text(raw: Any) -> str:
    """A cell shown as text the way staff typed it, whatever type Excel stored it as."""
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time(0, 0):
            return raw.strftime("%d/%m/%Y")
        if raw.date() == dt.date(1899, 12, 30):  # a time alone
            return raw.strftime("%H:%M")
        return raw.strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, dt.time):
        return raw.strftime("%H:%M")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _parse(data: FormData, sheet: Sheet, field: Field, cell: str, raw: Any) -> Any:
    """The typed value of one cell, or None after recording a problem."""

    def bad(message: str, hint: str, *, code: str) -> None:
        data.problem(sheet.key, cell, field.key, message, hint, code=code)

    if isinstance(raw, str) and raw.strip() in _EXCEL_ERRORS:
        bad(f"ô có lỗi công thức '{raw.strip()}'", "sửa công thức hoặc nhập giá trị trực tiếp", code="KIT101")
        return None
    if isinstance(raw, bool):
        bad(f"ô chứa giá trị đúng/sai ({'TRUE' if raw else 'FALSE'})", "nhập chữ hoặc số vào ô này", code="KIT102")
        return None
    if field.type == "date":
        if field.year_alone:
            year = _year_alone(raw)
            if year is not None:
                return year
        if field.day_blank and isinstance(raw, str):
            match = _MONTH_ONLY.match(raw)
            if match and 1 <= int(match.group(1)) <= 12 and _YEARS[0] <= int(match.group(2)) <= _YEARS[1]:
                return MonthDate(int(match.group(2)), int(match.group(1)), 1)
            if not re.match(r"^\s*\d", raw):  # a date typed without its day: show the form that works
                return _parse_date(
                    raw,
                    bad,
                    "nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2026, hoặc chỉ ghi tháng và năm (/01/2026) để văn "
                    "thư ghi ngày khi ban hành",
                )
        return _parse_date(raw, bad)
    if field.type == "number":
        year_column = field.key == "nam" or field.label.casefold().startswith("năm")
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        number = None
        if isinstance(raw, int):
            if raw >= field.minimum:
                number = raw
        else:
            text = clean_text(_as_text(raw))
            if year_column:  # "năm 2024" as typed in a sentence
                text = re.sub(r"^năm\s+", "", text, flags=re.IGNORECASE)
            if text.isascii() and text.isdecimal() and int(text) >= field.minimum:  # not "²" or "٣"
                number = int(text)
        if number is not None and year_column and not 1000 <= number <= 9999:
            # "24" would be printed as typed and sorted before 2023.
            bad(f"'{_as_text(raw)}' không phải năm đủ bốn chữ số", "ghi năm đủ bốn chữ số, ví dụ 2024", code="KIT254")
            return None
        if number is not None and year_column and not _YEARS[0] <= number <= _YEARS[1]:
            bad(f"năm {number} nằm ngoài khoảng {_YEARS[0]}–{_YEARS[1]}", "kiểm tra lại năm, ví dụ 2024", code="KIT104")
            return None
        if number is not None:
            return number
        if year_column:
            bad(
                f"'{_as_text(raw)}' không phải một năm",
                "nhập năm bằng bốn chữ số, ví dụ 2024, hoặc để trống",
                code="KIT237",
            )
            return None
        kind = "số nguyên dương" if field.minimum >= 1 else "số nguyên không âm"
        bad(f"'{_as_text(raw)}' không phải {kind}", "nhập số, ví dụ 5 hoặc 05, hoặc để trống", code="KIT103")
        return None
    text = clean_text(_as_text(raw))
    if not text:
        return None
    if field.type == "choice":
        code = field.code_for(text)
        if code is None:
            labels = ", ".join(choice.label for choice in field.choices)
            bad(f"'{text}' không có trong danh sách chọn", f"chọn một trong: {labels}", code="KIT110")
        return code
    if field.type == "abbreviation":
        text = text.replace(" ", "")
        if not _ABBREVIATION.match(text):
            bad(
                f"'{text}' không phải chữ viết tắt hợp lệ",
                "dùng chữ in hoa và chữ số, không dấu cách, không dấu '/', ví dụ SKHĐT",
                code="KIT111",
            )
            return None
        return text
    if field.type == "text":
        return " ".join(line for line in text.split("\n") if line)
    return text


def _year_alone(raw: Any) -> int | None:
    """A year typed alone in a date column: 1990 (a number, which Excel would otherwise read as a day
    of 1905) or "1990", "năm 1990"."""
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0, 0) and raw.year == 1905:
        # 1990 typed in a cell formatted as a date: Excel stored day 1990 after 1900, shown as 12/06/1905.
        from openpyxl.utils.datetime import to_excel

        raw = to_excel(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = (
        str(raw)
        if isinstance(raw, int) and not isinstance(raw, bool)
        else clean_text(_as_text(raw))
        if isinstance(raw, str)
        else ""
    )
    text = re.sub(r"^năm\s+", "", text, flags=re.IGNORECASE)
    if len(text) == 4 and text.isascii() and text.isdecimal() and 1900 <= int(text) <= _YEARS[1]:
        return int(text)
    return None


def _parse_date(raw: Any, bad, hint: str = "nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021") -> dt.date | None:
    value = None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, (int, float)):
        try:
            value = from_excel(raw).date()
        except (ValueError, OverflowError, TypeError):
            value = None
        if value is None or not _YEARS[0] <= value.year <= _YEARS[1]:
            bad(f"số {_as_text(raw)} không phải một ngày (ô ngày chứa một số)", hint, code="KIT123")
            return None
    else:
        text = clean_text(_as_text(raw))
        if _TWO_DIGIT_YEAR.match(text):
            bad(f"'{text}' ghi năm bằng hai chữ số", "ghi đủ bốn chữ số của năm, ví dụ 05/01/2021", code="KIT124")
            return None
        match = _DATE_TEXT.match(text) or _DATE_WORDS.match(text)
        if match:
            day, month, year = map(int, match.groups())
            try:
                value = dt.date(year, month, day)
            except ValueError:
                value = None
        if value is None:
            bad(f"'{text}' không phải ngày hợp lệ", hint, code="KIT125")
            return None
    if not _YEARS[0] <= value.year <= _YEARS[1]:
        bad(f"năm {value.year} nằm ngoài khoảng {_YEARS[0]}–{_YEARS[1]}", hint, code="KIT104")
        return None
    return value


def _read_fields(data: FormData, ws, sheet: Sheet) -> None:
    rows = _valued_rows(ws, data.formulas.get(sheet.name, set()))
    merged = _merged_problems(data, ws, sheet, rows)
    by_label = {_canon(item.label): item for item in sheet.fields}
    found: dict[str, int] = {}
    for row in sorted(r for r in rows if r >= 2):  # rows the file holds nothing in have nothing to read
        cells = rows[row]
        label = _at(cells, row, 1).value
        value_cell = _at(cells, row, 2)
        for column in sorted(c for c in cells if c >= 4):
            stray = cells[column]
            if stray.value not in (None, "") and stray.coordinate not in merged:
                data.problem(
                    sheet.key,
                    stray.coordinate,
                    None,
                    "có dữ liệu nằm ngoài biểu mẫu",
                    "chỉ điền vào cột B; xóa ô này hoặc chuyển nội dung vào cột B",
                    code="KIT116",
                )
        if label in (None, ""):
            if value_cell.value not in (None, "") and value_cell.coordinate not in merged:
                data.problem(
                    sheet.key,
                    value_cell.coordinate,
                    None,
                    "có dữ liệu ở dòng không có tên thông tin",
                    "xóa ô này hoặc chuyển nội dung vào đúng dòng",
                    code="KIT117",
                )
            continue
        item = by_label.get(_canon(label))
        if item is None:
            if value_cell.value not in (None, ""):
                data.problem(
                    sheet.key,
                    f"A{row}",
                    None,
                    f"dòng '{nfc(str(label))}' không có trong biểu mẫu",
                    "không đổi tên các dòng ở cột A; tạo lại biểu mẫu nếu cần",
                    code="KIT118",
                )
            continue
        if item.key in found:
            data.problem(
                sheet.key,
                f"A{row}",
                item.key,
                f"dòng này lặp lại (đã có ở dòng {found[item.key]})",
                "xóa dòng lặp",
                code="KIT112",
            )
            continue
        found[item.key] = row
        data.cells[item.key] = value_cell.coordinate
        if value_cell.coordinate in merged:
            continue
        raw = value_cell.value
        if raw is None and _empty_formula(data, sheet, value_cell.coordinate, item.key):
            data.values[item.key] = None
            continue
        if raw is None or (isinstance(raw, str) and not clean_text(raw)):
            value = item.default
            if value is None and item.required:
                data.problem(
                    sheet.key,
                    value_cell.coordinate,
                    item.key,
                    "chưa điền (bắt buộc)",
                    item.help or "điền thông tin này",
                    code="KIT119",
                )
        else:
            value = _parse(data, sheet, item, value_cell.coordinate, raw)
        data.values[item.key] = value
    for item in sheet.fields:
        if item.key not in found:
            data.values[item.key] = item.default
            if item.required:
                data.problem(
                    sheet.key,
                    None,
                    item.key,
                    "thiếu dòng này trong sheet",
                    "tạo lại biểu mẫu và chép dữ liệu sang",
                    code="KIT120",
                )


def _read_table(data: FormData, ws, sheet: Sheet) -> None:
    stored = _valued_rows(ws, data.formulas.get(sheet.name, set()))
    merged = _merged_problems(data, ws, sheet, stored)
    by_label = {_canon(item.label): item for item in sheet.fields}
    columns: dict[int, Field] = {}
    unknown: set[int] = set()  # reported once by their header, not again cell by cell
    for column in sorted(stored.get(1, {})):
        header = stored[1][column].value
        if header in (None, ""):
            continue
        item = by_label.get(_canon(header))
        if item is None:
            data.problem(
                sheet.key,
                f"{get_column_letter(column)}1",
                None,
                f"cột '{nfc(str(header))}' không có trong biểu mẫu",
                "không đổi tên tiêu đề cột; xóa cột thừa",
                code="KIT113",
            )
            unknown.add(column)
            continue
        columns[column] = item
    for item in sheet.fields:
        if item not in columns.values():
            data.broken.add(sheet.key)
            data.problem(
                sheet.key,
                None,
                item.key,
                "thiếu cột này ở dòng tiêu đề",
                "tạo lại biểu mẫu và chép dữ liệu sang",
                code="KIT114",
            )
    rows = []
    for row in sorted(r for r in stored if r >= 2):  # rows the file holds nothing in are empty rows
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        invalid: set[str] = set()
        empty = True
        for column in sorted(stored[row]):
            cell = stored[row][column]
            raw = cell.value
            if (
                raw is None
                and columns.get(column)
                and _empty_formula(data, sheet, cell.coordinate, columns[column].key)
            ):
                empty = False
                invalid.add(columns[column].key)
                continue
            if raw is None or (isinstance(raw, str) and not clean_text(raw)):
                continue
            empty = False
            if cell.coordinate in merged:
                continue
            item = columns.get(column)
            if item is None and column in unknown:
                continue
            if item is None:
                data.problem(
                    sheet.key,
                    cell.coordinate,
                    None,
                    "có dữ liệu nằm ngoài các cột của biểu mẫu",
                    "xóa ô này hoặc chuyển nội dung vào đúng cột",
                    code="KIT121",
                )
                continue
            reported = len(data.problems)
            value = _parse(data, sheet, item, cell.coordinate, raw)
            cells[item.key] = cell.coordinate
            if value is not None:
                values[item.key] = value
            elif len(data.problems) > reported:
                invalid.add(item.key)
        if empty:
            continue
        for column, item in columns.items():
            cells.setdefault(item.key, f"{get_column_letter(column)}{row}")
        rows.append(Row(row, values, cells, invalid))
    data.tables[sheet.key] = rows


_CELL_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")  # a cell's <f>, not <formula1> of a validation


def _has_cell_formulas(source) -> bool:
    """Whether any worksheet holds a cell formula: most workbooks have none, and then the second
    reading of the workbook (with formulas) is not needed."""
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            return any(
                _CELL_FORMULA.search(archive.read(name))
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (zipfile.BadZipFile, OSError, KeyError):
        return True  # let openpyxl say what is wrong


def _uncached_formulas(wb) -> dict[str, set[str]]:
    """Cells holding a formula whose value was never computed and saved (a file not saved by Excel or
    LibreOffice): with data_only they read as empty, which must not pass for an empty cell."""
    source = getattr(wb, "kit_source", None)
    if source is None or not _has_cell_formulas(source):
        return {}
    if hasattr(source, "seek"):
        source.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = load_workbook(source, data_only=False)
    found: dict[str, set[str]] = {}
    for ws in formulas.worksheets:
        cells = {cell.coordinate for cell in _existing(ws).values() if cell.data_type == "f"}
        if cells:
            found[ws.title] = cells
    formulas.close()
    return found


def _empty_formula(data: FormData, sheet: Sheet, coordinate: str, field_key: str | None) -> bool:
    if coordinate in data.formulas.get(sheet.name, set()):
        data.problem(
            sheet.key,
            coordinate,
            field_key,
            "ô có công thức nhưng chưa có giá trị đã tính",
            "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, hoặc nhập giá trị trực tiếp vào ô",
            code="KIT105",
        )
        return True
    return False


def _hidden_warnings(data: FormData, ws, sheet: Sheet) -> None:
    """Hidden sheets and rows are read like the others; the user is told, so nothing is used unseen."""
    if ws.sheet_state != "visible":
        data.problem(
            sheet.key,
            None,
            None,
            "sheet đang bị ẩn — vẫn được đọc",
            "bỏ ẩn sheet (Unhide) để xem nội dung",
            warning=True,
            code="KIT106",
        )
    rows = _valued_rows(ws)
    hidden = [
        row
        for row, dimension in ws.row_dimensions.items()
        if dimension.hidden and row > 1 and any(cell.value not in (None, "") for cell in rows.get(row, {}).values())
    ]
    if hidden:
        numbers = ", ".join(str(row) for row in sorted(hidden)[:10])
        data.problem(
            sheet.key,
            None,
            None,
            f"dòng {numbers} đang bị ẩn — vẫn được đọc",
            "bỏ ẩn dòng (Unhide) để kiểm tra, hoặc xóa nếu không dùng",
            warning=True,
            code="KIT107",
        )


def read_workbook(wb, path: Path, form: FormDefinition, meta: dict[str, str]) -> FormData:
    """Read every sheet of the form from an open workbook; problems are collected, not raised."""
    data = FormData(path=path, form=form, meta=meta)
    data.formulas = _uncached_formulas(wb)
    for sheet in form.sheets:
        if sheet.kind == "instructions":
            continue
        if sheet.name not in wb.sheetnames:
            data.broken.add(sheet.key)
            if not sheet.optional:
                data.problems.append(
                    Problem(
                        path.name,
                        sheet.name,
                        None,
                        None,
                        "thiếu sheet này",
                        f"không đổi tên hay xóa sheet '{sheet.name}'; tạo lại biểu mẫu nếu cần",
                        code="KIT406",
                    )
                )
            if sheet.kind == "fields":
                for item in sheet.fields:
                    data.values[item.key] = item.default
            else:
                data.tables[sheet.key] = []
            continue
        ws = wb[sheet.name]
        _hidden_warnings(data, ws, sheet)
        if sheet.kind == "fields":
            _read_fields(data, ws, sheet)
        else:
            _read_table(data, ws, sheet)
    return data


__all__ = ["FormData", "Row", "read_workbook", "read_meta", "LISTS_SHEET"]
