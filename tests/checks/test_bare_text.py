"""kit.checks.spelling.bare, the text without marks the vocabulary rules compare (VB802, VB803), strips the
marks in C (NFD) where it can: the same text as its table gives, character for character."""

from pathlib import Path

from kit.checks.spelling import _BARE, bare
from kit.docmodel.document import open_document

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.docx"))


def test_bare_text_in_c_is_the_table_s_on_every_corpus_paragraph():
    """kit.checks.spelling.bare strips marks with NFD where it can: the same text as its table gives,
    character for character, on every paragraph of the corpus and on letters the table leaves alone."""

    texts = [p.stripped for path in CORPUS for p in open_document(path).paragraphs]
    texts += ["Đồng ĐỒNG đ", "Øresund æ ß ł", "İstanbul", "Ǆ ǅ Ǣ", "K Å Ω", "Khởi thi đua – “Khối”", "ḁ ẞ ǻ"]
    for text in texts:
        assert bare(text) == text.translate(_BARE).lower(), text
