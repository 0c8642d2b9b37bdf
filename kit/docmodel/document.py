"""The read-only document model every check uses: blocks in reading order, regions, sections.

Open a .docx with `open_document(path)`. Paragraphs of the body and of tables (nested too) come in
reading order, each with its text as a reader sees it (Word's automatic numbers included) and its
effective formatting. The regions a clerk names — header, title, Kính gửi, body, Nơi nhận,
signature — are found from the text and layout, whether or not they sit in tables.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import InputError, unreadable_reason
from ..inputcost import check_document_cost
from ..vn import nfc, upper
from .effective import ParagraphFormat, RunFormat, StyleSheet, W, run_pieces
from .numbering import Numbering

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
_TYPE_NAMES = sorted(DOCUMENT_TYPES, key=len, reverse=True)
# A draft stamp: "(Dự thảo)", "DỰ THẢO", "Dự thảo lần 2".
DRAFT_STAMP = re.compile(r"^\(?\s*dự\s*thảo\b[^()]{0,20}\)?$", re.IGNORECASE)
# Where an appendix or an attached document starts, after the main document's signature.
_APPENDIX_START = re.compile(
    r"^(PHỤ LỤC|Phụ lục\s*([IVXLC\d]+|số)?\s*[\d.:]*$|\(?\s*Kèm theo\b|\(?\s*Ban hành kèm theo\b)"
)
CONG_VAN = "cong_van"
INTERNAL_FORMS = frozenset({"phieu_trinh", "phieu_y_kien", "danh_sach", "de_cuong"})


def _lines(text: str, width: float) -> float:
    """Printed lines of a paragraph of `text` in a column of `width` characters (an empty one: a little)."""
    return max(1, -(-len(text) // max(1, int(width)))) if text else 0.5


# A text column no wider than this holds every document laid out per Decree 30 (A4, left margin 30–35 mm,
# right 15–20 mm): measuring with it overestimates a paragraph's lines, never underestimates them.
_NARROWEST_COLUMN_PT = 155 * 72 / 25.4


def _height_pt(text: str, fmt: ParagraphFormat, size_pt: float | None, width_pt: float) -> float:
    """An upper estimate of the height a paragraph takes on the page, spacing included."""
    size = size_pt or 14.0
    per_line = max(1, int(width_pt / (0.5 * size)))  # Times New Roman letters average under half an em
    lines = max(1, -(-len(text) // per_line))
    if fmt.line_rule == "exact" and fmt.line:
        line = fmt.line / 20
    elif fmt.line_rule == "atLeast" and fmt.line:
        line = max(fmt.line / 20, size * 1.2)
    else:
        line = (fmt.line or 240) / 240 * size * 1.2
    return lines * line + (fmt.space_before_twips + fmt.space_after_twips) / 20


def _paragraph_height(p: Paragraph, columns: int) -> float:
    size = p.mark.size_pt or max((run.size_pt or 0 for run in p.runs), default=0) or None
    return _height_pt(p.stripped, p.fmt, size, _NARROWEST_COLUMN_PT / max(1, columns))


_ATTACHED = re.compile(r"^\(?\s*(Ban hành\s+)?[Kk]èm theo\b")
_DATE_LINE = re.compile(r"\bngày\b.*\btháng\b.*năm\b", re.IGNORECASE)

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
# Only at the end of a syllable: "hoà" → "hòa", but "hoạch" keeps its mark.
_TONE_PATTERN = re.compile("(?:" + "|".join(_TONES) + r")(?!\w)", re.IGNORECASE)


def tone_normal(text: str) -> str:
    """Vietnamese text with tone marks placed as Decree 30's own text places them."""

    def swap(match: re.Match) -> str:
        found = match.group(0)
        new = _TONES[found.lower()]
        return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new))

    return _TONE_PATTERN.sub(swap, nfc(text))


