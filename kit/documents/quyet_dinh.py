"""The award decision (Quyết định khen thưởng) and the list attached to it, from the dossier workbook.

Two dossier parts that exist only once the "Quyết định" sheet has a date: the decision follows the
Tờ trình and the council's vote, so it names exactly the dossier's candidates (every one of whom the
council approved: `ho_so.collect` stops on a missing or insufficient vote) with the same awards and
counts. The law and decree cited are those in force on the decision's date (legal-bases data); reward
money is written only for awards whose rate the pack's data gives with a source (rewards data).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import award_law
from ..conventions import signer_name_problem
from ..form.read import FormData
from ..vn import date_line, date_phrase, lines_of, number_line, roman, upper
from . import ho_so
from .authority import check_authority
from .common import HEADER_WIDTH_PT, LIST_MARK, NO_BREAK_SPACE, clerk_text, recipients, signature_lines
from .ho_so import KIND_TEXT, Candidate, Dossier, PartBuilder

# Fields the decision needs once its date is given (the sheet is optional, so the form cannot require them).
_REQUIRED = {
    "co_quan_quyet_dinh": "ghi tên cơ quan ban hành Quyết định, ví dụ: Ủy ban nhân dân tỉnh Lạng Sơn",
    "viet_tat_co_quan_qd": "ghi chữ viết tắt của cơ quan ban hành, ví dụ: UBND",
    "tham_quyen_ban_hanh": "ghi thẩm quyền ban hành, ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
    "de_nghi_cua": "ghi chức danh người đề nghị, ví dụ: Giám đốc Sở Nội vụ",
    "thi_hanh": "ghi các chức danh chịu trách nhiệm thi hành, ví dụ: Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "chuc_vu_thu_truong_qd": "ghi chức vụ người đứng đầu, ví dụ: Chủ tịch",
    "nguoi_ky_qd": "ghi họ tên người ký Quyết định",
}


def has_decision(data: FormData) -> bool:
    """Whether the workbook asks for the decision: its date is filled."""
    return data.values.get("ngay_quyet_dinh") is not None


def _awards(candidates: list[Candidate], pack_data: dict) -> list[dict[str, Any]]:
    """Per award, in the order of the list: whether it is a title, its name, and how many of each kind."""
    found: list[dict[str, Any]] = []
    for award in dict.fromkeys(c.award for c in candidates if c.award):
        group = [c for c in candidates if c.award == award]
        counts = [
            f"{sum(1 for c in group if c.kind == kind):02d} {KIND_TEXT[kind]}"
            for kind in ("ca_nhan", "tap_the")
            if any(c.kind == kind for c in group)
        ]
        found.append(
            {
                "danh_hieu": ho_so.is_title(award, pack_data),
                "hinh_thuc": award,
                "so_luong": counts[0] if len(counts) == 1 else " và ".join(counts),
            }
        )
    return found


def _by_kind(awards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The awards grouped by verb for the title, each verb once, in the order they first appear: "tặng Bằng
    khen, Giấy khen và công nhận danh hiệu Chiến sĩ thi đua cơ sở"; `muc`: each award with its counts, for
    Điều 1 ("công nhận danh hiệu Lao động tiên tiến cho 02 cá nhân, Chiến sĩ thi đua cơ sở cho 01 cá nhân")."""
    groups: dict[bool, dict[str, Any]] = {}
    for award in awards:
        group = groups.setdefault(award["danh_hieu"], {"danh_hieu": award["danh_hieu"], "hinh_thuc": [], "muc": []})
        group["hinh_thuc"].append(award["hinh_thuc"])
        group["muc"].append({"hinh_thuc": award["hinh_thuc"], "so_luong": award["so_luong"]})
    return list(groups.values())


def _multiple(value) -> str:
    return f"{float(value):.1f}".replace(".", ",")


