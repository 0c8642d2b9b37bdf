"""Property tests (hypothesis): helpers, the workbook reader and kit check on generated inputs.

CI runs a fixed, small number of examples; `HYPOTHESIS_PROFILE=slow pytest tests/test_properties.py`
runs many more locally.
"""

import datetime as dt
import io
import os
import re
import unicodedata
from pathlib import Path

import docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kit import vn
from kit.checks.runner import check_document
from kit.docmodel.document import read_document
from kit.errors import KitError

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("slow", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

dates = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))
vietnamese = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ ,.-0123456789")
    ),
    max_size=40,
)


@given(dates, vietnamese.filter(lambda s: s.strip() and "," not in s))
def test_date_line(date, place):
    line = vn.date_line(place, date)
    match = re.fullmatch(r"(.+), ngày (\d\d) tháng (\d{1,2}) năm (\d{4})", line)
    assert match and dt.date(int(match[4]), int(match[3]), int(match[2])) == date
    assert match[3].startswith("0") == (date.month < 3) and match[2].startswith("0") == (date.day < 10)


@given(
    st.one_of(st.none(), st.integers(1, 99999)),
    st.sampled_from(["KH", "TTr", "BB", "QyĐ"]),
    st.from_regex(r"[A-ZĐ]{2,6}", fullmatch=True),
)
def test_number_line(number, kind, issuer):
    line = vn.number_line(number, kind, issuer)
    assert re.fullmatch(r"Số:( \d{2,}|\s{6})/" + re.escape(f"{kind}-{issuer}"), line)


@given(st.integers(1, 3999))
def test_roman_round_trip(number):
    values = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
    text = vn.roman(number)
    total = sum(-values[a] if values[a] < values[b] else values[a] for a, b in zip(text, text[1:] + "I"))
    assert total == number and re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text)


@given(st.integers(1, 23))
def test_letters_are_vietnamese_and_ordered(number):
    assert vn.letter(number) in vn.VIETNAMESE_LETTERS and vn.VIETNAMESE_LETTERS.index(vn.letter(number)) == number - 1


@given(st.text(max_size=200))
def test_upper_and_clean_text(text):
    upper = vn.upper(text)
    assert unicodedata.is_normalized("NFC", upper) and vn.upper(upper) == upper
    cleaned = vn.clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned) and vn.clean_text(cleaned) == cleaned
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\t]", cleaned)


# Text as cells hold it: letters with and without their marks (composed or not), and every kind of space,
# line break and invisible character clean_text handles.
_cell_text = st.lists(
    st.sampled_from(
        [*"aăđê ơ Ư.\u0301\u0323", "  ", "\t", "\r\n", "\n", "\xa0", "\u2003", "\u200b", "\u2028"]
        + ["\x0b", "\x1c", "\x85", "\u1680", "\ufeff", "\x01"]
    )
    | st.characters(),
    max_size=40,
).map("".join)


@given(_cell_text)
@example("Trường  THCS")
@example("Nguyễn\xa0Văn An ")
@example("Tổ\u2003Văn")
@example("Lê\u200bAn")
@settings(max_examples=400)  # cheap: a text of 40 characters at most
def test_clean_text_shortcut_gives_what_cleaning_every_line_gives(text):
    # A clean one-line cell skips the line-by-line cleaning: the result must be the same for any text.
    assert vn.clean_text(text) == vn._clean_every_line(text)


cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
)


@given(st.lists(cell_values, min_size=8, max_size=8))
@settings(max_examples=25)
def test_workbook_reader_never_crashes_and_points_at_cells(tmp_path_factory, values):
    from openpyxl import load_workbook

    from kit.app import render_workbook, workbook_bytes
    from tests.conftest import data

    path = tmp_path_factory.mktemp("wb") / "k.xlsx"
    path.write_bytes(workbook_bytes("ke-hoach", data()))
    wb = load_workbook(path)
    cells = [
        ("Văn bản", "B5"),
        ("Văn bản", "B7"),
        ("Văn bản", "B10"),
        ("Văn bản", "B8"),
        ("Đề mục", "A3"),
        ("Đề mục", "B3"),
        ("Bảng kế hoạch", "A4"),
        ("Nơi nhận", "A2"),
    ]
    for (sheet, coordinate), value in zip(cells, values):
        wb[sheet][coordinate].value = value
    wb.save(path)
    try:
        render_workbook(path)
    except KitError as error:
        for line in error.lines():
            assert line.startswith("k.xlsx") and "\n" not in line


paragraph_texts = st.one_of(
    st.sampled_from(
        [
            "I. MỤC ĐÍCH",
            "II. NỘI DUNG",
            "1. Khoản",
            "3. Khoản",
            "a) Điểm",
            "đ) Điểm",
            "e) Điểm",
            "Nơi nhận:",
            "- Lưu: VT, VP.",
            "KẾ HOẠCH",
            "TỜ TRÌNH",
            "Số: 5/KH-UBND",
            "Kính gửi: A",
            "Lạng Sơn, ngày 5 tháng 1 năm 2021",
            "KT. CHỦ TỊCH",
            "Căn cứ Nghị định số 91/2017/NQ-CP ngày 31/7/2016;",
        ]
    ),
    vietnamese,
)


@given(
    st.lists(
        st.one_of(
            paragraph_texts.map(lambda t: ("p", t)),
            st.lists(st.lists(paragraph_texts, min_size=1, max_size=3), min_size=1, max_size=4).map(lambda r: ("t", r)),
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_check_never_raises_and_findings_point_inside(blocks, bold):
    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            run = document.add_paragraph().add_run(content)
            run.bold = bold
        else:
            width = max(len(row) for row in content)
            table = document.add_table(rows=len(content), cols=width)
            for tr, row in zip(table.rows, content):
                for cell, text in zip(tr.cells, row):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document(docx.Document(io.BytesIO(buffer.getvalue())), Path("x.docx"))
    for finding in check_document(doc):
        location = finding.location
        if location.paragraph is not None:
            assert 1 <= location.paragraph <= len(doc.paragraphs)
        if location.table is not None:
            assert 1 <= location.table <= len(doc.tables)
