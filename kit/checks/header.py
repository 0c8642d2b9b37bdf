"""VB2xx — the header block: Quốc hiệu, Tiêu ngữ, issuer, Số/ký hiệu, địa danh and date line.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.1–II.4 (ô 1–4) and Phụ lục III (viết tắt
tên loại văn bản; Mẫu 1.9: a Biên bản has no date line).
"""

from __future__ import annotations

import re

from ..docmodel.document import CONG_VAN, DOCUMENT_TYPES, INTERNAL_FORMS, Document, canon
from ..vn import upper
from ._util import DATE_IN_TEXT, format_problems, make_date
from .context import CheckContext
from .findings import Location, Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Phần đầu (Quốc hiệu, tên cơ quan, số và ký hiệu, địa danh và ngày) là căn cứ để văn thư đăng ký, người nhận tra cứu và xác định văn bản do ai ban hành, khi nào."

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
_ABBREVIATIONS = {abbreviation for _, abbreviation in DOCUMENT_TYPES.values()}
# A legal normative document carries its year: "Số: 11/2024/QĐ-UBND" (Decree 30, Điều 4.2.a leaves its
# form to the Law on legal normative documents).
_SO_SHAPE = re.compile(r"^Số:\s?(\d+|\s*)\s*(?:/\s*\d{4}\s*)?/\s*([A-Za-zĐđ0-9&]+(?:-[A-Za-zĐđ0-9&.]+)*)$")
_SO_STRICT = re.compile(r"^Số: (\d{2,}|\s{2,})(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ0-9&][A-Za-zĐđ0-9&.]*)+$")
# Công văn has no type abbreviation; "CV" is the one staff invent.
_CONG_VAN_WRONG = _ABBREVIATIONS | {"CV"}
# Matched on the line with runs of spaces folded to one, so a blank day reads "ngày tháng 01".
_DATE_SHAPE = re.compile(
    # A space between every word and number ("tháng 4năm 2025" is wrong); a day, month or year left blank to be
    # filled at signing — dots, an ellipsis or underscores, against the word or after a space — is allowed.
    r"^(?P<place>[^,]+), ngày(?P<day>(?: \d{1,2}| ?[….…_]+)?) tháng(?P<month>(?: \d{1,2}| ?[….…_]+)?)"
    r" năm(?P<year> \d{4}| ?(?:20)?[….…_]+)$"
)
_SOURCE = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II"


def _needs_header(doc: Document) -> bool:
    """The parts an issued document must have are asked of it (not of a text attached to another, nor of a
    working paper without any header)."""
    return doc.recognised and doc.standalone


def _fixed_line(doc: Document, report, p, name: str, expected: str, correct: bool, place: str, hint: str) -> None:
    """A line whose words the decree fixes: missing, or written otherwise."""
    if p is None:
        if _needs_header(doc):
            report(Location("header"), f"Thiếu {name}", f"ghi “{expected}” {place}")
    elif not correct:
        report(p, f"{name} viết là “{p.stripped}”", f"ghi đúng “{expected}”{hint}")


@rule(
    "VB201",
    "quoc-hieu",
    Severity.ERROR,
    _SOURCE + ".1.a",
    wrong="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM",
    right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
)
def quoc_hieu(doc: Document, report) -> None:
    """Quốc hiệu viết đúng “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, chữ in hoa."""
    p = doc.quoc_hieu
    correct = p is not None and canon(p.stripped) == QUOC_HIEU and p.stripped == upper(p.stripped)
    _fixed_line(doc, report, p, "Quốc hiệu", QUOC_HIEU, correct, "ở góc phải, trên cùng trang 1", ", chữ in hoa")


@rule(
    "VB202",
    "quoc-hieu-format",
    Severity.WARNING,
    _SOURCE + ".1.a",
    wrong="Quốc hiệu cỡ 14, không đậm",
    right="Quốc hiệu cỡ 13, đậm",
)
def quoc_hieu_format(doc: Document, report) -> None:
    """Quốc hiệu cỡ 12–13, đứng, đậm."""
    if doc.quoc_hieu is not None and (problems := format_problems(doc.quoc_hieu, (12, 13))):
        report(doc.quoc_hieu, "Quốc hiệu " + ", ".join(problems), "đặt cỡ 12–13, chữ đứng, đậm")


