"""Reading a .docx into the document model: `open_document(path)`. Paragraphs of the body and of tables
(nested too) come in reading order, each with its text as a reader sees it (Word's automatic numbers
included), its effective formatting and the page it starts on; then the regions are assigned
(kit.docmodel.regions). The model's names are re-exported here, where the callers have always found them.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..errors import InputError, unreadable_reason
from ..inputcost import judge_document_cost, scan_archive
from ..vn import nfc, upper
from ..ziplimits import check_entries
from .effective import (
    ParagraphFormat,
    RunFormat,
    StyleSheet,
    W,
    _first_child,
    held,
    hold,
    read_paragraph_properties,
    rpr_pieces,
)
from .model import (  # noqa: F401  (re-exported: the model's names have always been found here)
    CONG_VAN,
    DOCUMENT_TYPES,
    DRAFT_STAMP,
    INTERNAL_FORMS,
    Cell,
    Document,
    Paragraph,
    Row,
    Section,
    Table,
    canon,
    tone_normal,
)
from .numbering import Numbering
from .package import R_ID, Source, WordParts, source_of_docx, source_of_parts
from .regions import _type_of, assign_regions
from .scope import out_of_scope

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


_TXBX, _MC, _BR = W + "txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}", W + "br"
# Paths looked up for every paragraph, row and cell, made once.
_TABLE_STYLE = f"{W}tblPr/{W}tblStyle"
_PPR, _VAL, _SECT_PR = W + "pPr", W + "val", W + "sectPr"
_TR_PR, _TBL_HEADER, _TC_PR, _GRID_SPAN = W + "trPr", W + "tblHeader", W + "tcPr", W + "gridSpan"
_NOI_NHAN_START = re.compile(r"\s*nơi nhận", re.IGNORECASE)
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (W + tag for tag in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_BODY = W + "body"
MAX_PARAGRAPHS = 100_000  # a 500-page document has about 15,000


def _text_boxes(p) -> list:
    """The text boxes anchored in paragraph `p` (not the fallback copies, not boxes inside boxes)."""
    boxes = []
    for box in p.iter(_TXBX):
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
    def __init__(self, source: Source, body):
        document = source.document
        self.styles = StyleSheet.of_source(source)
        self.numbering = Numbering(source.numbering, self.styles)
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.count = 0  # paragraphs read (w:p elements)
        self.section = 0
        self.page_breaks = 0  # page breaks (explicit, or sections starting a page) with text after them
        self.break_pending = False  # a page break seen, no text after it yet (a trailing break adds no page)
        self.text_seen = False  # a break before any text (a leading one) separates no pages of text either
        # Pages, as far as the file records them: Word's rendered page breaks (written when it saves), explicit
        # page breaks, "page break before" and section breaks that start a new page.
        self.page = 1
        self.page_empty = True  # no text on the current page yet: a rendered break here repeats a forced one
        self.rendered_breaks = 0
        self.section_starts = _section_starts(body)
        # The paragraphs holding a text box (or alternate content), a break (rendered or typed), or the
        # properties of the section they end (w:pPr/w:sectPr): found in one walk of the body, and kept (an
        # lxml element is the same object while it is referenced).
        # Also every w:sectPr in document order, and those of the document's sections (python-docx's
        # CT_Document.sectPr_lst: ./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr).
        self.boxed: set = set()
        self.with_breaks: set = set()
        self.section_ends: set = set()
        self.every_section: list = []
        self.document_sections: list = []
        for found in document.iter(_TXBX, _FALLBACK, _LRPB, _BR, _SECT_PR):
            tag = found.tag
            if tag == _SECT_PR:
                self.every_section.append(found)
                parent = found.getparent()
                if parent is not None and parent.tag == _PPR:
                    paragraph = parent.getparent()
                    if paragraph is not None and paragraph.tag == _P:
                        self.section_ends.add(paragraph)
                        parent = paragraph.getparent()
                        if parent is not None and parent.tag == _BODY and parent.getparent() is document:
                            self.document_sections.append(found)
                elif parent is not None and parent.tag == _BODY and parent.getparent() is document:
                    self.document_sections.append(found)
                continue
            holders = self.boxed if tag == _TXBX or tag == _FALLBACK else self.with_breaks
            for ancestor in found.iterancestors(_P):
                if ancestor in holders:
                    break  # and so are the paragraphs around it
                holders.add(ancestor)
        self.title_seen = False
        self.closing_columns = 0  # paragraphs left in which a closing laid out with tabs is split in columns
        self.joined_quoc_hieu = False  # a Quốc hiệu and Tiêu ngữ typed as one line, split only by the cell's width

    def paragraph(self, element, table=None, row=None, cell=None, style_table: str | None = None) -> list[Paragraph]:
        """The paragraph as lines (one Paragraph per line break; a header laid out with tabs, per column),
        followed by the paragraphs of its text boxes."""
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            raise InputError(
                f"văn bản có hơn {MAX_PARAGRAPHS:,} đoạn",
                hint="không phải một văn bản hành chính bình thường; kiểm tra nguồn của tệp".replace(",", "."),
                code="KIT194",
            )
        # The paragraph's properties and style, looked up once: the label, the format and every run depend on
        # them.
        styles = self.styles
        ppr = _first_child(element, _PPR)
        if ppr is not None:
            style, num_pr, own_indents, printed = read_paragraph_properties(ppr)
            para_style = (style.get(_VAL) if style is not None else styles.default_paragraph_style) or ""
        else:
            num_pr, own_indents, printed = None, False, None
            para_style = styles.default_paragraph_style or ""
        label, indent = self.numbering.label_and_indent(num_pr, para_style)
        fmt, mark = styles.paragraph_and_mark_of(element, ppr, style_table, para_style, printed)
        if indent is not None and not own_indents:
            fmt = replace(fmt, **indent)
        pieces = []
        # What the paragraph holds beside its runs (found for all paragraphs at once): most hold no text box
        # and no break, and are not walked for them.
        boxed = element in self.boxed
        breaks = element in self.with_breaks
        raw = rpr_pieces(element, boxed)
        raw_text = "".join([piece for _, piece in raw])
        # Text already composed (NFC) as a whole is composed in each of its runs (a part of a composed text is
        # composed: tests/docmodel/test_package.py): nothing to normalise, run by run, in most paragraphs.
        composed = unicodedata.is_normalized("NFC", raw_text)
        decomposed = not composed and _decomposed(raw_text)
        # A run of spaces alone gives no format to the paragraph (_segments keeps the formats of runs with
        # text): its format is not worked out.
        formats = styles.formats_of([rpr if piece.strip() else None for rpr, piece in raw], style_table, para_style)
        capitals = False
        for run_format, (_, piece) in zip(formats, raw):
            if not composed:
                piece = nfc(piece)
            # Text formatted All Caps is read as the reader sees it: in capitals.
            if run_format.caps:
                piece, capitals = upper(piece), True
            pieces.append((run_format, piece))
        text = raw_text if composed and not capitals else "".join([piece for _, piece in pieces])
        # Lines at line breaks always; columns at tabs (and wide runs of spaces before a capital) in a header
        # or a closing laid out without a table (Quốc hiệu beside the agency, the signer beside the Nơi nhận).
        if table is None and _NOI_NHAN_START.match(text):
            self.closing_columns = 20
        columns = table is None and (not self.title_seen or self.closing_columns > 0)
        self.closing_columns = max(0, self.closing_columns - 1)
        if not self.title_seen and _has_title_start(label + " " + text if label else text):
            self.title_seen = True
        if (joined := _QUOC_HIEU_THEN_TIEU_NGU.match(text)) is not None:
            # The Quốc hiệu and the Tiêu ngữ typed as one paragraph the cell wraps: read as two lines.
            text = text[: joined.start(1)] + "\n" + text[joined.start(1) + 1 :]
            self.joined_quoc_hieu = True
        texts = _segments(text, pieces, columns)
        number = self.count
        had_text = self.text_seen
        if text.strip():
            if self.break_pending:
                self.page_breaks += 1
                self.break_pending = False
            self.text_seen = True
        page = self.paginate(element, fmt, table is None, bool(text.strip()), breaks)
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
        if table is None and element in self.section_ends:
            self.section += 1
            if self.section_starts[min(self.section, len(self.section_starts) - 1)] != "continuous":
                self.break_pending = self.text_seen  # a continuous section break starts no page
                self.page += 1
                self.page_empty = True
        elif breaks and any(br.get(_BR_TYPE) == "page" for br in element.iter(_BR)):
            self._page_break(list(_page_events(element)), had_text)
        for box in _text_boxes(element) if boxed else ():
            inside = self.body(box, table, row, cell)
            for paragraph in inside:
                paragraph.in_box = True
            made.extend(inside)
        return made

    def _page_break(self, events: list[str], had_text: bool) -> None:
        """Count the paragraph's own page breaks (not a text box's) that have text before and after them."""
        before = had_text
        for number, kind in enumerate(events):
            if kind == "text":
                before = True
            elif kind == "page" and before:
                if "text" in events[number + 1 :]:
                    self.page_breaks += 1
                else:
                    self.break_pending = True
                return

    def table(self, element, position: int, nested: bool) -> None:
        table = Table(index=len(self.tables) + 1, rows=[], nested=nested, body_position=position)
        self.tables.append(table)
        style = element.find(_TABLE_STYLE)
        style_table = style.get(W + "val") if style is not None else None
        rows = (child for child in _unwrapped(element) if child.tag == _TR)
        for row_index, tr in enumerate(rows):
            # The row's cells and whether it repeats as a header (w:trPr/w:tblHeader), in one walk of its
            # children.
            header, row_cells = False, []
            for child in _unwrapped(tr):
                tag = child.tag
                if tag == _TC:
                    row_cells.append(child)
                elif tag == _TR_PR and not header:
                    header = child.find(_TBL_HEADER) is not None
            cells = []
            # The cells of a row run side by side: a row split over two pages has a rendered break in each
            # cell, and the row ends on the page its longest cell ends on.
            start, ends = (self.page, self.page_empty), []
            for cell_index, tc in enumerate(row_cells):
                self.page, self.page_empty = start
                span = None  # the first w:tcPr/w:gridSpan
                cell = Cell([])
                for child in _unwrapped(tc):
                    tag = child.tag
                    if tag == _P:
                        cell.paragraphs.extend(self.paragraph(child, table.index, row_index, cell_index, style_table))
                    elif tag == _TBL:
                        self.table(child, position, nested=True)
                    elif tag == _TC_PR and span is None:
                        span = child.find(_GRID_SPAN)
                cell.span = _span(span)
                cells.append(cell)
                ends.append((self.page, self.page_empty))
            if ends:
                self.page = max(page for page, _ in ends)
                self.page_empty = all(empty for page, empty in ends if page == self.page)
            table.rows.append(Row(cells, header))

    def paginate(self, element, fmt: ParagraphFormat, in_body: bool, has_text: bool, breaks: bool = True) -> int:
        """The page paragraph `element` starts on, moving the count past the breaks it holds (`breaks`: it
        may hold some, w:lastRenderedPageBreak or w:br)."""
        if fmt.page_break_before and in_body and not self.page_empty:
            self.page += 1
            self.page_empty = True
        if not breaks or not any(
            mark.tag == _LRPB or mark.get(_BR_TYPE) == "page" for mark in element.iter(_LRPB, _BR)
        ):
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
            if child.tag == _P:
                made.extend(self.paragraph(child, table, row, cell))
            elif child.tag == _TBL:
                self.table(child, position, nested=table is not None)
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    made.extend(self.body(content, table, row, cell))
        return made


def _unwrapped(element, depth: int = 0):
    """The children of a table, a row or a cell, with those a content control (w:sdt: a Word form's field, a
    Google Docs export's "goog_rdk" tag) wraps read in its place: a Quốc hiệu typed in one is still the header's."""
    for child in element:
        if child.tag == _SDT and depth < _SDT_DEPTH:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content, depth + 1)
        else:
            yield child


_SDT_DEPTH = 8  # content controls inside content controls: a bound on the walk


_LRPB, _T_TAG, _FALLBACK, _BR_TYPE = W + "lastRenderedPageBreak", W + "t", _MC + "Fallback", W + "type"


def _page_events(p):
    """ "text", "rendered" (a page break Word rendered) and "page" (an explicit page break) in paragraph `p`,
    in order; text boxes and the fallback copy of alternate content left out."""
    nested = next(p.iter(_TXBX, _FALLBACK), None) is not None
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


_QUOC_HIEU_THEN_TIEU_NGU = re.compile(
    r"\s*C[ỘÔO]NG\s+H[ÒÓOÕ]\S*\s+X[ÃA]\s+H[ỘÔO]I\s+CH[ỦU]\s+NGH\S*\s+VI[ỆÊE]T\s+NAM([ \t\u00a0]+)Đ[ộôo]c\s+l",
    re.IGNORECASE,
)
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


_PAGE_FIELDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # header element → a PAGE field in it?


def _page_field(header) -> bool:
    """The header holds a PAGE field (a page number); once per header part of an opened package."""
    found = held(_PAGE_FIELDS, header)
    if found is None:
        xml = etree.tostring(header, encoding="unicode")
        found = hold(_PAGE_FIELDS, "PAGE" in xml and ("instrText" in xml or "fldSimple" in xml), header)
    return found


# The w:sectPr elements of the sections, in document order (python-docx's CT_Document.sectPr_lst).
_DOCUMENT_SECTIONS = etree.XPath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces={"w": W[1:-1]})
_HEADER_REFERENCE, _TYPE = W + "headerReference", W + "type"
# an opened package's document part → {its sections' XML → their Sections}
_SECTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _sections(source: Source, found_sections: list | None = None, every: list | None = None) -> list[Section]:
    """The sections' page set-up. The documents of a batch read through one opened package (kit.app.check)
    differ in their body's text: sections of the same XML in the same package are the same sections (their
    headers are the package's parts), read once. `found_sections`, `every`: the w:sectPr of the document's
    sections and all of them, in document order, when the caller has found them."""
    if found_sections is None or every is None:
        found_sections, every = _DOCUMENT_SECTIONS(source.document), list(source.document.iter(_SECT_PR))
    if source.package_owner is None:
        return _read_sections(every, found_sections, source.header)
    key = tuple(etree.tostring(sect) for sect in found_sections)
    known = held(_SECTIONS, source.package_owner)
    if known is None:
        known = hold(_SECTIONS, {}, source.package_owner)
    found = known.get(key)
    if found is None:
        if len(known) >= 64:
            known.clear()
        found = known[key] = _read_sections(every, found_sections, source.header)
    return list(found)


# EMUs per unit of a universal measure ("21cm", "8.5in"), as python-docx reads them (ST_UniversalMeasure).
_UNITS = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}


def _mm(value: str | None, signed: bool = False) -> float:
    """A length of a section's page set-up (twips, or a universal measure) in millimetres to 0.1, computed as
    python-docx computes it (EMUs: 635 a twip); 0 when not set or unreadable."""
    if value is None:
        return 0.0
    try:
        if "i" in value or "m" in value or "p" in value:
            emu = int(round(float(value[:-2]) * _UNITS[value[-2:]]))
        else:
            emu = int((int(round(float(value))) if signed else int(value)) * 635)
    except (ValueError, KeyError, OverflowError):
        return 0.0
    return round(emu / 36000.0, 1)


def _margin(margins, side: str, signed: bool = False) -> float:
    """A margin of w:pgMar in millimetres (0 when not set)."""
    return _mm(margins.get(W + side), signed) if margins is not None else 0.0


def _default_headers(every: list) -> dict[int, object]:
    """id of each w:sectPr of the document → the reference to the default (odd-page) header its section
    shows: its own, else that of the nearest w:sectPr before it in document order (a header "linked to
    previous", as python-docx's preceding::w:sectPr[1], which may be one in a content control or the old
    properties a tracked change keeps), or None. `every`: the document's w:sectPr in document order (the
    list keeps them alive: their ids stay theirs)."""
    shown: dict[int, object] = {}
    last = None
    for sect in every:
        own = _own_default_header(sect)
        last = own if own is not None else last
        shown[id(sect)] = last
    return shown


def _own_default_header(sect):
    """The section's own reference to its default header (the first w:headerReference of type default)."""
    for reference in sect.iterchildren(_HEADER_REFERENCE):
        if reference.get(_TYPE) == "default":
            return reference
    return None


