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
from .packs import Pack, TemplateSpec, builtin_pack, get_pack, version_tuple
from .render import Job, render_many, render_template
from .resources import samples_dir


def list_templates(pack: str | None = None) -> list[TemplateSpec]:
    return list(get_pack(pack).templates)


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


def form_of(spec: TemplateSpec, pack: Pack) -> FormDefinition:
    """The form a template is filled from, with the dropdown lists that come from the pack's data."""
    from .form.definition import Choice

    awards = pack.data().get("awards", {}).get("awards", [])
    return load_form(spec.form, pack.form_path(spec.form).parent,
                     pack_choices={"awards": tuple(Choice(a["name"], a["name"]) for a in awards)})


def _defaults(form: FormDefinition, defaults: dict[str, Any]) -> dict[str, Any]:
    """A pack's [defaults] as workbook data: field values, and rows of one-column tables (e.g. Nơi nhận)."""
    data: dict[str, Any] = {}
    for sheet in form.sheets:
        if sheet.kind == "fields":
            values = {f.key: defaults[f.key] for f in sheet.fields if f.key in defaults}
            values = {key: "\n".join(value) if isinstance(value, list) else value for key, value in values.items()}
            if values:
                data[sheet.key] = values
        elif sheet.kind == "table" and len(sheet.fields) == 1 and sheet.fields[0].key in defaults:
            value = defaults[sheet.fields[0].key]
            data[sheet.key] = [[item] for item in (value if isinstance(value, list) else [value])]
    return data


