"""VB4xx — the signature block: thẩm quyền, chức vụ, họ tên.

Source: Decree 30/2020/NĐ-CP, Điều 13 (thẩm quyền ký: TM., KT., TL., TUQ., Q.) and Phụ lục I, Phần I,
Mục II.7 (ô 7a–7c: chức vụ in hoa đậm 13–14; họ tên đậm, không ghi học hàm, học vị); Phụ lục III,
Mẫu 1.9 (Biên bản: THƯ KÝ và CHỦ TỌA).
"""

from __future__ import annotations

import re

from ..conventions import signer_name_problem
from ..docmodel.document import INTERNAL_FORMS, Document, Paragraph
from ..docmodel.regions import is_role_caption
from ..vn import SURNAMES, upper
from ._util import format_problems
from .context import CheckContext
from .findings import Location, Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Thẩm quyền ký, chức vụ và họ tên người ký cho biết ai chịu trách nhiệm về văn bản; ghi sai là sai thẩm quyền."

_SOURCE = "NĐ 30/2020/NĐ-CP, Điều 13; Phụ lục I, Phần I, Mục II.7"
_PREFIX = re.compile(r"^(K\s*/\s*T|T\s*/\s*M|T\s*/\s*L|KT|TM|TL|TUQ|Q)(\s*)([./]?)(\s*)([A-ZĐÀ-Ỹ].*)$")
_COLLECTIVE = (
    "ỦY BAN",
    "UỶ BAN",
    "HỘI ĐỒNG",
    "BAN ",
    "TIỂU BAN",
    "ĐẢNG",
    "THƯỜNG TRỰC",
    "CHÍNH PHỦ",
    "TẬP THỂ",
    "ĐOÀN",
    "BỘ CHÍNH TRỊ",
    "LIÊN",
    "TỔ ",
    "HỘI NGHỊ",
    "CÔNG ĐOÀN",
)


def _title_lines(doc: Document) -> list[Paragraph]:
    return [
        p
        for p in doc.signature
        if (p.stripped == upper(p.stripped) and not _name_in_capitals(doc, p)) or is_role_caption(p.stripped)
    ]


def _name_lines(doc: Document) -> list[Paragraph]:
    # A line in brackets — "(Đã ký)", "[ (Đã ký)", "(ký, đóng dấu)" — stands for the signature and seal: no name.
    return [
        p
        for p in doc.signature
        if (p.stripped != upper(p.stripped) or _name_in_capitals(doc, p))
        and not p.stripped.lstrip("[ ").startswith("(")
        and not is_role_caption(p.stripped)
    ]


def _name_in_capitals(doc: Document, p: Paragraph) -> bool:
    """The signature's last line, a name typed all in capitals ("HOÀNG VĂN HÀ") under its titles: two to five
    words, the first a family name."""
    words = p.stripped.split()
    return (
        p is doc.signature[-1]
        and len(doc.signature) > 1
        and 2 <= len(words) <= 5
        and words[0] in SURNAMES
        and all(word.isalpha() and word not in _TITLE_WORDS for word in words)
        and not any(phrase in p.stripped for phrase in _TITLE_PHRASES)
    )


# Signers' titles, a closed list: "ĐOÀN CHỦ TỊCH" (Đoàn is also a family name) is a title. Only words no given
# name is (Thư, Đại, Đồng, Nhân are names too: "NGUYỄN THỊ ANH THƯ"), and phrases of two words.
_TITLE_WORDS = frozenset({"CHỦ", "GIÁM", "TRƯỞNG", "PHÓ", "NGƯỜI", "ỦY", "UỶ"})
_TITLE_PHRASES = ("THƯ KÝ", "BÍ THƯ", "ĐẠI DIỆN", "KẾ TOÁN", "THỦ TƯỚNG", "CHÁNH VĂN PHÒNG", "QUẢN LÝ", "ĐOÀN VIÊN")


@rule(
    "VB401", "authority-prefix", Severity.ERROR, _SOURCE + ".b", wrong="KT GIÁM ĐỐC; K/T GIÁM ĐỐC", right="KT. GIÁM ĐỐC"
)
def authority_prefix(doc: Document, report) -> None:
    """Thẩm quyền ký viết đúng TM., KT., TL., TUQ. hoặc Q. (chữ in hoa, có dấu chấm)."""
    for p in _title_lines(doc):
        match = _PREFIX.match(p.stripped)
        if not match:
            continue
        letters = re.sub(r"[\s/]", "", match.group(1))
        before, dot, after, rest = match.group(2), match.group(3), match.group(4), match.group(5)
        if not before and not dot and not after:
            continue  # a word that starts with these letters ("TỔ TRƯỞNG"), not a prefix
        if dot != "." or "/" in match.group(1) or before or after != " ":
            report(p, f"Thẩm quyền ký viết “{p.stripped}”", f"ghi “{letters}. {rest}”")