@rule(
    "VB203",
    "tieu-ngu",
    Severity.ERROR,
    _SOURCE + ".1.b",
    wrong="Độc lập – Tự do – Hạnh phúc (gạch dài), ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    right="Độc lập - Tự do - Hạnh phúc",
)
def tieu_ngu(doc: Document, report) -> None:
    """Tiêu ngữ viết đúng “Độc lập - Tự do - Hạnh phúc” (viết hoa chữ đầu mỗi cụm, gạch nối có cách chữ)."""
    p = doc.tieu_ngu
    correct = p is not None and re.sub(r"\s+", " ", p.stripped) == TIEU_NGU
    _fixed_line(doc, report, p, "Tiêu ngữ", TIEU_NGU, correct, "dưới Quốc hiệu", ", gạch nối có dấu cách hai bên")


@rule(
    "VB204", "tieu-ngu-format", Severity.WARNING, _SOURCE + ".1.b", wrong="Tiêu ngữ cỡ 12", right="Tiêu ngữ cỡ 14, đậm"
)
def tieu_ngu_format(doc: Document, report) -> None:
    """Tiêu ngữ cỡ 13–14, đứng, đậm."""
    if doc.tieu_ngu is not None and (problems := format_problems(doc.tieu_ngu, (13, 14))):
        report(doc.tieu_ngu, "Tiêu ngữ " + ", ".join(problems), "đặt cỡ 13–14, chữ đứng, đậm")


@rule(
    "VB217",
    "tieu-ngu-own-line",
    Severity.WARNING,
    _SOURCE + ".1 (Tiêu ngữ ở dòng thứ hai, dưới Quốc hiệu)",
    wrong="“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc” gõ liền một đoạn",
    right="Quốc hiệu một dòng; Enter (hoặc Shift+Enter); Tiêu ngữ dòng dưới",
)
def tieu_ngu_own_line(doc: Document, report) -> None:
    """Tiêu ngữ là một dòng riêng dưới Quốc hiệu, không gõ tiếp sau Quốc hiệu trong cùng một đoạn."""
    if doc.quoc_hieu_joined and doc.tieu_ngu is not None:
        report(
            doc.tieu_ngu,
            "Quốc hiệu và Tiêu ngữ gõ liền một đoạn, cách nhau bằng dấu cách: chỗ xuống dòng tùy độ rộng ô",
            "xuống dòng (Enter hoặc Shift+Enter) sau “VIỆT NAM” rồi gõ Tiêu ngữ",
        )


@rule(
    "VB219",
    "title-format",
    Severity.WARNING,
    _SOURCE + ".5 (tên loại in hoa, cỡ 13–14, đứng, đậm; trích yếu cỡ 14, đứng, đậm)",
    wrong="KẾ HOẠCH cỡ 15; trích yếu “Công tác thi đua, khen thưởng năm 2025” không đậm",
    right="KẾ HOẠCH cỡ 14, đậm; trích yếu cỡ 14, đứng, đậm",
)
def title_format(doc: Document, report) -> None:
    """Tên loại văn bản cỡ 13–14, đứng, đậm; trích yếu nội dung cỡ 14, đứng, đậm."""
    if not _needs_header(doc) or doc.title is None or doc.doc_type in INTERNAL_FORMS:
        return  # a working paper whose first line is its title (an agenda), a form
    if doc.doc_type == "bao_cao_thanh_tich":
        return
    if problems := format_problems(doc.title, (13, 14)):
        report(doc.title, f"Tên loại “{doc.title.stripped}” " + ", ".join(problems), "đặt cỡ 13–14, chữ đứng, đậm")
    # A note in brackets under the title ("(Kèm theo Quyết định số … / của Chủ tịch …)", "(Dự thảo)"), on one
    # line or several, is no trích yếu.
    lines, depth = [], 0
    for p in doc.trich_yeu:
        if p is doc.title or not p.stripped:
            continue
        if depth == 0 and not p.stripped.startswith("("):
            lines.append(p)
        depth = max(0, depth + p.stripped.count("(") - p.stripped.count(")"))
    wrong = [(p, problems) for p in lines if (problems := format_problems(p, (13, 14)))]
    if wrong:
        p, problems = wrong[0]
        report(p, "Trích yếu " + ", ".join(problems), "đặt cỡ 14, chữ đứng, đậm")


# The enacting word a decision or a resolution puts between its căn cứ and its articles (Phụ lục III, Mẫu 1.1,
# 1.2, 1.4: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"), written without its colon.
_ENACTING = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ)$")


