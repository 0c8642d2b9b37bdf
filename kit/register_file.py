"""The award register file (so-khen-thuong.xlsx): one row per award of each decision, appended atomically.

A decision already in the register (same number and date) is never added twice. The whole register is
rewritten to a temporary file beside it and swapped in with os.replace, under a lock, so a run stopped
midway leaves the old register whole and two runs never lose each other's rows. What the application
does with it (the decision appends, a new dossier is checked against it) is kit/app/register.py.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import fileio
from .errors import InputError
from .vn import identity_key, nfc

SHEET = "Sổ khen thưởng"
SUMMARY_SHEET = "Tổng hợp"
# (key, column heading, width)
COLUMNS = (
    ("stt", "STT", 6),
    ("so_quyet_dinh", "Số quyết định", 18),
    ("ngay_quyet_dinh", "Ngày quyết định", 14),
    ("co_quan", "Cơ quan quyết định", 30),
    ("hinh_thuc", "Hình thức khen thưởng", 36),
    ("loai", "Cá nhân / Tập thể", 12),
    ("ten", "Họ và tên / Tên tập thể", 30),
    ("chuc_vu", "Chức vụ", 28),
    ("don_vi", "Đơn vị", 30),
    ("thanh_tich", "Tóm tắt thành tích", 50),
    ("tien_thuong", "Tiền thưởng", 26),
    ("so_vao_so", "Số vào sổ (số giấy khen)", 14),
)
KEYS = tuple(key for key, _, _ in COLUMNS)
TEXT_KEYS = ("so_quyet_dinh", "co_quan", "hinh_thuc", "loai", "ten", "chuc_vu", "don_vi", "thanh_tich")
MAX_ROWS = 200_000  # a register of a province's lifetime; reading stops there (every loop is bounded)
DEFAULT_NAME = "so-khen-thuong.xlsx"


@dataclass
class Register:
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)

    def has_decision(self, number: str, day: dt.date | None) -> bool:
        return any(row.get("so_quyet_dinh") == number and row.get("ngay_quyet_dinh") == day for row in self.rows)

    def next_number(self) -> int:
        numbers = [row["so_vao_so"] for row in self.rows if isinstance(row.get("so_vao_so"), int)]
        return max(numbers, default=0) + 1


@dataclass
class AppendResult:
    path: Path
    added: int
    already: bool  # the decision was in the register: nothing added


def _cell_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return nfc(value).strip()
    return value


def read(path: Path) -> Register:
    """The register at `path` (an empty one when the file does not exist yet)."""
    from .form.read import open_workbook

    path = Path(path)
    if not path.exists():
        return Register(path)
    wb = open_workbook(path)
    try:
        if SHEET not in wb.sheetnames:
            raise InputError(
                f"{path.name}: không có sheet '{SHEET}'",
                hint="đây không phải sổ khen thưởng do kit lập; chọn đúng tệp sổ hoặc một tên tệp mới",
                code="KIT217",
            )
        ws = wb[SHEET]
        header = [_cell_value(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
        expected = [heading for _, heading, _ in COLUMNS]
        if header[: len(expected)] != expected:
            raise InputError(
                f"{path.name}, sheet '{SHEET}': dòng tiêu đề đã bị sửa",
                hint=f"giữ nguyên các cột ({', '.join(expected)})",
                code="KIT218",
            )
        rows = []
        for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if number > MAX_ROWS:
                raise InputError(f"{path.name}: sổ có hơn {MAX_ROWS} dòng", hint="chia sổ theo năm", code="KIT219")
            cleaned = [_cell_value(v) for v in values[: len(KEYS)]]
            if all(v in (None, "") for v in cleaned):
                continue
            row = dict(zip(KEYS, cleaned, strict=False))  # a short row: its last cells empty
            for key in TEXT_KEYS:  # a name typed as a number (or a date) is still read as text
                if row.get(key) is not None and not isinstance(row[key], str):
                    row[key] = str(row[key])
            rows.append(row)
        return Register(path, rows)
    finally:
        wb.close()


def _put(ws, row: int, column: int, value: Any) -> None:
    """Text stays text, never a formula (a name "=HYPERLINK(…)" must not become live in Excel)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"


def summary(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, int, int]]]:
    """Awards per year, per unit, per title: (label, individuals, collectives), sorted by label."""
    tables: dict[str, Counter] = {"Năm": Counter(), "Đơn vị": Counter(), "Hình thức khen thưởng": Counter()}
    for row in rows:
        day = row.get("ngay_quyet_dinh")
        kind = "tap_the" if row.get("loai") == "Tập thể" else "ca_nhan"
        for table, label in (
            ("Năm", str(day.year) if isinstance(day, dt.date) else "(không rõ)"),
            ("Đơn vị", row.get("don_vi") or "(không rõ)"),
            ("Hình thức khen thưởng", row.get("hinh_thuc") or "(không rõ)"),
        ):
            tables[table][(str(label), kind)] += 1
    result = {}
    for table, counts in tables.items():
        labels = sorted({label for label, _ in counts})
        result[table] = [(label, counts[(label, "ca_nhan")], counts[(label, "tap_the")]) for label in labels]
    return result


def to_bytes(register: Register) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for column, (_, heading, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    for number, row in enumerate(register.rows, start=2):
        for column, key in enumerate(KEYS, start=1):
            _put(ws, number, column, row.get(key))
    totals = wb.create_sheet(SUMMARY_SHEET)
    line = 1
    for table, entries in summary(register.rows).items():
        for column, text in enumerate((table, "Cá nhân", "Tập thể", "Cộng"), start=1):
            totals.cell(row=line, column=column, value=text).font = Font(bold=True)
        for label, people, groups in entries:
            line += 1
            _put(totals, line, 1, label)
            for column, value in enumerate((people, groups, people + groups), start=2):
                totals.cell(row=line, column=column, value=value)
        line += 2
    totals.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def append(path: Path, rows: list[dict[str, Any]]) -> AppendResult:
    """Add one decision's rows (each with so_quyet_dinh and ngay_quyet_dinh) to the register at `path`.

    Numbers rows (STT) and certificates (Số vào sổ) on from the register's last ones. The register is
    rewritten beside itself and swapped in (os.replace): stopped midway, the old register is intact.
    """
    path = Path(path)
    if not rows:
        return AppendResult(path, 0, False)
    number, day = rows[0]["so_quyet_dinh"], rows[0]["ngay_quyet_dinh"]
    with fileio.OutputLock(path):
        register = read(path)
        if register.has_decision(number, day):
            return AppendResult(path, 0, True)
        first = register.next_number()
        for offset, row in enumerate(rows):
            register.rows.append({**row, "stt": len(register.rows) + 1, "so_vao_so": first + offset})
        fileio.write_atomic(path, to_bytes(register))
    return AppendResult(path, len(rows), False)


def certificate_numbers(path: Path, number: str, day: dt.date | None) -> dict[str, int]:
    """The register numbers of one decision's awardees, by their name's identity key."""
    if not Path(path).exists():
        return {}
    return {
        identity_key(row["ten"]): row["so_vao_so"]
        for row in read(path).rows
        if row.get("so_quyet_dinh") == number
        and row.get("ngay_quyet_dinh") == day
        and row.get("ten")
        and isinstance(row.get("so_vao_so"), int)
    }