def canon(text: str) -> str:
    """Upper-case, tone-normalised, single-spaced text for comparisons."""
    return re.sub(r"\s+", " ", upper(tone_normal(text))).strip()


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

    # Cached: a paragraph's label and text do not change once read, and the rules ask for them often.
    @cached_property
    def text(self) -> str:
        if self.label and self.own_text:
            return f"{self.label} {self.own_text}"
        return self.label or self.own_text

    @cached_property
    def stripped(self) -> str:
        return self.text.strip()

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
    page_breaks: int = 0  # explicit page breaks and section breaks in the body
    paged: bool = False  # the paragraphs' pages are known (Paragraph.page)
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
        return self.find_header(lambda p: canon(p.stripped).startswith("ĐỘC LẬP"))

    @property
    def so_line(self) -> Paragraph | None:
        return self._remember("so_line", lambda: self._so_line())

    def _so_line(self) -> Paragraph | None:
        return self.find_header(lambda p: re.match(r"^Số\b", p.stripped, re.IGNORECASE) is not None)

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
            if p is self.so_line or p.stripped.startswith("V/v") or re.match(r"^Số\s*:", p.stripped):
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
            if (
                DRAFT_STAMP.match(p.stripped)
                or _DATE_LINE.search(p.stripped)
                or canon(p.stripped).startswith("ĐỘC LẬP")
            ):
                continue
            if re.search(r"[A-Za-zÀ-ỹĐđ]", p.stripped):
                lines.append(p)
        return lines

    @property
    def standalone(self) -> bool:
        """An issued document on its own: not a text attached to another ("Kèm theo Quyết định số …" under its
        title) and not a working paper without any header (an agenda whose first line is its title). Such
        texts do not need their own số, date, signature or Nơi nhận: the document they go with has them."""

        def compute() -> bool:
            if self.title is None:
                return True
            near = [p for p in self.paragraphs if self.title.index <= p.index <= self.title.index + 6 and p.stripped]
            if any(_ATTACHED.match(p.stripped) for p in near):
                return False
            return any(p.stripped for p in self.paragraphs[: self.title.index - 1] if p.region != "stamp")

        return self._remember("standalone", compute)

    @property
    def recognised(self) -> bool:
        """Recognised as an administrative document: a tên loại, a "V/v" line or a Quốc hiệu."""
        return self.doc_type is not None or self.quoc_hieu is not None

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
        """The document fits on one page (Word's count when recorded, else an estimate from its text)."""

        def compute() -> bool:
            if self.pages is not None:
                return self.pages == 1
            if self.page_breaks:
                return False
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


_TXBX, _MC, _BR = W + "txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}", W + "br"
MAX_PARAGRAPHS = 100_000  # a 500-page document has about 15,000


def _text_boxes(p) -> list:
    """The text boxes anchored in paragraph `p` (not the fallback copies, not boxes inside boxes)."""
    boxes = []
    for box in p.iterfind(".//" + _TXBX):
        outer = False
        for ancestor in box.iterancestors():
            if ancestor is p:
                break
            if ancestor.tag == _TXBX or ancestor.tag == _MC + "Fallback":
                outer = True
                break
        if not outer:
            boxes.append(box)
    return boxes


def _has_title_start(text: str) -> bool:
    first = text.strip().split("\n")[0].strip()
    return first.startswith("V/v") or (first == upper(first) and _type_of(first) is not None)


