"""The speed work on the dossier and its self-check (issue 22 §4) changed no result: the sample dossier's
documents read the same, word for word, and the self-check finds the same things — on the documents as
made and on copies with defects typed into them (a doubled space, a stray space before a comma, a
paragraph in Arial 12), checked as the dossier checks them (shared packages, remembered formats) and as
`kit check --draft` checks the files.

tests/data/dossier-sample-results.json was recorded by the code without that work (main at 0f24a4d, with the
templates of that day). When a template, the sample or a rule changes what the dossier says or finds on
purpose, record it again:

    .venv/bin/python -m tests.test_dossier_same_results --record
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from kit.app import check, dossier, dossier_contexts
from kit.app.check import rendered_checker

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.xlsx"
RECORDED = ROOT / "tests" / "data" / "dossier-sample-results.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _texts(data: bytes) -> list[str]:
    """The text of every paragraph of the document's body (table cells included), in order, read with
    lxml alone (not with the document model whose speed is at stake)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = []
    for p in root.iter(W + "p"):
        shown = {W + "tab": "\t", W + "br": "\n", W + "noBreakHyphen": "-"}
        texts.append("".join(e.text or "" if e.tag == W + "t" else shown[e.tag] for e in p.iter(W + "t", *shown)))
    return texts


_DEFECTS = (
    '<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/></w:rPr>'
    '<w:t xml:space="preserve">Thành tích  số {number} , rất nổi bật.</w:t></w:r></w:p>'
)


def _with_defects(data: bytes, number: int) -> bytes:
    """The document with a paragraph typed before its last section break: Arial 12, a doubled space and a
    space before a comma."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = content.rpartition(b"<w:sectPr")
                content = head + _DEFECTS.format(number=number).encode() + b"<w:sectPr" + tail
            target.writestr(item, content)
    return out.getvalue()


def _shown(result) -> dict:
    return {
        "type": result.doc_type,
        "findings": [
            [finding.code, finding.severity.value, finding.location.describe(), finding.message]
            for finding in result.findings
        ],
    }


def results(work: Path) -> dict:
    """What the sample dossier's documents say and what the self-check finds, by path in the dossier."""
    made = dossier(SAMPLE, work / "out")
    recorded: dict = {}
    documents = {}
    for document in made.documents:
        data = document.docx.read_bytes()
        documents[document.path] = data
        recorded[document.path] = {"texts": _texts(data), "self_check": _shown(document.check)}
    # The same documents with defects typed in: as the dossier checks them, and as kit check checks files.
    pack = dossier_contexts(SAMPLE)[0]
    checked = rendered_checker(pack)
    defective = {path: _with_defects(data, number) for number, (path, data) in enumerate(documents.items())}
    files = []
    for path, data in defective.items():
        recorded[path]["with_defects"] = _shown(checked(data, Path(path)))
        file = work / "defects" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        files.append(file)
    for path, result in zip(defective, check(files, pack=pack, draft=True)):
        recorded[path]["with_defects_from_file"] = _shown(result)
    return recorded


def test_the_sample_dossier_reads_and_checks_as_before(tmp_path):
    now = results(tmp_path)
    before = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert list(now) == list(before)  # the same documents, in the same order
    for path in before:
        assert now[path]["texts"] == before[path]["texts"], path
        assert now[path]["self_check"] == before[path]["self_check"], path
        assert now[path]["with_defects"] == before[path]["with_defects"], path
        assert now[path]["with_defects_from_file"] == before[path]["with_defects_from_file"], path
    # The comparison has something to compare: every document has text, and the typed defects are found.
    assert all(any(text.strip() for text in now[path]["texts"]) for path in now)
    assert all(now[path]["with_defects"]["findings"] for path in now)


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as folder:
        found = results(Path(folder))
    RECORDED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {len(found)} documents in {RECORDED}")
