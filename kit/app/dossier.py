"""kit dossier: every document of an award dossier from one workbook, checked as a whole first."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import fileio
from ..errors import InputError, Problem, ProblemsError, UsageError, WorkbookError
from ..form.read import open_workbook
from ..packs import Pack, TemplateSpec
from ..render import Job, render_each
from ..version import __version__
from ..ziplimits import archive_bytes
from .forms import pack_source, provenance, read_filled
from .pdf import pdf_files


@dataclass
class DossierDocument:
    """One document of a dossier, in the dossier's order: its path in the dossier, the part's title, the
    person or collective it is about (a per-candidate part), its .docx and .pdf, and its self-check."""

    path: str
    title: str
    person: str | None
    docx: Path
    pdf: Path | None = None
    check: Any = None


@dataclass
class DossierResult:
    folder: Path
    files: list[Path]
    warnings: list[Problem]
    archive: Path | None = None
    documents: list[DossierDocument] = field(default_factory=list)
    number: str = ""  # the Tờ trình's number, when given ("112/TTr-SNV"): the archive's name carries it

    @property
    def checks(self) -> list:
        return [document.check for document in self.documents if document.check is not None]

    @property
    def archive_name(self) -> str:
        """The name to give the dossier's .zip: with the Tờ trình's number when it has one."""
        return numbered_name("ho-so", self.number, self.folder.name) + ".zip"


def numbered_name(kind: str, number: str, fallback: str) -> str:
    """“ho-so-112-TTr-SNV” for a document numbered “112/TTr-SNV”; `fallback` without a number."""
    return f"{kind}-{fileio.safe_stem(number.replace('/', '-'), fallback)}" if number else fallback


def dossier_contexts(workbook: Path, pack: Pack | None = None):
    """The pack, dossier template, data, collected dossier, part templates and each document's
    (template id, context), keyed by its path in the dossier; WorkbookError on any error."""
    from ..documents import ho_so

    wb = open_workbook(workbook)
    try:
        pack, spec, read = read_filled(wb, workbook, "dossier", pack)
    finally:
        wb.close()
    # The dossier is collected and its documents built from a copy that has its own problem lists:
    # the data as read stays as read (FormData.derive).
    data = read.derive()
    collected = ho_so.collect(data, pack)
    settings = pack.settings.get("dossier", {})
    if not spec.parts:
        raise InputError(
            f"gói {pack.id}, hồ sơ '{spec.id}': chưa khai báo văn bản nào ([[templates.parts]])",
            hint="kiểm tra gói mẫu: các phần hồ sơ của gói",
            code="KIT009",
        )
    parts: dict[str, TemplateSpec] = {}
    contexts: dict[str, tuple[str, dict]] = {}
    for part in spec.parts:
        builder = ho_so.PART_BUILDERS.get(part.builder)
        if builder is None:
            raise InputError(
                f"gói {pack.id}, hồ sơ '{spec.id}': builder '{part.builder}' không có",
                hint=f"dùng một trong: {', '.join(ho_so.PART_BUILDERS)}",
                code="KIT010",
            )
        if builder.only_if is not None and not builder.only_if(data):
            continue  # e.g. the decision, before the Quyết định sheet is filled
        try:
            template = parts[part.template] = pack.template(part.template)
        except UsageError:
            raise InputError(
                f"gói {pack.id}, hồ sơ '{spec.id}': không có mẫu '{part.template}' trong gói",
                hint="sửa [[templates.parts]] của gói mẫu",
                code="KIT012",
            ) from None
        if builder.each_candidate:
            for name, candidate in zip(ho_so.part_file_names(part.output, collected.candidates), collected.candidates):
                contexts[name] = (template.id, builder.build(data, collected, template, candidate, settings))
        else:
            contexts[part.output] = (template.id, builder.build(data, collected, template, None, settings))
    if read.problems or data.problems:
        raise WorkbookError(read.problems + data.problems)
    data = dataclasses.replace(data, warnings=list(dict.fromkeys(read.warnings + data.warnings)))
    return pack, spec, data, collected, parts, contexts


def dossier(
    workbook: Path,
    outdir: Path,
    *,
    force: bool = False,
    archive: bool = False,
    pdf: bool = False,
    progress=None,
    register: str | Path | bool | None = None,
    on_check=None,
    on_step=None,
) -> DossierResult:
    """Every document of an award dossier (see _dossier), one run at a time per output folder;
    `on_check(results)` receives kit check's results on the documents written; `on_step(step)` hears
    of each stage after rendering ("check", "pdf", "zip")."""
    with fileio.OutputLock(Path(outdir) / fileio.safe_stem(workbook, "ho-so")):
        return _dossier(
            workbook,
            outdir,
            force=force,
            archive=archive,
            pdf=pdf,
            progress=progress,
            register=register,
            on_check=on_check,
            on_step=on_step or (lambda step: None),
        )


def register_warnings(register: str | Path | bool | None, workbook: Path, pack: Pack, data, collected) -> list[Problem]:
    """The register's warnings on a new dossier (kit.app.register.check_dossier), and its proposals
    recorded; with no register named, the default store is used when there is one; False: none."""
    from ..register.location import default_register_missing

    if register is False or register is True or (register in (None, "") and default_register_missing()):
        return []  # no register: the database library is not even loaded
    from ..award_law import AwardLaw
    from ..vn import identity_key
    from .register import check_dossier, existing_register, record_proposals

    store = existing_register(register)
    if store is None:
        return []
    with store:
        submitted = data.values.get("ngay_to_trinh")
        criteria_data = pack.data().get("criteria", {})
        prior = {identity_key(c.name): c.prior for c in collected.candidates}
        warnings = check_dossier(
            store,
            Path(workbook).name,
            collected.candidates,
            submitted.year,
            criteria_data.get("criteria", []),
            criteria_data.get("history", {}),
            prior,
            AwardLaw.from_data(pack.data().get("award_law")),
        )
        record_proposals(store, Path(workbook).name, submitted.year, collected.candidates)
    return warnings


def _dossier(
    workbook: Path,
    outdir: Path,
    *,
    force: bool = False,
    archive: bool = False,
    pdf: bool = False,
    progress=None,
    register: str | Path | bool | None = None,
    on_check=None,
    on_step=lambda step: None,
) -> DossierResult:
    """Every document of an award dossier from one workbook, checked as a whole first.

    Writes OUTDIR/<workbook name>/01-to-trinh.docx, 02-bien-ban.docx, 03-danh-sach.docx,
    bao-cao-thanh-tich/NN-<name>.docx and manifest.json (with `archive`, also OUTDIR/<name>.zip).
    Errors stop it before anything is written; warnings are returned. `progress(done, total)` hears of
    each document rendered (a large dossier is rendered on every core).
    """
    workbook = Path(workbook)
    pack, spec, data, collected, parts, contexts = dossier_contexts(workbook)
    warnings = list(data.warnings)
    warnings += register_warnings(register, workbook, pack, data, collected)
    folder = Path(outdir) / fileio.safe_stem(workbook, "ho-so")
    targets = {folder / relative: value for relative, value in contexts.items()}
    manifest_path = folder / "manifest.json"
    zip_path = Path(outdir) / f"{folder.name}.zip" if archive else None
    pdf_targets = {target: target.with_suffix(".pdf") for target in targets} if pdf else {}
    fileio.check_writable([*targets, manifest_path, *([zip_path] if zip_path else []), *pdf_targets.values()], force)
    if pdf:
        from .fill import require_office

        require_office()
    jobs = [
        Job(parts[template].file, context, provenance(pack, parts[template]), f"gói {pack.id}, mẫu")
        for template, context in targets.values()
    ]
    from .check import rendered_checker

    fileio.clean_leftovers(folder)
    stale = fileio.stale_files(folder, manifest_path, [*targets, manifest_path]) if force else []
    with fileio.StagedFolder(folder, [*targets, manifest_path], force) as staged:
        order = list(targets)
        # Each document checked where it was rendered, and staged here while the others are rendered.
        rendered = render_each(
            jobs, rendered_checker(pack), progress, each=lambda index, document: staged.add(order[index], document)
        )
        outputs = {target: data for target, (data, _) in zip(targets, rendered)}
        outputs[manifest_path] = _manifest(workbook, pack, spec, collected, parts, folder, targets, outputs)
        staged.add(manifest_path, outputs[manifest_path])
        written = staged.commit(manifest=manifest_path, stale=stale)
    checks = {target: result for target, (_, result) in zip(targets, rendered)}
    for target, result in checks.items():
        result.path = target
    owners = _owners(spec, collected)
    documents = [
        DossierDocument(
            target.relative_to(folder).as_posix(),
            parts[template].title,
            owners.get(target.relative_to(folder).as_posix()),
            target,
            check=checks[target],
        )
        for target, (template, _) in targets.items()
    ]
    if on_check is not None:
        on_check([document.check for document in documents])
    failure = None
    if pdf:
        # The PDFs first, so that the zip holds them next to their .docx.
        on_step("pdf")
        pdfs: dict[Path, bytes] = {}
        try:
            made = pdf_files(pdf_targets, force=force, made_here=True, into=pdfs)
        except ProblemsError as error:
            failure, made = error, list(error.written)
        written += made
        for document in documents:
            if pdf_targets[document.docx] in pdfs:
                document.pdf = pdf_targets[document.docx]
        outputs.update(pdfs)
    if zip_path is not None:
        on_step("zip")
        written.append(_write_zip(zip_path, folder, outputs, force))
    if failure is not None:
        raise ProblemsError(failure.errors, failure.exit_code, written)
    return DossierResult(folder, written, warnings, zip_path, documents, dossier_number(data))


def _manifest(
    workbook: Path, pack: Pack, spec: TemplateSpec, collected, parts, folder: Path, targets, outputs
) -> bytes:
    """manifest.json of a dossier: what made it (kit, pack, templates, workbook) and each file's digest."""
    import hashlib
    import json

    digest = lambda data: hashlib.sha256(data).hexdigest()  # noqa: E731
    manifest = {
        "kit_version": __version__,
        "pack": {"id": pack.id, "version": pack.version, **pack_source(pack)},
        "dossier": {"template": spec.id, "version": spec.version},
        "workbook": {"name": workbook.name, "sha256": digest(workbook.read_bytes())},
        "legal_basis": {key: value for key, value in collected.basis.items() if isinstance(value, (str, bool))},
        "files": [
            {
                "path": target.relative_to(folder).as_posix(),
                "sha256": digest(data),
                "template": targets[target][0],
                "template_version": parts[targets[target][0]].version,
                "template_sha256": parts[targets[target][0]].sha256,
            }
            for target, data in outputs.items()
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _write_zip(path: Path, folder: Path, outputs: dict[Path, bytes], force: bool) -> Path:
    entries = [
        (f"{folder.name}/{target.relative_to(folder).as_posix()}", data) for target, data in sorted(outputs.items())
    ]
    fileio.write_all({path: archive_bytes(entries)}, force)
    return path


def _owners(spec: TemplateSpec, collected) -> dict[str, str]:
    """The person or collective each per-candidate document of the dossier is about, by its path."""
    from ..documents import ho_so

    owners: dict[str, str] = {}
    for part in spec.parts:
        builder = ho_so.PART_BUILDERS.get(part.builder)
        if builder is not None and builder.each_candidate:
            names = ho_so.part_file_names(part.output, collected.candidates)
            owners.update({name: candidate.name for name, candidate in zip(names, collected.candidates)})
    return owners


def dossier_number(data) -> str:
    """The Tờ trình's number as written on it (“112/TTr-SNV”), or "" while the văn thư has not given it."""
    number = data.values.get("so_to_trinh")
    abbreviation = data.values.get("viet_tat_don_vi") or ""
    return f"{number}/TTr-{abbreviation}" if number and abbreviation else str(number or "")