class _Reader:
    def __init__(self, document):
        self.styles = StyleSheet.of(document)
        try:
            numbering_root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering_root = None
        self.numbering = Numbering(numbering_root, self.styles)
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.count = 0  # paragraphs read (w:p elements)
        self.section = 0
        self.page_breaks = 0
        # Pages, as far as the file records them: Word's rendered page breaks (written when it saves), explicit
        # page breaks, "page break before" and section breaks that start a new page.
        self.page = 1
        self.page_empty = True  # no text on the current page yet: a rendered break here repeats a forced one
        self.rendered_breaks = 0
        self.section_starts = _section_starts(document.element.body)
        self.title_seen = False
        self.closing_columns = 0  # paragraphs left in which a closing laid out with tabs is split in columns

    def paragraph(self, element, table=None, row=None, cell=None, style_table: str | None = None) -> list[Paragraph]:
        """The paragraph as lines (one Paragraph per line break; a header laid out with tabs, per column),
        followed by the paragraphs of its text boxes."""
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            raise InputError(
                f"văn bản có hơn {MAX_PARAGRAPHS:,} đoạn — không phải một văn bản hành chính bình thường; "
                "kiểm tra nguồn của tệp".replace(",", ".")
            )
        # The paragraph's style, looked up once: the label, the format and every run depend on it.
        para_style = self.styles.paragraph_style_id(element) or ""
        label = self.numbering.label(element, para_style)
        fmt = self.styles.paragraph_format(element, style_table, para_style)
        indent = self.numbering.indent(element, para_style) if label else None
        if indent is not None and not self.styles.has_direct_indent(element):
            fmt = replace(fmt, **indent)
        mark = self.styles.run_format(element, None, style_table, para_style)
        pieces = []
        raw = run_pieces(element)
        decomposed = _decomposed("".join(piece for _, piece in raw))
        for r, piece in raw:
            run_format = self.styles.run_format(element, r, style_table, para_style)
            piece = nfc(piece)
            # Text formatted All Caps is read as the reader sees it: in capitals.
            pieces.append((run_format, upper(piece) if run_format.caps else piece))
        text = "".join(piece for _, piece in pieces)
        # Lines at line breaks always; columns at tabs (and wide runs of spaces before a capital) in a header
        # or a closing laid out without a table (Quốc hiệu beside the agency, the signer beside the Nơi nhận).
        if table is None and re.match(r"\s*nơi nhận", text, re.IGNORECASE):
            self.closing_columns = 20
        columns = table is None and (not self.title_seen or self.closing_columns > 0)
        self.closing_columns = max(0, self.closing_columns - 1)
        if not self.title_seen and _has_title_start(label + " " + text if label else text):
            self.title_seen = True
        texts = _segments(text, pieces, columns)
        number = self.count
        page = self.paginate(element, fmt, table is None, bool(text.strip()))
        made = []
        for position, (line_text, runs, column) in enumerate(texts):
            paragraph = Paragraph(
                index=len(self.paragraphs) + 1,
                element=element,
                label=label if position == 0 else "",
                own_text=line_text if len(texts) > 1 else text,
                fmt=fmt,
                runs=tuple(runs),
                mark=mark,
                table=table,
                row=row,
                cell=cell,
                number=number,
                line=position,
                column=column,
                decomposed=decomposed and position == 0,
                section=self.section,
                page=page,
            )
            self.paragraphs.append(paragraph)
            made.append(paragraph)
        if table is None and element.find(f"{W}pPr/{W}sectPr") is not None:
            self.section += 1
            self.page_breaks += 1
            if self.section_starts[min(self.section, len(self.section_starts) - 1)] != "continuous":
                self.page += 1
                self.page_empty = True
        elif any(br.get(W + "type") == "page" for br in element.iter(_BR)):
            self.page_breaks += 1
        for box in _text_boxes(element):
            made.extend(self.body(box, table, row, cell))
        return made

    def table(self, element, position: int, nested: bool) -> None:
        table = Table(index=len(self.tables) + 1, rows=[], nested=nested, body_position=position)
        self.tables.append(table)
        style = element.find(f"{W}tblPr/{W}tblStyle")
        style_table = style.get(W + "val") if style is not None else None
        for row_index, tr in enumerate(element.findall(W + "tr")):
            header = tr.find(f"{W}trPr/{W}tblHeader") is not None
            cells = []
            # The cells of a row run side by side: a row split over two pages has a rendered break in each
            # cell, and the row ends on the page its longest cell ends on.
            start, ends = (self.page, self.page_empty), []
            for cell_index, tc in enumerate(tr.findall(W + "tc")):
                self.page, self.page_empty = start
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                cell = Cell([], _span(span))
                for child in tc:
                    if child.tag == W + "p":
                        cell.paragraphs.extend(self.paragraph(child, table.index, row_index, cell_index, style_table))
                    elif child.tag == W + "tbl":
                        self.table(child, position, nested=True)
                cells.append(cell)
                ends.append((self.page, self.page_empty))
            if ends:
                self.page = max(page for page, _ in ends)
                self.page_empty = all(empty for page, empty in ends if page == self.page)
            table.rows.append(Row(cells, header))

    def paginate(self, element, fmt: ParagraphFormat, in_body: bool, has_text: bool) -> int:
        """The page paragraph `element` starts on, moving the count past the breaks it holds."""
        if fmt.page_break_before and in_body and not self.page_empty:
            self.page += 1
            self.page_empty = True
        if not any(mark.tag == _LRPB or mark.get(_BR_TYPE) == "page" for mark in element.iter(_LRPB, _BR)):
            self.page_empty = self.page_empty and not has_text  # most paragraphs: no break inside
            return self.page
        first = None
        for kind in _page_events(element):
            if kind == "text":
                if first is None:
                    first = self.page
                self.page_empty = False
            elif kind == "rendered":
                self.rendered_breaks += 1
                if not self.page_empty:  # Word also marks the page a forced break started: counted once
                    self.page += 1
                    self.page_empty = True
            else:  # an explicit page break: always a new page, an empty one too
                self.page += 1
                self.page_empty = True
        return first if first is not None else self.page

    def pages_known(self, recorded: int | None, sections: list[Section]) -> bool:
        """The pages counted are the pages Word shows: the count agrees with the one Word recorded, and
        without rendered breaks (a file not saved by Word) every page surely holds its text."""
        if recorded is not None and recorded != self.page:
            return False
        if self.rendered_breaks or recorded == 1:
            return True
        heights: dict[int, float] = {}  # points of text on each page, overestimated
        for p in self.paragraphs:
            if not p.in_table and p.page is not None:
                heights[p.page] = heights.get(p.page, 0) + _paragraph_height(p, 1)
        for table in self.tables:
            for row in table.rows:
                first = next((p for cell in row.cells for p in cell.paragraphs), None)
                if first is not None and first.page is not None:
                    tallest = max(sum(_paragraph_height(p, len(row.cells)) for p in c.paragraphs) for c in row.cells)
                    heights[first.page] = heights.get(first.page, 0) + tallest
        room = min((s.page_height_mm - s.top_mm - s.bottom_mm for s in sections), default=0) * 72 / 25.4
        return all(height <= room for height in heights.values())

    def body(self, body, table=None, row=None, cell=None) -> list[Paragraph]:
        made = []
        for position, child in enumerate(body):
            if child.tag == W + "p":
                made.extend(self.paragraph(child, table, row, cell))
            elif child.tag == W + "tbl":
                self.table(child, position, nested=table is not None)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    made.extend(self.body(content, table, row, cell))
        return made


