"""Approximate width of a line of Times New Roman text, for drawing lines under text.

The advance widths are those of Adobe's core Times-Roman and Times-Bold fonts (AFM files, in
1/1000 em); Times New Roman and Liberation Serif are close enough to them for a line that must be
"1/3 to 1/2 of the text" long. Vietnamese letters take the width of their base letter.
"""

from __future__ import annotations

import unicodedata

_ASCII = "".join(chr(c) for c in range(32, 127))
_REGULAR = (
    "250 333 408 500 500 833 778 333 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 "
    "722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 "
    "444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 "
    "200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 333 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 "
    "722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 "
    "444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 "
    "220 394 520"
)
_WIDTHS = {
    False: dict(zip(_ASCII, map(int, _REGULAR.split()))),
    True: dict(zip(_ASCII, map(int, _BOLD.split()))),
}
_FALLBACK = 500


def _base_letter(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of `text` set on one line in Times at `size_pt`."""
    widths = _WIDTHS[bool(bold)]
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        if unicodedata.category(ch) == "Mn":
            continue
        total += widths.get(_base_letter(ch), _FALLBACK)
    return total * size_pt / 1000.0