@rule(
    "VB218",
    "enacting-word-colon",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.1, 1.2, 1.4 (“QUYẾT ĐỊNH:”, “QUYẾT NGHỊ:” trước Điều 1)",
    wrong="QUYẾT ĐỊNH (trước Điều 1, không có dấu hai chấm)",
    right="QUYẾT ĐỊNH:",
)
def enacting_word_colon(doc: Document, report) -> None:
    """Chữ “QUYẾT ĐỊNH:” (“QUYẾT NGHỊ:”) trước Điều 1 của quyết định, nghị quyết có dấu hai chấm."""
    if doc.doc_type not in ("quyet_dinh", "nghi_quyet"):
        return
    body = [p for p in doc.body if p.stripped and not p.in_table]
    for p, following in zip(body, body[1:]):
        if _ENACTING.match(canon(p.stripped)) and following.stripped.startswith("Điều 1"):
            word = p.stripped.strip()
            report(p, f"“{word}” trước Điều 1 thiếu dấu hai chấm", f"ghi “{word}:”")
            return


@rule(
    "VB205",
    "issuer-upper-case",
    Severity.ERROR,
    _SOURCE + ".2",
    wrong="Sở Nội vụ (chữ thường); không có tên cơ quan ban hành",
    right="SỞ NỘI VỤ",
)
def issuer_upper(doc: Document, report) -> None:
    """Có tên cơ quan ban hành, viết chữ in hoa (cả tên cơ quan chủ quản nếu có)."""
    if not doc.issuer and _needs_header(doc):
        report(
            Location("header"),
            "Thiếu tên cơ quan ban hành văn bản",
            "ghi tên cơ quan ban hành (in hoa, đậm) ở góc trái, trên cùng trang 1",
        )
    for p in doc.issuer:
        if p.stripped != upper(p.stripped):
            report(p, f"Tên cơ quan “{p.stripped}” không viết in hoa", f"ghi “{upper(p.stripped)}”")


@rule(
    "VB206",
    "issuer-format",
    Severity.WARNING,
    _SOURCE + ".2",
    wrong="UBND TỈNH LẠNG SƠN đậm trên SỞ NỘI VỤ không đậm",
    right="UBND TỈNH LẠNG SƠN (đứng) trên SỞ NỘI VỤ (đậm), cỡ 13",
)
def issuer_format(doc: Document, report) -> None:
    """Tên cơ quan cỡ 12–13; tên cơ quan ban hành đậm, tên cơ quan chủ quản không đậm."""
    lines = doc.issuer
    if not lines:
        return
    for p in lines:
        if any(not 12 <= size <= 13 for size in p.sizes):
            report(p, f"Tên cơ quan cỡ {', '.join(f'{s:g}' for s in sorted(p.sizes))}", "đặt cỡ 12–13")
    if not lines[-1].bold:
        report(lines[-1], "Tên cơ quan ban hành không in đậm", "đặt chữ đậm cho tên cơ quan ban hành")
    if len(lines) > 1 and lines[0].bold and not all(p.bold for p in lines[1:]):
        # Bold above plain: the chủ quản is bold (a wrapped issuer name is bold on every line).
        report(lines[0], "Tên cơ quan chủ quản in đậm", "tên cơ quan chủ quản để chữ đứng, không đậm")


@rule(
    "VB207",
    "so-ky-hieu-shape",
    Severity.ERROR,
    _SOURCE + ".3",
    wrong="Số: 301 /KH-SNV; Số 12/KH-SNV; Số: 12/KH - SNV",
    right="Số: 301/KH-SNV; Số: 11/2024/QĐ-UBND (văn bản quy phạm pháp luật)",
)
def so_shape(doc: Document, report) -> None:
    """Số, ký hiệu viết dạng “Số: 05/KH-SKHĐT”: “Số:”, số, “/”, ký hiệu nối bằng “-”, không có dấu cách."""
    p = doc.so_line
    if p is None:
        if _needs_header(doc) and doc.doc_type != "bao_cao_thanh_tich" and doc.doc_type not in INTERNAL_FORMS:
            # A giấy mời has a number in the decree's own model (Mẫu 1.7), but practice varies: a warning.
            report(
                Location("header"),
                "Thiếu số, ký hiệu văn bản",
                "ghi “Số:      /KH-…” dưới tên cơ quan ban hành",
                at_most=Severity.WARNING if doc.doc_type == "giay_moi" else None,
            )
        return
    text = p.stripped
    # How many spaces follow "Số:" before the figures is no part of the number's shape (two spaces typed
    # there look like one on paper); dots left for the number ("Số: ......./QĐ-HCCV", "Số:…………./BC-CNTT") are the
    # blank the văn thư fills, as spaces are (VB209 says it is not yet numbered).
    shape = re.sub(r"^Số:[ \u00a0]+(?=\d)", "Số: ", text)
    if _SO_STRICT.match(re.sub(r"^Số:[ \u00a0]*[.…]+[ \u00a0]*(?=/)", "Số:      ", shape)):
        return
    match = _SO_SHAPE.match(text)
    if match is None:
        report(
            p,
            f"Số, ký hiệu “{text}” không đúng dạng",
            "ghi dạng “Số: 05/KH-UBND” (số/viết tắt tên loại-viết tắt cơ quan)",
        )
        return
    number, symbol = match.group(1).strip(), match.group(2)
    fixed = f"Số: {number}/{symbol}" if number else f"Số:      /{symbol}"
    if number and len(number) < 2:
        return  # the leading zero is VB208's
    report(p, f"Số, ký hiệu “{text}” có dấu cách thừa hoặc thiếu dấu hai chấm", f"ghi “{fixed}”")