_LRPB, _T_TAG, _FALLBACK, _BR_TYPE = W + "lastRenderedPageBreak", W + "t", _MC + "Fallback", W + "type"


def _page_events(p):
    """ "text", "rendered" (a page break Word rendered) and "page" (an explicit page break) in paragraph `p`,
    in order; text boxes and the fallback copy of alternate content left out."""
    nested = p.find(".//" + _TXBX) is not None or p.find(".//" + _FALLBACK) is not None
    for element in p.iter(_T_TAG, _LRPB, _BR):
        if nested and _inside_box(element, p):
            continue
        if element.tag == _T_TAG:
            if element.text:
                yield "text"
        elif element.tag == _LRPB:
            yield "rendered"
        elif element.get(W + "type") == "page":
            yield "page"


def _inside_box(element, p) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is p:
            return False
        if ancestor.tag == _TXBX or ancestor.tag == _FALLBACK:
            return True
    return False


_SECTION_PROPERTIES = etree.XPath(
    "./w:p/w:pPr/w:sectPr | ./w:sdt/w:sdtContent/w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces={"w": W[1:-1]}
)


def _section_starts(body) -> list[str]:
    """How each section of the body starts (w:type of its w:sectPr; a new page when not said)."""
    starts = []
    # The body's own paragraphs (a content control's too) end the sections but the last, which the body ends.
    for sect in _SECTION_PROPERTIES(body):
        kind = sect.find(W + "type")
        starts.append(kind.get(W + "val", "nextPage") if kind is not None else "nextPage")
    return starts or ["nextPage"]


_GAP = re.compile(r"\n|\t[\t ]*|(?<=\S) {4,}(?=\S)")


def _segments(text: str, pieces: list[tuple[RunFormat, str]], columns: bool) -> list[tuple[str, list[RunFormat], int]]:
    """(text, formats of its runs with text, column) of each line or column of a paragraph. One segment,
    the whole text, when there is nothing to split (most paragraphs)."""
    if "\n" not in text and not (columns and ("\t" in text or "    " in text)):
        return [(text, [fmt for fmt, piece in pieces if piece.strip()], 0)]
    cuts: list[tuple[int, int, int]] = []  # (start, end, column)
    position, column = 0, 0
    for m in _GAP.finditer(text):
        gap = m.group(0)
        if gap != "\n" and not columns:
            continue
        if gap.startswith(" ") and not text[m.end()].isupper():
            continue  # spaces left for a number or a day ("Số:      /UBND", "ngày      tháng")
        cuts.append((position, m.start(), column))
        column = 0 if gap == "\n" else column + 1
        position = m.end()
    cuts.append((position, len(text), column))
    bounds, offset = [], 0
    for fmt, piece in pieces:
        bounds.append((offset, offset + len(piece), fmt, piece))
        offset += len(piece)
    segments = []
    first = 0  # the first run that may overlap the segment: both go forward only (linear in runs and cuts)
    for start, end, column in cuts:
        while first < len(bounds) and bounds[first][1] <= start:
            first += 1
        if not text[start:end].strip():
            continue
        runs = []
        index = first
        while index < len(bounds) and bounds[index][0] < end:
            low, _, fmt, piece = bounds[index]
            if piece[max(0, start - low) : end - low].strip():
                runs.append(fmt)
            index += 1
        segments.append((text[start:end], runs, column))
    return segments or [("", [], 0)]