def workbook_bytes(template_id: str, data: dict[str, Any] | None = None, pack: Pack | None = None) -> bytes:
    """The .xlsx input workbook of a template, filled with `data` or, when blank, with the pack's defaults."""
    pack = pack or builtin_pack()
    spec = pack.template(template_id)
    if spec.kind == "part":
        raise UsageError(f"mẫu '{template_id}' là một phần của hồ sơ — tạo biểu mẫu của cả hồ sơ: kit form {_dossier_of(spec, pack)}")
    form = form_of(spec, pack)
    if data is None:
        data = _defaults(form, pack.defaults)
    workbook = build_workbook(form, _meta(pack, spec, form), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fileio.deterministic_zip(buffer.getvalue())


def build_form(template_id: str, output: Path, *, sample: bool = False, force: bool = False,
               pack: str | None = None) -> Path:
    """Write the input workbook of `template_id` from `pack` (the built-in one by default) to `output`,
    filled with its example if `sample`, else with the pack's defaults."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: tệp biểu mẫu phải có đuôi .xlsx — ví dụ: -o ke-hoach.xlsx")
    pack = get_pack(pack)
    spec = pack.template(template_id)
    data = None
    if sample:
        form = form_of(spec, pack)
        if not form.sample:
            raise UsageError(f"mẫu '{template_id}' chưa có dữ liệu ví dụ — bỏ --sample")
        data = load_sample(_sample_path(pack, form.sample))
    fileio.write_all({output: workbook_bytes(template_id, data, pack)}, force)
    return output


def _dossier_of(spec: TemplateSpec, pack: Pack) -> str:
    return next((t.id for t in pack.templates if t.kind == "dossier" and spec.id in t.documents), spec.form)


@dataclass
class _Prepared:
    workbook: Path
    spec: TemplateSpec
    context: dict[str, Any]
    provenance: dict[str, str]
    warnings: list[Problem]


def _sample_path(pack: Pack, name: str) -> Path:
    for manifest in pack.chain:
        if (manifest.root / "samples" / name).is_file():
            return manifest.root / "samples" / name
    return samples_dir() / name


def _pack_of(meta: dict[str, str], path: Path) -> Pack:
    """The pack a workbook was made from (recorded by kit form), checked against the installed version."""
    pack_id = meta.get("pack") or "builtin"
    try:
        pack = get_pack(pack_id)
    except UsageError:
        raise InputError(f"{path.name}: biểu mẫu thuộc gói mẫu '{pack_id}' chưa được cài — cài gói bằng: kit packs install …") from None
    recorded = meta.get("pack_version", "")
    if recorded and version_tuple(recorded)[:1] != version_tuple(pack.version)[:1]:
        raise InputError(
            f"{path.name}: biểu mẫu tạo từ gói '{pack_id}' phiên bản {recorded}, gói đã cài là {pack.version} — "
            f"tạo biểu mẫu mới bằng: kit form <mẫu> --pack {pack_id} rồi chép dữ liệu sang"
        )
    return pack


def _read(wb, path: Path, kind: str, pack: Pack | None = None) -> tuple[Pack, TemplateSpec, FormData]:
    """The pack and template a workbook belongs to and its data, after checking the workbook's record.
    `pack` is given when reading a workbook of a pack that is not installed (kit packs lint)."""
    meta = read_meta(wb, path)
    template_id = meta.get("template", "")
    pack = pack or _pack_of(meta, path)
    try:
        spec = pack.template(template_id)
    except UsageError:
        raise InputError(
            f"{path.name}: biểu mẫu của mẫu '{template_id}' không có trong gói '{pack.id}' — tạo lại bằng lệnh kit form"
        ) from None
    if spec.kind != kind:
        command = "kit dossier" if spec.kind == "dossier" else "kit fill"
        raise UsageError(f"{path.name}: là biểu mẫu của “{spec.title}” — dùng lệnh {command}")
    form = form_of(spec, pack)
    recorded = meta.get("form_version", "")
    if recorded.split(".")[0] != str(form.major_version):
        raise InputError(
            f"{path.name}: biểu mẫu phiên bản {recorded or '?'} không dùng được với mẫu '{spec.id}' "
            f"(cần phiên bản {form.version}) — tạo biểu mẫu mới bằng: kit form {spec.id} -o <tệp.xlsx> rồi chép dữ liệu sang"
        )
    return pack, spec, read_workbook(wb, path, form, meta)


def provenance(pack: Pack, spec: TemplateSpec) -> dict[str, str]:
    """What a generated document records about what made it (pack, template and its hash, kit)."""
    from . import __version__

    digest = spec.sha256
    return {
        "identifier": f"{pack.id}@{pack.version}/{spec.id}@{spec.version}#sha256:{digest}",
        "comments": f"Lập bằng vanban-kit {__version__} từ mẫu {spec.id} {spec.version} của gói {pack.id} {pack.version} "
                    f"(sha256 {digest[:16]})",
    }


def _label(provenance: dict[str, str]) -> str:
    """“gói lang-son, mẫu” for error messages about a template, from its provenance record."""
    return f"gói {provenance['identifier'].split('@', 1)[0]}, mẫu"


def _prepare(path: Path, pack: Pack | None = None) -> tuple[_Prepared | None, list[Problem]]:
    wb = open_workbook(path)
    try:
        pack, spec, data = _read(wb, path, "document", pack)
    finally:
        wb.close()
    context = BUILDERS[spec.builder](data, spec)
    if data.problems:
        return None, data.problems
    return _Prepared(path, spec, context, provenance(pack, spec), data.warnings), []


def render_workbook(path: Path) -> bytes:
    """The .docx bytes for one filled workbook (raises WorkbookError listing every problem)."""
    prepared, problems = _prepare(Path(path))
    if problems:
        raise WorkbookError(problems)
    return render_template(prepared.spec.file, prepared.context, prepared.provenance, _label(prepared.provenance))


def fill(workbooks: list[Path] | Path, outdir: Path, *, force: bool = False, pdf: bool = False,
         on_warning=None, progress=None) -> list[Path]:
    """Render each workbook to `outdir/<workbook name>.docx` (and .pdf with `pdf`); on any input error,
    write nothing. Warnings (hidden sheets or rows…) go to `on_warning`; `progress(done, total)` hears of
    each document rendered."""
    if isinstance(workbooks, (str, Path)):
        workbooks = [workbooks]
    prepared, problems = [], []
    for workbook in map(Path, workbooks):
        item, found = _prepare(workbook)
        problems.extend(found)
        if item:
            prepared.append(item)
    if problems:
        raise WorkbookError(problems)
    for item in prepared:
        for warning in item.warnings:
            if on_warning is not None:
                on_warning(warning)
    targets = [Path(outdir) / f"{item.workbook.stem}.docx" for item in prepared]
    for target in {t for t in targets if targets.count(t) > 1}:
        raise UsageError(f"{target}: hai biểu mẫu cho ra cùng một tệp — đổi tên một trong hai tệp .xlsx")
    pdfs = [target.with_suffix(".pdf") for target in targets] if pdf else []
    fileio.check_writable(targets + pdfs, force)  # before the rendering work, not only after it
    if pdf:
        from .office import INSTALL_HINT, ConversionError, find_soffice

        if find_soffice() is None:
            raise ConversionError(f"--pdf cần LibreOffice (soffice) — {INSTALL_HINT}")
    jobs = [Job(item.spec.file, item.context, item.provenance, _label(item.provenance)) for item in prepared]
    outputs = dict(zip(targets, render_many(jobs, progress)))
    written = fileio.write_all(outputs, force)
    if pdf:
        written += to_pdf(written, Path(outdir), force=force)
    return written


def to_pdf(documents: list[Path], outdir: Path, *, force: bool = False) -> list[Path]:
    """Convert .docx files to `outdir/<name>.pdf` with one LibreOffice process; a file that cannot be
    read or converted is reported (exit code 4) after the others are written."""
    documents = [Path(d) for d in documents]
    targets = {d: Path(outdir) / f"{d.stem}.pdf" for d in documents}
    seen: dict[Path, Path] = {}
    for document, target in targets.items():
        if target in seen:
            raise UsageError(f"{target}: {seen[target].name} và {document.name} cho ra cùng một tệp PDF — đổi tên một tệp")
        seen[target] = document
    return pdf_files(targets, force=force)


def pdf_files(targets: dict[Path, Path], *, force: bool = False) -> list[Path]:
    """Convert each .docx to the PDF path it maps to, in one LibreOffice batch."""
    from .docmodel.document import open_document
    from .errors import EXIT_CONVERSION, ProblemsError
    from .office import convert

    fileio.check_writable(list(targets.values()), force)
    failures, readable = [], []
    for document in targets:
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


def check(paths, select=(), ignore=(), pack=None, draft=False):
    """Check .docx files or folders against the Decree 30 rules: one result (path, type, findings) per file,
    with a pack's rule settings and legal texts when given; `draft`: blank number and date are expected."""
    from .checks import RULES, CheckContext
    from .checks.runner import check_paths

    texts = tuple(pack.data().get("legal_texts", {}).get("texts", ())) if pack is not None else None
    context = CheckContext.from_settings(pack.rules if pack is not None else {}, RULES, texts, draft)
    return check_paths([Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)], select, ignore, context)


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


