"""VB3xx — numbering of the body and of table sequence columns.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6.đ (bố cục: phần, mục bằng số La Mã; khoản
bằng số Ả Rập; điểm theo thứ tự chữ cái tiếng Việt). Numbers made by Word's automatic numbering are
read as shown (kit.docmodel.numbering).
"""

from __future__ import annotations

import re
from typing import Any

from ..docmodel.document import Document, Paragraph, Table
from ..docmodel.scope import LAW
from ..vn import VIETNAMESE_LETTERS, roman, upper
from ._util import content_tables
from .findings import Location, Severity, first_words
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Phần, mục, khoản, điểm đánh số sai thì người đọc và các văn bản dẫn chiếu sau này trích nhầm chỗ."

_SOURCE = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6.đ"
# "II. NỘI DUNG", also typed without the space ("II.NỘI DUNG": the number still counts, the space is VB707's).
_MUC = re.compile(r"^([IVXLC]+)\s*\.(?:\s+\S|(?=[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹa-zđà-ỹ]))")
# "1. Bảo vệ …", also typed without the space ("1.Bảo vệ …": the number still counts, the space is VB707's).
_KHOAN = re.compile(r"^(\d{1,2})\s*\.(?:\s+\S|(?=[A-ZĐÀ-Ỹ]))")
_NESTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(?:\s+\S|(?=[A-ZĐÀ-Ỹ]))")
_DIEM = re.compile(r"^([a-zđ])\s*\)\s*\S")
# "3) Hồ sơ …" among khoản "1.", "2.", "4.": a khoản typed with a bracket (its mark is the slip, not its number). A
# list "1) 2)" of its own, inside a khoản, is no khoản: the number counts only where the khoản run expects it.
_KHOAN_IN_BRACKET = re.compile(r"^(\d{1,2})\)\s+\S")
_KHOAN_RUN_ENDS = ("khoan", "phan", "muc", "dieu", "part", "lettered")
_DIEU = re.compile(r"^Điều\s+(\d+)\s*[.:]")
_PHAN = re.compile(r"^(Phần|Chương|PHẦN|CHƯƠNG)\s+([IVXLC]+)\b")
_PHAN_WORDS = re.compile(r"^(Phần|PHẦN)\s+(thứ|THỨ)\s+\w+")
# Parts lettered A., B., C. above the mục and khoản ("A. MỤC ĐÍCH – YÊU CẦU", "B. NỘI DUNG"), as schools and
# mass organisations lay out their plans: each part numbers its khoản from 1 again.
# I, V and X are the mục's Roman numerals; a lettered list rarely reaches them (C and L are never mục 100, 50).
_LETTER_PART = re.compile(r"^([A-HJ-UWYZĐ])\s*\.\s+\S")
_ROMAN = {roman(n): n for n in range(1, 100)}
# An unnumbered title in capitals between the numbered items ("BẢN MÔ TẢ CÔNG VIỆC" heading each job of an annex):
# when the same title comes again, a form is repeated and its list numbers from 1 again; a title seen once (an
# emphasised line inside a mục, a table's caption) leaves the numbering going on.
_CAPS_TITLE = re.compile(r"^[A-ZĐÀ-Ỹ]{2,}(?:[ ,–-]+[A-ZĐÀ-Ỹ]{1,})+$")


def _parts(doc: Document) -> list[list[Paragraph]]:
    """The body, then each appendix on its own: an appendix numbers its items from I or 1 again."""
    return [doc.body, *doc.appendices]


def _names_a_part(doc: Document, p: Paragraph, after: str) -> bool:
    """ "Phần I", "PHẦN II. KẾT QUẢ", "Phần thứ nhất" head a part; a sentence that starts with the words — "Phần
    thứ nhất bao gồm từ …", or a line wrapped by hand inside one ("… tại ô số 7b Mục IV / Phần I Phụ lục này, …")
    — does not."""
    if after.lstrip()[:1].islower():
        return False
    if after.lstrip()[:1] in ".:-–":
        return True  # "Phần III. NHIỆM VỤ": a heading, also on a line of its own after a line break
    if p.line > 0 and p.index >= 2:
        above = doc.paragraphs[p.index - 2]  # the line before, in the same paragraph
        if (
            above.number == p.number
            and not above.stripped.endswith((".", ":", ";"))
            and above.stripped != upper(above.stripped)
        ):
            return False
    return True


