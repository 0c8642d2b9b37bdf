"""kit decision: the award decision and its attached list from a dossier workbook, recorded in the register.

The decision is the step after the dossier: its parts (builders of kit.documents.quyet_dinh, listed in
the dossier's [[templates.parts]]) are rendered alone into OUT/<workbook>-quyet-dinh/, then its awards
are appended to the award register. `kit dossier` writes the same two documents with the dossier once the
"Quyết định" sheet has a date, but only `kit decision` records the awards in the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import award_law, fileio
from ..errors import InputError, Problem
from ..packs import Pack
from ..render import Job, render_many
from ..vn import MonthDate, lines_of
from . import register as award_register
from .dossier import dossier_contexts
from .forms import provenance


@dataclass
class DecisionResult:
    folder: Path
    files: list[Path]
    warnings: list[Problem]
    register: award_register.AppendResult | None


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


def register_rows(data, collected, contexts: dict[str, tuple[str, dict]]) -> list[dict[str, Any]]:
    """One register row per awardee of the decision."""
    from ..documents.ho_so import KIND_TEXT

    rewards = collected.pack_data.get("rewards", {})
    decided = data.values["ngay_quyet_dinh"]
    rows = []
    for c in collected.candidates:
        kind = KIND_TEXT[c.kind]
        rows.append(
            {
                "so_quyet_dinh": decision_number(data),
                "ngay_quyet_dinh": data.values["ngay_quyet_dinh"],
                # one line in the register, whatever breaks were typed for the header
                "co_quan": " ".join(lines_of(data.values.get("co_quan_quyet_dinh") or "")),
                "hinh_thuc": c.award,
                "loai": kind[:1].upper() + kind[1:],
                "ten": c.name,
                "chuc_vu": c.value("chuc_vu") or "",
                "don_vi": c.value("don_vi") or "",
                "thanh_tich": c.value("tom_tat") or "",
                # what the law gives the award on the decision's date (pack data rewards), every row
                "tien_thuong": award_law.money_text(rewards, c.award, c.kind, decided),
            }
        )
    return rows


def decision(workbook: Path, outdir: Path, *, force: bool = False, register: Path | None = None) -> DecisionResult:
    """Write OUT/<workbook>-quyet-dinh/ (the decision and its list) and append the awards to `register`
    (default OUT/so-khen-thuong.xlsx). A decision without a number is written but not registered."""
    workbook = Path(workbook)
    pack, spec, data, collected, parts, contexts = decision_data(workbook)
    wanted = decision_parts(spec)
    folder = Path(outdir) / f"{fileio.safe_stem(workbook, 'ho-so')}-quyet-dinh"
    targets = {folder / name: value for name, value in contexts.items() if name in wanted}
    fileio.check_writable(list(targets), force)
    register_path = Path(register) if register is not None else Path(outdir) / award_register.DEFAULT_NAME
    if decision_number(data):
        award_register.read(register_path)  # a file that is not a register stops the run before anything is written
    jobs = [
        Job(parts[template].file, context, provenance(pack, parts[template]), f"gói {pack.id}, mẫu")
        for template, context in targets.values()
    ]
    written = fileio.write_all(dict(zip(targets, render_many(jobs), strict=True)), force)
    warnings = list(data.warnings)
    appended = None
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
    elif isinstance(data.values.get("ngay_quyet_dinh"), MonthDate):
        # The register keys a decision by number and day: a day the văn thư has not written yet is no key.
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
        appended = award_register.append(register_path, register_rows(data, collected, contexts))
    return DecisionResult(folder, written, warnings, appended)