def _header_of(reference, header) -> object | None:
    try:
        return header(reference.get(R_ID)) if reference is not None else None
    except (AttributeError, KeyError, NotImplementedError):  # a header python-docx cannot give either
        return None


def _read_sections(every: list, found_sections: list, header) -> list[Section]:
    sections = []
    references: dict[int, object] | None = None  # found only when a section has no default header of its own
    for sect in found_sections:
        size, margins, title_page = sect.find(W + "pgSz"), sect.find(W + "pgMar"), sect.find(W + "titlePg")
        reference = _own_default_header(sect)
        if reference is None:
            references = references if references is not None else _default_headers(every)
            reference = references.get(id(sect))
        shown = _header_of(reference, header)
        has_field = _page_field(shown) if shown is not None else False

        width = _mm(size.get(W + "w")) if size is not None else 0.0
        height = _mm(size.get(W + "h")) if size is not None else 0.0
        sections.append(
            Section(
                page_width_mm=width,
                page_height_mm=height,
                top_mm=_margin(margins, "top", signed=True),
                bottom_mm=_margin(margins, "bottom", signed=True),
                left_mm=_margin(margins, "left"),
                right_mm=_margin(margins, "right"),
                landscape=width > height,
                different_first_page=title_page is not None and title_page.get(W + "val", "1") in ("1", "true", "on"),
                page_number_in_header=has_field,
            )
        )
    return sections


