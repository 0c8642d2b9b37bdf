"""The check's own reader of a .docx (zipfile and plain lxml elements, kit.docmodel.package) gives the same
model as reading the package opened by python-docx, on every real document of the corpus: each paragraph's
text, automatic number, resolved paragraph and run formats, place, region and page; the tables; the
sections; and what the document is (type, title, recipients, signature, appendices)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

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
    document = docx.Document(str(path))
    through_python_docx = read_document(document, path, pages)
    plain = open_document(path)
    assert plain.paragraphs and _described(plain) == _described(through_python_docx)
    # The sections as python-docx's own API reads them (its header: the section's own, else the one of the
    # section before, else none — python-docx then adds an empty one, read last here for that reason).
    assert [_section(section) for section in document.sections] == [
        (s.page_width_mm, s.page_height_mm, s.top_mm, s.bottom_mm, s.left_mm, s.right_mm)
        + (s.different_first_page, s.page_number_in_header)
        for s in plain.sections
    ]


def _section(section) -> tuple:
    def mm(length) -> float:
        return round(length.mm, 1) if length is not None else 0.0

    header = etree.tostring(section.header._element, encoding="unicode")
    return (
        mm(section.page_width),
        mm(section.page_height),
        mm(section.top_margin),
        mm(section.bottom_margin),
        mm(section.left_margin),
        mm(section.right_margin),
        bool(section.different_first_page_header_footer),
        "PAGE" in header and ("instrText" in header or "fldSimple" in header),
    )


def test_the_corpus_is_there():
    assert len(CORPUS) >= 100


def test_tone_placement_is_read_as_before_on_every_corpus_paragraph():
    """kit.docmodel.model.tone_normal finds the old-style tone placements (hoà, thoả, uỷ) with two character
    classes: the same text as the alternation of the fifteen pairs, ignoring case, gave."""
    import re

    from kit.docmodel.model import _TONES, tone_normal
    from kit.vn import nfc

    alternation = re.compile("(?:" + "|".join(_TONES) + r")(?!\w)", re.IGNORECASE)

    def before(text: str) -> str:
        def swap(match: re.Match) -> str:
            found = match.group(0)
            new = _TONES[found.lower()]
            return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new))

        return alternation.sub(swap, nfc(text))

    texts = [p.stripped for path in CORPUS for p in open_document(path).paragraphs]
    texts += ["HOÀ hoà Hoà hOà thoả THOẢ uỷ UỶ Uỷ uỶ hoạch khoẻ KHOẺ thuỷ quỹ hoàng", "Hoà, hoà. hoà1 hoà_"]
    assert sum(tone_normal(text) != text for text in texts) > 10  # old-style placements are there to read
    for text in texts:
        assert tone_normal(text) == before(text), text


def _rezipped(path: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = change(item.filename, source.read(item))
            if data is not None:
                out.writestr(item.filename, data)
    return target


def test_a_package_without_its_body_is_an_unreadable_word_file(tmp_path):
    from kit.errors import InputError

    original = CORPUS[0]
    path = _rezipped(
        original, tmp_path / "khong-than.docx", lambda name, data: None if name == "word/document.xml" else data
    )
    with pytest.raises(InputError) as raised:
        open_document(path)
    assert raised.value.code == "KIT259" and "thiếu phần bắt buộc" in raised.value.message


def test_a_broken_header_the_page_numbers_are_read_from_is_an_unreadable_word_file(tmp_path):
    """python-docx refused such a package; the check's reader reads a header only for its page numbers, and
    refuses it then, in one line, as before."""
    from kit.errors import InputError

    with_page_numbers = next(
        path for path in CORPUS if any(section.page_number_in_header for section in open_document(path).sections)
    )
    path = _rezipped(
        with_page_numbers,
        tmp_path / "dau-trang-hong.docx",
        lambda name, data: b"<w:hdr" if name.startswith("word/header") else data,
    )
    with pytest.raises(InputError) as raised:
        open_document(path)
    assert raised.value.code == "KIT259" and "bị hỏng" in raised.value.message


_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults/>'
    b'<w:latentStyles w:count="2"><w:lsdException w:name="Normal"/><w:lsdException w:name="Title"/>'
    b'</w:latentStyles><w:style w:styleId="Normal"/></w:styles>'
)


def test_the_latent_styles_no_format_reads_are_cut_before_the_styles_are_parsed():
    from kit.docmodel.package import W, parse, without_latent_styles

    assert [child.tag for child in parse(without_latent_styles(_STYLES))] == [W + "docDefaults", W + "style"]
    # Only as Word writes them: bytes that may be text or another element's are parsed whole.
    for unusual in (
        _STYLES.replace(b"<w:docDefaults/>", b"<w:docDefaults/><!-- <w:latentStyles> -->"),
        _STYLES.replace(b"<w:docDefaults/>", b"<w:docDefaults/><?pi <w:latentStyles>?>"),
        _STYLES.replace(b"</w:latentStyles>", b"</w:latentStyles><w:latentStyles></w:latentStyles>"),
        _STYLES.replace(b"<w:latentStyles ", b"<w:latentStylesX "),
    ):
        assert without_latent_styles(unusual) == unusual


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:40])
def test_the_styles_read_without_latent_styles_are_the_styles_of_the_file(path):
    from kit.docmodel.package import W, parse, without_latent_styles

    with zipfile.ZipFile(path) as archive:
        data = archive.read("word/styles.xml")
    whole = [etree.tostring(child) for child in parse(data) if child.tag != W + "latentStyles"]
    assert [etree.tostring(child) for child in parse(without_latent_styles(data))] == whole
