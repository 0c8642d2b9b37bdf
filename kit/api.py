"""The library API the CLI and the tests use: build input workbooks, fill them into documents."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _toml, fileio
from .documents import BUILDERS
from .errors import InputError, Problem, UsageError, WorkbookError
from .form.build import build_workbook
from .form.definition import FormDefinition, load_form
from .form.read import FormData, open_workbook, read_meta, read_workbook
from .packs import Pack, TemplateSpec, builtin_pack
from .render import render_template
from .resources import samples_dir


def list_templates(pack: Pack | None = None) -> list[TemplateSpec]:
    return list((pack or builtin_pack()).templates)


def _meta(pack: Pack, spec: TemplateSpec, form: FormDefinition) -> dict[str, str]:
    from . import __version__

    return {
        "template": spec.id,
        "template_version": spec.version,
        "form": form.id,
        "form_version": form.version,
        "pack": pack.id,
        "pack_version": pack.version,
        "kit_version": __version__,
    }


def load_sample(path: Path) -> dict[str, Any]:
    """Sample data (samples/*.toml): the template id and, per sheet key, its values or rows."""
    return _toml.load(path)


def workbook_bytes(template_id: str, data: dict[str, Any] | None = None, pack: Pack | None = None) -> bytes:
    """The .xlsx input workbook of a template, blank or filled with `data`."""
    pack = pack or builtin_pack()
    spec = pack.template(template_id)
    form = load_form(spec.form)
    workbook = build_workbook(form, _meta(pack, spec, form), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_form(template_id: str, output: Path, *, sample: bool = False, force: bool = False) -> Path:
    """Write the input workbook of `template_id` to `output` (filled with its example if `sample`)."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: tệp biểu mẫu phải có đuôi .xlsx — ví dụ: -o ke-hoach.xlsx")
    pack = builtin_pack()
    spec = pack.template(template_id)
    data = None
    if sample:
        form = load_form(spec.form)
        if not form.sample:
            raise UsageError(f"mẫu '{template_id}' chưa có dữ liệu ví dụ — bỏ --sample")
        data = load_sample(samples_dir() / form.sample)
    fileio.write_all({output: workbook_bytes(template_id, data, pack)}, force)
    return output


@dataclass
class _Prepared:
    workbook: Path
    spec: TemplateSpec
    context: dict[str, Any]


def _prepare(path: Path, pack: Pack) -> tuple[_Prepared | None, list[Problem]]:
    wb = open_workbook(path)
    try:
        return _prepare_open(wb, path, pack)
    finally:
        wb.close()


def _prepare_open(wb, path: Path, pack: Pack) -> tuple[_Prepared | None, list[Problem]]:
    meta = read_meta(wb, path)
    template_id = meta.get("template", "")
    if meta.get("pack", pack.id) != pack.id:
        raise InputError(
            f"{path.name}: biểu mẫu thuộc gói mẫu '{meta.get('pack')}' chưa được cài — dùng biểu mẫu của gói '{pack.id}'"
        )
    try:
        spec = pack.template(template_id)
    except UsageError:
        raise InputError(
            f"{path.name}: biểu mẫu của mẫu '{template_id}' không có trong gói '{pack.id}' — tạo lại bằng lệnh kit form"
        ) from None
    form = load_form(spec.form)
    recorded = meta.get("form_version", "")
    if recorded.split(".")[0] != str(form.major_version):
        raise InputError(
            f"{path.name}: biểu mẫu phiên bản {recorded or '?'} không dùng được với mẫu '{spec.id}' "
            f"(cần phiên bản {form.version}) — tạo biểu mẫu mới bằng: kit form {spec.id} -o <tệp.xlsx> rồi chép dữ liệu sang"
        )
    data: FormData = read_workbook(wb, path, form, meta)
    context = BUILDERS[spec.builder](data, spec)
    if data.problems:
        return None, data.problems
    return _Prepared(path, spec, context), []


def render_workbook(path: Path) -> bytes:
    """The .docx bytes for one filled workbook (raises WorkbookError listing every problem)."""
    prepared, problems = _prepare(Path(path), builtin_pack())
    if problems:
        raise WorkbookError(problems)
    return render_template(prepared.spec.file, prepared.context)


def fill(workbooks: list[Path] | Path, outdir: Path, *, force: bool = False, pdf: bool = False) -> list[Path]:
    """Render each workbook to `outdir/<workbook name>.docx` (and .pdf with `pdf`); on any input error,
    write nothing."""
    if isinstance(workbooks, (str, Path)):
        workbooks = [workbooks]
    pack = builtin_pack()
    prepared, problems = [], []
    for workbook in map(Path, workbooks):
        item, found = _prepare(workbook, pack)
        problems.extend(found)
        if item:
            prepared.append(item)
    if problems:
        raise WorkbookError(problems)
    targets = [Path(outdir) / f"{item.workbook.stem}.docx" for item in prepared]
    for target in {t for t in targets if targets.count(t) > 1}:
        raise UsageError(f"{target}: hai biểu mẫu cho ra cùng một tệp — đổi tên một trong hai tệp .xlsx")
    pdfs = [target.with_suffix(".pdf") for target in targets] if pdf else []
    fileio.check_writable(targets + pdfs, force)  # before the rendering work, not only after it
    if pdf:
        from .office import INSTALL_HINT, ConversionError, find_soffice

        if find_soffice() is None:
            raise ConversionError(f"--pdf cần LibreOffice (soffice) — {INSTALL_HINT}")
    outputs = {target: render_template(item.spec.file, item.context) for item, target in zip(prepared, targets)}
    written = fileio.write_all(outputs, force)
    if pdf:
        written += to_pdf(written, Path(outdir), force=force)
    return written


def to_pdf(documents: list[Path], outdir: Path, *, force: bool = False) -> list[Path]:
    """Convert .docx files to `outdir/<name>.pdf` with one LibreOffice process; a file that cannot be
    read or converted is reported (exit code 4) after the others are written."""
    from .docmodel.document import open_document
    from .errors import EXIT_CONVERSION, ProblemsError
    from .office import convert

    documents = [Path(d) for d in documents]
    targets = {d: Path(outdir) / f"{d.stem}.pdf" for d in documents}
    seen: dict[Path, Path] = {}
    for document, target in targets.items():
        if target in seen:
            raise UsageError(f"{target}: {seen[target].name} và {document.name} cho ra cùng một tệp PDF — đổi tên một tệp")
        seen[target] = document
    fileio.check_writable(list(targets.values()), force)
    failures, readable = [], []
    for document in documents:
        try:
            open_document(document)
            readable.append(document)
        except InputError as error:
            failures.append(f"{error.message} (không chuyển sang PDF)")
    converted = convert(readable, "pdf") if readable else {}
    for document in readable:
        if document not in converted:
            failures.append(f"{document.name}: LibreOffice không chuyển được sang PDF — mở tệp bằng Word hoặc LibreOffice để kiểm tra")
    written = fileio.write_all({targets[d]: data for d, data in converted.items()}, force) if converted else []
    if failures:
        raise ProblemsError(failures, EXIT_CONVERSION, written)
    return written


def check(paths, select=(), ignore=()):
    """Check .docx files or folders against the Decree 30 rules: one result (path, type, findings) per file."""
    from .checks.runner import check_paths

    return check_paths([Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)], select, ignore)


def annotate(results, output: Path, *, force: bool = False) -> Path:
    """Write a copy of the one checked document with a Word comment per finding (the original is untouched)."""
    from .checks.annotate import annotated_copy

    if len(results) != 1:
        raise UsageError("--annotate dùng với đúng một tệp .docx")
    source = Path(results[0].path)
    output = Path(output)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"{output}: bản có nhận xét phải có đuôi .docx")
    if output.exists() and output.resolve() == source.resolve():
        raise UsageError(f"{output}: không ghi đè lên chính tệp được kiểm tra — chọn tên khác")
    fileio.write_all({output: annotated_copy(source, results[0].findings)}, force)
    return output
