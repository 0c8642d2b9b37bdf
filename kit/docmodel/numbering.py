"""Word's automatic numbering (w:numPr + numbering.xml) resolved to the label a reader sees.

A paragraph numbered by Word shows "I." or "a)" although its text does not hold it; the rules must
see the same text whether the number was typed or made by Word.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..vn import roman
from .effective import StyleSheet, W, held, hold

# Symbol-font bullets Word stores as private-use characters; a reader sees a bullet or a dash.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf02d": "-", "o": "o"}


# Numbers beyond this are shown as digits: Word's own letters and Roman numerals stop being readable
# long before, and a crafted start value must not make a label of millions of letters.
_MAX_SHOWN = 100_000


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None
    indent: dict | None = None  # ParagraphFormat fields the list level sets (left_twips, first_line_twips)


def _number(value: str | None, default: int) -> int:
    """An integer attribute of numbering.xml; anything else (1.5, x, huge) is read as bounded."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        try:
            number = int(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return default
    return max(-_MAX_SHOWN, min(number, 10**12))


def _letters(number: int, upper: bool) -> str:
    # Word's letter numbering: a…z, then aa…zz, aaa… (English alphabet, as Word shows it).
    if number < 1:
        return ""
    letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26]
    text = letter * ((number - 1) // 26 + 1)
    return text.upper() if upper else text


def format_number(number: int, fmt: str) -> str:
    if number > _MAX_SHOWN or (number > 3999 and fmt in ("upperRoman", "lowerRoman")):
        return str(number)
    if fmt in ("decimal", "decimalEnclosedFullstop", "decimalEnclosedParen"):
        return str(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "upperRoman":
        return roman(number) if number > 0 else "0"
    if fmt == "lowerRoman":
        return roman(number).lower() if number > 0 else "0"
    if fmt == "upperLetter":
        return _letters(number, True)
    if fmt == "lowerLetter":
        return _letters(number, False)
    if fmt == "none":
        return ""
    return str(number)


class _Unread:
    """An abstract list whose levels are not read yet."""

    __slots__ = ("element",)

    def __init__(self, element):
        self.element = element


_ABSTRACT_NUM, _NUM, _LVL, _LVL_OVERRIDE = W + "abstractNum", W + "num", W + "lvl", W + "lvlOverride"
_ABSTRACT_NUM_ID, _NUM_ID, _ILVL, _VAL = W + "abstractNumId", W + "numId", W + "ilvl", W + "val"
_ABSTRACT_NUM_ID_ELEMENT, _START_OVERRIDE, _LEVEL_INDENT = W + "abstractNumId", W + "startOverride", f"{W}pPr/{W}ind"

# numbering part element → its lists' definitions (the levels read as they are used)
_DEFINITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Numbering:
    """Counts Word's list numbers in document order; call `label` for each paragraph in turn."""

    def __init__(self, numbering_root, styles: StyleSheet):
        self._styles = styles
        self._abstract: dict[str, dict[int, _Level] | _Unread] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_root is None:
            return
        # The lists' definitions are read once per numbering part (the documents of a batch read through one
        # opened package share it); only the counters are each document's own.
        definitions = held(_DEFINITIONS, numbering_root)
        if definitions is None:
            self._read(numbering_root)
            hold(_DEFINITIONS, (self._abstract, self._nums), numbering_root)
        else:
            self._abstract, self._nums = definitions

    def _read(self, numbering_root) -> None:
        # The levels of an abstract list are read when a paragraph first uses it (_levels): a numbering part
        # defines dozens of lists, a document uses a few.
        for abstract in numbering_root.iterchildren(_ABSTRACT_NUM):
            self._abstract[abstract.get(_ABSTRACT_NUM_ID)] = _Unread(abstract)
        for num in numbering_root.iterchildren(_NUM):
            abstract_id = num.find(_ABSTRACT_NUM_ID_ELEMENT)
            overrides = {}
            for override in num.iterchildren(_LVL_OVERRIDE):
                start = override.find(_START_OVERRIDE)
                if start is not None:
                    overrides[_number(override.get(_ILVL), 0)] = _number(start.get(_VAL), 0)
            if abstract_id is not None:
                self._nums[num.get(_NUM_ID)] = (abstract_id.get(_VAL), overrides)

    def _levels(self, abstract_id: str | None) -> dict[int, _Level]:
        """The levels of an abstract list, read on first use (the definitions are shared: read once)."""
        levels = self._abstract.get(abstract_id)  # type: ignore[arg-type]
        if levels is None:
            return {}
        if isinstance(levels, _Unread):
            read: dict[int, _Level] = {}
            for lvl in levels.element.iterchildren(_LVL):
                read[_number(lvl.get(_ILVL), 0)] = self._level(lvl)
            levels = self._abstract[abstract_id] = read  # type: ignore[index]
        return levels

    @staticmethod
    def _level(lvl) -> _Level:
        def value(tag: str, default: str | None) -> str | None:
            element = lvl.find(W + tag)
            return element.get(_VAL, default) if element is not None else default

        restart = value("lvlRestart", None)
        indent = None
        ind = lvl.find(_LEVEL_INDENT)
        if ind is not None:
            left = ind.get(W + "left", ind.get(W + "start"))
            hanging, first = ind.get(W + "hanging"), ind.get(W + "firstLine")
            indent = {}
            if left is not None:
                indent["left_twips"] = _number(left, 0)
            if hanging is not None:
                indent["first_line_twips"] = -_number(hanging, 0)
            elif first is not None:
                indent["first_line_twips"] = _number(first, 0)
        return _Level(
            start=_number(value("start", "0"), 0),
            fmt=value("numFmt", "decimal") or "decimal",
            text=(value("lvlText", "") or "")[:200],
            restart=_number(restart, 0) if restart is not None else None,
            indent=indent or None,
        )

    def indent(self, p, style_id: str | None = None) -> dict | None:
        """The indents paragraph `p`'s list level sets (Word applies them unless the paragraph sets its own)."""
        num_id, ilvl = self._styles.numbering_of(p, style_id)
        if not num_id or num_id not in self._nums:
            return None
        level = self._levels(self._nums[num_id][0]).get(ilvl)
        return dict(level.indent) if level is not None and level.indent else None

    def label(self, p, style_id: str | None = None) -> str:
        """The number Word shows before paragraph `p` ("" when it is not numbered)."""
        return self._label(*self._styles.numbering_of(p, style_id))

    def label_and_indent(self, num_pr, style_id: str) -> tuple[str, dict | None]:
        """(label, indent) of the paragraph whose (first) pPr's first w:numPr is `num_pr` (None: none) and
        whose style is `style_id`: the indents its list level sets only when it shows a label."""
        num_id, ilvl = self._styles.numbering_from(num_pr, style_id)
        if not num_id:
            return "", None
        label = self._label(num_id, ilvl)
        if not label:
            return "", None
        level = self._levels(self._nums[num_id][0]).get(ilvl)
        return label, dict(level.indent) if level is not None and level.indent else None

    def _label(self, num_id: str | None, ilvl: int) -> str:
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._levels(abstract_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        # Lists that restart their numbering (startOverride) count on their own; others continue
        # the counters of their abstract list, as Word does.
        key = num_id if overrides else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, {})
        first_use = ilvl not in counters
        if first_use:
            counters[ilvl] = overrides.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            deeper_level = levels.get(deeper)
            if deeper_level is None or deeper_level.restart != 0:
                del counters[deeper]
        if level.fmt == "bullet":
            return _BULLETS.get(level.text, level.text)
        text = level.text
        for index in range(0, 9):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                shown = levels.get(index)
                number = counters.get(index, shown.start if shown else 1)
                text = text.replace(placeholder, format_number(number, shown.fmt if shown else "decimal"))
        return text
