"""The award register for the clerk: what kit decision records, what kit register imports and exports,
and the warnings a new dossier gets from the history (the store itself is kit/register).

The Excel workbook is import and export only: the kit reads a unit's own register (its columns found by
their Vietnamese headings) and writes a new .xlsx on export, never rewriting a workbook a person keeps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import fileio
from ..award_law import AwardLaw
from ..errors import InputError, KitError, Problem, ProblemsError, UsageError
from ..register import (
    AwardRecord,
    DecisionRecord,
    HistoryRow,
    RecordResult,
    Store,
    backup,
    birth_shown,
    birth_text,
    category_of,
    key_of,
    resolve_url,
    upgrade,
)
from ..register import open_store as _open_store
from ..vn import identity_key, lines_of, nfc

DEFAULT_EXPORT = "so-khen-thuong.xlsx"
MAX_ROWS = 200_000  # a province's lifetime of awards; reading stops there (every loop is bounded)
KIND_BY_TEXT = {"cá nhân": "ca_nhan", "tập thể": "tap_the", "ca_nhan": "ca_nhan", "tap_the": "tap_the"}
KIND_TEXT = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}

# The columns of a register workbook, found by their headings (first the heading kit export writes).
HEADINGS: dict[str, tuple[str, ...]] = {
    "ten": ("Họ và tên / Tên tập thể", "Họ và tên", "Họ tên", "Tên tập thể", "Tên cá nhân, tập thể"),
    "ngay_sinh": ("Ngày sinh", "Năm sinh", "Ngày, tháng, năm sinh"),
    "gioi_tinh": ("Giới tính",),
    "dinh_danh": ("Số định danh", "Mã định danh", "Số CCCD", "CCCD"),
    "loai": ("Cá nhân / Tập thể", "Loại"),
    "chuc_vu": ("Chức vụ",),
    "don_vi": ("Đơn vị", "Đơn vị công tác"),
    "don_vi_cap_tren": ("Đơn vị cấp trên", "Cơ quan chủ quản"),
    "nam": ("Năm", "Năm khen thưởng"),
    "hinh_thuc": ("Danh hiệu/Hình thức", "Hình thức khen thưởng", "Danh hiệu", "Hình thức", "Danh hiệu thi đua"),
    "so_quyet_dinh": ("Số quyết định", "Số QĐ"),
    "ngay_quyet_dinh": ("Ngày quyết định", "Ngày QĐ"),
    "co_quan": ("Cơ quan ban hành", "Cơ quan quyết định"),
    "thanh_tich": ("Tóm tắt thành tích", "Thành tích"),
    "tien_thuong": ("Tiền thưởng",),
    "so_vao_so": ("Số vào sổ (số giấy khen)", "Số vào sổ", "Số sổ vàng"),
}
REQUIRED = ("ten", "hinh_thuc", "so_quyet_dinh", "co_quan")
EXPORT_COLUMNS = (
    ("so_vao_so", 10),
    ("so_quyet_dinh", 18),
    ("ngay_quyet_dinh", 14),
    ("co_quan", 30),
    ("hinh_thuc", 36),
    ("loai", 12),
    ("ten", 30),
    ("ngay_sinh", 12),
    ("dinh_danh", 14),
    ("chuc_vu", 28),
    ("don_vi", 30),
    ("nam", 8),
    ("tien_thuong", 24),
)
EXPORT_SHEET = "Sổ khen thưởng"
SUMMARY_SHEET = "Tổng hợp"


def open_register(db: str | Path | None = None, *, create: bool = True) -> Store:
    """The register store (--db, KIT_DATABASE_URL, or the user's data folder)."""
    return _open_store(db, create=create)


def existing_register(db: str | Path | None = None) -> Store | None:
    """The store named by `db` (which must exist), or else the default store when there is one (None
    when nobody has recorded anything yet): reading commands never create a store."""
    from ..register.store import make_url, resolve_url

    if db not in (None, ""):
        return _open_store(db, create=False)
    url = resolve_url(None)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(str(parsed.database)).exists():
        return None
    return _open_store(url, create=False)


def shown_register(db: str | Path | None = None) -> str:
    """The register's place as a user reads it: the SQLite file's path, or the server's URL without password."""
    from ..register.store import make_url, shown_url

    url = resolve_url(db)
    parsed = make_url(url)
    return str(parsed.database) if parsed.get_backend_name() == "sqlite" else shown_url(url)


def _heading_key(text: Any) -> str:
    return re.sub(r"\s*/\s*", "/", identity_key(str(text or "")))


# --- kit decision ----------------------------------------------------------------------------------


def candidate_key(name: str, born: Any, identifier: Any = "") -> tuple[str, str, str]:
    """A dossier candidate as the register keys a person: name, birth date, identifier."""
    return key_of(name), birth_text(born), _text(identifier)


def identifier_of(candidate) -> str:
    """The candidate's Số định danh (the dossier's column for namesakes born the same day), as text: a
    CCCD number typed as a number in Excel is the same number."""
    return _text(candidate.value("so_dinh_danh")) if candidate.kind == "ca_nhan" else ""


def _coefficient(text: Any) -> Decimal | None:
    match = re.search(r"(\d+(?:[.,]\d+)?)\s*lần", str(text or ""))
    if not match:
        return None
    try:
        return Decimal(match.group(1).replace(",", "."))
    except InvalidOperation:
        return None


def decision_record(data, collected, contexts: dict, source: str, sha256: str = "") -> tuple[DecisionRecord, list]:
    """The decision of a dossier workbook as the register records it: the decision and one award per awardee."""
    from ..documents.ho_so import KIND_TEXT as DOSSIER_KIND

    values = data.values
    day = values["ngay_quyet_dinh"]
    number = values.get("so_quyet_dinh")
    abbreviation = values.get("viet_tat_co_quan_qd") or ""
    decision = DecisionRecord(
        number=f"{number}/QĐ-{abbreviation}",
        issuer=" ".join(lines_of(values.get("co_quan_quyet_dinh") or "")),
        signed_on=day,
        year=day.year,
        authority=" ".join(lines_of(values.get("tham_quyen_ban_hanh") or "")),
        kind=str(values.get("loai_dot") or ""),
        campaign=str(values.get("ten_dot") or ""),
        file_sha256=sha256,
        source=source,
    )
    decision_context = next(context for _, context in contexts.values() if "dieu_thi_hanh" in context)
    # What the decision says: the multiple of the mức lương cơ sở and, when the decision prints it, the amount.
    lines = {(line["hinh_thuc"], line["doi_tuong"]): line for line in decision_context["tien_thuong"]}
    awards = []
    for c in collected.candidates:
        line = lines.get((c.award, DOSSIER_KIND[c.kind]), {})
        rate = line.get("he_so")
        digits = re.sub(r"\D", "", str(line.get("so_tien") or ""))
        awards.append(
            _award_record(
                c,
                position=" ".join(lines_of(c.value("chuc_vu") or "")),
                unit=" ".join(lines_of(c.value("don_vi") or "")),
                achievement=str(c.value("tom_tat") or ""),
                coefficient=_coefficient(f"{rate} lần") if rate else None,
                amount=int(digits) if digits and len(digits) < 12 else None,
                money_text=(
                    (
                        f"{line['so_tien']} đồng ({rate} lần mức lương cơ sở)"
                        if line.get("so_tien")
                        else f"{rate} lần mức lương cơ sở"
                    )
                    if rate
                    else ""
                ),
            )
        )
    return decision, awards


def _award_record(c, **more) -> AwardRecord:
    """Who a candidate of a dossier or a decision is, as the register keeps them; `more` adds what a
    decision says of them (position, unit, money)."""
    return AwardRecord(
        name=c.name,
        award=c.award,
        kind=c.kind,
        birth=birth_text(c.value("ngay_sinh")) if c.kind == "ca_nhan" else "",
        identifier=identifier_of(c),
        gender=str(c.value("gioi_tinh") or ""),
        # a collective's unit is the body it belongs to
        parent_unit=" ".join(lines_of(c.value("don_vi") or "")) if c.kind == "tap_the" else "",
        **more,
    )


def certificate_numbers(store: Store, decision: DecisionRecord) -> dict[tuple[str, str, str], int]:
    """The register numbers of one decision's awardees, by (name key, birth, identifier) — namesakes apart."""
    return store.numbers_of(decision)


# --- import ----------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    path: Path
    decisions: int = 0  # recorded now
    already: int = 0  # already in the register (an import run again)
    awards: int = 0
    # what was not understood and left out (with skip_bad), each a message the adapter words
    skipped: list[KitError] = field(default_factory=list)


@dataclass
class _Row:
    place: str  # "so.xlsx, sheet 'Năm 2024', dòng 5"
    decision: DecisionRecord
    award: AwardRecord


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(text) from None
    if text:
        raise ValueError(text)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(nfc(str(value)).split())


def _register_number(value: Any) -> int | None:
    """A register number typed as a number or as text ("12", " 12 "): the same number."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{1,9}", text) and int(text) > 0:
        return int(text)
    raise ValueError(text)


def _row_award(
    place: str, values: dict[str, Any], cells: dict[str, str]
) -> tuple[_Row | None, list[KitError], tuple[str, str]]:
    """One register row, or the problems that stop it (each at its cell); and the row's decision
    (number, issuer) as far as it can be read, so that --skip-bad leaves that decision out whole."""
    problems: list[KitError] = []
    decision_key = (key_of(_text(values.get("so_quyet_dinh"))).replace(" ", ""), key_of(_text(values.get("co_quan"))))

    def bad(message: str, hint: str, *, code: str, key: str) -> None:
        where = f"{place}, ô {cells[key]} ({HEADINGS[key][0]})" if cells.get(key) else place
        problems.append(InputError(f"{where}: {message}", hint=hint, code=code))

    name_value = values.get("ten")
    if isinstance(name_value, (dt.date, dt.datetime, int, float)) and not isinstance(name_value, bool):
        shown = (
            f"một ngày ({name_value:%d/%m/%Y})" if isinstance(name_value, dt.date) else f"một số ({_text(name_value)})"
        )
        bad(f"là {shown}, không phải họ tên", "kiểm tra các cột có bị lệch không", code="KIT470", key="ten")
    for key in REQUIRED:
        if key in cells and not _text(values.get(key)):
            bad("chưa điền", "điền ô này, hoặc bỏ dòng khỏi tệp nhập", code="KIT471", key=key)
    signed_on = None
    if "ngay_quyet_dinh" in cells:
        try:
            signed_on = _parse_date(values.get("ngay_quyet_dinh"))
        except ValueError as error:
            bad(f"“{error}” không phải ngày", "ghi dạng dd/mm/yyyy", code="KIT472", key="ngay_quyet_dinh")
    year = signed_on.year if signed_on else None
    if year is None and _text(values.get("nam")):
        text = _text(values.get("nam"))
        if re.fullmatch(r"(19|20)\d\d", text):
            year = int(text)
        else:
            bad(f"“{text}” không phải một năm", "ghi năm đủ bốn chữ số, ví dụ 2024", code="KIT473", key="nam")
    elif year is not None and _text(values.get("nam")) not in ("", str(year)):
        bad(
            f"năm {_text(values.get('nam'))} khác năm của ngày quyết định ({year})",
            "sửa cho khớp",
            code="KIT474",
            key="nam",
        )
    if year is None and not problems:
        key = "ngay_quyet_dinh" if "ngay_quyet_dinh" in cells else "nam"
        bad("chưa có ngày quyết định hay năm", "điền Ngày quyết định (hoặc Năm)", code="KIT475", key=key)
    born_value = values.get("ngay_sinh")
    born = ""
    if born_value not in (None, ""):
        try:
            if isinstance(born_value, (int, float)) and not isinstance(born_value, bool):
                born = birth_text(int(born_value))
            else:
                parsed = _parse_date(born_value) if not re.fullmatch(r"\d{4}", _text(born_value)) else None
                born = birth_text(parsed) if parsed else birth_text(_text(born_value))
            if not born:
                raise ValueError(_text(born_value))
        except ValueError:
            bad(
                f"“{_text(born_value)}” không phải ngày sinh",
                "ghi dd/mm/yyyy hoặc năm sinh",
                code="KIT476",
                key="ngay_sinh",
            )
    number = None
    try:
        number = _register_number(values.get("so_vao_so"))
    except ValueError as error:
        bad(
            f"“{error}” không phải số vào sổ",
            "chỉ ghi chữ số, hoặc để trống để kit cấp số mới",
            code="KIT477",
            key="so_vao_so",
        )
    kind_text = _text(values.get("loai")).casefold()
    kind = KIND_BY_TEXT.get(kind_text, "ca_nhan" if not kind_text else "")
    if not kind:
        bad(
            f"“{_text(values.get('loai'))}” không phải Cá nhân hay Tập thể",
            "ghi Cá nhân hoặc Tập thể",
            code="KIT478",
            key="loai",
        )
    if problems:
        return None, problems, decision_key
    assert year is not None
    money = values.get("tien_thuong")
    decision = DecisionRecord(
        number=_text(values.get("so_quyet_dinh")),
        issuer=_text(values.get("co_quan")),
        signed_on=signed_on,
        year=year,
        source=place.split(",")[0],
    )
    award = AwardRecord(
        name=_text(name_value),
        award=_text(values.get("hinh_thuc")),
        kind=kind,
        birth=born if kind == "ca_nhan" else "",
        identifier=_text(values.get("dinh_danh")),
        gender=_text(values.get("gioi_tinh")),
        parent_unit=_text(values.get("don_vi_cap_tren")),
        position=_text(values.get("chuc_vu")),
        unit=_text(values.get("don_vi")),
        achievement=_text(values.get("thanh_tich")),
        coefficient=_coefficient(money),
        amount=int(money) if isinstance(money, (int, float)) and not isinstance(money, bool) else None,
        money_text=_text(money) if isinstance(money, str) else "",
        register_number=number,
    )
    return _Row(place, decision, award), [], decision_key


def _parse_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """--cot "Họ và tên=Tên cán bộ": the field (by its heading) → the heading in the file."""
    result = {}
    for wanted, given in (mapping or {}).items():
        key = next((k for k, names in HEADINGS.items() if _heading_key(wanted) in map(_heading_key, names)), None)
        if key is None:
            known = ", ".join(names[0] if k != "ten" else "Họ và tên" for k, names in HEADINGS.items())
            raise UsageError(
                f"không có cột “{wanted}” trong sổ khen thưởng", hint=f"dùng một trong: {known}", code="KIT479"
            )
        result[key] = _heading_key(given)
    return result


def _find_header(rows: list[tuple], mapping: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """The heading row among the first rows of a sheet: (its index, column of each field)."""
    for index, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for column, value in enumerate(row):
            heading = _heading_key(value)
            if not heading:
                continue
            for key, names in HEADINGS.items():
                wanted = {mapping[key]} if key in mapping else set(map(_heading_key, names))
                if heading in wanted and key not in found:
                    found[key] = column
                    break
        if "ten" in found and ("so_quyet_dinh" in found or "hinh_thuc" in found):
            return index, found
    return None


@dataclass
class _Read:
    """What a file gave: its rows, its problems, and the decisions (number, issuer) with a bad row."""

    rows: list[_Row] = field(default_factory=list)
    problems: list[KitError] = field(default_factory=list)
    bad_decisions: set[tuple[str, str]] = field(default_factory=set)

    def add(self, found: tuple[_Row | None, list[KitError], tuple[str, str]]) -> _Row | None:
        row, problems, decision_key = found
        if problems:
            self.problems += problems
            self.bad_decisions.add(decision_key)
        elif row is not None:
            self.rows.append(row)
        return row


def read_workbook_rows(path: Path, mapping: dict[str, str] | None = None) -> _Read:
    """The award rows of a register workbook (the kit's own export or a unit's own), and the problems."""
    from openpyxl.utils import get_column_letter

    from ..form.read import open_workbook

    wanted = _parse_mapping(mapping)
    wb = open_workbook(path)
    result = _Read()
    sheets = 0
    try:
        for ws in wb.worksheets:
            values = list(ws.iter_rows(values_only=True, max_row=min(ws.max_row or 0, MAX_ROWS + 20)))
            header = _find_header(values, wanted)
            if header is None:
                continue
            sheets += 1
            start, columns = header
            missing = [HEADINGS[key][0] if key != "ten" else "Họ và tên" for key in REQUIRED if key not in columns]
            if "ngay_quyet_dinh" not in columns and "nam" not in columns:
                missing.append("Ngày quyết định (hoặc Năm)")
            if missing:
                result.problems.append(
                    InputError(
                        f"{path.name}, sheet '{ws.title}', dòng {start + 1}: thiếu cột {', '.join(missing)}",
                        hint="đặt đúng tiêu đề cột, hoặc chỉ ra tiêu đề nào là cột nào",
                        code="KIT480",
                    )
                )
                continue
            for number, row in enumerate(values[start + 1 :], start=start + 2):
                if number > MAX_ROWS:
                    result.problems.append(
                        InputError(
                            f"{path.name}, sheet '{ws.title}': hơn {MAX_ROWS} dòng",
                            hint="chia tệp theo năm",
                            code="KIT481",
                        )
                    )
                    break
                cells = {key: f"{get_column_letter(column + 1)}{number}" for key, column in columns.items()}
                values_of = {key: row[column] if column < len(row) else None for key, column in columns.items()}
                if all(_text(v) == "" for v in values_of.values()):
                    continue
                result.add(_row_award(f"{path.name}, sheet '{ws.title}', dòng {number}", values_of, cells))
    finally:
        wb.close()
    if not sheets:
        raise InputError(
            f"{path.name}: không thấy dòng tiêu đề của sổ khen thưởng (cột “Họ và tên” và “Số quyết định” hoặc "
            "“Danh hiệu/Hình thức”) ở sheet nào",
            hint="đặt tiêu đề cột, hoặc chỉ ra tiêu đề nào là cột nào",
            code="KIT482",
        )
    return result


def _docx_decision(path: Path) -> tuple[DecisionRecord | None, list[KitError]]:
    """Number, date and issuer from an issued Quyết định's header."""
    from ..docmodel.document import open_document

    doc = open_document(path)
    header = [p for p in doc.header if p.stripped]
    problems: list[KitError] = []
    if doc.doc_type != "quyet_dinh":
        problems.append(
            InputError(
                f"{path.name}: không phải Quyết định (tên loại văn bản: {doc.type_name or 'không rõ'})",
                hint="chỉ nhập được Quyết định đã ban hành và danh sách kèm theo",
                code="KIT483",
            )
        )
    number_line = next((p for p in header if re.match(r"(?i)số\s*:", p.stripped)), None)
    date_line = next(
        (p for p in header if re.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", p.stripped)), None
    )
    number = re.sub(r"(?i)^số\s*:\s*", "", number_line.stripped).strip() if number_line else ""
    if not problems and (not number or not re.search(r"\d", number)):
        problems.append(
            InputError(
                f"{path.name}, đoạn {number_line.index if number_line else 1}: không đọc được số Quyết định",
                hint="phần đầu phải có dòng “Số: …/QĐ-…” có số",
                code="KIT484",
            )
        )
    signed_on = None
    found_date = (
        re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", date_line.stripped) if date_line else None
    )
    if date_line and found_date:
        day, month, year = (int(g) for g in found_date.groups())
        try:
            signed_on = dt.date(year, month, day)
        except ValueError:
            problems.append(
                InputError(
                    f"{path.name}, đoạn {date_line.index}: “{date_line.stripped}” không phải ngày có thật",
                    hint="sửa ngày ban hành",
                    code="KIT485",
                )
            )
    elif not problems:
        problems.append(
            InputError(
                f"{path.name}: không đọc được ngày ban hành ở phần đầu",
                hint="phần đầu phải có dòng “…, ngày … tháng … năm …”",
                code="KIT486",
            )
        )
    # The issuer: the bold lines of the header's left column (the line of the parent body above it is not bold).
    left = [
        p
        for p in header
        if p.cell in (0, None)
        and p is not number_line
        and p is not date_line
        and p.table == (header[0].table if header else None)
        and (p.row in (0, None))
    ]
    bold = [p.stripped for p in left if p.bold] or [p.stripped for p in left]
    issuer = " ".join(bold).strip()
    if not issuer and not problems:
        problems.append(
            InputError(
                f"{path.name}: không đọc được cơ quan ban hành ở phần đầu (góc trái)",
                hint="phần đầu phải có tên cơ quan ban hành",
                code="KIT487",
            )
        )
    if problems or signed_on is None:
        return None, problems
    return DecisionRecord(number, issuer, signed_on, signed_on.year, source=path.name), []


def _list_tables(path: Path, number: str) -> list[tuple[Path, Any]]:
    """The tables of the awardees' list: in the decision itself, else in a .docx beside it whose title says
    “Kèm theo Quyết định số <number>”."""
    from ..docmodel.document import open_document

    def with_names(doc) -> list:
        return [table for table in doc.tables if table.rows and _list_columns(table) is not None]

    found = [(path, table) for table in with_names(open_document(path))]
    if found:
        return found
    wanted = key_of(f"kèm theo quyết định số {number}")
    for sibling in sorted(path.parent.glob("*.docx"))[:200]:
        if sibling == path or sibling.name.startswith("~$"):
            continue
        doc = open_document(sibling)
        if any(wanted in key_of(p.stripped) for p in doc.paragraphs[:20]):
            return [(sibling, table) for table in with_names(doc)]
    return []


def _list_columns(table) -> dict[str, int] | None:
    for row in table.rows[:3]:
        texts = [_heading_key(text) for text in row.texts]
        columns: dict[str, int] = {}
        for column, text in enumerate(texts):
            if "họ và tên" in text or "tên tập thể" in text:
                columns.setdefault("ten", column)
            elif text.startswith("chức vụ"):
                columns.setdefault("chuc_vu", column)
            elif text.startswith("đơn vị"):
                columns.setdefault("don_vi", column)
            elif "hình thức" in text or "danh hiệu" in text:
                columns.setdefault("hinh_thuc", column)
            elif "ngày sinh" in text or "năm sinh" in text:
                columns.setdefault("ngay_sinh", column)
        if "ten" in columns:
            return columns
    return None


def read_decision_rows(path: Path) -> _Read:
    """The awards of an issued Quyết định .docx: its header, then its list (attached or beside it)."""
    result = _Read()
    decision, problems = _docx_decision(path)
    if decision is None:
        result.problems = problems
        return result
    tables = _list_tables(path, decision.number)
    if not tables:
        result.problems.append(
            InputError(
                f"{path.name}: không thấy danh sách kèm theo (bảng có cột “Họ và tên”) trong tệp hay tệp .docx cùng thư "
                f"mục có dòng “Kèm theo Quyết định số {decision.number}”",
                hint="để danh sách kèm theo cùng thư mục với Quyết định",
                code="KIT488",
            )
        )
        return result
    for source, table in tables:
        columns = _list_columns(table)
        assert columns is not None
        kind = "ca_nhan"
        for row in table.rows:
            texts = row.texts
            first = _heading_key(texts[0] if texts else "")
            if len(set(texts)) == 1 or (texts and all(not t for t in texts[1:])):
                if "tập thể" in first:
                    kind = "tap_the"
                elif "cá nhân" in first:
                    kind = "ca_nhan"
                continue
            if not re.fullmatch(r"\d{1,4}\.?", texts[0].strip()):
                continue  # the heading row
            paragraph = row.cells[columns["ten"]].paragraphs[0] if row.cells[columns["ten"]].paragraphs else None
            place = f"{source.name}, bảng {table.index}, đoạn {paragraph.index if paragraph else '?'}"

            def cell(key: str, texts=texts, columns=columns) -> str:
                return texts[columns[key]] if key in columns and columns[key] < len(texts) else ""

            values = {
                "ten": cell("ten"),
                "chuc_vu": cell("chuc_vu"),
                "don_vi": cell("don_vi"),
                "hinh_thuc": cell("hinh_thuc"),
                "ngay_sinh": cell("ngay_sinh") or None,
                "so_quyet_dinh": decision.number,
                "co_quan": decision.issuer,
                "ngay_quyet_dinh": decision.signed_on,
                "loai": KIND_TEXT[kind],
            }
            if not values["hinh_thuc"]:
                result.problems.append(
                    InputError(
                        f"{place}: “{values['ten']}” không có hình thức khen thưởng (cột Hình thức)",
                        hint="danh sách kèm theo phải có cột Hình thức khen thưởng",
                        code="KIT489",
                    )
                )
                continue
            found = result.add(_row_award(place, values, dict.fromkeys(HEADINGS, "")))
            if found:
                found.decision = decision
    if not result.rows and not result.problems:
        result.problems.append(
            InputError(
                f"{path.name}: danh sách kèm theo không có người hay tập thể nào",
                hint="kiểm tra bảng danh sách (mỗi dòng có số thứ tự)",
                code="KIT490",
            )
        )
    return result


def import_file(
    store: Store, path: Path, *, skip_bad: bool = False, mapping: dict[str, str] | None = None
) -> ImportResult:
    """Import a register workbook or an issued Quyết định .docx, all of it in one transaction. A file
    with rows the kit cannot understand imports nothing, unless `skip_bad`: then every decision with
    a bad row is left out whole (imported again once fixed) and the rest is recorded."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: không tìm thấy tệp", hint="kiểm tra lại đường dẫn", code="KIT001")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        read = read_decision_rows(path)
    elif suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        read = read_workbook_rows(path, mapping)
    else:
        raise InputError(
            f"{path.name}: chỉ nhập được sổ Excel (.xlsx) hoặc Quyết định đã ban hành (.docx)",
            hint="lưu tệp ở một trong hai dạng đó",
            code="KIT491",
        )
    groups: dict[tuple, tuple[DecisionRecord, list[_Row]]] = {}
    for row in read.rows:
        decision = row.decision
        key = (key_of(decision.number).replace(" ", ""), key_of(decision.issuer), decision.year)
        if key not in groups:
            groups[key] = (decision, [])
        first = groups[key][0]
        if decision.signed_on and first.signed_on and decision.signed_on != first.signed_on:
            read.problems.append(
                InputError(
                    f"{row.place}: {decision.label} có ngày {decision.signed_on:%d/%m/%Y} khác ngày "
                    f"{first.signed_on:%d/%m/%Y} ở dòng trước",
                    hint="cùng một quyết định phải cùng ngày",
                    code="KIT492",
                )
            )
            read.bad_decisions.add(key[:2])
            continue
        if first.signed_on is None and decision.signed_on:
            first.signed_on = decision.signed_on
        groups[key][1].append(row)
    if read.problems and not skip_bad:
        raise ProblemsError(
            [
                *read.problems,
                InputError(
                    f"{path.name}: không nhập gì vì có {len(read.problems)} chỗ không đọc được",
                    hint="sửa tệp, hoặc chỉ nhập các quyết định không có lỗi",
                    code="KIT493",
                ),
            ],
            3,
        )
    result = ImportResult(path, skipped=list(read.problems))
    items = []
    for key, (decision, members) in groups.items():
        if key[:2] in read.bad_decisions:
            result.skipped.append(
                InputError(
                    f"{decision.label}: bỏ qua cả quyết định vì có dòng lỗi",
                    hint="sửa các dòng lỗi rồi nhập lại",
                    code="KIT600",
                )
            )
            continue
        items.append((decision, [member.award for member in members]))
    for recorded in store.record_many(items):
        if recorded.already:
            result.already += 1
        else:
            result.decisions += 1
            result.awards += recorded.added
    return result


# --- export ----------------------------------------------------------------------------------------


def _money(row: HistoryRow) -> str | int:
    if row.amount:
        return row.amount
    if row.money_text:
        return row.money_text
    if row.coefficient is not None:
        return f"{row.coefficient:.1f} lần mức lương cơ sở".replace(".", ",")
    return ""


def _put(ws, row: int, column: int, value: Any) -> None:
    """Text stays text, never a formula (a name "=HYPERLINK(…)" must not become live in Excel)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"


def export_bytes(store: Store, year: int | None = None, decision: DecisionRecord | None = None) -> bytes:
    """A new register workbook: one row per award (by register number) and a summary sheet; `decision`
    alone when given."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = store.all_awards(year, decision)
    wb = Workbook()
    ws = wb.active
    ws.title = EXPORT_SHEET
    for column, (key, width) in enumerate(EXPORT_COLUMNS, start=1):
        cell = ws.cell(row=1, column=column, value=HEADINGS[key][0])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    for line, row in enumerate(rows, start=2):
        values = {
            "so_vao_so": row.register_number,
            "so_quyet_dinh": row.number,
            "ngay_quyet_dinh": row.signed_on,
            "nam": row.year,
            "co_quan": row.issuer,
            "hinh_thuc": row.award,
            "loai": KIND_TEXT.get(row.kind, row.kind),
            "ten": row.name,
            "ngay_sinh": birth_shown(row.birth),
            "dinh_danh": row.identifier,
            "chuc_vu": row.position,
            "don_vi": row.unit,
            "tien_thuong": _money(row),
        }
        for column, (key, _) in enumerate(EXPORT_COLUMNS, start=1):
            _put(ws, line, column, values[key] if values[key] != "" else None)
    totals = wb.create_sheet(SUMMARY_SHEET)
    line = 1
    counts: dict[str, Counter] = {"Năm": Counter(), "Đơn vị": Counter(), "Hình thức khen thưởng": Counter()}
    for row in rows:
        for table, label in (
            ("Năm", str(row.year)),
            ("Đơn vị", row.unit or "(không rõ)"),
            ("Hình thức khen thưởng", row.award),
        ):
            counts[table][(label, row.kind)] += 1
    for table, counted in counts.items():
        for column, text in enumerate((table, "Cá nhân", "Tập thể", "Cộng"), start=1):
            totals.cell(row=line, column=column, value=text).font = Font(bold=True)
        for label in sorted({label for label, _ in counted}):
            line += 1
            people, groups = counted[(label, "ca_nhan")], counted[(label, "tap_the")]
            _put(totals, line, 1, label)
            for column, value in enumerate((people, groups, people + groups), start=2):
                totals.cell(row=line, column=column, value=value)
        line += 2
    totals.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export(store: Store, target: Path, *, year: int | None = None, force: bool = False) -> Path:
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"{target.name}: sổ xuất ra là tệp Excel", hint="đặt tên tệp có đuôi .xlsx", code="KIT494")
    fileio.check_writable([target], force)
    fileio.write_all({target: export_bytes(store, year)}, force)
    return target


def export_decision(decision: DecisionRecord, target: Path, db: str | Path | None = None) -> Path:
    """One recorded decision's rows as a register workbook (the web page's decision step)."""
    with open_register(db, create=False) as store:
        fileio.write_all({Path(target): export_bytes(store, decision=decision)}, force=True)
    return Path(target)


# --- history for a new dossier ---------------------------------------------------------------------


def _certainty(item: dict) -> str:
    # "S" = read in an article quoting the text, not the text itself (domain.md H14).
    return {"S": "theo bài viết trích dẫn văn bản", "R": "theo nguồn tin cậy, chưa đối chiếu văn bản gốc"}.get(
        item.get("certainty", ""), "chưa xác minh"
    )


def achievement_key(text: Any) -> str:
    text = identity_key(str(text or ""))
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def _longest_run_ending(years: set[int], year: int) -> int:
    """Consecutive years with the title, ending in `year` or the year before (this year's may be pending)."""
    best = 0
    for end in (year, year - 1):
        run = 0
        while end - run in years and run < 100:
            run += 1
        best = max(best, run)
    return best


def _labels(rows: list[HistoryRow]) -> str:
    return "; ".join(f"{row.year}: {row.decision_label}" for row in rows) or "không có quyết định nào"


def check_dossier(
    store: Store,
    workbook_name: str,
    candidates: list,
    year: int,
    criteria: list[dict],
    rules: dict[str, dict],
    prior_rows: dict[str, list[dict]] | None = None,
    law: AwardLaw | None = None,
) -> list[Problem]:
    """Warnings for a new dossier from the register's history, each at the candidate's cell and naming
    the earlier decisions that count: a title that needs earlier titles in consecutive years (criteria),
    a danh hiệu already given that year (the pack's award law says which awards are danh hiệu; without
    it, their names), the same achievement already proposed or awarded (rules). Never errors: the
    register may be incomplete and a criterion may be unverified."""
    warnings = []
    for c in candidates:
        born = birth_text(c.value("ngay_sinh")) if c.kind == "ca_nhan" else ""
        history = store.history(c.name, born, kind=c.kind, identifier=identifier_of(c))
        twice = rules.get("twice_a_year", {})
        # Danh hiệu are given once a year; a hình thức may be given again for another achievement (Luật
        # Điều 5.2.c): the same achievement is what the next check looks at.
        same = [row for row in history if key_of(row.award) == key_of(c.award) and row.year == year]
        rule = law.award(c.award) if law is not None else None
        is_title = rule.is_title if rule is not None else category_of(c.award) == "danh_hieu"
        if same and twice and is_title:
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("hinh_thuc"),
                    "Hình thức đề nghị",
                    f"“{c.label}” đã được {c.award} năm {year} ({_labels(same)}) — {twice.get('text', '')}; "
                    f"nguồn: {twice.get('source', '?')} [{_certainty(twice)}]",
                    "kiểm tra lại: không đề nghị cùng một danh hiệu hai lần trong một năm",
                    warning=True,
                    code="KIT495",
                )
            )
        repeated = rules.get("same_achievement", {})
        achievement = achievement_key(c.value("tom_tat"))
        if repeated and achievement:
            earlier = [
                p
                for p in store.proposals_of(store.awardee_ids(c.name, born, kind=c.kind, identifier=identifier_of(c)))
                if p.achievement_key == achievement and p.dossier != workbook_name
            ]
            if earlier:
                where = "; ".join(
                    f"hồ sơ {p.dossier} năm {p.year} đề nghị {p.award} ({'đã được khen' if p.status == 'da_khen' else 'chưa có quyết định'})"
                    for p in earlier[:5]
                )
                warnings.append(
                    Problem(
                        workbook_name,
                        "Danh sách",
                        c.row.cells.get("tom_tat"),
                        "Tóm tắt thành tích",
                        f"“{c.label}”: cùng thành tích này đã được đề nghị ({where}) — {repeated.get('text', '')}; "
                        f"nguồn: {repeated.get('source', '?')} [{_certainty(repeated)}]",
                        "mỗi thành tích chỉ được khen một lần: ghi thành tích mới hoặc bỏ đề nghị",
                        warning=True,
                        code="KIT496",
                    )
                )
        for criterion in criteria:
            if criterion.get("award") != c.award or criterion.get("kind", c.kind) != c.kind:
                continue
            needed = int(criterion.get("consecutive_years", 1))
            counted = [row for row in history if key_of(row.award) == key_of(criterion.get("requires", ""))]
            years = {row.year for row in counted}
            sheet_years = []
            for award in (prior_rows or {}).get(identity_key(c.name), []):
                if key_of(award.get("hinh_thuc") or "") == key_of(criterion.get("requires", "")) and isinstance(
                    award.get("nam"), int
                ):
                    if award["nam"] not in years:
                        sheet_years.append(award["nam"])
                    years.add(award["nam"])
            run = _longest_run_ending(years, year)
            if run >= needed:
                continue
            relied = _labels(counted)
            if sheet_years:
                relied += f"; sheet Khen thưởng đã nhận: {', '.join(map(str, sorted(sheet_years)))}"
            alternative = " (một trong các tiêu chuẩn)" if criterion.get("alternative") else ""
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("hinh_thuc"),
                    "Hình thức đề nghị",
                    f"“{c.label}” đề nghị {c.award}: tiêu chuẩn{alternative} “{criterion.get('text', '')}” "
                    f"— sổ khen thưởng chỉ cho thấy {run} năm liên tục {criterion.get('requires')} ({relied}); "
                    f"nguồn: {criterion.get('source', '?')} [{_certainty(criterion)}]",
                    "kiểm tra hồ sơ khen thưởng của người này; đây là cảnh báo, không phải lỗi",
                    warning=True,
                    code="KIT497",
                )
            )
    return warnings


def record_proposals(store: Store, workbook_name: str, year: int, candidates: list) -> None:
    """A dossier's proposals, so that the same achievement proposed again is seen."""
    store.record_proposals(
        workbook_name,
        year,
        [(_award_record(c), achievement_key(c.value("tom_tat"))) for c in candidates],
    )


__all__ = [
    "shown_register",
    "resolve_url",
    "export_decision",
    "existing_register",
    "DEFAULT_EXPORT",
    "backup",
    "birth_shown",
    "birth_text",
    "upgrade",
    "ImportResult",
    "RecordResult",
    "candidate_key",
    "identifier_of",
    "certificate_numbers",
    "check_dossier",
    "decision_record",
    "export",
    "export_bytes",
    "import_file",
    "open_register",
    "record_proposals",
]
