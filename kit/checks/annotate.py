"""A reviewed copy of a document: one Word comment per finding, on the paragraph it is about."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph as DocxParagraph

from ..docmodel.document import Paragraph, read_document
from .findings import Finding

AUTHOR = "vanban-kit"


def comment_text(finding: Finding) -> str:
    text = f"{finding.code} [{finding.severity.vietnamese}] {finding.message}"
    if finding.hint:
        text += f" — {finding.hint}"
    return f"{text} (căn cứ: {finding.source})"


def annotated_copy(path: Path, findings: list[Finding]) -> bytes:
    """The .docx bytes of `path` with a comment for each finding; the text is left as it is."""
    document = docx.Document(str(path))
    model = read_document(document, Path(path))
    by_number: dict[int, Paragraph] = {}
    for p in model.paragraphs:
        by_number.setdefault(p.number, p)
    anchors = [p for p in model.paragraphs if p.stripped]
    for finding in findings:
        target = by_number.get(finding.location.paragraph) if finding.location.paragraph else None
        if target is None and finding.location.table is not None:
            row = finding.location.row
            target = next(
                (
                    p
                    for p in model.paragraphs
                    if p.table == finding.location.table and p.stripped and (row is None or p.row == row - 1)
                ),
                None,
            )
        if target is None:  # page set-up and missing parts: on the first paragraph with text
            target = anchors[0] if anchors else None
        if target is None:
            continue
        paragraph = DocxParagraph(target.element, document.part)  # type: ignore[arg-type]
        runs = paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials="VK")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