def _outline(doc: Document, paragraphs: list[Paragraph]) -> list[tuple[str, Paragraph, Any]]:
    """(kind, paragraph, value) for every numbered heading of one part, outside tables."""
    items: list[tuple[str, Paragraph, Any]] = []
    for p in paragraphs:
        text = p.stripped
        if not text or p.in_table:
            continue
        if (m := _PHAN.match(text)) and _names_a_part(doc, p, text[m.end() :]):
            items.append(("phan", p, (m.group(1).capitalize(), _ROMAN.get(m.group(2)))))
        elif (m := _PHAN_WORDS.match(text)) and _names_a_part(doc, p, text[m.end() :]):
            # "Phần thứ nhất", "Phần thứ hai": a new part, counted in words
            items.append(("phan", p, (m.group(1).capitalize(), None)))
        elif m := _DIEU.match(text):
            items.append(("dieu", p, int(m.group(1))))
        elif (m := _LETTER_PART.match(text)) and text == upper(text):
            items.append(("lettered", p, m.group(1)))
        elif m := _MUC.match(text):
            if m.group(1) in _ROMAN:
                items.append(("muc", p, _ROMAN[m.group(1)]))
        elif m := _NESTED.match(text):
            items.append(("nested", p, (int(m.group(1)), int(m.group(2)))))
        elif m := _KHOAN.match(text):
            items.append(("khoan", p, int(m.group(1))))
        elif m := _DIEM.match(text):
            items.append(("diem", p, m.group(1)))
        elif m := _KHOAN_IN_BRACKET.match(text):
            items.append(("khoan_bracket", p, int(m.group(1))))
        elif _CAPS_TITLE.match(text) and text == upper(text):
            items.append(("title", p, text))
    return items


def _outline_restarting(doc: Document, part: list[Paragraph]) -> list[tuple[str, Paragraph, Any]]:
    """A part's outline, opened by a marker that resets every counter (each part numbers on its own)."""
    return [("part", part[0], None), *_outline(doc, part)] if part else []


def _whole_outline(doc: Document) -> list[tuple[str, Paragraph, Any]]:
    """The outlines of the body and each appendix one after the other (remembered: VB301–VB304 all read it)."""
    return doc._remember(
        "numbering_outline", lambda: [item for part in _parts(doc) for item in _outline_restarting(doc, part)]
    )


def _report_sequence(report, p: Paragraph, found: str, expected: str, what: str) -> None:
    report(
        p,
        f"{what} “{found}” sai thứ tự: sau số trước đó phải là “{expected}”",
        f"đánh lại số thành “{expected}” (và các số sau nó)",
    )


@rule(
    "VB301",
    "muc-sequence",
    Severity.ERROR,
    _SOURCE,
    wrong="I. MỤC ĐÍCH … III. NỘI DUNG (thiếu II)",
    right="I. MỤC ĐÍCH … II. NỘI DUNG",
)
def muc_sequence(doc: Document, report) -> None:
    """Mục đánh số La Mã I, II, III… liên tục, không nhảy, không lặp (lại từ I trong mỗi Phần, Chương)."""
    expected = place = 1
    after_title, titles = False, set()  # a repeated title in capitals came since the last mục; the titles seen
    for kind, p, value in _whole_outline(doc):
        if kind in ("phan", "part", "lettered"):
            expected = place = 1
        elif kind == "title":
            after_title = value in titles
            titles.add(value)
        elif kind == "muc":
            if after_title and value == 1:
                expected = place = 1  # the form repeated under its title numbers from I again
            after_title = False
            # A number that is its place in the list is right: the slip before it ("I, II, II, IV") was reported
            # once, where it is.
            if value != expected and value != place:
                _report_sequence(report, p, f"{roman(value)}.", f"{roman(expected)}.", "Mục")
            expected, place = value + 1, place + 1


