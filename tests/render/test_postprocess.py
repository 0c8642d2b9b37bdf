import docx
from docx.oxml.ns import qn
from docx.shared import Cm

from kit.docmodel.effective import StyleSheet, W, paragraph_text
from kit.render.postprocess import drop_empty_columns


def _data_table(headers, rows, widths=None):
    widths = widths or [3] * len(headers)
    document = docx.Document()
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    for row, values in zip(table.rows[1:], rows):
        for cell, text in zip(row.cells, values):
            cell.text = text
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return document, table


def _texts(table):
    return [[paragraph_text(tc) for tc in tr.findall(W + "tc")] for tr in table._tbl.findall(W + "tr")]


def test_columns_with_empty_header_are_dropped_from_a_repeating_header_table():
    document, table = _data_table(
        ["TT", "Nội dung", "", "Ghi chú", ""], [["1", "a", "", "x", ""], ["2", "b", "", "", ""]], widths=[1, 4, 2, 2, 2]
    )
    table.rows[0]._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:tblHeader"))
    table.rows[2].cells[0].merge(table.rows[2].cells[4])  # a group row spanning every column
    drop_empty_columns(table._tbl)
    assert _texts(table)[0] == ["TT", "Nội dung", "Ghi chú"]
    assert _texts(table)[1] == ["1", "a", "x"]
    group = table._tbl.findall(W + "tr")[2].findall(W + "tc")
    assert len(group) == 1 and group[0].find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) == "3"
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    cm = 567  # twips
    assert sum(widths) == 11 * cm  # the freed width stays in the table…
    assert widths == [1 * cm, 8 * cm, 2 * cm]  # …given to the widest column
    cells = table._tbl.findall(W + "tr")[1].findall(W + "tc")
    assert [int(tc.find(f"{W}tcPr/{W}tcW").get(qn("w:w"))) for tc in cells] == widths


def test_tables_without_a_repeating_header_are_left_alone():
    document, table = _data_table(["", "b"], [["1", "2"]])
    drop_empty_columns(table._tbl)
    assert _texts(table)[0] == ["", "b"]


# Widths of these lines of text as LibreOffice lays them out (pdftotext -bbox of the rendered sample,
# Liberation Serif standing in for Times New Roman), in twips.
# The title's last two words are held together by a no-break space, as wide as a space.
TITLE = "Công tác thi đua, khen thưởng năm\u00a02021"
MEASURED = {
    "SỞ KẾ HOẠCH VÀ ĐẦU TƯ": 5.90 / 2.54 * 1440,
    "Độc lập - Tự do - Hạnh phúc": 6.04 / 2.54 * 1440,
    TITLE: 8.60 / 2.54 * 1440,
}


def _line_length(document, styles, text):
    """The drawn length of the line paragraph under `text`: its container less its indents."""
    line = document.paragraph(text).getnext()
    fmt = styles.paragraph_format(line)
    assert fmt.bottom_border, text
    parent = line.getparent()
    if parent.tag == W + "tc":
        container = int(parent.find(f"{W}tcPr/{W}tcW").get(qn("w:w"))) - 2 * 108
    else:
        section = document.document.sections[0]
        container = (section.page_width - section.left_margin - section.right_margin) / 635
    return container - fmt.left_twips - fmt.right_twips


def test_rendered_lines_have_the_decree_30_lengths(reader):
    document = reader()
    styles = StyleSheet.of(document.document)
    # Decree 30, Phụ lục I: 1/3 to 1/2 of the issuer name and of the trích yếu; the Tiêu ngữ's full length.
    for text in ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", TITLE):
        assert MEASURED[text] / 3 <= _line_length(document, styles, text) <= MEASURED[text] / 2, text
    motto = "Độc lập - Tự do - Hạnh phúc"
    assert abs(_line_length(document, styles, motto) - MEASURED[motto]) < 0.05 * MEASURED[motto]