@rule("VB208", "so-leading-zero", Severity.ERROR, _SOURCE + ".3.c", wrong="Số: 5/KH-SNV", right="Số: 05/KH-SNV")
def so_leading_zero(doc: Document, report) -> None:
    """Số văn bản nhỏ hơn 10 ghi thêm số 0 phía trước (05, không phải 5)."""
    p = doc.so_line
    if p is None:
        return
    match = re.match(r"^Số\s*:?\s*(\d+)\s*/", p.stripped)
    if match and len(match.group(1)) == 1:
        report(
            p,
            f"Số {match.group(1)} thiếu số 0 phía trước",
            f"ghi “{p.stripped.replace(match.group(1) + '/', '0' + match.group(1) + '/', 1).replace(' /', '/')}”",
        )


def _number_blank(doc: Document) -> bool:
    return doc.number_blank


@rule(
    "VB209",
    "so-blank",
    Severity.INFO,
    _SOURCE + ".3",
    wrong="Số:      /KH-SNV … Lạng Sơn, ngày      tháng 01 năm 2025 (bản trình ký)",
    right="Số: 05/KH-SNV … Lạng Sơn, ngày 05 tháng 01 năm 2025 (bản đã ban hành)",
)
def so_blank(doc: Document, report, context: CheckContext) -> None:
    """Văn bản chưa cấp số (và ngày): bản trình ký, văn thư ghi sau khi ký — một lưu ý, không phải lỗi.

    Silent with `kit check --draft`.
    """
    if context.draft:
        return
    date_line, match = _date_parts(doc)
    date_blank = match is not None and not all(part.isdigit() for part in _day_month_year(match))
    if doc.so_line is None and date_blank:
        # A document without a number (a Báo cáo thành tích) dated at signing: the same notice, at its date.
        report(
            date_line,
            "Văn bản chưa ghi ngày ban hành",
            "ghi ngày khi văn bản được ký",
        )
        return
    if not _number_blank(doc):
        return
    report(
        doc.so_line,
        "Văn bản chưa cấp số" + (" và ngày ban hành" if date_blank else ""),
        "văn thư ghi số và ngày sau khi văn bản được ký",
    )


@rule(
    "VB210",
    "type-abbreviation",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục III; Phụ lục I, Mục II.3.b",
    wrong="Tờ trình “Số: 05/KH-SNV”; công văn “Số: 23/CV-BTĐKT”",
    right="Tờ trình “Số: 05/TTr-SNV”; công văn “Số: 23/BTĐKT-VP”",
)
def type_abbreviation(doc: Document, report) -> None:
    """Ký hiệu mở đầu bằng chữ viết tắt đúng của tên loại (KH, TTr, BC, QyĐ…); công văn thì không."""
    p = doc.so_line
    if p is None:
        return
    match = re.search(r"/\s*(?:\d{4}\s*/\s*)?([A-Za-zĐđ0-9&]+)", p.stripped)
    if match is None:
        return
    first = match.group(1)
    if doc.doc_type == CONG_VAN:
        if first in _CONG_VAN_WRONG:
            report(
                p,
                f"Công văn mà ký hiệu bắt đầu bằng “{first}” (chữ viết tắt của một tên loại)",
                "ký hiệu công văn gồm viết tắt tên cơ quan và đơn vị soạn thảo, ví dụ “Số: 12/UBND-VX”",
            )
        return
    if doc.type_name is None:
        return
    expected = DOCUMENT_TYPES[doc.type_name][1]
    if expected and first != expected:
        report(
            p,
            f"Ký hiệu bắt đầu bằng “{first}” nhưng văn bản là {doc.type_name}",
            f"dùng “{expected}” (Phụ lục III), ví dụ “/{expected}-…”",
        )


