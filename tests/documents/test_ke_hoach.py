"""The generated plan as a reader sees it: header, numbering, table, Nơi nhận, signature, escaping."""

import datetime as dt

import pytest

from tests.conftest import data


def test_header_cells_text_bold_and_size(reader):
    document = reader()
    header = document.tables()[0]
    assert document.rows(header) == [
        ["UBND TỈNH LẠNG SƠN SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"],
        ["Số: 05/KH-SKHĐT", "Lạng Sơn, ngày 05 tháng 01 năm 2021"],
    ]
    expected = {
        "UBND TỈNH LẠNG SƠN": (13, False, False),
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ": (13, True, False),
        "Số: 05/KH-SKHĐT": (13, False, False),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (13, True, False),
        "Độc lập - Tự do - Hạnh phúc": (14, True, False),
        "Lạng Sơn, ngày 05 tháng 01 năm 2021": (14, False, True),
    }
    for text, (size, bold, italic) in expected.items():
        fmt = document.run_format(text)
        assert (fmt.size_pt, fmt.bold, fmt.italic) == (size, bold, italic), text
        assert document.paragraph_format(text).alignment == "center", text


@pytest.mark.parametrize(
    "date, number, so_line, date_line",
    [
        (dt.date(2021, 1, 5), 5, "Số: 05/KH-SKHĐT", "Lạng Sơn, ngày 05 tháng 01 năm 2021"),
        (dt.date(2021, 2, 28), 12, "Số: 12/KH-SKHĐT", "Lạng Sơn, ngày 28 tháng 02 năm 2021"),
        (dt.date(2021, 3, 12), 301, "Số: 301/KH-SKHĐT", "Lạng Sơn, ngày 12 tháng 3 năm 2021"),
        (dt.date(2021, 12, 31), None, "Số:      /KH-SKHĐT", "Lạng Sơn, ngày 31 tháng 12 năm 2021"),
    ],
    ids=["05/01", "28/02", "12/3", "31/12 blank number"],
)
def test_number_and_date_lines_stand_on_one_row(reader, date, number, so_line, date_line):
    document = reader(data(van_ban={"ngay_ban_hanh": date, "so_van_ban": number}))
    assert document.rows(document.tables()[0])[1] == [so_line, date_line]


def test_no_parent_body_line_when_blank(reader):
    document = reader(data(van_ban={"co_quan_chu_quan": None}))
    assert document.cell_paragraphs(document.tables()[0], 0, 0)[0] == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"


def test_title_and_body_numbering_from_the_outline(reader):
    outline = [
        ["muc", "Mục đích, yêu cầu"],
        ["khoan", "Mục đích"],
        ["doan", "Đoạn một."],
        ["khoan", "Yêu cầu"],
        ["gach", "Gạch một"],
        ["gach", "- Gạch hai đã có dấu"],
        ["muc", "II. Nội dung"],  # a number typed by hand is replaced by the kit's
        ["khoan", "Khoản không có nội dung con."],
        ["khoan", "Các phòng"],
        *[["diem", f"Điểm {n}"] for n in range(1, 8)],
        ["muc", "Tổ chức thực hiện"],
        ["khoan", "Khoản mới"],
        ["diem", "Điểm mới"],
        ["doan", "Đoạn cuối"],
    ]
    document = reader(data(de_muc=outline, bang_ke_hoach=[]))
    assert document.body_paragraphs() == [
        "KẾ HOẠCH",
        "Công tác thi đua, khen thưởng năm\u00a02021",  # the title's last two words held together
        "Căn cứ Luật Thi đua, khen thưởng.",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Đoạn một.",
        "2. Yêu cầu",
        "- Gạch một",
        "- Gạch hai đã có dấu",
        "II. NỘI DUNG",
        "1. Khoản không có nội dung con.",
        "2. Các phòng",
        "a) Điểm 1",
        "b) Điểm 2",
        "c) Điểm 3",
        "d) Điểm 4",
        "đ) Điểm 5",
        "e) Điểm 6",
        "g) Điểm 7",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Khoản mới",
        "a) Điểm mới",
        "Đoạn cuối./.",  # Decree 30 model forms end the content with ./.
    ]
    bold = {
        text: document.run_format(text).bold
        for text in (
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Đoạn một.",
            "1. Khoản không có nội dung con.",
            "2. Các phòng",
            "a) Điểm 1",
            "- Gạch một",
        )
    }
    assert bold == {
        "I. MỤC ĐÍCH, YÊU CẦU": True,
        "1. Mục đích": True,
        "Đoạn một.": False,
        "1. Khoản không có nội dung con.": False,
        "2. Các phòng": True,
        "a) Điểm 1": False,
        "- Gạch một": False,
    }
    title, summary = document.run_format("KẾ HOẠCH"), document.run_format("Công tác thi đua, khen thưởng năm\u00a02021")
    assert (title.size_pt, title.bold, summary.size_pt, summary.bold) == (14, True, 14, True)
    assert document.paragraph_format("KẾ HOẠCH").alignment == "center"


