"""The award dossier's documents: Tờ trình, Biên bản, Danh sách and one Báo cáo thành tích per candidate,
built from the dossier as read and checked by kit.documents.dossier_data (people, council, votes, legal
basis), whose names are re-exported here.

Every document takes names, titles, awards and counts from the one Danh sách sheet, so they agree.
The law and decree cited and the form of the reports follow the dossier's date (pack data,
templates/data/legal-bases.toml); vote thresholds are pack data too (templates/data/awards.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..award_law import AwardLaw
from ..form.read import FormData, Row
from ..vn import ascii_slug, date_phrase, identity_key, lines_of, number_line, roman, upper
from .common import (
    HEADER_WIDTH_PT,
    LIST_MARK,
    NO_BREAK_SPACE,
    clerk_text,
    issue_date_line,
    recipients,
    signature_lines,
    signer_name,
    storage_line,
    title_tail,
)
from .dossier_data import (  # noqa: F401  (re-exported: the dossier as read, for the builders' callers)
    KIND_TEXT,
    PROVINCES_SET_FROM,
    ROLE_TEXT,
    Candidate,
    Council,
    Dossier,
    _birth_text,
    _count,
    _groups,
    _join,
    _percent,
    collect,
    commendation_kind,
    latest,
    legal_basis,
    regulations_in_force,
    threshold_is_sourced,
    warn_unverified_basis,
)

# -- the documents -------------------------------------------------------------------------------
#
# The template contract: the Word templates hold every fixed word and sentence of the documents;
# these builders give them data only — people, groups, counts, dates, the legal basis in force, the
# Nơi nhận list, the signer — under the names documented by FIELDS (kit templates TEMPLATE --fields).


def _common(data: FormData) -> dict[str, Any]:
    values = data.values
    submitted = values.get("ngay_to_trinh")
    return {
        "co_quan_chu_quan": _header(values.get("co_quan_chu_quan"), bold=False),
        "co_quan_ban_hanh": _header(values.get("don_vi"), bold=True),
        "don_vi": _flat(values.get("don_vi")),
        "dia_danh_ngay": issue_date_line(values.get("dia_danh") or "", submitted) if submitted else "",
        "chuc_vu_ky": signature_lines(data),
        "nguoi_ky": signer_name(data),
        "cap_khen_thuong": values.get("cap_khen_thuong") or "",
        "dot": values.get("ten_dot") or "",
    }


def _header(text: str | None, bold: bool) -> str:
    """An agency name of the header, upper case, broken where a clerk would (or where the user did)."""
    return clerk_text(upper(text or ""), HEADER_WIDTH_PT, bold=bold)


def _flat(text: str | None) -> str:
    """A name used inside a sentence: the user's line breaks become spaces."""
    return " ".join(lines_of(text or ""))


def _award_phrase(candidates: list[Candidate]) -> str:
    names = list(dict.fromkeys(c.award for c in candidates if c.award))
    return _join(names) if names else ""


def _counts(candidates: list[Candidate]) -> str:
    parts = [_count(len(group), KIND_TEXT[kind]) for kind, group in _groups(candidates)]
    return _join(parts) if parts else ""


def _by_award(candidates: list[Candidate]) -> list[dict[str, str]]:
    """How many of each kind each award is proposed for, so a Tờ trình proposing several awards says
    which is for whom: “Bằng khen … cho 03 cá nhân và 01 tập thể; Chiến sĩ thi đua cơ sở cho 01 cá nhân”."""
    awards = list(dict.fromkeys(c.award for c in candidates if c.award))
    return [{"hinh_thuc": award, "so_luong": _counts([c for c in candidates if c.award == award])} for award in awards]


