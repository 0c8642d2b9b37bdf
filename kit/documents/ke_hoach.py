"""The plan (Kế hoạch): outline numbering, the plan table, Nơi nhận and the signature block."""

from __future__ import annotations

import re
from typing import Any

from ..form.read import FormData, Row
from ..vn import letter, lines_of, number_line, roman, upper
from .common import (
    HEADER_WIDTH_PT,
    LIST_MARK,
    clerk_text,
    issue_date_line,
    recipients,
    signature_lines,
    signer_name,
    storage_line,
    title_tail,
)

# What staff may have typed in front of a heading although the kit numbers it: dropped.
# (Gạch đầu dòng marks are handled by _LIST_MARK.) A label needs a space after it, so that
# "2021. Năm bản lề" keeps its year.
_TYPED_LABEL = {
    "muc": re.compile(r"^[IVXLC]+\s*[.:)]\s+"),
    "khoan": re.compile(r"^\d{1,2}\s*[.)]\s+"),
    "diem": re.compile(r"^[a-zđ]\s*[.)]\s+"),
}
_END_MARK = "./."

# Levels that can sit under a Khoản; a Khoản followed by one of them is a heading (bold).
_CHILD_LEVELS = {"diem", "doan", "gach", "bang"}
_STYLE_OVERRIDE = {"dam": "tieu_de", "thuong": "doan", "nghieng": "nghieng"}


def _outline(data: FormData) -> tuple[list[dict[str, Any]], Row | None]:
    """The body blocks in order, numbered, and the row that marks where the plan table goes."""
    if "de_muc" in data.broken:
        return [], None
    rows = [row for row in data.tables.get("de_muc", []) if row.values or row.invalid]
    blocks: list[dict[str, Any]] = []
    muc = khoan = diem = 0
    table_marker: Row | None = None
    for index, row in enumerate(rows):
        level = row.values.get("cap")
        text = row.values.get("noi_dung", "")
        if level is None:
            if "cap" not in row.invalid:
                data.problem(
                    "de_muc",
                    row.cells.get("cap"),
                    "cap",
                    "chưa chọn Cấp cho dòng có nội dung",
                    "chọn Mục, Khoản, Điểm, Đoạn văn, Gạch đầu dòng hoặc [Bảng kế hoạch]",
                    code="KIT085",
                )
            continue
        if level == "bang":
            if table_marker is not None:
                data.problem(
                    "de_muc",
                    row.cells.get("cap"),
                    "cap",
                    f"chỉ được có một dòng [Bảng kế hoạch] (đã có ở dòng {table_marker.number})",
                    "xóa dòng thừa",
                    code="KIT086",
                )
                continue
            table_marker = row
            if text:
                data.problem(
                    "de_muc",
                    row.cells.get("noi_dung"),
                    "noi_dung",
                    "dòng [Bảng kế hoạch] không ghi nội dung",
                    "xóa nội dung ô này, hoặc chuyển nó sang một dòng Đoạn văn",
                    code="KIT087",
                )
            blocks.append({"loai": "bang", "van_ban": ""})
            continue
        if not text:
            data.problem(
                "de_muc",
                row.cells.get("noi_dung"),
                "noi_dung",
                "chưa có nội dung",
                "điền nội dung hoặc xóa cả dòng",
                code="KIT082",
            )
            continue
        lines = lines_of(text)
        pattern = _TYPED_LABEL.get(level)
        if pattern:
            lines[0] = pattern.sub("", lines[0], count=1) or lines[0]
        next_level = next((r.values.get("cap") for r in rows[index + 1 :] if r.values.get("cap")), None)
        style = "doan"
        if level == "muc":
            muc, khoan, diem = muc + 1, 0, 0
            label, style = roman(muc) + ".", "muc"
            lines = [upper(line) for line in lines]
        elif level == "khoan":
            khoan, diem = khoan + 1, 0
            label = f"{khoan}."
            style = "tieu_de" if next_level in _CHILD_LEVELS else "doan"
        elif level == "diem":
            diem += 1
            try:
                label = letter(diem) + ")"
            except ValueError:
                data.problem(
                    "de_muc",
                    row.cells.get("cap"),
                    "cap",
                    "quá 23 điểm trong một khoản",
                    "chia thành nhiều khoản",
                    code="KIT088",
                )
                label = "?)"
        else:
            label = ""  # đoạn văn; gạch đầu dòng get their dash below
        override = row.values.get("kieu_chu")
        if override and level != "muc":
            style = _STYLE_OVERRIDE[override]
        for position, line in enumerate(lines):
            if level == "gach":
                line = f"- {LIST_MARK.sub('', line)}"
            elif position == 0 and label:
                line = f"{label} {line}"
            blocks.append({"loai": style, "van_ban": line})
    if not rows:
        data.problem(
            "de_muc",
            None,
            None,
            "chưa có nội dung văn bản",
            "điền các đề mục và đoạn văn vào sheet Đề mục",
            code="KIT079",
        )
    _end_with_mark(blocks)
    return blocks, table_marker


