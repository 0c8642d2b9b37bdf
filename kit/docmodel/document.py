"""The read-only document model every check uses: blocks in reading order, regions, sections.

Open a .docx with `open_document(path)`. Paragraphs of the body and of tables (nested too) come in
reading order, each with its text as a reader sees it (Word's automatic numbers included) and its
effective formatting. The regions a clerk names — header, title, Kính gửi, body, Nơi nhận,
signature — are found from the text and layout, whether or not they sit in tables.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import InputError
from ..vn import nfc, upper
from .effective import ParagraphFormat, RunFormat, StyleSheet, W, paragraph_text
from .numbering import Numbering

# Tên loại of administrative documents (Decree 30/2020/NĐ-CP, Điều 7 and Phụ lục III) → (key, abbreviation).
DOCUMENT_TYPES = {
    "NGHỊ QUYẾT": ("nghi_quyet", "NQ"), "QUYẾT ĐỊNH": ("quyet_dinh", "QĐ"), "CHỈ THỊ": ("chi_thi", "CT"),
    "QUY CHẾ": ("quy_che", "QC"), "QUY ĐỊNH": ("quy_dinh", "QyĐ"), "THÔNG CÁO": ("thong_cao", "TC"),
    "THÔNG BÁO": ("thong_bao", "TB"), "HƯỚNG DẪN": ("huong_dan", "HD"), "CHƯƠNG TRÌNH": ("chuong_trinh", "CTr"),
    "KẾ HOẠCH": ("ke_hoach", "KH"), "PHƯƠNG ÁN": ("phuong_an", "PA"), "ĐỀ ÁN": ("de_an", "ĐA"),
    "DỰ ÁN": ("du_an", "DA"), "BÁO CÁO": ("bao_cao", "BC"), "BIÊN BẢN": ("bien_ban", "BB"),
    "TỜ TRÌNH": ("to_trinh", "TTr"), "HỢP ĐỒNG": ("hop_dong", "HĐ"), "CÔNG ĐIỆN": ("cong_dien", "CĐ"),
    "BẢN GHI NHỚ": ("ban_ghi_nho", "BGN"), "BẢN THỎA THUẬN": ("ban_thoa_thuan", "BTT"),
    "GIẤY ỦY QUYỀN": ("giay_uy_quyen", "GUQ"), "GIẤY MỜI": ("giay_moi", "GM"),
    "GIẤY GIỚI THIỆU": ("giay_gioi_thieu", "GGT"), "GIẤY NGHỈ PHÉP": ("giay_nghi_phep", "GNP"),
    "PHIẾU GỬI": ("phieu_gui", "PG"), "PHIẾU CHUYỂN": ("phieu_chuyen", "PC"), "PHIẾU BÁO": ("phieu_bao", "PB"),
    # The achievement report of an award dossier (NĐ 91/2017 Mẫu 07 family): no số, no Nơi nhận.
    "BÁO CÁO THÀNH TÍCH": ("bao_cao_thanh_tich", "BC"),
}
CONG_VAN = "cong_van"

# Old-style tone placement (hoà, thoả, uỷ) read as the style Decree 30 prints (hòa, thỏa, ủy).
_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
    "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
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
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None
    region: str = "body"

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
    doc_type: Optional[str] = None  # key of DOCUMENT_TYPES, CONG_VAN, or None
    type_name: Optional[str] = None  # the tên loại as printed
    title: Optional[Paragraph] = None
    trich_yeu: list[Paragraph] = field(default_factory=list)
    noi_nhan_heading: Optional[Paragraph] = None
    noi_nhan_items: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    kinh_gui: list[Paragraph] = field(default_factory=list)
    legal_texts: Optional[tuple] = None  # a pack's table of legal texts (kit check --pack); None: the built-in one
    # Once the regions are assigned (read_document), what the rules look up is remembered here.
    _answers: Optional[dict] = field(default=None, repr=False, compare=False)

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

    def find_header(self, predicate) -> Optional[Paragraph]:
        return next((p for p in self.header if p.stripped and predicate(p)), None)

    @property
    def quoc_hieu(self) -> Optional[Paragraph]:
        return self._remember("quoc_hieu", lambda: self._quoc_hieu())

    def _quoc_hieu(self) -> Optional[Paragraph]:
        return self.find_header(lambda p: canon(p.stripped).startswith("CỘNG HÒA"))

    @property
    def tieu_ngu(self) -> Optional[Paragraph]:
        return self._remember("tieu_ngu", lambda: self._tieu_ngu())

    def _tieu_ngu(self) -> Optional[Paragraph]:
        return self.find_header(lambda p: canon(p.stripped).startswith("ĐỘC LẬP"))

    @property
    def so_line(self) -> Optional[Paragraph]:
        return self._remember("so_line", lambda: self._so_line())

    def _so_line(self) -> Optional[Paragraph]:
        return self.find_header(lambda p: re.match(r"^Số\b", p.stripped, re.IGNORECASE) is not None)

    @property
    def date_line(self) -> Optional[Paragraph]:
        return self._remember("date_line", lambda: self._date_line())

    def _date_line(self) -> Optional[Paragraph]:
        return self.find_header(lambda p: re.search(r",?\s*ngày\b.*\btháng\b.*\bnăm\b", p.stripped, re.IGNORECASE)
                                is not None and not p.stripped.lower().startswith("số"))

    @property
    def issuer(self) -> list[Paragraph]:
        """The lines naming the cơ quan chủ quản and the cơ quan ban hành."""
        others = {id(p) for p in (self.quoc_hieu, self.tieu_ngu, self.so_line, self.date_line) if p}
        lines = []
        for p in self.header:
            if not p.stripped or id(p) in others or p.stripped.startswith("V/v"):
                continue
            if p.in_table and self.quoc_hieu is not None and p.cell == self.quoc_hieu.cell and p.table == self.quoc_hieu.table:
                continue
            if re.search(r"[A-Za-zÀ-ỹĐđ]", p.stripped):
                lines.append(p)
        return lines

    @property
    def content(self) -> list[Paragraph]:
        """The body's paragraphs with text, in order."""
        return [p for p in self.body if p.stripped]


