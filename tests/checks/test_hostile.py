"""Small crafted .docx files that used to hang `kit check`, eat memory or end in exit 70 (issue 12, §3), and a
document that is not an administrative one at all: each through the command line, as a user meets it."""

import io
import zipfile
from pathlib import Path

import pytest

from kit.cli import main
from tests.checks.builder import Spec, build

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _docx(path: Path, body: bytes, numbering: bytes = b"") -> Path:
    """The clean plan with its body replaced by `body` (and its list definitions by `numbering`)."""
    source = zipfile.ZipFile(io.BytesIO(build(Spec())))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "word/document.xml":
                start = payload.index(b"<w:body>") + len(b"<w:body>")
                payload = payload[:start] + body + payload[payload.index(b"<w:sectPr") :]
            elif item.filename == "word/numbering.xml" and numbering:
                payload = (
                    (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">').encode()
                    + numbering
                    + b"</w:numbering>"
                )
            target.writestr(item, payload)
    return path


def test_one_paragraph_of_100000_runs_is_read_in_linear_time(tmp_path, capsys):
    """A few KB that unpack to one paragraph of 100,000 runs: every run used to be re-read for each run.
    (100,000 runs of 5 elements: under kit.inputcost's bound of 600,000 elements; 200,000 are refused.)"""
    runs = b'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">x </w:t></w:r>' * 100_000
    path = _docx(tmp_path / "runs.docx", b"<w:p>" + runs + b"</w:p>")
    assert path.stat().st_size < 60_000
    code, out, err = run(capsys, "check", path)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("Đã kiểm tra 1 tệp")


def test_a_paragraph_of_many_doubled_words_is_read_in_bounded_windows(monkeypatch):
    """What made one paragraph "x x x …" of 100,000 runs take minutes (VB708 looked for the word before each
    doubled pair from the paragraph's start): the text read for each pair is a short window. Counted, not timed."""
    from kit.checks import hygiene
    from kit.checks.registry import RULES
    from tests.checks.builder import model

    read: list[int] = []
    pattern = hygiene._WORD_BEFORE

    class Counting:
        def search(self, text, start, end):
            read.append(end - start)
            return pattern.search(text, start, end)

    monkeypatch.setattr(hygiene, "_WORD_BEFORE", Counting())
    doc = model(Spec(body=["x " * 5_000 + "kèm theo theo quy định."]))
    assert RULES["VB708"].run(doc) == []
    assert len(read) >= 2_000 and max(read) <= 40


def test_looking_up_a_paragraph_style_once_per_paragraph_not_per_run(tmp_path, monkeypatch):
    """What made the 200,000 runs quadratic: the paragraph's style looked up (a walk over its children) for
    every run. Counted, not timed."""
    from kit.docmodel import effective
    from kit.docmodel.document import open_document

    calls = []
    original = effective.StyleSheet.paragraph_style_id
    monkeypatch.setattr(
        effective.StyleSheet, "paragraph_style_id", lambda self, p: calls.append(1) or original(self, p)
    )
    runs = b"<w:r><w:t>x</w:t></w:r>" * 500
    doc = open_document(_docx(tmp_path / "runs.docx", b"<w:p>" + runs + b"</w:p>"))
    assert doc.paragraphs[0].own_text == "x" * 500
    assert len(calls) <= 5


def _list(start: str, fmt: str) -> bytes:
    return (
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    ).encode()


NUMBERED = (
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Mục</w:t></w:r></w:p>'.encode()
    * 3
)


@pytest.mark.parametrize(
    "start, fmt",
    [
        ("1000000000", "lowerLetter"),  # was 120 s and 2.3 GB of letters
        ("99999999999999999", "lowerLetter"),  # was MemoryError, exit 70
        ("99999999999999999", "decimal"),
        ("5000", "upperRoman"),  # Roman numerals stop at 3999: was exit 70
        ("1.5", "decimal"),  # not an integer: was exit 70
        ("abc", "upperLetter"),
    ],
)
def test_numbering_with_absurd_starts_is_bounded(tmp_path, capsys, start, fmt):
    path = _docx(tmp_path / "so.docx", NUMBERED, _list(start, fmt))
    code, out, err = run(capsys, "check", path, "--format", "json")
    assert code in (0, 1) and err == ""
    assert '"schema": 1' in out


def test_numbering_shows_digits_beyond_what_letters_and_roman_numerals_can_show():
    from kit.docmodel.numbering import format_number

    assert format_number(5000, "upperRoman") == "5000"
    assert format_number(10**12, "lowerLetter") == str(10**12)
    assert format_number(28, "lowerLetter") == "bb" and format_number(14, "upperRoman") == "XIV"


def test_a_million_tiny_paragraphs_are_refused_in_one_line(tmp_path, capsys):
    """1.2 million empty paragraphs in about 170 KB (was 95 s and 2.35 GB): refused before anything is built."""
    path = _docx(tmp_path / "lu.docx", b"<w:p/>" * 1_200_000)
    assert path.stat().st_size < 200_000
    code, out, err = run(capsys, "check", path)
    assert (code, out) == (3, "")
    assert err.strip() == (
        "Lỗi: lu.docx: văn bản có hơn 100.000 đoạn — không phải một văn bản hành chính bình thường; "
        "kiểm tra nguồn của tệp"
    )


def test_a_long_real_sized_document_is_not_refused(tmp_path, capsys):
    body = "<w:p><w:r><w:t>Nội dung.</w:t></w:r></w:p>".encode() * 20_000  # about 1,000 pages
    code, out, err = run(capsys, "check", _docx(tmp_path / "dai.docx", body), "--select", "VB7")
    assert code in (0, 1) and err == ""


def test_a_document_that_is_not_administrative_says_so(tmp_path, capsys):
    # An office's name on top (a header component: it may be a công văn missing the rest), no tên loại.
    notes = "".join(f"<w:p><w:r><w:t>Ghi chép số {n}: mua giấy, mực in.</w:t></w:r></w:p>" for n in range(5))
    body = ("<w:p><w:r><w:t>SỞ NỘI VỤ</w:t></w:r></w:p>" + notes).encode()
    path = _docx(tmp_path / "ghi-chep.docx", body)
    code, out, err = run(capsys, "check", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"{path}: không nhận ra là văn bản hành chính (không thấy Quốc hiệu, tên loại hay “V/v”): "
        "không kiểm tra được phần đầu (Quốc hiệu, Tiêu ngữ, cơ quan, số, ngày), tên loại, chữ ký, "
        "nơi nhận và dấu kết thúc; chỉ kiểm tra trình bày trang, phông chữ, đánh số và chính tả"
    )
    assert lines[-1].startswith("Đã kiểm tra 1 tệp: 0 lỗi, ")
    assert lines[-1].endswith("; 0 tệp không có vấn đề; 1 tệp không nhận ra là văn bản hành chính.")
    code, out, _ = run(capsys, "check", path, "--format", "json")
    assert '"recognised": false' in out


def test_notes_with_no_header_at_all_are_outside_decree_30(tmp_path, capsys):
    body = "".join(f"<w:p><w:r><w:t>Ghi chép số {n}: mua giấy, mực in.</w:t></w:r></w:p>" for n in range(5)).encode()
    path = _docx(tmp_path / "ghi-chep.docx", body)
    code, out, err = run(capsys, "check", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}: văn bản không có thành phần thể thức nào của văn bản hành chính")
    assert "ngoài phạm vi Nghị định 30/2020/NĐ-CP" in lines[0]
    assert lines[-1].endswith("; 0 tệp không có vấn đề; 1 tệp ngoài phạm vi Nghị định 30.")