def _decomposed(text: str) -> bool:
    """Letters typed with separate combining marks (NFD). Compatibility characters that NFC merely
    replaces (Ω OHM SIGN, Å ANGSTROM SIGN) are not decomposed text."""
    if unicodedata.is_normalized("NFC", text):
        return False
    return any(unicodedata.combining(char) and index and text[index - 1].isalpha() for index, char in enumerate(text))


def _span(element) -> int:
    if element is None:
        return 1
    try:
        return max(1, min(int(element.get(W + "val", "1")), 64))
    except ValueError:
        return 1


def _sections(document) -> list[Section]:
    sections = []
    for section in document.sections:

        def mm(length) -> float:
            return round(length.mm, 1) if length is not None else 0.0

        has_field = False
        try:
            header = section.header
            if not header.is_linked_to_previous or True:
                xml = etree.tostring(header._element, encoding="unicode")
                has_field = "PAGE" in xml and ("instrText" in xml or "fldSimple" in xml)
        except (AttributeError, KeyError, NotImplementedError):
            has_field = False
        width, height = mm(section.page_width), mm(section.page_height)
        sections.append(
            Section(
                page_width_mm=width,
                page_height_mm=height,
                top_mm=mm(section.top_margin),
                bottom_mm=mm(section.bottom_margin),
                left_mm=mm(section.left_margin),
                right_mm=mm(section.right_margin),
                landscape=width > height,
                different_first_page=bool(section.different_first_page_header_footer),
                page_number_in_header=has_field,
            )
        )
    return sections


def _type_of(text: str) -> str | None:
    """The tên loại a title line starts with: "GIẤY MỜI HỌP" is a GIẤY MỜI, "BIÊN BẢN LÀM VIỆC" a BIÊN BẢN."""
    key = canon(text).rstrip(":").strip()
    for name in _TYPE_NAMES:
        if key == name or (key.startswith(name + " ") and not key[len(name) + 1 :].startswith(("SỐ", "NGÀY"))):
            return name
    return None


def _find_title(paragraphs: list[Paragraph]) -> tuple[Paragraph | None, str | None]:
    """The tên loại paragraph (its first line) and the type name."""
    for p in paragraphs[:80]:
        text = p.stripped
        if text and text == upper(text) and not p.in_table and _type_of(text):
            return p, _type_of(text)
    for p in paragraphs[:80]:  # a title typed in the header table (some agencies' templates)
        text = p.stripped
        if text and text == upper(text) and _type_of(text) and canon(text) in DOCUMENT_TYPES:
            return p, _type_of(text)
    return None, None


def _is_trich_yeu(p: Paragraph, first: bool) -> bool:
    text = p.stripped
    if text.startswith(("Kính gửi", "Căn cứ", "Thực hiện", "Theo ")) or re.match(r"^(\d+|[IVX]+|[a-zđ])[.)]\s", text):
        return False
    if p.fmt.alignment == "center":
        return True
    # A trích yếu typed left-aligned: the first line under the tên loại, short and bold.
    return first and p.bold and len(text) < 250


def _header_end_without_title(paragraphs: list[Paragraph]) -> int:
    """Where the header of a document with a Quốc hiệu but no recognised tên loại ends."""
    quoc_hieu = next((p for p in paragraphs[:40] if canon(p.stripped).startswith("CỘNG HÒA XÃ HỘI")), None)
    if quoc_hieu is None:
        return 1
    end = quoc_hieu.index + 2
    if quoc_hieu.table is not None:
        end = max(p.index for p in paragraphs if p.table == quoc_hieu.table) + 1
    for p in paragraphs[quoc_hieu.index : quoc_hieu.index + 12]:
        if _DATE_LINE.search(p.stripped) or re.match(r"^Số\b", p.stripped):
            end = max(end, p.index + 1)
    return end