@dataclass
class DossierResult:
    folder: Path
    files: list[Path]
    warnings: list[Problem]
    archive: Path | None = None


def _dossier_contexts(workbook: Path, pack: Pack | None = None):
    """The pack, dossier template, data, collected dossier, part templates and each document's
    (template id, context), keyed by its path in the dossier; WorkbookError on any error."""
    from .documents import ho_so

    wb = open_workbook(workbook)
    try:
        pack, spec, data = _read(wb, workbook, "dossier", pack)
    finally:
        wb.close()
    collected = ho_so.collect(data, pack)
    parts = {part: pack.template(part) for part in spec.documents}
    contexts = {
        "01-to-trinh.docx": ("to-trinh-khen-thuong", ho_so.to_trinh(data, collected, parts["to-trinh-khen-thuong"])),
        "02-bien-ban.docx": ("bien-ban-xet-khen-thuong", ho_so.bien_ban(data, collected, parts["bien-ban-xet-khen-thuong"])),
        "03-danh-sach.docx": ("danh-sach-khen-thuong", ho_so.danh_sach(data, collected, parts["danh-sach-khen-thuong"])),
    }
    confirm = bool(pack.settings.get("dossier", {}).get("xac_nhan_cap_trinh", False))
    for name, candidate in zip(ho_so.report_names(collected.candidates), collected.candidates):
        report = ho_so.bao_cao_thanh_tich(data, collected, parts["bao-cao-thanh-tich"], candidate, confirm)
        contexts[f"bao-cao-thanh-tich/{name}"] = ("bao-cao-thanh-tich", report)
    if data.problems:
        raise WorkbookError(data.problems)
    return pack, spec, data, collected, parts, contexts


def sample_contexts(spec: TemplateSpec, pack: Pack) -> dict[str, tuple[TemplateSpec, dict[str, Any]]]:
    """Each document a template makes from its form's sample: its template and fields (kit packs lint)."""
    import tempfile

    form = form_of(spec, pack)
    data = load_sample(_sample_path(pack, form.sample))
    with tempfile.TemporaryDirectory(prefix="kit-lint-") as work:
        book = Path(work) / f"{spec.id}.xlsx"
        book.write_bytes(workbook_bytes(spec.id, data, pack))
        if spec.kind == "dossier":
            _, _, _, _, parts, contexts = _dossier_contexts(book, pack)
            return {name: (parts[template], context) for name, (template, context) in contexts.items()}
        prepared, problems = _prepare(book, pack)
        if problems:
            raise WorkbookError(problems)
        return {f"{spec.id}.docx": (spec, prepared.context)}


