"""What Decree 30/2020/NĐ-CP does not govern, told from the document's own first lines.

Decree 30 governs the administrative documents of state bodies (Điều 1, Điều 7). It does not govern the
documents of the Party — their header ("ĐẢNG CỘNG SẢN VIỆT NAM", the issuing committee) and their number
("Số 35-KH/TU": number, type, then the committee) follow Hướng dẫn 36-HD/VPTW —, a citizen's petition or
letter (đơn: the citizen is no issuing body), a contract (civil and labour law set its form), or an office's
internal form (phiếu trình, phiếu ghi ý kiến: not among the documents of Điều 7). Such a
document is still text: its spelling and typing can be checked, its header, number, signature and Nơi
nhận cannot be held to the decree.
"""

from __future__ import annotations

import re

from ..vn import upper
from .model import Document, canon

PARTY = "party"
PETITION = "petition"
CONTRACT = "contract"
FORM = "form"
# An office's own forms: not among the administrative documents of Điều 7 (the office's working rules set
# them), though they borrow the header.
_OFFICE_FORMS = frozenset({"phieu_trinh", "phieu_y_kien"})

# What the report says in one line for each kind (the reader is a clerk: the kind, and why).
DESCRIPTIONS = {
    PARTY: "văn bản của Đảng (thể thức theo Hướng dẫn 36-HD/VPTW)",
    PETITION: "đơn, thư của công dân",
    CONTRACT: "hợp đồng (theo pháp luật dân sự, lao động)",
    FORM: "phiếu nội bộ của cơ quan (phiếu trình, phiếu ghi ý kiến — không thuộc các loại văn bản của Điều 7)",
}

# The Party's numbering: "Số 35-KH/TU", "Số: 12-CT/TW", "Số 07-NQ/ĐU" — type before the slash, the
# committee after it (the state writes "Số: 05/KH-SNV").
_PARTY_NUMBER = re.compile(r"^Số\s*:?[\s\u00a0.…]*\d*[\s\u00a0]*-[\s\u00a0]*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*[A-ZĐ]")
# A Party committee or body named in the header (Hướng dẫn 36-HD/VPTW: "ĐẢNG BỘ TỈNH …", "TỈNH ỦY …").
_PARTY_BODY = re.compile(
    r"^(ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|THỊ ỦY|CHI BỘ|BAN CHẤP HÀNH TRUNG ƯƠNG|"
    r"BỘ CHÍNH TRỊ|BAN BÍ THƯ|VĂN PHÒNG TRUNG ƯƠNG ĐẢNG|ĐẢNG ĐOÀN|BAN CÁN SỰ ĐẢNG)\b"
)
# A citizen's petition or letter: "ĐƠN ĐỀ NGHỊ", "ĐƠN KHỞI KIỆN", "ĐƠN" alone — never "ĐƠN VỊ …", "ĐƠN GIÁ".
_PETITION_TITLE = re.compile(r"^ĐƠN(?:$|\s+(?!VỊ\b|GIÁ\b|HÀNG\b|THUỐC\b)\S)")
_FIRST_LINES = 25


def out_of_scope(doc: Document) -> str | None:
    """PARTY, PETITION, CONTRACT or FORM when the document is one Decree 30 does not govern; None otherwise."""
    if doc.doc_type == "hop_dong":
        return CONTRACT
    if doc.doc_type in _OFFICE_FORMS:
        return FORM
    first = [p for p in doc.paragraphs[:60] if p.stripped][:_FIRST_LINES]
    for p in first:
        text = p.stripped
        key = canon(text)
        if key.startswith("ĐẢNG CỘNG SẢN VIỆT NAM"):
            return PARTY
        if doc.quoc_hieu is None and (_PARTY_NUMBER.match(text) or (p.region == "header" and _PARTY_BODY.match(key))):
            return PARTY  # no Quốc hiệu: the Party's number or a Party committee heads the document
        if (
            not p.in_table
            and text == upper(text)
            and _PETITION_TITLE.match(key)
            and (doc.title is None or p.index < doc.title.index)
        ):
            return PETITION
    return None
