"""The document model: regions, types, sections, and documents that cannot be read."""

import io
import re
import zipfile

import pytest

from kit.checks import check_document
from kit.docmodel.document import CONG_VAN, canon, open_document, tone_normal
from kit.errors import InputError
from tests.checks.builder import Spec, build, model


def test_regions_of_a_plan():
    doc = model(Spec())
    assert doc.doc_type == "ke_hoach" and doc.type_name == "KẾ HOẠCH"
    assert doc.quoc_hieu.stripped == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc.so_line.stripped == "Số: 05/KH-SNV" and doc.date_line.stripped.startswith("Lạng Sơn, ngày 05")
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert [p.stripped for p in doc.trich_yeu] == ["Công tác thi đua, khen thưởng năm 2025"]
    assert doc.noi_nhan_heading.stripped == "Nơi nhận:" and len(doc.noi_nhan_items) == 3
    assert [p.stripped for p in doc.signature] == ["GIÁM ĐỐC", "Nguyễn Văn An"]
    assert doc.content[-1].stripped.endswith("./.")
    section = doc.sections[0]
    assert (section.page_width_mm, section.left_mm, section.page_number_in_header) == (210.0, 30.0, True)


def test_tờ_trình_with_kính_gửi_and_a_công_văn():
    doc = model(Spec(title="TỜ TRÌNH", kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"]))
    assert doc.doc_type == "to_trinh" and [p.stripped for p in doc.kinh_gui] == ["Kính gửi: Ủy ban nhân dân tỉnh"]
    cong_van = model(Spec(title=None, trich_yeu=[], so="Số: 12/SNV-VP", body=["V/v triển khai thi đua", "Nội dung./."]))
    assert cong_van.doc_type == CONG_VAN


def test_addressees_listed_from_the_kính_gửi_line_on_are_all_addressees():
    # corpus 584: the first addressee typed on the Kính gửi line as a list item, the second under it
    lines = ["Kính gửi:  - Ban Thường vụ Liên đoàn Lao động tỉnh;", "- Ban Công tác Công đoàn."]
    doc = model(Spec(title="TỜ TRÌNH", kinh_gui=lines, body=["- Căn cứ Điều lệ Công đoàn Việt Nam;", "Nội dung./."]))
    assert [p.stripped for p in doc.kinh_gui] == lines
    # the last addressee ending with ";": the body's first "- Căn cứ …" line is no addressee (a review, 2026-12-08)
    lines = ["Kính gửi: - Ủy ban nhân dân xã Đại Lộc;", "- Phòng Văn hóa - Xã hội xã;"]
    body = ["- Căn cứ Quyết định số 15/QĐ-UBND ngày 10/3/2024 của UBND huyện Đại Lộc;", "Nội dung./."]
    assert [p.stripped for p in model(Spec(title="TỜ TRÌNH", kinh_gui=lines, body=body)).kinh_gui] == lines
    # one addressee on the line: the dash-led lines under it are the body's
    doc = model(
        Spec(title="TỜ TRÌNH", kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"], body=["- Căn cứ Luật;", "Nội dung./."])
    )
    assert [p.stripped for p in doc.kinh_gui] == ["Kính gửi: Ủy ban nhân dân tỉnh"]


def test_biên_bản_signers_titles_laid_out_with_spaces_on_one_line_are_its_signature():
    # corpus 585: "THƯ KÝ <54 spaces> CHỦ TRÌ HỘI NGHỊ" after the end mark, names not typed yet
    titles = "THƯ KÝ" + " " * 54 + "CHỦ TRÌ HỘI NGHỊ"
    doc = model(Spec(title="BIÊN BẢN", date=None, noi_nhan=[], signature=[titles]))
    assert [p.stripped for p in doc.signature] == [titles]
    assert "VB404" in {f.code for f in check_document(doc)}  # no name under either title


def test_biên_bản_signatures_side_by_side_without_noi_nhan():
    doc = model(
        Spec(title="BIÊN BẢN", date=None, noi_nhan=[], signature=["THƯ KÝ", "Lê Văn B", "CHỦ TỌA", "Trần Văn C"])
    )
    assert doc.doc_type == "bien_ban" and doc.noi_nhan_heading is None
    assert [p.stripped for p in doc.signature] == ["THƯ KÝ", "Lê Văn B", "CHỦ TỌA", "Trần Văn C"]


def test_tone_placement_is_normalised_only_for_comparison():
    assert (
        tone_normal("CỘNG HOÀ, Hoà Bình, hoạch, thoả thuận, uỷ ban") == "CỘNG HÒA, Hòa Bình, hoạch, thỏa thuận, ủy ban"
    )
    assert canon("Cộng  hoà") == "CỘNG HÒA"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"%PDF-1.4 not a word file", "không đọc được tệp Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Word 97–2003 (.doc) hoặc tệp có mật khẩu"),
        (b"PK\x03\x04 truncated", "không đọc được tệp Word"),
    ],
    ids=["not a docx", "doc or encrypted", "truncated zip"],
)
def test_unreadable_documents_are_input_errors(tmp_path, content, message):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        open_document(path)
    assert caught.value.exit_code == 3 and "\n" not in caught.value.message


def test_zip_without_a_document_part(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "x")
    with pytest.raises(InputError, match="không đọc được tệp Word"):
        open_document(path)


