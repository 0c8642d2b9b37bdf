"""The reader normalises a paragraph's runs to NFC one by one only when the paragraph's text is not composed as a
whole (kit.docmodel.document._Reader.paragraph): a part of a composed text is composed. Checked on every run of
the corpus and on texts made of Vietnamese letters, combining marks and Hangul jamo, cut anywhere."""

import unicodedata
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kit.docmodel.effective import W, run_pieces
from kit.docmodel.package import WordParts, source_of_parts

CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.docx"))


def _composed(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_every_run_of_a_composed_corpus_paragraph_is_composed():

    paragraphs = 0
    for path in CORPUS:
        with zipfile.ZipFile(path) as archive:
            document = source_of_parts(WordParts.open(archive)).document
        for p in document.iter(W + "p"):
            pieces = [text for _, text in run_pieces(p)]
            if _composed("".join(pieces)):
                paragraphs += 1
                assert all(unicodedata.normalize("NFC", piece) == piece for piece in pieces), path.name
    assert paragraphs > 10_000


# Letters that compose, marks that compose with some of them and not with others, marks of other classes
# (their order matters), and Hangul jamo (which compose by rule, not by table).
_ALPHABET = (
    "aAeEoOuUyYđĐâăêôơưạảấầẩẫậắằẳẵặ \u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0345\u05b0\u1100\u1161\u11a8가"
)


@given(st.text(alphabet=_ALPHABET, max_size=24), st.integers(0, 24), st.integers(0, 24))
def test_a_part_of_a_composed_text_is_composed(text, start, end):
    whole = unicodedata.normalize("NFC", text)
    part = whole[min(start, end) : max(start, end)]
    assert unicodedata.normalize("NFC", part) == part
