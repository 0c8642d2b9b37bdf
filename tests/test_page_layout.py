"""Pages as a văn thư sees them in the PDF (LibreOffice, the kit's own --pdf route): a signature block
never stands alone on a page, whatever the length of the text above it."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess

import pytest

from kit.app import dossier, fill, workbook_bytes
from kit.office import convert, find_soffice
from tests.documents.test_ho_so import SAMPLE
from tests.test_office import PLAN_SAMPLES

# The first line of a signature block: the Nơi nhận beside the signer (Tờ trình, Quyết định, plans), the
# council's signatures (Biên bản), the head's and the reporter's (Báo cáo thành tích).
SIGNATURE_START = re.compile(r"Nơi nhận:|CHỦ TỌA|THƯ KÝ|THỦ TRƯỞNG ĐƠN VỊ")


@pytest.fixture(scope="module")
def office():
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")


def _pages(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def _alone(pages: list[list[str]]) -> list[str] | None:
    """The page that starts with the signature block, when no line of text stands above it there (only
    the page number and a repeated table header, which are upper case)."""
    for lines in pages:
        for index, line in enumerate(lines):
            if SIGNATURE_START.search(line):
                above = lines[:index]
                return None if any(any(ch.islower() for ch in text) for text in above) else lines
    raise AssertionError("no signature block found")


def _with_achievements(extra: dict[int, int]) -> dict:
    """The sample dossier with `extra[i]` more lines of achievements for candidate i."""
    data = copy.deepcopy(SAMPLE)
    for index, count in extra.items():
        row = data["danh_sach"][index]
        row["thanh_tich"] += "".join(
            f"\nThực hiện nhiệm vụ thứ {n + 1} của đợt thi đua đạt và vượt chỉ tiêu được giao." for n in range(count)
        )
    return data


def test_no_signature_block_stands_alone_on_a_page(office, tmp_path):
    documents = []
    # Reports of every length from the sample's to about two pages: the page break falls before, inside
    # and after the prior-awards table and the text.
    for batch in range(4):
        data = _with_achievements({index: batch * 5 + index for index in range(5)})
        book = tmp_path / f"ho-so-{batch}.xlsx"
        book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
        result = dossier(book, tmp_path / f"out-{batch}")
        # The lists (Danh sách) carry no signature of their own: they go with the Tờ trình, the Quyết định.
        documents += [path for path in result.files if path.suffix == ".docx" and "danh-sach" not in path.name]
    documents += fill(PLAN_SAMPLES, tmp_path / "plans")
    pdfs = convert(documents, "pdf")
    alone = {}
    for path in documents:
        lines = _alone(_pages(pdfs[path], tmp_path))
        if lines is not None:
            alone[path.relative_to(tmp_path).as_posix()] = lines[:4]
    assert alone == {}
    # A person's report: the head's and the reporter's names stand on one line, side by side.
    people = [path for path in documents if path.parent.name == "bao-cao-thanh-tich" and path.name[:2] != "05"]
    assert len(people) == 16
    for path in people:
        lines = [line for page in _pages(pdfs[path], tmp_path) for line in page]
        assert any(re.search(r"Hoàng Văn Nam\s{4,}\S", line) for line in lines), path.name
    assert len(documents) == 4 * 8 + len(PLAN_SAMPLES)


def test_rows_of_every_list_stay_whole_and_group_rows_keep_with_the_next(tmp_path):
    """The Quyết định's list (its template says nothing of it) like the dossier's own: no row splits across
    pages, and "II. TẬP THỂ" never stays alone at a page's foot."""
    import docx
    from docx.oxml.ns import qn

    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE))
    result = dossier(book, tmp_path / "out")
    for name in ("03-danh-sach.docx", "05-danh-sach-kem-theo-quyet-dinh.docx"):
        table = docx.Document(str(result.folder / name)).tables[-1]
        rows = table._tbl.findall(qn("w:tr"))
        assert len(rows) > 5
        assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows), name
        group = next(tr for tr in rows if "".join(t.text or "" for t in tr.iter(qn("w:t"))) == "II. TẬP THỂ")
        assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in group.iter(qn("w:p"))), name


