"""How the model reads what Word writes (issue 14, §2): line breaks and tabs, text boxes, symbols and
hyphens, All Caps, table styles, list indents, appendices, longer titles, draft stamps."""

import docx

from kit.checks.runner import check_document
from kit.docmodel.effective import W_NS
from tests.checks.builder import Spec, appendix, in_content_control, model, no_break_hyphens, text_box

BODY = Spec().body


def _texts(doc):
    return [p.stripped for p in doc.paragraphs if p.stripped]


def test_quoc_hieu_and_tieu_ngu_in_one_paragraph_split_by_a_line_break():
    doc = model(Spec(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", tieu_ngu=None))
    assert doc.quoc_hieu.stripped == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc.tieu_ngu.stripped == "Độc lập - Tự do - Hạnh phúc"
    assert doc.quoc_hieu.number == doc.tieu_ngu.number  # one paragraph for the reader of the report


def test_a_quoc_hieu_inside_a_content_control_of_the_header_table_is_read():
    # A Google Docs round trip wraps header lines in w:sdt (corpus 733, 734): still the header's.
    spec = Spec(edits=[in_content_control("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), in_content_control("SỞ NỘI VỤ")])
    doc = model(spec)
    assert doc.quoc_hieu is not None and doc.quoc_hieu.in_table
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert not {f.code for f in check_document(doc)} & {"VB201", "VB205"}


def test_a_drafts_round_under_its_stamp_is_no_body_name():
    # "DỰ THẢO" and "Làn 2" (Lần, mistyped) in the header cell of a draft decision (corpus 734).
    doc = model(Spec(co_quan=["HỘI CÔNG CHỨNG VIÊN", "DỰ THẢO", "Làn 2"]))
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "HỘI CÔNG CHỨNG VIÊN"]
    assert "VB205" not in {f.code for f in check_document(doc)}


def test_a_records_signers_typed_in_sentence_case_side_by_side_are_its_signature():
    # Corpus 642: the roles in sentence case on one line with a tab, the names under them, a third signer's role
    # below — a signature, whose titles are not in capitals (VB406), not a record without signatures.
    roles, names = "Chủ trì cuộc họp\tGhi biên bản", "Nguyễn Văn Kiệt\tPhan Thị Ngọc Ánh"
    spec = Spec(
        title="BIÊN BẢN",
        trich_yeu=["Kiểm tra chỉ tiêu thi đua năm 2025"],
        so="Số: 05/BB-SNV",
        noi_nhan=[],
        signature=[],
        body=["Biên bản kết thúc lúc 11 giờ 00 cùng ngày./.", roles, names, "Đơn vị được kiểm tra"],
    )
    doc = model(spec)
    assert [p.stripped for p in doc.signature] == [roles, names, "Đơn vị được kiểm tra"]
    codes = {f.code for f in check_document(doc)}
    assert not codes & {"VB404", "VB407"}, codes
    assert "VB406" in codes  # the roles are not in capitals, bold
    # A sentence of the body naming a chair is no signature.
    prose = model(spec.but(body=["Biên bản kết thúc lúc 11 giờ./.", "Chủ trì cuộc họp đã kết luận như trên."]))
    assert not prose.signature


def test_a_header_laid_out_with_tabs_is_read_as_two_columns():
    def tabbed(document):
        body = document.element.body
        table = body.find(f"{{{W_NS}}}tbl")
        for line in [
            "UBND TỈNH LẠNG SƠN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ NỘI VỤ\t\tĐộc lập - Tự do - Hạnh phúc",
            "Số: 05/KH-SNV\tLạng Sơn, ngày 05 tháng 01 năm 2025",
        ]:
            paragraph = document.add_paragraph()
            paragraph.add_run(line)
            table.addprevious(paragraph._p)
        body.remove(table)

    doc = model(Spec(edits=[tabbed]))
    assert doc.quoc_hieu.stripped == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc.tieu_ngu.stripped == "Độc lập - Tự do - Hạnh phúc"
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert doc.so_line.stripped == "Số: 05/KH-SNV" and doc.date_line.stripped.startswith("Lạng Sơn, ngày 05")


def test_nơi_nhận_and_signature_typed_in_one_paragraph_each():
    doc = model(Spec(noi_nhan=["Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, VP."], signature=["GIÁM ĐỐC\nNguyễn Văn An"]))
    assert doc.noi_nhan_heading.stripped == "Nơi nhận:"
    assert [p.stripped for p in doc.noi_nhan_items] == ["- Bộ Nội vụ;", "- Lưu: VT, VP."]
    assert [p.stripped for p in doc.signature] == ["GIÁM ĐỐC", "Nguyễn Văn An"]


def test_a_text_box_is_read_once_as_its_own_paragraph():
    doc = model(Spec(edits=[text_box("SỞ NỘI VỤ", "DỰ THẢO")]))
    texts = _texts(doc)
    assert texts.count("DỰ THẢO") == 1 and not any("DỰ THẢODỰ THẢO" in t for t in texts)
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]  # the stamp is no agency


def test_non_breaking_hyphens_and_symbols_are_read():
    def symbols(document):
        paragraph = document.add_paragraph()
        run = paragraph.add_run("Tỷ lệ ")
        run._r.append(docx.oxml.parse_xml(f'<w:sym xmlns:w="{W_NS}" w:font="Symbol" w:char="F0B3"/>'))
        paragraph.add_run(" 90%")

    doc = model(Spec(edits=[no_break_hyphens("Độc lập - Tự do - Hạnh phúc"), symbols]))
    assert doc.tieu_ngu.stripped == "Độc lập - Tự do - Hạnh phúc"
    assert "Tỷ lệ ≥ 90%" in _texts(doc)


def test_all_caps_text_is_read_in_capitals():
    def caps(document):
        from docx.text.paragraph import Paragraph

        for element in document.element.body.iter(f"{{{W_NS}}}p"):
            paragraph = Paragraph(element, document)
            if paragraph.text == "Sở nội vụ":
                for run in paragraph.runs:
                    run.font.all_caps = True

    doc = model(Spec(co_quan=["Sở nội vụ"], edits=[caps]))
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]


def test_a_table_style_font_is_the_font_of_its_cells():
    def table_style(document):
        styles = document.styles.element
        styles.append(
            docx.oxml.parse_xml(
                f'<w:style xmlns:w="{W_NS}" w:type="table" w:styleId="BangTNR"><w:name w:val="Bang TNR"/>'
                '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>'
            )
        )
        table = document.tables[1]._tbl
        table.tblPr.find(f"{{{W_NS}}}tblStyle").set(f"{{{W_NS}}}val", "BangTNR")
        for paragraph in document.tables[1].rows[2].cells[1].paragraphs:  # a cell whose style sets no font
            paragraph.style = document.styles["Normal"]
        for rfonts in document.styles.element.iter(f"{{{W_NS}}}rFonts"):
            if rfonts.getparent().getparent().get(f"{{{W_NS}}}styleId") == "Normal":
                rfonts.getparent().remove(rfonts)

    doc = model(Spec(edits=[table_style]))
    cell = next(p for p in doc.paragraphs if p.stripped == "Phát động thi đua")
    assert cell.first.font == "Arial"  # from the table style, not from the document defaults


def test_a_list_level_indent_is_the_paragraph_indent():
    def numbered_with_indent(document):
        numbering = document.part.numbering_part.element
        numbering.insert(
            0,
            docx.oxml.parse_xml(
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:pPr><w:ind w:left="1080" w:hanging="360"/>'
                "</w:pPr></w:lvl></w:abstractNum>"
            ),
        )
        numbering.append(
            docx.oxml.parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="91"/></w:num>')
        )
        for paragraph in document.paragraphs:
            if paragraph.text == "Thiết thực":
                ppr = paragraph._p.get_or_add_pPr()
                num = ppr.get_or_add_numPr()
                num.get_or_add_ilvl().val = 0
                num.get_or_add_numId().val = 91
                ind = ppr.find(f"{{{W_NS}}}ind")
                if ind is not None:
                    ppr.remove(ind)

    doc = model(Spec(body=[BODY[0], "Thiết thực", BODY[-1]], edits=[numbered_with_indent]))
    item = next(p for p in doc.paragraphs if p.own_text == "Thiết thực")
    assert item.text == "a) Thiết thực"
    assert (item.fmt.left_twips, item.fmt.first_line_twips) == (1080, -360)


def test_an_appendix_after_the_signature_is_its_own_part():
    doc = model(Spec(edits=[appendix(["PHỤ LỤC", "(Kèm theo Kế hoạch số 05/KH-SNV)", "I. DANH SÁCH"], landscape=True)]))
    assert len(doc.appendices) == 1
    assert [p.stripped for p in doc.appendices[0] if p.stripped][:2] == ["PHỤ LỤC", "(Kèm theo Kế hoạch số 05/KH-SNV)"]
    assert doc.content[-1].stripped.endswith("./.")  # the body still ends with the plan's last paragraph
    assert doc.appendix_sections == {1}


def test_titles_with_more_words_are_recognised():
    for title, kind in [
        ("GIẤY MỜI HỌP", "giay_moi"),
        ("BIÊN BẢN LÀM VIỆC", "bien_ban"),
        ("GIẤY GIỚI THIỆU ĐĂNG KÝ KINH DOANH", "giay_gioi_thieu"),
        ("GIẤY PHÉP SỬ DỤNG", "giay_phep"),
        ("BÁO CÁO THÀNH TÍCH", "bao_cao_thanh_tich"),
    ]:
        assert model(Spec(title=title)).doc_type == kind, title


def test_draft_stamp_and_a_date_line_without_a_space_are_no_agency_name():
    doc = model(Spec(co_quan=["SỞ NỘI VỤ", "(Dự thảo)"], date="Lạng Sơn, ngày 05 tháng 4năm 2025"))
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert doc.date_line.stripped == "Lạng Sơn, ngày 05 tháng 4năm 2025"
