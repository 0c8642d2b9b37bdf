"""Scaffold: how the first version of each built-in Word template (templates/*/*.docx) was made.

The committed .docx files are the source of truth (edit them in Word or LibreOffice Writer); this
script never overwrites one. It writes only templates that do not exist yet — to scaffold a new
one, or to remake one on purpose after deleting it — and documents the layout choices with their
sources. Run: `make templates`.

Layout: Decree 30/2020/NĐ-CP, Phụ lục I (A4, margins, Times New Roman, sizes per component) and
Phụ lục III, Mẫu 1.4 "văn bản có tên loại" (header table, title, Nơi nhận and signature table).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
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


def _style(
    document,
    style_id,
    name,
    *,
    base="Normal",
    size=None,
    bold=None,
    italic=None,
    align=None,
    first_line=None,
    before=None,
    after=None,
    line=None,
    keep_next=False,
):
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
    body = _style(
        document,
        "VBDoan",
        "VB Đoạn văn",
        size=14,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line=Cm(1.27),
        before=0,
        after=6,
        line=1.15,
    )
    _style(document, "VBMuc", "VB Mục", base=body.name, bold=True, keep_next=True)
    _style(document, "VBTieuDe", "VB Tiêu đề", base=body.name, bold=True, keep_next=True)
    _style(document, "VBNghieng", "VB Đoạn nghiêng", base=body.name, italic=True)
    # Tables of the body: 13 pt, single spacing.
    cell = _style(document, "VBBang", "VB Bảng", size=13, align=WD_ALIGN_PARAGRAPH.LEFT, before=2, after=2)
    _style(document, "VBBangTieuDe", "VB Bảng tiêu đề", base=cell.name, bold=True, align=center)
    _style(document, "VBBangTT", "VB Bảng TT", base=cell.name, align=center)
    _style(document, "VBBangNhom", "VB Bảng nhóm", base=cell.name, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    # Nơi nhận (ô 9b): heading 12 pt bold italic, items 11 pt upright.
    _style(
        document, "VBNoiNhan", "VB Nơi nhận", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12
    )  # level with the first title line
    _style(document, "VBNoiNhanMuc", "VB Nơi nhận mục", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    # Signature (ô 7a, 7b): titles upper case bold 14 pt; the name bold 14 pt after room to sign.
    titles = _style(
        document, "VBChucVuKy", "VB Chức vụ người ký", size=14, bold=True, align=center, before=12, keep_next=True
    )
    # Only the first title line keeps the 12 pt: no space between paragraphs of the same style.
    titles.element.get_or_add_pPr().insert_element_before(
        OxmlElement("w:contextualSpacing"), "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:rPr"
    )
    # Space before the name in the style (a paragraph's first spacing in a table cell is honoured).
    _style(document, "VBNguoiKy", "VB Người ký", size=14, bold=True, align=center, before=78)
    _style(document, "VBSoTrang", "VB Số trang", size=14, align=center)
    # Dossier documents: Kính gửi (ô 9a), the "(Kèm theo …)" line, the note under a signer's title,
    # the form number of a report ("Mẫu số 07").
    _style(document, "VBKinhGui", "VB Kính gửi", size=14, align=center, before=6, after=6)
    _style(document, "VBKinhGuiMuc", "VB Kính gửi mục", size=14, align=WD_ALIGN_PARAGRAPH.LEFT, first_line=Cm(3.5))
    _style(document, "VBKemTheo", "VB Kèm theo", size=14, italic=True, align=center)
    _style(document, "VBGhiChuKy", "VB Ghi chú chữ ký", size=13, italic=True, align=center)
    _style(document, "VBMauSo", "VB Mẫu số", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(document, "VBTheJinja", "VB Thẻ Jinja", size=8)
    # Decision (Mẫu 1.2; Mẫu 1.1 is the Nghị quyết): the authority line under the title, and “QUYẾT ĐỊNH:” before the articles.
    _style(document, "VBThamQuyen", "VB Thẩm quyền ban hành", size=14, bold=True, align=center, before=6, after=12)
    _style(document, "VBQuyetDinh", "VB Quyết định", size=14, bold=True, align=center, before=6, after=6)


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
    order = [
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
    ]
    later = order[order.index("w:" + element.tag.split("}")[-1]) + 1 :]
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


def _new_document(title: str, landscape: bool = False):
    document = Document()
    _fonts_everywhere(document)
    add_styles(document)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_numbers(document, section)
    core = document.core_properties
    core.author = "vanban-kit"
    core.title = title
    core.comments = f"Mẫu {title} của vanban-kit (docxtpl/Jinja2). Nghị định 30/2020/NĐ-CP."
    return document


def _header(document, *, number: bool = True, date: bool = True, form_number: bool = False) -> None:
    """Issuer | Quốc hiệu, Tiêu ngữ; Số | date line on the same row (Phụ lục I, ô 1–4).

    Wider than the text area (16.5 cm), as usual for this header: the issuer name fits on one line
    and the Quốc hiệu (about 9.6 cm at 13 pt bold) fits its cell; the table is centred.
    """
    header = _table(document, 2, [Cm(7.0), Cm(10.3)], borders=False)
    _fill(
        header.cell(0, 0),
        [
            ("VBTheJinja", "{%p if co_quan_chu_quan %}"),
            ("VBCoQuanChuQuan", "{{ co_quan_chu_quan }}"),
            ("VBTheJinja", "{%p endif %}"),
            ("VBCoQuanBanHanh", "{{ co_quan_ban_hanh }}"),
            ("VBGachNgan", ""),
        ],
    )
    right = (
        [
            ("VBTheJinja", "{%p if mau_so %}"),
            ("VBMauSo", "{{ mau_so }}"),
            ("VBTheJinja", "{%p endif %}"),
        ]
        if form_number
        else []
    )
    _fill(
        header.cell(0, 1),
        right
        + [
            ("VBQuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("VBTieuNgu", "Độc lập - Tự do - Hạnh phúc"),
            ("VBGachDu", ""),
        ],
    )
    _fill(header.cell(1, 0), [("VBSoKyHieu", "{{ so_ky_hieu }}" if number else "")])
    _fill(header.cell(1, 1), [("VBDiaDanhNgay", "{{ dia_danh_ngay }}" if date else "")])


def _title(document, lines=("{{ trich_yeu }}",), name: str = "{{ ten_loai }}") -> None:
    """Tên loại and trích yếu (ô 5a) with a short line under the trích yếu; lines that are only a
    paragraph tag ({%p … %}) become tag paragraphs."""
    _para(document, "VBTenLoai", name)
    for line in lines:
        if line.startswith("{%p"):
            _tag(document, line)
        else:
            _para(document, "VBTrichYeu", line)
    title_line = _para(document, "VBGachNgan")
    title_line.paragraph_format.space_after = Pt(12)


def _paragraph_loop(document, name: str, table=None) -> None:
    """One paragraph per block of `name`, styled by its kind; `table(document)` where kind is 'bang'."""
    _tag(document, f"{{%p for k in {name} %}}")
    _tag(document, "{%p if k.loai == 'muc' %}")
    _para(document, "VBMuc", "{{ k.van_ban }}")
    _tag(document, "{%p elif k.loai == 'tieu_de' %}")
    _para(document, "VBTieuDe", "{{ k.van_ban }}")
    _tag(document, "{%p elif k.loai == 'nghieng' %}")
    _para(document, "VBNghieng", "{{ k.van_ban }}")
    if table is not None:
        _tag(document, "{%p elif k.loai == 'bang' %}")
        table(document)
    _tag(document, "{%p else %}")
    _para(document, "VBDoan", "{{ k.van_ban }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def _data_table(document, name: str, widths, headings, keys, centred=("tt",)) -> None:
    """A table with a repeating header row, group rows merged across, and cells holding lines."""
    table = _table(document, 8, widths, borders=True)
    for cell, text in zip(table.rows[0].cells, headings):
        _fill(cell, [("VBBangTieuDe", text)])
    _repeat_header(table.rows[0])
    _fill(table.cell(1, 0), [("VBBang", f"{{%tr for d in {name}.dong %}}")])
    _fill(table.cell(2, 0), [("VBBang", "{%tr if d.nhom %}")])
    group = table.cell(3, 0).merge(table.cell(3, len(widths) - 1))
    _fill(group, [("VBBangNhom", "{{ d.nhom }}")])
    _fill(table.cell(4, 0), [("VBBang", "{%tr else %}")])
    for column, key in enumerate(keys):
        if key in centred:
            _fill(table.cell(5, column), [("VBBangTT", f"{{{{ d.{key} }}}}")])
        else:
            _fill(
                table.cell(5, column),
                [
                    ("VBTheJinja", f"{{%p for dong in d.{key} %}}"),
                    ("VBBang", "{{ dong }}"),
                    ("VBTheJinja", "{%p endfor %}"),
                ],
            )
    _fill(table.cell(6, 0), [("VBBang", "{%tr endif %}")])
    _fill(table.cell(7, 0), [("VBBang", "{%tr endfor %}")])


def _signature_lines(name: str = "chuc_vu_ky", person: str = "nguoi_ky"):
    return [
        ("VBTheJinja", f"{{%p for dong in {name} %}}"),
        ("VBChucVuKy", "{{ dong }}"),
        ("VBTheJinja", "{%p endfor %}"),
        ("VBNguoiKy", f"{{{{ {person} }}}}"),
    ]


def _bottom(document) -> None:
    """Nơi nhận (ô 9b) beside the signature block (ô 7a–7c)."""
    bottom = _table(document, 1, [Cm(7.5), Cm(9.0)], borders=False)
    _fill(
        bottom.cell(0, 0),
        [
            ("VBNoiNhan", "Nơi nhận:"),
            ("VBTheJinja", "{%p for noi in noi_nhan %}"),
            ("VBNoiNhanMuc", "- {{ noi }};"),
            ("VBTheJinja", "{%p endfor %}"),
            ("VBNoiNhanMuc", "- Lưu: {{ luu }}."),
        ],
    )
    _fill(bottom.cell(0, 1), _signature_lines())


def _plan_table(document, content_heading: str = "NỘI DUNG") -> None:
    _data_table(
        document,
        "bang",
        [Cm(1.2), Cm(6.5), Cm(5.0), Cm(2.2), Cm(1.6)],
        [
            "TT",
            content_heading,
            "ĐƠN VỊ THỰC HIỆN",
            "{% if bang.co_thoi_gian %}THỜI GIAN{% endif %}",
            "{% if bang.co_ghi_chu %}GHI CHÚ{% endif %}",
        ],
        ["tt", "noi_dung", "don_vi", "thoi_gian", "ghi_chu"],
    )


def build_ke_hoach(path: Path, content_heading: str = "NỘI DUNG") -> None:
    document = _new_document("Kế hoạch")
    _header(document)
    _title(document)
    _tag(document, "{%p for doan in mo_dau %}")
    _para(document, "VBDoan", "{{ doan }}")
    _tag(document, "{%p endfor %}")
    # Body: one block per outline row, numbered by the kit; the plan table where it is marked.
    _paragraph_loop(document, "khoi", lambda doc: _plan_table(doc, content_heading))
    _bottom(document)
    document.save(path)


def build_lang_son_ke_hoach(path: Path) -> None:
    """The sample province pack's replacement plan template (samples/packs/lang-son)."""
    build_ke_hoach(path, "NỘI DUNG CÔNG VIỆC")


