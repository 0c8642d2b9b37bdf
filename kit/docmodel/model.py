"""The read-only document model every check uses: paragraphs in reading order with their place, their
effective formatting and their region; tables; sections; and the questions the rules ask of a document
(its Quốc hiệu, Số line, issuer, …). Reading a .docx into it is `document.open_document`; finding the
regions (header, title, Kính gửi, body, Nơi nhận, signature, appendices) is `regions.assign_regions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from ..vn import nfc, upper
from .effective import ParagraphFormat, RunFormat, W

_DEFAULT_SIZE_PT = 13  # the body's size under Decree 30, when a run says none
# Patterns read for every line, compiled once.
_SO_ANY_CASE = re.compile(r"^Số\b", re.IGNORECASE)
_SO_COLON = re.compile(r"^Số\s*:")
# A form's field that begins with "Số" ("Số điện thoại: …", "Số tài khoản: …"): a word in lower case before its
# colon, where a document's number has a colon, a figure, a slash or a blank right after "Số".
_SO_FIELD = re.compile(r"^Số\s+[a-zđà-ỹ][^\d:/…]*:(?!\s*[\d.…]*\s*/\s*[A-ZĐ])")  # not "Số ký hiệu: 05/KH-SNV"

# Tên loại of administrative documents (Decree 30/2020/NĐ-CP, Điều 7 and Phụ lục III) → (key, abbreviation).
DOCUMENT_TYPES = {
    "NGHỊ QUYẾT": ("nghi_quyet", "NQ"),
    "QUYẾT ĐỊNH": ("quyet_dinh", "QĐ"),
    "CHỈ THỊ": ("chi_thi", "CT"),
    "QUY CHẾ": ("quy_che", "QC"),
    "QUY ĐỊNH": ("quy_dinh", "QyĐ"),
    "THÔNG CÁO": ("thong_cao", "TC"),
    "THÔNG BÁO": ("thong_bao", "TB"),
    "HƯỚNG DẪN": ("huong_dan", "HD"),
    "CHƯƠNG TRÌNH": ("chuong_trinh", "CTr"),
    "KẾ HOẠCH": ("ke_hoach", "KH"),
    "PHƯƠNG ÁN": ("phuong_an", "PA"),
    "ĐỀ ÁN": ("de_an", "ĐA"),
    "DỰ ÁN": ("du_an", "DA"),
    "BÁO CÁO": ("bao_cao", "BC"),
    "BIÊN BẢN": ("bien_ban", "BB"),
    "TỜ TRÌNH": ("to_trinh", "TTr"),
    "HỢP ĐỒNG": ("hop_dong", "HĐ"),
    "CÔNG ĐIỆN": ("cong_dien", "CĐ"),
    "BẢN GHI NHỚ": ("ban_ghi_nho", "BGN"),
    "BẢN THỎA THUẬN": ("ban_thoa_thuan", "BTT"),
    "GIẤY ỦY QUYỀN": ("giay_uy_quyen", "GUQ"),
    "GIẤY MỜI": ("giay_moi", "GM"),
    "GIẤY GIỚI THIỆU": ("giay_gioi_thieu", "GGT"),
    "GIẤY NGHỈ PHÉP": ("giay_nghi_phep", "GNP"),
    "PHIẾU GỬI": ("phieu_gui", "PG"),
    "PHIẾU CHUYỂN": ("phieu_chuyen", "PC"),
    "PHIẾU BÁO": ("phieu_bao", "PB"),
    "THƯ CÔNG": ("thu_cong", ""),  # no abbreviation (Phụ lục III)
    # Legal normative documents share the layout (their number carries the year: 11/2024/TT-BTC).
    "THÔNG TƯ": ("thong_tu", "TT"),
    "THÔNG TƯ LIÊN TỊCH": ("thong_tu_lien_tich", "TTLT"),
    "NGHỊ ĐỊNH": ("nghi_dinh", "NĐ"),
    # The charter of an association, issued with (kèm theo) a quyết định.
    "ĐIỀU LỆ": ("dieu_le", ""),
    # Internal forms of an office (not issued documents of Điều 7): recognised so that the parts an issued
    # document must have (số, date, Nơi nhận) are not asked of them.
    "PHIẾU TRÌNH": ("phieu_trinh", ""),
    "PHIẾU GHI Ý KIẾN": ("phieu_y_kien", ""),
    "PHIẾU XIN Ý KIẾN": ("phieu_y_kien", ""),
    "PHIẾU LẤY Ý KIẾN": ("phieu_y_kien", ""),
    # Working papers that go with a document (a list of speakers, an outline for a report).
    "DANH SÁCH": ("danh_sach", ""),
    "ĐỀ CƯƠNG": ("de_cuong", ""),
    # Permits are issued under the sector laws, in the same layout; "GP" is the abbreviation in use.
    "GIẤY PHÉP": ("giay_phep", "GP"),
    # The achievement report of an award dossier (NĐ 91/2017 Mẫu 07 family): no số, no Nơi nhận.
    "BÁO CÁO THÀNH TÍCH": ("bao_cao_thanh_tich", "BC"),
}
# Longest names first, so "BÁO CÁO THÀNH TÍCH" is found before "BÁO CÁO".
# A draft stamp: "(Dự thảo)", "DỰ THẢO", "Dự thảo lần 2".
DRAFT_STAMP = re.compile(r"^\(?\s*dự\s*thảo\b[^()]{0,20}\)?$", re.IGNORECASE)
# The round of a draft written in or under its box ("Lần 2", "(Lần thứ 3)", "Làn 2" mistyped).
DRAFT_ROUND = re.compile(r"^\(?\s*L[ầàa]n\s+(?:thứ\s+)?\d{1,2}\s*\)?$", re.IGNORECASE)
CONG_VAN = "cong_van"
INTERNAL_FORMS = frozenset({"phieu_trinh", "phieu_y_kien", "danh_sach", "de_cuong"})


def _lines(text: str, width: float) -> float:
    """Printed lines of a paragraph of `text` in a column of `width` characters (an empty one: a little)."""
    return max(1, -(-len(text) // max(1, int(width)))) if text else 0.5


_ATTACHED = re.compile(r"^\(?\s*(Ban hành\s+)?[Kk]èm theo\b")
# A date line: "ngày … tháng … năm …", or a date in figures ("ngày 5/1/2026": malformed, but a date).
_DATE_LINE = re.compile(
    # a blank typed against the words is still a blank ("ngày__ tháng__ năm 2025"): "_" is no letter here
    r"\bngày(?![^\W_]).*\btháng(?![^\W_]).*năm(?![^\W_])|^[^\d,;:/]{2,40},?\s*ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*$"
    # "tháng" misspelled ("ngày 12 háng 01 năm 2026"): still the date line, malformed
    r"|^[^\d,;:/]{2,40},\s*ngày\s+\d{1,2}\s+\w{1,6}\s+\d{1,2}\s+năm\s+\d{4}\s*$",
    re.IGNORECASE,
)
# A word of two letters or more: a decorative line ("----- o0o -----", "***") has none.
_WORD = re.compile(r"[A-Za-zÀ-ỹĐđ]{2,}")


def is_tieu_ngu(text: str) -> bool:
    """The Tiêu ngữ, also misspelled or with other dashes ("Đôc lập – Tự Do – Hạnh phúc")."""
    key = canon(text)
    return key.startswith("ĐỘC LẬP") or ("TỰ DO" in key and "HẠNH PHÚC" in key)


# Old-style tone placement (hoà, thoả, uỷ) read as the style Decree 30 prints (hòa, thỏa, ủy).
_TONES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only at the end of a syllable: "hoà" → "hòa", but "hoạch" keeps its mark. The pairs of _TONES in either
# case, as two character classes (tried at every "o" and "u" of a text: one test each, not fifteen).
_TONE_PATTERN = re.compile(
    "(?:[oO][" + "".join(k[1] + k[1].upper() for k in _TONES if k[0] == "o") + "]"
    "|[uU][" + "".join(k[1] + k[1].upper() for k in _TONES if k[0] == "u") + r"])(?!\w)"
)


def tone_normal(text: str) -> str:
    """Vietnamese text with tone marks placed as Decree 30's own text places them."""

    def swap(match: re.Match) -> str:
        found = match.group(0)
        new = _TONES[found.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new))

    return _TONE_PATTERN.sub(swap, nfc(text))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # rules and regions ask it of the same lines again and again, across a batch too
