"""The check's own reader of a .docx (zipfile and plain lxml elements, kit.docmodel.package) gives the same
model as reading the package opened by python-docx, on every real document of the corpus: each paragraph's
text, automatic number, resolved paragraph and run formats, place, region and page; the tables; the
sections; and what the document is (type, title, recipients, signature, appendices)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from kit.docmodel.document import Document, open_document, read_document, recorded_pages_in

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.docx"))


def _paragraph(p, default_tab: int) -> tuple:
    return (
        p.index,
        p.label,
        p.own_text,
        p.fmt,
        p.runs,
        p.mark,
        (p.table, p.row, p.cell),
        p.region,
        (p.number, p.line, p.column),
        p.decomposed,
        p.section,
        p.page,
        p.text_start_twips(default_tab),
    )


def _indexes(paragraphs) -> list[int]:
    return [p.index for p in paragraphs]


def _described(doc: Document) -> dict:
    """Everything the rules read of a document, as plain values."""
    return {
        "paragraphs": [_paragraph(p, doc.default_tab_twips) for p in doc.paragraphs],
        "tables": [
            (
                t.index,
                t.nested,
                t.body_position,
                [(r.repeats_as_header, [(c.span, _indexes(c.paragraphs)) for c in r.cells]) for r in t.rows],
            )
            for t in doc.tables
        ],
        "sections": doc.sections,
        "document": (doc.doc_type, doc.type_name, doc.pages, doc.page_breaks, doc.paged, doc.outside),
        "layout": (doc.default_tab_twips, doc.quoc_hieu_joined),
        "title": doc.title.index if doc.title is not None else None,
        "parts": [
            _indexes(part) for part in (doc.trich_yeu, doc.noi_nhan_items, doc.signature, doc.kinh_gui, *doc.appendices)
        ],
        "noi_nhan": doc.noi_nhan_heading.index if doc.noi_nhan_heading is not None else None,
    }


@pytest.mark.parametrize("path", CORPUS, ids=[path.name[:40] for path in CORPUS])
def test_the_plain_reader_gives_the_model_python_docx_gives(path):
    with zipfile.ZipFile(path) as archive:
        pages = recorded_pages_in(archive)
    through_python_docx = read_document(docx.Document(str(path)), path, pages)
    plain = open_document(path)
    assert plain.paragraphs and _described(plain) == _described(through_python_docx)


def test_the_corpus_is_there():
    assert len(CORPUS) >= 100