def test_external_entities_are_not_resolved(tmp_path):
    """A document.xml that declares an external entity is read without fetching or inlining it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT")
    data = build(Spec())
    source = zipfile.ZipFile(io.BytesIO(data))
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "word/document.xml":
                payload = payload.replace(
                    b"?>", f'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1
                )
                payload = payload.replace("Nguyễn Văn An".encode(), b"&x;")
            target.writestr(item, payload)
    try:
        doc = open_document(path)
    except InputError:
        return  # refusing the file is fine too
    assert "BÍ MẬT" not in "".join(p.text for p in doc.paragraphs)


def test_an_unreadable_document_is_told_in_vietnamese_without_a_python_class_name(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"%PDF-1.4 not a word file")
    with pytest.raises(InputError) as caught:
        open_document(path)
    assert caught.value.line() == (
        "x.docx: không đọc được tệp Word: tệp không phải .docx hợp lệ — mở bằng Word và lưu lại dạng .docx"
    )


def test_what_is_remembered_of_a_document_read_keeps_none_of_it_alive(tmp_path):
    """The parts of a package read again are found by identity (the self-check of a batch reads its
    documents through one opened package), weakly: once a document is let go, nothing of it stays."""
    import gc
    import weakref
    from pathlib import Path

    import docx

    from kit.docmodel.document import read_document

    made = docx.Document()
    made.add_paragraph("Căn cứ Luật Thi đua, khen thưởng;", style="List Number")
    made.sections[0].header.add_paragraph("Trang")
    made.save(tmp_path / "a.docx")
    document = docx.Document(str(tmp_path / "a.docx"))
    first = read_document(document, Path("a.docx"))
    again = read_document(document, Path("a.docx"))  # through the remembered parts
    assert [p.text for p in again.paragraphs] == [p.text for p in first.paragraphs]
    assert again.sections == first.sections and first.paragraphs[0].label == again.paragraphs[0].label
    package = weakref.ref(document.part.package)
    del document, first, again
    gc.collect()
    assert package() is None


def _items_in_the_row_below(document):
    """The closing typed as some offices do: 'Nơi nhận:' alone in its cell beside the signature, the items in
    the cell under it."""
    closing = document.tables[-1]
    below = closing.add_row().cells[0]
    moved = closing.cell(0, 0).paragraphs[1:]
    below._tc.remove(below.paragraphs[0]._p)
    for paragraph in moved:
        below._tc.append(paragraph._p)


def test_noi_nhan_items_in_the_row_under_the_heading_are_its_items():
    spec = Spec(
        title=None,
        trich_yeu=[],
        so="Số: 12/UBND-TH",
        kinh_gui=["Kính gửi: Sở Tài chính"],
        body=["V/v góp ý dự thảo", "Giao Sở Tài chính chủ trì thực hiện./."],
        noi_nhan=["Nơi nhận:", "- Như trên;", "- Lưu: VT, TH."],
        signature=["CHỦ TỊCH", "Nguyễn Văn An"],
        edits=[_items_in_the_row_below],
    )
    doc = model(spec)
    assert [p.stripped for p in doc.noi_nhan_items] == ["- Như trên;", "- Lưu: VT, TH."]
    assert [p.stripped for p in doc.signature] == ["CHỦ TỊCH", "Nguyễn Văn An"]
    from kit.checks.runner import check_document

    codes = {f.code for f in check_document(doc)}
    assert not codes & {"VB506", "VB508"}, codes  # the Lưu line ends them, "- Như trên;" comes first


def _tabs_at(*positions):
    """Tab stops of the paragraph's own at `positions` (twips) on every body paragraph that begins with a tab."""

    def edit(document):
        from docx.shared import Twips

        for paragraph in document.paragraphs:
            if paragraph.text.startswith("\t"):
                for position in positions:
                    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(position))

    return edit


@pytest.mark.parametrize(
    "text, edits, start",
    [
        ("\tThực hiện kế hoạch.", [], 720),  # Word's default stops: 1,27 cm
        ("\t\tThực hiện kế hoạch.", [], 1440),
        ("\tThực hiện kế hoạch.", [_tabs_at(567)], 567),  # the paragraph's own stop: 1 cm
        ("\t\tThực hiện kế hoạch.", [_tabs_at(567)], 720),  # past its own stops, the default ones again
        ("Thực hiện kế hoạch.", [], 0),
    ],
)
def test_where_a_paragraphs_text_starts_counts_the_tabs_typed_before_it(text, edits, start):
    def no_indent(document):
        for paragraph in document.paragraphs:
            if "Thực hiện kế hoạch." in paragraph.text:
                paragraph.paragraph_format.first_line_indent = 0

    doc = model(Spec(body=[text, "Các phòng thực hiện./."], edits=[no_indent, *edits]))
    p = next(p for p in doc.paragraphs if p.stripped == "Thực hiện kế hoạch.")
    assert doc.default_tab_twips == 720
    assert p.text_start_twips(doc.default_tab_twips) == start


def test_a_dash_led_line_after_a_tab_in_a_closing_laid_out_with_tabs_is_an_item_not_the_signer():
    # corpus 452: "Nơi nhận:<tab>GIÁM ĐỐC", then items, one of them after a tab ("…(B/C);<tab>- Ban Giám đốc;").
    closing = [
        "Trên đây là kế hoạch tổ chức hội thảo./.",
        "Nơi nhận:\t\t\tGIÁM ĐỐC",
        "- Sở Y tế (B/C);\t\t\t- Ban Giám đốc;",
        "- Các khoa, phòng;",
        "- Lưu: VT, KHNV.",
        "\t\t\t\tNguyễn Thị Hương",
    ]
    doc = model(Spec(body=closing, noi_nhan=[], signature=[]))
    assert "- Ban Giám đốc;" in [p.stripped for p in doc.noi_nhan_items]
    assert [p.stripped for p in doc.signature] == ["GIÁM ĐỐC", "Nguyễn Thị Hương"]
