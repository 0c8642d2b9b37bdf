"""VB1xx — page set-up, fonts, sizes and spacing.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục I (khổ giấy, định lề, phông chữ, số trang) and
Mục II.6 (nội dung: cỡ chữ, căn lề, thụt đầu dòng, khoảng cách đoạn, giãn dòng).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..docmodel.document import Document
from ..vn import upper
from ._util import first_and_count, report_many, text_paragraphs
from .findings import Location, Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Nghị định 30 quy định một thể thức và kỹ thuật trình bày cho mọi văn bản hành chính: khổ giấy, lề, phông, cỡ chữ sai thì văn bản in ra lệch chuẩn, bị trả lại để trình bày lại."

TNR = "Times New Roman"
_LEGACY_FONT = re.compile(r"^(\.Vn|VNI[- ]|VN[- ]?Times|Vn[A-Z]|TCVN|ABC|\.VnTime)", re.IGNORECASE)
# Letters that TCVN3 (ABC) and VNI text shows when read as Unicode: "Céng hoµ x· héi".
_LEGACY_TEXT = re.compile(r"[µ¸¶·¹¨©®ª«¬­¼½¾ÆÇÑÞßåæçðñøþ]")
_SOURCE_PAGE = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục I"
_SOURCE_BODY = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6"


def _body_text(doc: Document):
    """Paragraphs of running text: the body outside tables and text boxes (a figure's labels, a stamp), with
    letters in them, not centred titles."""
    return [
        p
        for p in text_paragraphs(doc, tables=False)
        if p.line == 0
        and not p.in_box
        and re.search(r"\w{2,}", p.stripped)
        and p.fmt.alignment not in ("center", "right", "end")
    ]


@rule(
    "VB101",
    "page-size-a4",
    Severity.ERROR,
    _SOURCE_PAGE + ".1",
    wrong="Khổ giấy Letter 215,9 × 279,4 mm",
    right="Khổ giấy A4 210 × 297 mm",
)
def page_size(doc: Document, report) -> None:
    """Khổ giấy phải là A4 (210 × 297 mm).

    Decree 30 prints administrative documents on A4 paper.
    """
    wrong = [
        (number, f"{section.page_width_mm:g} × {section.page_height_mm:g} mm")
        for number, section in enumerate(doc.sections, start=1)
        if (size := sorted((section.page_width_mm, section.page_height_mm)))
        and (abs(size[0] - 210) > 1 or abs(size[1] - 297) > 1)
    ]
    for numbers, value in _grouped(wrong):
        report(
            Location("layout"),
            f"Khổ giấy {numbers} là {value}, không phải A4",
            "chọn khổ A4 (210 × 297 mm) trong Page Setup / Bố cục trang",
        )


def _grouped(items: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Sections with the same problem, one entry for each run of consecutive ones ("phần 2–8")."""
    groups: list[list] = []
    for number, value in items:
        if groups and groups[-1][2] == value and groups[-1][1] == number - 1:
            groups[-1][1] = number
        else:
            groups.append([number, number, value])
    return [(f"phần {first}" if first == last else f"phần {first}–{last}", value) for first, last, value in groups]


@rule(
    "VB102",
    "portrait",
    Severity.WARNING,
    _SOURCE_PAGE + ".2",
    wrong="Kế hoạch toàn chữ trình bày trang nằm ngang",
    right="Trang dọc; trang ngang chỉ cho phụ lục là bảng",
)
def orientation(doc: Document, report) -> None:
    """Trang nằm ngang chỉ dùng khi văn bản chủ yếu là bảng.

    Decree 30: portrait along the length of A4; landscape only for pages of tables or charts.
    """
    body = [p for p in doc.paragraphs if p.region in ("body", "appendix") and p.stripped]
    for number, section in enumerate(doc.sections, start=1):
        if number - 1 in doc.appendix_sections or not section.landscape:
            continue  # an appendix has its own page set-up (a landscape table of figures)
        # Each section on its own: a landscape section of tables inside a portrait report is right.
        text = sum(len(p.stripped) for p in body if p.section == number - 1 and not p.in_table)
        in_tables = sum(len(p.stripped) for p in body if p.section == number - 1 and p.in_table)
        if in_tables < text:
            report(
                Location("layout"),
                f"Phần {number} trình bày trang nằm ngang nhưng văn bản không chủ yếu là bảng",
                "chuyển trang sang chiều dọc (Portrait)",
            )


@rule(
    "VB103",
    "margins",
    Severity.ERROR,
    _SOURCE_PAGE + ".3",
    wrong="Lề trên 10 mm, lề trái 25 mm",
    right="Lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm",
)
def margins(doc: Document, report) -> None:
    """Lề trang: trên 20–25 mm, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm."""
    limits = {
        "trên": ("top_mm", 20, 25),
        "dưới": ("bottom_mm", 20, 25),
        "trái": ("left_mm", 30, 35),
        "phải": ("right_mm", 15, 20),
    }
    found = []
    for number, section in enumerate(doc.sections, start=1):
        wrong = []
        for name, (attribute, low, high) in limits.items():
            value = getattr(section, attribute)
            if not low - 0.5 <= value <= high + 0.5:
                wrong.append(f"lề {name} {value:g} mm (cần {low}–{high})")
        if wrong:
            found.append((number, "; ".join(wrong)))
    for numbers, value in _grouped(found):
        report(
            Location("layout"),
            f"{numbers[0].upper()}{numbers[1:]}: {value}",
            "đặt lại lề trong Page Setup / Bố cục trang",
        )


def _fonts(doc: Document) -> dict:
    """Font → the paragraphs with text using it (remembered: VB104 and VB105 both ask)."""

    def compute() -> dict:
        by_font = defaultdict(list)
        for p in doc.paragraphs:
            if not p.stripped:
                continue
            for font in {run.font for run in p.runs}:
                by_font[font].append(p)
        return dict(by_font)

    return doc._remember("fonts", compute)


@rule(
    "VB104",
    "font-times-new-roman",
    Severity.ERROR,
    _SOURCE_PAGE + ".4",
    wrong="Đoạn nội dung phông Arial",
    right="Đoạn nội dung phông Times New Roman",
)
def font(doc: Document, report) -> None:
    """Phông chữ Times New Roman (Unicode, TCVN 6909:2001).

    Reported once per font, at its first paragraph, with the number of paragraphs using it.
    """
    for name, paragraphs in sorted(_fonts(doc).items(), key=lambda item: item[1][0].index):
        # "Times New Roman Bold" is how some documents name the bold face of the same family.
        if (name and name.startswith(TNR)) or (name and _LEGACY_FONT.match(name)):
            continue
        first, count = first_and_count(paragraphs)
        shown = name or "không xác định (không đặt phông)"
        report(
            first,
            f"Phông {shown} ở {count} đoạn, cần Times New Roman",
            "chọn toàn bộ văn bản (Ctrl+A) và đặt phông Times New Roman",
        )


@rule(
    "VB105",
    "legacy-font",
    Severity.ERROR,
    _SOURCE_PAGE + ".4",
    wrong="Phông .VnTime",
    right="Phông Times New Roman (Unicode)",
    any_text=True,
)
def legacy_font(doc: Document, report) -> None:
    """Không dùng phông cũ không phải Unicode (.VnTime, .VnTimeH, VNI-Times…)."""
    for name, paragraphs in sorted(_fonts(doc).items(), key=lambda item: item[1][0].index):
        if name and _LEGACY_FONT.match(name):
            first, count = first_and_count(paragraphs)
            # Text typed in Unicode under the old font's name (a style kept from an old template) needs only the
            # font changed: converting it as TCVN3 would garble it.
            unicode_already = any(_VIETNAMESE_UNICODE.search(p.stripped) for p in paragraphs[:_FONT_TEXT_READ])
            report(
                first,
                f"Phông cũ {name} (không phải Unicode) ở {count} đoạn",
                "chữ đã là Unicode: chỉ cần đặt phông Times New Roman, không chuyển mã"
                if unicode_already
                else "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) rồi đặt phông Times New Roman",
            )


# Letters only Unicode Vietnamese has (TCVN3 and VNI write them with Latin-1 signs: "Céng hoµ").
_VIETNAMESE_UNICODE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_FONT_TEXT_READ = 20


@rule(
    "VB106",
    "legacy-encoding",
    Severity.ERROR,
    _SOURCE_PAGE + ".4",
    wrong="Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    right="Cộng hòa xã hội chủ nghĩa Việt Nam",
)
def legacy_encoding(doc: Document, report) -> None:
    """Chữ gõ bằng bảng mã cũ (TCVN3, VNI) hiện sai khi đọc bằng Unicode, ví dụ “Céng hoµ”."""
    found = [p for p in doc.paragraphs if p.stripped and len(_LEGACY_TEXT.findall(p.stripped)) >= 2]
    report_many(
        report,
        found,
        "Văn bản có chữ mã cũ (TCVN3/VNI) ở {count} đoạn",
        "chuyển mã sang Unicode bằng Unikey (Công cụ chuyển mã) rồi đặt phông Times New Roman",
    )


@rule("VB107", "body-size", Severity.WARNING, _SOURCE_BODY, wrong="Đoạn nội dung cỡ 12", right="Đoạn nội dung cỡ 14")
def body_size(doc: Document, report) -> None:
    """Cỡ chữ phần nội dung từ 13 đến 14."""
    wrong = [p for p in _body_text(doc) if any(not 13 <= size <= 14 for size in p.sizes)]
    if wrong:
        first, count = first_and_count(wrong)
        sizes = sorted({size for p in wrong for size in p.sizes if not 13 <= size <= 14})
        report(
            first,
            f"Cỡ chữ {', '.join(f'{s:g}' for s in sizes)} ở {count} đoạn nội dung, cần 13–14",
            "đặt cỡ chữ 14 (hoặc 13) cho phần nội dung",
        )


@rule(
    "VB108",
    "line-spacing",
    Severity.WARNING,
    _SOURCE_BODY,
    wrong="Giãn dòng Double (2 dòng)",
    right="Giãn dòng Single đến 1,5 lines (hoặc Exactly 17 pt)",
)
def line_spacing(doc: Document, report) -> None:
    """Giãn dòng phần nội dung từ một dòng (single) đến 1,5 dòng."""
    wrong = []
    for p in _body_text(doc):
        line, rule_name = p.fmt.line, p.fmt.line_rule or "auto"
        if line is None:
            continue
        if rule_name == "auto":
            ratio = line / 240
        else:
            # Exactly N pt: 15–24 pt for 14 pt text (the hint's range), scaled to the text's size — a size
            # outside the body's 13–14 pt is VB107's finding, so the spacing is judged against the size due.
            size = min(max(p.first.size_pt or 14, 13), 14)
            ratio = (line / 20) / size * (1 / 1.07)
        if rule_name == "atLeast" and ratio < 0.95:
            continue  # "at least" a small height: Word uses the single line the font needs
        if not 0.95 <= ratio <= 1.65:
            wrong.append(p)
    report_many(
        report,
        wrong,
        "Giãn dòng ngoài khoảng một dòng đến 1,5 dòng ở {count} đoạn",
        "đặt Line spacing từ Single đến 1.5 lines (hoặc Exactly 15–24 pt với cỡ chữ 14)",
    )


@rule(
    "VB109",
    "paragraph-spacing",
    Severity.WARNING,
    _SOURCE_BODY,
    wrong="Spacing Before 0 pt, After 0 pt giữa hai đoạn",
    right="Spacing After 6 pt",
)
def paragraph_spacing(doc: Document, report) -> None:
    """Khoảng cách giữa các đoạn văn tối thiểu 6 pt."""
    paragraphs = _body_text(doc)
    # Word adds the space after a paragraph and the space before the next one.
    wrong = [
        p
        for p, following in zip(paragraphs, paragraphs[1:])
        if p.fmt.space_after_twips + following.fmt.space_before_twips < 118
    ]
    report_many(
        report,
        wrong,
        "Khoảng cách giữa các đoạn nhỏ hơn 6 pt ở {count} chỗ",
        "đặt Spacing After (Sau) ít nhất 6 pt cho các đoạn nội dung",
    )


def _visible_indent(p, default_tab: int) -> int:
    """Where the first line's text starts, from the margin (left indent plus first-line indent, a hanging
    indent pulls it back, a tab typed before the text moves it to the next tab stop); a one-line heading
    shifted with the left indent looks the same as a first-line indent."""
    indent = p.text_start_twips(default_tab)  # a hanging list item's number starts at left − hanging
    if indent == p.fmt.left_twips and p.fmt.first_line_twips == 0 and len(p.stripped) >= 90:
        indent = 0  # a whole block shifted right is not a first-line indent
    return indent


# A line wholly in brackets: a note under an item, not a paragraph of text.
_NOTE = re.compile(r"^\([^()]*\)\.?$")
# The fields a meeting's agenda or invitation lists, one per line.
_FIELD = re.compile(r"^(Thời gian|Thời điểm|Địa điểm|Chủ trì|Chủ tọa|Chủ toạ|Thành phần)\s*:", re.IGNORECASE)


@rule(
    "VB110",
    "first-line-indent",
    Severity.WARNING,
    _SOURCE_BODY,
    wrong="Đoạn nội dung không thụt đầu dòng",
    right="First line 1,27 cm",
)
def first_line_indent(doc: Document, report) -> None:
    """Đoạn nội dung thụt đầu dòng 1 cm hoặc 1,27 cm.

    Held to running text: not a note in brackets under an item ("(Gồm 01 đơn vị hành chính cấp xã)"), not
    the fields an agenda or an invitation lists ("Thời gian: …", "Địa điểm: …"), not a heading in capitals
    moved toward the centre by hand ("QUYẾT ĐỊNH:" before Điều 1: its place is the centre, another matter).
    """
    wrong = [
        p
        for p in _body_text(doc)
        if p.fmt.alignment in (None, "both", "left", "start", "distribute")
        and not p.stripped.startswith("Nơi nhận")
        and not 550 <= (indent := _visible_indent(p, doc.default_tab_twips)) <= 740
        and not _NOTE.match(p.stripped)
        and not _FIELD.match(p.stripped)
        and not (indent >= 1440 and len(p.stripped) <= 60 and p.stripped == upper(p.stripped))
    ]
    report_many(
        report,
        wrong,
        "Thụt đầu dòng không phải 1–1,27 cm ở {count} đoạn",
        "đặt First line (Dòng đầu tiên) 1,27 cm trong Paragraph",
    )


@rule(
    "VB111",
    "body-justified",
    Severity.WARNING,
    _SOURCE_BODY,
    wrong="Đoạn nội dung dài căn trái (Align Left)",
    right="Đoạn nội dung căn đều hai lề (Justify)",
)
def justified(doc: Document, report) -> None:
    """Phần nội dung căn đều hai lề."""
    wrong = [p for p in _body_text(doc) if p.fmt.alignment in (None, "left", "start") and len(p.stripped) > 80]
    if wrong:
        first, count = first_and_count(wrong)
        report(first, f"{count} đoạn nội dung không căn đều hai lề", "chọn căn đều (Justify, Ctrl+J)")


@rule(
    "VB112",
    "page-numbers",
    Severity.WARNING,
    _SOURCE_PAGE + ".7",
    wrong="Văn bản ba trang không có số trang",
    right="Số trang giữa lề trên từ trang 2 (Different First Page)",
)
def page_numbers(doc: Document, report) -> None:
    """Số trang ở giữa lề trên, không hiện ở trang 1.

    A one-page document has nothing to number (page 1 is never numbered); an appendix section has its
    own page set-up.
    """
    if doc.one_page:
        return
    for number, section in enumerate(doc.sections, start=1):
        if number - 1 in doc.appendix_sections:
            continue
        if not section.page_number_in_header:
            report(
                Location("layout"),
                f"Phần {number} không đánh số trang ở lề trên",
                "chèn số trang (Insert > Page Number > Top of Page, giữa)",
            )
        elif number == 1 and not section.different_first_page:  # a later section does not start on page 1
            report(
                Location("layout"),
                f"Phần {number} hiện số trang ở trang 1",
                "chọn Different First Page (Trang đầu khác) để trang 1 không có số",
            )