def test_body_paragraph_layout(reader):
    document = reader()
    fmt = document.paragraph_format("Đẩy mạnh phong trào thi đua.")
    run = document.run_format("Đẩy mạnh phong trào thi đua.")
    assert fmt.alignment == "both" and fmt.first_line_twips == 720  # 1.27 cm
    assert fmt.space_after_twips >= 120  # at least 6 pt
    assert fmt.line_rule == "auto" and 240 <= fmt.line <= 360  # single to 1.5 lines
    assert (run.font, run.size_pt, run.bold) == ("Times New Roman", 14, False)


def test_style_override_column(reader):
    outline = [
        ["muc", "Nội dung"],
        ["khoan", "Thường dù có con", "thuong"],
        ["doan", "Con", "nghieng"],
        ["diem", "Điểm đậm", "dam"],
    ]
    document = reader(data(de_muc=outline, bang_ke_hoach=[]))
    assert not document.run_format("1. Thường dù có con").bold
    assert document.run_format("Con").italic
    assert document.run_format("a) Điểm đậm./.").bold


def test_line_breaks_in_an_outline_cell_make_paragraphs(reader):
    document = reader(
        data(de_muc=[["muc", "Nội dung"], ["doan", "Đoạn A\nĐoạn B"], ["gach", "Một\nHai"]], bang_ke_hoach=[])
    )
    assert document.body_paragraphs()[-5:] == ["I. NỘI DUNG", "Đoạn A", "Đoạn B", "- Một", "- Hai./."]


def _plan(document):
    return document.rows(document.tables()[1])


def test_plan_table_continuous_numbering(reader):
    document = reader()
    assert _plan(document) == [
        ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN"],
        ["Quý I"],
        ["1", "Phát động thi đua", "Văn phòng"],
        ["2", "Đăng ký thi đua", "Các phòng"],
        ["Quý II"],
        ["3", "Sơ kết 6 tháng", "Văn phòng"],
    ]
    assert document.body_paragraphs().index("II. NỘI DUNG") + 1 == document.body_paragraphs().index(
        "III. TỔ CHỨC THỰC HIỆN"
    )


def test_plan_table_numbering_restarts_per_group(reader):
    document = reader(data(van_ban={"danh_so_tt": "theo_nhom"}))
    assert [row[0] for row in _plan(document)] == ["TT", "Quý I", "1", "2", "Quý II", "1"]


