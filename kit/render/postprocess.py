"""Layout fixes applied to a rendered document, driven by conventions a template author can use.

- A data table (its first row repeats as a header on each page) loses every column whose header
  cell rendered empty; the freed width goes to the widest column. A template makes a column
  optional by putting a field in its header cell that is empty when the column has no data. Its
  columns then get widths from their content (fit_columns), and the first paragraph with text
  after it gets 12 pt above it (space_after_tables).
- A paragraph in the style *named* "VB Gạch ngắn" is drawn as a short centred line 2/5 as long as
  the text above it; in the style named "VB Gạch dưới chữ", as long as the text above it.
  Decree 30/2020/NĐ-CP, Phụ lục I, Mục II (ô 1, ô 2, ô 5a) sets these lengths. Styles are found by
  their name, which Word and LibreOffice keep when they re-save a template, never by their ID,
  which LibreOffice rewrites ("VBGachNgan" becomes "VBGchngn").
- A table cell left without a paragraph gets an empty one.
- A data table's rows never split across pages, and a group row (a paragraph in the style *named*
  "VB Bảng nhóm": "II. TẬP THỂ") keeps with the row after it, never left alone at a page's foot.
- A title paragraph (style *named* "VB Trích yếu") has its last two words held together by a
  no-break space: Word never leaves one word alone on its last line ("…ỦY BAN NHÂN DÂN / TỈNH").
- The signature block never stands alone on a page: from the first paragraph in the style *named*
  "VB Chức vụ người ký" to the end, every paragraph keeps with the next and no table row splits,
  and the content just above (a paragraph, or the last row of a table) keeps with the block.
- The hyphens of a document's symbol ("112/TTr-SNV", "152/2025/NĐ-CP") are Word's no-break hyphens
  (a reader, and the PDF's text, still see "-"): no line ends with "…số 112/TTr-".
- The empty paragraph after a table that ends the body (Word requires one) is 1 pt high: it never
  makes a page of its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from docx.oxml.ns import qn
from lxml import etree

from ..docmodel.effective import StyleSheet, W, paragraph_text, run_pieces, text_runs
from ..metrics import text_width_pt

# The template contract's line styles, by name (docs/template-contract.md), and the length of the
# line as a share of the text above it.
LINE_STYLE_NAMES = {"VB Gạch ngắn": 0.4, "VB Gạch dưới chữ": 1.0}
# The style of the signer's title lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"): where the signature block starts.
SIGNATURE_STYLE_NAME = "VB Chức vụ người ký"
# The style of a document's title lines under its name (trích yếu).
TITLE_STYLE_NAME = "VB Trích yếu"
NO_BREAK_SPACE = "\u00a0"
# The style of a data table's group rows ("I. CÁ NHÂN", "II. TẬP THỂ").
GROUP_ROW_STYLE_NAME = "VB Bảng nhóm"
# A signature block longer than this (a Biên bản's Nơi nhận under it, say) is not kept in one piece:
# only its first table and the text above it are, so that it can never outgrow a page.
_MAX_KEPT_PARAGRAPHS = 40
_P, _TC, _PSTYLE, _VAL, _PPR = qn("w:p"), qn("w:tc"), qn("w:pStyle"), qn("w:val"), qn("w:pPr")
_LEFT, _RIGHT, _HANGING, _FIRST_LINE = qn("w:left"), qn("w:right"), qn("w:hanging"), qn("w:firstLine")
_DEFAULT_CELL_MARGIN = 108  # twips, Word's default left and right cell margin


# Children of w:pPr and w:tcPr that come after w:ind and after w:gridSpan in the schema's order: a new
# element goes before the first of them (Word refuses a file with children out of order). Plain lxml
# here: documents are parsed without python-docx's element classes, which cost a third of the time.
_AFTER_IND = {
    qn(f"w:{name}")
    for name in (
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
}
_AFTER_GRID_SPAN = {
    qn(f"w:{name}")
    for name in (
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
        "headers",
        "cellIns",
        "cellDel",
        "cellMerge",
        "tcPrChange",
    )
}
_BEFORE_TC_W = {qn("w:cnfStyle")}


def _child(parent, tag: str, after: set[str] | None = None, first: bool = False):
    """The child `tag` of `parent`, made in schema order when missing: before the first child whose tag
    is in `after`, or first of all with `first`."""
    element = parent.find(tag)
    if element is not None:
        return element
    element = etree.Element(tag)
    if first:
        parent.insert(0, element)
        return element
    for index, child in enumerate(parent):
        if after is not None and child.tag in after:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _tc_pr(tc):
    return _child(tc, qn("w:tcPr"), first=True)


_TC_PR, _GRID_SPAN, _TC_MAR = qn("w:tcPr"), qn("w:gridSpan"), qn("w:tcMar")


def _grid_span(tc) -> int:
    # Two plain finds: a path ("w:tcPr/w:gridSpan") is parsed again on every call.
    tc_pr = tc.find(_TC_PR)
    span = tc_pr.find(_GRID_SPAN) if tc_pr is not None else None
    return int(span.get(_VAL)) if span is not None else 1


def drop_empty_columns(table) -> None:
    """Remove the grid columns of `table` whose header cell has no text."""
    rows = table.findall(qn("w:tr"))
    if not rows or rows[0].find(f"{W}trPr/{W}tblHeader") is None:
        return
    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    removed: set[int] = set()
    position = 0
    for tc in rows[0].findall(qn("w:tc")):
        span = _grid_span(tc)
        if not paragraph_text(tc).strip():
            removed.update(range(position, position + span))
        position += span
    if not removed or len(removed) >= len(columns):
        return
    widths = [int(col.get(qn("w:w"), "0")) for col in columns]
    kept = [index for index in range(len(columns)) if index not in removed]
    widest = max(kept, key=lambda index: widths[index])
    widths[widest] += sum(widths[index] for index in removed)
    for row in rows:
        position = 0
        for tc in list(row.findall(qn("w:tc"))):
            span = _grid_span(tc)
            covered = range(position, position + span)
            position += span
            remaining = [index for index in covered if index not in removed]
            if not remaining:
                row.remove(tc)
                continue
            tc_pr = _tc_pr(tc)
            span = tc_pr.find(qn("w:gridSpan"))
            if len(remaining) > 1:
                span = span if span is not None else _child(tc_pr, qn("w:gridSpan"), _AFTER_GRID_SPAN)
                span.set(_VAL, str(len(remaining)))
            elif span is not None:
                tc_pr.remove(span)
            _set_cell_width(tc, sum(widths[index] for index in remaining))
    for index in sorted(removed, reverse=True):
        grid.remove(columns[index])
    for index, column in zip(kept, grid.findall(qn("w:gridCol"))):
        column.set(qn("w:w"), str(widths[index]))


def text_width_of(root) -> int:
    """The text width in twips of the last section of a document element (page less margins)."""
    sect = root.find(f"{W}body/{W}sectPr")
    size = sect.find(f"{W}pgSz") if sect is not None else None
    margins = sect.find(f"{W}pgMar") if sect is not None else None
    if size is None or margins is None:
        return 9355  # A4 less 30 and 15 mm
    return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"), "0")) - int(margins.get(qn("w:right"), "0"))


def _cell_margins(tc) -> tuple[int, int]:
    table = tc.getparent().getparent()
    left = right = _DEFAULT_CELL_MARGIN
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    for holder in (margins, tc.find(f"{W}tcPr/{W}tcMar")):
        if holder is None:
            continue
        for name in ("left", "start"):
            if holder.find(qn(f"w:{name}")) is not None:
                left = int(holder.find(qn(f"w:{name}")).get(qn("w:w")))
        for name in ("right", "end"):
            if holder.find(qn(f"w:{name}")) is not None:
                right = int(holder.find(qn(f"w:{name}")).get(qn("w:w")))
    return left, right


def _container_twips(p, text_width: int) -> int:
    parent = p.getparent()
    if parent.tag == qn("w:tc"):
        width = parent.find(f"{W}tcPr/{W}tcW")
        if width is not None and width.get(qn("w:type"), "dxa") == "dxa":
            left, right = _cell_margins(parent)
            return int(width.get(qn("w:w"))) - left - right
    return text_width


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


_LINE_KEYS = {_name_key(name): ratio for name, ratio in LINE_STYLE_NAMES.items()}


def line_styles(styles_root) -> dict[str, float]:
    """The style IDs of a document's line styles (found by name) and their length ratios."""
    found: dict[str, float] = {}
    if styles_root is None:
        return found
    for style in styles_root.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        ratio = _LINE_KEYS.get(_name_key(name.get(_VAL, ""))) if name is not None else None
        if ratio is not None and style.get(qn("w:styleId")):
            found[style.get(qn("w:styleId"))] = ratio
    return found


