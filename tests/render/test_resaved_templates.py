"""The template contract survives an office suite: every built-in Word template re-saved by LibreOffice
Writer (which rewrites style IDs: "VBGachNgan" becomes "VBGchngn") renders the samples with the same
text, the same short lines under the header and the trích yếu, and no `kit check` finding.

Skipped on a developer machine without LibreOffice; in CI (CI set) a missing LibreOffice fails.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import docx
import pytest

from kit.app.packs import sample_contexts
from kit.checks.runner import check_document
from kit.docmodel.document import read_document
from kit.office import convert, find_soffice
from kit.packs import builtin_pack, pack_at
from kit.render import render_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def resaved_pack(tmp_path_factory) -> Path:
    """A pack that extends the built-in one with every template replaced by its LibreOffice re-save."""
    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is needed")
    builtin = builtin_pack()
    folder = tmp_path_factory.mktemp("resaved")
    files = sorted({spec.file for spec in builtin.templates if spec.file.is_file()})
    resaved = convert(files, "docx:MS Word 2007 XML")
    entries = []
    for spec in builtin.templates:
        relative = spec.file.relative_to(builtin.root).as_posix() if spec.file.is_file() else ""
        if relative:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(resaved[spec.file])
        raw = dict(next(t for t in builtin.manifest.raw["templates"] if t["id"] == spec.id))
        raw["file"] = relative
        entries.append(raw)
    lines = ['id = "resaved"', 'title = "Re-saved"', 'version = "1.0.0"', 'extends = "builtin"', ""]
    for raw in entries:
        lines.append("[[templates]]")
        for key, value in raw.items():
            if key == "parts":
                continue
            if isinstance(value, list):
                lines.append(f"{key} = [{', '.join(_quoted(v) for v in value)}]")
            elif isinstance(value, dict):
                continue
            else:
                lines.append(f"{key} = {_quoted(value)}")
        for part in raw.get("parts", []):
            lines.append("[[templates.parts]]")
            lines += [f"{key} = {_quoted(value)}" for key, value in part.items()]
        lines.append("")
    (folder / "pack.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _quoted(value) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rendered(pack) -> dict[str, docx.document.Document]:
    documents = {}
    for spec in pack.templates:
        if spec.kind == "part":
            continue
        for name, (template, context) in sample_contexts(spec, pack).items():
            documents[f"{spec.id}/{name}"] = docx.Document(io.BytesIO(render_template(template.file, context)))
    return documents


def _line_lengths(document) -> list[tuple[str, str]]:
    """(left, right) indents of the paragraphs drawn as short lines: those in a style named “VB Gạch …”."""
    names = {style.style_id: style.name for style in document.styles}
    found = []
    for p in document.element.body.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and names.get(style.get(W + "val"), "").startswith("VB Gạch"):
            ind = p.find(f"{W}pPr/{W}ind")
            found.append((ind.get(W + "left"), ind.get(W + "right")) if ind is not None else ("full", "full"))
    return found


def _texts(document) -> list[str]:
    return [re.sub(r"\s+", " ", p.text).strip() for p in document.paragraphs if p.text.strip()] + [
        re.sub(r"\s+", " ", cell.text).strip() for table in document.tables for row in table.rows for cell in row.cells
    ]


def test_templates_resaved_by_libreoffice_render_the_same_text_lines_and_no_finding(resaved_pack):
    original, resaved = _rendered(builtin_pack()), _rendered(pack_at(resaved_pack))
    assert set(resaved) == set(original) and len(original) >= 10
    for name, document in original.items():
        again = resaved[name]
        assert _texts(again) == _texts(document), name
        lines = _line_lengths(document)
        assert lines and all(left != "full" and int(left) > 0 for left, _ in lines), name
        assert _line_lengths(again) == lines, name  # the short lines keep their lengths
        findings = check_document(read_document(again, Path(name)))
        assert [f.code for f in findings if f.severity.value != "info"] == [], (name, findings)
