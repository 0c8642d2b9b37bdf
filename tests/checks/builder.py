"""Build Word documents as staff type them, for the checks' fixtures: a clean plan by default.

The styles, page set-up and page numbers come from the kit's own plan template (its body is
replaced), so a document built here with default values is a correct Decree 30 plan; a fixture
changes one thing to make one rule fail.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

import docx
from docx.shared import Cm

from kit.docmodel.document import Document, read_document
from kit.packs import builtin_pack

Block = Union[str, tuple]  # noqa: UP007 - a runtime alias, for Python 3.10


def clean_body() -> list[Block]:
    return [
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022; Sở Nội vụ xây dựng Kế hoạch công tác thi đua, khen thưởng năm 2025 như sau:",
        ("muc", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("tieu_de", "1. Mục đích"),
        "Đẩy mạnh các phong trào thi đua yêu nước trong toàn ngành.",
        ("tieu_de", "2. Yêu cầu"),
        "a) Thiết thực, hiệu quả;",
        "b) Khen thưởng kịp thời, đúng đối tượng.",
        ("muc", "II. NỘI DUNG"),
        (
            "table",
            [
                ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN"],
                ["QUÝ I", "", ""],
                ["1", "Phát động thi đua", "Văn phòng"],
                ["2", "Đăng ký thi đua trước ngày 30/01/2025", "Các phòng"],
                ["QUÝ II", "", ""],
                ["3", "Sơ kết 6 tháng đầu năm 2025", "Văn phòng"],
            ],
        ),
        ("muc", "III. TỔ CHỨC THỰC HIỆN"),
        "Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch này./.",
    ]


@dataclass
class Spec:
    chu_quan: str | None = "UBND TỈNH LẠNG SƠN"
    co_quan: list[str] = field(default_factory=lambda: ["SỞ NỘI VỤ"])
    so: str | None = "Số: 05/KH-SNV"
    date: str | None = "Lạng Sơn, ngày 05 tháng 01 năm 2025"
    quoc_hieu: str | None = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tieu_ngu: str | None = "Độc lập - Tự do - Hạnh phúc"
    title: str | None = "KẾ HOẠCH"
    trich_yeu: list[str] = field(default_factory=lambda: ["Công tác thi đua, khen thưởng năm 2025"])
    kinh_gui: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=clean_body)
    noi_nhan: list[str] = field(
        default_factory=lambda: ["Nơi nhận:", "- Bộ Nội vụ;", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."]
    )
    signature: list[str] = field(default_factory=lambda: ["GIÁM ĐỐC", "Nguyễn Văn An"])
    edits: list[Callable] = field(default_factory=list)  # change the python-docx document after building

    def but(self, **changes) -> Spec:
        other = copy.deepcopy(self)
        for key, value in changes.items():
            setattr(other, key, value)
        return other


def _style(document, style_id):
    return next(style for style in document.styles if style.style_id == style_id)


def _para(container, style_id, text):
    paragraph = container.add_paragraph(
        style=_style(container.part.document if hasattr(container, "part") else container, style_id)
    )
    if text:
        paragraph.add_run(text)
    return paragraph


def _cell(document, cell, lines):
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for style_id, text in lines:
        paragraph = cell.add_paragraph(style=_style(document, style_id))
        if text:
            paragraph.add_run(text)


def _borderless(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def build(spec: Spec) -> bytes:
    document = docx.Document(str(builtin_pack().template("ke-hoach").file))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)

    header = document.add_table(rows=2, cols=2)
    _borderless(header)
    left = ([("VBCoQuanChuQuan", spec.chu_quan)] if spec.chu_quan else []) + [
        ("VBCoQuanBanHanh", line) for line in spec.co_quan
    ]
    _cell(document, header.cell(0, 0), left + [("VBGachNgan", "")])
    right = [("VBQuocHieu", spec.quoc_hieu)] if spec.quoc_hieu else []
    right += [("VBTieuNgu", spec.tieu_ngu), ("VBGachDu", "")] if spec.tieu_ngu else []
    _cell(document, header.cell(0, 1), right or [("VBQuocHieu", "")])
    _cell(document, header.cell(1, 0), [("VBSoKyHieu", spec.so or "")])
    _cell(document, header.cell(1, 1), [("VBDiaDanhNgay", spec.date or "")])
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Cm(7.0), Cm(10.3)

    if spec.title:
        _para(document, "VBTenLoai", spec.title)
    for line in spec.trich_yeu:
        _para(document, "VBTrichYeu", line)
    for line in spec.kinh_gui:
        paragraph = _para(document, "VBDoan", line)
        paragraph.paragraph_format.alignment = 1 if len(spec.kinh_gui) == 1 else None
    for block in spec.body:
        if isinstance(block, str):
            _para(document, "VBDoan", block)
        elif block[0] == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = document.styles["Table Grid"]
            for tr, values in zip(table.rows, rows):
                for cell, value in zip(tr.cells, values):
                    cell.paragraphs[0].style = _style(document, "VBBang")
                    if value:
                        cell.paragraphs[0].add_run(value)
        else:
            _para(document, {"muc": "VBMuc", "tieu_de": "VBTieuDe"}[block[0]], block[1])

    bottom = document.add_table(rows=1, cols=2)
    _borderless(bottom)
    items = [("VBNoiNhan" if i == 0 else "VBNoiNhanMuc", text) for i, text in enumerate(spec.noi_nhan)]
    _cell(document, bottom.cell(0, 0), items or [("VBNoiNhanMuc", "")])
    lines = [("VBChucVuKy", line) if line.isupper() else ("VBNguoiKy", line) for line in spec.signature]
    _cell(document, bottom.cell(0, 1), lines or [("VBChucVuKy", "")])
    for edit in spec.edits:
        edit(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def model(spec: Spec) -> Document:
    from pathlib import Path

    return read_document(docx.Document(io.BytesIO(build(spec))), Path("fixture.docx"))


# -- edits: what a person changes in Word ------------------------------------------------------


def _paragraphs(document, text):
    from kit.docmodel.effective import W, paragraph_text

    found = [p for p in document.element.body.iter(W + "p") if paragraph_text(p).strip() == text]
    assert found, f"no paragraph {text!r}"
    return found


def runs_of(text, **properties) -> Callable:
    """Set font properties (name, size, bold, italic) on the runs of the paragraphs reading `text`."""

    def edit(document):
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph

        for p in _paragraphs(document, text):
            for run in Paragraph(p, document).runs:
                if "name" in properties:
                    run.font.name = properties["name"]
                    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                    for slot in ("w:eastAsia", "w:cs"):
                        rfonts.set(docx.oxml.ns.qn(slot), properties["name"])
                if "size" in properties:
                    run.font.size = Pt(properties["size"])
                if "bold" in properties:
                    run.font.bold = properties["bold"]
                if "italic" in properties:
                    run.font.italic = properties["italic"]

    return edit


def paragraph_of(text, **properties) -> Callable:
    """Set paragraph properties (first_line_cm, left_twips, space_after_pt, line_spacing, alignment) on `text`'s
    paragraphs."""

    def edit(document):
        from docx.shared import Cm, Pt, Twips
        from docx.text.paragraph import Paragraph

        for p in _paragraphs(document, text):
            fmt = Paragraph(p, document).paragraph_format
            if "first_line_cm" in properties:
                fmt.first_line_indent = Cm(properties["first_line_cm"])
            if "left_twips" in properties:
                fmt.left_indent = Twips(properties["left_twips"])
            if "space_after_pt" in properties:
                fmt.space_after = Pt(properties["space_after_pt"])
            if "line_spacing" in properties:
                fmt.line_spacing = properties["line_spacing"]
            if "alignment" in properties:
                fmt.alignment = properties["alignment"]

    return edit


def all_body(**properties) -> Callable:
    """Apply paragraph_of to every VB Đoạn văn paragraph."""

    def edit(document):
        from docx.shared import Pt

        for paragraph in document.paragraphs:
            if paragraph.style.style_id != "VBDoan":
                continue
            fmt = paragraph.paragraph_format
            if "space_after_pt" in properties:
                fmt.space_after = Pt(properties["space_after_pt"])
            if "size" in properties:
                for run in paragraph.runs:
                    run.font.size = Pt(properties["size"])

    return edit


def page(width_mm=210, height_mm=297, **margins) -> Callable:
    def edit(document):
        from docx.shared import Mm

        section = document.sections[0]
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
        for name, value in margins.items():
            setattr(section, f"{name}_margin", Mm(value))

    return edit


def no_page_numbers(document) -> None:
    section = document.sections[0]
    for paragraph in section.header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    section.header.add_paragraph("")


def page_number_on_first_page(document) -> None:
    document.sections[0].different_first_page_header_footer = False


def word_numbering(formats=("upperRoman", "decimal", "lowerLetter"), texts=("%1.", "%2.", "%3)")) -> Callable:
    """Add a list definition (numId 90) as Word writes one: levels with numFmt and lvlText."""

    def edit(document):
        from kit.docmodel.effective import W_NS

        numbering = document.part.numbering_part.element
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(zip(formats, texts))
        )
        abstract = docx.oxml.parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">{levels}</w:abstractNum>')
        num = docx.oxml.parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        first_num = numbering.find(f"{{{W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(num)

    return edit


def numbered(text, level) -> Callable:
    """Give the paragraph reading `text` Word's automatic number (list 90, `level`)."""

    def edit(document):
        for p in _paragraphs(document, text):
            num_pr = p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 90

    return edit


