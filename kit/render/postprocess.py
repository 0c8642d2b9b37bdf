"""Layout fixes applied to a rendered document, driven by conventions a template author can use.

- A data table (its first row repeats as a header on each page) loses every column whose header
  cell rendered empty; the freed width goes to the widest column. A template makes a column
  optional by putting a field in its header cell that is empty when the column has no data.
- A paragraph in the style *named* "VB Gạch ngắn" is drawn as a short centred line 2/5 as long as
  the text above it; in the style named "VB Gạch dưới chữ", as long as the text above it.
  Decree 30/2020/NĐ-CP, Phụ lục I, Mục II (ô 1, ô 2, ô 5a) sets these lengths. Styles are found by
  their name, which Word and LibreOffice keep when they re-save a template, never by their ID,
  which LibreOffice rewrites ("VBGachNgan" becomes "VBGchngn").
- A table cell left without a paragraph gets an empty one.
- A data table's rows never split across pages, and a group row (a paragraph in the style *named*
  "VB Bảng nhóm": "II. TẬP THỂ") keeps with the row after it, never left alone at a page's foot.
- The signature block never stands alone on a page: from the first paragraph in the style *named*
  "VB Chức vụ người ký" to the end, every paragraph keeps with the next and no table row splits,
  and the content just above (a paragraph, or the last row of a table) keeps with the block.
"""

from __future__ import annotations

import unicodedata

from docx.oxml.ns import qn
from lxml import etree

from ..docmodel.effective import StyleSheet, W, paragraph_text, text_runs
from ..metrics import text_width_pt

# The template contract's line styles, by name (docs/template-contract.md), and the length of the
# line as a share of the text above it.
LINE_STYLE_NAMES = {"VB Gạch ngắn": 0.4, "VB Gạch dưới chữ": 1.0}
# The style of the signer's title lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"): where the signature block starts.
SIGNATURE_STYLE_NAME = "VB Chức vụ người ký"
# The style of a data table's group rows ("I. CÁ NHÂN", "II. TẬP THỂ").
GROUP_ROW_STYLE_NAME = "VB Bảng nhóm"
# A signature block longer than this (a Biên bản's Nơi nhận under it, say) is not kept in one piece:
# only its first table and the text above it are, so that it can never outgrow a page.
_MAX_KEPT_PARAGRAPHS = 40
_P, _TC, _PSTYLE, _VAL = qn("w:p"), qn("w:tc"), qn("w:pStyle"), qn("w:val")
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


def _grid_span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(qn("w:val"))) if span is not None else 1


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
            width = tc_pr.find(qn("w:tcW"))
            if width is None:
                width = etree.Element(qn("w:tcW"))
                tc_pr.insert(1 if len(tc_pr) and tc_pr[0].tag in _BEFORE_TC_W else 0, width)
            width.set(qn("w:w"), str(sum(widths[index] for index in remaining)))
            width.set(qn("w:type"), "dxa")
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
        trpr.append(etree.Element(qn("w:cantSplit")))


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


def keep_signature_with_text(body, signature_ids: set[str]) -> None:
    """Keep the signature block in one piece and with the last lines of the text above it.

    Word and LibreOffice both honour keep-with-next on the paragraphs of a table row (the row stays with
    what follows) and on a paragraph before a table; a row marked cantSplit moves whole to the next page."""
    if not signature_ids:
        return
    blocks = [child for child in body if child.tag in (_P, qn("w:tbl"))]
    start = next(
        (
            index
            for index, block in enumerate(blocks)
            if any(style.get(_VAL) in signature_ids for style in block.iter(_PSTYLE))
        ),
        None,
    )
    if start is None:
        return
    zone = blocks[start:]
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


def keep_a_paragraph_in_every_cell(body) -> None:
    """A cell whose paragraphs a template tag removed gets an empty one: Word requires it, and
    LibreOffice otherwise merges the table with the next one."""
    for tc in body.iter(_TC):
        if tc.find(_P) is None:
            etree.SubElement(tc, _P)


def apply_to(
    root,
    styles: StyleSheet,
    text_width: int,
    memo: dict | None = None,
    ratios: dict[str, float] | None = None,
    signatures: set[str] | None = None,
    groups: set[str] | None = None,
) -> None:
    """Every layout fix, on a document element (w:document); `ratios` are its line styles (line_styles),
    `signatures` its signature title styles (signature_styles), `groups` its group-row styles
    (group_row_styles)."""
    body = root.find(f"{W}body")
    for table in body.iter(qn("w:tbl")):
        drop_empty_columns(table)
        keep_data_rows_whole(table, groups or set())
    keep_a_paragraph_in_every_cell(body)
    fit_lines(body, styles, text_width, memo, ratios)
    keep_signature_with_text(body, signatures or set())


def apply(document) -> None:
    """Every layout fix, on a python-docx Document."""
    try:
        styles_root = document.part.styles.element
    except (AttributeError, KeyError, NotImplementedError):
        styles_root = None
    apply_to(
        document.element,
        StyleSheet.of(document),
        text_width_of(document.element),
        ratios=line_styles(styles_root),
        signatures=signature_styles(styles_root),
        groups=group_row_styles(styles_root),
    )
