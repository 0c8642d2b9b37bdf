"""Parts shared by the document builders: the signature block and the Nơi nhận list."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..conventions import signer_name_problem
from ..form.read import FormData, MonthDate
from ..metrics import text_width_pt
from ..vn import date_line, lines_of, month_text, nfc, upper

LIST_MARK = re.compile(r"^[-–—+•]\s*")
# A short upper-case word before a final dot is an abbreviation ("UBND các huyện, TP."): the dot stays.
_ABBREVIATED_END = re.compile(r"(?:^|[\s,(])[A-ZĐ]{1,4}\.$")


def signature_lines(data: FormData, suffix: str = "") -> list[str]:
    """The title lines above the signer's name (Decree 30, Điều 13; Phụ lục I, II.7; domain.md A7).

    The signer's title may take several lines (Alt+Enter), e.g. "KT. Chủ tịch" then "Phó Chủ tịch"
    under TM. Ủy ban nhân dân; a break typed in the head's title is kept too. `suffix` names the
    sheet's own fields ("_qd": tham_quyen_ky_qd, chuc_vu_thu_truong_qd, chuc_vu_nguoi_ky_qd).
    """
    authority = data.values.get(f"tham_quyen_ky{suffix}") or "khong"
    head_lines = lines_of(upper(data.values.get(f"chuc_vu_thu_truong{suffix}") or "")) or [""]
    head = " ".join(head_lines)
    signer = [upper(line) for line in lines_of(data.values.get(f"chuc_vu_nguoi_ky{suffix}") or "")]
    if authority in ("khong", "Q."):
        if signer and [" ".join(signer)] != [head]:
            data.field_problem(
                f"chuc_vu_nguoi_ky{suffix}",
                "người đứng đầu tự ký nên không ghi chức vụ người ký khác",
                "để trống ô này, hoặc chọn Thẩm quyền ký KT., TM., TL. hay TUQ.",
                code="KIT242",
            )
        return _title_lines(head_lines if authority == "khong" else [f"Q. {head_lines[0]}", *head_lines[1:]])
    if not signer:
        data.field_problem(
            f"chuc_vu_nguoi_ky{suffix}",
            f"ký {authority} thì phải ghi chức vụ người ký",
            "ví dụ: Phó Chủ tịch (ký KT. Chủ tịch)",
            code="KIT240",
        )
    return _title_lines([f"{authority} {head_lines[0]}", *head_lines[1:], *signer])


def _title_lines(lines: list[str]) -> list[str]:
    """Each title line broken where a clerk would when too wide for the signature column."""
    return [part for line in lines for part in clerk_lines(line, SIGNATURE_WIDTH_PT, bold=True)]


def signer_name(data: FormData) -> str:
    name = data.values.get("nguoi_ky") or ""
    # The same rule as kit check's VB405 (kit.conventions), so the kit never prints what it reports.
    problem = signer_name_problem(name)
    if problem == "academic":
        data.field_problem(
            "nguoi_ky",
            f"“{name}” có học hàm, học vị trước họ tên",
            "chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)",
            code="KIT241",
        )
    elif problem == "honorific":
        data.field_problem(
            "nguoi_ky",
            f"“{name}” có danh xưng trước họ tên",
            "chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)",
            code="KIT243",
        )
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
                data.problem(
                    sheet_key,
                    cell,
                    field_key,
                    "dòng “Lưu” được tự thêm ở cuối",
                    "xóa dòng này; ghi đơn vị soạn thảo ở dòng “Đơn vị soạn thảo (dòng Lưu)”",
                    code="KIT058",
                )
                continue
            key = item.casefold()
            if key in seen:
                data.problem(
                    sheet_key,
                    cell,
                    field_key,
                    f"nơi nhận “{item}” lặp lại (đã có ở ô {seen[key]})",
                    "xóa dòng lặp",
                    code="KIT059",
                )
                continue
            seen[key] = cell or ""
            items.append(item)
    return items


# -- line breaks a văn thư would make -------------------------------------------------------------
#
# The header's agency names and the signer's title lines are centred in narrow cells; Word breaks a
# long one wherever the width ends ("ỦY BAN NHÂN DÂN TỈNH CAO / BẰNG"). A clerk breaks before the
# place name and keeps a name whole: "ỦY BAN NHÂN DÂN / TỈNH CAO BẰNG". The widths are those of the
# built-in templates' cells (7 cm header column, 9 cm signature column, less the cell margins).
HEADER_WIDTH_PT = 186.0
SIGNATURE_WIDTH_PT = 240.0
# Words that begin a place name (the rest of the line is the name: never broken); since 01/7/2025
# only provinces, cities, communes, wards and special zones exist, the older levels stay for old texts.
PLACE_PREFIXES = ("TỈNH", "THÀNH PHỐ", "XÃ", "PHƯỜNG", "ĐẶC KHU", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN")
# Phrases never broken inside.
KEEP_TOGETHER = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "HỘI ĐỒNG",
    "THI ĐUA - KHEN THƯỞNG",
    "THI ĐUA, KHEN THƯỞNG",
    "GIÁO DỤC VÀ ĐÀO TẠO",
    "KẾ HOẠCH VÀ ĐẦU TƯ",
    "NỘI VỤ",
    "TÀI CHÍNH",
    "BAN CHỈ ĐẠO",
    "TRUNG HỌC CƠ SỞ",
    "TRUNG HỌC PHỔ THÔNG",
    "TIỂU HỌC",
    "MẦM NON",
)
# Words of two syllables in agency names and titles: a clerk never breaks a word ("THỂ / THAO").
TWO_SYLLABLE_WORDS = (
    "VĂN HÓA",
    "THỂ THAO",
    "DU LỊCH",
    "KHOA HỌC",
    "CÔNG NGHỆ",
    "NÔNG NGHIỆP",
    "MÔI TRƯỜNG",
    "TÀI NGUYÊN",
    "XÂY DỰNG",
    "CÔNG THƯƠNG",
    "Y TẾ",
    "TƯ PHÁP",
    "GIAO THÔNG",
    "VẬN TẢI",
    "LAO ĐỘNG",
    "THƯƠNG BINH",
    "XÃ HỘI",
    "NGOẠI VỤ",
    "DÂN TỘC",
    "TÔN GIÁO",
    "THANH TRA",
    "VĂN PHÒNG",
    "NHÂN DÂN",
    "GIÁO DỤC",
    "ĐÀO TẠO",
    "THI ĐUA",
    "KHEN THƯỞNG",
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "HIỆU TRƯỞNG",
    "THỦ TRƯỞNG",
    "CÔNG AN",
    "QUÂN SỰ",
    "KẾ HOẠCH",
    "ĐẦU TƯ",
    "TÀI CHÍNH",
    "NỘI VỤ",
    "THÔNG TIN",
    "TRUYỀN THÔNG",
    "CHI CỤC",
    "TRUNG TÂM",
    "CÔNG ĐOÀN",
    "THANH NIÊN",
    "PHỤ NỮ",
    "CỰU CHIẾN BINH",
    "MẶT TRẬN",
    "TỔ QUỐC",
    "CHIẾN SĨ",
    "CƠ SỞ",
)
# Words a line never ends with: "THỂ THAO VÀ / DU LỊCH" reads as a broken phrase.
_NEVER_LAST = {"VÀ", "CỦA", "VỀ"}
# A fixed phrase that may break after its hyphen when nothing else avoids a word alone on a line:
# "BAN THI ĐUA - / KHEN THƯỞNG" rather than "BAN / THI ĐUA - KHEN THƯỞNG".
_SOFT_PHRASES = ("THI ĐUA - KHEN THƯỞNG",)


def clerk_lines(text: str, width_pt: float, size_pt: float = 13.0, bold: bool = False) -> list[str]:
    """The lines a clerk would make of an upper-case name or title: the user's own breaks (Alt+Enter)
    kept, then a line too wide for `width_pt` broken before a place name, never inside one nor inside
    a fixed phrase, with no single word alone on the last line."""
    result: list[str] = []
    for line in lines_of(text):
        result += _break(" ".join(line.split()), width_pt, size_pt, bold)
    return result


def clerk_text(text: str, width_pt: float, size_pt: float = 13.0, bold: bool = False) -> str:
    """clerk_lines joined by line breaks (a template prints "\n" in a field as a line break)."""
    return "\n".join(clerk_lines(text, width_pt, size_pt, bold))


def _forbidden(words: list[str], soft: bool = True) -> set[int]:
    """Positions i (a break before words[i]) a clerk never uses; with `soft` false, the soft phrases may
    break after their hyphen."""
    forbidden: set[int] = set()
    upper_words = [w.upper() for w in words]
    for phrase in (*KEEP_TOGETHER, *TWO_SYLLABLE_WORDS):
        if not soft and phrase in _SOFT_PHRASES:
            continue
        size = len(phrase.split())
        for start in range(len(words) - size + 1):
            if " ".join(upper_words[start : start + size]) == phrase:
                forbidden.update(range(start + 1, start + size))
    forbidden |= {i for i in range(1, len(words)) if upper_words[i - 1].strip(",") in _NEVER_LAST}
    # Never around a hyphen ("LAO ĐỘNG - / THƯƠNG BINH" splits one name), unless relaxed: after it then.
    forbidden |= {i for i in range(1, len(words)) if words[i] == "-" or (soft and words[i - 1] == "-")}
    place = _place_start(words, 0)
    if place is not None:
        forbidden.update(range(place + 1, len(words)))  # the place name runs to the end of the line
    return forbidden


def _is_place_at(upper_words: list[str], start: int) -> int:
    """The length of the place prefix at `start` (0 when none): "XÃ HỘI" is a word, not a commune."""
    for prefix in PLACE_PREFIXES:
        size = len(prefix.split())
        if " ".join(upper_words[start : start + size]) == prefix and start + size < len(upper_words):
            if prefix == "XÃ" and upper_words[start + 1].strip(",") == "HỘI":
                return 0
            return size
    return 0


def _place_start(words: list[str], first: int = 1) -> int | None:
    upper_words = [w.upper() for w in words]
    for start in range(first, len(words)):
        if _is_place_at(upper_words, start):
            return start
    return None


def _break(line: str, width_pt: float, size_pt: float, bold: bool, depth: int = 0) -> list[str]:
    words = line.split()
    fits = lambda part: text_width_pt(" ".join(part), size_pt, bold) <= width_pt  # noqa: E731
    if len(words) < 2 or fits(words) or depth > 8:
        return [line] if line else []
    allowed = [i for i in range(1, len(words)) if i not in _forbidden(words)]
    place = _place_start(words)
    if place in allowed:  # the place name on a line of its own
        return [
            *_break(" ".join(words[:place]), width_pt, size_pt, bold, depth + 1),
            *_break(" ".join(words[place:]), width_pt, size_pt, bold, depth + 1),
        ]
    # No single word alone on a line when another break exists ("BAN / THI ĐUA - KHEN THƯỞNG"): then a
    # soft phrase may break after its hyphen; then the most even lines.
    whole = [i for i in allowed if i > 1 and len(words) - i > 1]
    if not whole:
        relaxed = [i for i in range(2, len(words) - 1) if i not in _forbidden(words, soft=False)]
        whole = relaxed
    if not allowed and not whole:
        return [line]
    candidates = whole or [i for i in allowed if len(words) - i > 1] or allowed
    fitting = [i for i in candidates if fits(words[:i])] or candidates
    best = min(
        fitting,
        key=lambda i: max(
            text_width_pt(" ".join(words[:i]), size_pt, bold), text_width_pt(" ".join(words[i:]), size_pt, bold)
        ),
    )
    return [" ".join(words[:best]), *_break(" ".join(words[best:]), width_pt, size_pt, bold, depth + 1)]


def issue_date_line(place: str, day: dt.date) -> str:
    """`Lạng Sơn, ngày 05 tháng 01 năm 2026`, or with the day left for the văn thư:
    `Lạng Sơn, ngày    tháng 01 năm 2026`."""
    if isinstance(day, MonthDate):
        return f"{nfc(place)}, ngày    tháng {month_text(day.month)} năm {day.year}"
    return date_line(place, day)


def latest(day: dt.date) -> dt.date:
    """The latest day a date can be: the last of its month when its day is left blank."""
    return day.last_day if isinstance(day, MonthDate) else day


NO_BREAK_SPACE = "\u00a0"


# At most this many words are held on a title's last line: more would leave a short line above it.
_TITLE_TAIL_MAX_WORDS = 6


@lru_cache(maxsize=1024)  # a dossier's reports share their titles: one answer for a thousand documents
def title_tail(text: str) -> str:
    """A title whose last two words are held together by no-break spaces, so that Word never leaves
    one word alone on its last line ("…ỦY BAN NHÂN DÂN / TỈNH"); a fixed phrase or two-syllable word
    that ends inside the held words is held with them (at most six words), so that Word moves "ỦY BAN NHÂN DÂN
    TỈNH" whole to the last line rather than break "…NHÂN / DÂN TỈNH"."""
    words = text.split(" ")
    if len(words) < 3:
        return text
    keys = [upper(word).strip(",;.") for word in words]
    phrases = [phrase.split() for phrase in (*KEEP_TOGETHER, *TWO_SYLLABLE_WORDS)]
    start = len(words) - 2
    for _ in range(_TITLE_TAIL_MAX_WORDS):  # each step reaches further back; bounded by the cap
        reach = start
        for phrase in phrases:
            # the phrase ends inside the held words: the break before them would split it
            for end in (start, start + 1):
                first = end + 1 - len(phrase)
                if first >= 1 and keys[first : end + 1] == phrase and len(words) - first <= _TITLE_TAIL_MAX_WORDS:
                    reach = min(reach, first)
        if reach == start:
            break
        start = reach
    return " ".join(words[:start]) + " " + NO_BREAK_SPACE.join(words[start:])