def space_before(text, points) -> Callable:
    """Set Spacing Before on the paragraphs reading `text`."""

    def edit(document):
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph

        for p in _paragraphs(document, text):
            Paragraph(p, document).paragraph_format.space_before = Pt(points)

    return edit


def line_at_least(text, points) -> Callable:
    """Line spacing "At least" `points` on the paragraphs reading `text`."""

    def edit(document):
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph

        for p in _paragraphs(document, text):
            fmt = Paragraph(p, document).paragraph_format
            fmt.line_spacing = Pt(points)
            fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST

    return edit


def no_break_hyphens(text) -> Callable:
    """Type the hyphens of `text` as Word's non-breaking hyphens (Ctrl+Shift+-), as many Tiêu ngữ are."""

    def edit(document):
        from kit.docmodel.effective import W

        for p in _paragraphs(document, text):
            for t in list(p.iter(W + "t")):
                parts = (t.text or "").split("-")
                if len(parts) == 1:
                    continue
                run = t.getparent()
                t.text = parts[0]
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                anchor = t
                for part in parts[1:]:
                    hyphen = run.makeelement(W + "noBreakHyphen", {})
                    anchor.addnext(hyphen)
                    piece = run.makeelement(W + "t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
                    piece.text = part
                    hyphen.addnext(piece)
                    anchor = piece

    return edit


def text_box(anchor_text, box_text) -> Callable:
    """A text box reading `box_text`, anchored in the paragraph reading `anchor_text`, as Word writes it:
    the box twice, once for new readers (wps) and once as a VML fallback."""

    def edit(document):
        from kit.docmodel.effective import W_NS

        box = f"<w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r></w:p></w:txbxContent>"
        xml = (
            f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
            f"<w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
        for p in _paragraphs(document, anchor_text):
            p.append(docx.oxml.parse_xml(xml))

    return edit


def appendix(lines, landscape=False) -> Callable:
    """Paragraphs after the signature (an appendix), in a new section, landscape if asked."""

    def edit(document):
        from docx.enum.section import WD_ORIENT, WD_SECTION

        if landscape:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for line in lines:
            if isinstance(line, list):
                table = document.add_table(rows=len(line), cols=len(line[0]))
                for tr, values in zip(table.rows, line):
                    for cell, value in zip(tr.cells, values):
                        cell.paragraphs[0].add_run(value)
            else:
                paragraph = document.add_paragraph(style=_style(document, "VBDoan"))
                paragraph.add_run(line)

    return edit


def long_body(count=40) -> list:
    """A body of `count` paragraphs: several pages."""
    return [
        *clean_body()[:-1],
        *[
            f"Nội dung công việc thứ {n} của các phòng, đơn vị thuộc Sở trong năm kế hoạch, "
            "thực hiện theo đúng tiến độ và chất lượng đề ra."
            for n in range(1, count)
        ],
        clean_body()[-1],
    ]


def in_content_control(text) -> Callable:
    """Wrap the paragraphs reading `text` in a content control (w:sdt), as Word's forms and a Google Docs round
    trip leave them ("goog_rdk" tags)."""

    def edit(document):
        from kit.docmodel.effective import W

        for p in _paragraphs(document, text):
            sdt = docx.oxml.parse_xml(
                f'<w:sdt xmlns:w="{W[1:-1]}"><w:sdtPr><w:tag w:val="goog_rdk_0"/></w:sdtPr><w:sdtContent/></w:sdt>'
            )
            p.addprevious(sdt)
            sdt.find(W + "sdtContent").append(p)

    return edit
