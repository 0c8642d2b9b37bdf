"""What the kit makes is checked from the bytes rendered (kit.app.check.rendered_checker, in the worker
that rendered them), never written and read back: the findings are those of `kit check --draft` on the
written files, document by document, also when documents of one template share their opened package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kit.app import check, dossier_contexts, workbook_bytes
from kit.app.check import rendered_checker
from kit.app.forms import provenance
from kit.render import Job, render_many
from tests.web.dossiers import dossier_data


def _with_defects(data: bytes, number: int) -> bytes:
    """The document with a doubled space and a stray space before a comma typed into its body."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                paragraph = (
                    f'<w:p><w:r><w:t xml:space="preserve">Thành tích  số {number} , rất nổi bật.</w:t></w:r></w:p>'
                ).encode()
                content = content.replace(b"<w:sectPr", paragraph + b"<w:sectPr", 1)
            target.writestr(item, content)
    return out.getvalue()


def test_the_self_check_from_rendered_bytes_is_kit_check_of_the_written_files(tmp_path):
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(4)))
    pack, _, _, _, parts, contexts = dossier_contexts(book)
    jobs = {
        name: Job(parts[template].file, context, provenance(pack, parts[template]), "mẫu")
        for name, (template, context) in contexts.items()
    }
    rendered = dict(zip(jobs, render_many(list(jobs.values()))))
    documents = {Path(name).name: _with_defects(data, n) for n, (name, data) in enumerate(rendered.items())}
    checked = rendered_checker(pack)
    in_memory = [checked(data, tmp_path / name) for name, data in documents.items()]
    for name, data in documents.items():
        (tmp_path / name).write_bytes(data)
    from_files = check([tmp_path / name for name in documents], pack=pack, draft=True)
    shown = lambda results: [  # noqa: E731
        [(f.code, f.message, f.location.describe()) for f in result.findings] for result in results
    ]
    assert shown(in_memory) == shown(from_files)
    assert all(findings for findings in shown(in_memory))  # every document has the typed defects
    reports = [name for name in documents if name != "01-to-trinh.docx" and "nguyen" in name]
    assert len(reports) >= 3  # several documents of one template: the shared package was used