def _appendix_starts(doc: Document, after: int) -> list[Paragraph]:
    """The first paragraph of each appendix or attached document after the main document's closing."""
    starts: list[Paragraph] = []
    closing_at: int | None = None  # index of the Nơi nhận heading or of the content's "./."
    for p in doc.paragraphs:
        if p.index <= after or not p.stripped:
            continue
        text = p.stripped
        opens = (
            _APPENDIX_START.match(text) is not None
            or canon(text).startswith("CỘNG HÒA XÃ HỘI")
            or (text == upper(text) and re.match(r"^(PHIẾU|DANH SÁCH|BIỂU|MẪU SỐ|BẢNG)\b", text) is not None)
        )
        if (
            closing_at is not None
            and opens
            and (starts or p.index - closing_at >= 3 or doc.paragraphs[closing_at - 1].region == "noi_nhan")
        ):
            first = p
            if p.table is not None:
                first = next(q for q in doc.paragraphs if q.table == p.table)
            if first.index > after and (not starts or first.index > starts[-1].index + 1):
                starts.append(first)
            continue
        if closing_at is None and (re.match(r"^nơi\s+nhận\s*:?", text, re.IGNORECASE) or text.endswith(("./.", "/."))):
            closing_at = p.index
    return starts


def _assign_regions(doc: Document) -> None:
    paragraphs = doc.paragraphs
    title, type_name = _find_title(paragraphs)
    cong_van = next((p for p in paragraphs[:60] if p.stripped.startswith("V/v")), None)
    if title is not None and type_name is not None:
        doc.title, doc.type_name = title, type_name
        doc.doc_type = DOCUMENT_TYPES[type_name][0]
        header_end = title.index
    elif cong_van is not None:
        doc.doc_type = CONG_VAN
        header_table = cong_van.table
        last_header = max(
            (p.index for p in paragraphs if header_table is not None and p.table == header_table),
            default=cong_van.index,
        )
        header_end = last_header + 1
    else:
        header_end = _header_end_without_title(paragraphs)
    for p in paragraphs:
        p.region = "header" if p.index < header_end else "body"
    if title is not None:
        title.region = "title"
        following = [p for p in paragraphs if p.index > title.index]
        first = True
        for p in following[:6]:
            if p.element is title.element and p.stripped:  # the trích yếu after a line break in the title
                p.region = "title"
                doc.trich_yeu.append(p)
                first = False
                continue
            if not p.stripped or DRAFT_STAMP.match(p.stripped):
                if doc.trich_yeu and not p.stripped:
                    break
                continue
            if p.in_table != title.in_table or not _is_trich_yeu(p, first):
                break
            p.region = "title"
            doc.trich_yeu.append(p)
            first = False
    body_start = max([header_end] + [p.index for p in doc.trich_yeu])
    for p in paragraphs:
        if p.index <= body_start + 3 and DRAFT_STAMP.match(p.stripped):
            p.region = "stamp"
    starts = _appendix_starts(doc, title.index if title is not None else header_end)
    for number, start in enumerate(starts):
        end = starts[number + 1].index if number + 1 < len(starts) else len(paragraphs) + 1
        part = [p for p in paragraphs if start.index <= p.index < end]
        for p in part:
            p.region = "appendix"
        doc.appendices.append(part)
    _assign_closing(doc)
    for p in paragraphs:
        if p.region in ("body", "header") and p.stripped.startswith("Kính gửi"):
            p.region = "kinh_gui"
            doc.kinh_gui.append(p)
            # The addressees follow: in the body, or in the next cell of the row (a header table's last row).
            container = [
                q
                for q in paragraphs
                if q.index > p.index
                and q.region == p.region == "kinh_gui"
                or q.index > p.index
                and q.region in ("body", "header")
                and (p.table is None or (q.table, q.row) == (p.table, p.row) or q.table is None)
            ]
            if p.stripped.rstrip(":").strip() == "Kính gửi":
                for q in container:
                    if q.stripped.startswith(("-", "+")):
                        q.region = "kinh_gui"
                        doc.kinh_gui.append(q)
                    elif q.stripped:
                        break
            break


def _same_container(a: Paragraph, b: Paragraph) -> bool:
    return (a.table, a.row, a.cell) == (b.table, b.row, b.cell)