# A law divides itself into Chương, Điều, khoản and điểm numbered as an administrative document's are (the Law on
# promulgating legal normative documents): its numbering is checked too, though Decree 30 does not govern it.
_LAWS_TOO = frozenset({LAW})


@rule(
    "VB302",
    "khoan-sequence",
    Severity.ERROR,
    _SOURCE,
    wrong="1. Mục đích … 1. Yêu cầu",
    right="1. Mục đích … 2. Yêu cầu",
    outside_kinds=_LAWS_TOO,
)
def khoan_sequence(doc: Document, report) -> None:
    """Khoản đánh số 1, 2, 3… liên tục, bắt đầu lại từ 1 trong mỗi Mục (và mỗi Điều); 1.1, 1.2… trong mỗi khoản."""
    expected, nested_expected, current = 1, 1, None
    after_title, titles = False, set()  # a repeated title in capitals came since the last khoản; the titles seen
    outline = _whole_outline(doc)
    # The value of the next item that ends a khoản run after each position (a khoản's number, or None for a
    # heading), found in one backward pass: a "3)" is read as khoản 3 only where the next khoản is 4.
    next_khoan: list = [None] * len(outline)
    following = None
    for position in range(len(outline) - 1, -1, -1):
        next_khoan[position] = following
        kind, _, value = outline[position]
        if kind in _KHOAN_RUN_ENDS:
            following = value if kind == "khoan" else None
    for position, (kind, p, value) in enumerate(outline):
        if kind in ("phan", "muc", "dieu", "part", "lettered"):
            expected, nested_expected, current = 1, 1, None
        elif kind == "title":
            after_title = value in titles
            titles.add(value)
        elif kind == "khoan_bracket":
            # A khoản typed "3)" fills the run's gap: the next khoản is the one after it ("2.", "3)", "4.").
            if current is not None and value == expected and next_khoan[position] == value + 1:
                expected, nested_expected, current = value + 1, 1, value
        elif kind == "khoan":
            if after_title and value == 1:
                expected = 1  # the form repeated under its title numbers from 1 again
            after_title = False
            if value != expected and not _listed_before(doc, p, value - 1):
                _report_sequence(report, p, f"{value}.", f"{expected}.", "Khoản")
            expected, nested_expected, current = value + 1, 1, value
        elif kind == "nested":
            parent, number = value
            if current is not None and parent != current:
                report(
                    p,
                    f"Tiểu mục “{parent}.{number}” nằm trong khoản {current}",
                    f"đánh số thành “{current}.{nested_expected}”",
                )
            elif number != nested_expected:
                _report_sequence(report, p, f"{parent}.{number}", f"{parent}.{nested_expected}", "Tiểu mục")
            nested_expected = number + 1


def _listed_before(doc: Document, p: Paragraph, number: int) -> bool:
    """The list began inside the paragraph before ("Vắng mặt, lý do: 1. Nguyễn Văn A …"), so `number` came."""
    # Walked back from the paragraph (a list of every paragraph before it, built for each slip, was quadratic).
    previous = next(
        (
            q
            for q in reversed(doc.paragraphs[max(0, p.index - 1 - _BACK_READ) : p.index - 1])
            if q.stripped and not q.in_table
        ),
        None,
    )
    return previous is not None and re.search(rf"[:;]\s*{number}\.\s", previous.stripped) is not None


_BACK_READ = 200  # lines looked back through for the paragraph before (empty lines and table cells between)