def fit_lines(
    body, styles: StyleSheet, text_width: int, memo: dict | None = None, ratios: dict[str, float] | None = None
) -> None:
    """Give each line paragraph its length from the text of the paragraph above it.

    `memo` keeps the indent for a paragraph above already measured: in a batch from one template
    the lines under the header blocks repeat in every document. Only paragraphs that name a line
    style are looked at (a document's default style is never one)."""
    for style in list(body.iter(_PSTYLE)):
        ratio = ratios.get(style.get(_VAL)) if ratios else None
        if ratio is None:
            continue
        p = style.getparent().getparent()
        if p.tag != _P:
            continue
        above = p.getprevious()
        while above is not None and (above.tag != _P or not paragraph_text(above).strip()):
            above = above.getprevious()
        if above is None:
            continue
        container = _container_twips(p, text_width)
        key = (etree.tostring(above, with_tail=False), container, ratio)
        side = memo.get(key) if memo is not None else None
        if side is None:
            side = _line_indent(above, styles, container, ratio)
            if memo is not None:
                memo[key] = side
        # What python-docx's ind_left, ind_right and first_line_indent setters write, set directly.
        ind = _child(_child(p, qn("w:pPr"), first=True), qn("w:ind"), _AFTER_IND)
        ind.set(_LEFT, str(side))
        ind.set(_RIGHT, str(side))
        ind.attrib.pop(_HANGING, None)
        ind.set(_FIRST_LINE, "0")


