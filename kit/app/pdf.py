"""PDF through LibreOffice: one batch per call, unreadable files named."""

from __future__ import annotations

from pathlib import Path

from .. import fileio
from ..errors import InputError, KitError, UsageError


def to_pdf(documents: list[Path], outdir: Path, *, force: bool = False) -> list[Path]:
    """Convert .docx files to `outdir/<name>.pdf` with one LibreOffice process; a file that cannot be
    read or converted is reported (exit code 4) after the others are written."""
    documents = [Path(d) for d in documents]
    targets = {d: Path(outdir) / f"{fileio.safe_stem(d, 'van-ban')}.pdf" for d in documents}
    seen: dict[Path, Path] = {}
    for document, target in targets.items():
        if target in seen:
            raise UsageError(
                f"{target}: {seen[target].name} và {document.name} cho ra cùng một tệp PDF",
                hint="đổi tên một tệp",
                code="KIT043",
            )
        seen[target] = document
    return pdf_files(targets, force=force)


def pdf_files(
    targets: dict[Path, Path], *, force: bool = False, made_here: bool = False, into: dict[Path, bytes] | None = None
) -> list[Path]:
    """Convert each .docx to the PDF path it maps to, in one LibreOffice batch. `made_here`: the
    documents are ones the kit has just written (not opened first to name an unreadable one); `into`
    receives each PDF's bytes (to zip them without reading them back)."""
    from ..docmodel.document import open_document
    from ..errors import EXIT_CONVERSION, ProblemsError
    from ..office import ConversionError, convert

    fileio.check_writable(list(targets.values()), force)
    failures: list[KitError] = []
    readable = []
    for document in targets:
        try:
            if not made_here:
                open_document(document)
            readable.append(document)
        except InputError as error:
            failures.append(
                InputError(
                    f"{error.message} (không chuyển sang PDF)", hint=error.hint, code=error.code, values=error.values
                )
            )
    converted = convert(readable, "pdf") if readable else {}
    for document in readable:
        if document not in converted:
            failures.append(
                ConversionError(
                    f"{document.name}: LibreOffice không chuyển được sang PDF",
                    hint="mở tệp bằng Word hoặc LibreOffice để kiểm tra",
                    code="KIT421",
                )
            )
    written = fileio.write_all({targets[d]: data for d, data in converted.items()}, force) if converted else []
    if into is not None:
        into.update({targets[d]: data for d, data in converted.items()})
    if failures:
        raise ProblemsError(failures, EXIT_CONVERSION, written)
    return written
