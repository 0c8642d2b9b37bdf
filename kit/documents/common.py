"""Parts shared by the document builders: the signature block and the Nơi nhận list."""

from __future__ import annotations

import re
from typing import Any

from ..conventions import signer_name_problem
from ..form.read import FormData
from ..vn import lines_of, upper

LIST_MARK = re.compile(r"^[-–—+•]\s*")
# A short upper-case word before a final dot is an abbreviation ("UBND các huyện, TP."): the dot stays.
_ABBREVIATED_END = re.compile(r"(?:^|[\s,(])[A-ZĐ]{1,4}\.$")


def signature_lines(data: FormData) -> list[str]:
    """The title lines above the signer's name (Decree 30, Điều 13; Phụ lục I, II.7; domain.md A7).

    The signer's title may take several lines (Alt+Enter), e.g. "KT. Chủ tịch" then "Phó Chủ tịch"
    under TM. Ủy ban nhân dân.
    """
    authority = data.values.get("tham_quyen_ky") or "khong"
    head = upper(data.values.get("chuc_vu_thu_truong") or "")
    signer = [upper(line) for line in lines_of(data.values.get("chuc_vu_nguoi_ky") or "")]
    if authority in ("khong", "Q."):
        if signer and signer != [head]:
            data.field_problem("chuc_vu_nguoi_ky", "người đứng đầu tự ký nên không ghi chức vụ người ký khác",
                               "để trống ô này, hoặc chọn Thẩm quyền ký KT., TM., TL. hay TUQ.")
        return [head if authority == "khong" else f"Q. {head}"]
    if not signer:
        data.field_problem("chuc_vu_nguoi_ky", f"ký {authority} thì phải ghi chức vụ người ký",
                           "ví dụ: Phó Chủ tịch (ký KT. Chủ tịch)")
    return [f"{authority} {head}", *signer]


def signer_name(data: FormData) -> str:
    name = data.values.get("nguoi_ky") or ""
    # The same rule as kit check's VB405 (kit.conventions), so the kit never prints what it reports.
    problem = signer_name_problem(name)
    if problem == "academic":
        data.field_problem("nguoi_ky", f"“{name}” có học hàm, học vị trước họ tên",
                           "chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)")
    elif problem == "honorific":
        data.field_problem("nguoi_ky", f"“{name}” có danh xưng trước họ tên",
                           "chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)")
    return name


def storage_line(data: FormData) -> str:
    """“VT, <đơn vị>” for the closing “- Lưu: …” line."""
    unit = (data.values.get("luu_don_vi") or "").rstrip(" .;")
    unit = re.sub(r"^VT\s*,\s*", "", unit)
    return f"VT, {unit}" if unit else "VT"


def recipients(data: FormData, entries: list[tuple[Any, str | None]], sheet_key: str, field_key: str) -> list[str]:
    """Nơi nhận items from (text, cell) entries: dashes and final punctuation dropped, duplicates and
    a typed “Lưu” line reported."""
    seen: dict[str, str] = {}
    items = []
    for text, cell in entries:
        for line in lines_of(text or ""):
            item = LIST_MARK.sub("", line).rstrip(" ;,")
            if item.endswith(".") and not _ABBREVIATED_END.search(item):
                item = item[:-1].rstrip()
            if re.match(r"^lưu\s*:", item, re.IGNORECASE):
                data.problem(sheet_key, cell, field_key, "dòng “Lưu” được tự thêm ở cuối",
                             "xóa dòng này; ghi đơn vị soạn thảo ở dòng “Đơn vị soạn thảo (dòng Lưu)”")
                continue
            key = item.casefold()
            if key in seen:
                data.problem(sheet_key, cell, field_key, f"nơi nhận “{item}” lặp lại (đã có ở ô {seen[key]})", "xóa dòng lặp")
                continue
            seen[key] = cell or ""
            items.append(item)
    return items
