"""Build the Word templates of the built-in pack (templates/*/*.docx) with python-docx.

The .docx files are committed and may be edited in Word afterwards; this script is how their first
version was made, and it documents the layout choices with their sources. Run: `make templates`.

Layout: Decree 30/2020/NĐ-CP, Phụ lục I (A4, margins, Times New Roman, sizes per component) and
Phụ lục III, Mẫu 1.4 "văn bản có tên loại" (header table, title, Nơi nhận and signature table).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"

# Text width of A4 with margins left 30 mm and right 15 mm: 165 mm.
TEXT_WIDTH = Mm(165)


def _fonts_everywhere(document) -> None:
    """Times New Roman in every font slot, so Word substitutes nothing (Phụ lục I, Mục I.3)."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme") or attribute.endswith("theme"):
                del fonts.attrib[attribute]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "28")
        rpr.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)


def _style(document, style_id, name, *, base="Normal", size=None, bold=None, italic=None,
           align=None, first_line=None, before=None, after=None, line=None, keep_next=False):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = document.styles[base]
    style.quick_style = True
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if first_line is not None:
        fmt.first_line_indent = first_line
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line
    if keep_next:
        fmt.keep_with_next = True
    return style


def _line_style(document, style_id, name):
    """An empty paragraph drawn as a horizontal line (its bottom border); the kit sets its length."""
    style = _style(document, style_id, name, size=2, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(3)
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must precede spacing and jc in pPr (schema order).
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    return style


def add_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    center = WD_ALIGN_PARAGRAPH.CENTER
    # Header (Phụ lục I, ô 1–4): 13 pt names and Số, 14 pt Tiêu ngữ and date line.
    _style(document, "VBCoQuanChuQuan", "VB Cơ quan chủ quản", size=13, bold=False, align=center)
    _style(document, "VBCoQuanBanHanh", "VB Cơ quan ban hành", size=13, bold=True, align=center)
    _style(document, "VBSoKyHieu", "VB Số ký hiệu", size=13, align=center, before=6)
    _style(document, "VBQuocHieu", "VB Quốc hiệu", size=13, bold=True, align=center)
    _style(document, "VBTieuNgu", "VB Tiêu ngữ", size=14, bold=True, align=center)
    _style(document, "VBDiaDanhNgay", "VB Địa danh ngày", size=14, italic=True, align=center, before=6)
    _line_style(document, "VBGachNgan", "VB Gạch ngắn")
    _line_style(document, "VBGachDu", "VB Gạch dưới chữ")
    # Title (ô 5a): tên loại and trích yếu, 14 pt bold, centred.
    _style(document, "VBTenLoai", "VB Tên loại", size=14, bold=True, align=center, before=18, keep_next=True)
    _style(document, "VBTrichYeu", "VB Trích yếu", size=14, bold=True, align=center, keep_next=True)
    # Body (ô 6): 14 pt, justified, first-line indent 1.27 cm, 6 pt after, line spacing 1.15.
    body = _style(document, "VBDoan", "VB Đoạn văn", size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                  first_line=Cm(1.27), before=0, after=6, line=1.15)
    _style(document, "VBMuc", "VB Mục", base=body.name, bold=True, keep_next=True)
    _style(document, "VBTieuDe", "VB Tiêu đề", base=body.name, bold=True, keep_next=True)
    _style(document, "VBNghieng", "VB Đoạn nghiêng", base=body.name, italic=True)
    # Tables of the body: 13 pt, single spacing.
    cell = _style(document, "VBBang", "VB Bảng", size=13, align=WD_ALIGN_PARAGRAPH.LEFT, before=2, after=2)
    _style(document, "VBBangTieuDe", "VB Bảng tiêu đề", base=cell.name, bold=True, align=center)
    _style(document, "VBBangTT", "VB Bảng TT", base=cell.name, align=center)
    _style(document, "VBBangNhom", "VB Bảng nhóm", base=cell.name, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    # Nơi nhận (ô 9b): heading 12 pt bold italic, items 11 pt upright.
    _style(document, "VBNoiNhan", "VB Nơi nhận", size=12, bold=True, italic=True,
           align=WD_ALIGN_PARAGRAPH.LEFT, before=12)  # level with the first title line
    _style(document, "VBNoiNhanMuc", "VB Nơi nhận mục", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    # Signature (ô 7a, 7b): titles upper case bold 14 pt; the name bold 14 pt after room to sign.
    titles = _style(document, "VBChucVuKy", "VB Chức vụ người ký", size=14, bold=True, align=center,
                    before=12, keep_next=True)
    # Only the first title line keeps the 12 pt: no space between paragraphs of the same style.
    titles.element.get_or_add_pPr().insert_element_before(
        OxmlElement("w:contextualSpacing"), "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:rPr")
    # Space before the name in the style (a paragraph's first spacing in a table cell is honoured).
    _style(document, "VBNguoiKy", "VB Người ký", size=14, bold=True, align=center, before=78)
    _style(document, "VBSoTrang", "VB Số trang", size=14, align=center)
    _style(document, "VBTheJinja", "VB Thẻ Jinja", size=8)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _insert_in_table_properties(tbl_pr, borders)


def _insert_in_table_properties(tbl_pr, element) -> None:
    """Insert in the schema's order of tblPr children (Word refuses files with them out of order)."""
    order = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
             "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
             "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"]
    later = order[order.index("w:" + element.tag.split("}")[-1]) + 1:]
    tbl_pr.insert_element_before(element, *later)


def _all_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
            element.set(qn(key), value)
        borders.append(element)
    _insert_in_table_properties(tbl_pr, borders)


def _table(document, rows, widths, *, borders):
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    (_all_borders if borders else _no_borders)(table)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    return table


def _fill(cell, paragraphs):
    """Put (style_id, text) paragraphs into a table cell."""
    first = True
    for style_id, text in paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = _style_name(cell.part.document, style_id)
        if text:
            paragraph.add_run(text)


def _style_name(document, style_id):
    for style in document.styles:
        if style.style_id == style_id:
            return style
    raise KeyError(style_id)


def _para(document, style_id, text=""):
    paragraph = document.add_paragraph(style=_style_name(document, style_id))
    if text:
        paragraph.add_run(text)
    return paragraph


def _tag(document, text):
    """A paragraph that holds only a docxtpl tag: it disappears when rendered."""
    return _para(document, "VBTheJinja", text)


def _page_numbers(document, section) -> None:
    """Page number at the top centre, not on page 1 (Phụ lục I, Mục I.4)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = _style_name(document, "VBSoTrang")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            placeholder = OxmlElement("w:t")
            placeholder.text = text
            run._r.append(placeholder)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def build_ke_hoach(path: Path) -> None:
    document = Document()
    _fonts_everywhere(document)
    add_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_numbers(document, section)
    core = document.core_properties
    core.author = "vanban-kit"
    core.title = "Kế hoạch"
    core.comments = "Mẫu Kế hoạch của vanban-kit (docxtpl/Jinja2). Nghị định 30/2020/NĐ-CP."

    # Header: issuer | Quốc hiệu, Tiêu ngữ; Số | date line on the same row (Phụ lục I, ô 1–4).
    # Wider than the text area (16.5 cm), as usual for this header: the issuer name fits on one line
    # and the Quốc hiệu (about 9.6 cm at 13 pt bold) fits its cell; the table is centred.
    header = _table(document, 2, [Cm(7.0), Cm(10.3)], borders=False)
    _fill(header.cell(0, 0), [
        ("VBTheJinja", "{%p if co_quan_chu_quan %}"),
        ("VBCoQuanChuQuan", "{{ co_quan_chu_quan }}"),
        ("VBTheJinja", "{%p endif %}"),
        ("VBCoQuanBanHanh", "{{ co_quan_ban_hanh }}"),
        ("VBGachNgan", ""),
    ])
    _fill(header.cell(0, 1), [
        ("VBQuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("VBTieuNgu", "Độc lập - Tự do - Hạnh phúc"),
        ("VBGachDu", ""),
    ])
    _fill(header.cell(1, 0), [("VBSoKyHieu", "{{ so_ky_hieu }}")])
    _fill(header.cell(1, 1), [("VBDiaDanhNgay", "{{ dia_danh_ngay }}")])

    # Title (ô 5a) and a short line under the trích yếu.
    _para(document, "VBTenLoai", "{{ ten_loai }}")
    _para(document, "VBTrichYeu", "{{ trich_yeu }}")
    title_line = _para(document, "VBGachNgan")
    title_line.paragraph_format.space_after = Pt(12)

    _tag(document, "{%p for doan in mo_dau %}")
    _para(document, "VBDoan", "{{ doan }}")
    _tag(document, "{%p endfor %}")

    # Body: one block per outline row, numbered by the kit; the plan table where it is marked.
    _tag(document, "{%p for k in khoi %}")
    _tag(document, "{%p if k.loai == 'muc' %}")
    _para(document, "VBMuc", "{{ k.van_ban }}")
    _tag(document, "{%p elif k.loai == 'tieu_de' %}")
    _para(document, "VBTieuDe", "{{ k.van_ban }}")
    _tag(document, "{%p elif k.loai == 'nghieng' %}")
    _para(document, "VBNghieng", "{{ k.van_ban }}")
    _tag(document, "{%p elif k.loai == 'bang' %}")
    widths = [Cm(1.2), Cm(6.5), Cm(5.0), Cm(2.2), Cm(1.6)]
    plan = _table(document, 8, widths, borders=True)
    head = ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN", "{{ bang.nhan_thoi_gian }}", "{{ bang.nhan_ghi_chu }}"]
    for cell, text in zip(plan.rows[0].cells, head):
        _fill(cell, [("VBBangTieuDe", text)])
    _repeat_header(plan.rows[0])
    _fill(plan.cell(1, 0), [("VBBang", "{%tr for d in bang.dong %}")])
    _fill(plan.cell(2, 0), [("VBBang", "{%tr if d.nhom %}")])
    group = plan.cell(3, 0).merge(plan.cell(3, 4))
    _fill(group, [("VBBangNhom", "{{ d.nhom }}")])
    _fill(plan.cell(4, 0), [("VBBang", "{%tr else %}")])
    _fill(plan.cell(5, 0), [("VBBangTT", "{{ d.tt }}")])
    for column, key in enumerate(("noi_dung", "don_vi", "thoi_gian", "ghi_chu"), start=1):
        _fill(plan.cell(5, column), [
            ("VBTheJinja", f"{{%p for dong in d.{key} %}}"),
            ("VBBang", "{{ dong }}"),
            ("VBTheJinja", "{%p endfor %}"),
        ])
    _fill(plan.cell(6, 0), [("VBBang", "{%tr endif %}")])
    _fill(plan.cell(7, 0), [("VBBang", "{%tr endfor %}")])
    _tag(document, "{%p else %}")
    _para(document, "VBDoan", "{{ k.van_ban }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")

    # Nơi nhận (ô 9b) beside the signature block (ô 7a–7c).
    bottom = _table(document, 1, [Cm(7.5), Cm(9.0)], borders=False)
    _fill(bottom.cell(0, 0), [
        ("VBNoiNhan", "Nơi nhận:"),
        ("VBTheJinja", "{%p for noi in noi_nhan %}"),
        ("VBNoiNhanMuc", "- {{ noi }};"),
        ("VBTheJinja", "{%p endfor %}"),
        ("VBNoiNhanMuc", "- Lưu: {{ luu }}."),
    ])
    _fill(bottom.cell(0, 1), [
        ("VBTheJinja", "{%p for dong in chuc_vu_ky %}"),
        ("VBChucVuKy", "{{ dong }}"),
        ("VBTheJinja", "{%p endfor %}"),
        ("VBNguoiKy", "{{ nguoi_ky }}"),
    ])
    document.save(path)


def main() -> int:
    target = ROOT / "templates" / "ke-hoach" / "ke-hoach.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    build_ke_hoach(target)
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