def is_title(award: str, pack_data: dict) -> bool:
    """A danh hiệu thi đua (Chiến sĩ thi đua, Lao động tiên tiến, Cờ thi đua — Luật 2022 Điều 20) is
    "công nhận" / "tặng danh hiệu"; a hình thức khen thưởng (Bằng khen, Giấy khen…) is "tặng" (domain H8).
    The award-law data's category decides; an award it does not name goes by the rewards data's `given`."""
    rule = AwardLaw.from_data(pack_data.get("award_law")).award(award)
    if rule is not None:
        return rule.is_title
    given = tuple(pack_data.get("rewards", {}).get("given", ()))
    return not any(award.casefold().startswith(prefix.casefold()) for prefix in given)


def _is_title_shared(award: str, dossier: Dossier) -> bool:
    """is_title, read once per award of a dossier (the award law's data is parsed for each call)."""
    titles = dossier.shared.setdefault("is_title", {})
    if award not in titles:
        titles[award] = is_title(award, dossier.pack_data)
    return titles[award]


def by_verb(candidates: list[Candidate], pack_data: dict) -> list[dict[str, Any]]:
    """The awards grouped by their verb, each verb once, in the order they first appear: the template writes
    "tặng Bằng khen …, Giấy khen và công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở"; each
    group's `muc` gives each award's counts (“cho 03 cá nhân và 01 tập thể”)."""
    groups: dict[bool, dict[str, Any]] = {}
    for award in dict.fromkeys(c.award for c in candidates if c.award):
        title = is_title(award, pack_data)
        group = groups.setdefault(title, {"danh_hieu": title, "hinh_thuc": [], "muc": []})
        group["hinh_thuc"].append(award)
        group["muc"].append({"hinh_thuc": award, "so_luong": _counts([c for c in candidates if c.award == award])})
    return list(groups.values())


