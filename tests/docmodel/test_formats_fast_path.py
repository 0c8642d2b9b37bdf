"""The effective formats the reader computes through its memos (kit.docmodel.effective: the styles' share
resolved once per style combination, a format remembered by the fingerprint of its rPr or pPr) equal the
formats found the straightforward way — every level walked for every run and paragraph — on each paragraph
and run of the real documents of tests/corpus. An optimisation of the memos that changes one format fails
here, even where no finding of the corpus moves."""

from pathlib import Path

import docx
import pytest

from kit.docmodel.effective import _NS, ParagraphFormat, RunFormat, StyleSheet, W, run_pieces

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCUMENTS = sorted(CORPUS.glob("*.docx"))


def _on(element) -> bool:
    return element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _int(value):
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _first(levels: list, tag: str):
    for level in levels:
        if level is not None and (element := level.find(W + tag)) is not None:
            return element
    return None


def walked_run_format(sheet: StyleSheet, p, r, table_style: str | None, para_style: str) -> RunFormat:
    """A run's (or, `r` None, the paragraph mark's) format: every property looked for in the direct rPr, the
    character style chain, the paragraph and table style chains, the document defaults, in that order."""
    direct = r.find(W + "rPr") if r is not None else p.find(f"{W}pPr/{W}rPr")
    char_style = None
    if r is not None:
        rstyle = direct.find(W + "rStyle") if direct is not None else None
        char_style = rstyle.get(W + "val") if rstyle is not None else sheet._default_character_style
    char_chain = [s.find("w:rPr", _NS) for s in sheet._chain(char_style)]
    para_chain = [s.find("w:rPr", _NS) for s in sheet._chain(para_style) + sheet._chain(table_style)]
    order = [direct, *char_chain, *para_chain, sheet._rpr_default]

    def font(attribute: str):
        theme_attribute = {"cs": "cstheme"}.get(attribute, attribute + "Theme")
        for level in order:
            fonts = level.find(W + "rFonts") if level is not None else None
            if fonts is None:
                continue
            if fonts.get(W + attribute):
                return fonts.get(W + attribute)
            if theme := fonts.get(W + theme_attribute):
                return sheet.theme_fonts.get(theme, theme)
        return None

    def toggle(tag: str) -> bool:
        if direct is not None and direct.find(W + tag) is not None:
            return _on(direct.find(W + tag))
        defined = [_on(e) for e in (_first(char_chain, tag), _first(para_chain, tag)) if e is not None]
        if defined:
            value = False
            for item in defined:
                value ^= item
            return value
        default = _first([sheet._rpr_default], tag)
        return _on(default) if default is not None else False

    size, underline = _first(order, "sz"), _first(order, "u")
    return RunFormat(
        font=font("ascii") or font("hAnsi"),
        font_east_asia=font("eastAsia"),
        font_cs=font("cs"),
        size_pt=(_int(size.get(W + "val")) or 0) / 2 if size is not None and _int(size.get(W + "val")) else None,
        bold=toggle("b"),
        italic=toggle("i"),
        caps=toggle("caps"),
        underline=underline is not None and underline.get(W + "val", "single") != "none",
    )


def walked_paragraph_format(sheet: StyleSheet, p, table_style: str | None, style_id: str) -> ParagraphFormat:
    """A paragraph's format: every property looked for in its pPr, its style chain, the table style's chain
    and the document defaults, in that order."""
    order = [p.find(W + "pPr")]
    order += [s.find("w:pPr", _NS) for s in sheet._chain(style_id) + sheet._chain(table_style)]
    order = [level for level in [*order, sheet._ppr_default] if level is not None]

    def attribute(tag: str, *names: str):
        for level in order:
            element = level.find(W + tag)
            for name in names if element is not None else ():
                if element.get(W + name) is not None:
                    return element.get(W + name)
        return None

    def border(side: str) -> bool:
        for level in order:
            if (element := level.find(f"w:pBdr/w:{side}", _NS)) is not None:
                return element.get(W + "val") not in (None, "nil", "none")
        return False

    def toggle(tag: str) -> bool:
        return next((_on(e) for level in order if (e := level.find(W + tag)) is not None), False)

    # The first level whose w:ind sets a hanging or a first-line indent sets the paragraph's first line.
    indents = (level.find(W + "ind") for level in order)
    first_ind = next(
        (ind for ind in indents if ind is not None and {W + "hanging", W + "firstLine"} & set(ind.keys())), None
    )
    hanging = _int(first_ind.get(W + "hanging")) if first_ind is not None else None
    first_line = _int(first_ind.get(W + "firstLine")) if first_ind is not None else None
    return ParagraphFormat(
        style_id=style_id,
        alignment=attribute("jc", "val"),
        first_line_twips=-hanging if hanging else (first_line or 0),
        left_twips=_int(attribute("ind", "left", "start")) or 0,
        right_twips=_int(attribute("ind", "right", "end")) or 0,
        space_before_twips=_int(attribute("spacing", "before")) or 0,
        space_after_twips=_int(attribute("spacing", "after")) or 0,
        line=_int(attribute("spacing", "line")),
        line_rule=attribute("spacing", "lineRule"),
        bottom_border=border("bottom"),
        top_border=border("top"),
        page_break_before=toggle("pageBreakBefore"),
    )


def _table_style(p) -> str | None:
    """The style of the nearest table around paragraph `p`, as the reader passes it."""
    for ancestor in p.iterancestors(W + "tbl"):
        style = ancestor.find(f"{W}tblPr/{W}tblStyle")
        return style.get(W + "val") if style is not None else None
    return None


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.stem[:40] for path in DOCUMENTS])
def test_remembered_formats_are_the_walked_ones(path):
    document = docx.Document(str(path))
    sheet = StyleSheet.of(document)
    compared = 0
    for p in document.element.body.iter(W + "p"):
        style = sheet.paragraph_style_id(p) or ""
        table_style = _table_style(p)
        fmt, mark = sheet.paragraph_and_mark(p, table_style, style)
        assert fmt == walked_paragraph_format(sheet, p, table_style, style)
        assert mark == walked_run_format(sheet, p, None, table_style, style)
        runs = [r for r, _ in run_pieces(p)]
        walked = [walked_run_format(sheet, p, r, table_style, style) for r in runs]
        assert sheet.runs_formats(runs, table_style, style) == walked
        compared += 1 + len(runs)
    assert compared or not document.paragraphs
