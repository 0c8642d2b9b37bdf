"""One failing and at least one passing fixture per rule: rule code → (failing specs, passing specs).

Every fixture is a document typed as staff type it (tests/checks/builder.py); the clean Spec() is a
correct plan, and each failing spec changes one thing.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tests.checks.builder import (
    Spec,
    all_body,
    appendix,
    clean_body,
    line_at_least,
    long_body,
    no_break_hyphens,
    no_page_numbers,
    numbered,
    page,
    page_number_on_first_page,
    paragraph_of,
    runs_of,
    space_before,
    text_box,
    word_numbering,
)

CLEAN = Spec()
BODY = clean_body()
FIRST = BODY[0]
LAST = BODY[-1]


def _decision_body(authority: str, article_one: str) -> list:
    """A Quyết định khen thưởng's body (Phụ lục III, Mẫu 1.2): authority line, căn cứ, QUYẾT ĐỊNH:, articles."""
    return [
        authority,
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng.",
        "QUYẾT ĐỊNH:",
        article_one,
        "Điều 2. Chánh Văn phòng và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ]


# The Giám đốc Sở Nội vụ's own decision: the Sở's titles and its Giấy khen, which he decides.
DECISION = Spec(
    so="Số: 245/QĐ-SNV",
    date="Lạng Sơn, ngày 26 tháng 12 năm 2025",
    title="QUYẾT ĐỊNH",
    trich_yeu=["Về việc tặng Giấy khen và công nhận danh hiệu Chiến sĩ thi đua cơ sở, Lao động tiên tiến"],
    body=_decision_body(
        "GIÁM ĐỐC SỞ NỘI VỤ",
        "Điều 1. Tặng Giấy khen cho 01 cá nhân; công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 01 cá nhân, Lao "
        "động tiên tiến cho 02 cá nhân và Tập thể lao động tiên tiến cho 01 tập thể đã có thành tích xuất sắc "
        "năm 2025 (có danh sách kèm theo).",
    ),
    noi_nhan=["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, VP."],
)


def body_with(*blocks):
    return CLEAN.but(body=[*blocks, LAST])


def with_table(rows):
    return CLEAN.but(body=[("muc", "I. NỘI DUNG"), ("table", rows), LAST])


HEAD = ["TT", "NỘI DUNG", "ĐƠN VỊ THỰC HIỆN"]
LONG = CLEAN.but(body=long_body())
ANNEX = [
    "PHỤ LỤC",
    "(Kèm theo Kế hoạch số 05/KH-SNV ngày 05/01/2025 của Sở Nội vụ)",
    "I. DANH SÁCH",
    [HEAD, ["1", "Phòng A", "Sở"], ["2", "Phòng B", "Sở"]],
    "II. TIẾN ĐỘ",
    "Theo từng quý",
]
BIEN_BAN = dict(
    title="BIÊN BẢN", so="Số: 05/BB-SNV", date=None, signature=["THƯ KÝ", "Lê Văn B", "CHỦ TỌA", "Trần Văn C"]
)


# A school's plan approved by the district office in a block under the school's signature (real: Trường Tiểu học
# Yên Sở, 2020): the office writes its approval by hand in the dotted lines.
APPROVAL = [
    "PHÊ DUYỆT CỦA PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    "………………………………………………………………………………………………………………………………………",
    "………………………………………………………………………………………………………………………………………",
]


def after_closing(lines):
    """Paragraphs typed after the closing table (signature and Nơi nhận)."""

    def edit(document):
        for line in lines:
            document.add_paragraph(line)

    return edit


# Dated by the văn thư at issue: "ngày    tháng 01 năm 2025" (the day left blank, NĐ 30/2020, Phụ lục I, II.4).
BLANK_DAY = CLEAN.but(so="Số:      /KH-SNV", date="Lạng Sơn, ngày    tháng 01 năm 2025")


def in_month(month, year, citation):
    """A plan of `month`/`year` with its day left blank, whose body cites one text."""
    return BLANK_DAY.but(
        date=f"Lạng Sơn, ngày    tháng {month:02d} năm {year}"
        if month < 3
        else f"Lạng Sơn, ngày    tháng {month} năm {year}",
        trich_yeu=[f"Công tác thi đua, khen thưởng năm {year}"],
        body=[citation, LAST],
    )


FIXTURES = {
    # VB1xx layout
    "VB101": ([CLEAN.but(edits=[page(216, 279)])], [CLEAN, CLEAN.but(edits=[page(210.4, 297)])]),
    "VB102": (
        [CLEAN.but(edits=[page(297, 210)])],
        [
            CLEAN,
            with_table([HEAD] + [[str(n), "Việc", "Phòng"] for n in range(1, 30)]).but(edits=[page(297, 210)]),
            CLEAN.but(edits=[appendix(ANNEX, landscape=True)]),
        ],
    ),
    "VB103": (
        [CLEAN.but(edits=[page(left=25)]), CLEAN.but(edits=[page(right=10, top=30)])],
        [CLEAN, CLEAN.but(edits=[page(left=35, top=25)])],
    ),
    "VB104": (
        [CLEAN.but(edits=[runs_of(FIRST, name="Arial")])],
        [CLEAN, CLEAN.but(edits=[text_box(FIRST, "DỰ THẢO")])],
    ),
    "VB105": ([CLEAN.but(edits=[runs_of(FIRST, name=".VnTime")])], [CLEAN]),
    "VB106": (
        [body_with("Céng hoµ x· héi chñ nghÜa ViÖt Nam")],
        [CLEAN, body_with("Giá trị 210 × 297 mm, hạn «30/6».")],
    ),
    "VB107": ([CLEAN.but(edits=[runs_of(FIRST, size=12)])], [CLEAN, CLEAN.but(edits=[runs_of(FIRST, size=13)])]),
    "VB108": (
        [CLEAN.but(edits=[paragraph_of(FIRST, line_spacing=2.0)]), CLEAN.but(edits=[line_at_least(FIRST, 40)])],
        [
            CLEAN,
            CLEAN.but(edits=[paragraph_of(FIRST, line_spacing=1.5)]),
            CLEAN.but(edits=[line_at_least(FIRST, 12)]),
            # Exactly 18 pt on a note typed in 8 pt: the size is VB107's finding; 18 pt suits the 13–14 pt due.
            CLEAN.but(edits=[paragraph_of(FIRST, line_spacing=Pt(18)), runs_of(FIRST, size=8)]),
        ],
    ),
    "VB109": (
        [CLEAN.but(edits=[all_body(space_after_pt=0)]), CLEAN.but(edits=[all_body(space_after_pt=3)])],
        [
            CLEAN,
            CLEAN.but(edits=[all_body(space_after_pt=12)]),
            CLEAN.but(
                body=[FIRST, "Đoạn thứ hai.", LAST],
                edits=[all_body(space_after_pt=3), space_before("Đoạn thứ hai.", 3), space_before(LAST, 3)],
            ),
        ],
    ),
    "VB110": (
        [
            CLEAN.but(edits=[paragraph_of(FIRST, first_line_cm=0)]),
            # a short line of running text in capitals, not moved toward the centre, is still held to the indent
            CLEAN.but(
                body=["TỔ CHỨC THỰC HIỆN NGHIÊM TÚC.", LAST],
                edits=[paragraph_of("TỔ CHỨC THỰC HIỆN NGHIÊM TÚC.", first_line_cm=0)],
            ),
            # two tabs typed before the text: on the default stops the first line starts at 2,54 cm
            CLEAN.but(
                body=["\t\tThực hiện Kế hoạch của Ủy ban nhân dân tỉnh.", LAST],
                edits=[paragraph_of("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh.", first_line_cm=0)],
            ),
        ],
        [
            CLEAN,
            CLEAN.but(edits=[paragraph_of(FIRST, first_line_cm=1.0)]),
            # The label of a figure, typed in a text box: not the page's running text (corpus 206).
            CLEAN.but(edits=[text_box(FIRST, "Lề trên từ 20 đến 25 mm, lề dưới từ 20 đến 25 mm")]),
            # One tab typed before the text, on Word's default 1,27 cm stops: indented 1,27 cm on paper.
            CLEAN.but(
                body=["\tThực hiện Kế hoạch của Ủy ban nhân dân tỉnh.", LAST],
                edits=[paragraph_of("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh.", first_line_cm=0)],
            ),
            # A space, then a tab, from a left indent of −3 twips: the tab goes to the 1,27 cm stop (corpus 733).
            CLEAN.but(
                body=[" \tTổ chức Đại hội Công chứng viên thành phố.", LAST],
                edits=[paragraph_of("Tổ chức Đại hội Công chứng viên thành phố.", first_line_cm=0, left_twips=-3)],
            ),
            # Not running text: an agenda's fields, a note in brackets, a heading moved to the centre by hand.
            CLEAN.but(
                body=["Thời gian: 14h00, ngày 22/01/2026", "Địa điểm: Hội trường tầng 3", LAST],
                edits=[
                    paragraph_of("Thời gian: 14h00, ngày 22/01/2026", first_line_cm=0),
                    paragraph_of("Địa điểm: Hội trường tầng 3", first_line_cm=0),
                ],
            ),
            CLEAN.but(
                body=[FIRST, "(Gồm 01 đơn vị hành chính cấp xã)", LAST],
                edits=[paragraph_of("(Gồm 01 đơn vị hành chính cấp xã)", first_line_cm=3.0)],
            ),
            CLEAN.but(body=[FIRST, "QUYẾT ĐỊNH:", LAST], edits=[paragraph_of("QUYẾT ĐỊNH:", first_line_cm=6.7)]),
            CLEAN.but(
                edits=[
                    runs_of("Công tác thi đua, khen thưởng năm 2025", bold=True),
                    paragraph_of("Công tác thi đua, khen thưởng năm 2025", alignment=WD_ALIGN_PARAGRAPH.LEFT),
                ]
            ),
        ],
    ),
    "VB111": (
        [CLEAN.but(edits=[paragraph_of(FIRST, alignment=WD_ALIGN_PARAGRAPH.LEFT)])],
        [
            CLEAN,
            CLEAN.but(
                trich_yeu=[
                    "Công tác thi đua, khen thưởng năm 2025 của Sở Nội vụ tỉnh Lạng Sơn, các phòng và đơn vị trực thuộc"
                ],
                edits=[
                    paragraph_of(
                        "Công tác thi đua, khen thưởng năm 2025 của Sở Nội vụ tỉnh Lạng Sơn, các phòng và đơn vị trực thuộc",
                        alignment=WD_ALIGN_PARAGRAPH.LEFT,
                    )
                ],
            ),
        ],
    ),
    "VB112": (
        [LONG.but(edits=[no_page_numbers]), LONG.but(edits=[page_number_on_first_page])],
        [CLEAN, CLEAN.but(edits=[no_page_numbers]), LONG.but(edits=[appendix(ANNEX, landscape=True)])],
    ),
    # VB2xx header
    "VB201": (
        [
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM"),
            CLEAN.but(quoc_hieu=None),
            CLEAN.but(title="GIẤY MỜI HỌP", so="Số: 05/GM-SNV", quoc_hieu=None),
        ],
        [
            CLEAN,
            CLEAN.but(quoc_hieu="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", tieu_ngu=None),
            # One paragraph the cell wraps (a real Văn phòng UBND công văn): two lines, both right.
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", tieu_ngu=None),
        ],
    ),
    "VB202": ([CLEAN.but(edits=[runs_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=False)])], [CLEAN]),
    "VB203": (
        [
            CLEAN.but(tieu_ngu="Độc lập-Tự do-Hạnh phúc"),
            CLEAN.but(tieu_ngu="ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
            CLEAN.but(title="BIÊN BẢN LÀM VIỆC", so="Số: 05/BB-SNV", tieu_ngu="Độc lâp - Tự do - Hạnh phúc"),
        ],
        [
            CLEAN,
            CLEAN.but(edits=[no_break_hyphens("Độc lập - Tự do - Hạnh phúc")]),
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", tieu_ngu=None),
            # One paragraph the cell wraps (a real Văn phòng UBND công văn): two lines, both right.
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", tieu_ngu=None),
        ],
    ),
    "VB204": ([CLEAN.but(edits=[runs_of("Độc lập - Tự do - Hạnh phúc", size=12)])], [CLEAN]),
    "VB219": (
        [
            CLEAN.but(edits=[runs_of("KẾ HOẠCH", size=15)]),
            CLEAN.but(edits=[runs_of("Công tác thi đua, khen thưởng năm 2025", bold=False)]),
        ],
        [
            CLEAN,
            # The rule drawn under the trích yếu is no part of it (corpus 205).
            CLEAN.but(
                trich_yeu=["Công tác thi đua, khen thưởng năm 2025", "__________"],
                edits=[runs_of("__________", bold=False, size=12)],
            ),
            # A note in brackets under the title, on two lines, is no trích yếu: italic and not bold is right.
            CLEAN.but(
                title="ĐIỀU LỆ",
                so=None,
                trich_yeu=[
                    "HỘI CỰU GIÁO CHỨC TỈNH",
                    "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2025",
                    "của Chủ tịch Ủy ban nhân dân tỉnh)",
                ],
                edits=[
                    runs_of("(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2025", bold=False, italic=True),
                    runs_of("của Chủ tịch Ủy ban nhân dân tỉnh)", bold=False, italic=True),
                ],
            ),
        ],
    ),
    "VB218": (
        [
            CLEAN.but(
                title="QUYẾT ĐỊNH",
                so="Số: 05/QĐ-UBND",
                trich_yeu=["Về việc khen thưởng"],
                body=[
                    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                    "QUYẾT ĐỊNH",
                    "Điều 1. Khen thưởng./.",
                ],
            )
        ],
        [
            CLEAN,
            CLEAN.but(
                title="QUYẾT ĐỊNH",
                so="Số: 05/QĐ-UBND",
                trich_yeu=["Về việc khen thưởng"],
                body=[
                    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                    "QUYẾT ĐỊNH:",
                    "Điều 1. Khen thưởng./.",
                ],
            ),
        ],
    ),
    "VB217": (
        [
            CLEAN.but(quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", tieu_ngu=None)
        ],  # corpus 69
        [CLEAN],
    ),
    "VB205": (
        [CLEAN.but(co_quan=["Sở Nội vụ"]), CLEAN.but(co_quan=[], chu_quan=None)],
        [
            CLEAN,
            CLEAN.but(co_quan=["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], chu_quan=None),
            CLEAN.but(co_quan=["SỞ NỘI VỤ", "(Dự thảo)"]),
            CLEAN.but(date="Lạng Sơn, ngày 05 tháng 4năm 2025"),
        ],
    ),
    "VB206": (
        [
            CLEAN.but(edits=[runs_of("SỞ NỘI VỤ", bold=False)]),
            CLEAN.but(edits=[runs_of("UBND TỈNH LẠNG SƠN", size=14)]),
        ],
        [CLEAN],
    ),
    "VB207": (
        [
            CLEAN.but(so="Số: 301 /KH-SNV"),
            CLEAN.but(so="Số 12/KH-SNV"),
            CLEAN.but(so="Số: 12/KH - SNV"),
            CLEAN.but(title="GIẤY MỜI", so=None, noi_nhan=[]),
        ],
        [
            CLEAN,
            CLEAN.but(so="Số: 301/KH-SNV"),
            CLEAN.but(so="Số:      /KH-SNV"),
            CLEAN.but(title="QUYẾT ĐỊNH", so="Số: 11/2024/QĐ-UBND"),
            # two spaces typed after "Số:": the number's shape is right (they look like one on paper)
            CLEAN.but(so="Số:  2114/KH-SNV"),
            # dots left for the number: a blank as spaces are (corpus 734)
            CLEAN.but(so="Số: ......./KH-SNV"),
            CLEAN.but(so="Số:…………./KH-SNV"),
        ],
    ),
    "VB208": ([CLEAN.but(so="Số: 5/KH-SNV")], [CLEAN, CLEAN.but(so="Số: 10/KH-SNV")]),
    "VB209": (
        [
            CLEAN.but(so="Số:      /KH-SNV"),
            CLEAN.but(title="BIÊN BẢN THẨM ĐỊNH", so="Số:   /BBTĐ-MNMH"),
            # A document without a number (a Báo cáo thành tích) left for dating at signing.
            CLEAN.but(title="BÁO CÁO THÀNH TÍCH", so=None, date="Lạng Sơn, ngày      tháng 01 năm 2025"),
            # a hospital's letter form dated at signing, the year left blank too (corpus 445)
            CLEAN.but(title="THƯ MỜI", so=None, date="Phú Thọ, ngày ___ tháng ___ năm ___"),
        ],
        [CLEAN, CLEAN.but(title="BÁO CÁO THÀNH TÍCH", so=None)],
    ),
    "VB210": (
        [
            CLEAN.but(so="Số: 05/TTr-SNV"),
            CLEAN.but(title=None, trich_yeu=[], so="Số: 05/KH-SNV", edits=[]).but(
                co_quan=["SỞ NỘI VỤ"], body=["V/v triển khai công tác thi đua", *BODY]
            ),
            CLEAN.but(
                title=None,
                trich_yeu=[],
                so="Số: 23/CV-BTĐKT",
                co_quan=["BAN THI ĐUA - KHEN THƯỞNG"],
                body=["V/v đăng ký thi đua năm 2025", *BODY],
            ),
        ],
        [
            CLEAN,
            CLEAN.but(
                title="TỜ TRÌNH",
                so="Số: 05/TTr-SNV",
                kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"],
                noi_nhan=["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(title="QUYẾT ĐỊNH", so="Số: 11/2024/QĐ-UBND"),
        ],
    ),
    "VB211": (
        [
            CLEAN.but(date="Lạng Sơn ngày 05 tháng 01 năm 2025"),
            CLEAN.but(date=None),
            # No space before "năm" (issue 21 §3: a regression once).
            CLEAN.but(date="Lạng Sơn, ngày 05 tháng 4năm 2025"),
            # the year left out, not left blank
            CLEAN.but(date="Lạng Sơn, ngày 05 tháng 01 năm"),
        ],
        [
            CLEAN,
            CLEAN.but(
                title="BIÊN BẢN",
                date=None,
                noi_nhan=[],
                signature=["THƯ KÝ", "Lê Văn B", "CHỦ TỌA", "Trần Văn C"],
                so="Số: 05/BB-SNV",
            ),
            # A form's date left blank to fill at signing, the year too (corpus 401, 445–448).
            CLEAN.but(so="Số:      /KH-SNV", date="Phú Thọ, ngày ___ tháng ___ năm ___"),
            CLEAN.but(so="Số:      /KH-SNV", date="Hà Nội, ngày … tháng …  năm…"),
            CLEAN.but(so="Số:      /KH-SNV", date="Hà Nội, ngày …… tháng… năm 20…"),
            # underscores typed against the words: still a blank date line, not a missing one (review)
            CLEAN.but(so="Số:      /KH-SNV", date="Hà Nội, ngày__ tháng__ năm 2025"),
        ],
    ),
    "VB212": (
        [CLEAN.but(date="Lạng Sơn, ngày 5 tháng 1 năm 2025"), CLEAN.but(date="Lạng Sơn, ngày 12 tháng 03 năm 2025")],
        [
            CLEAN,
            CLEAN.but(date="Lạng Sơn, ngày 12 tháng 3 năm 2025"),
            CLEAN.but(date="Lạng Sơn, ngày 28 tháng 02 năm 2025"),
        ],
    ),
    "VB213": (
        [CLEAN.but(date="Lạng Sơn, ngày 31 tháng 02 năm 2025")],
        [CLEAN, CLEAN.but(date="Lạng Sơn, ngày 31 tháng 12 năm ……")],
    ),
    "VB214": (
        [CLEAN.but(date="Lạng Sơn, ngày      tháng 01 năm 2025")],
        [
            CLEAN,
            CLEAN.but(so="Số:      /KH-SNV", date="Lạng Sơn, ngày      tháng 01 năm 2025"),
            CLEAN.but(title="BÁO CÁO THÀNH TÍCH", so=None, date="Lạng Sơn, ngày      tháng 01 năm 2025"),
        ],
    ),
    "VB215": (
        [
            CLEAN.but(edits=[runs_of("Lạng Sơn, ngày 05 tháng 01 năm 2025", italic=False)]),
            CLEAN.but(edits=[runs_of("Số: 05/KH-SNV", size=12)]),
        ],
        [CLEAN],
    ),
    "VB216": (
        [
            CLEAN.but(title=None, trich_yeu=[]),
            # a line in capitals that is not set as a title (plain, at the left) names nothing
            CLEAN.but(title=None, trich_yeu=[], body=["DANH MỤC HỒ SƠ", *BODY]),
            # a công văn with no V/v: the signer's title, bold and centred below, is no title (review, 2026-12-07)
            CLEAN.but(
                title=None,
                trich_yeu=[],
                so="Số: 15/SNV-VP",
                kinh_gui=["Kính gửi: Sở Tài chính"],
                body=["Sở Nội vụ đề nghị Sở Tài chính xem xét./."],
            ),
        ],
        [
            CLEAN,
            CLEAN.but(title="GIẤY MỜI HỌP", so="Số: 05/GM-SNV"),
            # a name the decree does not list, set where the tên loại stands (a hospital's forms, corpus 445–448)
            CLEAN.but(title="THƯ MỜI KÝ KẾT HỢP ĐỒNG", trich_yeu=[]),
            CLEAN.but(title="DỰ TOÁN", trich_yeu=["Mua sắm vật tư y tế năm 2025"]),
        ],
    ),
    # VB3xx numbering
    "VB301": (
        [
            CLEAN.but(body=[("muc", "I. MỤC ĐÍCH"), "Nội dung.", ("muc", "III. NỘI DUNG"), LAST]),
            # typed without the space after the number: still a mục, and II is missing
            CLEAN.but(body=[("muc", "I.MỤC ĐÍCH"), "Nội dung.", ("muc", "III.NỘI DUNG"), LAST]),
            # a number repeated: reported where it is
            CLEAN.but(body=[("muc", "I. A"), ("muc", "II. B"), ("muc", "II. C"), ("muc", "IV. D"), LAST]),
        ],
        [
            CLEAN,
            # "I.MỤC TIÊU", "II.NỘI DUNG" typed without the space (VB707's finding): the sequence is right
            CLEAN.but(body=[("muc", "I.MỤC TIÊU"), "Nội dung.", ("muc", "II.NỘI DUNG"), LAST]),
            CLEAN.but(
                body=["Mở đầu.", "Mục đích, yêu cầu", "Nội dung", LAST],
                edits=[word_numbering(), numbered("Mục đích, yêu cầu", 0), numbered("Nội dung", 0)],
            ),
        ],
    ),
    "VB302": (
        [
            CLEAN.but(edits=[appendix(["PHỤ LỤC", "1. Danh sách", "1. Bảng tổng hợp"])]),
            CLEAN.but(body=[("muc", "I. MỤC ĐÍCH"), ("tieu_de", "1. Một"), ("tieu_de", "1. Lặp"), LAST]),
            CLEAN.but(
                body=[("muc", "I. A"), ("tieu_de", "1. Một"), ("muc", "II. B"), ("tieu_de", "2. Không lại từ 1"), LAST]
            ),
            # a khoản left out after one typed without its space
            CLEAN.but(body=[("muc", "I. A"), "1.Bảo vệ quyền lợi.", "3. Tham gia hoạt động.", LAST]),
            # a title in capitals inside the list: the list goes on, and one left out is still reported
            CLEAN.but(body=[("muc", "I. A"), "1. Một.", "KẾT QUẢ CỤ THỂ", "3. Ba.", LAST]),
            # a title in capitals seen once does not restart the list (an independent review, 2026-12-08)
            CLEAN.but(body=[("muc", "I. A"), "1. Một.", "KẾT QUẢ CỤ THỂ", "1. Lại.", LAST]),
            # a list "1) 2)" of its own inside a khoản is no khoản: the khoản after it is still checked
            CLEAN.but(body=[("muc", "I. A"), "1. Một:", "1) Hồ sơ.", "2) Giấy tờ.", "4. Bốn.", LAST]),
        ],
        [
            CLEAN,
            # A tiểu mục typed without the space ("2.2.Nhóm phục vụ"): still 2.2, the next is 2.3.
            CLEAN.but(
                body=[
                    ("muc", "I. A"),
                    ("tieu_de", "1. Một"),
                    ("tieu_de", "2. Hai"),
                    "2.1. Nhóm lễ tân",
                    "2.2.Nhóm phục vụ",
                    "2.3. Nhóm hậu cần",
                    LAST,
                ]
            ),
            # A khoản typed without the space after its number ("1.Bảo vệ …"): still khoản 1.
            CLEAN.but(body=[("muc", "I. A"), "1.Bảo vệ quyền lợi.", "2. Tham gia hoạt động.", LAST]),
            # A khoản typed with a bracket ("3) Hồ sơ …" among "1.", "2.", "4."): its number counts (corpus 734).
            CLEAN.but(body=[("muc", "I. A"), "1. Một.", "2. Hai.", "3) Ba.", "4. Bốn.", LAST]),
            # a list "1) 2)" inside a khoản, then the next khoản
            CLEAN.but(body=[("muc", "I. A"), "1. Một:", "1) Hồ sơ.", "2) Giấy tờ.", "2. Hai.", LAST]),
            # Each job of an annex under its own title numbers from 1 again (corpus 705).
            CLEAN.but(
                body=[
                    "BẢN MÔ TẢ CÔNG VIỆC",
                    "1. Mục tiêu vị trí việc làm",
                    "2. Các công việc",
                    "BẢN MÔ TẢ CÔNG VIỆC",
                    "1. Mục tiêu vị trí việc làm",
                    LAST,
                ]
            ),
            # Parts lettered A., B., C. (a school's plan): each numbers its khoản from 1 again.
            CLEAN.but(
                body=[
                    "A. MỤC ĐÍCH – YÊU CẦU",
                    "1. Tuyển sinh đúng quy chế.",
                    "2. Điều tra số trẻ.",
                    "B. NỘI DUNG",
                    "1. Phương thức tuyển sinh.",
                    LAST,
                ]
            ),
            CLEAN.but(
                body=[
                    ("muc", "I. A"),
                    ("tieu_de", "1. Một"),
                    "1.1. Tiểu mục",
                    "1.2. Tiểu mục",
                    ("tieu_de", "2. Hai"),
                    LAST,
                ]
            ),
            CLEAN.but(edits=[appendix(["PHỤ LỤC", "1. Danh sách", "2. Bảng tổng hợp"])]),
        ],
    ),
    "VB303": (
        [
            CLEAN.but(body=[("tieu_de", "1. Một"), "a) Một;", "b) Hai;", "c) Ba;", "d) Bốn;", "e) Năm;", LAST]),
            CLEAN.but(
                body=[("tieu_de", "1. Một"), "Một", "Hai", "Ba", "Bốn", "Năm", LAST],
                edits=[word_numbering()] + [numbered(t, 2) for t in ("Một", "Hai", "Ba", "Bốn", "Năm")],
            ),
        ],
        [
            CLEAN,
            CLEAN.but(
                body=[("tieu_de", "1. Một"), "a) Một;", "b) Hai;", "c) Ba;", "d) Bốn;", "đ) Năm;", "e) Sáu.", LAST]
            ),
        ],
    ),
    # (VB303 on a list in the Latin alphabet — e), f), g), h) — is reported once, at f): tests/checks/test_rules.py)
    "VB306": (
        [
            body_with(
                "1. Phương thức và đối tượng:", "a. Phương thức: xét tuyển.", "b. Đối tượng: trẻ 6 tuổi."
            ),  # corpus 201
        ],
        [
            CLEAN,
            body_with("1. Phương thức và đối tượng:", "a) Phương thức: xét tuyển.", "b) Đối tượng: trẻ 6 tuổi."),
            # one line alone starting "a." is no list of điểm
            body_with("a. Nguyễn Văn An đã nghỉ hưu từ năm 2020."),
        ],
    ),
    "VB304": (
        [
            CLEAN.but(body=["Điều 1. Phạm vi", "Điều 3. Đối tượng", LAST]),
            CLEAN.but(body=["Điều 1: Phạm vi", "Điều 3: Đối tượng", LAST]),
            CLEAN.but(body=["Phần I. TÌNH HÌNH", "Phần III. NHIỆM VỤ", LAST]),
            # After a line break typed by hand, "Phần III." with its mark is a heading still.
            CLEAN.but(body=["Phần I. TÌNH HÌNH", "Nội dung chung\nPhần III. NHIỆM VỤ", LAST]),
        ],
        [
            CLEAN,
            CLEAN.but(body=["Điều 1. Phạm vi", "Điều 2. Đối tượng", LAST]),
            CLEAN.but(body=["Điều 1: Phạm vi", "Điều 2: Đối tượng", LAST]),
            # A sentence that starts with a part's name is no heading ("Phần I gồm …"; corpus 206).
            CLEAN.but(
                body=["Phần I. TÌNH HÌNH", "Phần II. NHIỆM VỤ", "Phần I gồm tình hình chung, Phần II nhiệm vụ.", LAST]
            ),
        ],
    ),
    "VB305": (
        [
            with_table(
                [HEAD, ["QUÝ I", "", ""], ["1", "a", "b"], ["2", "a", "b"], ["QUÝ II", "", ""], ["4", "a", "b"]]
            ),
            with_table([HEAD, ["1", "a", "b"], ["2", "a", "b"], ["2", "a", "b"]]),
            CLEAN.but(
                body=[
                    ("muc", "I. NỘI DUNG"),
                    ("table", [HEAD, ["1", "a", "b"], ["2", "a", "b"]]),
                    ("table", [HEAD, ["4", "a", "b"]]),
                    LAST,
                ]
            ),
        ],
        [
            CLEAN,
            # A table of its header row alone (a blank form's, corpus lead kpi-nghialam Phụ lục 1B): once an
            # internal error (exit 70) in a real document.
            with_table([HEAD]),
            with_table(
                [
                    HEAD,
                    ["QUÝ I", "", ""],
                    ["1", "a", "b"],
                    ["2", "a", "b"],
                    ["QUÝ II", "", ""],
                    ["1", "a", "b"],
                    ["2", "a", "b"],
                ]
            ),
            CLEAN.but(
                body=[
                    ("muc", "I. NỘI DUNG"),
                    ("table", [HEAD, ["1", "a", "b"], ["2", "a", "b"]]),
                    ("table", [HEAD, ["3", "a", "b"]]),
                    LAST,
                ]
            ),
        ],
    ),
    # VB4xx signature
    "VB401": (
        [
            CLEAN.but(signature=["KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]),
            CLEAN.but(signature=["K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]),
        ],
        [CLEAN, CLEAN.but(signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"])],
    ),
    "VB402": (
        [
            CLEAN.but(signature=["KT. GIÁM ĐỐC", "TRƯỞNG PHÒNG", "Nguyễn Văn An"]),
            CLEAN.but(signature=["KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]),
        ],
        [
            CLEAN,
            CLEAN.but(signature=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn An"]),
            CLEAN.but(signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]),
        ],
    ),
    "VB403": (
        [CLEAN.but(signature=["TM. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"])],
        [
            CLEAN,
            CLEAN.but(signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]),
            # a subcommittee of an election committee is a collective (corpus 487)
            CLEAN.but(signature=["TM. TIỂU BAN", "TRƯỞNG TIỂU BAN", "Nguyễn Văn An"]),
        ],
    ),
    "VB404": (
        [
            CLEAN.but(signature=["GIÁM ĐỐC"]),
            CLEAN.but(signature=[], noi_nhan=[]),
            CLEAN.but(signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),  # a title, not a name, however many words
            CLEAN.but(signature=["TM. ĐẠI HỘI", "ĐOÀN CHỦ TỊCH"]),  # Đoàn is a family name, ĐOÀN CHỦ TỊCH a title
        ],
        [
            CLEAN,
            CLEAN.but(signature=["GIÁM ĐỐC\nNguyễn Văn An"]),
            CLEAN.but(signature=["HIỆU TRƯỞNG", "HOÀNG VĂN HÀ"]),  # a name typed in capitals (corpus 551)
            CLEAN.but(signature=["CHỦ TỊCH", "THẠCH SÔ PHOL"]),  # a Khmer name (a review, 2026-12-08)
            CLEAN.but(signature=["CHỦ TỊCH", "GIÀNG A SỬ"]),  # a Hmong name
            CLEAN.but(signature=["HIỆU TRƯỞNG", "NGUYỄN THỊ ANH THƯ"]),  # Thư: a given name, not a title's word
            CLEAN.but(signature=["GIÁM ĐỐC", "LÊ VĂN ĐỒNG"]),
            # A draft ("DỰ THẢO" under the title): the signer is not chosen yet.
            CLEAN.but(trich_yeu=["Công tác thi đua, khen thưởng năm 2025", "DỰ THẢO"], signature=["GIÁM ĐỐC"]),
        ],
    ),
    "VB405": (
        [
            CLEAN.but(signature=["GIÁM ĐỐC", "TS. Nguyễn Văn An"]),
            CLEAN.but(signature=["GIÁM ĐỐC", "Ông Nguyễn Văn An"]),
            # The degree typed against the name (kit.conventions reads it; the rule once did not).
            CLEAN.but(signature=["GIÁM ĐỐC", "TS.Nguyễn Văn An"]),
        ],
        [CLEAN, CLEAN.but(signature=["GIÁM ĐỐC", "Ông Ích Khiêm"])],
    ),
    "VB406": (
        [CLEAN.but(edits=[runs_of("Nguyễn Văn An", bold=False)])],
        # A published copy puts "(Đã ký)" where the signature was: no name to hold to bold (corpus 205).
        [
            CLEAN,
            CLEAN.but(signature=["GIÁM ĐỐC", "[ (Đã ký)", "Nguyễn Văn An"], edits=[runs_of("[ (Đã ký)", bold=False)]),
        ],
    ),
    "VB407": (
        [
            CLEAN.but(
                title="BIÊN BẢN", date=None, so="Số: 05/BB-SNV", noi_nhan=[], signature=["CHỦ TỌA", "Trần Văn C"]
            ),
            # the head of the unit signs, but the chair named in the text is someone else
            CLEAN.but(
                title="BIÊN BẢN",
                date=None,
                so="Số: 05/BB-SNV",
                body=[
                    "Chủ trì: Đ/c Phạm Thị Tâm – Trưởng phòng",
                    "Thư ký: Đ/c Lê Văn B",
                    "Cuộc họp kết thúc lúc 11 giờ./.",
                ],
                noi_nhan=[],
                signature=["THƯ KÝ", "Lê Văn B", "TRƯỞNG ĐƠN VỊ", "Trần Văn C"],
            ),
        ],
        [
            # The chair named in the text signs under the office they hold.
            CLEAN.but(
                title="BIÊN BẢN",
                date=None,
                so="Số: 05/BB-SNV",
                body=[
                    "Chủ trì: Đ/c Phạm Thị Tâm – Trưởng phòng",
                    "Thư ký: Đ/c Lê Văn B",
                    "Cuộc họp kết thúc lúc 11 giờ./.",
                ],
                noi_nhan=[],
                signature=["THƯ KÝ", "Lê Văn B", "TRƯỞNG ĐƠN VỊ", "Phạm Thị Tâm"],
            ),
            CLEAN,
            CLEAN.but(
                title="BIÊN BẢN",
                date=None,
                so="Số: 05/BB-SNV",
                noi_nhan=[],
                signature=["THƯ KÝ", "Lê Văn B", "CHỦ TỌA", "Trần Văn C"],
            ),
        ],
    ),
    # VB5xx Nơi nhận
    "VB501": (
        [
            CLEAN.but(noi_nhan=[]),
            CLEAN.but(noi_nhan=[], **BIEN_BAN),
            # Mẫu 1.7 and the Mẫu 1.4 family have a Nơi nhận (domain.md H10).
            CLEAN.but(title="GIẤY MỜI", so="Số: 05/GM-SNV", noi_nhan=[]),
            CLEAN.but(title="GIẤY ỦY QUYỀN", so="Số: 05/GUQ-SNV", noi_nhan=[]),
        ],
        [
            CLEAN,
            CLEAN.but(title="GIẤY MỜI", so="Số: 05/GM-SNV"),
            CLEAN.but(title="BÁO CÁO THÀNH TÍCH", so=None, noi_nhan=[]),
        ],
    ),
    "VB502": (
        [CLEAN.but(noi_nhan=["Nơi nhận", "- Bộ Nội vụ;", "- Lưu: VT, VP."])],
        [CLEAN, CLEAN.but(noi_nhan=["Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, VP."])],
    ),
    "VB503": (
        [CLEAN.but(edits=[runs_of("Nơi nhận:", italic=False)]), CLEAN.but(edits=[runs_of("- Bộ Nội vụ;", size=13)])],
        [CLEAN],
    ),
    "VB504": (
        [CLEAN.but(noi_nhan=["Nơi nhận:", "Bộ Nội vụ;", "- Lưu: VT, VP."])],
        [
            CLEAN,
            CLEAN.but(noi_nhan=["Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, VP."]),
            # A note typed under the Lưu line is not an item.
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT, VP.", "Tài liệu tải tại: hop.langson.gov.vn"]),
            # A brace's note typed on a line of its own under an item (corpus 731).
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Văn phòng UBND TP;", "(Để b/cáo)", "- Sở Xây dựng;", "- Lưu: VT, VP."]),
        ],
    ),
    "VB505": (
        [CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."])],
        [
            CLEAN,
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Các sở:", "+ Sở Nội vụ", "+ Sở Tài chính;", "- Lưu: VT, VP."]),
            # A brace's note typed under an item or opened on its line (corpus 731, 611): no item of its own.
            CLEAN.but(
                noi_nhan=[
                    "Nơi nhận:",
                    "- Văn phòng UBND TP;",
                    "(Để b/cáo)",
                    "- Sở Xây dựng; (Để",
                    "- Thường trực HĐND tỉnh; b/cáo)",
                    "- Lưu: VT, VP.",
                ]
            ),
        ],
    ),
    "VB506": (
        [
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VP;"]),
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;"]),
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Lưu: VT, VP.", "- Bộ Nội vụ;"]),
        ],
        [
            CLEAN,
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT, KG-VX (NTB)."]),
            CLEAN.but(noi_nhan=["Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, VP."]),
        ],
    ),
    "VB507": ([CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;", "- Bộ Nội vụ;", "- Lưu: VT, VP."])], [CLEAN]),
    "VB508": (
        [
            CLEAN.but(title="TỜ TRÌNH", so="Số: 05/TTr-SNV", kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"]),
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]),
        ],
        [
            CLEAN,
            CLEAN.but(
                title="TỜ TRÌNH",
                so="Số: 05/TTr-SNV",
                kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"],
                noi_nhan=["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(
                title="GIẤY GIỚI THIỆU", so="Số: 05/GGT-SNV", noi_nhan=["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]
            ),
            CLEAN.but(
                title="TỜ TRÌNH",
                so="Số: 05/TTr-SNV",
                kinh_gui=["Kính gửi: Ủy ban nhân dân tỉnh"],
                noi_nhan=["Nơi nhận:", "- Như Kính gửi;", "- Lưu: VT, VP."],
            ),
        ],
    ),
    "VB408": (
        [CLEAN.but(signature=["PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn An"])],
        [
            CLEAN,
            CLEAN.but(signature=["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn An"]),
            CLEAN.but(signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]),
        ],
    ),
    # VB6xx citations and years
    "VB601": (
        [
            body_with("Căn cứ Nghị định số 91/2017/NQ-CP ngày 31/7/2017 của Chính phủ;"),
            # The Thông tư entries of the table (issue 21 §3: commented out once).
            body_with("Căn cứ Thông tư số 12/2019/NĐ-CP ngày 04/10/2019 của Bộ Nội vụ;"),
            body_with("Căn cứ Thông tư liên tịch số 08/2015/TT-BNV ngày 10/6/2015;"),
        ],
        [
            CLEAN,
            body_with("Theo Báo cáo số 03/TT-PT của Công ty tư vấn; Kế hoạch số 20/KT-MS của nhà thầu."),
            body_with(
                "Căn cứ Nghị quyết số 46/NQ-HĐND ngày 09/12/2020; Chỉ thị số 34-CT/TW ngày 07/4/2014; "
                "Luật số 06/2022/QH15 ngày 15/6/2022."
            ),
            body_with(
                "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04/11/2019; Thông tư liên tịch số 02/2014/TTLT-BNV-BTC "
                "ngày 10/3/2014."
            ),
        ],
    ),
    "VB602": (
        [body_with("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2024 của Chính phủ;")],
        [CLEAN, body_with("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;")],
    ),
    "VB603": (
        [
            body_with("Căn cứ Kế hoạch số 10/KH-UBND ngày 20/3/2025 của UBND tỉnh;"),
            # The day left blank for the văn thư: cited after the month of issue ends.
            BLANK_DAY.but(body=["Căn cứ Kế hoạch số 10/KH-UBND ngày 02/02/2025 của UBND tỉnh;", LAST]),
            # A công văn (no type abbreviation in its symbol) is cited by its date too (corpus 81).
            body_with("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2026 của Bộ Nội vụ;"),
        ],
        [
            CLEAN,
            body_with("Căn cứ Kế hoạch số 10/KH-UBND ngày 02/01/2025 của UBND tỉnh;"),
            body_with("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2024 của Bộ Nội vụ;"),
            # Within the month of issue: the văn thư may date the document after it.
            BLANK_DAY.but(body=["Căn cứ Kế hoạch số 10/KH-UBND ngày 20/01/2025 của UBND tỉnh;", LAST]),
        ],
    ),
    "VB604": (
        [
            body_with("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;"),
            body_with("Căn cứ Luật Thi đua, khen thưởng ngày 26/11/2003;"),
            # A plan of January 2026 with its day left blank: NĐ 98/2023 lapsed after 30/6/2025.
            in_month(1, 2026, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;"),
            # NĐ 30/2020 took effect on 05/3/2020: not yet in February.
            in_month(2, 2020, "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"),
            # "thay thế" elsewhere in the paragraph is no repeal of the cited text.
            in_month(
                1,
                2026,
                "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ, Sở mua sắm thay thế thiết bị.",
            ),
        ],
        [
            CLEAN,
            CLEAN.but(
                date="Lạng Sơn, ngày 05 tháng 01 năm 2021",
                trich_yeu=["Công tác thi đua, khen thưởng năm 2021"],
                body=["Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;", LAST],
            ),
            in_month(1, 2026, "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;"),
            # March 2020 holds days on which NĐ 110/2004 was in force (until 04/3/2020) and days on which NĐ
            # 30/2020 was (from 05/3/2020): the kit cannot tell which day the văn thư will write.
            in_month(3, 2020, "Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08/4/2004 của Chính phủ;"),
            in_month(3, 2020, "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"),
            # The clause that repeals the cited text names it rightly (corpus 205, Decree 30's own Điều 38).
            in_month(
                1,
                2026,
                "Kế hoạch này thay thế Kế hoạch số 10/KH-SNV; Nghị định số 98/2023/NĐ-CP hết hiệu lực kể từ ngày "
                "01/7/2025.",
            ),
            in_month(1, 2026, "Thay thế Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ."),
        ],
    ),
    "VB605": (
        [body_with("Sở Nội vụ xây dựng Kế hoạch công tác thi đua, khen thưởng năm 2024 như sau:")],
        [
            CLEAN,
            body_with(
                "Căn cứ Kế hoạch số 12/KH-UBND ngày 02/01/2025 về công tác thi đua năm 2024;",
                "Xây dựng kế hoạch công tác thi đua, khen thưởng năm 2026.",
            ),
        ],
    ),
    "VB606": (
        [
            body_with("Các phòng đăng ký thi đua trước ngày 20/12/2024."),
            # a record's conclusion sets a new deadline, already past (an independent review, 2026-12-08)
            CLEAN.but(
                so="Số: 05/BB-SNV",
                title="BIÊN BẢN",
                body=["Đề nghị các phòng gửi báo cáo về Văn phòng trước ngày 15/12/2024.", LAST],
            ),
            # Dated in February with its day left blank: a January deadline has passed whatever day is written.
            BLANK_DAY.but(
                date="Lạng Sơn, ngày    tháng 02 năm 2025",
                body=["Các phòng đăng ký thi đua trước ngày 20/01/2025.", LAST],
            ),
        ],
        [
            CLEAN,
            body_with("Các phòng gửi báo cáo trước ngày 05/12/2025; hạn 15/01/2026."),
            # The day of issue is unknown within January: a deadline in January may still follow it.
            BLANK_DAY.but(body=["Các phòng đăng ký thi đua trước ngày 03/01/2025.", LAST]),
            # A report tells what was done by deadlines, and those another text set (corpus 641).
            CLEAN.but(
                so="Số: 05/BC-SNV",
                title="BÁO CÁO",
                body=[
                    "Đơn vị đã hoàn thành việc đo đạc trước ngày 30/09/2024 theo kế hoạch.",
                    "Phòng tham mưu (Công văn số 3441/STNMT-QLĐĐ yêu cầu gửi trước ngày 30/9/2024).",
                    LAST,
                ],
            ),
        ],
    ),
    "VB607": (
        [
            body_with("Sơ kết 6 tháng đầu năm 2024."),
            body_with("Ngày 15 tháng 6 năm 2024: sơ kết phong trào."),
            # Goals and deadlines copied from last year's plan (issue 21 §3).
            body_with("Phấn đấu đến hết năm 2024, 100% hồ sơ được giải quyết đúng hạn."),
            body_with("Chỉ tiêu năm 2024: 100% cơ quan, đơn vị đăng ký thi đua."),
            body_with("Tổng kết phong trào thi đua vào tháng 12/2024."),
            # a milestone in a sentence that names a survey elsewhere is still a milestone
            body_with("Hoàn thành điều tra phổ cập. Tổng kết phong trào thi đua vào tháng 12/2024."),
        ],
        [
            CLEAN,
            body_with("Sơ kết 6 tháng đầu năm 2025; tổng kết năm 2024."),
            # A goal may reach years ahead; last year's results are recalled, not planned.
            body_with("Phấn đấu đến năm 2030, 100% hồ sơ được giải quyết trực tuyến; năm 2024 đạt 85%."),
            body_with("Đánh giá kết quả thực hiện năm 2025 vào tháng 01/2026."),
            # A plan reaching into the next year (an election from 11/2025 to its review in 4/2026, corpus 492).
            body_with("Thời gian thực hiện: từ tháng 11/2025 đến tháng 4/2026.", "Tổng kết vào tháng 4/2026."),
            # When the figures the plan builds on were taken: a past date on purpose.
            body_with("Số trẻ 6 tuổi trên địa bàn qua kết quả điều tra phổ cập tháng 11/2024 là 245 trẻ."),
            # A law is cited by name and date, without number (NĐ 30/2020, Phụ lục I, II.6.a): its date is
            # not a period of the plan.
            body_with(
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 10 tháng 12 năm 2024 của HĐND tỉnh;",
            ),
        ],
    ),
    "VB608": (
        [
            body_with("Căn cứ Quyết định số 18/20202QĐ-UBND ngày 05/3/2020 của UBND tỉnh;"),
            # A Party directive written the state's way (as in a real Tờ trình of Lâm Đồng, corpus 23).
            body_with("Thực hiện Chỉ thị số 36/CT-TW ngày 16/8/2019 của Bộ Chính trị;"),
            # A hyphen for the slash (corpus 77).
            body_with("Căn cứ Đề án số 08-ĐA-TU ngày 30/6/2025 của Ban Thường vụ Tỉnh ủy;"),
            # Spaces inside a cited number and symbol (corpus 202, 52).
            body_with("Căn cứ vào Công văn số 572 /UBND-KGVX của UBND thành phố Hà Nội;"),
            body_with("Căn cứ Hướng dẫn số 2346/HD  -  ĐHM ngày 18 tháng 6 năm 2024 của Trường;"),
        ],
        [
            CLEAN,
            # A number left blank for the văn thư: the spaces are its place.
            body_with("Theo Tờ trình số     /TTr-SNV ngày     tháng 01 năm 2025 của Sở Nội vụ;"),
            body_with("Căn cứ Quyết định số 18/2020/QĐ-UBND ngày 05/3/2020 và Công văn số 1479/BTĐKT-VIII;"),
            body_with("Thực hiện Chỉ thị số 36-CT/TW ngày 16/8/2019 và Kết luận số 132-KL/TW ngày 18/3/2025;"),
        ],
    ),
    "VB611": (
        [
            body_with("Căn cứ Nghị định số 92/2020/NĐ-CP sửa đổi một số điều của nghị định số 37/2014/NĐ-CP;"),  # 481
            body_with("Căn cứ Luật ban hành văn bản quy phạm pháp luật ngày 19/2/2025;"),  # corpus 581, 582
            body_with("Thành phần hội nghị theo khoản 3 điều 39 Luật Bầu cử đại biểu Quốc hội."),  # corpus 611
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Như điều 3;", "- Lưu: VT, VP."]),  # corpus 485
            body_with("Thực hiện theo điều 256a Bộ luật hình sự."),
        ],
        [
            CLEAN,
            body_with("Căn cứ Luật Ban hành văn bản quy phạm pháp luật; khoản 1 Điều 50 Luật Tổ chức Quốc hội;"),
            # a law's subject matter, a lawyer, a decision in general, an article "sửa đổi một số điều"
            body_with("Tuyên truyền pháp luật về đất đai; mời luật sư tư vấn; ra quyết định kịp thời."),
            body_with("Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự; Nghị quyết số 12/NQ-HĐND."),
            # "luật" and "điều" as words (an independent review, 2026-12-08)
            body_with("Chấp hành nội quy, kỷ luật lao động; chấp hành luật an toàn giao thông; xử lý kỷ luật cán bộ."),
            body_with("Công an huyện điều 20 cán bộ, chiến sĩ và 02 xe; Quyết định kỷ luật số 15/QĐ-UBND."),
        ],
    ),
    "VB610": (
        [
            CLEAN.but(
                date="Lạng Sơn, ngày 05 tháng 8 năm 2025",
                noi_nhan=["Nơi nhận:", "- UBND các huyện, thành phố;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(
                date="Lạng Sơn, ngày 05 tháng 8 năm 2025", chu_quan="UBND HUYỆN CAO LỘC", co_quan=["PHÒNG NỘI VỤ"]
            ),
            CLEAN.but(
                date="Lạng Sơn, ngày 05 tháng 8 năm 2025",
                noi_nhan=["Nơi nhận:", "- UBND các xã, thị trấn;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(
                date="Lạng Sơn, ngày    tháng 8 năm 2025",
                noi_nhan=["Nơi nhận:", "- UBND các huyện, thành phố;", "- Lưu: VT, VP."],
            ),
            # The header broken as a clerk breaks it: one name on two lines.
            CLEAN.but(
                date="Cao Bằng, ngày 20 tháng 01 năm 2026",
                chu_quan=None,
                co_quan=["ỦY BAN NHÂN DÂN", "HUYỆN HÒA AN"],
            ),
            # Words held together by no-break spaces.
            CLEAN.but(
                date="Cao Bằng, ngày 20 tháng 01 năm 2026",
                chu_quan="ỦY\u00a0BAN\u00a0NHÂN\u00a0DÂN THỊ\u00a0XÃ QUẢNG\u00a0UYÊN",
            ),
            # A Biên bản has no date line: its meeting's day dates it.
            CLEAN.but(
                chu_quan="UBND HUYỆN HÒA AN",
                co_quan=["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
                body=[
                    "Thời gian bắt đầu: 08 giờ 00, ngày 12 tháng 01 năm 2026.",
                    "Cuộc họp kết thúc lúc 11 giờ cùng ngày/.",
                ],
                noi_nhan=[],
                **BIEN_BAN,
            ),
        ],
        [
            CLEAN,
            CLEAN.but(noi_nhan=["Nơi nhận:", "- UBND các huyện, thành phố;", "- Lưu: VT, VP."]),  # before 7/2025
            CLEAN.but(
                date="Lạng Sơn, ngày 05 tháng 8 năm 2025",
                noi_nhan=["Nơi nhận:", "- UBND các xã, phường;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(  # June 2025, the day left blank: still three tiers
                date="Lạng Sơn, ngày    tháng 6 năm 2025",
                noi_nhan=["Nơi nhận:", "- UBND các huyện, thành phố;", "- Lưu: VT, VP."],
            ),
            CLEAN.but(
                chu_quan="UBND HUYỆN HÒA AN",
                co_quan=["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
                body=[
                    "Thời gian bắt đầu: 08 giờ 00, ngày 12 tháng 6 năm 2025.",
                    "Cuộc họp kết thúc lúc 11 giờ cùng ngày/.",
                ],
                noi_nhan=[],
                **BIEN_BAN,
            ),
            # A commune's header on two lines: no district named.
            CLEAN.but(
                date="Cao Bằng, ngày 20 tháng 01 năm 2026", chu_quan=None, co_quan=["ỦY BAN NHÂN DÂN", "XÃ HÒA AN"]
            ),
        ],
    ),
    "VB609": (
        [
            CLEAN.but(
                so="Số:      /KH-SNV",
                edits=[appendix(["PHỤ LỤC", "(Kèm theo Công văn số      /SNV-VP của Sở Nội vụ)"])],
            )
        ],
        [
            CLEAN,
            CLEAN.but(
                so="Số:      /KH-SNV",
                edits=[appendix(["PHỤ LỤC", "(Kèm theo Kế hoạch số      /KH-SNV của Sở Nội vụ)"])],
            ),
            CLEAN.but(
                edits=[appendix(["PHỤ LỤC", "(Kèm theo Quyết định số 12/QĐ-UBND ngày 02/01/2025 của UBND tỉnh)"])]
            ),
        ],
    ),
    # VB7xx text hygiene
    "VB701": (
        [
            CLEAN.but(body=[*BODY[:-1], "Văn phòng Sở theo dõi, đôn đốc thực hiện."]),
            CLEAN.but(body=[*BODY[:-1], "Văn phòng Sở theo dõi, đôn đốc thực hiện/."]),
            CLEAN.but(body=["Cuộc họp kết thúc lúc 11 giờ cùng ngày/."], noi_nhan=[], **BIEN_BAN),
            # a note in brackets under content that does not end with ./.
            CLEAN.but(body=[*BODY[:-1], "Văn phòng Sở theo dõi, đôn đốc thực hiện.", "(Sở Nội vụ gửi kèm hồ sơ)"]),
        ],
        [
            CLEAN,
            CLEAN.but(edits=[appendix(ANNEX)]),
            # A note in brackets under the content that ends with ./.: the content ended above it.
            CLEAN.but(body=[*BODY, "(Sở Nội vụ gửi kèm hồ sơ đề nghị khen thưởng của các đơn vị)"]),
            # A superior's approval left blank after the signature is not the content's end.
            CLEAN.but(edits=[after_closing(APPROVAL)]),
        ],
    ),
    "VB702": (
        [body_with("Ke\u0302\u0301 hoa\u0323ch na\u0306m")],
        [CLEAN, body_with("Điện trở 5 \u2126 và 10 \u212b.")],
    ),
    "VB703": (
        [
            body_with("Đẩy mạnh  phong trào thi đua."),
            # text typed after the signature is still text
            CLEAN.but(edits=[after_closing(["Ghi chú: các đơn vị gửi  báo cáo trước ngày 15."])]),
            # a run of spaces inside a sentence (corpus 58)
            body_with("Lãnh đạo Ủy ban nhân dân tỉnh bận công tác theo         kế hoạch của Ủy ban."),
        ],
        [
            CLEAN,
            CLEAN.but(so="Số:      /KH-SNV"),
            # blanks left for the văn thư or for a name
            body_with("Ngày      tháng 01 năm 2026, theo Công văn số      của       về việc tổ chức hội nghị."),
            body_with("Thực hiện Kế hoạch số          /KH-SCT ngày      /4/2026."),
            body_with("Ký tên:                              Ngày  /  /2026"),
            body_with("☐  Tán thành    ☐  Không tán thành"),
        ],
    ),
    "VB704": (
        [
            body_with("I. MỤC ĐÍCH , YÊU CẦU"),
            body_with("Thực hiện tốt ; khen thưởng kịp thời."),
            body_with("Camera sau . Độ phân giải cao."),  # corpus 204
            body_with("Theo Nghị định số … .”. Do đó, đề nghị bổ sung."),  # corpus 103
            body_with("Trình độ: Đại học: ……. ; Trên đại học: ……."),  # a blank, then the space (corpus 442)
            body_with("GV hướng dẫn .Yêu cầu học sinh tìm hiểu."),  # corpus 442
            body_with("Hoàn thành trước ngày 30/6 .sau đó báo cáo kết quả."),  # a short word is no extension
            # A tab or three spaces in running text is a slip too (an independent review, 2026-12-08).
            body_with("Phối hợp với Mặt trận Tổ quốc xã   , các đoàn thể thực hiện."),
            body_with("Căn cứ Thông tư số 01/2015/TT-BNV ngày 19/6/2015 \t;"),
            body_with("Số đồng ý: \t\t 19/19\t, chiếm 100 % số thành viên."),  # corpus 52
        ],
        [
            CLEAN,
            body_with("Các hoạt động (văn nghệ, thể thao...) trong cơ quan ./."),
            # A name's own dot, and dots left as a blank to fill in (corpus 204, 208).
            body_with("Phần mềm viết trên nền tảng .NET Core, lưu tệp .docx và .pdf."),
            # A tab or a long run of spaces before the mark: a blank to fill or a column (corpus 208, 451, 551).
            body_with("Sinh viên lớp\t, Khoa/Viện:\t\t\t, Trường Đại học Cần Thơ."),
            body_with("+ Máy vi tính\t\t\t\t\t: 01 bộ", "+ Bàn ghế ngồi đọc cho HS \t\t          : 08 bộ"),
            body_with("Trong đó: + hợp lệ:               ; + không hợp lệ:               ."),
            # Dots spaced out: a leader to fill in (corpus 676).
            body_with("- Khoa/Viện.  .  .  .  .  .  .", "Họ và tên sinh viên: .  .  .  .  .  .  .  ."),
        ],
    ),
    "VB712": (
        [
            body_with("Thời gian dự kiến: 1 ngày ( vào thứ Sáu, ngày 7/5/2021)."),  # corpus 452
            body_with("- Ban Công tác Mặt trận tổ dân phố ( Thực hiện);"),  # corpus 486
            body_with("Cung cấp nước uống cho các đại biểu (nếu có )."),
            body_with("Hội thảo với chủ đề “ Giải pháp phẫu thuật”."),  # corpus 452
        ],
        [
            CLEAN,
            body_with("Thời gian dự kiến: 1 ngày (vào thứ Sáu, ngày 7/5/2021)."),
            # blanks to fill between the brackets, and a bracket after a space
            body_with("Người ký (                    ) và đơn vị (…… ) xác nhận; Hội nghị (lần thứ hai) họp."),
            # straight quotes open and close with the same mark: left alone
            body_with('Chủ đề " Chung sức " và “Đoàn kết”.'),
        ],
    ),
    "VB713": (
        [
            body_with("-Kiểm tra việc tiếp nhận, xử lý đơn thư.", "Các ban thực hiện./."),  # corpus 486
            body_with("–Thầy giáo Trần Văn Hình, Phó Giám đốc.", "Các ban thực hiện./."),
        ],
        [
            CLEAN,
            body_with("- Kiểm tra việc tiếp nhận, xử lý đơn thư.", "-5 % so với năm 2024; mã số A-12./."),
        ],
    ),
    "VB705": (
        [
            body_with("- Các đơn vị thuộc, trực thuộc Sở.."),
            body_with("Kết quả đạt loại tốt .. Năm sau tiếp tục."),
            body_with("Đánh giá tác động đến phát triển kinh tế - xã hội…. Báo cáo trước ngày 15."),  # corpus 90
            body_with("+ Bàn ghế cho cán bộ thư viện: \t\t          : 01 bộ"),  # a label's colon twice (corpus 551)
        ],
        [
            CLEAN,
            body_with("Văn nghệ, thể thao... và các hoạt động khác."),
            body_with("Đại diện: Ông….. và Bà……..", "Địa điểm: ….", "Đại diện: Ông…. và Bà…."),
            body_with("Số: ..3../QĐ-UBND"),  # dots after a space are a blank, not a full stop doubled (corpus 208)
            body_with("Chữ ký của người lập:\t.."),  # dots after a tab: a leader to fill in (corpus 208)
            body_with("Thành phố Hồ Chí Minh, ngày    tháng     năm 20.."),  # the year to fill (corpus 552)
            body_with("Thời gian: 8 giờ 00 : 10 giờ 30; Địa điểm: Hội trường."),  # a colon of a time, once each
            # the end of a leader, a blank after a label (corpus 676, 677)
            body_with("Email: .  .  .  .  .  .  ..", "Lớp: .."),
        ],
    ),
    "VB706": (
        [
            body_with('Chủ đề: “Đoàn kết, sáng tạo" năm 2021.'),
            body_with("Kỷ niệm 190 năm (1831 - 2021."),
            # a quotation left open, the next paragraph closing nothing
            body_with("Xây dựng “Gia đình văn hóa, tổ dân phố văn hóa.", "Các cơ quan phối hợp thực hiện."),
        ],
        [
            CLEAN,
            body_with("a) Chủ đề “Đoàn kết, sáng tạo” (năm 2021)."),
            # A title wrapped by hand over two paragraphs: its quotation closes on the second.
            body_with(
                "Triển khai Dự án 8 “Nâng cao khả năng tiếp cận dịch vụ trợ giúp pháp lý", "trong phòng, chống ma túy”"
            ),
            body_with(
                'Triển khai Dự án 8 "Nâng cao khả năng tiếp cận dịch vụ trợ giúp pháp lý', 'trong phòng, chống ma túy"'
            ),
            # List letters quoted from a law: their ")" opens nothing.
            body_with("Theo quy định tại điểm a, c) khoản 1 và b) khoản 2 Điều 5 (sửa đổi) của Thông tư."),
            body_with('Máy tính bảng màn hình 11" có độ phân giải cao.'),  # the inch mark (corpus 204)
            body_with('Hưởng ứng phong trào "Thi đua năm 2025" trong toàn ngành.'),  # a quote closed after a figure
            # A point's label typed against its level's label (corpus 643).
            body_with("- Mức 1:a) Được thành lập theo quy định.", "- Mức 2.a) Có Hiệu trưởng theo quy định."),
        ],
    ),
    "VB707": (
        [
            body_with("Sở KH&ĐT các tỉnh:Lai Châu,Cao Bằng, Điện Biên."),
            # Two abbreviations in the Lưu line, not one (issue 21 §3: a regression once).
            CLEAN.but(noi_nhan=["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT,CN."]),
            # A khoản's number typed against its text (corpus 122).
            body_with("1.Bảo vệ quyền, lợi ích hợp pháp của hội viên."),
            body_with("II.NỘI DUNG"),
        ],
        [
            CLEAN,
            body_with("Ngày 26/11/2003, lúc 14:30; tỷ lệ 1,5%; xem www.langson.gov.vn."),
            # One abbreviation holding a comma: Văn hóa, Thể thao và Du lịch.
            body_with("Giao Sở VH,TT&DL chủ trì thực hiện."),
            body_with("1.1. Tiểu mục; 2. Khoản.", "V.v. và các hoạt động khác."),
        ],
    ),
    "VB708": (
        [
            body_with("Giao Văn phòng theo dõi việc việc thực hiện."),
            body_with("Việc sắp xếp đơn đơn vị hành chính cấp xã."),  # corpus 82
            body_with("Tăng cường công tác phòng, chống chống ma túy trên địa bàn."),  # corpus 107
            body_with("Các cơ quan đã xây dựng các công trình công trình vệ sinh."),  # two words twice (corpus 482)
            body_with("Ban chấp hành CĐCS Công ty Công ty TNHH Outdoor Park đề nghị."),  # corpus 584
            body_with("Đồng chí Ủy viên Ban Ban chấp hành Đảng bộ xã."),  # corpus 492
        ],
        [
            CLEAN,
            body_with("Người người thi đua, ngày ngày thi đua; phân công công việc; Tỉnh ủy Ủy ban."),
            # the end of one compound and the start of the next ("cán bộ bộ phận", "quản lý lý lịch")
            body_with("Cán bộ bộ phận một cửa quản lý lý lịch của đoàn viên."),
            # The end of a place name, then a word ("Lâm Đồng đồng loạt triển khai").
            body_with("Các xã của tỉnh Lâm Đồng đồng loạt triển khai."),
            # A compound ends with the word that opens the next phrase (corpus 204).
            body_with("Thông tin lưu trữ kèm theo theo quy định; Hội đồng đồng ý đề nghị khen thưởng."),
            # A title and the body it heads (corpus 402), figures repeated in a table-like line.
            body_with("Trưởng ban Ban Cơ yếu Chính phủ, Trưởng ban Ban Tôn giáo Chính phủ."),
            # Titles before the body they head, the verb "ban hành", two columns of one line (a review, 2026-12-08).
            body_with(
                "Ông Nguyễn Văn A, Chánh Văn phòng Văn phòng Đoàn đại biểu Quốc hội; Bí thư chi bộ Chi bộ thôn 3."
            ),
            body_with("Trưởng ban ban hành Quy chế; Phó Trưởng Ban Ban Quản lý các khu công nghiệp; Ủy ban ban hành."),
            body_with("THÀNH VIÊN                    THÀNH VIÊN"),
            body_with("Nhóm 1: 10 20 10 20 người; lần lượt từng người từng người phát biểu."),
        ],
    ),
    "VB710": (
        [
            body_with("Đẩy mạnh thanh toán không dùng tiền mặt. đến nay, tỷ lệ người nhận đạt 80%."),  # corpus 29
            body_with("Đơn vị đã hoàn thành chưa? nếu chưa, báo cáo lý do."),
        ],
        [
            CLEAN,
            # An abbreviation's full stop, a figure, a list after a colon: no sentence starts there.
            body_with("Văn nghệ, thể thao, v.v. các hoạt động khác; tăng 2,5 lần so với năm 2024. 100% xã đạt."),
            body_with("Nội dung cụ thể như sau. a) Tuyên truyền; b) Kiểm tra."),
        ],
    ),
    "VB711": (
        [body_with("Đề án tổ chức Đại hội nhiệm kỳ 2026-2031và các hồ sơ liên quan.")],  # corpus 102
        [
            CLEAN,
            body_with("Diện tích 5ha, dài 10km, giá 100.000đ; nhiệm kỳ 2026-2031 và các hồ sơ liên quan."),
            body_with("Theo Quyết định số 18/2020QĐ-UBND của UBND tỉnh."),  # VB608's finding, not this one
        ],
    ),
    "VB709": (
        [
            body_with("Điểm đánh giá: …………/100 điểm."),
            body_with("Họp vào ngày /5/2025 tại hội trường."),
            body_with("Người đại diện: Ông ................ Kết quả như sau."),  # a long blank before a sentence
            # four dots for a name before a title (an independent review, 2026-12-08)
            body_with("Điều 1. Cử bà.... Chuyên viên Phòng Tổ chức đi công tác."),
            body_with("Trân trọng kính mời ông.... Chủ tịch Hội Nông dân xã dự họp."),
        ],
        [
            CLEAN,
            body_with("Văn nghệ, thể thao... và các hoạt động khác…"),
            # a sentence ended with dots to spare, then the next one (corpus 641)
            body_with("Đã quan trắc, đo mực nước.... Kết quả thống kê đạt yêu cầu."),
            CLEAN.but(so="Số:      /KH-SNV", body=["Điểm đánh giá: …………/100 điểm.", LAST]),
            # An issued plan with its superior's approval left blank for that office's hand, after the signature.
            CLEAN.but(edits=[after_closing(APPROVAL)]),
        ],
    ),
    # VB8xx spelling
    "VB801": (
        [CLEAN.but(chu_quan="UNBD TỈNH LẠNG SƠN"), body_with("Giao DUBND các huyện thực hiện.")],
        [CLEAN, body_with("Đội ngũ CCVC; BCĐTW; UBMTTQ các cấp.")],
    ),
    "VB802": (
        [
            body_with("Trưởng Khởi thi đua các cơ quan Đảng họp."),
            body_with("Đồng chí Trường khối chủ trì."),
            # Real typos of the corpus (13, 21, 50).
            body_with("Đầu tư phát triển hệ thống dich vụ xã hội hỗ trợ người nghiện ma túy."),
            body_with("Hiệp hội Doanh nghiêp tỉnh Bình Thuận."),
            body_with("Bộ Công an nghiên cứu thưc hiện chế độ, chính sách ưu đãi."),
            body_with("Ông Nguyễn Văn An, địa chỉ thưởng trú: xã Bảo Lâm 1."),
            body_with("Tình hình tội phạm về ma túy diễn biến phúc tạp."),  # corpus 74
            body_with("Tiêu chuẩn của người ứng cứ theo quy định tại Điều 3."),  # corpus 486
        ],
        [
            CLEAN,
            body_with("Khối thi đua các cơ quan Đảng; hoà bình; Chiến sỹ thi đua cơ sở; có thi đua."),
            # letters shared with a phrase of the vocabulary without marks, but another phrase
            body_with("Các cá nhân thực hiện đúng quy định; tổ chức ứng cứu kịp thời; biểu diễn hình thể."),
        ],
    ),
    "VB804": (
        [
            body_with("Đóng dấu của Ủy ban Mặt trận tổ quốc Việt nam xã."),  # corpus 488
            body_with("Căn cứ Nghị quyết số 1279/NQ-UBTVQH15 của Ủy ban thường vụ Quốc hội."),  # corpus 583
            body_with("Căn cứ Nghị định số 187/2025/NĐ-CP ngày 01/7/2025 của Chính Phủ."),  # corpus 582
            body_with("Bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng Nhân dân các cấp."),  # corpus 490
        ],
        [
            CLEAN,
            body_with("Xây dựng chính phủ điện tử, nhà nước pháp quyền; Ủy ban Thường vụ Quốc hội; Mặt trận Tổ quốc."),
            # a heading in capitals, and the tone placed the old way ("Uỷ ban")
            body_with("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "Uỷ ban Thường vụ Quốc hội và Ủy ban nhân dân tỉnh."),
        ],
    ),
    "VB803": (
        [
            # Real typos of the corpus (101, 103, 86): a stop-final syllable without its sắc or nặng tone.
            body_with("Sở Tư pháp có văn bản gửi Sở Nội vụ về viêc có ý kiến đối với hồ sơ."),
            body_with("+ Luât sư Nguyễn Thanh Huy (phụ trách khu vực Đắk Nông cũ);"),
            body_with("Công tác quản lý sau cai nghiện còn găp một số khó khăn."),
            CLEAN.but(chu_quan="ỦY BAN NHÂN DÂN TỈNH LAM ĐỒNG", co_quan=["SỞ NỘI VỤ", "PHÒNG QUẢN LÝ VIÊC LÀM"]),
        ],
        [
            CLEAN,
            # Foreign words and names without Vietnamese marks; stop-final syllables with sắc or nặng.
            body_with("Kết nối Internet, Robot và Chat GPT; Tết Nguyên đán; Đắk Lắk; Buôn Ma Thuột; Bảo Lộc."),
            # a typo VB802 already names is not named twice
            body_with("Hiệp hội Doanh nghiêp tỉnh Bình Thuận."),
        ],
    ),
    # VB9xx award substance: what Điều 1 grants, against who issues the decision (award-law data)
    "VB901": (
        [
            # issue 20: the Giám đốc Sở Y tế "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
            DECISION.but(
                co_quan=["SỞ Y TẾ"],
                so="Số: 245/QĐ-SYT",
                trich_yeu=["Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"],
                body=_decision_body(
                    "GIÁM ĐỐC SỞ Y TẾ",
                    "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân đã có thành tích "
                    "xuất sắc trong thực hiện nhiệm vụ năm 2025 (có danh sách kèm theo).",
                ),
            ),
            # the reverse: the Chủ tịch recognises a Sở's Chiến sĩ thi đua cơ sở (its Giám đốc decides it)
            DECISION.but(
                chu_quan=None,
                co_quan=["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"],
                so="Số: 1520/QĐ-UBND",
                trich_yeu=["Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở"],
                body=_decision_body(
                    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
                    "Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 01 cá nhân thuộc Sở Nội vụ đã có "
                    "thành tích xuất sắc năm 2025 (có danh sách kèm theo).",
                ),
                signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Văn Sơn"],
            ),
        ],
        [
            CLEAN,
            DECISION,
            DECISION.but(
                chu_quan=None,
                co_quan=["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"],
                so="Số: 1520/QĐ-UBND",
                trich_yeu=["Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"],
                body=_decision_body(
                    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
                    "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 04 cá nhân và 01 tập thể thuộc "
                    "Sở Nội vụ đã có thành tích xuất sắc năm 2025 (có danh sách kèm theo).",
                ),
                signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Văn Sơn"],
            ),
            # an issuer the award-law data does not know: the rule cannot tell, and says nothing
            DECISION.but(
                co_quan=["CÔNG TY TNHH MỘT THÀNH VIÊN XỔ SỐ KIẾN THIẾT"],
                so="Số: 12/QĐ-XSKT",
                body=_decision_body(
                    "TỔNG GIÁM ĐỐC CÔNG TY",
                    "Điều 1. Tặng Giấy khen cho 02 cá nhân đã có thành tích xuất sắc năm 2025.",
                ),
            ),
        ],
    ),
}
