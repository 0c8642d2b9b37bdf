import datetime as dt
import unicodedata

import pytest

from kit import vn


@pytest.mark.parametrize(
    "date, expected",
    [
        (dt.date(2021, 1, 5), "Lạng Sơn, ngày 05 tháng 01 năm 2021"),
        (dt.date(2023, 2, 28), "Lạng Sơn, ngày 28 tháng 02 năm 2023"),
        (dt.date(2023, 3, 12), "Lạng Sơn, ngày 12 tháng 3 năm 2023"),
        (dt.date(2020, 12, 31), "Lạng Sơn, ngày 31 tháng 12 năm 2020"),
        (dt.date(2025, 10, 9), "Lạng Sơn, ngày 09 tháng 10 năm 2025"),
    ],
    ids=["05/01", "28/02", "12/3", "31/12", "09/10"],
)
def test_date_line_pads_days_below_10_and_months_1_2_only(date, expected):
    assert vn.date_line("Lạng Sơn", date) == expected


@pytest.mark.parametrize(
    "number, expected",
    [(5, "Số: 05/KH-SKHĐT"), (10, "Số: 10/KH-SKHĐT"), (301, "Số: 301/KH-SKHĐT"), (None, "Số:      /KH-SKHĐT")],
)
def test_number_line(number, expected):
    assert vn.number_line(number, "KH", "SKHĐT") == expected


def test_number_line_rejects_zero():
    with pytest.raises(ValueError):
        vn.number_line(0, "KH", "UBND")


@pytest.mark.parametrize(
    "number, expected", [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1999, "MCMXCIX")]
)
def test_roman(number, expected):
    assert vn.roman(number) == expected


def test_letters_follow_the_vietnamese_alphabet():
    assert [vn.letter(n) for n in range(1, 12)] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l"]
    assert vn.letter(23) == "y"
    with pytest.raises(ValueError):
        vn.letter(24)


def test_upper_keeps_diacritics():
    assert vn.upper("Sở Kế hoạch và Đầu tư") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    assert vn.upper("Ủy ban nhân dân tỉnh Lạng Sơn") == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"


def test_upper_of_decomposed_text_is_composed():
    decomposed = unicodedata.normalize("NFD", "Sở Nội vụ")
    assert vn.upper(decomposed) == "SỞ NỘI VỤ"
    assert unicodedata.is_normalized("NFC", vn.upper(decomposed))


def test_clean_text_normalises_what_staff_type():
    raw = unicodedata.normalize("NFD", "  Kế   hoạch\r\nnăm\t2021\x07 \u200b")
    assert vn.clean_text(raw) == "Kế hoạch\nnăm 2021"


def test_ascii_slug():
    assert vn.ascii_slug("Kế hoạch Đoàn thể năm 2021") == "ke-hoach-doan-the-nam-2021"