def build_to_trinh(path: Path) -> None:
    """Tờ trình đề nghị khen thưởng (Mẫu 1.4; domain.md C1): Kính gửi, căn cứ, proposal, Nơi nhận “- Như trên;”.
    Every sentence is here, in the template; the kit gives the data (kit templates to-trinh-khen-thuong --fields)."""
    document = _new_document("Tờ trình")
    _header(document)
    _title(document, ("Về việc đề nghị tặng {{ hinh_thuc_trich_yeu }}",), "TỜ TRÌNH")
    _tag(document, "{%p if kinh_gui|length == 1 %}")
    _para(document, "VBKinhGui", "Kính gửi: {{ kinh_gui[0] }}")
    _tag(document, "{%p else %}")
    _para(document, "VBKinhGui", "Kính gửi:")
    _tag(document, "{%p for noi in kinh_gui %}")
    _para(document, "VBKinhGuiMuc", "- {{ noi }}{{ '.' if loop.last else ';' }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for van_ban in can_cu %}")
    _para(document, "VBDoan", "Căn cứ {{ van_ban }};")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if bien_ban %}")
    _para(
        document,
        "VBDoan",
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {{ don_vi }} {{ bien_ban.so }} ngày {{ bien_ban.ngay }}.",
    )
    _tag(document, "{%p endif %}")
    _para(
        document,
        "VBDoan",
        "Trên cơ sở thành tích đạt được trong {{ dot }}, {{ don_vi }} kính đề nghị "
        "{{ cap_khen_thuong }} xét tặng {{ hinh_thuc_de_nghi }} cho {{ so_luong }} có thành tích "
        "xuất sắc, cụ thể như sau:",
    )
    _tag(document, "{%p for n in nhom %}")
    _para(document, "VBMuc", "{{ n.so }}. {{ n.ten }} ({{ n.so_luong }})")
    _tag(document, "{%p for m in n.muc %}")
    _para(document, "VBDoan", "{{ loop.index }}. {{ m.ten_day_du }}: {{ m.hinh_thuc }}{{ '.' if loop.last else ';' }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    _para(document, "VBDoan", "(Có danh sách và báo cáo thành tích kèm theo)")
    _para(document, "VBDoan", "Kính trình {{ cap_khen_thuong }} xem xét, quyết định./.")
    _bottom(document)
    document.save(path)


def _vote_table(document) -> None:
    _data_table(
        document,
        "phieu",
        [Cm(1.0), Cm(5.0), Cm(4.3), Cm(2.2), Cm(2.2), Cm(1.8)],
        ["TT", "HỌ VÀ TÊN / TÊN TẬP THỂ", "HÌNH THỨC ĐỀ NGHỊ", "SỐ PHIẾU ĐỒNG Ý", "TỔNG SỐ THÀNH VIÊN", "TỶ LỆ (%)"],
        ["tt", "ten", "hinh_thuc", "dong_y", "tong_so", "ty_le"],
        centred=("tt", "dong_y", "tong_so", "ty_le"),
    )


def build_bien_ban(path: Path) -> None:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (Mẫu 1.9: no date line; THƯ KÝ and CHỦ TỌA sign)."""
    document = _new_document("Biên bản")
    _header(document, date=False)
    _title(
        document,
        ("Họp Hội đồng Thi đua - Khen thưởng {{ don_vi }} xét đề nghị khen thưởng trong {{ dot }}",),
        "BIÊN BẢN",
    )
    _para(document, "VBDoan", "Thời gian bắt đầu: {{ gio_bat_dau }}, {{ ngay_hop }}.")
    _para(document, "VBDoan", "Địa điểm: {{ dia_diem }}.")
    _para(
        document,
        "VBDoan",
        "Thành phần tham dự: {{ so_co_mat }}/{{ so_thanh_vien }} thành viên Hội đồng Thi đua - "
        "Khen thưởng {{ don_vi }}, gồm:",
    )
    _tag(document, "{%p for nguoi in co_mat %}")
    _para(document, "VBDoan", "- {{ nguoi }}{{ '.' if loop.last else ';' }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if vang_mat %}")
    _para(document, "VBDoan", "Vắng mặt: {{ so_vang_mat }} thành viên, gồm:")
    _tag(document, "{%p for nguoi in vang_mat %}")
    _para(document, "VBDoan", "- {{ nguoi }}{{ '.' if loop.last else ';' }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if chu_tri %}")
    _para(document, "VBDoan", "Chủ trì: {{ chu_tri }}, Chủ tịch Hội đồng.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if thu_ky_hop %}")
    _para(document, "VBDoan", "Thư ký: {{ thu_ky_hop }}.")
    _tag(document, "{%p endif %}")
    _para(document, "VBTieuDe", "Nội dung:")
    _para(
        document,
        "VBDoan",
        "Hội đồng đã nghe báo cáo tóm tắt thành tích của {{ so_luong }} được đề nghị khen thưởng "
        "trong {{ dot }}; thảo luận và bỏ phiếu kín. Kết quả bỏ phiếu như sau (tỷ lệ tính trên "
        "tổng số thành viên Hội đồng):",
    )
    _vote_table(document)
    _para(document, "VBTieuDe", "Kết luận:")
    _tag(document, "{%p if ket_luan %}")
    _tag(document, "{%p for doan in ket_luan %}")
    _para(document, "VBDoan", "{{ doan }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    _para(
        document,
        "VBDoan",
        "Hội đồng thống nhất đề nghị {{ cap_khen_thuong }} xét tặng {{ hinh_thuc_de_nghi }} cho "
        "{{ so_luong }} có tên trên.",
    )
    _tag(document, "{%p endif %}")
    _para(
        document,
        "VBDoan",
        "Cuộc họp kết thúc vào {{ gio_ket_thuc }} cùng ngày; biên bản đã được đọc lại và thông qua trước Hội đồng./.",
    )
    signatures = _table(document, 1, [Cm(8.25), Cm(8.25)], borders=False)
    _fill(signatures.cell(0, 0), [("VBChucVuKy", "THƯ KÝ"), ("VBNguoiKy", "{{ thu_ky }}")])
    _fill(signatures.cell(0, 1), [("VBChucVuKy", "CHỦ TỌA"), ("VBNguoiKy", "{{ chu_toa }}")])
    # Mẫu 1.9 ends with a Nơi nhận under the signatures: the minutes are filed with the dossier.
    _para(document, "VBNoiNhan", "Nơi nhận:")
    _para(document, "VBNoiNhanMuc", "- Lưu: VT, Hồ sơ.")
    document.save(path)


def build_danh_sach(path: Path) -> None:
    """Danh sách đề nghị khen thưởng, attached to the Tờ trình (domain.md C3), landscape for its table."""
    document = _new_document("Danh sách", landscape=True)
    _para(document, "VBTenLoai", "DANH SÁCH")
    _para(document, "VBTrichYeu", "Đề nghị tặng {{ hinh_thuc_de_nghi }}")
    _tag(document, "{%p if to_trinh %}")
    _para(document, "VBKemTheo", "(Kèm theo Tờ trình {{ to_trinh.so }} ngày {{ to_trinh.ngay }} của {{ don_vi }})")
    _tag(document, "{%p else %}")
    _para(document, "VBKemTheo", "")
    _tag(document, "{%p endif %}")
    line = _para(document, "VBGachNgan")
    line.paragraph_format.space_after = Pt(12)
    _data_table(
        document,
        "danh_sach",
        [Cm(1.2), Cm(5.0), Cm(4.0), Cm(4.5), Cm(4.5), Cm(5.0)],
        ["TT", "HỌ VÀ TÊN / TÊN TẬP THỂ", "CHỨC VỤ", "ĐƠN VỊ", "HÌNH THỨC ĐỀ NGHỊ", "TÓM TẮT THÀNH TÍCH"],
        ["tt", "ten", "chuc_vu", "don_vi", "hinh_thuc", "tom_tat"],
    )
    _para(document, "VBDoan", "")
    document.save(path)


def _awards_table(document) -> None:
    _data_table(
        document,
        "khen_thuong",
        [Cm(1.6), Cm(5.0), Cm(3.3), Cm(2.8), Cm(3.8)],
        ["NĂM", "HÌNH THỨC KHEN THƯỞNG", "SỐ QUYẾT ĐỊNH", "NGÀY", "CƠ QUAN BAN HÀNH"],
        ["nam", "hinh_thuc", "so_quyet_dinh", "ngay", "co_quan"],
        centred=("nam", "ngay"),
    )


def _each_line(document, name: str, style: str = "VBDoan") -> None:
    _tag(document, f"{{%p for doan in {name} %}}")
    _para(document, style, "{{ doan }}")
    _tag(document, "{%p endfor %}")


def build_bao_cao_thanh_tich(path: Path) -> None:
    """Báo cáo thành tích (NĐ 91/2017 Mẫu 07 family; domain.md B2), for a person or a collective."""
    document = _new_document("Báo cáo thành tích")
    _header(document, number=False, form_number=True)
    _title(
        document,
        ("ĐỀ NGHỊ TẶNG {{ hinh_thuc }}", "{%p if dot %}", "({{ dot }})", "{%p endif %}", "{{ ten_day_du }}"),
        "BÁO CÁO THÀNH TÍCH",
    )
    _tag(document, "{%p if ca_nhan %}")
    _para(document, "VBMuc", "I. SƠ LƯỢC LÝ LỊCH")
    for label, key in (
        ("Họ và tên", "ho_ten"),
        ("Giới tính", "gioi_tinh"),
        ("Ngày, tháng, năm sinh", "ngay_sinh"),
        ("Quê quán", "que_quan"),
        ("Chức vụ", "chuc_vu"),
        ("Đơn vị công tác", "don_vi"),
        ("Trình độ chuyên môn", "trinh_do"),
    ):
        _tag(document, f"{{%p if ly_lich.{key} %}}")
        _para(document, "VBDoan", f"- {label}: {{{{ ly_lich.{key} }}}}.")
        _tag(document, "{%p endif %}")
    _tag(document, "{%p else %}")
    _para(document, "VBMuc", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
    _each_line(document, "dac_diem")
    _tag(document, "{%p endif %}")
    _para(document, "VBMuc", "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    _each_line(document, "thanh_tich")
    _para(document, "VBMuc", "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN")
    _tag(document, "{%p if khen_thuong.dong %}")
    _awards_table(document)
    _tag(document, "{%p else %}")
    _para(document, "VBDoan", "Chưa có hình thức khen thưởng nào được ghi nhận.")
    _tag(document, "{%p endif %}")
    # A paragraph between two tables, or Word and LibreOffice join them into one table.
    _para(document, "VBDoan", "")
    signatures = _table(document, 2, [Cm(8.25), Cm(8.25)], borders=False)
    _fill(
        signatures.cell(0, 0),
        [
            ("VBTheJinja", "{%p if ca_nhan %}"),
            ("VBChucVuKy", "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"),
            ("VBGhiChuKy", "(Ký, đóng dấu)"),
            ("VBNguoiKy", "{{ thu_truong }}"),
            ("VBTheJinja", "{%p else %}"),
            ("VBGhiChuKy", ""),  # a table cell must keep one paragraph
            ("VBTheJinja", "{%p endif %}"),
        ],
    )
    _fill(
        signatures.cell(0, 1),
        [
            ("VBTheJinja", "{%p if ca_nhan %}"),
            ("VBChucVuKy", "NGƯỜI BÁO CÁO THÀNH TÍCH"),
            ("VBGhiChuKy", "(Ký, ghi rõ họ và tên)"),
            ("VBNguoiKy", "{{ ten }}"),
            ("VBTheJinja", "{%p else %}"),
            ("VBChucVuKy", "THỦ TRƯỞNG ĐƠN VỊ"),
            ("VBGhiChuKy", "(Ký, đóng dấu)"),
            ("VBNguoiKy", "{{ thu_truong }}"),
            ("VBTheJinja", "{%p endif %}"),
        ],
    )
    _fill(
        signatures.cell(1, 0),
        [
            ("VBTheJinja", "{%p if xac_nhan_cap_trinh %}"),
            ("VBChucVuKy", "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"),
            ("VBGhiChuKy", "(Ký, đóng dấu)"),
            ("VBTheJinja", "{%p else %}"),
            ("VBGhiChuKy", ""),
            ("VBTheJinja", "{%p endif %}"),
        ],
    )
    document.save(path)


_DECISION_SUBJECT = (
    "Về việc {% for k in khen %}{{ 'công nhận danh hiệu' if k.danh_hieu else 'tặng' }} "
    "{{ k.hinh_thuc }}{% if not loop.last %} và {% endif %}{% endfor %}"
)


def build_quyet_dinh(path: Path) -> None:
    """Quyết định khen thưởng (Phụ lục III, Mẫu 1.2; domain.md C, H9): authority line, căn cứ,
    “QUYẾT ĐỊNH:”, articles numbered Điều 1, 2, 3; Nơi nhận “- Như Điều 3;”. Every sentence is here;
    the kit gives the data (kit templates quyet-dinh-khen-thuong --fields)."""
    document = _new_document("Quyết định")
    _header(document)
    _title(document, (_DECISION_SUBJECT,), "QUYẾT ĐỊNH")
    _para(document, "VBThamQuyen", "{{ tham_quyen }}")
    _tag(document, "{%p for van_ban in can_cu %}")
    _para(document, "VBNghieng", "Căn cứ {{ van_ban }};")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if bien_ban %}")
    _para(
        document,
        "VBNghieng",
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {{ don_vi }} {{ bien_ban.so }} ngày {{ bien_ban.ngay }};",
    )
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if to_trinh %}")
    _para(
        document,
        "VBNghieng",
        "Theo đề nghị của {{ de_nghi_cua }} tại Tờ trình {{ to_trinh.so }} ngày {{ to_trinh.ngay }}.",
    )
    _tag(document, "{%p else %}")
    _para(document, "VBNghieng", "Theo đề nghị của {{ de_nghi_cua }}.")
    _tag(document, "{%p endif %}")
    _para(document, "VBQuyetDinh", "QUYẾT ĐỊNH:")
    _para(
        document,
        "VBDoan",
        "Điều 1. {% for k in khen %}{{ 'Công nhận danh hiệu' if loop.first and k.danh_hieu else "
        "('công nhận danh hiệu' if k.danh_hieu else ('Tặng' if loop.first else 'tặng')) }} "
        "{{ k.hinh_thuc }} cho {{ k.so_luong }}{% if not loop.last %}; {% endif %}{% endfor %} "
        "đã có thành tích xuất sắc trong {{ dot }} (có danh sách kèm theo).",
    )
    _tag(document, "{%p if tien_thuong %}")
    _para(
        document,
        "VBDoan",
        "Điều 2. Tiền thưởng theo quy định của pháp luật về thi đua, khen thưởng, tính theo mức "
        "lương cơ sở tại thời điểm ban hành Quyết định này:",
    )
    _tag(document, "{%p for t in tien_thuong %}")
    _para(
        document,
        "VBDoan",
        "- {{ t.hinh_thuc }} ({{ t.doi_tuong }}): mỗi {{ t.doi_tuong }} được thưởng {{ t.he_so }} lần "
        "mức lương cơ sở{% if t.so_tien %}, bằng {{ t.so_tien }} đồng{% endif %} (theo {{ t.nguon }})"
        "{{ '.' if loop.last else ';' }}",
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _para(
        document,
        "VBDoan",
        "Điều {{ dieu_thi_hanh }}. {{ thi_hanh }}, các cá nhân, tập thể có tên tại Điều 1 chịu trách "
        "nhiệm thi hành Quyết định này./.",
    )
    bottom = _table(document, 1, [Cm(7.5), Cm(9.0)], borders=False)
    _fill(
        bottom.cell(0, 0),
        [
            ("VBNoiNhan", "Nơi nhận:"),
            ("VBNoiNhanMuc", "- Như Điều {{ dieu_thi_hanh }};"),
            ("VBTheJinja", "{%p for noi in noi_nhan %}"),
            ("VBNoiNhanMuc", "- {{ noi }};"),
            ("VBTheJinja", "{%p endfor %}"),
            ("VBNoiNhanMuc", "- Lưu: {{ luu }}."),
        ],
    )
    _fill(bottom.cell(0, 1), _signature_lines())
    document.save(path)


def build_danh_sach_quyet_dinh(path: Path) -> None:
    """The list attached to the decision: “(Kèm theo Quyết định số … ngày … của …)”, grouped and numbered
    as the dossier's Danh sách (landscape for its table)."""
    document = _new_document("Danh sách", landscape=True)
    _para(document, "VBTenLoai", "DANH SÁCH")
    _para(
        document,
        "VBTrichYeu",
        "{% for k in khen %}{{ 'Công nhận danh hiệu' if loop.first and k.danh_hieu else "
        "('công nhận danh hiệu' if k.danh_hieu else ('Được tặng' if loop.first else 'được tặng')) }} "
        "{{ k.hinh_thuc }}{% if not loop.last %}; {% endif %}{% endfor %}",
    )
    _para(
        document,
        "VBKemTheo",
        "(Kèm theo Quyết định {{ quyet_dinh.so }} ngày {{ quyet_dinh.ngay }} của {{ quyet_dinh.tham_quyen }})",
    )
    line = _para(document, "VBGachNgan")
    line.paragraph_format.space_after = Pt(12)
    _data_table(
        document,
        "danh_sach",
        [Cm(1.2), Cm(7.0), Cm(6.0), Cm(5.5), Cm(5.5)],
        ["TT", "HỌ VÀ TÊN / TÊN TẬP THỂ", "CHỨC VỤ", "ĐƠN VỊ", "HÌNH THỨC KHEN THƯỞNG"],
        ["tt", "ten", "chuc_vu", "don_vi", "hinh_thuc"],
    )
    _para(document, "VBDoan", "")
    document.save(path)


BUILDERS = {
    "ke-hoach/ke-hoach.docx": build_ke_hoach,
    "to-trinh/to-trinh.docx": build_to_trinh,
    "bien-ban/bien-ban.docx": build_bien_ban,
    "danh-sach/danh-sach.docx": build_danh_sach,
    "bao-cao-thanh-tich/bao-cao-thanh-tich.docx": build_bao_cao_thanh_tich,
    "quyet-dinh/quyet-dinh.docx": build_quyet_dinh,
    "quyet-dinh/danh-sach-kem-theo.docx": build_danh_sach_quyet_dinh,
    "../samples/packs/lang-son/templates/ke-hoach.docx": build_lang_son_ke_hoach,
    "../samples/packs/lang-son/templates/chuong-trinh.docx": build_ke_hoach,
}


_STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")
# Word's styles an author editing a template (or a tool adding tables, comments, notes) reaches for.
_KEPT_STYLES = {
    "TableGrid",
    "ListParagraph",
    "Heading1",
    "Heading2",
    "Heading3",
    "Header",
    "Footer",
    "Hyperlink",
    "CommentText",
    "CommentReference",
    "CommentSubject",
    "BalloonText",
    "FootnoteText",
    "FootnoteReference",
}


def slim(path: Path) -> None:
    """Leave out what python-docx's default document carries and no template uses: the styles no
    part refers to (of about 160, with the table styles), the latent-style list the Word 2010
    copy of the styles (stylesWithEffects.xml) and the default document's thumbnail. The styles part shrinks from about 350 KB to a few
    KB, which every generated document and every `kit check` would otherwise parse again."""
    import re
    import zipfile

    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts.pop("word/stylesWithEffects.xml", None)
    parts.pop("docProps/thumbnail.jpeg", None)  # a picture of python-docx's default document, not of ours
    parts["_rels/.rels"] = re.sub(
        rb"<Relationship [^>]*Target=\"docProps/thumbnail.jpeg\"/>", b"", parts["_rels/.rels"]
    )
    parts["word/_rels/document.xml.rels"] = re.sub(
        rb"<Relationship [^>]*Target=\"stylesWithEffects.xml\"/>", b"", parts["word/_rels/document.xml.rels"]
    )
    parts["[Content_Types].xml"] = re.sub(
        rb"<Override PartName=\"/word/stylesWithEffects.xml\"[^>]*/>", b"", parts["[Content_Types].xml"]
    )
    used = set()
    for name, data in parts.items():
        if name.endswith(".xml") and name != "word/styles.xml":
            for tag in _STYLE_REFERENCES:
                used.update(m.decode() for m in re.findall(rb"<w:" + tag.encode() + rb' w:val="([^"]+)"', data))
    styles = etree.fromstring(parts["word/styles.xml"])
    by_id = {style.get(W + "styleId"): style for style in styles.findall(W + "style")}
    keep = {style_id for style_id, style in by_id.items() if style.get(W + "default") in ("1", "true")}
    keep |= used | (_KEPT_STYLES & set(by_id))
    pending = list(keep)
    while pending:  # what the kept styles are based on, linked to or followed by
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("basedOn", "link", "next"):
            element = style.find(W + tag)
            if element is not None and element.get(W + "val") not in keep:
                keep.add(element.get(W + "val"))
                pending.append(element.get(W + "val"))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(W + "latentStyles")
    if latent is not None:
        styles.remove(latent)
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    Document(str(path)).save(str(path))  # the package as python-docx (and so docxtpl) writes it


def main() -> int:
    for relative, build in BUILDERS.items():
        target = ROOT / "templates" / relative
        if target.exists():
            # The committed template is the source of truth: it may have been edited in Word.
            print(f"kept {target.resolve().relative_to(ROOT)} (exists; delete it first to scaffold it again)")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        build(target)
        slim(target)
        print(f"wrote {target.resolve().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
