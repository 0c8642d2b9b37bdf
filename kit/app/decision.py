"""kit decision: the award decision and its attached list from a dossier workbook, recorded in the register.

The decision is the step after the dossier: its parts (builders of kit.documents.quyet_dinh, listed in
the dossier's [[templates.parts]]) are rendered alone into OUT/<workbook>-quyet-dinh/, then its awards
are recorded in the award register (kit/register, a database). `kit dossier` writes the same two documents with the dossier once the
"Quyết định" sheet has a date, but only `kit decision` records the awards in the register.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import fileio
from ..errors import InputError, Problem
from ..packs import Pack
from ..render import Job, render_many
from ..vn import MonthDate
from . import register as award_register
from .dossier import dossier_contexts
from .forms import provenance


@dataclass
class DecisionResult:
    folder: Path
    files: list[Path]
    warnings: list[Problem]
    register: award_register.RecordResult | None
    store: str = ""  # where it was recorded (shown to the user)


def decision_parts(spec) -> set[str]:
    """The outputs of the dossier's parts that belong to the decision."""
    from ..documents.quyet_dinh import DECISION_BUILDERS

    return {part.output for part in spec.parts if part.builder in DECISION_BUILDERS}


def decision_data(workbook: Path, pack: Pack | None = None):
    """The dossier's contexts, checked, with the decision required: (pack, spec, data, collected, parts, contexts)."""
    from ..documents.quyet_dinh import has_decision

    pack, spec, data, collected, parts, contexts = dossier_contexts(Path(workbook), pack)
    if not has_decision(data):
        raise InputError(
            f"{Path(workbook).name}, sheet 'Quyết định': chưa có Ngày Quyết định",
            hint="điền ngày và các thông tin của Quyết định rồi chạy lại",
            code="KIT215",
        )
    if not decision_parts(spec):
        raise InputError(
            f"gói {pack.id}, hồ sơ '{spec.id}': không có phần Quyết định ([[templates.parts]] với builder quyet_dinh)",
            hint="kiểm tra gói mẫu: các phần hồ sơ của gói",
            code="KIT216",
        )
    return pack, spec, data, collected, parts, contexts


def decision_number(data) -> str:
    """“1520/QĐ-UBND”, or "" while the number is not given."""
    number = data.values.get("so_quyet_dinh")
    abbreviation = data.values.get("viet_tat_co_quan_qd") or ""
    return f"{number}/QĐ-{abbreviation}" if number else ""


def decision(
    workbook: Path, outdir: Path, *, force: bool = False, register: str | Path | None = None
) -> DecisionResult:
    """Write OUT/<workbook>-quyet-dinh/ (the decision and its list) and record the awards in the register
    store (`register`: a database URL or .sqlite file; default KIT_DATABASE_URL or the user's data folder).
    A decision without a number or day is written but not recorded; one already recorded is not recorded
    again, and one recorded with another date stops the run before anything is written (kit register
    correct is the way to change a recorded decision)."""
    workbook = Path(workbook)
    if register is not None:
        award_register.resolve_url(register)  # an .xlsx or .csv is refused before anything else
    pack, spec, data, collected, parts, contexts = decision_data(workbook)
    wanted = decision_parts(spec)
    folder = Path(outdir) / f"{fileio.safe_stem(workbook, 'ho-so')}-quyet-dinh"
    targets = {folder / name: value for name, value in contexts.items() if name in wanted}
    fileio.check_writable(list(targets), force)
    recordable = bool(decision_number(data)) and not isinstance(data.values.get("ngay_quyet_dinh"), MonthDate)
    store = award_register.open_register(register) if recordable else None
    try:
        if store is not None:
            record, awards = award_register.decision_record(data, collected, contexts, workbook.name)
            store.check_decision(record, awards)  # a conflicting decision stops the run before anything is written
        jobs = [
            Job(parts[template].file, context, provenance(pack, parts[template]), f"gói {pack.id}, mẫu")
            for template, context in targets.values()
        ]
        written = fileio.write_all(dict(zip(targets, render_many(jobs), strict=True)), force)
        warnings = list(data.warnings)
        recorded = None
        if not decision_number(data):
            warnings.append(
                Problem(
                    workbook.name,
                    "Quyết định",
                    data.cells.get("so_quyet_dinh"),
                    "Số Quyết định",
                    "Quyết định chưa có số nên chưa được ghi vào sổ khen thưởng",
                    "điền số khi văn thư đã cấp rồi lập lại Quyết định",
                    code="KIT402",
                )
            )
        elif store is None:
            # The register keys a decision by number, issuer and year: a day not written yet is no date.
            warnings.append(
                Problem(
                    workbook.name,
                    "Quyết định",
                    data.cells.get("ngay_quyet_dinh"),
                    "Ngày Quyết định",
                    "Quyết định chưa ghi ngày nên chưa được ghi vào sổ khen thưởng",
                    "điền ngày khi văn thư đã ban hành rồi lập lại Quyết định",
                    code="KIT403",
                )
            )
        else:
            main_part = next((path for path in written if "danh-sach" not in path.name), written[0])
            record.file_sha256 = hashlib.sha256(main_part.read_bytes()).hexdigest()
            recorded = store.record(record, awards)
        return DecisionResult(folder, written, warnings, recorded, store.shown if store else "")
    finally:
        if store is not None:
            store.close()
