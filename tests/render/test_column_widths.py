"""Data tables laid out as a văn thư would accept (issue 13, "Tables"): column widths follow their
content (kit.render.postprocess.fit_columns) and the paragraph after a table has space above it
(space_after_tables). Read as a user would: the rendered .docx, and its PDF made by LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from kit.app import dossier, render_workbook
from kit.app.fill import prepare
from kit.docmodel.effective import StyleSheet, W, paragraph_text
from kit.office import convert, find_soffice
from kit.render import render_template
from kit.render.postprocess import apply, is_data_table, text_width_of
from tests.conftest import ROOT, Reader, data, write_workbook

REFERENCE = "21/2020/TT-BGDĐT"
DECISION = "2310/QĐ-UBND"  # the collective's earlier award in the dossier sample
LONG_TASK = (
    "Tổ chức phát động phong trào thi đua yêu nước trong toàn ngành, gắn với việc thực hiện nhiệm vụ "
    "chính trị của từng cơ quan, đơn vị; biểu dương kịp thời các tập thể, cá nhân tiêu biểu. "
) * 2
LONG_UNIT = "Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn và đơn vị trực thuộc Sở"


@pytest.fixture(scope="module")
def office():
    if find_soffice() is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler-utils missing in CI: .ci/run installs them")
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")


def _pdf_lines(paths: list[Path], folder: Path) -> dict[Path, list[str]]:
    """The lines of text of each document's PDF, as LibreOffice lays it out."""
    pdfs = convert(paths, "pdf")
    assert set(pdfs) == set(paths)
    result = {}
    for path, pdf in pdfs.items():
        target = folder / (path.stem + ".pdf")
        target.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True)
        result[path] = [re.sub(r"\s+", " ", line).strip() for line in text.stdout.splitlines()]
    return result


def _plan_values():
    return data(
        bang_ke_hoach=[
            ["Quý I"],
            ["", LONG_TASK, LONG_UNIT, "Tháng 3 năm 2021", REFERENCE],
            ["", "Đăng ký thi đua", "Các phòng", "Tháng 1", ""],
        ]
    )


def _grid(table) -> list[int]:
    return [int(column.get(W + "w")) for column in table.findall(f"{W}tblGrid/{W}gridCol")]


def _cell_widths(table) -> list[list[int]]:
    return [
        [int(tc.find(f"{W}tcPr/{W}tcW").get(W + "w")) for tc in tr.findall(W + "tc")] for tr in table.findall(W + "tr")
    ]


def test_a_reference_in_the_plans_note_column_stays_on_one_line_and_the_table_keeps_its_width(office, tmp_path):
    plan = tmp_path / "ke-hoach.docx"
    plan.write_bytes(render_workbook(write_workbook(tmp_path / "ke-hoach.xlsx", _plan_values())))
    document = docx.Document(str(plan))
    table = Reader(document).tables()[1]
    assert Reader.rows(table)[0] == ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN", "THỜI GIAN", "GHI CHÚ"]
    grid = _grid(table)
    text_width = text_width_of(document.element)
    assert sum(grid) <= text_width  # the table did not grow into the margin
    assert sum(grid) == 9354  # the template's total width, shared out anew
    assert grid[0] == 680  # the numbering column keeps its template width
    assert grid[4] > 1600  # wider than the template's Ghi chú column, where the reference broke into lines
    assert grid[1] == max(grid)  # the long task gets the most room
    # Every cell as wide as its grid columns (Word reads the cells, LibreOffice the grid).
    for row in _cell_widths(table):
        assert sum(row) == sum(grid)
    assert _cell_widths(table)[2] == grid
    lines = _pdf_lines([plan], tmp_path)[plan]
    assert any(REFERENCE in line for line in lines), [line for line in lines if "2020" in line or "BGD" in line]


