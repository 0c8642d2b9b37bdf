"""Vietnamese text helpers used by the templates: Decree 30 date and number lines, numbering, case."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

# Điểm are lettered in Vietnamese alphabetical order (Decree 30, Phụ lục I, II.6.đ): "đ" is a letter
# of its own and f, j, w, z are not Vietnamese letters.
VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

# The family names that open most Vietnamese names (Nguyễn alone about four in ten), in capitals: how a name typed
# all in capitals ("HOÀNG VĂN HÀ") is told from a signer's title ("CHÁNH VĂN PHÒNG").
SURNAMES = frozenset(
    "NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ ĐINH ĐÀO TRỊNH MAI TRƯƠNG LƯU "
    "ĐOÀN LÂM PHÙNG TÔ TẠ HÀ CAO LA VƯƠNG THÁI KIỀU TỐNG LƯƠNG CHU TRIỆU QUÁCH LỤC NÔNG MẠC ÂU KHỔNG TĂNG HẦU "
    "THÂN DIỆP GIANG TIÊU KIM NINH TÔN KHÚC HỨA CHÂU LẠI THẠCH DANH GIÀNG SÙNG ĐẬU ĐÀM LÒ VI LÃ NGHIÊM BẠCH "
    "KHUẤT QUÀNG LƯỜNG CẦM SƠN HẦU LỪ MÙA THÀO VỪ TRÁNG".split()
)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Invisible characters that are not Unicode format (Cf) characters but show nothing: the combining
# grapheme joiner, the Hangul fillers, the soft hyphen's kin in other scripts are Cf already.
_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u00ad", "\u180e"}


def identity_key(name: str) -> str:
    """What two spellings of one person's or collective's name have in common, for finding the same
    name twice: NFC, no invisible characters (format and bidi controls, joiners, tag characters, soft
    hyphen, Hangul filler), single spaces, case folded."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if ch not in _INVISIBLE and unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", " ".join(text.split())).strip().casefold()


# What clean_text changes besides stripping the ends: control characters (line breaks, tabs, XML-illegal
# ones), the spaces _SPACES folds, zero-width characters, line and paragraph separators, the two
# non-characters, and a run of two spaces. A text with none of them, already NFC, only loses its ends.
_NEEDS_CLEANING = re.compile(
    "[\x00-\x1f\x85\u00a0\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\ufffe\uffff]|  "
)


def clean_text(text: str) -> str:
    """Text as the kit stores it: NFC, `\\n` line breaks, no XML-illegal characters, single spaces.

    Tabs and runs of spaces become one space and every line is stripped; empty lines are kept,
    so a blank line between paragraphs survives.
    """
    if unicodedata.is_normalized("NFC", text) and not _NEEDS_CLEANING.search(text):
        return text.strip()  # most cells of a workbook: one clean line (a thousand rows read fast)
    return _clean_every_line(text)


def _clean_every_line(text: str) -> str:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0b", "\n")
    text = text.replace("\t", " ")
    text = _XML_ILLEGAL.sub("", _ZERO_WIDTH.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a cleaned text."""
    return [line for line in text.split("\n") if line]


def upper(text: str) -> str:
    """Upper-case with Vietnamese diacritics kept: 'Sở Kế hoạch và Đầu tư' → 'SỞ KẾ HOẠCH VÀ ĐẦU TƯ'."""
    return nfc(nfc(text).upper())


def roman(number: int) -> str:
    """Roman numeral for 1…3999, as used for Mục (I, II, III…)."""
    if not 1 <= number <= 3999:
        raise ValueError(f"no Roman numeral for {number}")
    parts = []
    for value, symbol in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)


def letter(number: int) -> str:
    """The n-th letter of the Vietnamese alphabet for điểm: 1 → a, 5 → đ, 6 → e, 7 → g."""
    if not 1 <= number <= len(VIETNAMESE_LETTERS):
        raise ValueError(f"only {len(VIETNAMESE_LETTERS)} letters for điểm, not {number}")
    return VIETNAMESE_LETTERS[number - 1]


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    # Decree 30, Phụ lục I, II.4: months 1 and 2 take a leading zero, 3–12 do not.
    return f"{month:02d}" if month < 3 else str(month)


BLANK_DAY = "\u00a0" * 4  # the room left for the day the văn thư writes


class MonthDate(_dt.date):
    """An issue date whose day is left blank for the văn thư to fill when the document is issued
    ("   /01/2026", Decree 30 lets the văn thư date it); it compares as the 1st of its month and prints its
    day as blanks: f"{d:%d/%m/%Y}" is "    /01/2026", `date_phrase` "ngày    tháng 01 năm 2026"."""

    def __format__(self, spec: str) -> str:
        # No-break spaces: the blank is never where a line breaks ("ngày" | "/01/2026").
        return super().__format__(spec.replace("%d", BLANK_DAY)) if spec else super().__format__(spec)

    @property
    def last_day(self) -> _dt.date:
        following = _dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)


def date_phrase(date: _dt.date) -> str:
    """`ngày 05 tháng 01 năm 2021`: the date as Decree 30 writes it (Phụ lục I, II.4); a `MonthDate` leaves
    room for the day: `ngày    tháng 01 năm 2026`."""
    if isinstance(date, MonthDate):  # the blank held with its words: "ngày    tháng" never breaks apart
        return f"ngày{BLANK_DAY}tháng {month_text(date.month)} năm {date.year}"
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def date_line(place: str, date: _dt.date) -> str:
    """`Lạng Sơn, ngày 05 tháng 01 năm 2021` (Decree 30, Phụ lục I, II.4)."""
    return f"{nfc(place)}, {date_phrase(date)}"


BLANK_NUMBER = " " * 6


def number_line(number: int | None, type_abbreviation: str, issuer_abbreviation: str) -> str:
    """`Số: 05/KH-SKHĐT`; a blank number leaves room for the văn thư: `Số:      /KH-SKHĐT`."""
    symbol = "-".join(part for part in (type_abbreviation, issuer_abbreviation) if part)
    if number is None:
        return f"Số:{BLANK_NUMBER}/{symbol}"
    if number < 1:
        raise ValueError(f"a document number starts at 1, not {number}")
    return f"Số: {number:02d}/{symbol}"


def ascii_slug(text: str) -> str:
    """An ASCII file name from Vietnamese text: 'Kế hoạch năm 2021' → 'ke-hoach-nam-2021'."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or "van-ban"
