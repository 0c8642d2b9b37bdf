"""kit fill: documents from filled workbooks, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import fileio
from ..documents import build
from ..errors import Problem, UsageError, WorkbookError
from ..form.read import open_workbook
from ..packs import Pack, TemplateSpec
from ..render import Job, render_many, render_template
from .forms import label, provenance, read_filled
from .pdf import to_pdf


@dataclass
class Prepared:
    workbook: Path
    spec: TemplateSpec
    context: dict[str, Any]
    provenance: dict[str, str]
    warnings: list[Problem]
    pack: Pack | None = None


def prepare(path: Path, pack: Pack | None = None) -> tuple[Prepared | None, list[Problem]]:
    wb = open_workbook(path)
    try:
        pack, spec, data = read_filled(wb, path, "document", pack)
    finally:
        wb.close()
    context, problems, warnings = build(spec.builder, data, spec)
    if data.problems or problems:
        return None, data.problems + problems
    return Prepared(path, spec, context, provenance(pack, spec), data.warnings + warnings, pack), []


def render_workbook(path: Path) -> bytes:
    """The .docx bytes for one filled workbook (raises WorkbookError listing every problem)."""
    prepared, problems = prepare(Path(path))
    if prepared is None:
        raise WorkbookError(problems)
    return render_template(prepared.spec.file, prepared.context, prepared.provenance, label(prepared.provenance))


def fill(
    workbooks: list[Path] | Path,
    outdir: Path,
    *,
    force: bool = False,
    pdf: bool = False,
    on_warning=None,
    progress=None,
    on_check=None,
) -> list[Path]:
    """Render each workbook to `outdir/<workbook name>.docx` (and .pdf with `pdf`); on any input error,
    write nothing. Warnings (hidden sheets or rows…) go to `on_warning`; `progress(done, total)` hears of
    each document rendered; `on_check(results)` receives kit check's results on the documents written
    (with their pack's rules and legal texts), so what the kit writes is checked like any document."""
    if isinstance(workbooks, (str, Path)):
        workbooks = [workbooks]
    prepared, problems = [], []
    for workbook in map(Path, workbooks):
        item, found = prepare(workbook)
        problems.extend(found)
        if item:
            prepared.append(item)
    if problems:
        raise WorkbookError(problems)
    for item in prepared:
        for warning in item.warnings:
            if on_warning is not None:
                on_warning(warning)
    targets = [Path(outdir) / f"{fileio.safe_stem(item.workbook, 'van-ban')}.docx" for item in prepared]
    for target in {t for t in targets if targets.count(t) > 1}:
        raise UsageError(
            f"{target}: hai biểu mẫu cho ra cùng một tệp", hint="đổi tên một trong hai tệp .xlsx", code="KIT014"
        )
    pdfs = [target.with_suffix(".pdf") for target in targets] if pdf else []
    fileio.check_writable(targets + pdfs, force)  # before the rendering work, not only after it
    if pdf:
        from ..office import INSTALL_HINT, ConversionError, find_soffice

        if find_soffice() is None:
            raise ConversionError("--pdf cần LibreOffice (soffice)", hint=f"{INSTALL_HINT}", code="KIT011")
    jobs = [Job(item.spec.file, item.context, item.provenance, label(item.provenance)) for item in prepared]
    outputs = dict(zip(targets, render_many(jobs, progress)))
    written = fileio.write_all(outputs, force)
    if on_check is not None:
        on_check(check_written([(target, item.pack) for target, item in zip(targets, prepared)]))
    if pdf:
        written += to_pdf(written, Path(outdir), force=force)
    return written


def check_written(documents: list[tuple[Path, Pack | None]]) -> list:
    """kit check on documents the kit wrote, each with its pack; a document awaiting its number and date
    (the văn thư fills them at issue) is a draft, so their blanks are not reported."""
    from .check import check

    results = []
    for document, pack in documents:
        results += check([document], pack=pack, draft=True)
    return results
