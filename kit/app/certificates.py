"""kit certificates: the certificates of a decision printed on the unit's certificate paper — one PDF per
layout (Giấy khen, Bằng khen, Bằng chứng nhận: the award-law data names each award's layout, or none for an
award that carries money only), the awardees' texts from the decision and the numbers the layout counts
(the register's, or the order in the decision's list); the drawing (paper layout, fonts, text fitted to its
box) is kit/drawing/certificate.py.

A Bằng khen is never printed on another award's layout, nor signed by anyone but its issuer: the decision
it is read from may grant only what its issuer decides (kit.documents.authority stops it otherwise), and
the certificate is signed by that decision's signer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import fileio
from ..award_law import AwardLaw
from ..drawing.certificate import FONT_ENV, Layout, find_fonts, fit, layout_ids, layout_of, render
from ..errors import InputError, Problem, UsageError
from ..vn import MonthDate, date_line, upper

__all__ = [
    "FONT_ENV",
    "Layout",
    "certificate_kinds",
    "certificate_layouts",
    "certificate_values",
    "certificates",
    "find_fonts",
    "fit",
    "layout_of",
    "render",
]


def certificate_values(data, collected, numbers: list[int | None], candidates=None) -> list[dict[str, str]]:
    """The text of each field for each awardee (`candidates`, default all of the list, in its order), with
    the number its layout counts (`numbers`, one per awardee; None: left blank for the văn thư)."""
    from ..documents.quyet_dinh import _signature
    from .decision import decision_number

    values = data.values
    decided = values.get("ngay_quyet_dinh")
    common = {
        "thanh_tich": "",
        "tham_quyen": upper(values.get("tham_quyen_ban_hanh") or ""),
        "dot": values.get("ten_dot") or "",
        "so_quyet_dinh": decision_number(data) or "      ",
        "ngay_quyet_dinh": (
            f"{'    ' if isinstance(decided, MonthDate) else decided.day}/{decided.month}/{decided.year}"
            if decided
            else ""
        ),
        "dia_danh_ngay": date_line(values.get("dia_danh") or "", decided) if decided else "",
        "chuc_vu_ky": "\n".join(_signature(data)),
        "nguoi_ky": values.get("nguoi_ky_qd") or "",
    }
    result = []
    for c, number in zip(collected.candidates if candidates is None else candidates, numbers, strict=True):
        unit = [
            text
            for text in ((c.value("chuc_vu"), c.value("don_vi")) if c.kind == "ca_nhan" else (c.value("don_vi"),))
            if text
        ]
        result.append(
            {
                **common,
                "hinh_thuc": upper(c.award),
                "ten": f"{c.honorific} {c.name}".strip(),
                "chuc_vu_don_vi": ", ".join(unit),
                "so_vao_so": str(number) if number else "      ",
            }
        )
    return result


def register_numbers(store, data, collected, contexts, workbook_name: str, candidates) -> list[int | None]:
    """Each awardee's register number (the decision as the register database recorded it), in the list's
    order: namesakes are told apart by birth date and Số định danh, each gets the number of its own award."""
    from . import register as award_register

    record, _ = award_register.decision_record(data, collected, contexts, workbook_name)
    numbers = award_register.certificate_numbers(store, record)
    return [
        numbers.get(
            award_register.candidate_key(
                c.name, c.value("ngay_sinh") if c.kind == "ca_nhan" else "", award_register.identifier_of(c)
            )
        )
        for c in candidates
    ]


def certificate_kinds(pack, collected) -> dict[str, list]:
    """The awardees of each certificate layout, in the list's order: the award-law data names each award's
    layout ("" for an award that carries money only: Lao động tiên tiến, Tập thể lao động tiên tiến)."""
    law = AwardLaw.from_data(pack.data().get("award_law"))
    kinds: dict[str, list] = {}
    for c in collected.candidates:
        rule = law.award(c.award)
        if rule is not None and rule.certificate:
            kinds.setdefault(rule.certificate, []).append(c)
    return kinds


def certificate_layouts(pack) -> list[tuple[str, str]]:
    """The certificate layouts of a pack a user may choose to print, as (id, title): giay-khen “Giấy khen”…"""
    return [(layout_id, layout_of(pack, layout_id).title) for layout_id in layout_ids(pack)]


@dataclass
class CertificatesResult:
    path: Path  # the first PDF written
    pages: int  # pages of all the PDFs, calibration pages included
    warnings: list[Problem]
    paths: list[Path] = field(default_factory=list)  # one PDF per layout printed
    printed: dict[str, int] = field(default_factory=dict)  # layout title → certificates printed


def certificates(
    workbook: Path,
    outdir: Path,
    *,
    force: bool = False,
    blank: bool = False,
    font_dir: Path | None = None,
    register: str | Path | None = None,
    kinds: list[str] | tuple[str, ...] | None = None,
) -> CertificatesResult:
    """OUT/<workbook>-<layout>.pdf for each certificate layout of the decision's awards (giay-khen,
    bang-khen, bang-chung-nhan: its calibration page, then one page per awardee); `kinds`: only these
    layouts. Awards that carry money only get no page."""
    from . import register as award_register
    from .decision import decision_data, decision_number

    workbook = Path(workbook)
    pack, spec, data, collected, parts, contexts = decision_data(workbook)
    known = layout_ids(pack)
    wanted = list(dict.fromkeys(kinds or ()))
    unknown = [kind for kind in wanted if kind not in known]
    if unknown:
        raise UsageError(
            f"không có mẫu in {', '.join(unknown)}",
            hint=f"chọn một trong: {', '.join(known)}",
            code="KIT321",
        )
    by_kind = certificate_kinds(pack, collected)
    chosen = {kind: people for kind, people in by_kind.items() if not wanted or kind in wanted}
    if not chosen:
        raise InputError(
            f"{workbook.name}: Quyết định không có danh hiệu, hình thức nào in giấy chứng nhận"
            + (f" theo mẫu {', '.join(wanted)}" if wanted else ""),
            hint="Lao động tiên tiến, Tập thể lao động tiên tiến chỉ có tiền thưởng (Nghị định 152/2025/NĐ-CP Điều "
            "50); các mẫu có trong Quyết định: " + (", ".join(by_kind) or "không có"),
            code="KIT322",
        )
    layouts = {kind: layout_of(pack, kind) for kind in chosen}
    fonts = find_fonts(next(iter(layouts.values())).fonts, font_dir)
    number, day = decision_number(data), data.values.get("ngay_quyet_dinh")
    # The register database (--db, else KIT_DATABASE_URL, else the user's data folder when it exists): a
    # decision is found there by number, issuer and year, so only a dated, numbered one.
    store = award_register.existing_register(register) if number else None
    shown = store.shown if store is not None else "(chưa có sổ)"
    recorded: dict[str, list[int | None]] = {}  # layout → the awardees' register numbers
    if store is not None:
        with store:
            if not isinstance(day, MonthDate):
                for kind, people in chosen.items():
                    if layouts[kind].number != "danh_sach":
                        recorded[kind] = register_numbers(store, data, collected, contexts, workbook.name, people)
    order = {id(c): index for index, c in enumerate(collected.candidates, start=1)}
    stem = fileio.safe_stem(workbook, "ho-so")
    targets = {kind: Path(outdir) / f"{stem}-{kind}.pdf" for kind in chosen}
    fileio.check_writable(list(targets.values()), force)
    outputs: dict[Path, bytes] = {}
    warnings = list(data.warnings)
    pages_total, printed, blank_numbers = 0, {}, False
    for kind, people in chosen.items():
        layout = layouts[kind]
        if layout.number == "danh_sach":
            # "Số sổ vàng": the awardee's order in the list attached to the decision (NĐ 98/2023 Điều 104)
            numbers: list[int | None] = [order[id(c)] for c in people]
        else:
            numbers = recorded.get(kind, [None] * len(people))
            blank_numbers = blank_numbers or any(n is None for n in numbers)
        pages = certificate_values(data, collected, numbers, people)
        for page in pages:
            page["so_hieu"] = layout.number_label
        pdf, overflow = render(layout, pages, fonts, blank=blank, names=[c.name for c in people])
        outputs[targets[kind]] = pdf
        pages_total += len(pages) + 1
        printed[layout.title] = len(pages)
        for item in overflow:
            warnings.append(
                Problem(
                    workbook.name,
                    "Danh sách",
                    None,
                    None,
                    f"{item}: chữ dài quá, không vừa ô dù đã thu nhỏ",
                    "rút gọn nội dung hoặc nới ô (box, min_size) trong dữ liệu certificate của gói",
                    code="KIT401",
                )
            )
    fileio.write_all(outputs, force)
    if number and blank_numbers:
        warnings.append(
            Problem(
                workbook.name,
                "Quyết định",
                data.cells.get("so_quyet_dinh"),
                "Số Quyết định",
                f"sổ khen thưởng {shown} chưa có quyết định này nên giấy khen để trống số vào sổ",
                "lập Quyết định (ghi vào sổ khen thưởng) trước khi in giấy khen, hoặc chỉ đúng sổ khen thưởng",
                code="KIT400",
            )
        )
    paths = list(outputs)
    return CertificatesResult(paths[0], pages_total, warnings, paths, printed)
