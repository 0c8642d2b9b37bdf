"""Rules of the field that both the document builders and the checks apply, kept in one place so the
kit never writes what `kit check` reports (Decree 30/2020/NĐ-CP, Phụ lục I, II.7.c: no học hàm, học vị
or danh xưng before a signer's name)."""

from __future__ import annotations

import re

# Học hàm, học vị before a name: "TS. Nguyễn Văn An", "ThS Lê Bình", "Tiến sĩ Trần Hà".
ACADEMIC_TITLE = re.compile(
    r"^(GS|PGS|TS|TSKH|ThS|Ths|BS|KS|CN|CKI|CKII|Thạc sĩ|Tiến sĩ|Giáo sư|Phó Giáo sư)(\s*[.:]\s*|\s+)\S"
)
# A danh xưng before a full name of three words or more ("Ông Nguyễn Văn An"; "Bà Triệu" alone may be a name).
HONORIFIC = re.compile(r"^(Ông|Bà|Đồng chí|Đ/c)\.?\s+(\S+\s+){2,}\S+$")


def signer_name_problem(name: str) -> str | None:
    """What a signer's name carries before it — "academic" (học hàm, học vị) or "honorific" (danh
    xưng) — or None."""
    text = " ".join(name.split())
    if ACADEMIC_TITLE.match(text):
        return "academic"
    if HONORIFIC.match(text):
        return "honorific"
    return None
