"""Forms: the input workbook of a template, and reading a filled one back into its pack, template and data."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .. import _toml, fileio
from ..errors import InputError, UsageError
from ..form.build import build_workbook
from ..form.definition import FormDefinition, load_form
from ..form.read import FormData, read_meta, read_workbook
from ..packs import Pack, TemplateSpec, builtin_pack, get_pack, version_tuple
from ..resources import samples_dir
from ..version import __version__


def list_templates(pack: str | None = None) -> list[TemplateSpec]:
    return list(get_pack(pack).templates)


def legal_basis_on(spec: TemplateSpec, pack: Pack, day) -> str:
    """For a dossier, the law and decree its documents cite when dated `day` (the pack's periods)."""
    if spec.kind != "dossier":
        return ""
    from ..documents.ho_so import legal_basis

    periods = pack.data().get("legal_bases", {}).get("periods", [])
    basis = legal_basis(periods, day) if periods else {}
    return "; ".join(str(basis[key]) for key in ("law", "decree") if basis.get(key))


def warm_up() -> None:
    """Import what rendering and checking use, so that a long-lived worker's first job is as fast as the next."""
    from ..checks import runner  # noqa: F401
    from ..render import batch  # noqa: F401

    list_templates()


def meta(pack: Pack, spec: TemplateSpec, form: FormDefinition) -> dict[str, str]:
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
    from ..form.definition import Choice

    awards = pack.data().get("awards", {}).get("awards", [])
    return load_form(
        spec.form,
        pack.form_path(spec.form).parent,
        pack_choices={"awards": tuple(Choice(a["name"], a["name"]) for a in awards)},
    )


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
        raise UsageError(
            f"mẫu '{template_id}' là một phần của hồ sơ",
            hint=f"tạo biểu mẫu của cả hồ sơ '{dossier_of(spec, pack)}'",
            code="KIT015",
        )
    form = form_of(spec, pack)
    if data is None:
        data = _defaults(form, pack.defaults)
    workbook = build_workbook(form, meta(pack, spec, form), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fileio.deterministic_zip(buffer.getvalue())


def build_form(
    template_id: str, output: Path, *, sample: bool = False, force: bool = False, pack: str | None = None
) -> Path:
    """Write the input workbook of `template_id` from `pack` (the built-in one by default) to `output`,
    filled with its example if `sample`, else with the pack's defaults."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: tệp biểu mẫu phải có đuôi .xlsx", hint="ví dụ: -o ke-hoach.xlsx", code="KIT016")
    chosen = get_pack(pack)
    spec = chosen.template(template_id)
    data = None
    if sample:
        form = form_of(spec, chosen)
        if not form.sample:
            raise UsageError(f"mẫu '{template_id}' chưa có dữ liệu ví dụ", hint="tạo biểu mẫu trống", code="KIT020")
        data = load_sample(sample_path(chosen, form.sample))
    fileio.write_all({output: workbook_bytes(template_id, data, chosen)}, force)
    return output


def dossier_of(spec: TemplateSpec, pack: Pack) -> str:
    return next((t.id for t in pack.templates if t.kind == "dossier" and spec.id in t.documents), spec.form)


def sample_path(pack: Pack, name: str) -> Path:
    for manifest in pack.chain:
        if (manifest.root / "samples" / name).is_file():
            return manifest.root / "samples" / name
    return samples_dir() / name


def pack_of(meta: dict[str, str], path: Path) -> Pack:
    """The pack a workbook was made from (recorded by kit form), checked against the installed version."""
    pack_id = meta.get("pack") or "builtin"
    try:
        pack = get_pack(pack_id)
    except UsageError:
        raise InputError(
            f"{path.name}: biểu mẫu thuộc gói mẫu '{pack_id}' chưa được cài",
            hint="cài gói mẫu đó trước",
            code="KIT021",
        ) from None
    recorded = meta.get("pack_version", "")
    if recorded and version_tuple(recorded)[:1] != version_tuple(pack.version)[:1]:
        raise InputError(
            f"{path.name}: biểu mẫu tạo từ gói '{pack_id}' phiên bản {recorded}, gói đã cài là {pack.version}",
            hint=f"tạo biểu mẫu mới từ gói {pack_id} đã cài rồi chép dữ liệu sang",
            code="KIT017",
        )
    return pack


def read_filled(wb, path: Path, kind: str, pack: Pack | None = None) -> tuple[Pack, TemplateSpec, FormData]:
    """The pack and template a workbook belongs to and its data, after checking the workbook's record.
    `pack` is given when reading a workbook of a pack that is not installed (kit packs lint)."""
    meta = read_meta(wb, path)
    template_id = meta.get("template", "")
    pack = pack or pack_of(meta, path)
    try:
        spec = pack.template(template_id)
    except UsageError:
        raise InputError(
            f"{path.name}: biểu mẫu của mẫu '{template_id}' không có trong gói '{pack.id}'",
            hint="tạo lại biểu mẫu từ gói mẫu đã cài",
            code="KIT022",
        ) from None
    if spec.kind != kind:
        if spec.kind == "dossier":
            raise UsageError(
                f"{path.name}: là biểu mẫu của “{spec.title}”", hint="lập hồ sơ từ biểu mẫu này", code="KIT018"
            )
        raise UsageError(
            f"{path.name}: là biểu mẫu của “{spec.title}”", hint="lập văn bản từ biểu mẫu này", code="KIT424"
        )
    form = form_of(spec, pack)
    recorded = meta.get("form_version", "")
    if recorded.split(".")[0] != str(form.major_version):
        raise InputError(
            f"{path.name}: biểu mẫu phiên bản {recorded or '?'} không dùng được với mẫu '{spec.id}' "
            f"(cần phiên bản {form.version})",
            hint=f"tạo biểu mẫu mới của mẫu '{spec.id}' rồi chép dữ liệu sang",
            code="KIT019",
        )
    return pack, spec, read_workbook(wb, path, form, meta)


MAX_PROPERTY = 255  # characters of one core property of a Word file (python-docx refuses more)


def provenance(pack: Pack, spec: TemplateSpec) -> dict[str, str]:
    """What a generated document records about what made it (pack, template and its hash, kit)."""
    from ..packs.registry import compact_source_text, source_record, source_text

    digest = spec.sha256
    comments = (
        f"Lập bằng vanban-kit {__version__} từ mẫu {spec.id} {spec.version} của gói {pack.id} {pack.version} "
        f"(sha256 {digest[:16]})"
    )
    # Where the pack came from (registry, tag, commit, signer), when it was installed from a registry: in
    # full when it fits the 255 characters a core property holds, else the registry, tag, commit and key.
    record = source_record(pack.root)
    if record.get("registry"):
        full = f"{comments}; nguồn gói: {source_text(record)}"
        short = f"{comments}; nguồn gói: {compact_source_text(record)}"
        comments = full if len(full) <= MAX_PROPERTY else short if len(short) <= MAX_PROPERTY else comments
    return {"identifier": f"{pack.id}@{pack.version}/{spec.id}@{spec.version}#sha256:{digest}", "comments": comments}


def pack_source(pack: Pack) -> dict[str, object]:
    """Where an installed pack came from, for a dossier's manifest.json: registry, tag, commit, signer
    ({} for a pack not installed from a registry)."""
    from ..packs.registry import source_record

    record = source_record(pack.root)
    if not record.get("registry"):
        return {}
    keys = ("registry", "git", "tag", "commit", "signer", "signed")
    return {"source": {key: record[key] for key in keys if key in record}}


def label(provenance: dict[str, str]) -> str:
    """“gói lang-son, mẫu” for error messages about a template, from its provenance record."""
    return f"gói {provenance['identifier'].split('@', 1)[0]}, mẫu"