def _end_with_mark(blocks: list[dict[str, Any]]) -> None:
    # Decree 30, Phụ lục III (model forms): the content ends with "./.".
    if not blocks:
        return
    last = blocks[-1]
    if last["loai"] == "bang":
        blocks.append({"loai": "doan", "van_ban": _END_MARK})
    elif not last["van_ban"].endswith(_END_MARK):
        last["van_ban"] = last["van_ban"].rstrip(" .;,") + _END_MARK


def _plan_table(data: FormData, marker: Row | None) -> dict[str, Any]:
    if {"bang_ke_hoach", "de_muc"} & data.broken:
        return {"co_thoi_gian": False, "co_ghi_chu": False, "dong": []}
    rows = [row for row in data.tables.get("bang_ke_hoach", []) if row.values]
    restart = data.values.get("danh_so_tt") == "theo_nhom"
    lines: list[dict[str, Any]] = []
    number = 0
    has_time = any(row.values.get("thoi_gian") for row in rows)
    has_note = any(row.values.get("ghi_chu") for row in rows)
    for row in rows:
        group = row.values.get("nhom")
        work = {key: row.values.get(key) for key in ("noi_dung", "don_vi", "thoi_gian", "ghi_chu")}
        if group and any(work.values()):
            data.problem(
                "bang_ke_hoach",
                row.cells.get("nhom"),
                "nhom",
                "dòng vừa có Nhóm vừa có nội dung công việc",
                "tách thành hai dòng: một dòng chỉ ghi Nhóm, dòng dưới ghi công việc",
                code="KIT083",
            )
            continue
        if group:
            lines.append({"nhom": group})
            if restart:
                number = 0
            continue
        if not work["noi_dung"]:
            data.problem(
                "bang_ke_hoach",
                row.cells.get("noi_dung"),
                "noi_dung",
                "dòng công việc chưa có Nội dung",
                "điền Nội dung hoặc xóa cả dòng",
                code="KIT084",
            )
            continue
        number += 1
        lines.append(
            {
                "nhom": "",
                "tt": str(number),
                **{key: lines_of(value or "") or [""] for key, value in work.items()},
            }
        )
    if rows and marker is None:
        data.problem(
            "de_muc",
            None,
            "cap",
            "có bảng kế hoạch nhưng chưa chọn chỗ đặt bảng",
            "thêm một dòng Cấp “[Bảng kế hoạch]” ở sheet Đề mục, tại chỗ cần đặt bảng",
            code="KIT080",
        )
    if marker is not None and not rows:
        data.problem(
            "de_muc",
            marker.cells.get("cap"),
            "cap",
            "có dòng [Bảng kế hoạch] nhưng sheet Bảng kế hoạch trống",
            "điền sheet Bảng kế hoạch hoặc xóa dòng này",
            code="KIT081",
        )
    # The template prints the THỜI GIAN and GHI CHÚ headings only when their column has data; a column
    # whose header is empty is left out of the document (kit.render.postprocess).
    return {"co_thoi_gian": has_time, "co_ghi_chu": has_note, "dong": lines}


def _recipients(data: FormData) -> list[str]:
    entries = [(row.values.get("noi_nhan"), row.cells.get("noi_nhan")) for row in data.tables.get("noi_nhan", [])]
    return recipients(data, entries, "noi_nhan", "noi_nhan")


def build_context(data: FormData, spec: Any) -> dict[str, Any]:
    """The fields of the ke-hoach template; problems found are added to `data.problems`."""
    values = data.values
    name = signer_name(data)
    blocks, marker = _outline(data)
    table = _plan_table(data, marker)
    issued = values.get("ngay_ban_hanh")
    return {
        "co_quan_chu_quan": clerk_text(upper(values.get("co_quan_chu_quan") or ""), HEADER_WIDTH_PT),
        "co_quan_ban_hanh": clerk_text(upper(values.get("co_quan_ban_hanh") or ""), HEADER_WIDTH_PT, bold=True),
        "so_ky_hieu": number_line(
            values.get("so_van_ban"), spec.type_abbreviation, values.get("viet_tat_co_quan") or ""
        ),
        "dia_danh_ngay": issue_date_line(values.get("dia_danh") or "", issued) if issued else "",
        "ten_loai": upper(spec.document_type),
        "trich_yeu": title_tail(values.get("trich_yeu") or ""),
        "mo_dau": lines_of(values.get("mo_dau") or ""),
        "khoi": blocks,
        "bang": table,
        "noi_nhan": _recipients(data),
        "luu": storage_line(data),
        "chuc_vu_ky": signature_lines(data),
        "nguoi_ky": name,
    }