@rule(
    "VB402",
    "kt-deputy",
    Severity.WARNING,
    _SOURCE + ".b",
    wrong="KT. GIÁM ĐỐC / TRƯỞNG PHÒNG",
    right="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
)
def kt_deputy(doc: Document, report) -> None:
    """Dưới “KT. <chức vụ>” là chức vụ của cấp phó ký thay (PHÓ CHỦ TỊCH dưới KT. CHỦ TỊCH, THỨ TRƯỞNG dưới KT. BỘ TRƯỞNG)."""
    lines = _title_lines(doc)
    for p, following in zip(lines, lines[1:] + [None]):
        match = re.match(r"^KT\.\s+(.+)$", p.stripped)
        if not match:
            continue
        head = match.group(1).strip()
        deputy = following.stripped if following is not None else ""
        office = deputy[4:] if deputy.startswith("PHÓ ") else None
        # The deputy of the same office: PHÓ CHỦ TỊCH under KT. CHỦ TỊCH ("GIÁM ĐỐC SỞ" ~ "GIÁM ĐỐC").
        fine = (office is not None and (head.startswith(office) or office.startswith(head))) or (
            head == "BỘ TRƯỞNG" and deputy == "THỨ TRƯỞNG"
        )
        if not fine:
            report(
                following or p,
                f"Dưới “KT. {head}” là “{deputy or '(trống)'}”, không phải chức vụ cấp phó",
                f"ghi chức vụ người ký thay, ví dụ “PHÓ {head}”",
            )


@rule(
    "VB403",
    "tm-collective",
    Severity.WARNING,
    _SOURCE + ".b",
    wrong="TM. GIÁM ĐỐC",
    right="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
)
def tm_collective(doc: Document, report) -> None:
    """“TM.” (thay mặt) đứng trước tên một tập thể (ỦY BAN NHÂN DÂN, HỘI ĐỒNG…), không trước một chức vụ."""
    for p in _title_lines(doc):
        match = re.match(r"^TM\.\s+(.+)$", p.stripped)
        if match and not match.group(1).startswith(_COLLECTIVE):
            report(
                p,
                f"“TM.” đứng trước “{match.group(1)}”, không phải tên một tập thể",
                "TM. dùng khi ký thay mặt tập thể (ví dụ TM. ỦY BAN NHÂN DÂN); cấp phó ký thay cấp trưởng dùng KT.",
            )


@rule(
    "VB404",
    "signer-name",
    Severity.ERROR,
    _SOURCE + ".c",
    wrong="GIÁM ĐỐC (không có họ tên người ký)",
    right="GIÁM ĐỐC / Nguyễn Văn An",
)
def signer_name(doc: Document, report) -> None:
    """Khối chữ ký có chức vụ và họ tên người ký."""
    if not doc.signature:
        if doc.doc_type is not None and doc.doc_type not in INTERNAL_FORMS and doc.standalone:
            report(
                Location("signature"),
                "Không thấy khối chữ ký (chức vụ, họ tên người ký)",
                "ghi chức vụ (in hoa, đậm) và họ tên người ký ở cuối văn bản",
            )
        return
    if not _title_lines(doc):
        report(doc.signature[0], "Khối chữ ký thiếu chức vụ người ký", "ghi chức vụ in hoa, đậm phía trên họ tên")
    if not _name_lines(doc) and not doc.stamped_draft:  # a draft's signer may not be chosen yet
        report(doc.signature[-1], "Khối chữ ký thiếu họ tên người ký", "ghi họ và tên người ký dưới chỗ ký")