def _rewards(data: FormData, candidates: list[Candidate], pack_data: dict, decided: dt.date) -> list[dict[str, str]]:
    """The reward money lines (Điều 2): every award of the decision that carries money, individuals and
    collectives apart, with its multiple of the mức lương cơ sở, the amount on the decision's date and the
    source. An award with no sourced rate is named in a warning, never dropped silently."""
    if data.values.get("tien_thuong") != "co":
        return []
    rewards = pack_data.get("rewards", {})
    salary = award_law.base_salary(rewards, decided)
    lines, missing = [], []
    for award in dict.fromkeys(c.award for c in candidates if c.award):
        for kind in award_law.KINDS:
            if not any(c.award == award and c.kind == kind for c in candidates):
                continue
            rate = award_law.rate(rewards, award, kind)
            if rate is None:
                missing.append(f"{award} ({KIND_TEXT[kind]})")
                continue
            lines.append(
                {
                    "hinh_thuc": award,
                    "doi_tuong": KIND_TEXT[kind],
                    "he_so": _multiple(rate.multiple),
                    "so_tien": award_law.dong(award_law.amount(rate.multiple, int(salary["amount"]))) if salary else "",
                    "nguon": rate.source,
                }
            )
    if missing:
        data.warnings.append(
            _warning(
                data,
                "tien_thuong",
                f"dữ liệu của gói không có mức tiền thưởng (có nguồn) cho {', '.join(missing)} nên Điều 2 không "
                "ghi tiền thưởng của hình thức này",
                "ghi tiền thưởng vào Quyết định bằng tay, hoặc bổ sung mức thưởng có nguồn vào dữ liệu rewards của gói",
                code="KIT300",
            )
        )
    if lines and salary is None:
        data.warnings.append(
            _warning(
                data,
                "tien_thuong",
                f"dữ liệu của gói không có mức lương cơ sở áp dụng ngày {decided:%d/%m/%Y} nên Điều 2 chỉ ghi hệ số",
                "bổ sung [[base_salary]] (from, amount, source) vào dữ liệu rewards của gói",
                code="KIT301",
            )
        )
    elif lines and salary is not None and _newer_than_data(rewards, decided):
        data.warnings.append(
            _warning(
                data,
                "tien_thuong",
                f"mức lương cơ sở {award_law.dong(int(salary['amount']))} đồng ({salary.get('source')}) là mức "
                f"dữ liệu biết đến ngày {rewards['checked']:%d/%m/%Y}; Quyết định ngày {decided:%d/%m/%Y}: "
                "mức mới hơn (nếu có) chưa xác minh",
                "kiểm tra mức lương cơ sở hiện hành trước khi ký",
                code="KIT302",
            )
        )
    return lines


def _newer_than_data(rewards: dict, decided: dt.date) -> bool:
    checked = rewards.get("checked")
    return isinstance(checked, dt.date) and decided > checked


def _warning(data: FormData, key: str, message: str, hint: str, *, code: str):
    from ..errors import Problem

    sheet = data.form.sheet("quyet_dinh")
    return Problem(data.path.name, sheet.name, data.cells.get(key), sheet.field(key).label, message, hint, code=code)


def _signature(data: FormData) -> list[str]:
    """Title lines above the signer's name (Decree 30, Điều 13): the decision's own signer, broken as
    the Tờ trình's are (the user's Alt+Enter kept, then where a clerk would)."""
    return signature_lines(data, "_qd")


def _signer(data: FormData) -> str:
    name = data.values.get("nguoi_ky_qd") or ""
    if signer_name_problem(name):
        data.field_problem(
            "nguoi_ky_qd",
            f"“{name}” có học hàm, học vị hoặc danh xưng trước họ tên",
            "chỉ ghi họ và tên (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)",
            code="KIT248",
        )
    return name


