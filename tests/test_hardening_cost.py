"""Guards by cost, not by file size (issue 24 §2): cells present, elements of a .docx, what LibreOffice
makes of an .ods or .xls — judged by content whatever the name says; a .docx with a DTD is no Word file.
The hostile files are made here by small generators; each gives one Vietnamese line and exit code 3."""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest

from kit.app import workbook_bytes
from kit.cli import main
from kit.form.read import MAX_CONVERTED_BYTES
from kit.inputcost import MAX_DOCUMENT_ELEMENTS, MAX_SHEET_CELLS
from tests.conftest import data


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _rezip(source: bytes, change: dict[str, callable]) -> bytes:
    """The zip `source` with some parts rewritten (name → function of the old bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            new.writestr(item.filename, change[item.filename](content) if item.filename in change else content)
    return out.getvalue()


def many_cells_workbook(cells: int) -> bytes:
    """The kit's plan workbook with `cells` tiny cells added to a sheet whose <dimension> still says
    A1:B2 — small as a file (the cells compress a thousandfold), large once read."""
    source = workbook_bytes("ke-hoach", data())
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        sheet = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))[-1]

    def grow(xml: bytes) -> bytes:
        rows = b"".join(
            b'<row r="%d">' % row
            + b"".join(b'<c r="%s%d"><v>1</v></c>' % (col, row) for col in (b"X", b"Y", b"Z", b"AA", b"AB"))
            + b"</row>"
            for row in range(5000, 5000 + cells // 5)
        )
        xml = re.sub(rb"<dimension [^>]*/>", b'<dimension ref="A1:B2"/>', xml)
        return (
            xml.replace(b"</sheetData>", rows + b"</sheetData>")
            if b"</sheetData>" in xml
            else xml.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>")
        )

    return _rezip(source, {sheet: grow})


@pytest.mark.parametrize("name", ["k.xlsx", "k.xls"], ids=["xlsx", "xlsx-renamed-xls"])
def test_a_workbook_of_many_tiny_cells_is_refused_by_the_cells_it_holds(tmp_path, capsys, name):
    book = tmp_path / name
    book.write_bytes(many_cells_workbook(MAX_SHEET_CELLS + 5000))
    assert book.stat().st_size < 2 * 2**20  # passes every size guard
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == ""
    assert err == (
        f"Lỗi: {name}: tệp quá lớn hoặc quá phức tạp (hơn 500.000 ô) — xóa các ô và dòng thừa "
        "(chọn vùng trống, Delete rồi lưu lại), hoặc chia thành nhiều tệp\n"
    )
    assert not (tmp_path / "docs").exists()


def test_an_xlsx_renamed_xls_is_read_as_what_it_is(tmp_path, capsys):
    """By content: a zip named .xls is read as the .xlsx it is (no LibreOffice needed)."""
    book = tmp_path / "k.xls"
    book.write_bytes(workbook_bytes("ke-hoach", data()))
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 0, err
    assert (tmp_path / "docs" / "k.docx").is_file()


def _document(tmp_path: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("Nội dung")
    path = tmp_path / "base.docx"
    document.save(path)
    return path.read_bytes()


def test_a_docx_with_a_dtd_is_not_a_word_file(tmp_path, capsys):
    dtd = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [<!ELEMENT x ANY>]>'
    path = tmp_path / "dtd.docx"
    path.write_bytes(_rezip(_document(tmp_path), {"word/document.xml": lambda xml: dtd + xml.split(b"?>", 1)[1]}))
    code, out, err = run(capsys, "check", path)
    assert code == 3 and out == ""
    assert err == (
        "Lỗi: dtd.docx: tệp có khai báo DTD (DOCTYPE) nên không phải tệp Word — Word không bao giờ ghi DTD và "
        "không mở tệp này; kiểm tra nguồn của tệp, hoặc mở bản gốc bằng Word và lưu lại dạng .docx\n"
    )


def test_a_docx_of_millions_of_runs_is_refused_before_it_is_built(tmp_path, capsys):
    runs = b"<w:r><w:t>a</w:t></w:r>" * (MAX_DOCUMENT_ELEMENTS // 2 + 1000)
    path = tmp_path / "nhieu.docx"
    path.write_bytes(
        _rezip(_document(tmp_path), {"word/document.xml": lambda xml: xml.replace(b"</w:p>", runs + b"</w:p>", 1)})
    )
    assert path.stat().st_size < 2**20  # a 617 KB file held a worker at 6 GB
    code, out, err = run(capsys, "check", path)
    assert code == 3 and out == ""
    assert err == (
        "Lỗi: nhieu.docx: tệp quá lớn hoặc quá phức tạp (hơn 600.000 phần tử) — không phải một văn bản hành "
        "chính bình thường; chia văn bản thành nhiều tệp, hoặc kiểm tra nguồn của tệp\n"
    )


def test_a_real_long_document_is_far_below_the_limit(tmp_path, capsys):
    from kit.inputcost import scan_package

    corpus = sorted((Path(__file__).parent / "corpus").glob("*.docx"))
    assert corpus
    counts = [scan_package(path, "word").elements for path in corpus]
    # The largest, a draft law of 138 pages (corpus 762), has 92,000 elements: a document six times as long, some
    # 800 pages, fits too.
    assert max(counts) * 6 < MAX_DOCUMENT_ELEMENTS


def ods_of(rows: int, columns: int) -> bytes:
    """An OpenDocument spreadsheet of under a kilobyte whose one repeated cell LibreOffice writes out
    rows × columns times."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="A">'
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" '
        f'office:value="1" table:number-columns-repeated="{columns}"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_an_ods_that_libreoffice_expands_is_refused_by_what_it_became(tmp_path, capsys):
    from kit.office import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is needed")
    book = tmp_path / "bom.ods"
    book.write_bytes(ods_of(MAX_SHEET_CELLS // 10 + 1000, 10))
    assert book.stat().st_size < 1000
    code, out, err = run(capsys, "fill", book, "-o", tmp_path / "docs")
    assert code == 3 and out == ""
    assert err.startswith("Lỗi: bom.ods: tệp quá lớn hoặc quá phức tạp (") and err.count("\n") == 1, err
    assert not (tmp_path / "docs").exists()


def test_a_libreoffice_output_over_its_size_limit_stops_it(tmp_path):
    """On POSIX, soffice cannot write more than the limit (RLIMIT_FSIZE): TooCostly, exit 3."""
    from kit.office import TooCostly, convert, find_soffice

    if find_soffice() is None or os.name != "posix":
        pytest.skip("LibreOffice on POSIX is needed")
    book = tmp_path / "bom.ods"
    book.write_bytes(ods_of(30000, 10))  # 300,000 cells: about 700 KB of .xlsx
    with pytest.raises(TooCostly) as caught:
        convert([book], "xlsx", timeout=60, max_output=400 * 1024)
    assert caught.value.exit_code == 3
    assert caught.value.message.startswith("bom.ods: tệp quá lớn hoặc quá phức tạp (LibreOffice chuyển đổi quá")


def _libreoffice_on_linux():
    from kit.office import find_soffice

    if find_soffice() is None or not sys.platform.startswith("linux"):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice on Linux is needed (its memory is read in /proc)")


def libreoffice_running_in(folder: Path, program: bytes = b"") -> list[int]:
    """The processes whose command line names `folder` (a conversion's profile lives under it), and
    `program` if given (b"soffice.bin": LibreOffice itself, not the scripts that start it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(folder).encode() in command and program in command:
                found.append(int(entry.name))
    return found


def test_libreoffice_over_its_memory_limit_is_stopped_with_one_line(tmp_path, monkeypatch):
    """LibreOffice's processes are held to a bound on their resident memory (an address-space limit
    would stop soffice from starting at all): past it they are killed, TooCostly, exit 3."""
    from kit.office import TooCostly, convert

    _libreoffice_on_linux()
    book = tmp_path / "bang.ods"
    book.write_bytes(ods_of(1000, 10))  # soffice alone holds about 200 MB
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # its profile folder: under tmp_path
    with pytest.raises(TooCostly) as caught:
        convert([book], "xlsx", timeout=60, max_output=MAX_CONVERTED_BYTES, max_memory=64 * 2**20)
    assert caught.value.exit_code == 3 and caught.value.code == "KIT517"
    assert caught.value.lines() == [
        "bang.ods: tệp quá lớn hoặc quá phức tạp (LibreOffice cần quá 64 MB bộ nhớ) — xóa các ô, dòng hay trang "
        "thừa, hoặc chia thành nhiều tệp nhỏ hơn, rồi làm lại"
    ]
    assert libreoffice_running_in(tmp_path) == []  # no LibreOffice left running


def test_libreoffice_past_its_time_on_a_users_file_is_too_costly_not_a_broken_office(tmp_path, monkeypatch):
    from kit.office import TooCostly, convert

    _libreoffice_on_linux()
    book = tmp_path / "cham.ods"
    book.write_bytes(ods_of(100_000, 10))  # a million cells: LibreOffice takes several seconds
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # its profile folder: under tmp_path
    with pytest.raises(TooCostly) as caught:
        convert([book], "xlsx", timeout=1, max_output=MAX_CONVERTED_BYTES)
    assert caught.value.exit_code == 3
    assert caught.value.message.startswith("cham.ods: tệp quá lớn hoặc quá phức tạp (LibreOffice chuyển đổi quá 1 giây")
    assert libreoffice_running_in(tmp_path) == []
