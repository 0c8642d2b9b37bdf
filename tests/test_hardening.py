"""Whatever staff feed the kit: one clear line, the right exit code, nothing written, nothing lost."""

import hashlib
import io
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from kit.app import workbook_bytes
from kit.cli import main
from tests.checks.builder import Spec, build
from tests.conftest import data

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _book(tmp_path, name="k.xlsx", values=None, edit=None):
    path = tmp_path / name
    path.write_bytes(workbook_bytes("ke-hoach", values or data()))
    if edit:
        wb = load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def _field(label, value, number_format=None):
    def edit(wb):
        ws = wb["Văn bản"]
        row = next(r for r in range(2, ws.max_row + 1) if (ws.cell(row=r, column=1).value or "").startswith(label))
        ws.cell(row=row, column=2).value = value
        if number_format:
            ws.cell(row=row, column=2).number_format = number_format

    return edit


def _bad_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return path


BAD_WORKBOOKS = {
    "a PDF renamed .xlsx": (lambda t: _bad_file(t, "k.xlsx", b"%PDF-1.4 ..."), "không đọc được tệp Excel"),
    "a text file renamed .xlsx": (lambda t: _bad_file(t, "k.xlsx", "xin chào".encode()), "không đọc được tệp Excel"),
    "an empty file": (lambda t: _bad_file(t, "k.xlsx", b""), "không đọc được tệp Excel"),
    "a truncated workbook": (
        lambda t: _bad_file(t, "k.xlsx", workbook_bytes("ke-hoach", data())[:5000]),
        "không đọc được tệp Excel",
    ),
    "a password-protected workbook": (
        lambda t: _bad_file(t, "k.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        "tệp Excel có mật khẩu",
    ),
    "a .csv": (lambda t: _bad_file(t, "k.csv", b"a,b"), "không phải tệp bảng tính"),
    "an empty workbook": (lambda t: _empty_workbook(t), "không phải biểu mẫu của vanban-kit"),
    "a workbook of the dossier given to fill": (
        lambda t: _bad_file(t, "k.xlsx", workbook_bytes("ho-so-khen-thuong")),
        "dùng lệnh kit dossier",
    ),
    "a formula never computed": (
        lambda t: _book(t, edit=_field("Trích yếu", '=UPPER("x")')),
        "ô B8 (Trích yếu): ô có công thức nhưng chưa có giá trị đã tính",
    ),
    "an error value": (
        lambda t: _book(t, edit=_field("Trích yếu", "#N/A")),
        "ô B8 (Trích yếu): ô có lỗi công thức '#N/A'",
    ),
    "an impossible date": (
        lambda t: _book(t, edit=_field("Ngày ban hành", "31/02/2021")),
        "ô B7 (Ngày ban hành): '31/02/2021' không phải ngày hợp lệ",
    ),
    "a two-digit year": (lambda t: _book(t, edit=_field("Ngày ban hành", "05/01/21")), "ghi năm bằng hai chữ số"),
    "a number that is text": (lambda t: _book(t, edit=_field("Số văn bản", "năm")), "'năm' không phải số nguyên dương"),
    "merged cells in data rows": (
        lambda t: _book(t, edit=lambda wb: wb["Bảng kế hoạch"].merge_cells("B3:C3")),
        "ô B3:C3: ô đang được gộp",
    ),
    "a renamed column": (
        lambda t: _book(t, edit=lambda wb: wb["Đề mục"].__setitem__("B1", "Văn bản")),
        "cột 'Văn bản' không có trong biểu mẫu",
    ),
    "a missing sheet": (lambda t: _book(t, edit=lambda wb: wb.remove(wb["Đề mục"])), "sheet 'Đề mục': thiếu sheet này"),
    "a superscript digit as a number": (
        lambda t: _book(t, edit=_field("Số văn bản", "²")),
        "'²' không phải số nguyên dương",
    ),
    "a folder named like a workbook": (lambda t: _folder(t, "k.xlsx"), "là một thư mục, không phải tệp bảng tính"),
    "a formula written as a recipient": (
        lambda t: _book(t, edit=lambda wb: wb["Nơi nhận"].__setitem__("A2", "=cmd|' /C calc'!A0")),
        "ô A2 (Nơi nhận): ô có công thức nhưng chưa có giá trị đã tính",
    ),
}


def _folder(tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    return path


def _empty_workbook(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "k.xlsx"
    Workbook().save(path)
    return path


@pytest.mark.parametrize("case", sorted(BAD_WORKBOOKS))
def test_bad_workbooks_exit_3_with_one_line_and_write_nothing(tmp_path, capsys, case):
    make, expected = BAD_WORKBOOKS[case]
    path = make(tmp_path)
    digest = lambda: hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"  # noqa: E731
    before = digest()
    code, out, err = run(capsys, "fill", path, "-o", tmp_path / "ra")
    assert code in (2, 3) and out == "" and "Traceback" not in err
    assert expected in err, err
    assert all(line.startswith("Lỗi: ") for line in err.splitlines())
    assert not (tmp_path / "ra").exists()
    assert digest() == before  # the workbook is never modified


def test_odd_text_is_printed_as_typed_and_makes_a_valid_document(tmp_path, capsys):
    odd = {
        "trich_yeu": unicodedata.normalize("NFD", "Công tác thi đua năm 2021") + " 😀",
        "mo_dau": "Dòng một\r\nDòng hai\u2028Dòng ba\tcó tab {{ x }} {% if %} & < > \" '",
        "nguoi_ky": "+Nguyễn Văn An",
    }
    path = _book(tmp_path, values=data(van_ban=odd, noi_nhan=[["-Sở Nội vụ"], ["@Văn phòng"], ["=1+1"]]))
    code, _, err = run(capsys, "fill", path, "-o", tmp_path / "ra")
    # No error, no warning of the workbook; kit check's findings on the written document may follow.
    assert code == 0 and not [line for line in err.splitlines() if line.startswith(("Lỗi", "Cảnh báo:"))], err
    document = docx.Document(tmp_path / "ra" / "k.docx")
    texts = [p.text for p in document.paragraphs]
    assert "Công tác thi đua năm 2021\u00a0😀" in texts  # NFC; the title's last two words held together
    assert ["Dòng một", "Dòng hai", "Dòng ba có tab {{ x }} {% if %} & < > \" '"] == texts[
        texts.index("Dòng một") : texts.index("Dòng một") + 3
    ]
    left = [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs]
    assert left[1:4] == ["- Sở Nội vụ;", "- @Văn phòng;", "- =1+1;"]


def test_long_cells_and_control_characters(tmp_path, capsys):
    path = _book(tmp_path, values=data(van_ban={"mo_dau": "Ạ" * 32767}))
    assert run(capsys, "fill", path, "-o", tmp_path / "ra")[0] == 0
    from kit.vn import clean_text

    assert clean_text("a\x00b\x07c\x1fd\ufffe") == "abcd"


def test_text_that_looks_like_a_formula_is_never_written_as_one(tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_bytes(workbook_bytes("ke-hoach", data(noi_nhan=[['=HYPERLINK("http://x")']])))
    cell = load_workbook(path)["Nơi nhận"]["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_a_second_run_with_force_writes_the_same_bytes(tmp_path, capsys):
    path = _book(tmp_path)
    assert run(capsys, "fill", path, "-o", tmp_path / "ra")[0] == 0
    first = (tmp_path / "ra" / "k.docx").read_bytes()
    time.sleep(1.1)
    assert run(capsys, "fill", path, "-o", tmp_path / "ra", "--force")[0] == 0
    assert (tmp_path / "ra" / "k.docx").read_bytes() == first
    assert run(capsys, "form", "ke-hoach", "-o", tmp_path / "a.xlsx")[0] == 0
    time.sleep(1.1)
    assert run(capsys, "form", "ke-hoach", "-o", tmp_path / "b.xlsx")[0] == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_an_output_folder_that_cannot_be_written(tmp_path, capsys):
    path = _book(tmp_path)
    code, out, err = run(capsys, "fill", path, "-o", "/proc/vanban-kit-test")
    assert (code, out) == (3, "") and err.count("\n") == 1 and "không ghi được" in err


BAD_DOCUMENTS = {
    "not a docx": (b"plain text", "không đọc được tệp Word"),
    "a .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Word 97–2003"),
}


@pytest.mark.parametrize("case", sorted(BAD_DOCUMENTS))
def test_check_refuses_unreadable_documents_in_one_line(tmp_path, capsys, case):
    content, expected = BAD_DOCUMENTS[case]
    path = _bad_file(tmp_path, "x.docx", content)
    code, out, err = run(capsys, "check", path)
    assert (code, out) == (3, "") and expected in err and err.count("\n") == 1


def _rezip(source: bytes, target: Path, change) -> Path:
    original = zipfile.ZipFile(io.BytesIO(source))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            payload = change(item.filename, original.read(item.filename))
            if payload is not None:
                out.writestr(item.filename, payload)
    return target


def test_check_refuses_a_zip_bomb(tmp_path, capsys):
    def inflate(name, payload):
        return (
            payload.replace(b"</w:body>", b"<!--" + b"A" * (210 * 1024 * 1024) + b"--></w:body>")
            if name == "word/document.xml"
            else payload
        )

    path = _rezip(build(Spec()), tmp_path / "bom.docx", inflate)
    assert path.stat().st_size < 2 * 1024 * 1024
    code, out, err = run(capsys, "check", path)
    assert (code, out) == (3, "") and "quá lớn" in err


def test_check_reads_documents_without_styles_or_numbering_parts(tmp_path, capsys):
    def drop(part):
        def change(name, payload):
            if name == part:
                return None
            if name == "word/_rels/document.xml.rels":
                return re.sub(rb'<Relationship [^>]*Target="%s"[^>]*/>' % part.split("/")[-1].encode(), b"", payload)
            if name == "[Content_Types].xml":
                return re.sub(rb'<Override [^>]*PartName="/%s"[^>]*/>' % part.encode(), b"", payload)
            return payload

        return change

    for part in ("word/styles.xml", "word/numbering.xml"):
        path = _rezip(build(Spec()), tmp_path / "thieu.docx", drop(part))
        code, out, err = run(capsys, "check", path)
        assert code in (0, 1) and err == "" and "Đã kiểm tra 1 tệp" in out, part


def test_check_of_a_document_with_no_paragraphs(tmp_path, capsys):
    empty = tmp_path / "rong.docx"
    document = docx.Document()
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    document.save(empty)
    code, out, err = run(capsys, "check", empty)
    assert code in (0, 1) and err == "" and "Đã kiểm tra 1 tệp" in out


def test_a_run_killed_in_the_middle_leaves_no_truncated_output(tmp_path):
    """Kill `kit dossier` while it writes a 300-report dossier: every file left is whole, or absent."""
    from kit.app import load_sample

    sample = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
    people = [dict(sample["danh_sach"][0], ten=f"Người Thứ {n}") for n in range(300)]
    sample["danh_sach"] = people
    sample["phieu"] = [[p["ten"], 6] for p in people]
    sample["khen_thuong"] = []
    book = tmp_path / "lon.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", sample))
    process = subprocess.Popen(
        [sys.executable, "-m", "kit", "dossier", str(book), "-o", str(tmp_path / "ra")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    folder = tmp_path / "ra" / "lon" / "bao-cao-thanh-tich"
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        if folder.exists() and any(folder.glob(".*.tmp")) or (folder.exists() and any(folder.glob("*.docx"))):
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for path in (tmp_path / "ra").rglob("*.docx"):
        docx.Document(str(path))  # opens: complete
    manifest = tmp_path / "ra" / "lon" / "manifest.json"
    if manifest.exists():  # only when everything was in place
        assert len(list(folder.glob("*.docx"))) == 300
    assert os.path.exists(book)


@pytest.mark.parametrize(
    "case", ["a PDF renamed .xlsx", "an empty workbook", "a missing sheet", "a formula never computed"]
)
def test_the_same_bad_inputs_given_to_dossier(tmp_path, capsys, case):
    make, expected = BAD_WORKBOOKS[case]
    path = make(tmp_path)
    code, out, err = run(capsys, "dossier", path, "-o", tmp_path / "ra")
    assert code in (2, 3) and out == "" and "Traceback" not in err and err.startswith("Lỗi: ")
    assert not (tmp_path / "ra").exists()


def test_hidden_sheets_and_rows_are_read_and_said(tmp_path, capsys):
    def hide(wb):
        wb["Nơi nhận"].sheet_state = "hidden"
        wb["Đề mục"].row_dimensions[3].hidden = True

    path = _book(tmp_path, edit=hide)
    code, out, err = run(capsys, "fill", path, "-o", tmp_path / "ra")
    assert code == 0 and out.startswith("Đã ghi:")
    assert err.splitlines() == [
        "Cảnh báo: k.xlsx, sheet 'Đề mục': dòng 3 đang bị ẩn — vẫn được đọc — bỏ ẩn dòng (Unhide) để kiểm tra, hoặc xóa nếu không dùng",
        "Cảnh báo: k.xlsx, sheet 'Nơi nhận': sheet đang bị ẩn — vẫn được đọc — bỏ ẩn sheet (Unhide) để xem nội dung",
    ]
    texts = [p.text for p in docx.Document(tmp_path / "ra" / "k.docx").paragraphs]
    assert "1. Mục đích" in texts  # the hidden row is in the document


def test_a_500_page_document_is_checked_without_trouble(tmp_path, capsys):
    document = docx.Document()
    for number in range(9000):  # about 500 pages of running text
        document.add_paragraph(f"{number % 90 + 1}. Nội dung " + "thi đua khen thưởng " * 12)
    path = tmp_path / "dai.docx"
    document.save(path)
    code, out, err = run(capsys, "check", path, "--select", "VB1,VB3,VB7")
    assert code in (0, 1) and err == "" and out.splitlines()[-1].startswith("Đã kiểm tra 1 tệp")


def test_reordered_and_extra_empty_columns_are_read_by_their_headings(tmp_path, capsys):
    def swap(wb):
        ws = wb["Bảng kế hoạch"]
        for row in range(1, ws.max_row + 1):  # Nội dung and Đơn vị thực hiện change places
            b, c = ws.cell(row=row, column=2).value, ws.cell(row=row, column=3).value
            ws.cell(row=row, column=2).value, ws.cell(row=row, column=3).value = c, b

    path = _book(tmp_path, edit=swap)
    assert run(capsys, "fill", path, "-o", tmp_path / "ra")[0] == 0
    rows = [[c.text for c in r.cells] for r in docx.Document(tmp_path / "ra" / "k.docx").tables[1].rows]
    assert rows[2] == ["1", "Phát động thi đua", "Văn phòng"]


def test_remote_references_in_a_document_are_not_fetched(tmp_path, capsys):
    """An external image and hyperlink: read as text, nothing requested (this machine has no network
    but the local address below would be refused too; the check is that reading does not try)."""
    import socket

    calls = []
    real = socket.create_connection

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    def add_remote(name, payload):
        if name == "word/_rels/document.xml.rels":
            return payload.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/anh.png" '
                b'TargetMode="External"/></Relationships>',
            )
        return payload

    path = _rezip(build(Spec()), tmp_path / "xa.docx", add_remote)
    socket.create_connection = spy
    try:
        code, out, err = run(capsys, "check", path)
    finally:
        socket.create_connection = real
    assert code == 0 and err == "" and calls == []


def test_force_never_removes_what_a_foreign_manifest_lists_outside_the_dossier(tmp_path, capsys):
    import json

    book = tmp_path / "ho-so.xlsx"
    book.write_bytes((ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.xlsx").read_bytes())
    folder = tmp_path / "ra" / "ho-so"
    folder.mkdir(parents=True)
    precious = tmp_path / "quy.docx"
    precious.write_bytes(b"giu lai")
    inside = folder / "cu.docx"
    inside.write_bytes(b"cu")
    listed = ["../../quy.docx", str(precious), "cu.docx", "../ho-so/../../quy.docx"]
    (folder / "manifest.json").write_text(json.dumps({"files": [{"path": p} for p in listed]}), encoding="utf-8")
    code, _, err = run(capsys, "dossier", book, "-o", tmp_path / "ra", "--force")
    assert code == 0, err
    assert precious.read_bytes() == b"giu lai"
    assert not inside.exists()  # listed by the earlier run, inside the folder, not made this time
