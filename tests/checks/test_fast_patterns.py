"""Patterns of the rules rewritten for speed find what the patterns they replace found: the same matches, at the
same places, on every paragraph of the corpus and on the edges of what they look for."""

import re
from pathlib import Path

from kit.checks.spelling import _CAPITALS
from kit.docmodel.document import open_document

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.docx"))
# VB801's abbreviations as they were written before its pattern was turned around (capital first, then the look
# behind it), which the engine can scan for quickly.
_CAPITALS_BEFORE = re.compile(r"(?<![\w-])[A-ZĐ]{4,8}(?![\w])")


def test_vb801_finds_the_same_capital_words_as_before_on_every_corpus_paragraph():
    texts = [p.stripped for path in CORPUS for p in open_document(path).paragraphs]
    texts += [
        "UBND",
        "UNBD TỈNH LẠNG SƠN",
        "xUBND -UBND UBNDx UBND- _UBND 1UBND",
        "ABCDEFGHI ABCDEFGH ABC",
        "(HĐND) “MTTQ” ĐĐĐĐ",
        "Ủy ban UBNDD; BCHTW.",
        "",
    ]
    assert sum(1 for text in texts if _CAPITALS_BEFORE.search(text)) > 100  # the corpus has many to compare
    for text in texts:
        assert [m.span() for m in _CAPITALS.finditer(text)] == [m.span() for m in _CAPITALS_BEFORE.finditer(text)]
        assert _CAPITALS.findall(text) == _CAPITALS_BEFORE.findall(text)