def _check(data: FormData) -> None:
    values = data.values
    for key, hint in _REQUIRED.items():
        if not values.get(key):
            data.field_problem(key, "Quyết định cần thông tin này", hint, code="KIT250")
    decided, submitted = values.get("ngay_quyet_dinh"), values.get("ngay_to_trinh")
    if decided and submitted and ho_so.latest(decided) < submitted:  # a blank day may be the month's last
        data.field_problem(
            "ngay_quyet_dinh",
            f"Quyết định ngày {decided:%d/%m/%Y}, trước ngày Tờ trình ({submitted:%d/%m/%Y})",
            "Quyết định ban hành sau Tờ trình đề nghị: sửa ngày Quyết định hoặc ngày Tờ trình",
            code="KIT249",
        )


def _short_date(day: dt.date) -> str:
    """A date cited in the decision, in the one style of its own date line (NĐ 30, Phụ lục I, II.4; domain
    H9): "12 tháng 9 năm 2025" after the template's "ngày"."""
    return date_phrase(day).removeprefix("ngày").lstrip(" ")


_NUMERIC_DATE = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _dates_in_words(text: str) -> str:
    """“ngày 30/6/2025” in a căn cứ becomes “ngày 30 tháng 6 năm 2025”: one date style in one decision."""

    def words(m: re.Match) -> str:
        try:
            return date_phrase(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            return m.group(0)  # not a date: left as typed

    return _NUMERIC_DATE.sub(words, text)


def _decision_number(data: FormData) -> str:
    """“số 1520/QĐ-UBND” cited in a sentence; a blank number is no-break spaces, never a line break."""
    number = data.values.get("so_quyet_dinh")
    abbreviation = data.values.get("viet_tat_co_quan_qd") or ""
    if number is None:
        return f"số{NO_BREAK_SPACE * 6}/QĐ-{abbreviation}" if abbreviation else f"số{NO_BREAK_SPACE * 6}/QĐ"
    return number_line(number, "QĐ", abbreviation).replace("Số:", "số", 1)


def quyet_dinh(data: FormData, dossier: Dossier, spec, pack_data: dict) -> dict[str, Any]:
    values = data.values
    _check(data)
    decided: dt.date = values.get("ngay_quyet_dinh") or dt.date.today()
    periods = pack_data.get("legal_bases", {}).get("periods", [])
    basis = ho_so.legal_basis(periods, decided) if periods else {}
    if values.get("ngay_quyet_dinh"):
        ho_so.warn_unverified_basis(data, basis, "ngay_quyet_dinh")
    abbreviation = values.get("viet_tat_don_vi") or ""
    can_cu = [LIST_MARK.sub("", line).rstrip(" ;,.") for line in lines_of(values.get("chuc_nang") or "")]
    can_cu = [re.sub(r"^căn cứ\s+", "", line, flags=re.IGNORECASE) for line in can_cu]
    if basis:
        can_cu += [basis["law"], basis["decree"]]
    if values.get("quy_che_thi_dua"):
        can_cu.append(re.sub(r"^căn cứ\s+", "", values["quy_che_thi_dua"].rstrip(" ;,."), flags=re.IGNORECASE))
    can_cu = [_dates_in_words(line) for line in can_cu]
    met, submitted = values.get("ngay_hop"), values.get("ngay_to_trinh")
    candidates = dossier.candidates
    check_authority(
        data,
        candidates,
        pack_data,
        authority_key="tham_quyen_ban_hanh",
        agency_key="co_quan_quyet_dinh",
        what="Quyết định",
    )
    rewards = _rewards(data, candidates, pack_data, decided)
    article = "3" if rewards else "2"
    executors = [LIST_MARK.sub("", line).rstrip(" ;,.") for line in lines_of(values.get("thi_hanh") or "")]
    entries = [(values.get("noi_nhan_qd"), data.cells.get("noi_nhan_qd"))]
    unit = re.sub(r"^VT\s*,\s*", "", (values.get("luu_qd") or "").rstrip(" .;"))
    return {
        # Broken as the Tờ trình's header: "ỦY BAN NHÂN DÂN / TỈNH CAO BẰNG", never inside the place name.
        "co_quan_chu_quan": clerk_text(upper(values.get("co_quan_chu_quan_qd") or ""), HEADER_WIDTH_PT),
        "co_quan_ban_hanh": clerk_text(upper(values.get("co_quan_quyet_dinh") or ""), HEADER_WIDTH_PT, bold=True),
        "so_ky_hieu": number_line(
            values.get("so_quyet_dinh"), spec.type_abbreviation, values.get("viet_tat_co_quan_qd") or ""
        ),
        "dia_danh_ngay": date_line(values.get("dia_danh") or "", decided),
        "khen_theo_loai": _by_kind(_awards(candidates, pack_data)),
        "tham_quyen": upper(values.get("tham_quyen_ban_hanh") or ""),
        "can_cu": can_cu,
        "don_vi": values.get("don_vi") or "",
        "bien_ban": {"so": ho_so._number_text(values.get("so_bien_ban"), "BB", abbreviation), "ngay": _short_date(met)}
        if met
        else None,
        "to_trinh": {
            "so": ho_so._number_text(values.get("so_to_trinh"), "TTr", abbreviation),
            "ngay": _short_date(submitted),
        }
        if submitted
        else None,
        "de_nghi_cua": (values.get("de_nghi_cua") or "").rstrip(" ;,."),
        "dot": values.get("ten_dot") or "",
        "tien_thuong": rewards,
        "dieu_thi_hanh": article,
        "thi_hanh": ", ".join(executors),
        "noi_nhan": [
            item
            for item in recipients(data, entries, "quyet_dinh", "noi_nhan_qd")
            if not re.match(r"^như\s+điều\b", item, re.IGNORECASE)
        ],
        "luu": f"VT, {unit}" if unit else "VT",
        "chuc_vu_ky": _signature(data),
        "nguoi_ky": _signer(data),
    }


def danh_sach_quyet_dinh(data: FormData, dossier: Dossier, spec, pack_data: dict) -> dict[str, Any]:
    """The list attached to the decision: grouped (I. CÁ NHÂN, II. TẬP THỂ) and numbered as the Danh sách."""
    values = data.values
    rows: list[dict[str, Any]] = []
    for number, (kind, group) in enumerate(ho_so._groups(dossier.candidates), start=1):
        rows.append({"nhom": f"{roman(number)}. {upper(KIND_TEXT[kind])}"})
        for index, c in enumerate(group, start=1):
            rows.append(
                {
                    "nhom": "",
                    "tt": str(index),
                    "ten": [c.label],  # a namesake with the birth date that tells him apart
                    "chuc_vu": lines_of(c.value("chuc_vu") or "") or [""],
                    "don_vi": lines_of(c.value("don_vi") or "") or [""],
                    "hinh_thuc": [c.award],
                }
            )
    decided: dt.date | None = values.get("ngay_quyet_dinh")
    return {
        "khen_theo_loai": _by_kind(_awards(dossier.candidates, pack_data)),
        "quyet_dinh": {
            "so": _decision_number(data),
            "ngay": _short_date(decided) if decided else "",
            "tham_quyen": values.get("tham_quyen_ban_hanh") or "",
        },
        "danh_sach": {"dong": rows},
    }


def _pack_data(dossier: Dossier) -> dict:
    return dossier.pack_data


DECISION_BUILDERS: dict[str, PartBuilder] = {
    "quyet_dinh": PartBuilder(
        lambda data, dossier, spec, candidate, settings: quyet_dinh(data, dossier, spec, _pack_data(dossier)),
        description="Quyết định khen thưởng (khi sheet Quyết định có ngày)",
        only_if=has_decision,
    ),
    "danh_sach_quyet_dinh": PartBuilder(
        lambda data, dossier, spec, candidate, settings: danh_sach_quyet_dinh(data, dossier, spec, _pack_data(dossier)),
        description="Danh sách kèm theo Quyết định khen thưởng (khi sheet Quyết định có ngày)",
        only_if=has_decision,
    ),
}