def _assign_closing(doc: Document) -> None:
    paragraphs = doc.paragraphs
    heading = next(
        (
            p
            for p in reversed(paragraphs)
            if re.match(r"^nơi\s+nhận\s*:?", p.stripped, re.IGNORECASE) and p.region == "body"
        ),
        None,
    )
    if heading is not None:
        heading.region = "noi_nhan"
        doc.noi_nhan_heading = heading
        beside: list[Paragraph] = []  # a signer typed beside the Nơi nhận, after tabs
        for p in paragraphs[heading.index :]:
            if not _same_container(p, heading):
                if heading.in_table:
                    continue
                break
            if not p.stripped or p.region == "appendix":
                continue
            if not heading.in_table and p.column > 0:
                beside.append(p)
                continue
            if not heading.in_table and not p.stripped.startswith(("-", "+", "•")):
                break
            p.region = "noi_nhan"
            doc.noi_nhan_items.append(p)
        if heading.in_table:
            signature = [
                p for p in paragraphs if p.table == heading.table and p.row == heading.row and p.cell != heading.cell
            ]
            signature += _name_after_table(doc, heading.table)
        else:
            last_item = doc.noi_nhan_items[-1].index if doc.noi_nhan_items else heading.index
            signature = beside + [
                p for p in paragraphs if p.index > last_item and p.region == "body" and p not in beside
            ]
            before = [p for p in paragraphs if p.index < heading.index and p.region == "body" and p.stripped]
            ends = [i for i, p in enumerate(before) if p.stripped.endswith(("./.", "/."))]
            if ends:  # the content ends with ./.; a signature can only follow it
                before = before[ends[-1] + 1 :]
            table = _signature_table(doc)
            if table and all(not p.stripped for p in paragraphs[table[-1].index + 1 : heading.index]):
                # Signatures in a table right above the Nơi nhận (Mẫu 1.9: THƯ KÝ | CHỦ TỌA, then Nơi nhận).
                signature = table + _name_after_table(doc, table[0].table) + signature
            else:
                # A signature typed before the Nơi nhận (in the body, not in a table) ends the content too.
                signature = _trailing_signature(before) + signature
    else:
        signature = _signature_table(doc)
        if signature:
            signature += _name_after_table(doc, signature[0].table)
        else:
            signature = _trailing_signature([p for p in paragraphs if p.region == "body"])
    for p in signature:
        p.region = "signature"
    doc.signature = [p for p in signature if p.stripped]


_ACADEMIC_PREFIX = re.compile(r"^((GS|PGS|TS|TSKH|ThS|BS|KS|CN)\.\s*)+")


def _is_name_text(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() for w in words)
        and text != upper(text)
        and not re.search(r"[.,;:/\d]", text)
    )


def _name_after_table(doc: Document, table: int | None) -> list[Paragraph]:
    """The signer's name typed under the signature table instead of inside it (the table ends with the title)."""
    last = max((p.index for p in doc.paragraphs if p.table == table), default=None)
    if last is None:
        return []
    found = []
    for p in doc.paragraphs[last:]:
        if p.in_table or p.region != "body":
            break
        if not p.stripped:
            found.append(p)
            continue
        # Two signers' names on one line, spaced apart under their columns ("Nguyễn Văn A      TS. Trần B").
        parts = [_ACADEMIC_PREFIX.sub("", part) for part in re.split(r"\t+|\s{4,}", p.stripped) if part.strip()]
        if parts and all(_is_name_text(part) for part in parts):
            found.append(p)
        break
    return found if any(p.stripped for p in found) else []


def _looks_like_title_line(p: Paragraph) -> bool:
    text = p.stripped
    if re.match(r"^([IVXLC]+\.|\d+\.|[a-zđ]\)|-)\s", text):
        return False  # a numbered heading in capitals is not a signer's title
    return bool(text) and text == upper(text) and re.search(r"[A-ZÀ-ỸĐ]", text) is not None and len(text) < 60


def _trailing_signature(candidates: list[Paragraph]) -> list[Paragraph]:
    """Signature lines at the end of `candidates`: title lines in capitals, then a name."""
    found: list[Paragraph] = []
    for p in reversed(candidates):
        if not p.stripped:
            found.append(p)
            continue
        words = p.stripped.split()
        is_name = len(words) <= 6 and all(w[:1].isupper() for w in words) and p.stripped != upper(p.stripped)
        if _looks_like_title_line(p) or (is_name and not any(_looks_like_title_line(q) for q in found)):
            found.append(p)
            continue
        break
    if not any(_looks_like_title_line(p) for p in found):
        return []
    return list(reversed(found))