def _line_indent(above, styles: StyleSheet, container: int, ratio: float) -> int:
    runs = text_runs(above)
    run_format = styles.run_format(above, runs[0] if runs else None)
    size = run_format.size_pt or 14.0
    text_twips = text_width_pt(paragraph_text(above).strip(), size, run_format.bold) * 20
    above_format = styles.paragraph_format(above)
    available = container - above_format.left_twips - above_format.right_twips
    line = min(text_twips, available) * ratio
    return max(0, int((container - line) / 2))


def signature_styles(styles_root) -> set[str]:
    """The style IDs of a document's signature title style (found by name, as line styles are)."""
    return styles_named(styles_root, SIGNATURE_STYLE_NAME)


def title_styles(styles_root) -> set[str]:
    """The style IDs of a document's title (trích yếu) style (found by name)."""
    return styles_named(styles_root, TITLE_STYLE_NAME)


def hold_title_tails(body, title_ids: set[str]) -> None:
    """The last space of each title paragraph of three words or more becomes a no-break space."""
    if not title_ids:
        return
    for style in body.iter(_PSTYLE):
        p = style.getparent().getparent()  # w:pStyle is in w:pPr (or w:rPr's w:rStyle: another tag)
        if style.get(_VAL) not in title_ids or p is None or p.tag != _P:
            continue
        texts = [t for t in p.iter(qn("w:t")) if t.text]
        if len("".join(t.text or "" for t in texts).split()) < 3:
            continue
        word_seen = False  # spaces after the last word (trailing ones) are not the one to hold
        for t in reversed(texts):
            text = t.text or ""
            end = len(text) if word_seen else len(text.rstrip(" "))
            at = max(text.rfind(" ", 0, end), text.rfind(NO_BREAK_SPACE, 0, end))
            if at >= 0:
                if text[at] == " ":  # a builder may have held them already (title_tail)
                    t.text = text[:at] + NO_BREAK_SPACE + text[at + 1 :]
                break
            word_seen = word_seen or bool(text.strip())


def group_row_styles(styles_root) -> set[str]:
    """The style IDs of a document's group-row style (found by name)."""
    return styles_named(styles_root, GROUP_ROW_STYLE_NAME)