@rule(
    "VB303",
    "diem-sequence",
    Severity.ERROR,
    _SOURCE,
    wrong="d) …; e) … (bỏ đ)",
    right="d) …; đ) …; e) …",
    outside_kinds=_LAWS_TOO,
)
def diem_sequence(doc: Document, report) -> None:
    """Điểm đánh a), b), c), d), đ), e), g)… theo bảng chữ cái tiếng Việt, lại từ a) trong mỗi khoản."""
    expected = 0
    for kind, p, value in _whole_outline(doc):
        if kind in ("title", "khoan_bracket"):
            continue  # a title in capitals, a list "1) 2)" between điểm neither ends nor restarts them
        if kind != "diem":
            expected = 0
            continue
        if value not in VIETNAMESE_LETTERS:
            wanted = VIETNAMESE_LETTERS[expected] if expected < len(VIETNAMESE_LETTERS) else "?"
            report(
                p,
                f"Điểm “{value})” dùng chữ không có trong bảng chữ cái tiếng Việt",
                f"dùng “{wanted})” (thứ tự a, b, c, d, đ, e, g, h, i, k…)",
            )
            # The list follows the Latin alphabet (e, f, g, h): reported once here, its next letter not again.
            following = chr(ord(value) + 1)
            expected = VIETNAMESE_LETTERS.index(following) if following in VIETNAMESE_LETTERS else expected + 1
            continue
        index = VIETNAMESE_LETTERS.index(value)
        if index != expected and expected < len(VIETNAMESE_LETTERS):
            _report_sequence(report, p, f"{value})", f"{VIETNAMESE_LETTERS[expected]})", "Điểm")
        expected = index + 1


@rule(
    "VB304",
    "dieu-sequence",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6.đ",
    wrong="Điều 1. … Điều 3. … (thiếu Điều 2)",
    right="Điều 1. … Điều 2. …",
    outside_kinds=_LAWS_TOO,
)
def dieu_sequence(doc: Document, report) -> None:
    """Điều đánh số 1, 2, 3… liên tục trong cả văn bản; Phần, Chương đánh số La Mã liên tục."""
    expected_dieu = 1
    expected_part: dict[str, int] = {}
    for kind, p, value in _whole_outline(doc):
        if kind == "part":
            expected_dieu, expected_part = 1, {}
        elif kind == "dieu":
            if value != expected_dieu:
                _report_sequence(report, p, f"Điều {value}.", f"Điều {expected_dieu}.", "Điều")
            expected_dieu = value + 1
        elif kind == "phan":
            word, number = value
            wanted = expected_part.get(word, 1)
            if number is not None and number != wanted:
                _report_sequence(report, p, f"{word} {roman(number)}", f"{word} {roman(wanted)}", word)
            if number is not None:
                expected_part[word] = number + 1


# A điểm labelled with a full stop instead of the closing bracket: "a. Phương thức:".
_DIEM_DOT = re.compile(r"^([a-zđ])\.\s+\S")


@rule(
    "VB306",
    "diem-label",
    Severity.WARNING,
    _SOURCE + " (điểm: chữ cái tiếng Việt, sau có dấu đóng ngoặc đơn)",
    wrong="a. Phương thức tuyển sinh; b. Đối tượng tuyển sinh",
    right="a) Phương thức tuyển sinh; b) Đối tượng tuyển sinh",
)
def diem_label(doc: Document, report) -> None:
    """Điểm ghi chữ cái và dấu đóng ngoặc đơn “a)”, không phải dấu chấm “a.”."""
    wrong = [
        p
        for part in _parts(doc)
        for p in part
        if p.stripped and not p.in_table and _DIEM_DOT.match(p.stripped) and not p.label
    ]
    # A list: "a." followed somewhere by "b." — one letter alone may be an initial or a stray line.
    letters = {_DIEM_DOT.match(p.stripped).group(1) for p in wrong}  # type: ignore[union-attr]
    if wrong and {"a", "b"} <= letters:
        report(
            wrong[0],
            f"Điểm ghi “{wrong[0].stripped[:2]}” thay vì “{wrong[0].stripped[0]})” ở {len(wrong)} đoạn",
            "ghi chữ cái rồi dấu đóng ngoặc đơn: a), b), c)…",
        )


def _tt_column(table: Table) -> int | None:
    if not table.rows:
        return None
    for index, text in enumerate(table.rows[0].texts):
        if re.sub(r"[\s.]", "", text).upper() in ("TT", "STT", "SỐTT"):
            return index
    return None