def _day_month_year(match: re.Match) -> tuple[str, str, str]:
    """The day, month and year of a date line as typed ("05", "01", "2025"; a blank one as its dots)."""
    return match.group("day").strip(), match.group("month").strip(), (match.group("year") or "").strip()


def _date_parts(doc: Document):
    p = doc.date_line
    if p is None:
        return None, None
    return p, _DATE_SHAPE.match(re.sub(r"\s+", " ", p.stripped))


@rule(
    "VB211",
    "date-line-shape",
    Severity.ERROR,
    _SOURCE + ".4",
    wrong="Lạng Sơn ngày 05 tháng 01 năm 2025 (thiếu dấu phẩy)",
    right="Lạng Sơn, ngày 05 tháng 01 năm 2025",
)
def date_shape(doc: Document, report) -> None:
    """Địa danh và thời gian viết dạng “Lạng Sơn, ngày 05 tháng 01 năm 2021”."""
    p, match = _date_parts(doc)
    if p is None:
        so_line = doc.so_line
        if so_line is not None and DATE_IN_TEXT.search(so_line.stripped):
            report(
                so_line,
                "Địa danh, ngày tháng gõ cùng đoạn với số, ký hiệu",
                "tách địa danh và ngày tháng thành một đoạn riêng ở ô bên phải, cùng hàng với số, ký hiệu "
                "(dưới Tiêu ngữ)",
            )
            return
        if _needs_header(doc) and doc.doc_type != "bien_ban" and doc.doc_type not in INTERNAL_FORMS:
            report(
                Location("header"),
                "Thiếu địa danh và ngày tháng ban hành",
                "ghi “<Địa danh>, ngày … tháng … năm …” dưới Tiêu ngữ, cùng hàng với số, ký hiệu",
            )
        return
    if match is None:
        report(
            p,
            f"Dòng địa danh, ngày tháng “{p.stripped}” không đúng dạng",
            "ghi “<Địa danh>, ngày 05 tháng 01 năm 2021” (có dấu phẩy sau địa danh, ngày tháng năm bằng chữ số)",
        )
    elif not match.group("place")[:1].isupper():
        report(p, f"Địa danh “{match.group('place')}” không viết hoa chữ đầu", "viết hoa chữ cái đầu của địa danh")


@rule(
    "VB212",
    "date-leading-zero",
    Severity.ERROR,
    _SOURCE + ".4.b",
    wrong="Lạng Sơn, ngày 5 tháng 1 năm 2025; tháng 03",
    right="Lạng Sơn, ngày 05 tháng 01 năm 2025; tháng 3",
)
def date_leading_zero(doc: Document, report) -> None:
    """Ngày dưới 10 và tháng 1, 2 thêm số 0 phía trước; tháng 3–12 không thêm."""
    p, match = _date_parts(doc)
    if match is None:
        return
    day, month, _ = _day_month_year(match)
    wrong = []
    if day.isdigit() and int(day) < 10 and len(day) == 1:
        wrong.append(f"ngày {day} → {int(day):02d}")
    if month.isdigit():
        value = int(month)
        if value < 3 and len(month) == 1:
            wrong.append(f"tháng {month} → {value:02d}")
        elif value >= 3 and month.startswith("0"):
            wrong.append(f"tháng {month} → {value}")
    if wrong:
        report(
            p,
            "Ngày tháng ghi sai số 0: " + "; ".join(wrong),
            "ngày dưới 10 và tháng 1, 2 có số 0 phía trước (05, 01, 02); tháng 3 đến 12 không có",
        )


@rule(
    "VB213",
    "date-real",
    Severity.ERROR,
    _SOURCE + ".4.b",
    wrong="Lạng Sơn, ngày 31 tháng 02 năm 2025",
    right="Lạng Sơn, ngày 28 tháng 02 năm 2025",
)
def date_real(doc: Document, report) -> None:
    """Ngày ban hành là một ngày có thật."""
    p, match = _date_parts(doc)
    if match is None:
        return
    day, month, year = _day_month_year(match)
    if day.isdigit() and month.isdigit() and year.isdigit() and make_date(day, month, year) is None:
        report(p, f"Không có ngày {day} tháng {month} năm {year}", "sửa lại ngày tháng ban hành")


