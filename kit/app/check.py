"""kit check: documents against the Decree 30 rules, and a copy with the findings as Word comments.

The findings of a check are given out in one shape, `report()` (docs/check-json.md): what `kit check
--format json` prints, what the web page shows and the HTTP API returns, and what a dossier's self-check
reports."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .. import fileio
from ..errors import UsageError

SCHEMA_VERSION = 1  # docs/check-json.md: raised when a key is removed or renamed, not when one is added


def _context(pack, draft: bool):
    from ..checks import RULES, CheckContext

    texts = tuple(pack.data().get("legal_texts", {}).get("texts", ())) if pack is not None else None
    award_law = pack.data().get("award_law") if pack is not None else None  # who decides each award (VB901)
    return CheckContext.from_settings(pack.rules if pack is not None else {}, RULES, texts, draft, award_law)


def check(paths, select=(), ignore=(), pack=None, draft=False):
    """Check .docx files or folders against the Decree 30 rules: one result (path, type, findings) per file,
    with a pack's rule settings and legal texts when given; `draft`: blank number and date are expected."""
    from ..checks.runner import check_paths

    return check_paths(
        [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)], select, ignore, _context(pack, draft)
    )


def rendered_checker(pack=None, *, draft: bool = True):
    """A function: the .docx bytes the kit has just rendered → kit check's result on them (never written
    and read back), with the pack's rules; a document the kit makes awaits its number and date (the văn
    thư fills them at issue), so it is checked as a draft. Made once, before the rendering forks its
    workers: they inherit the loaded rules.

    Documents rendered from one template differ only in their body (word/document.xml; and
    docProps/core.xml, which no rule reads): the parts of the first are read with the check's own reader
    (kit.docmodel.package), the next ones of the same template only parse their body."""
    import dataclasses
    import zipfile

    from ..checks.runner import Result, check_document
    from ..docmodel.document import read_source, recorded_pages_in
    from ..docmodel.package import WordParts, parse, source_of_parts

    context = _context(pack, draft)
    sources: dict[tuple, Any] = {}  # the other parts' names and CRCs → the parts read from the first such package

    def opened(data: bytes):
        """The document's parts, and the page count Word recorded in it: one opening of the archive."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            pages = recorded_pages_in(archive)
            others = tuple(
                (item.filename, item.CRC)
                for item in archive.infolist()
                if item.filename not in ("word/document.xml", "docProps/core.xml")
            )
            source = sources.get(others)
            if source is not None:
                return dataclasses.replace(source, document=parse(archive.read("word/document.xml"))), pages
            # The kit's own small package, read whole: a header is read after the archive is closed.
            parts = WordParts.open(archive, {item.filename: archive.read(item) for item in archive.infolist()})
            source = source_of_parts(parts)
        if len(sources) >= 8:
            sources.pop(next(iter(sources)))
        sources[others] = source
        return source, pages

    def checked(data: bytes, path: Path = Path("van-ban.docx")) -> Result:
        source, pages = opened(data)
        doc = read_source(source, Path(path), pages)
        findings = check_document(doc, context=context)
        return Result(doc.path, doc.doc_type, findings, doc.recognised, doc.outside, doc.attached)

    return checked


def check_rendered(documents, pack=None, *, draft: bool = True) -> list:
    """kit check on documents the kit has just rendered: `documents` is (path, .docx bytes) pairs."""
    checked = rendered_checker(pack, draft=draft)
    return [checked(data, Path(path)) for path, data in documents]


def report(results, names: dict[Path, str] | None = None) -> dict[str, Any]:
    """The findings of checked documents in the one shape of docs/check-json.md; `names` gives the name
    to show for a path (the name a user uploaded, a path inside a dossier)."""
    names = names or {}
    return {
        "schema": SCHEMA_VERSION,
        "documents": [
            {
                "path": names.get(Path(result.path), str(result.path)),
                "type": result.doc_type,
                "recognised": result.recognised,
                "outside_decree_30": result.outside,
                "attached": result.attached,
                "errors": result.errors,
                "warnings": result.warnings,
                "findings": [
                    {
                        **finding.as_json(),
                        "source": finding.source,
                        "place": finding.location.describe(),
                        "quote": finding.quote(),
                    }
                    for finding in result.findings
                ],
            }
            for result in results
        ],
    }


def has_errors(results) -> bool:
    from ..checks.report import has_errors as any_error

    return any_error(results)


def annotate(results, output: Path, *, force: bool = False) -> Path:
    """Write a copy of the one checked document with a Word comment per finding (the original is untouched)."""
    from ..checks.annotate import annotated_copy

    if len(results) != 1:
        raise UsageError("chỉ ghi được bản có nhận xét cho một tệp .docx mỗi lần", code="KIT006")
    source = Path(results[0].path)
    output = Path(output)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"{output}: bản có nhận xét phải có đuôi .docx", code="KIT007")
    if output.exists() and output.resolve() == source.resolve():
        raise UsageError(f"{output}: không ghi đè lên chính tệp được kiểm tra", hint="chọn tên khác", code="KIT008")
    fileio.write_all({output: annotated_copy(source, results[0].findings)}, force)
    return output
