"""VB6xx — citations of other documents, and the years a document speaks of.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6.b (first citation: tên loại, số, ký hiệu,
ngày, cơ quan ban hành, trích yếu) and Phụ lục III (viết tắt tên loại); the periods of force of the
legal texts come from the pack's data (templates/data/legal-texts.toml, each with its source).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..conventions import TWO_TIERS_FROM, district_body, former_town
from ..docmodel.document import Document, Paragraph
from ..docmodel.scope import LAW
from ._util import DATE_NUMERIC, DATE_WORDS, IssueDate, document_year, issue_date, make_date, text_paragraphs
from .context import CheckContext
from .findings import Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = "Văn bản dẫn sai số, ký hiệu, năm, hay dẫn văn bản đã hết hiệu lực thì mất căn cứ; mốc thời gian sai năm làm kế hoạch giao việc sai thời hạn."

_SOURCE = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6.b; Phụ lục III"
_TYPE_WORDS = {
    "nghị định": ("NĐ",),
    "nghị quyết": ("NQ", "QH", "UBTVQH"),  # the National Assembly's: 202/2025/QH15
    "thông tư liên tịch": ("TTLT",),
    "thông tư": ("TT", "TTLT"),
    "quyết định": ("QĐ",),
    "chỉ thị": ("CT",),
    "kế hoạch": ("KH",),
    "hướng dẫn": ("HD",),
    "chương trình": ("CTr",),
    "thông báo": ("TB",),
    "báo cáo": ("BC",),
    "tờ trình": ("TTr",),
    "kết luận": ("KL",),
    "quy định": ("QyĐ", "QĐ"),
    "luật": ("QH",),
    "pháp lệnh": ("UBTVQH",),
    # A công văn has no type abbreviation ("4625/BNV-CCHC"): cited for its date (VB603), not its symbol.
    "công văn": (),
}
_WORDS = "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
_CITATION = re.compile(
    # "Quyết định kỷ luật số 15/QĐ-UBND" cites a decision, not a law
    rf"(?<![\w])(?<!kỷ )(?<!Kỷ )(?P<word>{_WORDS})\s+(?:số\s*)?(?P<symbol>\d+(?:/\d{{4}})?[/-][A-Za-zĐđ][A-Za-zĐđ0-9/-]*[A-Za-zĐđ0-9])",
    re.IGNORECASE,
)
# What every citation's symbol holds: a figure, then "/" or "-" ("12/2024/TT-BTC", "205-QĐ/TU").
_SYMBOL_START = re.compile(r"\d[/-]")
_DATE_AFTER = re.compile(
    r"^\s*,?\s*ngày\s+(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)


@dataclass(frozen=True)
class Citation:
    paragraph: Paragraph
    word: str
    symbol: str
    type_code: str | None
    year: int | None
    date: dt.date | None
    start: int


def _type_and_year(symbol: str) -> tuple[str | None, int | None]:
    if m := re.match(r"^\d+/(\d{4})/(QH\d+|UBTVQH\d+)$", symbol):
        return re.sub(r"\d+$", "", m.group(2)), int(m.group(1))
    if m := re.match(r"^\d+/(\d{4})/([A-Za-zĐđ]+)-", symbol):
        return m.group(2), int(m.group(1))
    if m := re.match(r"^\d+/([A-Za-zĐđ]+)-", symbol):
        return m.group(1), None
    if m := re.match(r"^\d+-([A-Za-zĐđ]+)/", symbol):
        return m.group(1), None
    return None, None


def citations(doc: Document) -> list[Citation]:
    """Every citation of another document (read once per document: several rules use them)."""
    return doc._remember("citations", lambda: _citations(doc))


def _citations(doc: Document) -> list[Citation]:
    found = []
    for p in text_paragraphs(doc, ("title", "body", "kinh_gui")):
        if not _SYMBOL_START.search(p.stripped):
            continue  # no symbol, no citation: most paragraphs are not searched for the type words
        for m in _CITATION.finditer(p.stripped):
            symbol = m.group("symbol")
            type_code, year = _type_and_year(symbol)
            date = None
            if d := _DATE_AFTER.match(p.stripped[m.end() :]):
                parts = [g for g in d.groups() if g is not None]
                date = make_date(*parts)
            found.append(Citation(p, m.group("word").lower(), symbol, type_code, year, date, m.start()))
    return found


_KNOWN_CODES = {code for codes in _TYPE_WORDS.values() for code in codes} | {
    "NQ",
    "QĐ",
    "CT",
    "QC",
    "QyĐ",
    "TB",
    "HD",
    "CTr",
    "KH",
    "PA",
    "ĐA",
    "DA",
    "BC",
    "BB",
    "TTr",
    "HĐ",
    "CĐ",
    "GM",
    "GGT",
    "GUQ",
    "GNP",
    "PG",
    "PC",
    "PB",
    "TT",
    "TTLT",
    "NĐ",
    "KL",
    "QH",
    "UBTVQH",
}
# Issuers whose documents follow Decree 30's symbols: the state, the Party, public universities (other bodies — firms,
# associations — number their papers as they like: "Báo cáo số 03/TT-PT").
_STATE_ISSUER = re.compile(
    r"^(UBND|HĐND|CP|TTg|QH|UBTVQH|VPCP|B[A-ZĐ]{1,6}|S[A-ZĐ]{1,6}|TW|TU|HU|BCĐ|BTC|BNV|BCA|ĐH[A-ZĐ]*)\b"
)


def _state_symbol(c: Citation) -> bool:
    """A citation whose symbol reads as Decree 30's: a known type abbreviation and a state issuer, or the
    year form of a legal normative document."""
    if c.year is not None:
        return True
    if c.type_code not in _KNOWN_CODES:
        return False
    issuer = re.split(r"[-/]", c.symbol, maxsplit=2)[-1] if "-" in c.symbol else ""
    return _STATE_ISSUER.match(issuer) is not None


@rule(
    "VB601",
    "citation-type-symbol",
    Severity.ERROR,
    _SOURCE,
    wrong="Căn cứ Nghị định số 91/2017/NQ-CP",
    right="Căn cứ Nghị định số 91/2017/NĐ-CP",
)
def type_symbol(doc: Document, report) -> None:
    """Tên loại văn bản được dẫn khớp với chữ viết tắt trong ký hiệu (Nghị định ↔ NĐ, Nghị quyết ↔ NQ, Thông tư ↔ TT…)."""
    for c in citations(doc):
        expected = _TYPE_WORDS[c.word]
        if not expected or c.type_code is None or c.type_code in expected or not _state_symbol(c):
            continue
        report(
            c.paragraph,
            f"Dẫn “{c.word.capitalize()} số {c.symbol}” nhưng ký hiệu “{c.type_code}” không phải của {c.word}",
            f"kiểm tra lại tên loại hoặc ký hiệu: {c.word} viết tắt là {' hoặc '.join(expected)}",
        )


@rule(
    "VB602",
    "citation-year",
    Severity.ERROR,
    _SOURCE,
    wrong="Nghị định số 152/2025/NĐ-CP ngày 14/6/2024",
    right="Nghị định số 152/2025/NĐ-CP ngày 14/6/2025",
)
def citation_year(doc: Document, report) -> None:
    """Năm trong ký hiệu văn bản được dẫn (91/2017/NĐ-CP) trùng năm của ngày ban hành ghi kèm."""
    for c in citations(doc):
        if c.year is not None and c.date is not None and c.year != c.date.year:
            report(
                c.paragraph,
                f"“{c.symbol}” mang năm {c.year} nhưng ngày ban hành ghi năm {c.date.year}",
                "kiểm tra lại số, ký hiệu hoặc ngày của văn bản được dẫn",
            )


@rule(
    "VB603",
    "citation-after-document",
    Severity.ERROR,
    _SOURCE,
    wrong="Văn bản ngày 05/01/2025 dẫn Kế hoạch số 10/KH-UBND ngày 20/3/2025",
    right="… dẫn Kế hoạch số 10/KH-UBND ngày 02/01/2025",
)
def citation_after_document(doc: Document, report) -> None:
    """Văn bản được dẫn không thể ban hành sau chính văn bản này."""
    own = issue_date(doc)
    if own is None:
        return
    reported: set[int] = set()
    for c in citations(doc):
        if c.date is not None and c.date > own.last and c.paragraph.index not in reported:
            reported.add(c.paragraph.index)  # one per paragraph: the first citation tells the clerk
            report(
                c.paragraph,
                f"Dẫn “{c.symbol}” ngày {c.date:%d/%m/%Y}, sau ngày ban hành văn bản này ({own})",
                "kiểm tra lại ngày của văn bản được dẫn hoặc ngày ban hành",
            )


def _successor(texts, entry: Mapping[str, Any], on: IssueDate) -> Mapping[str, Any] | None:
    """The text in force on `on` that replaced `entry`, following replaced_by (NĐ 91/2017 → 98/2023 →
    152/2025); None when the data names none or none is in force."""
    by_symbol = {text.get("symbol"): text for text in texts}
    current: Mapping[str, Any] | None = entry
    for _ in range(len(by_symbol)):  # bounded: a loop in the data ends here
        current = by_symbol.get(current.get("replaced_by")) if current is not None else None
        if current is None:
            return None
        if _in_force_problem(current, on) is None:
            return current
    return None


def _in_force_problem(entry: Mapping[str, Any], on: IssueDate) -> str | None:
    """Why `entry` is not in force on every day of `on` (a blank issue day: the whole month); None when it
    is, or may be."""
    start, end = entry.get("in_force_from"), entry.get("in_force_until")
    if start and on.last < start:
        return f"chưa có hiệu lực (có hiệu lực từ {start:%d/%m/%Y})"
    if end and on.first > end:
        return f"đã hết hiệu lực (hết hiệu lực sau ngày {end:%d/%m/%Y})"
    return None


# A clause ending a text's force names it: "Quyết định này thay thế Quyết định số …", "Bãi bỏ Quyết định số …"
# (the verb a few words before the citation, in the same clause), "Nghị định số 110/2004/NĐ-CP … hết hiệu lực
# kể từ ngày …" (the words after it, in the same sentence) — Luật Ban hành VBQPPL, Điều 12. "thay thế" elsewhere
# in the paragraph ("Căn cứ …, Sở mua sắm thay thế thiết bị") is another matter.
_REPEAL_BEFORE = re.compile(r"(?:thay thế|bãi bỏ|hủy bỏ|huỷ bỏ)\b[^.;]{0,80}$", re.IGNORECASE)
_REPEAL_AFTER = re.compile(r"^(?:(?!\.\s)[^;]){0,400}?(?:hết|không còn) hiệu lực", re.IGNORECASE)


def _names_its_repeal(text: str, needle: str) -> bool:
    """`text` cites `needle` in the clause that repeals it."""
    at = text.find(needle)
    while at != -1:
        after = at + len(needle)
        if _REPEAL_BEFORE.search(text, max(0, at - 120), at) or _REPEAL_AFTER.match(text[after : after + 500]):
            return True
        at = text.find(needle, at + len(needle))
    return False


@rule(
    "VB604",
    "citation-in-force",
    Severity.WARNING,
    "Điều khoản hiệu lực của văn bản được dẫn và của văn bản thay thế nó — ghi cho từng văn bản trong dữ liệu văn "
    "bản pháp luật của gói mẫu; mỗi phát hiện nêu điều khoản của chính văn bản đó",
    wrong="Văn bản năm 2025 căn cứ Nghị định số 91/2017/NĐ-CP (hết hiệu lực)",
    right="Căn cứ Nghị định số 152/2025/NĐ-CP",
    why="Căn cứ một văn bản đã hết hiệu lực thì văn bản ban hành không có căn cứ pháp lý: phải dẫn văn bản thay thế.",
)
def in_force(doc: Document, report, context: CheckContext) -> None:
    """Văn bản pháp luật được dẫn còn hiệu lực vào ngày ban hành văn bản này."""
    own = issue_date(doc)
    if own is None:
        return
    texts = context.texts()
    seen = set()
    paragraphs = text_paragraphs(doc, ("title", "body", "kinh_gui"))
    # The paragraphs' text in one string (a needle never holds "\0"): a text the document never names is
    # passed over with one search instead of one per paragraph.
    whole = "\0".join(p.stripped for p in paragraphs)
    for entry in texts:
        needles = [entry["symbol"], *entry.get("aliases", [])]
        if not any(needle in whole for needle in needles):
            continue
        for p in paragraphs:
            if any(needle in p.stripped for needle in needles) and entry["symbol"] not in seen:
                if any(_names_its_repeal(p.stripped, needle) for needle in needles):
                    continue  # the clause that repeals or replaces the cited text names it, rightly
                problem = _in_force_problem(entry, own)
                if problem:
                    seen.add(entry["symbol"])
                    successor = _successor(texts, entry, own)
                    report(
                        p,
                        f"Dẫn {entry['title']}, văn bản này {problem} vào {own.phrase()}",
                        f"dẫn văn bản thay thế đang có hiệu lực: {successor['title']}"
                        if successor
                        else "dẫn văn bản đang có hiệu lực vào ngày ban hành",
                        # The clause that ends (or starts) the text's force: the replacing text's own article.
                        source=str(entry.get("source") or ""),
                    )


@rule(
    "VB605",
    "year-self-reference",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.5 (trích yếu)",
    wrong="Kế hoạch năm 2025 viết “xây dựng Kế hoạch … năm 2024”",
    right="“xây dựng Kế hoạch … năm 2025”",
)
def year_self_reference(doc: Document, report) -> None:
    """Văn bản nói về chính nó với năm khác năm trong trích yếu (“Kế hoạch … năm 2020” trong kế hoạch năm 2021)."""
    year = document_year(doc)
    if year is None or doc.type_name is None:
        return
    word = doc.type_name.capitalize()
    pattern = re.compile(
        rf"\b{re.escape(word[0])}{re.escape(word[1:].lower())}\b(?P<between>[^.;:()]{{0,80}}?)\bnăm\s+(?P<year>\d{{4}})\b"
    )
    for p in text_paragraphs(doc, ("body",), tables=False):
        for m in pattern.finditer(p.stripped):
            between = m.group("between")
            if re.search(r"\bsố\b|\d", between) or int(m.group("year")) == year:
                continue
            phrase = m.group(0)
            phrase = phrase[phrase.rfind(word) :]  # from the last mention: "Sở Kế hoạch và Đầu tư xây dựng Kế hoạch …"
            report(
                p, f"“{phrase}” trong văn bản về năm {year}", f"sửa năm thành {year} nếu câu nói về chính văn bản này"
            )


# A deadline told of, not set: what was done by it ("Phòng đã tham mưu … trước ngày …"), or the deadline another text
# set ("Công văn số 3441/STNMT-QLĐĐ yêu cầu gửi trước ngày 30/9/2021"): a report recounts them.
_PAST_DEADLINE = re.compile(
    r"\bđã\b|\b(?:Công văn|Kế hoạch|Quyết định|Thông báo|Chỉ thị|Văn bản|văn bản|Công điện)\s+số\b"
)


def _sentence_before(text: str, end: int) -> str:
    """The sentence (or clause of a list) a match at `end` stands in, up to the match — read back at most
    _SENTENCE_READ characters (a line of a thousand deadlines is no sentence to search from its start each time)."""
    window = max(0, end - _SENTENCE_READ)
    start = max(text.rfind(". ", window, end), text.rfind("; ", window, end), window - 1)
    return text[start + 1 : end]


_SENTENCE_READ = 300


_DEADLINE = re.compile(r"\b(?:trước|chậm nhất|hạn chót|hạn)\s+(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)


@rule(
    "VB606",
    "deadline-date",
    Severity.WARNING,
    "Thực tiễn soạn văn bản (không có quy định riêng): thời hạn sau ngày ban hành, trong năm của kế hoạch",
    wrong="Kế hoạch ngày 05/01/2025: “đăng ký trước ngày 20/12/2024”",
    right="“đăng ký trước ngày 20/01/2025”",
)
def deadline(doc: Document, report) -> None:
    """Thời hạn (“trước ngày …”) không rơi trước ngày ban hành hay ngoài năm của kế hoạch (thời hạn đã qua mà câu kể
    lại — “đã …”, “Công văn số … yêu cầu … trước ngày …” — không xét)."""
    own, year = issue_date(doc), document_year(doc)
    for p in text_paragraphs(doc, ("body",)):
        if "/" not in p.stripped:
            continue  # every deadline matched is a date in figures: most paragraphs are not searched
        for m in _DEADLINE.finditer(p.stripped):
            when = make_date(*m.groups())
            if when is None or _PAST_DEADLINE.search(_sentence_before(p.stripped, m.start())):
                continue  # a deadline met or set by another text ("đã …", "Công văn số … yêu cầu gửi trước …")
            if own is not None and when < own.first:
                report(p, f"Thời hạn {when:%d/%m/%Y} trước ngày ban hành ({own})", "kiểm tra lại năm của thời hạn")
            elif doc.doc_type == "ke_hoach" and year is not None and when.year < year:
                report(p, f"Thời hạn {when:%d/%m/%Y} ngoài năm {year} của kế hoạch", "kiểm tra lại năm của thời hạn")


_PERIOD = re.compile(
    r"\b(6 tháng (?:đầu|cuối) năm|quý\s+[IV]+\s*(?:năm|/)|tháng\s+\d{1,2}\s+năm|tháng\s+\d{1,2}\s*/"
    # Goals and deadlines of the plan's year ("phấn đấu đến hết năm 2024", "chỉ tiêu năm 2024").
    r"|(?P<goal>(?:đến|trước)\s+(?:hết\s+|cuối\s+)?năm|chỉ\s+tiêu(?:\s+của)?\s+năm"
    r"|phấn\s+đấu(?:\s+trong|\s+đến(?:\s+hết)?)?\s+năm|thời\s+gian\s+thực\s+hiện\s*:\s*(?:trong\s+)?năm))\s*(\d{4})\b",
    re.IGNORECASE,
)
# The date of a cited text ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022": a law is cited by name and
# date, NĐ 30/2020, Phụ lục I, II.6.a) ends where a period would: "ngày 15 " before "tháng 6 năm 2022".
_CITED_DATE = re.compile(
    r"\b(?:Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Công văn|"
    r"Thông báo|Hướng dẫn|Chương trình|Kết luận|Công điện)\b[^;]{0,120}?\bngày\s+\d{1,2}\s+$"
)

# When figures the plan builds on were taken ("qua kết quả điều tra phổ cập tháng 11/2019", "số liệu thống kê
# tháng 12/2024", "tính đến tháng 10 năm 2024"): a past date on purpose, not a milestone of the plan.
_DATA_AS_OF = re.compile(r"(?i)\b(điều\s+tra|thống\s+kê|số\s+liệu|tính\s+đến)\b[^.;]*$")


@rule(
    "VB607",
    "plan-period-year",
    Severity.WARNING,
    "Thực tiễn soạn kế hoạch (không có quy định riêng): các mốc thời gian thuộc năm kế hoạch",
    wrong="Kế hoạch năm 2025: “Sơ kết 6 tháng đầu năm 2024”",
    right="“Sơ kết 6 tháng đầu năm 2025”",
)
def period_year(doc: Document, report) -> None:
    """Trong kế hoạch năm N, các mốc “6 tháng đầu năm”, “quý …”, “tháng … năm” thuộc năm N."""
    year = document_year(doc)
    if doc.doc_type != "ke_hoach" or year is None:
        return
    for p in text_paragraphs(doc, ("body",)):
        for m in _PERIOD.finditer(p.stripped):
            found = int(m.group(3))
            # A goal or deadline may reach years ahead ("đến năm 2030"); the year before the plan's is one
            # copied from last year's plan.
            if m.group("goal") and found != year - 1:
                continue
            if (
                # A later year is the plan's reach — its results assessed in the next year's first months, an
                # election plan from 11/2025 to its review in 4/2026 —, not a year copied from last year's plan.
                found < year
                and not re.search(r"\bsố\b", p.stripped[max(0, m.start() - 40) : m.start()])
                and not _CITED_DATE.search(p.stripped[max(0, m.start() - 160) : m.start()])
                and not _DATA_AS_OF.search(p.stripped[max(0, m.start() - 60) : m.start()])
            ):
                report(p, f"“{m.group(0)}” trong kế hoạch năm {year}", f"kiểm tra lại: có phải năm {year}?")


# A year of five digits or glued to the type ("18/20202QĐ-UBND", "18/2020QĐ-UBND").
_MALFORMED = re.compile(r"\b(?P<symbol>\d{1,5}/(?:\d{5,}[/A-ZĐ]?|\d{4}[A-ZĐ])[A-Za-zĐđ0-9/-]*)")


@rule(
    "VB608",
    "citation-malformed",
    Severity.ERROR,
    _SOURCE,
    wrong="Căn cứ Quyết định số 18/20202QĐ-UBND ngày 05/3/2020 của UBND tỉnh;",
    right="Căn cứ Quyết định số 18/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh;",
)
def malformed(doc: Document, report) -> None:
    """Số, ký hiệu văn bản được dẫn viết đúng dạng: số/năm/tên loại-cơ quan (18/2020/QĐ-UBND), không dính hay thiếu “/”; văn bản của Đảng “39-CT/TW”."""
    for p in text_paragraphs(doc, ("title", "body", "kinh_gui")):
        # The first two patterns hold a "/", the third a "-": a paragraph without them is not searched.
        slash = "/" in p.stripped
        m = _MALFORMED.search(p.stripped) if slash else None
        if m:
            report(
                p,
                f"Ký hiệu văn bản được dẫn “{m.group('symbol')}” sai dạng",
                "kiểm tra lại: số/năm/viết tắt tên loại-viết tắt cơ quan, ví dụ 18/2020/QĐ-UBND",
            )
        elif slash and (m := _SPACED_SYMBOL.search(p.stripped)):
            report(
                p,
                f"Ký hiệu văn bản được dẫn “{m.group('symbol')}” có dấu cách thừa",
                "viết liền: số/viết tắt tên loại-viết tắt cơ quan, ví dụ 572/UBND-KGVX",
            )
        elif "-" in p.stripped and (m := _PARTY_IN_STATE_FORM.search(p.stripped)):
            number, kind, body = m.group("number"), m.group("kind") or m.group("kind2"), m.group("body")
            report(
                p,
                f"Văn bản của Đảng “{m.group(0)}” ghi theo kiểu ký hiệu của cơ quan nhà nước"
                if m.group("kind")
                else f"Văn bản của Đảng “{m.group(0)}” ghi gạch nối thay cho gạch chéo trước cơ quan ban hành",
                f"ghi “{number}-{kind}/{body}” (Hướng dẫn 36-HD/VPTW: số, gạch nối, tên loại, gạch chéo, cơ quan)",
            )


# A cited number and symbol with spaces inside ("Công văn số 572 /UBND-KGVX", "Hướng dẫn số 2346/HD  -  ĐHM"):
# the figures are there, so the spaces are no blank left for the number.
_SPACED_SYMBOL = re.compile(
    r"\bsố\s*:?\s*(?P<symbol>\d+(?:\s+/\s*|/\s+)[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ]*)*"
    r"|\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ]*(?:\s+-\s*|-\s+)[A-ZĐ][A-Za-zĐđ]*)"
)
# A Party text's symbol written the state's way ("Chỉ thị số 39/CT-TW" for "39-CT/TW") or with a hyphen for the
# slash ("Đề án số 08-ĐA-TU" for "08-ĐA/TU"): the Party writes the
# number, a hyphen, the type, a slash and the committee (Hướng dẫn 36-HD/VPTW).
_PARTY_IN_STATE_FORM = re.compile(
    r"\b(?P<number>\d{1,4})(?:/(?P<kind>CT|NQ|KL|QĐ|QC|QyĐ|HD|KH|TB|BC|CTr|ĐA)|-(?P<kind2>CT|NQ|KL|QĐ|QC|QyĐ|HD|KH|TB|BC|CTr|ĐA))"
    r"-(?P<body>TW|TƯ|TU|HU|QU|ĐU|ĐUK|BCSĐ)\b"
)


_CAPTION = re.compile(
    r"Kèm theo\s+(?P<word>[A-ZĐ][a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)?)\s+số\s*(?P<number>[….\s]*|\d+)\s*/\s*(?P<symbol>[A-Za-zĐđ0-9&-]+)"
)


def _own_words(doc: Document) -> set[str]:
    from ..docmodel.document import CONG_VAN

    if doc.doc_type == CONG_VAN:
        return {"công văn"}
    return {doc.type_name.lower()} if doc.type_name else set()


@rule(
    "VB609",
    "appendix-caption",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.6 (phụ lục kèm theo văn bản)",
    wrong="Báo cáo “Số:      /BC-SCT” có phụ lục ghi “(Kèm theo Công văn số      /SCT-CN)”",
    right="Báo cáo “Số:      /BC-SCT” có phụ lục ghi “(Kèm theo Báo cáo số      /BC-SCT)”",
)
def appendix_caption(doc: Document, report) -> None:
    """Phụ lục của văn bản đang soạn (số còn để trống) ghi “Kèm theo” đúng tên loại và ký hiệu của chính văn bản."""
    own = _own_words(doc)
    so = doc.so_line.stripped if doc.so_line is not None else ""
    own_symbol = m.group(1) if (m := re.search(r"/\s*(?:\d{4}/)?([A-Za-zĐđ0-9&-]+)\s*$", so)) else None
    for part in doc.appendices:
        for p in [q for q in part if q.stripped][:6]:
            m = _CAPTION.search(p.stripped)
            if m is None or m.group("number").strip().isdigit():
                continue  # an attached document that is already issued is cited, not captioned
            word, symbol = m.group("word").lower(), m.group("symbol")
            if own and word not in own:
                report(
                    p,
                    f"Phụ lục ghi kèm theo {word} nhưng văn bản là {' '.join(own)}",
                    "sửa chú thích phụ lục theo tên loại và ký hiệu của chính văn bản",
                )
            elif own_symbol and symbol != own_symbol:
                report(
                    p,
                    f"Phụ lục ghi ký hiệu “{symbol}” nhưng văn bản có ký hiệu “{own_symbol}”",
                    f"sửa thành “/{own_symbol}”",
                )
            break


__all__ = ["citations", "Citation", "DATE_NUMERIC", "DATE_WORDS"]


# Only who issues or receives the document is looked at: its body may still name the former districts (a
# report on past years, a place).
@rule(
    "VB610",
    "district-level-body",
    Severity.WARNING,
    "Nghị quyết 203/2025/QH15 (chấm dứt hoạt động của đơn vị hành chính cấp huyện từ 01/7/2025); Luật Tổ chức "
    "chính quyền địa phương số 72/2025/QH15 (đơn vị hành chính: tỉnh, thành phố; xã, phường, đặc khu)",
    wrong="Văn bản ngày 05/8/2025, Nơi nhận: “- UBND các huyện, thành phố;”",
    right="Văn bản ngày 05/8/2025, Nơi nhận: “- UBND các xã, phường;”",
    why="Từ 01/7/2025 không còn cấp huyện và thị trấn: văn bản gửi hay ghi cơ quan không còn tồn tại thì không ai nhận, không ai thực hiện.",
)
def district_level_body(doc: Document, report) -> None:
    """Văn bản ban hành từ 01/7/2025 không do cơ quan cấp huyện ban hành, không gửi cơ quan cấp huyện (đã bỏ cấp huyện), không ghi thị trấn (đơn vị cấp xã, nay là xã, phường)."""
    day = issue_date(doc) or _meeting_date(doc)
    if day is None or day.first < TWO_TIERS_FROM:
        return
    # The issuer's lines are read together: "ỦY BAN NHÂN DÂN / HUYỆN HÒA AN" is one name broken in two.
    groups = [list(doc.issuer), *([p] for p in [*doc.kinh_gui, *doc.noi_nhan_items])]
    for group in groups:
        text = " ".join(p.stripped for p in group)
        if not group:
            continue
        if named := district_body(text):
            report(
                group[0],
                f"“{named}” trong văn bản {day.phrase()}: từ 01/7/2025 chính quyền địa phương chỉ còn cấp tỉnh và cấp xã",
                "ghi cơ quan cấp tỉnh hoặc cấp xã (xã, phường, đặc khu) thay cho cơ quan cấp huyện",
            )
        elif town := former_town(text):
            report(
                group[0],
                f"“{town}” trong văn bản {day.phrase()}: từ 01/7/2025 không còn thị trấn (đơn vị cấp xã) — "
                "đơn vị hành chính cấp xã là xã, phường, đặc khu",
                "ghi xã, phường hoặc đặc khu đã thay thị trấn",
            )


def _meeting_date(doc: Document) -> IssueDate | None:
    """A Biên bản has no date line: the day its meeting began ("Thời gian bắt đầu: 08 giờ 00, ngày 12 tháng
    9 năm 2025") dates it."""
    if doc.doc_type != "bien_ban":
        return None
    for p in text_paragraphs(doc, ("body",), tables=False)[:12]:  # the opening lines: time, place, members
        if m := DATE_WORDS.search(p.stripped):
            day = make_date(*m.groups())
            return IssueDate(day, day) if day else None
    return None


# Laws and codes cited by name: the first word of the name after "Luật"/"Bộ luật" takes a capital (Phụ lục II,
# Mục V: "Luật Tổ chức Quốc hội", "Bộ luật Dân sự"). The names' first words, as the common laws begin.
_LAW_NAME_STARTS = (
    "bầu cử|tổ chức|ban hành văn bản|thi đua|cán bộ|viên chức|đất đai|ngân sách|đầu tư|xây dựng|giáo dục|"
    "phòng, chống|phòng chống|khiếu nại|tố cáo|tiếp công dân|xử lý vi phạm|an ninh|an toàn|bảo vệ|bảo hiểm|"
    "doanh nghiệp|kế toán|kiểm toán|thống kê|lưu trữ|hôn nhân|trẻ em|người cao tuổi|người khuyết tật|dân quân|"
    "nghĩa vụ quân sự|công an|quốc phòng|giao thông|trật tự|tài nguyên|khoáng sản|lâm nghiệp|thủy sản|trồng trọt|"
    "chăn nuôi|thú y|dược|khám bệnh|văn hóa|di sản|du lịch|thể dục|báo chí|xuất bản|khoa học|giao dịch điện tử|"
    "tín ngưỡng|hộ tịch|cư trú|căn cước|quy hoạch|nhà ở|kinh doanh|thương mại|đấu thầu|quản lý|thực hiện dân chủ|"
    "mặt trận|thanh niên|công đoàn|hòa giải|trợ giúp pháp lý|phổ biến|tiếp cận thông tin|hợp tác xã|điện lực|"
    "phòng cháy|thư viện|sở hữu trí tuệ|hải quan|thanh tra|các tổ chức tín dụng|công chứng|dân sự|hình sự|lao động|"
    "tố tụng"
)
# "Luật" (or "Bộ luật") named, then its name begun in lower case. A lower-case "luật" is the word, not a law's
# name: "kỷ luật lao động", "chấp hành luật an toàn giao thông", "điều luật hình sự".
_LAW_NAME_LOWER = re.compile(rf"(?<![\w])(Bộ [Ll]uật|Luật)\s+({_LAW_NAME_STARTS})(?!\w)")
# An article cited by its number: "Điều" takes a capital ("khoản 1 Điều 50", "- Như Điều 3;"), khoản and điểm
# do not (Phụ lục II, Mục V). "điều" is also a verb ("Công an huyện điều 20 cán bộ"): an article where a khoản,
# a preposition or "Như" stands before it, or a document's name or a mark after it.
_ARTICLE_LOWER = re.compile(
    r"(?:(?<=khoản )\S+,?\s+|(?<=điểm )\S+\s+(?:khoản\s+\S+,?\s+)?|(?<![\w])(?:tại|theo|Như|như|các|và|của)\s+)"
    r"(điều\s+\d+[a-zđ]?)(?![\w/])"
    r"|(?<![\w])(điều\s+\d+[a-zđ]?)(?=\s*(?:[,;.)]|$|\s(?:Luật|Bộ luật|Nghị|Thông|Quyết|Hiến|Điều lệ|của)))"
)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@rule(
    "VB611",
    "citation-capitals",
    Severity.WARNING,
    "NĐ 30/2020/NĐ-CP, Phụ lục II, Mục V (tên loại của văn bản cụ thể; phần, chương, mục, điều được viện dẫn)",
    wrong="sửa đổi một số điều của nghị định số 37/2014/NĐ-CP; khoản 1 điều 50 Luật bầu cử đại biểu Quốc hội",
    right="sửa đổi một số điều của Nghị định số 37/2014/NĐ-CP; khoản 1 Điều 50 Luật Bầu cử đại biểu Quốc hội",
    why="Chữ hoa cho người đọc biết đây là một văn bản, một điều cụ thể được dẫn; viết thường là sai quy tắc viết hoa "
    "của Phụ lục II, lỗi người thẩm định văn bản hay bắt.",
    outside_kinds=frozenset({LAW}),  # a law cites laws and its own articles by the same capitals
)
def citation_capitals(doc: Document, report) -> None:
    """Khi dẫn một văn bản cụ thể, viết hoa chữ cái đầu của tên loại (“Nghị định số 37/2014/NĐ-CP”), của tên luật
    (“Luật Bầu cử …”) và của “Điều” được viện dẫn (“khoản 1 Điều 50”).

    One finding for each of the three, at its first slip, with the count: a text typed so is typed so throughout.
    """
    slips: dict[str, list[tuple[Paragraph, str, str]]] = {"type": [], "law": [], "article": []}
    for c in citations(doc):
        written = c.paragraph.stripped[c.start : c.start + len(c.word)]
        if written[:1].islower():
            slips["type"].append((c.paragraph, f"{written} số", f"{_capitalised(written)} số"))
    for p in text_paragraphs(doc, ("title", "body", "kinh_gui", "noi_nhan")):
        text = p.stripped
        if "uật" in text and (m := _LAW_NAME_LOWER.search(text)):
            law = "Bộ luật" if m.group(1).startswith("Bộ") else "Luật"
            slips["law"].append((p, m.group(0), f"{law} {_capitalised(m.group(2))}"))
        if "điều" in text and (m := _ARTICLE_LOWER.search(text)):
            article = m.group(1) or m.group(2)
            slips["article"].append((p, article, _capitalised(article)))
    for found in slips.values():
        if found:
            p, written, proper = min(found, key=lambda slip: slip[0].index)
            more = f" (và {len(found) - 1} chỗ khác)" if len(found) > 1 else ""
            report(p, f"Viết hoa chữ cái đầu khi dẫn: “{written}” — cần “{proper}”{more}", f"sửa thành “{proper}”")
