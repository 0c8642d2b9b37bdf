"""A document's own parts (issue 21 §2): its type comes from its own title, never from a form attached
after its end; what follows the signature is an appendix of its own, never the end of the body."""

import re

from kit.checks.runner import check_document
from kit.docmodel.document import CONG_VAN
from tests.checks.builder import appendix, model
from tests.checks.fixtures import BODY, CLEAN

# A phiếu trình stapled after the document, as offices file them together.
PHIEU_TRINH = [
    "PHIẾU TRÌNH",
    "Về việc giải quyết hồ sơ",
    "Nội dung trình: đề nghị lãnh đạo cho ý kiến.",
    "CHUYÊN VIÊN",
    "Nguyễn Văn B",
]


def test_a_cong_van_with_a_phieu_trinh_after_it_is_a_cong_van():
    spec = CLEAN.but(
        title=None,
        trich_yeu=[],
        so="Số: 05/SNV-VP",
        body=["V/v triển khai công tác thi đua", *BODY],
        edits=[appendix(PHIEU_TRINH)],
    )
    doc = model(spec)
    assert doc.doc_type == CONG_VAN and doc.title is None and doc.outside is None
    assert [p.stripped for p in doc.appendices[0]][0] == "PHIẾU TRÌNH"
    assert doc.content[-1].stripped.endswith("./.")  # the body ends where the công văn ends


def test_a_plan_with_a_phieu_trinh_after_it_keeps_its_type_and_its_end():
    doc = model(CLEAN.but(edits=[appendix(PHIEU_TRINH)]))
    assert doc.doc_type == "ke_hoach" and len(doc.appendices) == 1
    assert [f.code for f in check_document(doc)] == []


def _with_recorded_pages(data: bytes, pages: int) -> bytes:
    """The package with docProps/app.xml saying `pages` pages (and some words: a count Word made)."""
    import io
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                text = content.decode()
                text = re.sub(r"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>", text)
                text = re.sub(r"<Words>\d+</Words>", "<Words>300</Words>", text)
                content = text.encode()
            out.writestr(item, content)
    return target.getvalue()


def test_pages_come_from_the_documents_own_breaks_not_a_stale_recorded_count(tmp_path):
    from docx.enum.text import WD_BREAK

    from kit.docmodel.document import open_document
    from tests.checks.builder import build

    def page_break(document):
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    data = build(CLEAN.but(edits=[page_break]))
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(_with_recorded_pages(data, 1))
    doc = open_document(path)
    assert doc.pages == 1 and doc.page_breaks == 1
    assert not doc.one_page