def styles_named(styles_root, style_name: str) -> set[str]:
    if styles_root is None:
        return set()
    wanted = _name_key(style_name)
    return {
        style.get(qn("w:styleId"))
        for style in styles_root.iter(qn("w:style"))
        if style.get(qn("w:styleId"))
        and (name := style.find(qn("w:name"))) is not None
        and _name_key(name.get(_VAL, "")) == wanted
    }


def _keep_next(p) -> None:
    ppr = _child(p, qn("w:pPr"), first=True)
    if ppr.find(qn("w:keepNext")) is None:
        # keepNext comes after pStyle and before everything else in w:pPr (the schema's order).
        style = ppr.find(_PSTYLE)
        ppr.insert(1 if style is not None and ppr.index(style) == 0 else 0, etree.Element(qn("w:keepNext")))


def _cant_split(tr) -> None:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = etree.Element(qn("w:trPr"))
        # w:trPr follows w:tblPrEx (if any) and comes before the cells.
        tr.insert(1 if len(tr) and tr[0].tag == qn("w:tblPrEx") else 0, trpr)
    if trpr.find(qn("w:cantSplit")) is None:
        # Before the tracked changes (w:ins, w:del, w:trPrChange), which the schema puts last.
        _child(trpr, qn("w:cantSplit"), {qn("w:ins"), qn("w:del"), qn("w:trPrChange")})


def _has_text(element) -> bool:
    return any((t.text or "").strip() for t in element.iter(qn("w:t")))


def keep_data_rows_whole(table, group_ids: set[str]) -> None:
    """A data table (its first row repeats as a header) never splits a row across pages, and its group
    rows keep with the row after them."""
    rows = table.findall(qn("w:tr"))
    if not rows or rows[0].find(f"{W}trPr/{W}tblHeader") is None:
        return
    for tr in rows:
        _cant_split(tr)
        if group_ids and any(style.get(_VAL) in group_ids for style in tr.iter(_PSTYLE)):
            for p in tr.iter(_P):
                _keep_next(p)


def _starts_a_page(block) -> bool:
    """A paragraph or table that holds a page break, a page-break-before or a section end."""
    return (
        any(br.get(qn("w:type")) == "page" for br in block.iter(qn("w:br")))
        or next(block.iter(qn("w:pageBreakBefore")), None) is not None
        or next(block.iter(qn("w:sectPr")), None) is not None
    )


def keep_signature_with_text(body, signature_ids: set[str]) -> None:
    """Keep the signature block in one piece and with the last lines of the text above it.

    Word and LibreOffice both honour keep-with-next on the paragraphs of a table row (the row stays with
    what follows) and on a paragraph before a table; a row marked cantSplit moves whole to the next page."""
    if not signature_ids:
        return
    first = next((style for style in body.iter(_PSTYLE) if style.get(_VAL) in signature_ids), None)
    if first is None:
        return
    while first.getparent() is not body:  # up to the paragraph, table or content control that holds it
        first = first.getparent()
    blocks = [child for child in body if child.tag in (_P, qn("w:tbl"), qn("w:sdt"))]
    if first not in blocks:
        return
    start = blocks.index(first)
    zone = blocks[start:]
    # An appendix after the signature starts on a page of its own: the block ends before it.
    for index, block in enumerate(zone[1:], 1):
        if _starts_a_page(block):
            zone = zone[:index]
            break
    if sum(1 for block in zone for _ in block.iter(_P)) > _MAX_KEPT_PARAGRAPHS:
        zone = zone[:1]
    paragraphs = [p for block in zone for p in block.iter(_P)]
    for block in zone:
        for tr in block.iter(qn("w:tr")):
            _cant_split(tr)
    for p in paragraphs[:-1]:
        _keep_next(p)
    # The text above: empty paragraphs between it and the block keep with the block too.
    for block in reversed(blocks[max(0, start - 4) : start]):
        if block.tag == _P:
            _keep_next(block)
            if _has_text(block):
                return
        else:
            rows = block.findall(qn("w:tr"))
            if rows:
                _cant_split(rows[-1])
                for p in rows[-1].iter(_P):
                    _keep_next(p)
            return


# -- Column widths that follow the content (fit_columns) ---------------------------------------------