def canon(text: str) -> str:
    """Upper-case, tone-normalised, single-spaced text for comparisons."""
    return _SPACES.sub(" ", upper(tone_normal(text))).strip()


_Kept = TypeVar("_Kept")


class _kept(Generic[_Kept]):
    """A property computed on first use and kept in the instance, like functools' cached_property without
    the lock Python 3.11 takes at every first use (thousands of paragraphs per document)."""

    def __init__(self, compute: Callable[[Any], _Kept]):
        self.compute, self.name = compute, compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: Any = None) -> _kept[_Kept]: ...

    @overload
    def __get__(self, instance: object, owner: Any = None) -> _Kept: ...

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


def _tab_stops(element) -> list[int]:
    """The tab stops set on the paragraph itself (w:tabs; cleared ones left out), in twips."""
    found = element.find(f"{W}pPr/{W}tabs") if hasattr(element, "find") else None
    stops = []
    for tab in found if found is not None else ():
        position = tab.get(W + "pos") or ""
        if tab.get(W + "val") != "clear" and position.lstrip("-").isdigit():
            stops.append(int(position))
    return stops


@dataclass
class Paragraph:
    """One paragraph as a reader sees it, with its place and its effective formatting."""

    index: int  # 1-based, in reading order over body and table cells
    element: object = field(repr=False)
    label: str  # the number Word adds (automatic numbering), "" if none
    own_text: str
    fmt: ParagraphFormat = field(repr=False)
    runs: tuple[RunFormat, ...] = field(repr=False)
    mark: RunFormat = field(repr=False)
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    region: str = "body"
    number: int = 0  # the paragraph's number as a reader counts them (lines of one paragraph share it)
    line: int = 0  # 0: the paragraph's first line; n: the n-th line after a line break (or tab column)
    column: int = 0  # 0: the left column; n: a column after n tab gaps (a header or closing laid out with tabs)
    decomposed: bool = False  # typed with separate combining marks (NFD) — the text above is already NFC
    section: int = 0  # 0-based section of the document the paragraph belongs to
    page: int | None = None  # the page its text starts on, when the file tells it (see _Reader.paginate)
    in_box: bool = False  # typed in a text box or a drawing's shape (a stamp, a figure's label), not the page's flow

    # Cached: a paragraph's label and text do not change once read, and the rules ask for them often.
    @_kept
    def text(self) -> str:
        if self.label and self.own_text:
            return f"{self.label} {self.own_text}"
        return self.label or self.own_text

    @_kept
    def stripped(self) -> str:
        return self.text.strip()

    def text_start_twips(self, default_tab: int = 720) -> int:
        """Where the first line's text starts on paper, from the margin: the left plus the first-line indent,
        then every tab typed before the text moves it to the next tab stop — the paragraph's own stops, the
        left indent of a hanging paragraph, or the document's default stops (a tab typed at the start of a
        paragraph on Word's default 720-twip stops is a 1,27 cm indent on paper)."""
        start = self.fmt.left_twips + self.fmt.first_line_twips
        if self.label:
            return start  # an automatic number: the tab after it is the number's, not an indent
        typed = self.own_text[: len(self.own_text) - len(self.own_text.lstrip("\t "))]
        if "\t" not in typed:
            return start
        stops = sorted(set(_tab_stops(self.element)))
        if self.fmt.first_line_twips < 0:
            stops = sorted({*stops, self.fmt.left_twips})  # a hanging indent is a stop of its own
        step = max(default_tab, 1)
        # A space typed before a tab moves the pen by its width (a quarter of the font size), so the tab goes
        # to the stop after it: " \t" from a left indent of −3 twips reaches 720, not 0.
        space = int((self.first.size_pt or _DEFAULT_SIZE_PT) * 20 / 4)
        for character in typed[: typed.rindex("\t") + 1]:  # spaces after the last tab belong to the text
            if character == "\t":
                start = next((stop for stop in stops if stop > start), (start // step + 1) * step)
            else:
                start += space
        return start

    @property
    def first(self) -> RunFormat:
        return self.runs[0] if self.runs else self.mark

    @property
    def bold(self) -> bool:
        return bool(self.runs) and all(run.bold for run in self.runs)

    @property
    def italic(self) -> bool:
        return bool(self.runs) and all(run.italic for run in self.runs)

    @property
    def sizes(self) -> set[float]:
        return {run.size_pt for run in self.runs if run.size_pt}

    @property
    def in_table(self) -> bool:
        return self.table is not None


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    span: int = 1

    @property
    def text(self) -> str:
        return " ".join(p.stripped for p in self.paragraphs if p.stripped)


@dataclass
class Row:
    cells: list[Cell]
    repeats_as_header: bool = False

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class Table:
    index: int  # 1-based, in reading order
    rows: list[Row]
    nested: bool = False
    body_position: int = 0  # position among the body's children (for tables split by page breaks)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for row in self.rows for cell in row.cells for p in cell.paragraphs]


@dataclass(frozen=True)
class Section:
    page_width_mm: float
    page_height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    landscape: bool
    different_first_page: bool
    page_number_in_header: bool


@dataclass
class Document:
    path: Path
    paragraphs: list[Paragraph]
    tables: list[Table]
    sections: list[Section]
    doc_type: str | None = None  # key of DOCUMENT_TYPES, CONG_VAN, or None
    type_name: str | None = None  # the tên loại as printed
    title: Paragraph | None = None
    trich_yeu: list[Paragraph] = field(default_factory=list)
    noi_nhan_heading: Paragraph | None = None
    noi_nhan_items: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    kinh_gui: list[Paragraph] = field(default_factory=list)
    appendices: list[list[Paragraph]] = field(default_factory=list)  # parts after the signature, each on its own
    pages: int | None = None  # the page count Word recorded (docProps/app.xml), when it is trustworthy
    page_breaks: int = 0  # page breaks and section breaks that start a page with text after them, in the body
    paged: bool = False  # the paragraphs' pages are known (Paragraph.page)
    # A kind of document Decree 30 does not govern (kit.docmodel.scope: "party", "petition", "contract",
    # "form", "mass_organisation", "consolidated", "teaching", "no_header", "template", "numbered_form", "bid"), or None.
    outside: str | None = None
    default_tab_twips: int = 720  # w:defaultTabStop of the document's settings (Word's own default: 1,27 cm)
    # The Quốc hiệu and the Tiêu ngữ typed in one paragraph with a space between: the line breaks where the
    # cell's width happens to end (read as two lines all the same).
    quoc_hieu_joined: bool = False
    # A text attached to another and sent as a file of its own: an appendix ("Phụ lục II", its name,
    # "(Kèm theo Quyết định số … của …)"), a list or a table issued with a document (regions.attached_text).
    attached: bool = False
    # Once the regions are assigned (read_document), what the rules look up is remembered here.
    _answers: dict | None = field(default=None, repr=False, compare=False)

    def _remember(self, key, compute):
        if self._answers is None:  # regions still being assigned
            return compute()
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]

    def region(self, name: str) -> list[Paragraph]:
        return self._remember(("region", name), lambda: [p for p in self.paragraphs if p.region == name])

    @property
    def header(self) -> list[Paragraph]:
        return self.region("header")

    @property
    def body(self) -> list[Paragraph]:
        return self.region("body")

    def find_header(self, predicate) -> Paragraph | None:
        return next((p for p in self.header if p.stripped and predicate(p)), None)

    @property
    def quoc_hieu(self) -> Paragraph | None:
        return self._remember("quoc_hieu", lambda: self._quoc_hieu())

    def _quoc_hieu(self) -> Paragraph | None:
        return self.find_header(lambda p: canon(p.stripped).startswith("CỘNG HÒA"))

    @property
    def tieu_ngu(self) -> Paragraph | None:
        return self._remember("tieu_ngu", lambda: self._tieu_ngu())

    def _tieu_ngu(self) -> Paragraph | None:
        return self.find_header(lambda p: is_tieu_ngu(p.stripped))

    @property
    def so_line(self) -> Paragraph | None:
        return self._remember("so_line", lambda: self._so_line())

    def _so_line(self) -> Paragraph | None:
        return self.find_header(
            lambda p: _SO_ANY_CASE.match(p.stripped) is not None and _SO_FIELD.match(p.stripped) is None
        )

    @property
    def date_line(self) -> Paragraph | None:
        return self._remember("date_line", lambda: self._date_line())

    def _date_line(self) -> Paragraph | None:
        # "tháng 4năm 2024" (no space before năm) is still the date line, not an agency name.
        return self.find_header(
            lambda p: _DATE_LINE.search(p.stripped) is not None and not p.stripped.lower().startswith("số")
        )

    @property
    def issuer(self) -> list[Paragraph]:
        """The lines naming the cơ quan chủ quản and the cơ quan ban hành."""
        return self._remember("issuer", self._issuer)

    def _issuer(self) -> list[Paragraph]:
        others = {id(p) for p in (self.quoc_hieu, self.tieu_ngu, self.so_line, self.date_line) if p}
        lines: list[Paragraph] = []
        ended: set = set()  # containers (table cells, or the page) where the Số line or V/v came: the name is above
        for p in self.header:
            container = (p.table, p.row, p.cell)
            if p is self.so_line or p.stripped.startswith("V/v") or _SO_COLON.match(p.stripped):
                ended.add(container)
                continue
            if not p.stripped or id(p) in others or container in ended:
                continue
            if p.stripped.startswith(("Kính gửi", "(", "Mẫu", "Biểu")):
                continue
            if (
                p.in_table
                and self.quoc_hieu is not None
                and p.cell == self.quoc_hieu.cell
                and p.table == self.quoc_hieu.table
            ):
                continue
            if not p.in_table and p.column > 0:
                continue  # the right column of a header laid out with tabs: Quốc hiệu, Tiêu ngữ, date
            if DRAFT_STAMP.match(p.stripped) or _DATE_LINE.search(p.stripped) or is_tieu_ngu(p.stripped):
                continue
            if DRAFT_ROUND.match(p.stripped):
                continue  # "Lần 2" under a "DỰ THẢO" box: the draft's round, no body's name
            if _WORD.search(p.stripped):  # not a decorative line ("----- o0o -----")
                lines.append(p)
        return lines

    @property
    def standalone(self) -> bool:
        """An issued document on its own: not a text attached to another ("Kèm theo Quyết định số …" under its
        title) and not a working paper without any header (an agenda whose first line is its title). Such
        texts do not need their own số, date, signature or Nơi nhận: the document they go with has them."""

        def compute() -> bool:
            if self.attached:
                return False
            if self.title is None:
                return True
            near = [p for p in self.paragraphs if self.title.index <= p.index <= self.title.index + 6 and p.stripped]
            if any(_ATTACHED.match(p.stripped) for p in near):
                return False
            return any(p.stripped for p in self.paragraphs[: self.title.index - 1] if p.region != "stamp")

        return self._remember("standalone", compute)

    @property
    def stamped_draft(self) -> bool:
        """The document says it is a draft ("DỰ THẢO", "Dự thảo lần 2") in its header or above its body: what
        is filled when it is signed (the signer's name) may still be open."""

        def compute() -> bool:
            return any(
                p.region in ("stamp", "header", "title") and DRAFT_STAMP.match(p.stripped)
                for p in self.paragraphs[:80]
                if p.stripped
            )

        return self._remember("stamped_draft", compute)

    @property
    def closing_end(self) -> int | None:
        """The index of the closing's last paragraph (the signature, the Nơi nhận), None without a signature.
        Body text after it — a superior's approval left blank for its hand ("PHÊ DUYỆT CỦA PHÒNG GD&ĐT …" and
        dotted lines), a note — is no part of the content, which ends above the signature (Phụ lục I, II.6–8)."""

        def compute() -> int | None:
            if not self.signature:
                return None
            closing = [p.index for p in self.signature] + [p.index for p in self.noi_nhan_items]
            if self.noi_nhan_heading is not None:
                closing.append(self.noi_nhan_heading.index)
            return max(closing)

        return self._remember("closing_end", compute)

    def in_content(self, p: Paragraph) -> bool:
        """`p` is not body text typed after the closing (see closing_end)."""
        end = self.closing_end
        return end is None or p.index <= end or p.region != "body"

    @property
    def number_blank(self) -> bool:
        """The Số line leaves the number blank ("Số:      /KH-SNV"): a copy made for signing, numbered by the
        văn thư once signed."""
        p = self.so_line
        return p is not None and re.match(r"^Số\s*:?\s*(/|$)", p.stripped.replace("…", "").replace(".", "")) is not None

    @property
    def recognised(self) -> bool:
        """Recognised as an administrative document: a tên loại, a "V/v" line or a Quốc hiệu — or as a text
        attached to one (an appendix sent as its own file)."""
        return self.attached or self.doc_type is not None or self.quoc_hieu is not None

    @property
    def appendix_sections(self) -> set[int]:
        """Sections holding only appendix paragraphs (they have their own page set-up)."""

        def compute() -> set[int]:
            main = {p.section for p in self.paragraphs if p.region != "appendix" and p.stripped}
            extra = {p.section for p in self.paragraphs if p.region == "appendix"}
            return extra - main

        return self._remember("appendix_sections", compute)

    @property
    def one_page(self) -> bool:
        """The document fits on one page: its own pages when they are known, never one page when it breaks
        pages itself (a count Word recorded before the breaks were added is stale), else Word's count, else an
        estimate from its text."""

        def compute() -> bool:
            if self.paged:
                return max((p.page or 1 for p in self.paragraphs), default=1) == 1
            if self.page_breaks:
                return False
            if self.pages is not None:
                return self.pages == 1
            if any(p.region == "appendix" for p in self.paragraphs):
                return False
            # About 30 lines of 13–14 pt text with 6 pt between paragraphs fit on an A4 page; a table row
            # is as tall as its fullest cell.
            lines = sum(_lines(p.stripped, 85) for p in self.paragraphs if not p.in_table)
            for table in self.tables:
                if table.nested:
                    continue
                for row in table.rows:
                    width = 85 / max(1, len(row.cells))
                    lines += max([sum(_lines(p.stripped, width) for p in cell.paragraphs) for cell in row.cells] or [1])
            return lines <= 30

        return self._remember("one_page", compute)

    @property
    def content(self) -> list[Paragraph]:
        """The body's paragraphs with text, in order."""
        return [p for p in self.body if p.stripped]
