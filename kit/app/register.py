"""The award register (so-khen-thuong.xlsx): one row per award of each decision, appended atomically.

The decision step (kit decision) appends its rows; a decision already in the register (same number
and date) is never added twice. The whole register is rewritten to a temporary file beside it and
swapped in with os.replace, under a lock, so a run stopped midway leaves the old register whole and
two runs never lose each other's rows. New dossiers are checked against it: warnings only, each
naming the register rows it relies on.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import fileio
from ..award_law import AwardLaw
from ..errors import InputError, Problem
from ..vn import identity_key, nfc

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
    from ..form.read import open_workbook

    path = Path(path)
    if not path.exists():
        return Register(path)
    wb = open_workbook(path)
    try:
        if SHEET not in wb.sheetnames:
            raise InputError(
                f"{path.name}: không có sheet '{SHEET}' — đây không phải sổ khen thưởng do kit lập; "
                "chọn đúng tệp sổ hoặc một tên tệp mới"
            )
        ws = wb[SHEET]
        header = [_cell_value(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
        expected = [heading for _, heading, _ in COLUMNS]
        if header[: len(expected)] != expected:
            raise InputError(
                f"{path.name}, sheet '{SHEET}': dòng tiêu đề đã bị sửa — giữ nguyên các cột ({', '.join(expected)})"
            )
        rows = []
        for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if number > MAX_ROWS:
                raise InputError(f"{path.name}: sổ có hơn {MAX_ROWS} dòng — chia sổ theo năm")
            cleaned = [_cell_value(v) for v in values[: len(KEYS)]]
            if all(v in (None, "") for v in cleaned):
                continue
            rows.append(dict(zip(KEYS, cleaned, strict=False)))  # a short row: its last cells empty
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


def _row_text(row: dict[str, Any]) -> str:
    day = row.get("ngay_quyet_dinh")
    when = f" ngày {day:%d/%m/%Y}" if isinstance(day, dt.date) else ""
    return f"dòng {row.get('stt')}: QĐ {row.get('so_quyet_dinh') or '(chưa số)'}{when}, {row.get('hinh_thuc')}"


def _certainty(criterion: dict) -> str:
    # "S" is an article quoting the text, never the text itself (domain.md H14)
    return {"S": "theo bài viết trích dẫn văn bản", "R": "theo nguồn tin cậy, chưa đối chiếu văn bản gốc"}.get(
        criterion.get("certainty", ""), "CHƯA KIỂM CHỨNG"
    )


def _again_hint(award: str, law: AwardLaw | None) -> str:
    """What the law says of the same award twice (domain.md H7): a danh hiệu is yearly; a hình thức may be
    given again, but one achievement earns one award only (Luật Thi đua, khen thưởng 2022 Điều 5.2.c)."""
    rule = law.award(award) if law is not None else None
    if rule is not None and rule.is_title:
        return "kiểm tra lại: danh hiệu thi đua xét mỗi năm một lần"
    return (
        "kiểm tra lại: một hình thức khen thưởng có thể tặng nhiều lần cho cùng một người, nhưng mỗi thành tích "
        "chỉ được khen một lần (Luật Thi đua, khen thưởng 2022 Điều 5 khoản 2 điểm c)"
    )


def check_dossier(
    register_path: Path,
    workbook_name: str,
    candidates: list,
    year: int,
    criteria: list[dict],
    prior_rows: dict[str, list[dict]] | None = None,
    law: AwardLaw | None = None,
) -> list[Problem]:
    """Warnings for a new dossier: a candidate already awarded the same title in `year` (from the
    register), and each criterion of the pack (criteria data) a candidate does not visibly meet. Never
    errors: the register may be incomplete and a criterion may be unverified."""
    rows = read(register_path).rows if Path(register_path).exists() else []
    by_person: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("ten"):
            by_person.setdefault(identity_key(row["ten"]), []).append(row)
    warnings = []
    register_name = Path(register_path).name
    for c in candidates:
        key = identity_key(c.name)
        mine = by_person.get(key, [])
        same = [
            row
            for row in mine
            if row.get("hinh_thuc") == c.award
            and isinstance(row.get("ngay_quyet_dinh"), dt.date)
            and row["ngay_quyet_dinh"].year == year
        ]
        if same:
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("ten"),
                    "Họ và tên / Tên tập thể",
                    f"“{c.name}” đã được {c.award} năm {year} theo {register_name} "
                    f"({'; '.join(_row_text(r) for r in same)})",
                    _again_hint(c.award, law),
                )
            )
        for criterion in criteria:
            if criterion.get("award") != c.award or criterion.get("kind", c.kind) != c.kind:
                continue
            needed = int(criterion.get("consecutive_years", 1))
            years = {
                row["ngay_quyet_dinh"].year: row
                for row in mine
                if row.get("hinh_thuc") == criterion.get("requires") and isinstance(row.get("ngay_quyet_dinh"), dt.date)
            }
            for award in (prior_rows or {}).get(key, []):
                if award.get("hinh_thuc") == criterion.get("requires") and isinstance(award.get("nam"), int):
                    years.setdefault(
                        award["nam"],
                        {
                            "stt": "sheet Khen thưởng đã nhận",
                            "so_quyet_dinh": award.get("so_quyet_dinh"),
                            "ngay_quyet_dinh": award.get("ngay"),
                            "hinh_thuc": award.get("hinh_thuc"),
                        },
                    )
            run = _longest_run_ending(years, year)
            if run >= needed:
                continue
            relied = "; ".join(_row_text(years[y]) for y in sorted(years)) or "không có dòng nào"
            alternative = " (một trong các tiêu chuẩn)" if criterion.get("alternative") else ""
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("hinh_thuc"),
                    "Hình thức đề nghị",
                    f"“{c.name}” đề nghị {c.award}: tiêu chuẩn{alternative} “{criterion.get('text', '')}” "
                    f"— sổ và sheet Khen thưởng đã nhận chỉ cho thấy {run} năm liên tục ({relied}); "
                    f"nguồn: {criterion.get('source', '?')} [{_certainty(criterion)}]",
                    "kiểm tra hồ sơ khen thưởng của người này; đây là cảnh báo, không phải lỗi",
                )
            )
    return warnings


def _longest_run_ending(years: dict[int, Any], year: int) -> int:
    """Consecutive years with the title, ending in `year` or the year before (this year's may be pending)."""
    best = 0
    for end in (year, year - 1):
        run = 0
        while end - run in years and run < 100:
            run += 1
        best = max(best, run)
    return best