@rule(
    "VB214",
    "date-blank",
    Severity.WARNING,
    _SOURCE + ".4",
    wrong="Số: 05/KH-SNV … Lạng Sơn, ngày      tháng 01 năm 2025",
    right="Số: 05/KH-SNV … Lạng Sơn, ngày 05 tháng 01 năm 2025",
)
def date_blank(doc: Document, report) -> None:
    """Ngày hoặc tháng ban hành còn để trống trong khi số đã cấp (số và ngày cùng trống là lưu ý VB209)."""
    p, match = _date_parts(doc)
    if match is None or doc.so_line is None or _number_blank(doc):
        return  # no number given yet: VB209's notice
    if not all(part.isdigit() for part in _day_month_year(match)):
        report(p, "Ngày hoặc tháng ban hành còn để trống", "ghi ngày tháng khi văn bản được ký")


@rule(
    "VB215",
    "header-lines-format",
    Severity.WARNING,
    _SOURCE + ".3–4",
    wrong="Số, ký hiệu cỡ 12 hoặc nghiêng; dòng ngày tháng chữ đứng",
    right="Số, ký hiệu cỡ 13, đứng; dòng ngày tháng cỡ 14, nghiêng",
)
def header_format(doc: Document, report) -> None:
    """Số, ký hiệu cỡ 13, đứng (II.3.c); địa danh và ngày tháng cỡ 13–14, nghiêng (II.4)."""
    so = doc.so_line
    if so is not None and (so.italic or any(size != 13 for size in so.sizes)):
        report(so, "Số, ký hiệu không phải cỡ 13, chữ đứng", "đặt cỡ 13, chữ đứng")
    date = doc.date_line
    if date is not None and (not date.italic or any(not 13 <= size <= 14 for size in date.sizes)):
        report(date, "Dòng địa danh, ngày tháng không phải cỡ 13–14, chữ nghiêng", "đặt cỡ 13–14, chữ nghiêng")


# A name a document gives itself where the tên loại stands: a short line in capitals, bold and centred, under
# the header ("THƯ MỜI KÝ KẾT HỢP ĐỒNG", "DỰ TOÁN", "PHIẾU GIAO VIỆC"). It is a tên loại the decree does not list,
# not a missing one.
_TITLE_LINES_READ = 30
_TITLE_LONGEST = 80


def _own_title(doc: Document):
    """The first bold, centred line in capitals below the Quốc hiệu that is no other part of the header, above the
    first line of prose (never the signer's title)."""
    quoc_hieu = doc.quoc_hieu
    if quoc_hieu is None:
        return None
    known = {id(p) for p in (quoc_hieu, doc.tieu_ngu, doc.so_line, doc.date_line, *doc.issuer, *doc.kinh_gui) if p}
    below = [p for p in doc.paragraphs[quoc_hieu.index : quoc_hieu.index + _TITLE_LINES_READ * 3] if p.stripped]
    for p in below[:_TITLE_LINES_READ]:
        text = p.stripped
        if id(p) in known or p.in_table:
            continue  # the header's parts and its table; a table of the body holds no title
        if p.region in ("signature", "noi_nhan") or text != upper(text) or len(text) > _TITLE_LONGEST:
            return None  # the first line of prose, or the closing: the title stands above them
        if p.fmt.alignment == "center" and p.bold and re.search(r"[A-ZĐÀ-Ỹ]{2}", text):
            return p
    return None


@rule(
    "VB216",
    "ten-loai-missing",
    Severity.ERROR,
    _SOURCE + ".5",
    wrong="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM … (không có tên loại, không có “V/v”)",
    right="KẾ HOẠCH / Công tác thi đua, khen thưởng năm 2025",
)
def ten_loai_missing(doc: Document, report) -> None:
    """Văn bản có Quốc hiệu thì có tên loại (KẾ HOẠCH, TỜ TRÌNH…) hoặc, với công văn, trích yếu “V/v …”."""
    if doc.doc_type is None and doc.quoc_hieu is not None and _own_title(doc) is None:
        report(
            Location("title"),
            "Không thấy tên loại văn bản (hoặc trích yếu “V/v …” của công văn)",
            "ghi tên loại in hoa, đậm, giữa trang dưới phần đầu (ví dụ KẾ HOẠCH), hoặc “V/v …” dưới số của công văn",
        )
