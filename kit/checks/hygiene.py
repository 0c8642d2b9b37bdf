"""VB7xx — text hygiene: the end mark, Unicode composition, spaces and punctuation, brackets and quotes.

Source: Decree 30/2020/NĐ-CP, Phụ lục III (model forms end the content with "./."); Phụ lục I, Mục I.3
(Unicode, TCVN 6909:2001, which uses precomposed Vietnamese letters); Vietnamese typographic practice
for spaces and punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from ..docmodel.document import Document
from ..docmodel.effective import paragraph_text
from ._util import text_paragraphs
from .findings import Severity
from .registry import rule

_ALL = ("header", "title", "kinh_gui", "body", "noi_nhan", "signature")


@rule("VB701", "end-mark", Severity.WARNING, "NĐ 30/2020/NĐ-CP, Phụ lục III (các mẫu kết thúc nội dung bằng “./.”)")
def end_mark(doc: Document, report) -> None:
    """Nội dung văn bản kết thúc bằng dấu “./.”."""
    if doc.doc_type is None or doc.doc_type in ("bien_ban", "bao_cao_thanh_tich"):
        return
    paragraphs = text_paragraphs(doc, ("body",), tables=False)
    if not paragraphs:
        return
    last = paragraphs[-1]
    if not last.stripped.endswith(("./.", "/.")):
        report(last, "Đoạn cuối của nội dung không kết thúc bằng “./.”", "thêm “./.” vào cuối đoạn nội dung cuối cùng")


@rule("VB702", "unicode-composed", Severity.ERROR, "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục I.3 (Unicode TCVN 6909:2001)")
def composed(doc: Document, report) -> None:
    """Chữ tiếng Việt dựng sẵn (NFC), không tổ hợp dấu rời (NFD)."""
    found = [p for p in doc.paragraphs if p.stripped and not unicodedata.is_normalized("NFC", paragraph_text(p.element))]
    if found:
        report(found[0], f"Chữ có dấu gõ dạng tổ hợp (NFD) ở {len(found)} đoạn",
               "đặt bộ gõ (Unikey) chế độ Unicode dựng sẵn và gõ lại, hoặc chuyển mã sang Unicode dựng sẵn")


@rule("VB703", "double-space", Severity.WARNING, "Thực tiễn trình bày văn bản tiếng Việt")
def double_space(doc: Document, report) -> None:
    """Không có hai dấu cách liền nhau trong câu."""
    skip = {id(doc.so_line), id(doc.date_line)}
    for p in text_paragraphs(doc, _ALL):
        if id(p) not in skip and re.search(r"\S  +\S", p.stripped):
            report(p, "Có hai dấu cách liền nhau", "xóa dấu cách thừa")


def _report_pattern(doc: Document, report, pattern: str, message: str, hint: str) -> None:
    """One finding per paragraph where `pattern` matches; {mark} is its first group (or the match)
    and {context} the text around it."""
    compiled = re.compile(pattern)
    for p in text_paragraphs(doc, _ALL):
        match = compiled.search(p.stripped)
        if match:
            mark = match.group(match.lastindex or 0)
            context = p.stripped[max(0, match.start() - 15):match.end() + 15]
            report(p, message.format(mark=mark, context=context), hint.format(mark=mark))


@rule("VB704", "space-before-punctuation", Severity.WARNING, "Thực tiễn trình bày văn bản tiếng Việt")
def space_before_punctuation(doc: Document, report) -> None:
    """Không có dấu cách trước dấu phẩy, chấm, chấm phẩy, hai chấm."""
    _report_pattern(doc, report, r"\S\s+([,;:]|\.(?![./]))", "Dấu cách trước “{mark}”: “…{context}…”",
                    "xóa dấu cách trước “{mark}”")


@rule("VB705", "doubled-punctuation", Severity.WARNING, "Thực tiễn trình bày văn bản tiếng Việt")
def doubled_punctuation(doc: Document, report) -> None:
    """Không lặp dấu câu (“..”, “,,”, “;;”)."""
    _report_pattern(doc, report, r"(?<![./])\.\.(?![./])|,,|;;|::|,\.(?!/)|;\.(?!/)", "Dấu câu lặp “{mark}”: “…{context}…”",
                    "bỏ dấu thừa")


_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


@rule("VB706", "unbalanced-brackets-quotes", Severity.WARNING, "Thực tiễn trình bày văn bản tiếng Việt")
def unbalanced(doc: Document, report) -> None:
    """Ngoặc đơn, ngoặc vuông và ngoặc kép mở thì phải đóng."""
    for p in text_paragraphs(doc, _ALL):
        text = re.sub(r"^(?:[a-zđ]|\d{1,2})\)\s*", "", p.stripped)  # the ")" of a label "a)" opens nothing
        problems = [f"{opening}…{closing}" for opening, closing in _PAIRS if text.count(opening) != text.count(closing)]
        if text.count('"') % 2:
            problems.append('"…"')
        if problems:
            report(p, "Ngoặc hoặc ngoặc kép không khớp: " + ", ".join(problems), "thêm dấu đóng (hoặc mở) còn thiếu")


@rule("VB707", "space-after-punctuation", Severity.WARNING, "Thực tiễn trình bày văn bản tiếng Việt")
def space_after_punctuation(doc: Document, report) -> None:
    """Sau dấu phẩy, chấm phẩy, hai chấm có một dấu cách trước chữ tiếp theo."""
    # Letters on both sides, so times (14:30), numbers (1,5) and addresses are left alone.
    _report_pattern(doc, report, r"(?<![/:])\b[A-Za-zÀ-ỹĐđ)]+([,;:])(?=[A-Za-zÀ-ỹĐđ(])(?!//)",
                    "Thiếu dấu cách sau “{mark}”: “…{context}…”", "thêm một dấu cách sau “{mark}”")