def test_no_title_ends_with_one_word_alone(tmp_path):
    """Every title line (style "VB Trích yếu", by name) of every document holds its last two words together,
    the wording of the template's and the user's alike: Word cannot leave "TỈNH" alone on the last line."""
    import docx

    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE))
    documents = [p for p in dossier(book, tmp_path / "out").files if p.suffix == ".docx"]
    documents += fill(PLAN_SAMPLES, tmp_path / "plans")
    titles = 0
    for path in documents:
        for p in docx.Document(str(path)).paragraphs:
            if p.style.name == "VB Trích yếu" and len(p.text.split()) >= 3:
                titles += 1
                last, before = p.text.rsplit("\u00a0", 1)[-1], p.text.rsplit("\u00a0", 1)[0]
                assert " " not in last and before != p.text, (path.name, p.text)
    assert titles >= len(documents)


def test_an_appendix_after_the_signature_is_not_kept_with_it():
    """The signature block runs to the end of the document, but not into an appendix on its own page."""
    from lxml import etree

    from kit.render.postprocess import W, keep_signature_with_text

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def p(text, style="", page=False):
        mark = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        brk = '<w:r><w:br w:type="page"/></w:r>' if page else ""
        return f"<w:p>{mark}{brk}<w:r><w:t>{text}</w:t></w:r></w:p>"

    body = etree.fromstring(
        f"<w:body {ns}>{p('Nội dung./.')}{p('GIÁM ĐỐC', 'Ky')}{p('Hoàng Văn Nam')}"
        f"{p('PHỤ LỤC', page=True)}{p('Nội dung phụ lục')}</w:body>"
    )
    keep_signature_with_text(body, {"Ky"})
    kept = ["".join(t.text for t in q.iter(f"{W}t")) for q in body if q.find(f"{W}pPr/{W}keepNext") is not None]
    assert kept == ["Nội dung./.", "GIÁM ĐỐC"]


def _title_lines(lines: list[str], first: str) -> list[str]:
    """The upper-case lines of a title from the line `first` (the document's name) on."""
    start = lines.index(first)
    end = start + 1
    while end < len(lines) and not any(ch.islower() for ch in lines[end]):
        end += 1
    return lines[start + 1 : end]


def test_a_title_keeps_its_final_fixed_phrase_whole(office, tmp_path):
    """ "…CỦA CHỦ TỊCH / ỦY BAN NHÂN DÂN TỈNH" in the PDF, never "…ỦY BAN NHÂN / DÂN TỈNH": the fixed
    phrase that ends the title moves whole to its last line."""
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE))
    result = dossier(book, tmp_path / "out")
    reports = [p for p in result.files if p.parent.name == "bao-cao-thanh-tich" and p.suffix == ".docx"]
    pdfs = convert(reports, "pdf")
    held = 0
    for path in reports:
        lines = [line for page in _pages(pdfs[path], tmp_path) for line in page]
        title = _title_lines(lines, "BÁO CÁO THÀNH TÍCH")
        assert title and not any(line.endswith("NHÂN") for line in title), (path.name, title)
        if title[-1].endswith("ỦY BAN NHÂN DÂN TỈNH"):  # the Bằng khen of the Chairman of the province
            assert len(title) == 1 or title[-1] == "ỦY BAN NHÂN DÂN TỈNH", (path.name, title)
            held += 1
    assert held == 5  # the four people and the collective have the Bằng khen


_MORE_NAMES = ["Bế Văn Long", "Nông Thị Mai", "Hoàng Văn Quân", "Lục Thị Thu", "Đàm Văn Sơn", "Triệu Thị Yến"]
_MORE_NAMES += ["Lương Văn Tài", "Hà Thị Uyên", "Mạc Văn Vinh", "Trần Văn Bảo", "Phạm Thị Cúc", "Vũ Văn Đức"]
_MORE_NAMES += ["Đỗ Thị Gấm", "Lê Văn Hưng"]


def _with_people(count: int) -> dict:
    """The sample dossier with `count` people (copies of its own, renamed) and its collective."""
    data = copy.deepcopy(SAMPLE)
    people = [row for row in data["danh_sach"] if row["loai"] == "ca_nhan"]
    collectives = [row for row in data["danh_sach"] if row["loai"] == "tap_the"]
    rows = [dict(copy.deepcopy(people[index % len(people)]), ten=_MORE_NAMES[index]) for index in range(count)]
    data["danh_sach"] = rows + collectives
    data["phieu"] = [[row["ten"], 6] for row in data["danh_sach"]]
    data["khen_thuong"] = []
    return data