@rule(
    "VB405",
    "academic-title",
    Severity.ERROR,
    _SOURCE + ".c",
    wrong="TS. Nguyễn Văn An; Ông Nguyễn Văn An",
    right="Nguyễn Văn An",
    why="Nghị định 30 chỉ ghi họ và tên người ký; học hàm, học vị, danh xưng chỉ được ghi ở nơi ngành cho phép (II.7.c).",
)
def academic_title(doc: Document, report, context: CheckContext) -> None:
    """Không ghi học hàm, học vị hay danh xưng (TS., ThS., PGS., GS., Ông, Bà) trước họ tên người ký — trừ nơi gói mẫu cho phép (lực lượng vũ trang, giáo dục, y tế, khoa học: II.7.c).

    Phụ lục I, II.7.c lets the armed forces and public bodies of education, health and science print
    ranks, academic titles and degrees where the sector head allows: a pack sets `academic_titles = true`
    in its [rules] and the rule is silent.
    """
    if context.academic_titles:
        return
    for p in _name_lines(doc):
        if signer_name_problem(p.stripped):
            report(p, f"Có học hàm, học vị hoặc danh xưng trước họ tên: “{p.stripped}”", "chỉ ghi họ và tên")


@rule(
    "VB406",
    "signature-format",
    Severity.WARNING,
    _SOURCE,
    wrong="Họ tên người ký không đậm, cỡ 12",
    right="GIÁM ĐỐC và Nguyễn Văn An: đậm, cỡ 14",
)
def signature_format(doc: Document, report) -> None:
    """Chức vụ người ký in hoa, đậm; họ tên in đậm; cỡ 13–14."""
    for p in _title_lines(doc) + _name_lines(doc):
        if problems := format_problems(p, (13, 14), italic=None):
            report(p, f"“{p.stripped}” " + ", ".join(problems), "chức vụ và họ tên người ký: cỡ 13–14, đậm")


_CHAIR = re.compile(r"^(?:-\s*)?(?:Chủ\s+trì|Chủ\s+tọa|Chủ\s+toạ)\s*:(?P<who>.*)$", re.IGNORECASE)


def _chair_signs(doc: Document) -> bool:
    """The person the biên bản names as its chair ("Chủ trì: Đ/c Phạm Thị Tâm – Trưởng phòng") signs it, under
    the title of the office they hold ("TRƯỞNG ĐƠN VỊ"): the chair's signature is there."""
    names = [re.sub(r"^((GS|PGS|TS|ThS)\.\s*)+", "", p.stripped) for p in _name_lines(doc)]
    for p in doc.body[:80]:
        match = _CHAIR.match(p.stripped)
        if match and any(name and name in match.group("who") for name in names):
            return True
    return False


@rule(
    "VB407",
    "bien-ban-signatures",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9",
    wrong="Biên bản chỉ có chữ ký CHỦ TỌA",
    right="Biên bản có chữ ký THƯ KÝ và CHỦ TỌA",
)
def bien_ban_signatures(doc: Document, report) -> None:
    """Biên bản có chữ ký của THƯ KÝ và của CHỦ TỌA (hoặc CHỦ TRÌ)."""
    if doc.doc_type != "bien_ban":
        return
    titles = upper(" | ".join(p.stripped for p in _title_lines(doc))).replace("GHI BIÊN BẢN", "THƯ KÝ")
    missing = []
    if "THƯ KÝ" not in titles:
        missing.append("THƯ KÝ")
    if "CHỦ TỌA" not in titles and "CHỦ TOẠ" not in titles and "CHỦ TRÌ" not in titles and not _chair_signs(doc):
        missing.append("CHỦ TỌA (CHỦ TRÌ)")
    if missing:
        where = doc.signature[0] if doc.signature else Location("signature")
        report(
            where,
            "Biên bản thiếu chữ ký của " + " và ".join(missing),
            "biên bản có hai chữ ký: THƯ KÝ (bên trái) và CHỦ TỌA (bên phải)",
        )


@rule(
    "VB408",
    "deputy-without-kt",
    Severity.WARNING,
    _SOURCE + ".b; Điều 13.1",
    wrong="PHÓ TRƯỞNG PHÒNG / Nguyễn Văn An (không có “KT. TRƯỞNG PHÒNG” phía trên)",
    right="KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG / Nguyễn Văn An",
)
def deputy_without_kt(doc: Document, report) -> None:
    """Cấp phó ký thay cấp trưởng ghi “KT. <chức vụ cấp trưởng>” phía trên chức vụ của mình."""
    if doc.doc_type in ("bien_ban", None):
        return
    lines = [p for p in _title_lines(doc) if not p.stripped.startswith("(")]
    # Only the first title line: a second one under the signature is the signer's other office.
    if not lines or not lines[0].stripped.startswith("PHÓ ") or "PHỤ TRÁCH" in lines[0].stripped:
        return
    text = lines[0].stripped
    report(lines[0], f"Cấp phó “{text}” ký mà không có “KT. …” phía trên", f"ghi “KT. {text[4:]}” phía trên “{text}”")