def template_variables(path: Path) -> set[str]:
    """The top-level fields a Word template uses."""
    from docxtpl import DocxTemplate

    from .render.docx import _environment

    return set(DocxTemplate(str(path)).get_undeclared_template_variables(_environment()))


def dossier(workbook: Path, outdir: Path, *, force: bool = False, archive: bool = False, pdf: bool = False,
            progress=None) -> DossierResult:
    """Every document of an award dossier from one workbook, checked as a whole first.

    Writes OUTDIR/<workbook name>/01-to-trinh.docx, 02-bien-ban.docx, 03-danh-sach.docx,
    bao-cao-thanh-tich/NN-<name>.docx and manifest.json (with `archive`, also OUTDIR/<name>.zip).
    Errors stop it before anything is written; warnings are returned. `progress(done, total)` hears of
    each document rendered (a large dossier is rendered on every core).
    """
    import hashlib
    import json

    from . import __version__

    workbook = Path(workbook)
    pack, spec, data, collected, parts, contexts = _dossier_contexts(workbook)
    folder = Path(outdir) / workbook.stem
    targets = {folder / relative: value for relative, value in contexts.items()}
    manifest_path = folder / "manifest.json"
    zip_path = Path(outdir) / f"{workbook.stem}.zip" if archive else None
    pdf_targets = {target: target.with_suffix(".pdf") for target in targets} if pdf else {}
    fileio.check_writable([*targets, manifest_path, *([zip_path] if zip_path else []), *pdf_targets.values()], force)
    if pdf:
        from .office import INSTALL_HINT, ConversionError, find_soffice

        if find_soffice() is None:
            raise ConversionError(f"--pdf cần LibreOffice (soffice) — {INSTALL_HINT}")
    jobs = [Job(parts[template].file, context, provenance(pack, parts[template]), f"gói {pack.id}, mẫu")
            for template, context in targets.values()]
    outputs = dict(zip(targets, render_many(jobs, progress)))
    digest = lambda data: hashlib.sha256(data).hexdigest()  # noqa: E731
    manifest = {
        "kit_version": __version__,
        "pack": {"id": pack.id, "version": pack.version},
        "dossier": {"template": spec.id, "version": spec.version},
        "workbook": {"name": workbook.name, "sha256": digest(workbook.read_bytes())},
        "legal_basis": {key: value for key, value in collected.basis.items() if isinstance(value, (str, bool))},
        "files": [{"path": target.relative_to(folder).as_posix(), "sha256": digest(data),
                   "template": targets[target][0], "template_version": parts[targets[target][0]].version,
                   "template_sha256": parts[targets[target][0]].sha256}
                  for target, data in outputs.items()],
    }
    outputs[manifest_path] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    _remove_stale(folder, set(outputs), force)
    written = fileio.write_all(outputs, force)
    if zip_path is not None:
        written.append(_write_zip(zip_path, folder, outputs, force))
    if pdf:
        written += pdf_files(pdf_targets, force=force)
    return DossierResult(folder, written, data.warnings, zip_path)


def _remove_stale(folder: Path, keep: set[Path], force: bool) -> None:
    """With --force, files an earlier run listed in its manifest but this run does not make are removed."""
    import json

    manifest = folder / "manifest.json"
    if not force or not manifest.exists():
        return
    try:
        earlier = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (ValueError, OSError):
        return
    root = folder.resolve()
    for entry in earlier:
        relative = entry.get("path", "") if isinstance(entry, dict) else ""
        # A manifest may come from elsewhere (a dossier unzipped here): only plain relative .docx
        # paths that resolve inside the folder are ever removed.
        if not isinstance(relative, str) or not relative.endswith(".docx") or Path(relative).is_absolute() \
                or ".." in Path(relative).parts or "\\" in relative:
            continue
        path = folder / relative
        if path in keep or not path.is_file() or path.is_symlink() or root not in path.resolve().parents:
            continue
        path.unlink()
        path.with_suffix(".pdf").unlink(missing_ok=True)


def _write_zip(path: Path, folder: Path, outputs: dict[Path, bytes], force: bool) -> Path:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for target, data in sorted(outputs.items()):
            entry = zipfile.ZipInfo(f"{folder.name}/{target.relative_to(folder).as_posix()}", fileio.FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    fileio.write_all({path: buffer.getvalue()}, force)
    return path
