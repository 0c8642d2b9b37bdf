"""The page each paragraph starts on, from what the file records, and findings placed by it in Word terms."""

from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kit.cli import main
from kit.docmodel.document import open_document
from tests.checks.builder import Spec, _paragraphs, build, clean_body, long_body, model

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BAN_NOI_CHINH = "- Ban Nội chính Tỉnh ủy;"


def _page_of(doc, text):
    return next(p.page for p in doc.paragraphs if p.stripped == text)


def _run_with(document, text, tag, at_start=False, **attributes):
    """Put a run holding one w:`tag` element at the end (or start) of the paragraphs reading `text`."""
    for p in _paragraphs(document, text):
        run, mark = OxmlElement("w:r"), OxmlElement(f"w:{tag}")
        for name, value in attributes.items():
            mark.set(qn(f"w:{name}"), value)
        run.append(mark)
        if at_start:
            p.insert(1 if p.find(qn("w:pPr")) is not None else 0, run)
        else:
            p.append(run)


def test_rendered_page_breaks_of_a_document_saved_by_word():
    # 14-…: Word saved one rendered page break. Converted to PDF (LibreOffice, pdftotext) its second page
    # starts with "- Luật sư Nguyễn Trung Dũng - Ủy viên Hội đồng." and holds Điều 2, Điều 3 and the Nơi nhận.
    doc = open_document(next(CORPUS.glob("14-*.docx")))
    assert doc.paged and doc.pages == 2
    assert _page_of(doc, "- Luật sư Nguyễn Văn Hậu - Phó Chủ tịch Hội đồng;") == 1
    assert _page_of(doc, "- Luật sư Nguyễn Trung Dũng - Ủy viên Hội đồng.") == 2
    assert _page_of(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.") == 2
    assert _page_of(doc, BAN_NOI_CHINH) == 2
    assert max(p.page for p in doc.paragraphs) == 2


def test_the_printed_finding_gives_its_page_and_first_words(capsys):
    path = next(CORPUS.glob("14-*.docx"))
    main(["check", str(path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if "VB503" in line]
    assert lines and lines[0].startswith(f"{path}:trang 2, «{BAN_NOI_CHINH}» (bảng 3, hàng 1, ô 1, đoạn ")
    # 06-…: five pages in Word, the Nơi nhận on the last (LibreOffice's PDF puts it on page 5 too).
    path = next(CORPUS.glob("06-*.docx"))
    main(["check", str(path)])
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if "VB508" in line)
    assert out[at].startswith(f"{path}:trang 5, «- Chủ tịch, các PCT. UBND…» (bảng 2, hàng 1, ô 1, đoạn 62): ")
    assert (
        out[at + 1] == "    « - Chủ tịch, các PCT. UBND tỉnh; »"
    )  # the rest of the paragraph: it adds to the location


def test_explicit_page_break():
    spec = Spec(
        noi_nhan=["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."],
        edits=[lambda d: _run_with(d, "Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch này./.", "br", type="page")],
    )
    doc = model(spec)
    assert doc.paged
    assert _page_of(doc, "Đẩy mạnh các phong trào thi đua yêu nước trong toàn ngành.") == 1
    assert _page_of(doc, "Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch này./.") == 1
    assert _page_of(doc, "- Bộ Nội vụ") == 2 and _page_of(doc, "GIÁM ĐỐC") == 2


def test_explicit_page_break_in_the_printed_location(tmp_path, capsys):
    path = tmp_path / "ngat-trang.docx"
    path.write_bytes(
        build(
            Spec(
                noi_nhan=["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."],
                edits=[
                    lambda d: _run_with(
                        d, "Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch này./.", "br", type="page"
                    )
                ],
            )
        )
    )
    main(["check", str(path)])
    line = next(line for line in capsys.readouterr().out.splitlines() if "VB505" in line)
    assert line.startswith(f"{path}:trang 2, «- Bộ Nội vụ» (bảng 3, hàng 1, ô 1, đoạn ")


def _style_breaks_before(document, style_id="VBMuc"):
    style = next(s for s in document.styles if s.style_id == style_id)
    style.paragraph_format.page_break_before = True


def test_page_break_before_from_the_style_and_switched_off_by_the_paragraph():
    doc = model(Spec(edits=[_style_breaks_before]))
    assert _page_of(doc, "I. MỤC ĐÍCH, YÊU CẦU") == 2
    assert _page_of(doc, "II. NỘI DUNG") == 3
    assert _page_of(doc, "III. TỔ CHỨC THỰC HIỆN") == 4

    def keep_with_page(document):
        for p in _paragraphs(document, "II. NỘI DUNG"):
            ppr = p.get_or_add_pPr()
            off = OxmlElement("w:pageBreakBefore")
            off.set(qn("w:val"), "0")
            ppr.append(off)

    doc = model(Spec(edits=[_style_breaks_before, keep_with_page]))
    assert _page_of(doc, "II. NỘI DUNG") == 2 and _page_of(doc, "III. TỔ CHỨC THỰC HIỆN") == 3


def test_a_row_split_over_two_pages_is_one_page_break():
    # Word marks the break in every cell of a row split over two pages.
    def split_row(document):
        for text in ("2", "Đăng ký thi đua trước ngày 30/01/2025", "Các phòng"):
            _run_with(document, text, "lastRenderedPageBreak", at_start=True)

    doc = model(Spec(edits=[split_row]))
    assert doc.paged
    assert _page_of(doc, "Phát động thi đua") == 1
    assert _page_of(doc, "Đăng ký thi đua trước ngày 30/01/2025") == 2 and _page_of(doc, "Các phòng") == 2
    assert _page_of(doc, "III. TỔ CHỨC THỰC HIỆN") == 2


def test_a_rendered_break_after_a_forced_one_is_the_same_page():
    def forced_then_rendered(document):
        _run_with(document, "Đẩy mạnh các phong trào thi đua yêu nước trong toàn ngành.", "br", type="page")
        _run_with(document, "2. Yêu cầu", "lastRenderedPageBreak", at_start=True)

    doc = model(Spec(edits=[forced_then_rendered]))
    assert _page_of(doc, "2. Yêu cầu") == 2 and _page_of(doc, "III. TỔ CHỨC THỰC HIỆN") == 2


def test_no_page_without_word_marks_when_longer_than_a_page(tmp_path, capsys):
    doc = model(Spec(body=long_body()))
    assert not doc.paged and all(p.page is None for p in doc.paragraphs)
    # 03-…: two pages by Word's count, saved without rendered page breaks: where the first ends is not known.
    real = open_document(next(CORPUS.glob("03-*.docx")))
    assert real.pages == 2 and not real.paged and all(p.page is None for p in real.paragraphs)
    # A short one surely on one page: page 1.
    short = model(Spec(body=clean_body()[:3]))
    assert short.paged and {p.page for p in short.paragraphs} == {1}
    path = tmp_path / "dai.docx"
    path.write_bytes(build(Spec(body=long_body(), so="Số: 5/KH-SNV")))
    main(["check", str(path)])
    line = next(line for line in capsys.readouterr().out.splitlines() if "VB208" in line)
    assert line.startswith(f"{path}:«Số: 5/KH-SNV» (bảng 1, hàng 2, ô 1, đoạn 7): VB208")
