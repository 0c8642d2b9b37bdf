"""kit fill: documents from filled workbooks, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class FillResult:
    """What a fill made: the files written, the warnings of the workbooks, and the self-check of each
    document (kit check with its pack's rules, as a draft), in the order of the workbooks."""

    files: list[Path]
    warnings: list[Problem]
    checks: list = field(default_factory=list)
    made: dict[Path, list[Path]] = field(default_factory=dict)  # workbook → its .docx (and .pdf)


def fill_documents(
    workbooks: list[Path] | Path,
    outdir: Path,
    *,
    force: bool = False,
    pdf: bool = False,
    progress=None,
) -> FillResult:
    """Render each workbook to `outdir/<workbook name>.docx` (and .pdf with `pdf`); on any input error,
    write nothing. `progress(done, total)` hears of each document rendered. Each document is checked
    from the bytes rendered (with its pack's rules and legal texts), so what the kit writes is checked
    like any document."""
    from .check import check_rendered

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
    warnings = [warning for item in prepared for warning in item.warnings]
    targets = [Path(outdir) / f"{fileio.safe_stem(item.workbook, 'van-ban')}.docx" for item in prepared]
    for target in {t for t in targets if targets.count(t) > 1}:
        raise UsageError(
            f"{target}: hai biểu mẫu cho ra cùng một tệp", hint="đổi tên một trong hai tệp .xlsx", code="KIT014"
        )
    pdfs = [target.with_suffix(".pdf") for target in targets] if pdf else []
    fileio.check_writable(targets + pdfs, force)  # before the rendering work, not only after it
    if pdf:
        require_office()
    jobs = [Job(item.spec.file, item.context, item.provenance, label(item.provenance)) for item in prepared]
    outputs = dict(zip(targets, render_many(jobs, progress)))
    written = fileio.write_all(outputs, force)
    checks = [check_rendered([(target, outputs[target])], item.pack)[0] for target, item in zip(targets, prepared)]
    made = {item.workbook: [target] for target, item in zip(targets, prepared)}
    if pdf:
        converted = to_pdf(written, Path(outdir), force=force)
        written += converted
        for documents in made.values():
            documents += [path for path in converted if path.stem == documents[0].stem]
    return FillResult(written, warnings, checks, made)


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
    """fill_documents, for callers that want the files written: warnings go to `on_warning`, the
    self-check's results to `on_check`."""
    result = fill_documents(workbooks, outdir, force=force, pdf=pdf, progress=progress)
    for warning in result.warnings:
        if on_warning is not None:
            on_warning(warning)
    if on_check is not None:
        on_check(result.checks)
    return result.files


def require_office() -> None:
    """A PDF needs LibreOffice: say so before any work is done."""
    from ..office import INSTALL_HINT, ConversionError, find_soffice

    if find_soffice() is None:
        raise ConversionError("xuất PDF cần LibreOffice (soffice)", hint=INSTALL_HINT, code="KIT011")