# Word's own limit on a table's columns; a grid wider than that is not a table the kit made.
MAX_COLUMNS = 63
# Rows measured per table: rendering already bounds a document (kit.render.sandbox); past this many
# rows the widths found stand for the rest, so a huge table costs no more than a long one.
MAX_MEASURED_ROWS = 2000
# The metrics are Adobe's Times (kit.metrics); Times New Roman and Liberation Serif differ from them
# by a few per cent on some letters, and Word rounds widths to whole points: a word is given this
# much more room than measured, so it surely stays on one line.
_WORD_ROOM = 1.05
_WORD_SLACK_TWIPS = 40
# Headers of a numbering column, which keeps its template width (or its longest number).
NUMBERING_HEADERS = {"tt", "stt", "số tt", "số thứ tự"}
# Characters a line may break at (Word and LibreOffice break at spaces); no-break spaces (U+00A0,
# U+2007, U+202F) hold their words together and count as part of one word.
_BREAKS = re.compile(r"[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+")
_GRID_BEFORE, _GRID_AFTER = qn("w:gridBefore"), qn("w:gridAfter")


def is_data_table(table) -> bool:
    """A data table is one whose first row repeats as a header on each page: the mark the template
    contract gives data tables (docs/huong-dan-goi-mau.md, section 3). Layout tables (the header block, the
    signatures) never repeat a row; Word and LibreOffice keep the mark when they re-save a file."""
    first = table.find(qn("w:tr"))
    return first is not None and first.find(f"{W}trPr/{W}tblHeader") is not None


@lru_cache(maxsize=8192)
def _twips(text: str, size: float, bold: bool) -> float:
    """Width of `text` in twips (memoised: the words and spaces of a table repeat from row to row)."""
    return text_width_pt(text, size, bold) * 20


def _measure_cell(tc, styles: StyleSheet, indents_of: dict) -> tuple[float, float, float]:
    """(longest unbreakable word, longest line, all text) of a cell's paragraphs, in twips; the word
    and the line include the paragraph's indents. `indents_of` memoises a style's indents."""
    word_max = line_max = amount = 0.0
    for p in tc.iter(_P):
        style_id = styles.paragraph_style_id(p)
        ppr = p.find(_PPR)
        if ppr is None or len(ppr) == 0 or (len(ppr) == 1 and ppr[0].tag == _PSTYLE):
            indents = indents_of.get(style_id)  # only the style's: the same for every such paragraph
            if indents is None:
                indents = indents_of[style_id] = _indents(styles.paragraph_format(p, style_id=style_id))
        else:
            indents = _indents(styles.paragraph_format(p, style_id=style_id))
        word = line = 0.0
        for run, text in run_pieces(p):
            fmt = styles.run_format(p, run, para_style=style_id)
            size = fmt.size_pt or 10.0  # OOXML's size when no style sets one
            bold = fmt.bold
            if fmt.caps:
                text = text.upper()
            position = 0
            for gap in _BREAKS.finditer(text):
                piece = _twips(text[position : gap.start()], size, bold)
                word_max, word = max(word_max, word + piece + indents), 0.0
                line += piece
                amount += piece
                if "\n" in gap.group():  # a line break: the next text starts a new line
                    line_max, line = max(line_max, line + indents), 0.0
                else:
                    space = _twips(gap.group(), size, bold)
                    line += space
                    amount += space
                position = gap.end()
            piece = _twips(text[position:], size, bold)
            word += piece
            line += piece
            amount += piece
            word_max = max(word_max, word + indents)
        line_max = max(line_max, line + indents)
    return word_max, line_max, amount


def _indents(para) -> int:
    return max(para.left_twips, 0) + max(para.right_twips, 0) + max(para.first_line_twips, 0)


def _table_margins(table) -> tuple[int, int]:
    left = right = _DEFAULT_CELL_MARGIN
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    return _margins_in(margins, left, right) if margins is not None else (left, right)


def _margins_in(holder, left: int, right: int) -> tuple[int, int]:
    for name in ("left", "start"):
        element = holder.find(qn(f"w:{name}"))
        if element is not None and element.get(qn("w:w"), "").isdigit():
            left = int(element.get(qn("w:w")))
    for name in ("right", "end"):
        element = holder.find(qn(f"w:{name}"))
        if element is not None and element.get(qn("w:w"), "").isdigit():
            right = int(element.get(qn("w:w")))
    return left, right


