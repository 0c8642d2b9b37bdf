"""VB5xx — Kính gửi and Nơi nhận.

Source: Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.9 (ô 9a, 9b): "Nơi nhận:" 12 pt bold italic,
items 11 pt, each "- …;", the last "- Lưu: VT, …."; a Tờ trình, Báo cáo to a superior or a công văn with
"Kính gửi" lists "- Như trên;" first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..docmodel.document import INTERNAL_FORMS, Document, Paragraph
from ..docmodel.regions import continues_item
from .findings import Location, Severity
from .registry import rule

# Why the family matters to a clerk (`kit rules CODE` prints it under "Vì sao").
WHY = (
    "Kính gửi và Nơi nhận cho biết văn bản gửi ai để thực hiện, để biết và lưu ở đâu; văn thư phát hành và lưu theo đó."
)

_SOURCE = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.9.d"
# Only kinds whose model has no Nơi nhận are exempt: the giấy mời (Mẫu 1.7) and the giấy ủy quyền (Mẫu 1.4
# family) have one (domain.md G6, H10).
_NO_RECIPIENTS = {"hop_dong", "giay_phep", "bao_cao_thanh_tich", *INTERNAL_FORMS}
# The decree's models give these a Nơi nhận (Mẫu 1.8–1.10), but practice leaves it out often: a warning.
_RECIPIENTS_OPTIONAL = {"bien_ban", "giay_gioi_thieu", "giay_nghi_phep"}
# Documents addressed to someone named in the text ("Trân trọng giới thiệu ông … đến …"): "- Như trên;"
# is right there without a Kính gửi (Mẫu 1.8).
_AS_ABOVE_WITHOUT_KINH_GUI = {
    "giay_gioi_thieu",
    "giay_moi",
    "giay_nghi_phep",
    "bien_ban",
    "quyet_dinh",
    "thong_bao",
    "giay_phep",
    "giay_uy_quyen",
}


def _lines(doc: Document):
    return [p for p in doc.noi_nhan_items if p.stripped]


def _items(doc: Document) -> list[_Item]:
    """The Nơi nhận items, an item wrapped by hand onto a second line read as one (regions.continues_item)."""
    items: list[_Item] = []
    for p in _lines(doc):
        text = p.stripped
        if items and _SIDE_NOTE.match(text):
            continue  # "(Để b/cáo)" under an item: the note of a brace drawn beside the items around it
        if items and not text.startswith(_DASHES) and continues_item(items[-1].stripped, text):
            last = items[-1]
            items[-1] = _Item(last.first, f"{last.stripped} {text}", last.lines + (p,))
        else:
            items.append(_Item(p, text, (p,)))
    return items


_DASHES = ("-", "+", "•", "–", "—")
_SIDE_NOTE = re.compile(r"^\((?:[Đđ]ể|[Bb]/c)[^()]*\)$")


@dataclass(frozen=True)
class _Item:
    """One Nơi nhận item: its first line (where a finding points) and its whole text."""

    first: Paragraph
    stripped: str
    lines: tuple[Paragraph, ...]


def _first_column(p: _Item) -> str:
    """An item's text before a wide gap: "- Cổng thông tin điện tử Chính phủ;       Để đăng dự thảo" is an item
    and a side note (a brace drawn beside several items)."""
    # A brace's note opened on the item's line ("- Ban Thường trực Ủy ban; (Để") is a side note too.
    # Its close typed after another item ("- Thường trực HĐND tỉnh; b/cáo)") as well.
    return re.split(r"\t|\s{4,}|(?<=;)\s*\((?=[Đđ]ể\b)|(?<=;)\s*[^;()]*\)$", p.stripped, maxsplit=1)[0].strip()


@rule(
    "VB501",
    "noi-nhan-missing",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.9; Phụ lục III, Mẫu 1.4 (giấy ủy quyền), Mẫu 1.7 (giấy mời), "
    "Mẫu 1.8–1.10",
    wrong="Kế hoạch (hoặc giấy mời) không có phần Nơi nhận",
    right="Nơi nhận: / - Bộ Nội vụ; / - Lưu: VT, VP.",
    why="Không có Nơi nhận thì không biết văn bản phải gửi ai, văn thư không phát hành và lưu được; giấy mời, giấy ủy quyền cũng có Nơi nhận.",
)
def missing(doc: Document, report) -> None:
    """Văn bản có phần Nơi nhận — giấy mời, giấy ủy quyền cũng vậy (trừ loại mà mẫu không có Nơi nhận: báo cáo thành tích, phiếu trình…)."""
    if doc.noi_nhan_heading is None and doc.recognised and doc.standalone and doc.doc_type not in _NO_RECIPIENTS:
        report(
            Location("noi_nhan"),
            "Không có phần Nơi nhận",
            "ghi “Nơi nhận:” ở góc trái, ngang hàng chức vụ người ký, rồi các nơi nhận và “- Lưu: VT, ….”",
            at_most=Severity.WARNING if doc.doc_type in _RECIPIENTS_OPTIONAL else None,
        )


@rule("VB502", "noi-nhan-heading", Severity.ERROR, _SOURCE, wrong="Nơi nhận (thiếu dấu hai chấm)", right="Nơi nhận:")
def heading(doc: Document, report) -> None:
    """Chữ “Nơi nhận:” viết đúng, có dấu hai chấm."""
    p = doc.noi_nhan_heading
    if p is not None and p.stripped != "Nơi nhận:":
        report(p, f"Viết “{p.stripped}”", "ghi đúng “Nơi nhận:”")


@rule(
    "VB503",
    "noi-nhan-format",
    Severity.WARNING,
    _SOURCE,
    wrong="“Nơi nhận:” không nghiêng; các dòng cỡ 13",
    right="“Nơi nhận:” cỡ 12, đậm, nghiêng; các dòng cỡ 11",
)
def heading_format(doc: Document, report) -> None:
    """“Nơi nhận:” cỡ 12, nghiêng, đậm; các dòng nơi nhận cỡ 11, chữ đứng."""
    p = doc.noi_nhan_heading
    if p is not None and (not p.bold or not p.italic or any(size != 12 for size in p.sizes)):
        report(p, "“Nơi nhận:” không phải cỡ 12, đậm, nghiêng", "đặt cỡ 12, đậm, nghiêng")
    wrong = [item for item in _lines(doc) if item.italic or any(size != 11 for size in item.sizes)]
    if wrong:
        report(
            wrong[0],
            f"{len(wrong)} dòng nơi nhận không phải cỡ 11, chữ đứng",
            "đặt cỡ 11, chữ đứng cho các dòng nơi nhận",
        )


@rule("VB504", "noi-nhan-dash", Severity.ERROR, _SOURCE, wrong="Bộ Nội vụ;", right="- Bộ Nội vụ;")
def dash(doc: Document, report) -> None:
    """Mỗi nơi nhận bắt đầu bằng dấu gạch ngang “-”."""
    for item in _items(doc):
        if not item.stripped.startswith(("-", "+")):
            report(
                item.first,
                f"Nơi nhận “{item.stripped}” không bắt đầu bằng “-”",
                f"ghi “- {item.stripped.lstrip('•–— ')}”",
            )


@rule("VB505", "noi-nhan-semicolon", Severity.ERROR, _SOURCE, wrong="- Bộ Nội vụ", right="- Bộ Nội vụ;")
def semicolon(doc: Document, report) -> None:
    """Mỗi nơi nhận (trừ dòng cuối) kết thúc bằng dấu chấm phẩy “;”."""
    items = _items(doc)
    for p, following in zip(items[:-1], items[1:]):
        text = _first_column(p)
        if text.startswith("+"):
            continue  # sub-items of a group: practice varies
        if text.endswith(":") and following.stripped.startswith("+"):
            continue  # a group heading ("- Các sở:") followed by its "+" items
        if not text.endswith(";"):
            report(p.first, f"Nơi nhận “{text}” không kết thúc bằng “;”", f"ghi “{text.rstrip(' .,:')};”")


@rule("VB506", "noi-nhan-luu", Severity.ERROR, _SOURCE, wrong="- Lưu: VP; (dòng cuối)", right="- Lưu: VT, VP.")
def luu(doc: Document, report) -> None:
    """Dòng cuối của Nơi nhận là “- Lưu: VT, <đơn vị soạn thảo>.” và kết thúc bằng dấu chấm."""
    items = _items(doc)
    if doc.noi_nhan_heading is None:
        return
    last = items[-1] if items else None
    if last is None or not re.match(r"^[-+]?\s*Lưu\s*:", last.stripped):
        where = last.first if last else doc.noi_nhan_heading
        report(
            where,
            "Dòng cuối của Nơi nhận không phải “- Lưu: VT, ….”",
            "thêm dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
        )
        return
    if not re.match(r"^-?\s*Lưu\s*:\s*VT\b", last.stripped):
        report(last.first, f"Dòng lưu “{last.stripped}” không ghi VT (văn thư)", "ghi “- Lưu: VT, <đơn vị soạn thảo>.”")
    elif not last.stripped.endswith("."):
        report(
            last.first,
            f"Dòng lưu “{last.stripped}” không kết thúc bằng dấu chấm",
            f"ghi “{last.stripped.rstrip(';,: ')}.”",
        )
    for item in items[:-1]:
        if re.match(r"^-?\s*Lưu\s*:", item.stripped):
            report(item.first, "Dòng “Lưu” không ở cuối Nơi nhận", "chuyển dòng “- Lưu: VT, ….” xuống cuối")


@rule("VB507", "noi-nhan-duplicate", Severity.WARNING, _SOURCE, wrong="- Bộ Nội vụ; - Bộ Nội vụ;", right="- Bộ Nội vụ;")
def duplicate(doc: Document, report) -> None:
    """Một nơi nhận không ghi hai lần."""
    seen: dict[str, object] = {}
    for item in _items(doc):
        key = re.sub(r"[\s;.,:-]+", " ", item.stripped).strip().casefold()
        if key in seen:
            report(item.first, f"Nơi nhận “{item.stripped}” ghi lặp (đã có ở đoạn {seen[key]})", "xóa dòng lặp")
        else:
            seen[key] = item.first.index


@rule(
    "VB508",
    "nhu-tren",
    Severity.ERROR,
    "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.9.a–b",
    wrong="Tờ trình có “Kính gửi” mà nơi nhận đầu không phải “- Như trên;”",
    right="Kính gửi: … / Nơi nhận: / - Như trên;",
)
def nhu_tren(doc: Document, report) -> None:
    """Có “Kính gửi” thì nơi nhận đầu tiên là “- Như trên;”; không có “Kính gửi” thì không ghi “Như trên”."""
    if doc.doc_type in INTERNAL_FORMS or doc.noi_nhan_heading is None:
        return  # no Nơi nhận at all: VB501 says so once
    items = _items(doc)
    first = items[0] if items else None
    says_as_above = [p for p in items if re.match(r"^-?\s*Như\s+trên", p.stripped)]
    if doc.kinh_gui:
        # "- Như Kính gửi;" is the same reference to the addressees, common in practice.
        if first is None or not re.match(r"^-\s*Như\s+(?:trên|kính\s+gửi)\b[^;]*;$", first.stripped, re.IGNORECASE):
            report(
                first.first if first else doc.noi_nhan_heading or Location("noi_nhan"),
                "Văn bản có “Kính gửi” nhưng nơi nhận đầu tiên không phải “- Như trên;”",
                "ghi “- Như trên;” ở dòng đầu của Nơi nhận",
            )
    elif doc.doc_type not in _AS_ABOVE_WITHOUT_KINH_GUI:
        for item in says_as_above:
            report(item.first, "Ghi “Như trên” nhưng văn bản không có “Kính gửi”", "ghi cụ thể tên nơi nhận")