def test_plan_table_layout(reader):
    from kit.docmodel.effective import W

    document = reader()
    table = document.tables()[1]
    rows = table.findall(W + "tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # the header row repeats on every page
    group = rows[1].findall(W + "tc")
    assert len(group) == 1 and group[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    styles = document.styles
    for cell in rows[0].findall(W + "tc"):
        p = cell.find(W + "p")
        assert styles.run_format(p, p.find(W + "r")).bold and styles.paragraph_format(p).alignment == "center"
    group_p = group[0].find(W + "p")
    assert styles.run_format(group_p, group_p.find(W + "r")).bold
    tt = rows[2].findall(W + "tc")[0].find(W + "p")
    assert styles.paragraph_format(tt).alignment == "center"


def test_optional_columns_appear_when_filled(reader):
    values = data(bang_ke_hoach=[["Quý I"], ["", "Việc", "Văn phòng", "Tháng 3", ""], ["", "Việc 2", "Phòng", "", ""]])
    document = reader(values)
    assert _plan(document) == [
        ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN", "THỜI GIAN"],
        ["Quý I"],
        ["1", "Việc", "Văn phòng", "Tháng 3"],
        ["2", "Việc 2", "Phòng", ""],
    ]
    values["bang_ke_hoach"][2][4] = "Nếu có"
    assert _plan(reader(values))[0] == ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN", "THỜI GIAN", "GHI CHÚ"]


def test_line_breaks_in_table_cells_are_lines_and_dash_items_stay(reader):
    values = data(bang_ke_hoach=[["", "- Việc một\n- Việc hai", "- Văn phòng.\n- Các phòng."]])
    document = reader(values)
    assert document.cell_paragraphs(document.tables()[1], 1, 1) == ["- Việc một", "- Việc hai"]
    assert document.cell_paragraphs(document.tables()[1], 1, 2) == ["- Văn phòng.", "- Các phòng."]


def test_noi_nhan_items_and_punctuation(reader):
    values = data(
        noi_nhan=[["- Bộ Nội vụ;"], ["Sở Nội vụ (Ban TĐKT)"], ["UBND các huyện."]], van_ban={"luu_don_vi": "VP"}
    )
    document = reader(values)
    left = document.cell_paragraphs(document.tables()[-1], 0, 0)
    assert left == ["Nơi nhận:", "- Bộ Nội vụ;", "- Sở Nội vụ (Ban TĐKT);", "- UBND các huyện;", "- Lưu: VT, VP."]
    heading, item = document.run_format("Nơi nhận:"), document.run_format("- Bộ Nội vụ;")
    assert (heading.size_pt, heading.bold, heading.italic) == (12, True, True)
    assert (item.size_pt, item.bold, item.italic) == (11, False, False)


@pytest.mark.parametrize(
    "authority, head, signer, lines",
    [
        ("khong", "Giám đốc", None, ["GIÁM ĐỐC"]),
        ("KT.", "Chủ tịch", "Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("TM.", "Ủy ban nhân dân", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("TL.", "Chủ tịch", "Chánh Văn phòng", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("TUQ.", "Giám đốc", "Trưởng phòng Tổ chức", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG TỔ CHỨC"]),
        ("Q.", "Giám đốc", None, ["Q. GIÁM ĐỐC"]),
    ],
)
def test_signature_block_for_each_authority(reader, authority, head, signer, lines):
    values = data(van_ban={"tham_quyen_ky": authority, "chuc_vu_thu_truong": head, "chuc_vu_nguoi_ky": signer})
    document = reader(values)
    right = document.cell_paragraphs(document.tables()[-1], 0, 1)
    assert right == [*lines, "Nguyễn Văn An"]
    for text in right:
        fmt = document.run_format(text)
        assert (fmt.size_pt, fmt.bold) == (14, True)
        assert document.paragraph_format(text).alignment == "center"
    assert document.paragraph_format("Nguyễn Văn An").space_before_twips >= 1000  # room to sign


def _errors(tmp_path, values) -> list[str]:
    from kit.app import render_workbook
    from kit.errors import WorkbookError
    from tests.conftest import write_workbook

    book = write_workbook(tmp_path / "k.xlsx", values)
    with pytest.raises(WorkbookError) as caught:
        render_workbook(book)
    return caught.value.lines()


def test_kt_without_signer_title_is_an_error(tmp_path):
    assert _errors(tmp_path, data(van_ban={"tham_quyen_ky": "KT.", "chuc_vu_nguoi_ky": None})) == [
        "k.xlsx, sheet 'Văn bản', ô B13 (Chức vụ người ký): ký KT. thì phải ghi chức vụ người ký"
        " — ví dụ: Phó Chủ tịch (ký KT. Chủ tịch)"
    ]


def test_the_titles_last_two_words_are_held_together(reader):
    """No word alone on the title's last line ("…NHÂN DÂN / TỈNH"): no-break spaces join the last two
    words and the fixed phrase they end ("ỦY BAN NHÂN DÂN TỈNH" moves whole to the last line)."""
    long_title = "Công tác thi đua, khen thưởng năm 2026 của Ủy ban nhân dân tỉnh"
    document = reader(data(van_ban={"trich_yeu": long_title}))
    assert (
        document.body_paragraphs()[1]
        == "Công tác thi đua, khen thưởng năm 2026 của Ủy\u00a0ban\u00a0nhân\u00a0dân\u00a0tỉnh"
    )
    assert document.body_paragraphs()[1].count("\u00a0") == 4  # the other spaces still break lines
    short = reader(data(van_ban={"trich_yeu": "Thi đua"}))
    assert short.body_paragraphs()[1] == "Thi đua"  # two words are a line of their own anyway


def test_special_characters_appear_as_typed(reader):
    tricky = "Sở KH&ĐT <Lạng Sơn> \"trích\" 'dẫn' {{ x }} {% if %}"
    values = data(
        van_ban={"co_quan_ban_hanh": tricky, "trich_yeu": tricky, "mo_dau": tricky, "nguoi_ky": "A & B"},
        de_muc=[["muc", tricky], ["doan", tricky], ["bang"]],
        bang_ke_hoach=[[tricky], ["", tricky, tricky]],
        noi_nhan=[[tricky]],
    )
    document = reader(values)
    paragraphs = document.body_paragraphs()
    assert paragraphs.count(tricky) == 2  # mở đầu, the paragraph
    assert paragraphs[1] == tricky[: -len(" %}")] + "\u00a0%}"  # the trích yếu, its last two words held together
    assert paragraphs[-1] == "./."  # after the table, which ends the content
    assert document.rows(document.tables()[1])[1:] == [[tricky], ["1", tricky, tricky]]
    assert f"- {tricky};" in document.cell_paragraphs(document.tables()[-1], 0, 0)
    assert "A & B" in document.cell_paragraphs(document.tables()[-1], 0, 1)


def test_table_rows_without_a_marker_are_an_error(tmp_path):
    assert _errors(tmp_path, data(de_muc=[["muc", "Nội dung"]])) == [
        "k.xlsx, sheet 'Đề mục', cột Cấp: có bảng kế hoạch nhưng chưa chọn chỗ đặt bảng"
        " — thêm một dòng Cấp “[Bảng kế hoạch]” ở sheet Đề mục, tại chỗ cần đặt bảng"
    ]


def test_end_mark_follows_a_table_that_ends_the_content(reader):
    from kit.docmodel.effective import W

    document = reader(data(de_muc=[["muc", "Nội dung"], ["doan", "Trước bảng:"], ["bang"]]))
    blocks = list(document.blocks())
    table_index = [i for i, (kind, _) in enumerate(blocks) if kind == "tbl"][1]
    kind, after = blocks[table_index + 1]
    assert kind == "p" and after.findtext(f".//{W}t") == "./."
    assert "Trước bảng:" in document.body_paragraphs()


def test_three_line_signature_tm_with_a_deputy(reader):
    values = data(
        van_ban={
            "tham_quyen_ky": "TM.",
            "chuc_vu_thu_truong": "Ủy ban nhân dân",
            "chuc_vu_nguoi_ky": "KT. Chủ tịch\nPhó Chủ tịch",
        }
    )
    document = reader(values)
    assert document.cell_paragraphs(document.tables()[-1], 0, 1) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [("1) Mục đích", "1. Mục đích"), ("2. Mục đích", "1. Mục đích"), ("2021. Năm bản lề", "1. 2021. Năm bản lề")],
)
def test_numbers_typed_by_hand_are_replaced_but_text_is_kept(reader, typed, expected):
    document = reader(data(de_muc=[["muc", "I. Nội dung"], ["khoan", typed], ["doan", "x"]], bang_ke_hoach=[]))
    assert document.body_paragraphs()[3:5] == ["I. NỘI DUNG", expected]


