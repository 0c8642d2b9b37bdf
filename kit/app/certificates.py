"""kit certificates: the Giấy khen / Bằng khen of a decision printed on the unit's certificate paper —
the awardees' texts from the decision and the register's numbers; the drawing (paper layout, fonts,
text fitted to its box) is kit/drawing/certificate.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import fileio
from ..drawing.certificate import FONT_ENV, Layout, find_fonts, fit, layout_of, render
from ..errors import InputError, Problem
from ..vn import MonthDate, date_line, identity_key, upper

__all__ = ["FONT_ENV", "Layout", "certificate_values", "certificates", "find_fonts", "fit", "layout_of", "render"]


def certificate_values(data, collected, numbers: dict[str, int]) -> list[dict[str, str]]:
    """The text of each field for each awardee, in the order of the list."""
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
    for c in collected.candidates:
        unit = [
            text
            for text in ((c.value("chuc_vu"), c.value("don_vi")) if c.kind == "ca_nhan" else (c.value("don_vi"),))
            if text
        ]
        number = numbers.get(identity_key(c.name))
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


@dataclass
class CertificatesResult:
    path: Path
    pages: int
    warnings: list[Problem]


def certificates(
    workbook: Path,
    outdir: Path,
    *,
    force: bool = False,
    blank: bool = False,
    font_dir: Path | None = None,
    register: Path | None = None,
) -> CertificatesResult:
    """OUT/<workbook>-giay-khen.pdf: the calibration page and one certificate per awardee of the decision."""
    from . import register as award_register
    from .decision import decision_data, decision_number

    workbook = Path(workbook)
    pack, spec, data, collected, parts, contexts = decision_data(workbook)
    layout = layout_of(pack)
    fonts = find_fonts(layout.fonts, font_dir)
    register_path = Path(register) if register is not None else Path(outdir) / award_register.DEFAULT_NAME
    if register is not None and not register_path.exists():
        raise InputError(
            f"{register_path}: không tìm thấy sổ khen thưởng",
            hint="kiểm tra đường dẫn (sổ được lập bởi kit decision)",
            code="KIT211",
        )
    numbers = (
        award_register.certificate_numbers(register_path, decision_number(data), data.values.get("ngay_quyet_dinh"))
        if decision_number(data)
        else {}
    )
    pages = certificate_values(data, collected, numbers)
    target = Path(outdir) / f"{fileio.safe_stem(workbook, 'ho-so')}-giay-khen.pdf"
    fileio.check_writable([target], force)
    pdf, overflow = render(layout, pages, fonts, blank=blank, names=[c.name for c in collected.candidates])
    fileio.write_all({target: pdf}, force)
    warnings = list(data.warnings)
    if decision_number(data) and not numbers:
        warnings.append(
            Problem(
                workbook.name,
                "Quyết định",
                data.cells.get("so_quyet_dinh"),
                "Số Quyết định",
                f"sổ khen thưởng {register_path.name} chưa có quyết định này nên giấy khen để trống số vào sổ",
                "chạy kit decision trước (hoặc chỉ đúng sổ bằng --register)",
                code="KIT400",
            )
        )
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
    return CertificatesResult(target, len(pages) + 1, warnings)