def _signature_table(doc: Document) -> list[Paragraph]:
    """The last top-level table whose cells each start with a title in capitals (e.g. THƯ KÝ | CHỦ TỌA),
    or, in a row under titles, with the signers' names (names in a row of their own stand on one line)."""
    for table in reversed(doc.tables):
        if table.nested or any(p.region != "body" for p in table.paragraphs):
            continue
        if not 1 <= len(table.rows) <= 3:
            return []
        titled = False
        for row in table.rows:
            firsts = [p for p in (next((q for q in cell.paragraphs if q.stripped), None) for cell in row.cells) if p]
            if all(_looks_like_title_line(p) for p in firsts):
                titled = titled or bool(firsts)
            elif not (titled and all(_is_name_text(_ACADEMIC_PREFIX.sub("", p.stripped)) for p in firsts)):
                return []
        return table.paragraphs if titled else []
    return []


def read_document(document, path: Path, pages: int | None = None) -> Document:
    """The model of an open python-docx Document; `pages`: the page count Word recorded, if known."""
    reader = _Reader(document)
    reader.body(document.element.body)
    sections = _sections(document)
    doc = Document(
        path=path,
        paragraphs=reader.paragraphs,
        tables=reader.tables,
        sections=sections,
        pages=pages,
        page_breaks=reader.page_breaks,
        paged=reader.pages_known(pages, sections),
    )
    if not doc.paged:
        for p in doc.paragraphs:
            p.page = None
    _assign_regions(doc)
    doc._answers = {}
    return doc


_P_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 500-page document unpacks to a few MB


def _inspect_package(path: Path) -> int | None:
    """Refuse what no real document is (a zip bomb, a flood of paragraphs) before anything is built, and
    return the page count Word recorded — one opening of the package for all three."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None  # reported by the reader
    with archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES or len(entries) > 10000:
            raise InputError(
                f"{path.name}: tệp giải nén ra quá lớn ({unpacked // 2**20} MB, {len(entries)} phần) — "
                "không phải một văn bản Word bình thường; kiểm tra nguồn của tệp"
            )
        try:
            body = archive.getinfo("word/document.xml")
            # A paragraph takes at least 6 bytes ("<w:p/>"): smaller parts cannot hold too many.
            if body.file_size > 6 * MAX_PARAGRAPHS:
                _count_paragraphs(path, archive)
            return _recorded_pages(archive)
        except (KeyError, zipfile.BadZipFile, OSError, zlib.error, EOFError):
            return None


def _count_paragraphs(path: Path, archive: zipfile.ZipFile) -> None:
    """More paragraphs than any real document, counted in the stream without building anything."""
    with archive.open("word/document.xml") as stream:
        count, tail = 0, b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += len(_P_TAG.findall(data))
            tail = data[-8:] if not data.endswith(b">") else b""
            if count > MAX_PARAGRAPHS:
                raise InputError(
                    f"{path.name}: văn bản có hơn {MAX_PARAGRAPHS:,} đoạn".replace(",", ".")
                    + " — không phải một văn bản hành chính bình thường; kiểm tra nguồn của tệp"
                )


def _recorded_pages(archive: zipfile.ZipFile) -> int | None:
    """The page count Word wrote in docProps/app.xml — only when it also counted words (a template copied by
    a program keeps its stale statistics: zero words)."""
    try:
        data = archive.read("docProps/app.xml")[:20000].decode("utf-8", "replace")
    except KeyError:
        return None
    pages = re.search(r"<Pages>(\d{1,5})</Pages>", data)
    words = re.search(r"<Words>(\d{1,9})</Words>", data)
    if pages is None or words is None or int(words.group(1)) == 0 or int(pages.group(1)) == 0:
        return None
    return int(pages.group(1))


def open_document(path: Path) -> Document:
    """Read a .docx; anything that is not a readable Word document is an InputError (exit 3)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: không tìm thấy tệp — kiểm tra lại đường dẫn")
    if path.is_dir():
        raise InputError(f"{path}: là một thư mục, không phải tệp Word")
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{path.name}: tệp Word 97–2003 (.doc) hoặc tệp có mật khẩu — mở bằng Word, bỏ mật khẩu nếu có, "
            "rồi lưu lại dạng .docx"
        )
    pages = _inspect_package(path)
    check_document_cost(path, path.name)  # a DTD, or more elements than any real document (kit.inputcost)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(
            f"{path.name}: không đọc được tệp Word: {unreadable_reason(exc, '.docx')} — mở bằng Word và lưu lại dạng .docx"
        ) from None
    try:
        return read_document(document, path, pages)
    except InputError as error:
        raise InputError(f"{path.name}: {error.message}") from None