def _default_tab(value: str | None) -> int:
    """The document's default tab stop (w:val of w:defaultTabStop in word/settings.xml); 720 twips when unset."""
    return int(value) if value is not None and value.isdigit() and 0 < int(value) <= 14400 else 720


def read_document(document, path: Path, pages: int | None = None) -> Document:
    """The model of an open python-docx Document; `pages`: the page count Word recorded, if known."""
    return read_source(source_of_docx(document), path, pages)


def read_source(source: Source, path: Path, pages: int | None = None) -> Document:
    """The model of a document's parts (kit.docmodel.package); `pages`: the page count Word recorded, if known."""
    body = source.document.find(W + "body")
    if body is None:
        body = etree.Element(W + "body")
    reader = _Reader(source, body)
    reader.body(body)
    sections = _sections(source, reader.document_sections, reader.every_section)
    doc = Document(
        path=path,
        paragraphs=reader.paragraphs,
        tables=reader.tables,
        sections=sections,
        pages=pages,
        page_breaks=reader.page_breaks,
        paged=reader.pages_known(pages, sections),
        default_tab_twips=_default_tab(source.default_tab_stop),
        quoc_hieu_joined=reader.joined_quoc_hieu,
    )
    if not doc.paged:
        for p in doc.paragraphs:
            p.page = None
    assign_regions(doc)
    doc._answers = {}
    doc.outside = out_of_scope(doc)
    return doc