def _row_start(tr) -> int:
    before = tr.find(f"{W}trPr/{W}gridBefore")
    value = before.get(_VAL, "0") if before is not None else "0"
    return int(value) if value.isdigit() else 0


def _needed(twips: float, margins: int) -> int:
    return int(twips * _WORD_ROOM + 0.999) + _WORD_SLACK_TWIPS + margins if twips else margins


def fit_columns(table, styles: StyleSheet) -> None:
    """Give the columns of a data table widths that follow their content.

    Each column gets at least its longest unbreakable word (plus cell margins and indents), so that a
    reference such as "21/2020/TT-BGDĐT" or "1234/QĐ-UBND" stays on one line; a numbering column
    ("TT", "STT") keeps its template width. The rest of the table's width is shared in proportion to
    each column's amount of text; a column whose longest line fits gets no more than that line, and
    its share goes to the others. The table keeps its template's total width."""
    if not is_data_table(table):
        return
    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    count = len(columns)
    if count < 2 or count > MAX_COLUMNS:
        return
    template = []
    for column in columns:
        value = column.get(qn("w:w"), "")
        if not value.isdigit() or int(value) == 0:
            return  # a grid without widths: Word lays the table out itself
        template.append(int(value))
    total = sum(template)
    word = [0] * count
    line = [0] * count
    amount = [0.0] * count
    numbering: set[int] = set()
    table_margins = _table_margins(table)
    indents_of: dict = {}
    measured: dict[bytes, tuple[float, float, float]] = {}  # a cell's XML → its measures (rows repeat values)
    cells = []  # (row, cell, first grid column, columns spanned): measured, then given their widths
    for row_index, tr in enumerate(table.findall(qn("w:tr"))):
        position = _row_start(tr)
        for tc in tr.findall(_TC):
            span = _grid_span(tc)
            cells.append((row_index, tc, position, span))
            position += span
    for row_index, tc, position, span in cells:
        if row_index >= MAX_MEASURED_ROWS:
            break
        if span == 1 and position < count:
            tc_pr = tc.find(_TC_PR)
            own = tc_pr.find(_TC_MAR) if tc_pr is not None else None
            left, right = _margins_in(own, *table_margins) if own is not None else table_margins
            key = etree.tostring(tc)
            found = measured.get(key)
            if found is None:
                found = measured[key] = _measure_cell(tc, styles, indents_of)
            longest_word, longest_line, text = found
            word[position] = max(word[position], _needed(longest_word, left + right))
            line[position] = max(line[position], _needed(longest_line, left + right))
            amount[position] += text
            if row_index == 0 and _name_key(paragraph_text(tc)) in NUMBERING_HEADERS:
                numbering.add(position)
    widths = list(word)
    for index in numbering:
        widths[index] = max(word[index], template[index])
    if sum(widths) > total:
        widths = list(word)
    if sum(widths) > total:
        # The longest words do not fit side by side in the table's width. Widening the table would
        # push it into the margin (or off the page); the template author's widths are then the best
        # layout, and Word breaks the longest words inside their cells.
        return
    rest = total - sum(widths)
    active = [index for index in range(count) if index not in numbering]
    while rest > 0 and active:
        weight = sum(amount[index] for index in active)
        shares = {
            index: rest * (amount[index] / weight if weight else template[index] / sum(template[i] for i in active))
            for index in active
        }
        full = [index for index in active if widths[index] + shares[index] >= line[index]]
        if not full:
            for index in active:
                widths[index] += int(shares[index])
            break
        for index in full:  # its longest line fits: more width would only be white space
            rest -= line[index] - widths[index]
            widths[index] = line[index]
            active.remove(index)
    others = [index for index in range(count) if index not in numbering] or list(range(count))
    left_over = total - sum(widths)
    if left_over > 0 and not active:
        # Every line fits on one line: the white space left is shared as the lines are long.
        weight = sum(widths[index] for index in others) or 1  # all empty with no margins: nothing to share by
        for index in others:
            widths[index] += int(left_over * widths[index] / weight)
    widest = max(others, key=lambda index: widths[index])
    widths[widest] += total - sum(widths)  # what rounding left over
    for column, width in zip(columns, widths):
        column.set(qn("w:w"), str(width))
    for _, tc, position, span in cells:
        if position + span <= count:  # a cell past the grid (a malformed row) is left as it is
            _set_cell_width(tc, sum(widths[position : position + span]))