def _tail_held(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not groups or not groups[-1]["hinh_thuc"]:
        return groups
    last = dict(groups[-1], hinh_thuc=[*groups[-1]["hinh_thuc"][:-1], title_tail(groups[-1]["hinh_thuc"][-1])])
    return [*groups[:-1], last]


def _summary(candidates: list[Candidate], pack_data: dict | None = None) -> dict[str, Any]:
    """What every document says of the proposal as a whole."""
    return {
        "so_luong": _counts(candidates),
        "khen_theo_loai": by_verb(candidates, pack_data or {}),
    }


def to_trinh(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values, candidates = data.values, dossier.candidates
    kind = commendation_kind(dossier.basis.get("report_title", ""), values.get("loai_dot")) if dossier.basis else ""
    abbreviation = values.get("viet_tat_don_vi") or ""
    can_cu = [dossier.basis["law"], dossier.basis["decree"]] if dossier.basis else []
    can_cu += dossier.regulations
    if values.get("ke_hoach_phat_dong"):
        can_cu.append(values["ke_hoach_phat_dong"].rstrip(".;"))
    met = values.get("ngay_hop")
    groups = [
        {
            "so": roman(number),
            "ten": upper(KIND_TEXT[kind]),
            "so_luong": _count(len(group), KIND_TEXT[kind]),
            "muc": [{"ten_day_du": c.full_title, "hinh_thuc": c.award} for c in group],
        }
        for number, (kind, group) in enumerate(_groups(candidates), start=1)
    ]
    entries = [(values.get("noi_nhan"), data.cells.get("noi_nhan"))]
    return {
        **_common(data),
        **_summary(candidates, dossier.pack_data),
        "so_ky_hieu": number_line(values.get("so_to_trinh"), spec.type_abbreviation, abbreviation),
        # The template adds the dash and the final punctuation: what the user typed of them goes.
        # The trích yếu's groups: its last words held together with the fixed phrase that holds them ("Ủy ban
        # nhân dân tỉnh"), never one word alone on the title's last line.
        "trich_yeu_theo_loai": _tail_held(by_verb(candidates, dossier.pack_data)),
        "kinh_gui": [LIST_MARK.sub("", line).rstrip(" ;,.") for line in lines_of(values.get("kinh_gui") or "")],
        "can_cu": can_cu,
        "bien_ban": {"so": _number_text(values.get("so_bien_ban"), "BB", abbreviation), "ngay": f"{met:%d/%m/%Y}"}
        if met
        else None,
        "nhom": groups,
        "theo_hinh_thuc": _by_award(candidates),
        # "khen thưởng thường xuyên", "khen thưởng thi đua theo chuyên đề"…: the kind of dossier, as the reports'
        # subtitle names it
        "loai_khen_thuong": f"{kind[:1].lower()}{kind[1:]}",
        "noi_nhan": [
            "Như trên",
            *[
                item
                for item in recipients(data, entries, "ho_so", "noi_nhan")
                if not re.match(r"^như\s+trên\b", item, re.IGNORECASE)
            ],
        ],
        "luu": storage_line(data),
    }


def _number_text(number: int | None, kind: str, abbreviation: str) -> str:
    """`số 09/BB-SNV` cited in a sentence; a blank number (the văn thư fills it) is no-break spaces, so
    that a line never breaks inside it ("Tờ trình số      /TTr-" | "SNV")."""
    if number:
        return f"số {number:02d}/{kind}-{abbreviation}"
    return f"số{NO_BREAK_SPACE * 6}/{kind}-{abbreviation}"


def _vote_rows(dossier: Dossier) -> list[dict]:
    total = len(dossier.members)
    rows: list[dict[str, Any]] = []
    for number, (kind, group) in enumerate(_groups(dossier.candidates), start=1):
        rows.append({"nhom": f"{roman(number)}. {upper(KIND_TEXT[kind])}"})
        for index, c in enumerate(group, start=1):
            votes = c.votes or 0
            rows.append(
                {
                    "nhom": "",
                    "tt": str(index),
                    "ten": [c.label],
                    "hinh_thuc": [c.award],
                    "dong_y": str(votes),
                    "tong_so": str(total),
                    "ty_le": _percent(votes * 100 / total) if total else "",
                }
            )
    return rows


def _member(m: Row) -> str:
    """“Nguyễn Văn An, Giám đốc Sở, Chủ tịch Hội đồng”: the name, position and role of a member."""
    parts = [m.values["ho_ten"], m.values.get("chuc_vu"), ROLE_TEXT.get(m.values.get("vai_tro") or "", "")]
    return ", ".join(p for p in parts if p)


def bien_ban(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values = data.values
    met: dt.date = values.get("ngay_hop") or dt.date.today()
    members = dossier.members
    present = [m for m in members if m.values.get("co_mat") != "vang"]
    absent = [m for m in members if m.values.get("co_mat") == "vang"]

    def name_and_position(m: Row | None) -> str:
        return ", ".join(p for p in (m.values["ho_ten"], m.values.get("chuc_vu")) if p) if m is not None else ""

    council = dossier.council or Council()
    chair, secretary = council.chair, council.secretary
    chu_tri = name_and_position(chair)
    if chair is not None and council.absent_chair is not None:
        # The template goes on with “, Chủ tịch Hội đồng.”: “Chủ trì: Trần Thị Hạnh, Phó Giám đốc Sở,
        # Phó Chủ tịch Hội đồng, thay Hoàng Văn Nam, Chủ tịch Hội đồng.”
        chu_tri = f"{chu_tri}, {ROLE_TEXT['pho_chu_tich']}, thay {council.absent_chair.values['ho_ten']}"
    common = _common(data)
    return {
        "co_quan_chu_quan": common["co_quan_chu_quan"],
        "co_quan_ban_hanh": common["co_quan_ban_hanh"],
        "don_vi": common["don_vi"],
        "dot": common["dot"],
        "cap_khen_thuong": common["cap_khen_thuong"],
        **_summary(dossier.candidates, dossier.pack_data),
        "so_ky_hieu": number_line(
            values.get("so_bien_ban"), spec.type_abbreviation, values.get("viet_tat_don_vi") or ""
        ),
        "gio_bat_dau": values.get("gio_bat_dau") or "",
        "gio_ket_thuc": values.get("gio_ket_thuc") or "",
        "ngay_hop": date_phrase(met),
        "dia_diem": (values.get("dia_diem") or "").rstrip("."),
        "so_thanh_vien": f"{len(members):02d}",
        "so_co_mat": f"{len(present):02d}",
        "so_vang_mat": f"{len(absent):02d}",
        "co_mat": [_member(m) for m in present],
        "vang_mat": [_member(m) for m in absent],
        "chu_tri": chu_tri,
        "thu_ky_hop": name_and_position(secretary),
        "phieu": {"dong": _vote_rows(dossier)},
        "ket_luan": lines_of(values.get("ket_luan") or ""),
        "thu_ky": secretary.values["ho_ten"] if secretary else "",
        "chu_toa": chair.values["ho_ten"] if chair else "",
    }


def danh_sach(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values = data.values
    rows: list[dict[str, Any]] = []
    for number, (kind, group) in enumerate(_groups(dossier.candidates), start=1):
        rows.append({"nhom": f"{roman(number)}. {upper(KIND_TEXT[kind])}"})
        for index, c in enumerate(group, start=1):
            rows.append(
                {
                    "nhom": "",
                    "tt": str(index),
                    "ten": [c.label],
                    "chuc_vu": lines_of(c.value("chuc_vu") or "") or [""],
                    "don_vi": lines_of(c.value("don_vi") or "") or [""],
                    "hinh_thuc": [c.award],
                    "tom_tat": lines_of(c.value("tom_tat") or "") or [""],
                }
            )
    submitted = values.get("ngay_to_trinh")
    return {
        "khen_theo_loai": by_verb(dossier.candidates, dossier.pack_data),
        "don_vi": _flat(values.get("don_vi")),
        "to_trinh": {
            "so": _number_text(values.get("so_to_trinh"), "TTr", values.get("viet_tat_don_vi") or ""),
            "ngay": f"{submitted:%d/%m/%Y}",
        }
        if submitted
        else None,
        "danh_sach": {"dong": rows},
    }


def bao_cao_thanh_tich(data: FormData, dossier: Dossier, spec, candidate: Candidate, confirm: bool) -> dict[str, Any]:
    common = dossier.shared.get("common") or dossier.shared.setdefault("common", _common(data))
    basis = dossier.basis
    c = candidate
    born = c.value("ngay_sinh")
    prior = sorted(c.prior, key=lambda award: award.get("nam") or 0)
    rows = [
        {
            "nhom": "",
            "nam": str(award.get("nam") or ""),
            "hinh_thuc": lines_of(award.get("hinh_thuc") or "") or [""],
            "so_quyet_dinh": [award.get("so_quyet_dinh") or ""],
            "ngay": f"{award['ngay']:%d/%m/%Y}" if award.get("ngay") else "",
            "co_quan": lines_of(award.get("co_quan") or "") or [""],
        }
        for award in prior
    ]
    dot = common["dot"]
    return {
        "dia_danh_ngay": common["dia_danh_ngay"],
        "mau_so": basis.get("report_form", "") if basis.get("form_verified") else "",
        "ca_nhan": c.kind == "ca_nhan",
        "hinh_thuc": title_tail(upper(c.award)),
        "danh_hieu": _is_title_shared(c.award, dossier),  # "ĐỀ NGHỊ TẶNG DANH HIỆU …" / "ĐỀ NGHỊ TẶNG …"
        "dot": f"{dot[:1].upper()}{dot[1:]}",
        "loai_khen_thuong": commendation_kind(basis.get("report_title", ""), data.values.get("loai_dot")),
        "ten_day_du": c.full_title,
        "ly_lich": {
            "ho_ten": c.name,
            "gioi_tinh": {"nam": "Nam", "nu": "Nữ"}.get(c.value("gioi_tinh") or "", ""),
            "ngay_sinh": _birth_text(born),
            "que_quan": c.value("que_quan") or "",
            "chuc_vu": c.value("chuc_vu") or "",
            "don_vi": c.value("don_vi") or "",
            "trinh_do": c.value("trinh_do") or "",
        },
        "dac_diem": lines_of(c.value("dac_diem") or ""),
        "thanh_tich": lines_of(c.value("thanh_tich") or ""),
        "khen_thuong": {"dong": rows},
        "ten": c.name,
        **_unit_head(data, c, common),
        "xac_nhan_cap_trinh": confirm,
    }


def _unit_head(data: FormData, c: Candidate, common: dict[str, Any]) -> dict[str, Any]:
    """The report's header and the head who confirms (a person's report) or signs (a collective's): the
    candidate's own unit and head when given, else the proposing unit and the Tờ trình's signer — with
    his full title lines when he signs for the head (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC). A report under another
    unit's name needs that unit's head: the proposing unit's signer never signs as him."""
    unit, parent = c.value("don_vi_bao_cao"), c.value("chu_quan_bao_cao")
    head, head_title = c.value("thu_truong_don_vi"), c.value("chuc_vu_thu_truong_don_vi")
    header = {"co_quan_chu_quan": common["co_quan_chu_quan"], "co_quan_ban_hanh": common["co_quan_ban_hanh"]}
    if unit and identity_key(_flat(unit)) == identity_key(_flat(data.values.get("don_vi"))):
        unit = None  # the proposing unit itself: its own header and signer
    if parent and not c.value("don_vi_bao_cao"):
        data.problem(
            "danh_sach",
            c.row.cells.get("chu_quan_bao_cao"),
            "chu_quan_bao_cao",
            f"“{c.name}”: có cơ quan chủ quản nhưng chưa ghi Đơn vị trên báo cáo, nên báo cáo vẫn mang tên đơn "
            "vị đề nghị",
            "ghi Đơn vị trên báo cáo (cùng chức vụ, họ tên thủ trưởng đơn vị đó), hoặc xóa ô này",
            warning=True,
            code="KIT256",
        )
    proposing_signer = identity_key(data.values.get("nguoi_ky") or "")
    if head and not c.value("don_vi_bao_cao") and identity_key(head) != proposing_signer:
        # The reverse case: a head of some unit, under the proposing unit's header — the kit cannot
        # place him, and the report would show him signing for the proposing unit.
        data.problem(
            "danh_sach",
            c.row.cells.get("don_vi_bao_cao"),
            "don_vi_bao_cao",
            f"“{c.name}”: có thủ trưởng đơn vị “{head}” nhưng chưa ghi Đơn vị trên báo cáo, nên báo cáo mang tên "
            f"“{_flat(data.values.get('don_vi'))}” với chữ ký của thủ trưởng này",
            "ghi đơn vị của thủ trưởng này (Đơn vị trên báo cáo), hoặc để trống thủ trưởng để người ký Tờ trình xác nhận",
            warning=True,
            code="KIT261",
        )
    if unit and not head:
        # The proposing unit's signer cannot sign as the head of another unit, under that unit's header.
        data.problem(
            "danh_sach",
            c.row.cells.get("thu_truong_don_vi"),
            "thu_truong_don_vi",
            f"“{c.name}”: báo cáo mang tên “{_flat(unit)}” nhưng chưa ghi họ tên thủ trưởng đơn vị đó",
            "ghi chức vụ và họ tên thủ trưởng của đơn vị trên báo cáo (người ký báo cáo), hoặc để trống cột "
            "Đơn vị trên báo cáo",
            code="KIT255",
        )
    if unit:
        # A unit inside the proposing one (a school in a Sở's dossier): the proposing unit is its parent.
        header = {
            "co_quan_chu_quan": _header(parent or data.values.get("don_vi"), bold=False),
            "co_quan_ban_hanh": _header(unit, bold=True),
        }
    if head or head_title:
        if not (head and head_title) and not unit:
            missing = "thu_truong_don_vi" if not head else "chuc_vu_thu_truong_don_vi"
            data.problem(
                "danh_sach",
                c.row.cells.get(missing),
                missing,
                f"“{c.name}”: ghi cả chức vụ và họ tên thủ trưởng đơn vị, hoặc để trống cả hai",
                "để trống cả hai thì người ký Tờ trình xác nhận báo cáo",
                code="KIT235",
            )
        elif unit and head and not head_title:
            data.problem(
                "danh_sach",
                c.row.cells.get("chuc_vu_thu_truong_don_vi"),
                "chuc_vu_thu_truong_don_vi",
                f"“{c.name}”: ghi cả chức vụ và họ tên thủ trưởng đơn vị, hoặc để trống cả hai",
                "chức vụ được in trên chữ ký, ví dụ Hiệu trưởng",
                code="KIT235",
            )
        return {
            **header,
            "thu_truong": head or "",
            "chuc_vu_xac_nhan": [upper(line) for line in lines_of(head_title or "")],
        }
    signed_for = (data.values.get("tham_quyen_ky") or "khong") not in ("khong",)
    return {**header, "thu_truong": common["nguoi_ky"], "chuc_vu_xac_nhan": common["chuc_vu_ky"] if signed_for else []}


@dataclass(frozen=True)
class PartBuilder:
    """How the fields of one kind of dossier document are made; `each_candidate` builders make one
    document per person or collective."""

    build: Any
    each_candidate: bool = False
    description: str = ""
    # A part written only when this holds for the workbook's data (the decision: once its date is given).
    only_if: Any = None


# The registry a pack's [[templates.parts]] choose from (builder = "…"). Each is called with the
# workbook's data, the collected dossier, the part's template, the candidate (for per-candidate
# builders) and the pack's [dossier] settings.
PART_BUILDERS: dict[str, PartBuilder] = {
    "to_trinh": PartBuilder(
        lambda data, dossier, spec, candidate, settings: to_trinh(data, dossier, spec),
        description="Tờ trình đề nghị khen thưởng",
    ),
    "bien_ban": PartBuilder(
        lambda data, dossier, spec, candidate, settings: bien_ban(data, dossier, spec),
        description="Biên bản họp Hội đồng Thi đua - Khen thưởng",
    ),
    "danh_sach": PartBuilder(
        lambda data, dossier, spec, candidate, settings: danh_sach(data, dossier, spec),
        description="Danh sách đề nghị khen thưởng",
    ),
    "bao_cao_thanh_tich": PartBuilder(
        lambda data, dossier, spec, candidate, settings: bao_cao_thanh_tich(
            data, dossier, spec, candidate, bool(settings.get("xac_nhan_cap_trinh", False))
        ),
        each_candidate=True,
        description="Báo cáo thành tích, một bản cho mỗi cá nhân, tập thể",
    ),
}


def part_file_names(pattern: str, candidates: list[Candidate]) -> list[str]:
    """File names of a per-candidate part from its pattern ({so} = 01, 02…; {ten} = the name in ASCII,
    cut at 60 characters), unique: "bao-cao-thanh-tich/01-nguyen-van-an.docx"."""
    names, used = [], set()
    for number, c in enumerate(candidates, start=1):
        # Collectives have long names; file systems allow 255 bytes and Windows paths are short.
        name = pattern.replace("{so}", f"{number:02d}").replace("{ten}", ascii_slug(c.name)[:60].rstrip("-"))
        stem = name[: -len(".docx")]
        while f"{stem}.docx" in used:
            stem += "-2"
        used.add(f"{stem}.docx")
        names.append(f"{stem}.docx")
    return names


def report_names(candidates: list[Candidate]) -> list[str]:
    """ASCII file names, numbered and unique, the name part cut at 60 characters: 01-nguyen-van-an.docx."""
    return part_file_names("{so}-{ten}.docx", candidates)