def _series(doc: Document) -> list[list[tuple[Table, int, Any]]]:
    """Sequence columns, a table split at page breaks (same header row) counting as one."""
    series: list[list[tuple[Table, int, Any]]] = []
    previous_header, previous_end = None, 0
    for table in content_tables(doc):
        column = _tt_column(table)
        if column is None:
            previous_header = None
            continue
        header = tuple(table.rows[0].texts)
        rows = [(table, index, row) for index, row in enumerate(table.rows) if index > 0]
        start = min(p.index for p in table.paragraphs)
        # Text between two tables makes them two tables, even with the same header row.
        between = any(p.stripped and not p.in_table for p in doc.paragraphs[previous_end : start - 1])
        if previous_header == header and series and not between:
            series[-1].extend(rows)
        else:
            series.append(rows)
        previous_header, previous_end = header, max(p.index for p in table.paragraphs)
    return series


def _tt_value(row, column: int) -> int | None:
    if len(row.cells) <= column:
        return None
    text = row.cells[column].text.strip().rstrip(".")
    return int(text) if text.isdigit() else None


def _excerpt(row) -> str:
    return " | ".join(row.texts)


def _row_location(table: Table, index: int, row, column: int) -> Location:
    """A row of a table, found in Word by its page and the first words of its text beside the TT column."""
    texts = [(number, p) for number, cell in enumerate(row.cells) for p in cell.paragraphs if p.stripped]
    words = next((p for number, p in texts if number != column), None)
    return Location(
        "body",
        None,
        table.index,
        index + 1,
        column + 1,
        texts[0][1].page if texts else None,
        first_words(words.own_text or words.text) if words is not None else "",
    )


@rule(
    "VB305",
    "table-sequence",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6 (nội dung); thực tiễn bảng kế hoạch",
    wrong="Cột TT: 1, 2, 4",
    right="Cột TT: 1, 2, 3",
)
def table_sequence(doc: Document, report) -> None:
    """Cột TT/STT của bảng đánh số liên tục, không nhảy, không lặp — liên tục cả bảng hoặc lại từ 1 trong mỗi nhóm, thống nhất.

    A table split into several tables at page breaks (the header row repeated) is one sequence; rows
    without a number (e.g. "Quý I") are group rows. The document's own scheme is inferred: after a
    group row, does numbering restart at 1 or continue?
    """
    for rows in _series(doc):
        if not rows:
            continue  # a table of its header row alone: nothing numbered yet
        column = _tt_column(rows[0][0])
        if column is None:  # _series keeps only tables with a TT column
            continue
        groups: list[list[tuple[Table, int, Any, int]]] = [[]]
        for table, index, row in rows:
            value = _tt_value(row, column)
            if value is None:
                if any(cell.text for cell in row.cells) and groups[-1]:
                    groups.append([])
                continue
            groups[-1].append((table, index, row, value))
        groups = [group for group in groups if group]
        restarts = sum(1 for group in groups[1:] if group[0][3] == 1)
        restart_scheme = restarts * 2 > len(groups[1:]) if len(groups) > 1 else False
        previous = 0
        for number, group in enumerate(groups):
            for position, (table, index, row, value) in enumerate(group):
                if position == 0 and number > 0:
                    expected = 1 if restart_scheme else previous + 1
                    if value != expected and value in (1, previous + 1):
                        scheme = "lại từ 1 ở mỗi nhóm" if restart_scheme else "liên tục qua các nhóm"
                        report(
                            _row_location(table, index, row, column),
                            f"Nhóm bắt đầu bằng số {value}, trái với cách đánh số của bảng ({scheme})",
                            f"đánh số {expected}",
                            _excerpt(row),
                        )
                        previous = value
                        continue
                else:
                    expected = previous + 1
                if value != expected:
                    what = "lặp số" if value <= previous else "nhảy số"
                    report(
                        _row_location(table, index, row, column),
                        f"Cột TT {what}: {value} sau {previous}",
                        f"đánh số {expected} (và các số sau nó)",
                        _excerpt(row),
                    )
                previous = value