def _text_runs(p) -> list:
    runs = []
    for r in p.iter(W + "r"):
        text = "".join(t.text or "" for t in r.findall(W + "t"))
        if text.strip():
            runs.append(r)
    return runs


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

    def paragraph(self, element, table=None, row=None, cell=None) -> Paragraph:
        runs = tuple(self.styles.run_format(element, r) for r in _text_runs(element))
        paragraph = Paragraph(
            index=len(self.paragraphs) + 1,
            element=element,
            label=self.numbering.label(element),
            own_text=nfc(paragraph_text(element)),
            fmt=self.styles.paragraph_format(element),
            runs=runs,
            mark=self.styles.run_format(element, None),
            table=table,
            row=row,
            cell=cell,
        )
        self.paragraphs.append(paragraph)
        return paragraph

    def table(self, element, position: int, nested: bool) -> None:
        table = Table(index=len(self.tables) + 1, rows=[], nested=nested, body_position=position)
        self.tables.append(table)
        for row_index, tr in enumerate(element.findall(W + "tr")):
            header = tr.find(f"{W}trPr/{W}tblHeader") is not None
            cells = []
            for cell_index, tc in enumerate(tr.findall(W + "tc")):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                cell = Cell([], int(span.get(W + "val")) if span is not None else 1)
                for child in tc:
                    if child.tag == W + "p":
                        cell.paragraphs.append(self.paragraph(child, table.index, row_index, cell_index))
                    elif child.tag == W + "tbl":
                        self.table(child, position, nested=True)
                cells.append(cell)
            table.rows.append(Row(cells, header))

    def body(self, body) -> None:
        for position, child in enumerate(body):
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child, position, nested=False)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)


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
        sections.append(Section(
            page_width_mm=width, page_height_mm=height,
            top_mm=mm(section.top_margin), bottom_mm=mm(section.bottom_margin),
            left_mm=mm(section.left_margin), right_mm=mm(section.right_margin),
            landscape=width > height, different_first_page=bool(section.different_first_page_header_footer),
            page_number_in_header=has_field,
        ))
    return sections


def _type_of(text: str) -> Optional[str]:
    key = canon(text)
    return key if key in DOCUMENT_TYPES else None


def _find_title(paragraphs: list[Paragraph]) -> tuple[Optional[Paragraph], Optional[str], list[str]]:
    """The tên loại paragraph, the type name, and trích yếu lines sharing its paragraph."""
    for p in paragraphs[:80]:
        lines = [line.strip() for line in p.text.split("\n") if line.strip()]
        if lines and _type_of(lines[0]) and lines[0] == upper(lines[0]):
            return p, _type_of(lines[0]), lines[1:]
    return None, None, []