def test_no_page_of_a_list_holds_only_its_page_number(office, tmp_path):
    """The empty paragraph Word requires after the list's table never spills onto a page of its own,
    whatever the number of candidates (it did with 7 people in the Danh sách, 8 in the Quyết định's)."""
    documents = []
    for count in range(6, 15):
        book = tmp_path / f"ho-so-{count}.xlsx"
        book.write_bytes(workbook_bytes("ho-so-khen-thuong", _with_people(count)))
        result = dossier(book, tmp_path / f"out-{count}")
        documents += [path for path in result.files if path.suffix == ".docx" and "danh-sach" in path.name]
    assert len(documents) == 18
    pdfs = convert(documents, "pdf")
    empty, pages_seen = {}, set()
    for path in documents:
        pages = _pages(pdfs[path], tmp_path)[:-1]  # pdftotext ends each page with a form feed
        pages_seen.add(len(pages))
        bare = [number for number, lines in enumerate(pages, start=1) if all(line.isdigit() for line in lines)]
        if bare:
            empty[path.relative_to(tmp_path).as_posix()] = bare
    assert empty == {}
    assert pages_seen == {1, 2}  # the sweep crosses the end of the first page


def test_no_line_ends_inside_a_documents_symbol(office, tmp_path):
    """ "…tại Tờ trình số      /TTr-" | "SGDĐT" was the Quyết định's line (a blank number, a long
    proposer): a symbol's hyphen is a no-break hyphen, and the PDF's text still reads "-"."""
    data = copy.deepcopy(SAMPLE)
    data["ho_so"].update(don_vi="Sở Giáo dục và Đào tạo", viet_tat_don_vi="SGDĐT", so_to_trinh=None)
    data["bien_ban"]["so_bien_ban"] = None
    data["quyet_dinh"]["de_nghi_cua"] = "Giám đốc Sở Giáo dục và Đào tạo"
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    result = dossier(book, tmp_path / "out")
    documents = [path for path in result.files if path.suffix == ".docx" and path.parent == result.folder]
    pdfs = convert(documents, "pdf")
    lines = {path.name: [line for page in _pages(pdfs[path], tmp_path) for line in page] for path in documents}
    broken = {name: [line for line in text if re.search(r"/[A-Za-zĐđ]+-$", line)] for name, text in lines.items()}
    assert broken == {name: [] for name in lines}
    # the decision's dates are in one style, as its own (domain H9): "ngày 15 tháng 9 năm 2025"
    assert any("/TTr-SGDĐT ngày" in line for line in lines["04-quyet-dinh.docx"])


def test_a_signature_inside_a_content_control_and_a_tracked_row_render(tmp_path):
    """A template whose signature table sits in a content control (w:sdt), or whose data row carries a tracked
    change, renders: the block is left as it is, and cantSplit goes before the tracked change (schema order)."""
    from lxml import etree

    from kit.render.postprocess import W, keep_data_rows_whole, keep_signature_with_text

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = etree.fromstring(
        f"<w:body {ns}><w:p><w:r><w:t>Nội dung./.</w:t></w:r></w:p><w:sdt><w:sdtContent><w:tbl><w:tr><w:tc><w:p>"
        '<w:pPr><w:pStyle w:val="Ky"/></w:pPr><w:r><w:t>GIÁM ĐỐC</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        "</w:sdtContent></w:sdt></w:body>"
    )
    keep_signature_with_text(body, {"Ky"})  # no error
    table = etree.fromstring(
        f'<w:tbl {ns}><w:tr><w:trPr><w:tblHeader/><w:ins w:id="1" w:author="A"/></w:trPr><w:tc><w:p/></w:tc></w:tr>'
        "</w:tbl>"
    )
    keep_data_rows_whole(table, set())
    assert [etree.QName(child).localname for child in table.find(f"{W}tr/{W}trPr")] == ["tblHeader", "cantSplit", "ins"]