_TC_W, _W_ATTR, _TYPE = qn("w:tcW"), qn("w:w"), qn("w:type")


def _set_cell_width(tc, twips: int) -> None:
    tc_pr = _tc_pr(tc)
    width = tc_pr.find(_TC_W)
    if width is None:
        width = etree.Element(qn("w:tcW"))
        tc_pr.insert(1 if len(tc_pr) and tc_pr[0].tag in _BEFORE_TC_W else 0, width)
    width.set(_W_ATTR, str(twips))
    width.set(_TYPE, "dxa")


# -- Space above the paragraph after a data table (space_after_tables) ----------------------------

# A heading right under a table's bottom border reads as part of the table: 12 pt above it, the
# space Decree 30's model forms leave between blocks (the title's and the signature's 12 pt).
SPACE_AFTER_TABLE_TWIPS = 240
_SPACING, _BEFORE = qn("w:spacing"), qn("w:before")
_AFTER_SPACING = _AFTER_IND | {qn("w:ind")}
# Markers that may sit between a table and the next paragraph without being one.
_INVISIBLE = {qn(f"w:{name}") for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd")}


def space_after_tables(body, styles: StyleSheet) -> None:
    """The first paragraph after a data table gets SPACE_AFTER_TABLE_TWIPS above it, when it has text
    and less space of its own (an empty paragraph after a table is itself the space)."""
    for table in body.iter(qn("w:tbl")):
        if not is_data_table(table):
            continue
        after = table.getnext()
        for _ in range(16):  # a few bookmarks at most; bounded all the same
            if after is None or after.tag not in _INVISIBLE:
                break
            after = after.getnext()
        if after is None or after.tag != _P or not paragraph_text(after).strip():
            continue
        if styles.paragraph_format(after).space_before_twips >= SPACE_AFTER_TABLE_TWIPS:
            continue
        spacing = _child(_child(after, qn("w:pPr"), first=True), _SPACING, _AFTER_SPACING)
        spacing.set(_BEFORE, str(SPACE_AFTER_TABLE_TWIPS))
        # Word reads beforeLines and beforeAutospacing before w:before: they would hide it.
        spacing.attrib.pop(qn("w:beforeLines"), None)
        spacing.attrib.pop(qn("w:beforeAutospacing"), None)


# Children of a paragraph that show something though it has no text.
_VISIBLE_WITHOUT_TEXT = {
    qn(f"w:{name}")
    for name in ("drawing", "pict", "object", "br", "tab", "ptab", "sym", "fldChar", "instrText", "footnoteReference")
}
# Children of w:rPr that come after w:sz, in the schema's order.
_AFTER_SZ = {
    qn(f"w:{name}")
    for name in (
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
        "rPrChange",
    )
}
# A paragraph's ending mark (1 pt): too small to need a page of its own.
_TINY_HALF_POINTS, _TINY_LINE_TWIPS = "2", "20"


def _tiny_size(rpr) -> None:
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = _child(rpr, qn(tag), _AFTER_SZ if tag == "w:sz" else _AFTER_SZ - {qn("w:szCs")})
        element.set(_VAL, _TINY_HALF_POINTS)


def shrink_the_paragraph_after_a_last_table(body) -> None:
    """The empty paragraph Word requires after a table that ends the body gets a 1 pt exact line and
    no spacing: at its full height it spilled onto a page of its own when the table filled the last
    page, which then held only the page number (the Danh sách with nine candidates)."""
    last = None
    for child in reversed(body):  # the last paragraph before w:sectPr (and any bookmark)
        if child.tag == _P:
            last = child
            break
        if child.tag not in _INVISIBLE and child.tag != qn("w:sectPr"):
            return
    if last is None or paragraph_text(last).strip():
        return
    if any(element.tag in _VISIBLE_WITHOUT_TEXT for element in last.iter()):
        return
    before = last.getprevious()
    for _ in range(16):  # a few bookmarks at most; bounded all the same
        if before is None or before.tag not in _INVISIBLE:
            break
        before = before.getprevious()
    if before is None or before.tag != qn("w:tbl"):
        return
    ppr = _child(last, _PPR, first=True)
    _child(ppr, qn("w:snapToGrid"), _AFTER_SPACING | {_SPACING}).set(_VAL, "0")
    spacing = _child(ppr, _SPACING, _AFTER_SPACING)
    for name in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
        spacing.attrib.pop(qn(f"w:{name}"), None)
    spacing.set(_BEFORE, "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), _TINY_LINE_TWIPS)
    spacing.set(qn("w:lineRule"), "exact")
    _tiny_size(_child(ppr, qn("w:rPr"), {qn("w:sectPr"), qn("w:pPrChange")}))
    for run in last.iter(qn("w:r")):
        _tiny_size(_child(run, qn("w:rPr"), first=True))


# A document's number and symbol ("số 112/TTr-SNV", "152/2025/NĐ-CP", "số      /QĐ-UBND"): Word and
# LibreOffice break a line after a hyphen ("Tờ trình số 112/TTr-" | "SNV"), a clerk never does.
_SYMBOL = re.compile(r"/[A-ZĐ][A-Za-zĐđ0-9]{0,11}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,11})+")
_T, _NO_BREAK_HYPHEN = qn("w:t"), qn("w:noBreakHyphen")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def hold_symbols(body) -> None:
    """Each hyphen inside a document's symbol becomes Word's no-break hyphen (a reader still sees "-")."""
    for t in list(body.iter(_T)):
        text = t.text or ""
        if "-" not in text or "/" not in text:
            continue
        cuts = [m.start() + i for m in _SYMBOL.finditer(text) for i, ch in enumerate(m.group()) if ch == "-"]
        if not cuts:
            continue
        run, at = t.getparent(), t.getparent().index(t)
        pieces, start = [], 0
        for cut in cuts:
            pieces += [text[start:cut], None]
            start = cut + 1
        pieces.append(text[start:])
        run.remove(t)
        for offset, piece in enumerate(p for p in pieces if p != ""):
            if piece is None:
                element = etree.Element(_NO_BREAK_HYPHEN)
            else:
                element = etree.Element(_T)
                element.text = piece
                element.set(_XML_SPACE, "preserve")
            run.insert(at + offset, element)


def keep_a_paragraph_in_every_cell(body) -> None:
    """A cell whose paragraphs a template tag removed gets an empty one: Word requires it, and
    LibreOffice otherwise merges the table with the next one."""
    for tc in body.iter(_TC):
        if tc.find(_P) is None:
            etree.SubElement(tc, _P)


@dataclass(frozen=True)
class StyleMarks:
    """The styles of a template the layout fixes look for, found by name once per template."""

    ratios: dict[str, float] = field(default_factory=dict)  # line styles and their length ratios
    signatures: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, styles_root) -> StyleMarks:
        return cls(
            line_styles(styles_root),
            signature_styles(styles_root),
            group_row_styles(styles_root),
            title_styles(styles_root),
        )


def apply_to(root, styles: StyleSheet, text_width: int, memo: dict | None, marks: StyleMarks) -> None:
    """Every layout fix, on a document element (w:document) whose template's styles are `marks`."""
    body = root.find(f"{W}body")
    for table in body.iter(qn("w:tbl")):
        drop_empty_columns(table)
        keep_data_rows_whole(table, marks.groups)
        fit_columns(table, styles)
    keep_a_paragraph_in_every_cell(body)
    space_after_tables(body, styles)
    fit_lines(body, styles, text_width, memo, marks.ratios)
    keep_signature_with_text(body, marks.signatures)
    hold_title_tails(body, marks.titles)
    hold_symbols(body)
    shrink_the_paragraph_after_a_last_table(body)


def apply(document) -> None:
    """Every layout fix, on a python-docx Document."""
    try:
        styles_root = document.part.styles.element
    except (AttributeError, KeyError, NotImplementedError):
        styles_root = None
    apply_to(
        document.element, StyleSheet.of(document), text_width_of(document.element), None, StyleMarks.of(styles_root)
    )
