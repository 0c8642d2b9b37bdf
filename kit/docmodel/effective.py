"""Effective formatting: direct run → character style → paragraph style → basedOn → docDefaults.

python-docx reports `None` for what is inherited; this module is the one place that resolves the
inheritance, so every reader and check sees what Word shows.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
_NS = {"w": W_NS}

# Toggle properties (ECMA-376 Part 1, 17.7.3): each style level toggles them, direct formatting sets them.
_TOGGLES = ("b", "i", "caps", "strike")


@dataclass(frozen=True)
class RunFormat:
    font: str | None
    font_east_asia: str | None
    font_cs: str | None
    size_pt: float | None
    bold: bool
    italic: bool
    caps: bool
    underline: bool


@dataclass(frozen=True)
class ParagraphFormat:
    style_id: str | None
    alignment: str | None  # w:jc value: left/start, center, right/end, both, …
    first_line_twips: int
    left_twips: int
    right_twips: int
    space_before_twips: int
    space_after_twips: int
    line: int | None
    line_rule: str | None
    bottom_border: bool
    top_border: bool
    page_break_before: bool = False  # w:pageBreakBefore, from the paragraph or its styles


@dataclass(frozen=True)
class _StyleRunFormat:
    """What the styles of a run (and the document defaults) set, before its direct formatting: the format of
    a run without direct formatting, and the parts a direct rPr overrides one by one."""

    format: RunFormat
    fonts: dict  # slot (W-qualified ascii, hAnsi, eastAsia, cs) → typeface
    size: object  # the w:sz element that wins, or None
    underline: object  # the w:u element that wins, or None
    toggles: dict  # b, i, caps → value
    # What a run's format reads of all of the above (and of the theme's fonts, which a direct rFonts may name):
    # the key of the formats shared by the documents of a batch (_SHARED_RUN_FORMATS).
    token: tuple = ()


_SZ, _U, _RFONTS = W + "sz", W + "u", W + "rFonts"
# Font slots of w:rFonts and the theme slot beside each ("cs" has "cstheme").
_FONT_SLOTS = tuple(
    (W + slot, W + theme)
    for slot, theme in (
        ("ascii", "asciiTheme"),
        ("hAnsi", "hAnsiTheme"),
        ("eastAsia", "eastAsiaTheme"),
        ("cs", "cstheme"),
    )
)
_ASCII, _HANSI, _EAST_ASIA, _CS = (slot for slot, _ in _FONT_SLOTS)


def _run_format_of(font, size, underline, toggle) -> RunFormat:
    """A RunFormat from the winning values: font(slot) → typeface, the w:sz and w:u elements, toggle(tag)."""
    return RunFormat(
        font=font(_ASCII) or font(_HANSI),
        font_east_asia=font(_EAST_ASIA),
        font_cs=font(_CS),
        size_pt=(_int(size.get(W + "val")) or 0) / 2 if size is not None and _int(size.get(W + "val")) else None,
        bold=toggle("b"),
        italic=toggle("i"),
        caps=toggle("caps"),
        underline=underline is not None and underline.get(W + "val", "single") != "none",
    )


def _on(element) -> bool:
    return element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


_PPR, _PSTYLE, _VAL = W + "pPr", W + "pStyle", W + "val"
_NUMPR, _NUMID, _ILVL = W + "numPr", W + "numId", W + "ilvl"
_RPR, _RSTYLE, _IND, _MARK_RPR = W + "rPr", W + "rStyle", W + "ind", f"{W}pPr/{W}rPr"


def _first_child(element, tag: str):
    """The child `tag` of `element`, looked for first where the schema puts it: first (w:pPr in a
    paragraph, w:rPr in a run, w:rStyle in w:rPr)."""
    for child in element:
        return child if child.tag == tag else element.find(tag)
    return None


def fingerprint(element) -> tuple:
    """What a property element (w:rPr, w:pPr) says, as a hashable key: its children's tags and attributes,
    nested ones included. Equal only for equal XML (text aside), at about a quarter of the cost of serialising
    it. The format memos key on less (run_format_key, paragraph_format_key): only what the formats read."""
    parts: list = []
    for child in element:
        # A comment or a processing instruction says nothing: its tag (etree.Comment…) stands for it.
        if len(child):
            parts.append((child.tag, tuple(child.items()), fingerprint(child)))
        else:
            parts.append((child.tag, tuple(child.items())))
    return tuple(parts)


# What the format computations read of a direct rPr (_run_format, _rpr_inputs) and of a pPr (_paragraph_answers,
# and the paragraph mark's rPr): a memo's key holds these, nothing else — a run's language, colour, revision
# marks change nothing it computes. A property read by a computation must be listed here too
# (tests/docmodel/test_formats_fast_path.py compares the remembered formats with the walked ones).
_RUN_FORMAT_TAGS = frozenset(W + tag for tag in ("rFonts", "sz", "u", "b", "i", "caps", "rStyle"))
_PARAGRAPH_FORMAT_TAGS = frozenset(W + tag for tag in ("jc", "ind", "spacing", "pageBreakBefore"))
_PBDR = W + "pBdr"


def run_format_key(rpr) -> tuple:
    """The key of a direct rPr in the format memos: what its children that the run's format reads say, in
    order: the w:val of each (all a format reads of w:sz, w:u, w:b, w:i, w:caps, w:rStyle; one lookup, where
    listing every attribute built their names), every attribute of w:rFonts (its slots and theme slots)."""
    return tuple(
        [
            (child.tag, child.get(_VAL)) if child.tag != _RFONTS else (_RFONTS, tuple(child.items()))
            for child in rpr
            if child.tag in _RUN_FORMAT_TAGS
        ]
    )


def read_paragraph_properties(ppr) -> tuple[Any, Any, bool, tuple]:
    """What the reader needs of a paragraph's pPr, in one walk of its children: its first w:pStyle, its
    first w:numPr, whether it sets indents (w:ind), and its paragraph_format_key."""
    style = numbering = mark = None
    indents = False
    parts: list = []
    for child in ppr:
        tag = child.tag
        if tag in _PARAGRAPH_FORMAT_TAGS:
            parts.append((tag, tuple(child.items())))
            indents = indents or tag == _IND
        elif tag == _PSTYLE:
            style = child if style is None else style
        elif tag == _NUMPR:
            numbering = child if numbering is None else numbering
        elif tag == _PBDR:
            parts.append((tag, tuple([(side.tag, tuple(side.items())) for side in child])))
        elif tag == _RPR and mark is None:
            mark = run_format_key(child)
    return style, numbering, indents, (tuple(parts), mark)


def paragraph_format_key(ppr) -> tuple:
    """The keys of a pPr in the format memos: (what its children that the paragraph's format reads say, the
    borders' sides included; the run_format_key of its first rPr, the paragraph mark's, or None). Two keys:
    paragraphs formatted alike whose marks differ (or the reverse) share one of the two formats."""
    mark = None
    parts: list = []
    for child in ppr:
        tag = child.tag
        if tag in _PARAGRAPH_FORMAT_TAGS:
            parts.append((tag, tuple(child.items())))
        elif tag == _PBDR:
            parts.append((tag, tuple([(side.tag, tuple(side.items())) for side in child])))
        elif tag == _RPR and mark is None:
            mark = run_format_key(child)
    return tuple(parts), mark


def _num_pr(pprs: list, inherited: tuple[str | None, int | None]) -> tuple[str | None, int | None]:
    """(numId, ilvl) from the first of these pPr (nearest first) that says each, else from `inherited`."""
    num_id, ilvl = None, None
    for ppr in pprs:
        num_pr = ppr.find(_NUMPR) if ppr is not None else None
        if num_pr is None:
            continue
        if num_id is None and (element := num_pr.find(_NUMID)) is not None:
            num_id = element.get(W + "val")
        if ilvl is None and (element := num_pr.find(_ILVL)) is not None:
            ilvl = _int(element.get(W + "val"))
        if num_id is not None and ilvl is not None:
            break
    return (num_id if num_id is not None else inherited[0]), (ilvl if ilvl is not None else inherited[1])


_SHEETS: dict = {}  # styles part and theme fonts → StyleSheet, for the documents of a batch
# Formats the documents of a batch share whatever their styles part: (what the styles set, what the direct rPr
# or pPr says) → the format. Cleared when full.
_SHARED_RUN_FORMATS: dict = {}
_SHARED_PARAGRAPH_FORMATS: dict = {}
_SHARED_LIMIT = 10_000  # entries of each (a few hundred bytes each): the 178 corpus documents make 2,000 and 4,200
# What a package opened once says, found again when it is read again (see held): weakly keyed, so that
# nothing here keeps a document alive.
_OPENED_SHEETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # styles element → its StyleSheet


def held(memo: weakref.WeakKeyDictionary, owner, *others):
    """What `memo` holds for these very objects (parsed XML elements, package parts), or None: found by
    identity, never by content — an object is what it was while it lives, and the memo holds none of them
    alive (weak references). For what a package opened once says each time it is read again."""
    try:
        found = memo.get(owner) if owner is not None else None
    except TypeError:  # an element of lxml's own classes cannot be weakly referenced (python-docx's can)
        return None
    if found is None or any((ref() if ref is not None else None) is not other for ref, other in zip(found[0], others)):
        return None
    return found[1]


def hold(memo: weakref.WeakKeyDictionary, value, owner, *others):
    """Remember `value` for these very objects (see held) while the first of them lives."""
    try:
        if owner is not None:
            memo[owner] = (tuple(weakref.ref(other) if other is not None else None for other in others), value)
    except TypeError:  # not weakly referenced (see held): not remembered
        pass
    return value


class StyleSheet:
    """The styles part of one document, answering effective-formatting questions."""

    def __init__(self, styles_root):
        self._styles = {}
        self._default_paragraph_style: str | None = None
        self._default_character_style = None
        self._rpr_default = None
        self._ppr_default = None
        self._chains: dict = {}
        self._run_formats: dict = {}
        self._paragraph_formats: dict = {}
        # (character, paragraph, table style) → what they and the defaults set: a document has a few style
        # combinations and thousands of direct formats on top of them.
        self._style_run_formats: dict = {}
        # (style, table style) → what they and the defaults set, and that as a key (_SHARED_PARAGRAPH_FORMATS)
        self._style_paragraph_answers: dict = {}
        # The reader's memos (kit.docmodel.document): keyed on the XML a format is computed from, with nothing
        # looked up that the key already holds (a run's character style is in its rPr).
        self._formats_of_runs: dict = {}  # (rPr fingerprint, paragraph style, table style) → RunFormat
        self._formats_of_paragraphs: dict = {}  # (pPr key, style, table style) → the paragraph's format
        self._formats_of_marks: dict = {}  # (the mark's rPr key, style, table style) → the mark's format
        self._style_numbering: dict = {}  # style id → (numId, ilvl) its chain sets
        self._theme_fonts: dict[str, str] = {}
        self._theme_token: tuple = ()
        if styles_root is None:
            return
        for style in styles_root.findall(W + "style"):
            style_id = style.get(W + "styleId")
            self._styles[style_id] = style
            if style.get(W + "default") in ("1", "true"):
                kind = style.get(W + "type")
                if kind == "paragraph":
                    self._default_paragraph_style = style_id
                elif kind == "character":
                    self._default_character_style = style_id
        self._rpr_default = styles_root.find("w:docDefaults/w:rPrDefault/w:rPr", _NS)
        self._ppr_default = styles_root.find("w:docDefaults/w:pPrDefault/w:pPr", _NS)

    @property
    def theme_fonts(self) -> dict[str, str]:
        """Theme font slots (minorHAnsi…) → typeface."""
        return self._theme_fonts

    @theme_fonts.setter
    def theme_fonts(self, fonts: dict[str, str]) -> None:
        self._theme_fonts = fonts
        self._theme_token = tuple(sorted(fonts.items()))

    @classmethod
    def of(cls, document) -> StyleSheet:
        """The style sheet of a python-docx Document (with its theme's fonts)."""
        try:
            root = document.part.styles.element  # python-docx StylesPart
        except (AttributeError, KeyError, NotImplementedError):
            root = None
        theme = _theme_part(document)
        return cls._shared(root, theme.blob if theme is not None else None, None, theme)

    @classmethod
    def of_source(cls, source) -> StyleSheet:
        """The style sheet of a document's parts (kit.docmodel.package.Source)."""
        return cls._shared(source.styles, source.theme_blob, source.styles_key, source.theme_owner)

    @classmethod
    def _shared(cls, root, theme_blob: bytes | None, key_bytes: bytes | None, theme_owner) -> StyleSheet:
        """The sheet of these styles and theme, shared by the documents that have the same: `key_bytes`, the
        styles part's bytes when the caller holds them (else the styles are serialised for the key);
        `theme_owner`, the python-docx theme part whose identity names the theme in a batch."""
        # The self-check of a batch reads its documents through one opened package (kit.app.check): the
        # same styles and theme objects again are the same sheet, found without serialising the styles.
        opened = held(_OPENED_SHEETS, root, theme_owner)
        if opened is not None:
            return opened
        theme_fonts = _theme_fonts(theme_blob)
        # Documents from one template share their styles: one sheet (and its memo) serves them all.
        if key_bytes is None:
            key_bytes = etree.tostring(root) if root is not None else b""
        key = (key_bytes, tuple(sorted(theme_fonts.items())))
        sheet = _SHEETS.get(key)
        if sheet is None:
            if len(_SHEETS) >= 16:
                _SHEETS.pop(next(iter(_SHEETS)))
            sheet = _SHEETS[key] = cls(root)
            sheet.theme_fonts = theme_fonts
        return hold(_OPENED_SHEETS, sheet, root, theme_owner)

    def _chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first (memoised: styles do not change)."""
        cached = self._chains.get(style_id)
        if cached is None:
            cached = self._chains[style_id] = self._walk_chain(style_id)
        return cached

    def _walk_chain(self, style_id: str | None) -> list:
        chain, seen = [], set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            based_on = style.find(W + "basedOn")
            style_id = based_on.get(W + "val") if based_on is not None else None
        return chain

    @property
    def default_paragraph_style(self) -> str | None:
        return self._default_paragraph_style

    def paragraph_style_id(self, p) -> str | None:
        # pPr is a paragraph's first child and pStyle pPr's first (the schema's order): look there first.
        return self.style_of(_first_child(p, _PPR))

    def style_of(self, ppr) -> str | None:
        """The style of the paragraph whose (first) pPr is `ppr` (None: it has none)."""
        style = _first_child(ppr, _PSTYLE) if ppr is not None else None
        return style.get(_VAL) if style is not None else self._default_paragraph_style

    def numbering_of(self, p, style_id: str | None = None) -> tuple[str | None, int]:
        """(numId, ilvl) of Word's list numbering, from the paragraph or its style chain (`style_id`: the
        paragraph's style when the caller knows it): each from the nearest that says it."""
        ppr = _first_child(p, _PPR)
        return self.numbering_of_ppr(ppr, style_id if style_id is not None else self.style_of(ppr))

    def numbering_from(self, num_pr, style_id: str | None) -> tuple[str | None, int]:
        """numbering_of a paragraph whose (first) pPr's first w:numPr is `num_pr` (None: it has none) and whose
        style is `style_id`."""
        inherited = self._style_numbering.get(style_id)
        if inherited is None:
            inherited = self._style_numbering[style_id] = _num_pr(
                [s.find(_PPR) for s in self._chain(style_id)], (None, None)
            )
        if num_pr is None:
            return inherited[0], inherited[1] or 0
        found = num_pr.find(_NUMID)
        num_id = found.get(_VAL) if found is not None else inherited[0]
        found = num_pr.find(_ILVL)
        ilvl = _int(found.get(_VAL)) if found is not None else None
        return num_id, (ilvl if ilvl is not None else inherited[1]) or 0

    def numbering_of_ppr(self, ppr, style_id: str | None) -> tuple[str | None, int]:
        """numbering_of the paragraph whose (first) pPr is `ppr` and whose style is `style_id`."""
        inherited = self._style_numbering.get(style_id)
        if inherited is None:  # memoised: a document has a few styles and thousands of paragraphs
            inherited = self._style_numbering[style_id] = _num_pr(
                [s.find(_PPR) for s in self._chain(style_id)], (None, None)
            )
        if ppr is not None and ppr.find(_NUMPR) is not None:
            num_id, ilvl = _num_pr([ppr], inherited)
        else:
            num_id, ilvl = inherited
        return num_id, ilvl or 0

    # -- run properties -------------------------------------------------------------------

    def _rpr_inputs(self, p, r, para_style: str | None = None) -> tuple[object | None, str | None, str | None]:
        """What a run's formatting depends on: its direct rPr, its character style, its paragraph's style."""
        if r is not None:
            direct = _first_child(r, _RPR)
        else:
            direct = p.find(_MARK_RPR)
        char_style = None
        if r is not None:
            rstyle = _first_child(direct, _RSTYLE) if direct is not None else None
            char_style = rstyle.get(W + "val") if rstyle is not None else self._default_character_style
        return direct, char_style, para_style if para_style is not None else self.paragraph_style_id(p)

    def _style_rprs(
        self, char_style: str | None, para_style: str | None, table_style: str | None = None
    ) -> tuple[list, list]:
        char_chain = [s.find(_RPR) for s in self._chain(char_style)]
        # A table style's run properties sit below the paragraph style's, above the document defaults.
        para_chain = [s.find(_RPR) for s in self._chain(para_style) + self._chain(table_style)]
        return [x for x in char_chain if x is not None], [x for x in para_chain if x is not None]

    def _first(self, rprs: list, tag: str):
        for rpr in rprs:
            if rpr is None:
                continue
            element = rpr.find(W + tag)
            if element is not None:
                return element
        return None

    def _style_toggle(self, tag: str, char_chain: list, para_chain: list) -> bool:
        """A toggle property as the styles and the document defaults set it (no direct formatting)."""
        levels = [self._first(char_chain, tag), self._first(para_chain, tag)]
        defined = [_on(element) for element in levels if element is not None]
        if defined:
            value = False
            for item in defined:
                value ^= item
            return value
        default = self._first([self._rpr_default], tag)
        return _on(default) if default is not None else False

    def run_format(self, p, r=None, table_style: str | None = None, para_style: str | None = None) -> RunFormat:
        """Effective formatting of run `r` in paragraph `p` (or of the paragraph mark when `r` is None);
        `table_style`: the style of the table the paragraph is in; `para_style`: the paragraph's style when
        the caller knows it (looking it up for every run of a long paragraph costs its length each time)."""
        direct, char_style, para_style = self._rpr_inputs(p, r, para_style)
        # Memoised on what it depends on: a document repeats a handful of run formats thousands of times.
        key = (
            run_format_key(direct) if direct is not None else None,
            char_style,
            para_style,
            table_style,
        )
        found = self._run_formats.get(key)
        if found is None:
            found = self._run_formats[key] = self._run_format(direct, (char_style, para_style, table_style))
        return found

    def _run_format(
        self, direct, styles: tuple[str | None, str | None, str | None], direct_key: tuple | None = None
    ) -> RunFormat:
        """The format of a run whose direct rPr is `direct` and whose (character, paragraph, table) styles are
        `styles`: each property from the first of direct → character style chain → paragraph and table style
        chains → document defaults that sets it. What the styles set is resolved once per `styles`
        (_style_run_format); only the direct rPr is read here. `direct_key`: its run_format_key, when the caller
        has it."""
        base = self._style_run_formats.get(styles)
        if base is None:
            base = self._style_run_formats[styles] = self._style_run_format(*self._style_rprs(*styles))
        if direct is None:
            return base.format
        # Documents of a batch from other templates still share most run formats: the format is what the
        # styles give (base.token) changed by what the direct rPr says (its run_format_key).
        shared_key = (base.token, direct_key if direct_key is not None else run_format_key(direct))
        found = _SHARED_RUN_FORMATS.get(shared_key)
        if found is None:
            if len(_SHARED_RUN_FORMATS) >= _SHARED_LIMIT:
                _SHARED_RUN_FORMATS.clear()
            found = _SHARED_RUN_FORMATS[shared_key] = self._direct_run_format(direct, base)
        return found

    def _direct_run_format(self, direct, base: _StyleRunFormat) -> RunFormat:
        """The format of a run whose direct rPr is `direct` over what its styles set (`base`)."""
        fonts = self._fonts_set(direct, {})
        size = direct.find(_SZ)
        if size is None:
            size = base.size
        underline = direct.find(_U)
        if underline is None:
            underline = base.underline

        def font(slot: str) -> str | None:
            return fonts.get(slot) or base.fonts.get(slot)

        def toggle(tag: str) -> bool:
            element = direct.find(W + tag)
            return _on(element) if element is not None else base.toggles[tag]

        return _run_format_of(font, size, underline, toggle)

    def _style_run_format(self, char_chain: list, para_chain: list) -> _StyleRunFormat:
        levels = [*char_chain, *para_chain, self._rpr_default]
        fonts: dict[str, str] = {}
        for rpr in levels:
            if rpr is not None:
                self._fonts_set(rpr, fonts)
        size, underline = self._first(levels, "sz"), self._first(levels, "u")
        toggles = {tag: self._style_toggle(tag, char_chain, para_chain) for tag in ("b", "i", "caps")}
        format = _run_format_of(fonts.get, size, underline, toggles.__getitem__)
        # (The format itself follows from the rest: left out, its hash is a Python call at every lookup.)
        token = (
            tuple(fonts.items()),
            None if size is None else size.get(W + "val"),
            None if underline is None else underline.get(W + "val", "single"),
            tuple(toggles.items()),
            self._theme_token,
        )
        return _StyleRunFormat(format, fonts, size, underline, toggles, token)

    def _fonts_set(self, rpr, fonts: dict[str, str]) -> dict[str, str]:
        """`fonts` (slot → typeface) with the slots this rPr's rFonts sets that an rPr before it did not: a
        typeface named, or a theme's (asciiTheme="minorHAnsi": the theme's body font, Calibri in Word's
        default)."""
        element = rpr.find(_RFONTS)
        if element is None:
            return fonts
        for slot, theme_slot in _FONT_SLOTS:
            if slot in fonts:
                continue
            value = element.get(slot)
            if value:
                fonts[slot] = value
                continue
            theme = element.get(theme_slot)
            if theme:
                fonts[slot] = self.theme_fonts.get(theme, theme)
        return fonts

    def runs_formats(self, runs: list, table_style: str | None, para_style: str) -> list[RunFormat]:
        """run_format of each run of one paragraph, the same values at a fraction of the cost: the memo's key
        is the run's rPr alone (its character style, w:rStyle, is part of it), looked up in one loop."""
        return self.formats_of([_first_child(r, _RPR) for r in runs], table_style, para_style)

    def formats_of(self, rprs: list, table_style: str | None, para_style: str) -> list[RunFormat]:
        """runs_formats of runs whose direct rPr are `rprs` (None for a run without one)."""
        memo = self._formats_of_runs
        formats = []
        for direct in rprs:
            direct_key = run_format_key(direct) if direct is not None else None
            key = (direct_key, para_style, table_style)
            found = memo.get(key)
            if found is None:
                style = _first_child(direct, _RSTYLE) if direct is not None else None
                char_style = style.get(W + "val") if style is not None else self._default_character_style
                found = memo[key] = self._run_format(direct, (char_style, para_style, table_style), direct_key)
            formats.append(found)
        return formats

    def paragraph_and_mark(self, p, table_style: str | None, style_id: str) -> tuple[ParagraphFormat, RunFormat]:
        """(paragraph_format, run_format of the paragraph mark) of `p`, whose style is `style_id`: both read
        from its pPr, memoised together on one fingerprint of it."""
        return self.paragraph_and_mark_of(p, _first_child(p, _PPR), table_style, style_id)

    def paragraph_and_mark_of(
        self, p, ppr, table_style: str | None, style_id: str, printed: tuple | None = None
    ) -> tuple[ParagraphFormat, RunFormat]:
        """paragraph_and_mark of paragraph `p` whose (first) pPr is `ppr`; `printed`: its paragraph_format_key
        when the caller has it."""
        if printed is None and ppr is not None:
            printed = paragraph_format_key(ppr)
        if printed is None:
            printed = ((), None)  # no pPr: no mark rPr either (w:pPr/w:rPr)
        # The mark's rPr is the first one under a pPr (the path w:pPr/w:rPr): the first pPr's, which the key
        # holds. A first pPr without one leaves it to a second pPr (never written by Word): not memoised then.
        elif (
            printed[1] is None
            and next(ppr.itersiblings(_PPR), None) is not None
            and any(other.find(_RPR) is not None for other in ppr.itersiblings(_PPR))
        ):
            return self.paragraph_format(p, table_style, style_id), self.run_format(p, None, table_style, style_id)
        own, mark_key = printed
        key = (own, style_id, table_style)
        fmt = self._formats_of_paragraphs.get(key)
        if fmt is None:
            fmt = self._formats_of_paragraphs[key] = self._paragraph_format(ppr, style_id, table_style, own)
        key = (mark_key, style_id, table_style)
        mark = self._formats_of_marks.get(key)
        if mark is None:
            direct = p.find(_MARK_RPR) if mark_key is not None else None
            mark = self._formats_of_marks[key] = self._run_format(direct, (None, style_id, table_style), mark_key)
        return fmt, mark

    # -- paragraph properties -------------------------------------------------------------

    def paragraph_format(self, p, table_style: str | None = None, style_id: str | None = None) -> ParagraphFormat:
        style_id = style_id if style_id is not None else self.paragraph_style_id(p)
        ppr = _first_child(p, _PPR)
        key = (paragraph_format_key(ppr)[0] if ppr is not None else None, style_id, table_style)
        found = self._paragraph_formats.get(key)
        if found is None:
            found = self._paragraph_formats[key] = self._paragraph_format(ppr, style_id, table_style, key[0])
        return found

    def has_direct_indent(self, p) -> bool:
        """The paragraph sets its indents itself (they win over a list's)."""
        ppr = _first_child(p, _PPR)
        return ppr is not None and ppr.find(_IND) is not None

    def _paragraph_format(
        self, ppr, style_id: str | None, table_style: str | None = None, printed: tuple | None = None
    ) -> ParagraphFormat:
        """Each property from the first of the paragraph's pPr → its style chain → the table style's chain →
        the document defaults that sets it. What the styles set is resolved once per (style, table style);
        only the paragraph's own pPr is read here. `printed`: the first of its paragraph_format_key, when the
        caller has it."""
        styles = (style_id, table_style)
        found = self._style_paragraph_answers.get(styles)
        if found is None:
            answers: dict = {}
            for level in [s.find(_PPR) for s in self._chain(style_id) + self._chain(table_style)]:
                if level is not None:
                    _paragraph_answers(level, answers)
            if self._ppr_default is not None:
                _paragraph_answers(self._ppr_default, answers)
            found = self._style_paragraph_answers[styles] = (answers, tuple(answers.items()))
        base, token = found
        # Shared by the documents of a batch, as the run formats are: what the styles say, then the pPr.
        if ppr is not None and printed is None:
            printed = paragraph_format_key(ppr)[0]
        shared_key = (style_id, token, printed)
        shared = _SHARED_PARAGRAPH_FORMATS.get(shared_key)
        if shared is None:
            if len(_SHARED_PARAGRAPH_FORMATS) >= _SHARED_LIMIT:
                _SHARED_PARAGRAPH_FORMATS.clear()
            shared = _SHARED_PARAGRAPH_FORMATS[shared_key] = self._combined_paragraph_format(ppr, style_id, base)
        return shared

    @staticmethod
    def _combined_paragraph_format(ppr, style_id: str | None, base: dict) -> ParagraphFormat:
        """The format of a paragraph whose pPr is `ppr` over what its styles and the defaults say (`base`)."""
        answers = {**base, **_paragraph_answers(ppr, {})} if ppr is not None else base
        hanging = _int(answers.get(_HANGING))
        first_line = _int(answers.get(_FIRST_LINE)) or 0
        return ParagraphFormat(
            style_id=style_id,
            alignment=answers.get(_ALIGNMENT),
            first_line_twips=-hanging if hanging else first_line,
            left_twips=_int(answers.get(_LEFT)) or 0,
            right_twips=_int(answers.get(_RIGHT)) or 0,
            space_before_twips=_int(answers.get(_BEFORE)) or 0,
            space_after_twips=_int(answers.get(_AFTER)) or 0,
            line=_int(answers.get(_LINE)),
            line_rule=answers.get(_LINE_RULE),
            bottom_border=answers.get("bottom", False),
            top_border=answers.get("top", False),
            page_break_before=answers.get("pageBreakBefore", False),
        )


# The attributes a paragraph format reads: (element, the attribute names that answer, in order of preference).
_ALIGNMENT, _HANGING, _FIRST_LINE = ("jc", ("val",)), ("ind", ("hanging",)), ("ind", ("firstLine",))
_LEFT, _RIGHT = ("ind", ("left", "start")), ("ind", ("right", "end"))
_BEFORE, _AFTER = ("spacing", ("before",)), ("spacing", ("after",))
_LINE, _LINE_RULE = ("spacing", ("line",)), ("spacing", ("lineRule",))
_PARAGRAPH_ATTRIBUTES = (_ALIGNMENT, _HANGING, _FIRST_LINE, _LEFT, _RIGHT, _BEFORE, _AFTER, _LINE, _LINE_RULE)


def _border(ppr, side: str):
    """The first w:pBdr/w:`side` of a pPr (as ElementPath finds it: the first border element holding one)."""
    for borders in ppr.iterchildren(_PBDR):
        found = borders.find(W + side)
        if found is not None:
            return found
    return None


def _paragraph_answers(ppr, answers: dict) -> dict:
    """`answers` with what this pPr says that a pPr before it did not: an attribute of
    _PARAGRAPH_ATTRIBUTES (its element present without any of its names says nothing), a top or bottom
    border (set or removed), page break before."""
    elements: dict = {}
    if _HANGING not in answers:
        # A first-line indent and a hanging one are one property: the level that sets either sets both (a
        # paragraph's own firstLine="720" wins over its style's hanging="1"; Word shows the 1,27 cm indent).
        ind = elements["ind"] = ppr.find(W + "ind")
        if ind is not None:
            hanging, first_line = ind.get(W + "hanging"), ind.get(W + "firstLine")
            if hanging is not None or first_line is not None:
                answers[_HANGING], answers[_FIRST_LINE] = hanging or "0", first_line or "0"
    for question in _PARAGRAPH_ATTRIBUTES:
        if question in answers:
            continue
        tag, names = question
        if tag not in elements:
            elements[tag] = ppr.find(W + tag)
        element = elements[tag]
        if element is None:
            continue
        for name in names:
            value = element.get(W + name)
            if value is not None:
                answers[question] = value
                break
    for side in ("bottom", "top"):
        if side not in answers:
            element = _border(ppr, side)
            if element is not None:
                answers[side] = element.get(W + "val") not in (None, "nil", "none")
    if "pageBreakBefore" not in answers:
        element = ppr.find(W + "pageBreakBefore")
        if element is not None:
            answers["pageBreakBefore"] = _on(element)
    return answers


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_part(document):
    """The package's theme part, or None."""
    try:
        parts = document.part.package.iter_parts()
        return next((part for part in parts if str(part.partname).startswith("/word/theme/")), None)
    except (AttributeError, KeyError):
        return None


_THEME_FONTS: dict[bytes, dict[str, str]] = {}  # a theme part's bytes → its fonts (documents of a batch share one)


def _theme_fonts(blob: bytes | None) -> dict[str, str]:
    """Theme font slots (minorHAnsi, majorHAnsi…) → typeface, from a theme part's bytes (read once for the
    documents of a batch that carry the same theme; the mapping is only read)."""
    if blob is None:
        return {}
    fonts = _THEME_FONTS.get(blob)
    if fonts is None:
        if len(_THEME_FONTS) >= 8:
            _THEME_FONTS.pop(next(iter(_THEME_FONTS)))
        fonts = _THEME_FONTS[blob] = _read_theme_fonts(blob)
    return fonts


def _read_theme_fonts(blob: bytes) -> dict[str, str]:
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    fonts = {}
    for kind in ("minor", "major"):
        latin = root.find(f".//{_A}{kind}Font/{_A}latin")
        if latin is not None and latin.get("typeface"):
            for slot in ("HAnsi", "Ascii", "EastAsia", "Bidi"):
                fonts[f"{kind}{slot}"] = latin.get("typeface")
    return fonts


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = W + "txbxContent"
_R, _T, _TAB, _BR, _CR, _PTAB = W + "r", W + "t", W + "tab", W + "br", W + "cr", W + "ptab"
_NB_HYPHEN, _SYM = W + "noBreakHyphen", W + "sym"
# Symbol-font characters (w:sym, private use F0xx) a reader sees as these.
_SYMBOLS = {
    "F0B3": "≥",
    "F0A3": "≤",
    "F0B1": "±",
    "F0B4": "×",
    "F0B8": "÷",
    "F0AE": "→",
    "F0AC": "←",
    "F0B7": "•",
    "F0A7": "▪",
    "F0D8": "➢",
    "F0FC": "✓",
    "F02D": "-",
    "F0E0": "→",
    "F06C": "●",
    "F0A8": "□",
    "F06F": "□",
    "F0FE": "☑",
    "F0B0": "°",
    "F057": "Ω",
    "F0B9": "≠",
    "F0BB": "≈",
}


def _symbol(element) -> str:
    code = (element.get(W + "char") or "").upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000  # a Symbol-font code point: its ASCII slot is the closest reading
    return chr(value) if 0x20 <= value < 0xF000 and value not in range(0xD800, 0xE000) else ""


def run_pieces(p, boxed: bool | None = None) -> list[tuple[object, str]]:
    """(run, text) of every run of paragraph `p` in reading order, text boxes and the fallback copy of
    alternate content left out (a text box is read once, as its own paragraphs); `boxed`: whether the
    paragraph holds a text box or alternate content, when the caller knows."""
    return [(r, text) for r, _, text in _pieces(p, boxed)]


def rpr_pieces(p, boxed: bool | None = None) -> list[tuple[object, str]]:
    """(direct rPr of the run or None, text) of every run of paragraph `p` with text, as run_pieces: the
    rPr found while the run's children are read (its first w:rPr child, as _first_child finds it)."""
    return _pieces(p, boxed, runs=False)


def _pieces(p, boxed: bool | None, runs: bool = True) -> list[tuple]:
    """(run, its first rPr or None, text) of every run of `p` with text, in reading order (run_pieces);
    without `runs`, (rPr or None, text)."""
    skip: set = set()
    if boxed if boxed is not None else next(p.iter(_TXBX, _MC + "Fallback"), None) is not None:
        skip = set(p.iterfind(".//" + _TXBX + "//" + _R)) | set(p.iterfind(".//" + _MC + "Fallback//" + _R))
    pieces = []
    for r in p.iter(_R):
        if skip and r in skip:
            continue
        parts = []
        rpr = None
        for child in r:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _RPR:
                if rpr is None:
                    rpr = child
            elif tag == _TAB or tag == _PTAB:
                parts.append("\t")
            elif tag == _BR or tag == _CR:
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _SYM:
                parts.append(_symbol(child))
            # softHyphen: an optional break point, nothing a reader sees
        if parts:
            pieces.append((r, rpr, "".join(parts)) if runs else (rpr, "".join(parts)))
    return pieces


def paragraph_text(p) -> str:
    """The text of a paragraph as a reader sees it (tabs and breaks as tabs and newlines)."""
    return "".join(text for _, text in run_pieces(p))


def text_runs(p) -> list:
    """The runs of a paragraph that carry text (hyperlinks and fields included)."""
    return [r for r in p.iter(W + "r") if r.find(W + "t") is not None and (r.findtext(W + "t") or "")]


__all__ = ["run_pieces", "StyleSheet", "RunFormat", "ParagraphFormat", "paragraph_text", "text_runs", "W", "W_NS"]