def test_a_decision_number_in_the_reports_awards_table_stays_on_one_line(office, tmp_path):
    made = dossier(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.xlsx", tmp_path / "out")
    report = next(path for path in made.files if path.name == "05-phong-to-chuc-bien-che.docx")
    listing = next(path for path in made.files if path.name == "03-danh-sach.docx")
    for path in (report, listing):
        document = docx.Document(str(path))
        tables = [table for table in Reader(document).tables() if is_data_table(table)]
        assert tables, path.name
        for table in tables:  # the header block is wider than the text by design; the data tables are not
            assert sum(_grid(table)) <= text_width_of(document.element), path.name
    reader = Reader(docx.Document(str(report)))
    table = reader.tables()[1]
    assert DECISION in Reader.rows(table)[1]
    # Under the awards table: a blank line before the signatures, or a paragraph with 12 pt above it.
    blocks = [element for _, element in reader.blocks()]
    after = blocks[blocks.index(table) + 1]
    assert after.tag == W + "p"
    assert not paragraph_text(after).strip() or reader.styles.paragraph_format(after).space_before_twips >= 240
    assert _grid(table)[2] > 1871  # the template's SỐ QUYẾT ĐỊNH column, too narrow for the number
    lines = _pdf_lines([report, listing], tmp_path)
    assert any(DECISION in line for line in lines[report])
    # The landscape list is laid out from its content too, and reads whole.
    assert any("Nguyễn Văn An" in line for line in lines[listing])
    assert any("TÓM TẮT THÀNH TÍCH" in line for line in lines[listing])


def test_a_template_resaved_by_libreoffice_still_gets_its_columns_fitted(office, tmp_path):
    book = write_workbook(tmp_path / "ke-hoach.xlsx", _plan_values())
    prepared, problems = prepare(book)
    assert prepared is not None, problems
    original = prepared.spec.file
    resaved = tmp_path / "ke-hoach-resaved.docx"
    resaved.write_bytes(convert([original], "docx:MS Word 2007 XML")[original])
    template_grid = _grid(Reader(docx.Document(str(resaved))).tables()[1])
    from_original = Reader(docx.Document(io.BytesIO(render_template(original, prepared.context))))
    from_resaved = Reader(docx.Document(io.BytesIO(render_template(resaved, prepared.context))))
    fitted, again = _grid(from_original.tables()[1]), _grid(from_resaved.tables()[1])
    assert len(again) == 5 and again != template_grid  # the re-saved template's widths were adjusted…
    assert sum(again) == sum(template_grid)
    assert all(abs(a - b) <= 40 for a, b in zip(again, fitted)), (again, fitted)  # …as the original's were
    assert from_resaved.paragraph_format("III. TỔ CHỨC THỰC HIỆN").space_before_twips >= 240


def test_the_heading_after_the_plans_table_has_space_above_it(reader):
    document = reader()
    blocks = list(document.blocks())
    after = next(blocks[i + 1][1] for i, (kind, element) in enumerate(blocks) if element is document.tables()[1])
    assert paragraph_text(after) == "III. TỔ CHỨC THỰC HIỆN"
    assert document.styles.paragraph_format(after).space_before_twips >= 240  # 12 pt
    # The headings elsewhere keep their own spacing (only the one under the table moves).
    assert document.paragraph_format("II. NỘI DUNG").space_before_twips == 0


def _document_with_a_table(header_repeats: bool, after: str = "Tiêu đề sau bảng", before_twips: int | None = None):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("TT", "Nội dung", "Ghi chú")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "Việc làm", REFERENCE)):
        cell.text = text
    if header_repeats:
        table.rows[0]._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:tblHeader"))
    paragraph = document.add_paragraph(after)
    if before_twips is not None:
        paragraph.paragraph_format.space_before = docx.shared.Twips(before_twips)
    return document, table, paragraph


def test_only_data_tables_are_changed_and_more_space_is_kept():
    document, table, paragraph = _document_with_a_table(header_repeats=False)
    before = _grid(table._tbl)
    apply(document)
    assert _grid(table._tbl) == before  # a layout table (no repeating header row) keeps its widths
    assert StyleSheet.of(document).paragraph_format(paragraph._p).space_before_twips == 0

    document, table, paragraph = _document_with_a_table(header_repeats=True, before_twips=480)
    apply(document)
    assert StyleSheet.of(document).paragraph_format(paragraph._p).space_before_twips == 480  # more is kept

    document, table, paragraph = _document_with_a_table(header_repeats=True, after="")
    document.add_paragraph("Nội dung tiếp theo.")  # not the body's last paragraph (that one is shrunk)
    apply(document)
    assert paragraph._p.find(f"{W}pPr/{W}spacing") is None  # an empty paragraph is itself the space


def test_the_empty_paragraph_ending_the_body_after_a_table_is_one_point_high():
    """Word requires a paragraph after a table that ends the body; at 1 pt it never spills onto a page of
    its own. Any other last paragraph keeps its height."""
    document, table, paragraph = _document_with_a_table(header_repeats=True, after="")
    apply(document)
    spacing = paragraph._p.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule"), spacing.get(f"{W}before")) == ("20", "exact", "0")
    assert paragraph._p.find(f"{W}pPr/{W}rPr/{W}sz").get(f"{W}val") == "2"

    for after in ("Nội dung.", None):
        document, table, paragraph = _document_with_a_table(header_repeats=True, after=after or "")
        if after is None:
            document.add_paragraph("")  # two empty paragraphs: the last one does not follow the table
            paragraph = document.paragraphs[-1]
        apply(document)
        spacing = paragraph._p.find(f"{W}pPr/{W}spacing")
        assert spacing is None or spacing.get(f"{W}lineRule") is None, after


def test_widths_stay_as_the_template_made_them_when_the_longest_words_do_not_fit():
    document, table, _ = _document_with_a_table(header_repeats=True)
    words = ["Chủ-tịch-Ủy-ban-nhân-dân-tỉnh-Lạng-Sơn"] * 3
    for cell, text in zip(table.rows[1].cells, words):
        cell.text = text
    before = _grid(table._tbl)
    apply(document)
    assert _grid(table._tbl) == before


def test_a_numbering_column_stays_narrow_and_a_long_word_gets_its_room():
    document, table, _ = _document_with_a_table(header_repeats=True)
    before = _grid(table._tbl)
    apply(document)
    grid = _grid(table._tbl)
    assert sum(grid) == sum(before)
    assert grid[0] == before[0]  # "TT" keeps the template width
    styles = StyleSheet.of(document)
    run = table.rows[1].cells[2].paragraphs[0].runs[0]._r
    size = styles.run_format(table.rows[1].cells[2].paragraphs[0]._p, run).size_pt
    from kit.metrics import text_width_pt

    assert grid[2] >= text_width_pt(REFERENCE, size) * 20 + 2 * 108


def test_a_row_with_more_cells_than_the_grid_is_laid_out_without_error():
    """A hand-edited template may leave a row longer than the grid: the grid is fitted, the stray cell kept."""
    document, table, _ = _document_with_a_table(header_repeats=True)
    row = table._tbl.findall(W + "tr")[1]
    stray = docx.oxml.parse_xml(
        f'<w:tc xmlns:w="{W[1:-1]}"><w:tcPr><w:tcW w:w="500" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
    )
    row.append(stray)
    before = _grid(table._tbl)
    apply(document)
    assert sum(_grid(table._tbl)) == sum(before)
    assert stray.find(f"{W}tcPr/{W}tcW").get(W + "w") == "500"