_P_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
# The parts of a Word file the model is read from, unpacked once by the cost guard (kit.inputcost) that
# counts them; a package naming its parts otherwise has them unpacked when they are read.
_READ_WHOLE = frozenset(
    {
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/theme/theme1.xml",
        "docProps/app.xml",
    }
)
# What zipfile, zlib and lxml raise on a damaged package or part.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    zlib.error,
    NotImplementedError,
    etree.XMLSyntaxError,
)


def _count_paragraphs(path: Path, body: bytes) -> None:
    """More paragraphs than any real document, counted in the body's bytes without building anything."""
    if body.count(b"<") <= MAX_PARAGRAPHS:
        return  # every paragraph starts with a "<": no more of them than that
    count = 0
    for start in range(0, len(body), 1 << 20):  # a tag cut at a boundary is counted in the overlap
        count += len(_P_TAG.findall(body, start, min(len(body), start + (1 << 20) + 8)))
        if count > MAX_PARAGRAPHS:
            raise InputError(
                f"{path.name}: văn bản có hơn {MAX_PARAGRAPHS:,} đoạn".replace(",", ".") + "",
                hint="không phải một văn bản hành chính bình thường; kiểm tra nguồn của tệp",
                code="KIT195",
            )


def recorded_pages_in(archive: zipfile.ZipFile) -> int | None:
    """The page count Word recorded in the .docx an open archive holds (one the kit has just rendered)."""
    try:
        return _recorded_pages(archive.read("docProps/app.xml"))
    except (KeyError, zipfile.BadZipFile, OSError, zlib.error, EOFError):
        return None


