"""VB9xx — award substance: what an award decision grants, and whether its issuer may grant it.

Source: Luật Thi đua, khen thưởng 06/2022/QH15 Điều 75 khoản 1, Điều 80 khoản 1 (the head of a Sở or of a
unit with legal personality decides Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến
and Giấy khen; the Chủ tịch Ủy ban nhân dân cấp xã the same for the commune, NĐ 129/2025/NĐ-CP Điều 59); the
Chủ tịch Ủy ban nhân dân tỉnh decides Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Chiến sĩ thi đua cấp
tỉnh, Tập thể lao động xuất sắc and Cờ thi đua (Bắc Ninh QĐ 86/2025 Quy định Điều 5.2.b [R]). Which
authority decides each award is the pack's data (award_law, kit.award_law), reaching the rule through
its CheckContext; each finding names the article of the award's own entry.
"""

from __future__ import annotations

import re

from ..award_law import AwardLaw, AwardRule, normal
from ..docmodel.document import Document, Paragraph
from ._util import text_paragraphs
from .context import CheckContext
from .findings import Severity
from .registry import rule

_SOURCE = (
    "Luật Thi đua, khen thưởng 06/2022/QH15 Điều 75 khoản 1, Điều 80 khoản 1; Nghị định 129/2025/NĐ-CP Điều 59; "
    "thẩm quyền của từng danh hiệu, hình thức theo dữ liệu award_law của gói mẫu"
)
WHY = "Khen thưởng sai thẩm quyền thì quyết định không có giá trị: giấy khen in ra, tiền thưởng chi ra và sổ khen thưởng đều sai."
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]")
_CAN_CU = re.compile(r"^(căn cứ|theo đề nghị|xét đề nghị|quyết định\s*:)", re.IGNORECASE)


def _authority_line(doc: Document) -> Paragraph | None:
    """The line that names who decides ("GIÁM ĐỐC SỞ NỘI VỤ"): the first upper-case body line after the
    title, before the căn cứ (NĐ 30, Phụ lục I, II.6: thẩm quyền ban hành of a Quyết định)."""
    for p in text_paragraphs(doc, ("body",), tables=False):
        if _CAN_CU.match(p.stripped) or _ARTICLE.match(p.stripped):
            return None
        letters = [ch for ch in p.stripped if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters):
            return p
    return None


def _issuing_agency(doc: Document) -> str:
    """The issuing agency of the header: its last line(s) before the quốc hiệu ("SỞ NỘI VỤ")."""
    lines: list[str] = []
    for p in text_paragraphs(doc, ("header",)):
        if p.stripped.startswith(("CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Số:", "Số ")):
            break
        lines.append(p.stripped)
    return lines[-1] if lines else ""


def _article_one(doc: Document) -> list[Paragraph]:
    """The paragraphs of Điều 1 (its first line and any that follow until the next article)."""
    found: list[Paragraph] = []
    for p in text_paragraphs(doc, ("body",)):
        m = _ARTICLE.match(p.stripped)
        if m:
            if found:
                break
            if m.group(1) == "1":
                found.append(p)
        elif found:
            found.append(p)
    return found


def granted(law: AwardLaw, text: str) -> list[AwardRule]:
    """The awards of the data a text grants, each once, in order; a name inside a longer one ("Lao động
    tiên tiến" in "Tập thể lao động tiên tiến") is the longer one's."""
    said = normal(text)
    spans: list[tuple[int, int, AwardRule]] = []
    for award in sorted(law.awards, key=lambda a: len(a.name), reverse=True):
        for m in re.finditer(re.escape(normal(award.name)), said):
            if not any(start <= m.start() and m.end() <= end for start, end, _ in spans):
                spans.append((m.start(), m.end(), award))
    ordered = [award for _, _, award in sorted(spans, key=lambda span: span[0])]
    return list(dict.fromkeys(ordered))


@rule(
    "VB901",
    "award-authority",
    Severity.ERROR,
    _SOURCE,
    wrong="Quyết định của GIÁM ĐỐC SỞ Y TẾ: “Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho …”",
    right="Sở Y tế lập Tờ trình đề nghị; Quyết định của CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH tặng Bằng khen",
    why="Quyết định khen thưởng của người không có thẩm quyền thì không có giá trị: giấy khen, bằng khen in theo nó, "
    "tiền thưởng chi theo nó và dòng ghi vào sổ khen thưởng đều sai.",
)
def award_authority(doc: Document, report, context: CheckContext) -> None:
    """Quyết định khen thưởng chỉ tặng, công nhận danh hiệu, hình thức thuộc thẩm quyền của người ban hành."""
    if doc.doc_type != "quyet_dinh":
        return
    law = AwardLaw.from_data(context.awards_law())
    if not law.awards:
        return
    article = _article_one(doc)
    if not article:
        return
    line = _authority_line(doc)
    issuer = law.issuer(line.stripped if line is not None else "", _issuing_agency(doc))
    if issuer is None:
        return  # an issuer the data does not know: the rule cannot tell
    text = " ".join(p.stripped for p in article)
    for award in granted(law, text):
        if law.may_decide(issuer, award):
            continue
        hint = (
            f"{issuer.title} lập Tờ trình đề nghị {law.deciders(award)} quyết định"
            if law.may_propose(issuer, award)
            else f"để {law.deciders(award)} quyết định"
        )
        report(
            article[0],
            f"{award.name} do {law.deciders(award)} quyết định, không thuộc thẩm quyền của {issuer.title} "
            f"(người ban hành Quyết định này)",
            hint,
            source=award.source,
        )