def _assign_regions(doc: Document) -> None:
    paragraphs = doc.paragraphs
    title, type_name, _ = _find_title(paragraphs)
    cong_van = next((p for p in paragraphs[:40] if p.stripped.startswith("V/v")), None)
    if title is not None:
        doc.title, doc.type_name = title, type_name
        doc.doc_type = DOCUMENT_TYPES[type_name][0]
        header_end = title.index
    elif cong_van is not None:
        doc.doc_type = CONG_VAN
        header_table = cong_van.table
        last_header = max((p.index for p in paragraphs if header_table is not None and p.table == header_table),
                          default=cong_van.index)
        header_end = last_header + 1
    else:
        header_end = 1
    for p in paragraphs:
        p.region = "header" if p.index < header_end else "body"
    if title is not None:
        title.region = "title"
        following = [p for p in paragraphs if p.index > title.index]
        for p in following[:4]:
            if not p.stripped:
                if doc.trich_yeu:
                    break
                continue
            if p.fmt.alignment == "center" and not p.stripped.startswith(("Kính gửi", "Căn cứ")):
                p.region = "title"
                doc.trich_yeu.append(p)
            else:
                break
    _assign_closing(doc)
    for p in paragraphs:
        if p.region == "body" and p.stripped.startswith("Kính gửi"):
            p.region = "kinh_gui"
            doc.kinh_gui.append(p)
            container = [q for q in paragraphs if q.index > p.index and q.region == "body"]
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
    heading = next((p for p in reversed(paragraphs)
                    if re.match(r"^nơi nhận\s*:?", p.stripped, re.IGNORECASE) and p.region == "body"), None)
    if heading is not None:
        heading.region = "noi_nhan"
        doc.noi_nhan_heading = heading
        for p in paragraphs[heading.index:]:
            if not _same_container(p, heading):
                if heading.in_table:
                    continue
                break
            if not p.stripped:
                continue
            if not heading.in_table and not p.stripped.startswith(("-", "+", "•")):
                break
            p.region = "noi_nhan"
            doc.noi_nhan_items.append(p)
        if heading.in_table:
            signature = [p for p in paragraphs if p.table == heading.table and p.row == heading.row
                         and p.cell != heading.cell]
        else:
            last_item = doc.noi_nhan_items[-1].index if doc.noi_nhan_items else heading.index
            signature = [p for p in paragraphs if p.index > last_item and p.region == "body"]
            before = [p for p in paragraphs if p.index < heading.index and p.region == "body" and p.stripped]
            ends = [i for i, p in enumerate(before) if p.stripped.endswith(("./.", "/."))]
            if ends:  # the content ends with ./.; a signature can only follow it
                before = before[ends[-1] + 1:]
            # A signature typed before the Nơi nhận (in the body, not in a table) ends the content too.
            signature = _trailing_signature(before) + signature
    else:
        signature = _signature_table(doc) or _trailing_signature([p for p in paragraphs if p.region == "body"])
    for p in signature:
        p.region = "signature"
    doc.signature = [p for p in signature if p.stripped]


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
    """The last top-level table whose cells each start with a title in capitals (e.g. THƯ KÝ | CHỦ TỌA)."""
    for table in reversed(doc.tables):
        if table.nested or any(p.region != "body" for p in table.paragraphs):
            continue
        firsts = [next((p for p in cell.paragraphs if p.stripped), None) for row in table.rows for cell in row.cells]
        firsts = [p for p in firsts if p is not None]
        if firsts and len(table.rows) <= 2 and all(_looks_like_title_line(p) for p in firsts):
            return table.paragraphs
        return []
    return []


def read_document(document, path: Path) -> Document:
    """The model of an open python-docx Document."""
    reader = _Reader(document)
    reader.body(document.element.body)
    doc = Document(path=path, paragraphs=reader.paragraphs, tables=reader.tables, sections=_sections(document))
    _assign_regions(doc)
    doc._answers = {}
    return doc


MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 500-page document unpacks to a few MB


def _refuse_zip_bomb(path: Path) -> None:
    try:
        entries = zipfile.ZipFile(path).infolist()
    except (zipfile.BadZipFile, OSError):
        return  # reported by the reader below
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES or len(entries) > 10000:
        raise InputError(f"{path.name}: tệp giải nén ra quá lớn ({unpacked // 2**20} MB, {len(entries)} phần) — "
                         "không phải một văn bản Word bình thường; kiểm tra nguồn của tệp")


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
    _refuse_zip_bomb(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(
            f"{path.name}: không đọc được tệp Word ({type(exc).__name__}) — mở bằng Word và lưu lại dạng .docx"
        ) from None
    return read_document(document, path)