def _recorded_pages(app: bytes | None) -> int | None:
    """The page count Word wrote in docProps/app.xml — only when it also counted words (a template copied by
    a program keeps its stale statistics: zero words)."""
    if app is None:
        return None
    data = app[:20000].decode("utf-8", "replace")
    pages = re.search(r"<Pages>(\d{1,5})</Pages>", data)
    words = re.search(r"<Words>(\d{1,9})</Words>", data)
    if pages is None or words is None or int(words.group(1)) == 0 or int(pages.group(1)) == 0:
        return None
    return int(pages.group(1))


def _unreadable(path: Path, exc: BaseException) -> InputError:
    return InputError(
        f"{path.name}: không đọc được tệp Word: {unreadable_reason(exc, '.docx')}",
        hint="mở bằng Word và lưu lại dạng .docx",
        code="KIT259",
    )


def open_document(path: Path) -> Document:
    """Read a .docx; anything that is not a readable Word document is an InputError (exit 3). What no real
    document is (a zip bomb, a DTD, a flood of elements or paragraphs) is refused before any part is parsed."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: không tìm thấy tệp", hint="kiểm tra lại đường dẫn", code="KIT001")
    if path.is_dir():
        raise InputError(f"{path}: là một thư mục, không phải tệp Word", code="KIT052")
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with stream:  # opened once, for its first bytes and as the zip
        if stream.read(8).startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(
                f"{path.name}: tệp Word 97–2003 (.doc) hoặc tệp có mật khẩu",
                hint="mở bằng Word, bỏ mật khẩu nếu có, rồi lưu lại dạng .docx",
                code="KIT053",
            )
        try:
            archive = zipfile.ZipFile(stream)
        except _UNREADABLE as exc:
            raise _unreadable(path, exc) from None
        return _read_archive(path, archive)


def _read_archive(path: Path, archive: zipfile.ZipFile) -> Document:
    with archive:
        check_entries(archive.infolist(), path.name, "văn bản Word")
        unpacked: dict[str, bytes] = {}
        try:
            count = scan_archive(archive, "word", unpacked, _READ_WHOLE)
        except _UNREADABLE as exc:
            raise _unreadable(path, exc) from None
        body = unpacked.get("word/document.xml", b"")
        # A paragraph takes at least 6 bytes ("<w:p/>"): smaller parts cannot hold too many.
        if len(body) > 6 * MAX_PARAGRAPHS:
            _count_paragraphs(path, body)
        judge_document_cost(count, path.name)  # a DTD, or more elements than any real document
        pages = _recorded_pages(unpacked.get("docProps/app.xml"))
        try:
            parts = WordParts.open(archive, unpacked)
            source = source_of_parts(parts)
        except _UNREADABLE as exc:
            raise _unreadable(path, exc) from None
        try:
            return read_source(source, path, pages)
        except InputError as error:
            raise InputError(
                f"{path.name}: {error.message}", hint=error.hint, code=error.code, values=error.values
            ) from None
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a header part, read last
            raise _unreadable(path, exc) from None
