"""Rules of the field that both the document builders and the checks apply, kept in one place so the
kit never writes what `kit check` reports (Decree 30/2020/NĐ-CP, Phụ lục I, II.7.c: no học hàm, học vị
or danh xưng before a signer's name; no district-level body after local government became two-tier)."""

from __future__ import annotations

import datetime as dt
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


# Local government has two tiers from 01/7/2025: Nghị quyết 203/2025/QH15 ended the district level on that day
# and Luật Tổ chức chính quyền địa phương số 72/2025/QH15 knows provinces and communes, wards and special zones
# only — no huyện, quận, thị xã, and no thị trấn either (a thị trấn was commune level; they became xã, phường).
TWO_TIERS_FROM = dt.date(2025, 7, 1)
# A body of the former district level. `\s` also matches a line break and a no-break space, so a header
# broken as "ỦY BAN NHÂN DÂN / HUYỆN HÒA AN" or held with U+00A0 is found once its lines are joined.
DISTRICT_BODY = re.compile(
    r"\b(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân|Phòng\s[^,;]{2,40}?)\s+"
    r"(?:các\s+)?(?:huyện|quận|thị\s+xã)\b"
    r"|\b(?:các\s+)?(?:huyện|quận|thị\s+xã),\s*(?:thành\s+phố|thị\s+xã)\b|\bcấp\s+huyện\b",
    re.IGNORECASE,
)
# A thị trấn — commune level, not district level — named as a body or in a list of communes ("UBND thị trấn
# Hòa Thuận", "UBND các xã, thị trấn").
FORMER_TOWN = re.compile(
    r"\b(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)\s+(?:các\s+)?thị\s+trấn\b"
    r"|\b(?:xã|phường)(?:,\s*(?:xã|phường))*(?:,|\s+và)\s*thị\s+trấn\b",
    re.IGNORECASE,
)


def district_body(text: str) -> str | None:
    """The district-level body `text` names ("Ủy ban nhân dân huyện Hòa An" → "Ủy ban nhân dân huyện"),
    with its whitespace made single spaces; None when it names none."""
    match = DISTRICT_BODY.search(text)
    return " ".join(match.group(0).split()) if match else None


def former_town(text: str) -> str | None:
    """The thị trấn (a commune-level unit that no longer exists from 01/7/2025) `text` names as a body or in a
    list of communes, with its whitespace made single spaces; None when it names none."""
    match = FORMER_TOWN.search(text)
    return " ".join(match.group(0).split()) if match else None