def test_noi_nhan_lines_abbreviations_and_surnames(reader):
    values = data(
        noi_nhan=[["Sở Nội vụ\nSở Tài chính;"], ["UBND các huyện, TP."]], van_ban={"nguoi_ky": "Ông Ích Khiêm"}
    )  # Ông is a surname, not a title
    document = reader(values)
    assert document.cell_paragraphs(document.tables()[-1], 0, 0) == [
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- Sở Tài chính;",
        "- UBND các huyện, TP.;",
        "- Lưu: VT, VP.",
    ]
    assert document.cell_paragraphs(document.tables()[-1], 0, 1)[-1] == "Ông Ích Khiêm"


def test_academic_title_before_the_name_is_an_error(tmp_path):
    assert _errors(tmp_path, data(van_ban={"nguoi_ky": "TS.Nguyễn Văn An"})) == [
        "k.xlsx, sheet 'Văn bản', ô B14 (Họ tên người ký): “TS.Nguyễn Văn An” có học hàm, học vị trước họ tên"
        " — chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)"
    ]


@pytest.mark.parametrize(
    "name, refused",
    [
        ("TS Nguyễn Văn An", True),
        ("ThS. Lê Bình", True),
        ("Tiến sĩ Trần Hà", True),
        ("Ông Nguyễn Văn An", True),
        ("Bà Lê Thị Hoa", True),
        ("Ông Ích Khiêm", False),
        ("Nguyễn Văn An", False),
        ("Bà Triệu", False),
    ],
)
def test_the_form_refuses_exactly_the_signer_names_kit_check_reports(tmp_path, name, refused):
    """One rule for both (kit.conventions): what the form accepts, kit check never reports as VB405."""
    import io

    import docx

    from kit.app import render_workbook
    from kit.checks.runner import check_document
    from kit.docmodel.document import read_document
    from kit.errors import WorkbookError
    from tests.conftest import write_workbook

    book = write_workbook(tmp_path / "k.xlsx", data(van_ban={"nguoi_ky": name}))
    try:
        document = docx.Document(io.BytesIO(render_workbook(book)))
    except WorkbookError as error:
        assert refused, error.lines()
        assert any("học hàm" in line or "danh xưng" in line for line in error.lines())
        return
    assert not refused
    assert "VB405" not in {f.code for f in check_document(read_document(document, book))}
