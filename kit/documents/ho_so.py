"""The award dossier: Tờ trình, Biên bản, Danh sách and one Báo cáo thành tích per candidate.

Every document takes names, titles, awards and counts from the one Danh sách sheet, so they agree.
The law and decree cited and the form of the reports follow the dossier's date (pack data,
templates/data/legal-bases.toml); vote thresholds are pack data too (templates/data/awards.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..form.read import FormData, Row
from ..vn import ascii_slug, date_line, date_phrase, identity_key, lines_of, number_line, roman, upper
from .common import LIST_MARK, recipients, signature_lines, signer_name, storage_line

KIND_TEXT = {"ca_nhan": "cá nhân", "tap_the": "tập thể"}
ROLE_TEXT = {"chu_tich": "Chủ tịch Hội đồng", "pho_chu_tich": "Phó Chủ tịch Hội đồng", "uy_vien": "Ủy viên",
             "thu_ky": "Ủy viên - Thư ký"}


@dataclass
class Candidate:
    row: Row
    kind: str
    name: str
    award: str
    votes: Optional[int] = None
    votes_cell: Optional[str] = None
    prior: list[dict] = field(default_factory=list)

    def value(self, key: str) -> Any:
        return self.row.values.get(key)

    @property
    def honorific(self) -> str:
        return {"nam": "Ông", "nu": "Bà"}.get(self.value("gioi_tinh") or "", "")

    @property
    def full_title(self) -> str:
        """“Ông Nguyễn Văn An, Trưởng phòng…, Sở Nội vụ” — in full, no abbreviation."""
        parts = [f"{self.honorific} {self.name}".strip()] if self.kind == "ca_nhan" else [self.name]
        parts += [text for text in (self.value("chuc_vu"), self.value("don_vi")) if text]
        return ", ".join(parts)


@dataclass
class Dossier:
    """Everything the documents of one dossier are built from, checked as a whole."""

    candidates: list[Candidate]
    members: list[Row]
    basis: dict
    awards: dict[str, dict]


def _count(number: int, what: str) -> str:
    return f"{number:02d} {what}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def legal_basis(periods: list[dict], on: dt.date) -> dict:
    for period in periods:
        if (period.get("from") is None or period["from"] <= on) and (period.get("until") is None or on <= period["until"]):
            return period
    return periods[-1]


def _candidates(data: FormData, awards: dict[str, dict]) -> list[Candidate]:
    found: list[Candidate] = []
    seen: dict[str, Row] = {}
    for row in data.tables.get("danh_sach", []):
        if not row.values:
            continue
        name = row.values.get("ten")
        kind = row.values.get("loai")
        award = row.values.get("hinh_thuc")
        if not name:
            data.problem("danh_sach", row.cells.get("ten"), "ten", "chưa ghi họ tên hoặc tên tập thể", "điền tên hoặc xóa cả dòng")
            continue
        if kind is None and "loai" not in row.invalid:
            data.problem("danh_sach", row.cells.get("loai"), "loai", "chưa chọn Cá nhân hay Tập thể", "chọn trong danh sách")
        if award is None and "hinh_thuc" not in row.invalid:
            data.problem("danh_sach", row.cells.get("hinh_thuc"), "hinh_thuc", "chưa chọn hình thức đề nghị",
                         "chọn một hình thức khen thưởng trong danh sách")
        key = identity_key(name)
        if key in seen:
            data.problem("danh_sach", row.cells.get("ten"), "ten", f"“{name}” có hai lần trong danh sách (dòng {seen[key].number})",
                         "mỗi cá nhân, tập thể chỉ ghi một dòng")
            continue
        seen[key] = row
        if not row.values.get("thanh_tich"):
            data.problem("danh_sach", row.cells.get("thanh_tich"), "thanh_tich", f"“{name}” chưa có nội dung thành tích",
                         "ghi thành tích đạt được (nội dung của báo cáo thành tích)")
        info = awards.get(award or "")
        if info and kind and info["kind"] not in ("ca_hai", kind):
            data.problem("danh_sach", row.cells.get("hinh_thuc"), "hinh_thuc",
                         f"“{award}” dành cho {KIND_TEXT[info['kind']]}, không dành cho {KIND_TEXT[kind]}",
                         "chọn hình thức phù hợp hoặc sửa cột Cá nhân / Tập thể")
        if kind == "tap_the" and not row.values.get("dac_diem"):
            data.problem("danh_sach", row.cells.get("dac_diem"), "dac_diem", f"tập thể “{name}” chưa có đặc điểm, tình hình",
                         "ghi sơ lược đặc điểm, tình hình cho báo cáo thành tích", warning=True)
        found.append(Candidate(row, kind or "ca_nhan", name, award or ""))
    if not found and "danh_sach" not in data.broken:
        data.problem("danh_sach", None, None, "danh sách chưa có ai", "ghi các cá nhân, tập thể được đề nghị khen thưởng")
    return found


def _named(data: FormData, sheet_key: str, row: Row, by_name: dict[str, Candidate]) -> Optional[Candidate]:
    """The listed candidate a row of another sheet names; an unknown name is reported at its cell."""
    name = row.values.get("ten")
    candidate = by_name.get(identity_key(name)) if name else None
    if name and candidate is None:
        data.problem(sheet_key, row.cells.get("ten"), "ten", f"“{name}” không có trong sheet Danh sách",
                     "ghi đúng họ tên như ở sheet Danh sách, hoặc thêm vào danh sách")
    elif not name and row.values:
        data.problem(sheet_key, row.cells.get("ten"), "ten", "chưa ghi họ tên", "ghi đúng họ tên như ở sheet Danh sách")
    return candidate


def _attach_votes_and_awards(data: FormData, candidates: list[Candidate]) -> None:
    by_name = {identity_key(c.name): c for c in candidates}
    voted = set()
    for row in data.tables.get("phieu", []):
        candidate = _named(data, "phieu", row, by_name)
        if candidate is None:
            continue
        if id(candidate) in voted:
            data.problem("phieu", row.cells.get("ten"), "ten", f"“{candidate.name}” có hai dòng kết quả bỏ phiếu", "giữ một dòng")
            continue
        voted.add(id(candidate))
        candidate.votes = row.values.get("dong_y")
        candidate.votes_cell = row.cells.get("dong_y")
        if candidate.votes is None and "dong_y" not in row.invalid:
            data.problem("phieu", row.cells.get("dong_y"), "dong_y", f"chưa ghi số phiếu đồng ý của “{candidate.name}”",
                         "ghi số phiếu")
    if "phieu" not in data.broken:
        for c in candidates:
            if id(c) not in voted:
                data.problem("danh_sach", c.row.cells.get("ten"), "ten", f"“{c.name}” chưa có kết quả bỏ phiếu",
                             "thêm một dòng ở sheet Kết quả bỏ phiếu")
    for row in data.tables.get("khen_thuong", []):
        candidate = _named(data, "khen_thuong", row, by_name)
        if candidate is not None:
            candidate.prior.append(row.values)


def _council(data: FormData, candidates: list[Candidate], awards: dict[str, dict]) -> list[Row]:
    members = [row for row in data.tables.get("thanh_vien", []) if row.values.get("ho_ten")]
    if "thanh_vien" in data.broken:
        return members
    if not members:
        data.problem("thanh_vien", None, None, "Hội đồng chưa có thành viên nào", "ghi các thành viên Hội đồng Thi đua - Khen thưởng")
        return members
    for role, text in (("chu_tich", "Chủ tịch Hội đồng (chủ trì)"), ("thu_ky", "Ủy viên - Thư ký")):
        if not any(m.values.get("vai_tro") == role for m in members):
            data.problem("thanh_vien", None, "vai_tro", f"Hội đồng chưa có {text}", f"chọn vai trò “{ROLE_TEXT[role]}” cho một thành viên")
    present = sum(1 for m in members if m.values.get("co_mat") != "vang")
    total = len(members)
    if present * 3 < total * 2:
        data.problem("thanh_vien", None, "co_mat", f"chỉ {present}/{total} thành viên có mặt, dưới 2/3",
                     "kiểm tra lại: hội đồng thường họp khi có ít nhất 2/3 thành viên", warning=True)
    for c in candidates:
        if c.votes is None:
            continue
        if c.votes > total:
            data.problem("phieu", c.votes_cell, "dong_y", f"{c.votes} phiếu đồng ý cho “{c.name}” nhiều hơn số thành viên Hội đồng ({total})",
                         "sửa lại số phiếu")
            continue
        info = awards.get(c.award)
        if info is None:
            continue
        ratio = c.votes * 100 / total
        # strict: more than the threshold is needed (a majority: more than 50 %), not only reaching it.
        strict = info.get("strict", info["threshold"] == 50) is True
        if ratio < info["threshold"] or (strict and ratio <= info["threshold"]):
            short = f"chưa quá {info['threshold']}%" if strict else f"dưới mức {info['threshold']}%"
            data.problem("phieu", c.votes_cell, "dong_y",
                         f"“{c.name}” đạt {c.votes}/{total} phiếu ({_percent(ratio)}%), {short} của {c.award}",
                         "người chưa đạt tỷ lệ phiếu không được đề nghị; bỏ khỏi danh sách hoặc kiểm tra lại số phiếu")
    return members


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def collect(data: FormData, pack) -> Dossier:
    pack_data = pack.data()
    awards = {a["name"]: a for a in pack_data.get("awards", {}).get("awards", [])}
    candidates = _candidates(data, awards)
    _attach_votes_and_awards(data, candidates)
    members = _council(data, candidates, awards)
    submitted, met = data.values.get("ngay_to_trinh"), data.values.get("ngay_hop")
    if submitted and met and met > submitted:
        data.field_problem("ngay_hop", f"Hội đồng họp ngày {met:%d/%m/%Y}, sau ngày Tờ trình ({submitted:%d/%m/%Y})",
                           "Tờ trình lập sau cuộc họp của Hội đồng: sửa ngày họp hoặc ngày Tờ trình")
    periods = pack_data.get("legal_bases", {}).get("periods", [])
    basis = legal_basis(periods, submitted) if submitted and periods else {}
    return Dossier(candidates, members, basis, awards)


# -- the documents -------------------------------------------------------------------------------

def _common(data: FormData) -> dict[str, Any]:
    values = data.values
    return {
        "co_quan_chu_quan": upper(values.get("co_quan_chu_quan") or ""),
        "co_quan_ban_hanh": upper(values.get("don_vi") or ""),
        "dia_danh_ngay": date_line(values.get("dia_danh") or "", values["ngay_to_trinh"]) if values.get("ngay_to_trinh") else "",
        "chuc_vu_ky": signature_lines(data),
        "nguoi_ky": signer_name(data),
    }


def _groups(candidates: list[Candidate]) -> list[tuple[str, list[Candidate]]]:
    return [(kind, [c for c in candidates if c.kind == kind]) for kind in ("ca_nhan", "tap_the")
            if any(c.kind == kind for c in candidates)]


def _award_phrase(candidates: list[Candidate]) -> str:
    names = list(dict.fromkeys(c.award for c in candidates if c.award))
    return _join(names) if names else ""


def _counts(candidates: list[Candidate]) -> str:
    parts = [_count(len(group), KIND_TEXT[kind]) for kind, group in _groups(candidates)]
    return _join(parts) if parts else ""


def _dot(data: FormData) -> str:
    return data.values.get("ten_dot") or ""


def to_trinh(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values, candidates = data.values, dossier.candidates
    unit = values.get("don_vi") or ""
    abbreviation = values.get("viet_tat_don_vi") or ""
    can_cu = [f"Căn cứ {dossier.basis['law']};", f"Căn cứ {dossier.basis['decree']};"] if dossier.basis else []
    if values.get("ke_hoach_phat_dong"):
        can_cu.append(f"Căn cứ {values['ke_hoach_phat_dong'].rstrip('.;')};")
    if values.get("ngay_hop"):
        can_cu.append(f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {unit} "
                      f"{_number_text(values.get('so_bien_ban'), 'BB', abbreviation)} ngày {values['ngay_hop']:%d/%m/%Y}.")
    blocks = [{"loai": "doan", "van_ban": line} for line in can_cu]
    authority = values.get("cap_khen_thuong") or ""
    blocks.append({"loai": "doan", "van_ban":
                   f"Trên cơ sở thành tích đạt được trong {_dot(data)}, {unit} kính đề nghị {authority} xét tặng "
                   f"{_award_phrase(candidates)} cho {_counts(candidates)} có thành tích xuất sắc, cụ thể như sau:"})
    for number, (kind, group) in enumerate(_groups(candidates), start=1):
        blocks.append({"loai": "muc", "van_ban": f"{roman(number)}. {upper(KIND_TEXT[kind])} ({_count(len(group), KIND_TEXT[kind])})"})
        for index, c in enumerate(group, start=1):
            end = "." if index == len(group) else ";"
            blocks.append({"loai": "doan", "van_ban": f"{index}. {c.full_title}: {c.award}{end}"})
    blocks.append({"loai": "doan", "van_ban": "(Có danh sách và báo cáo thành tích kèm theo)"})
    blocks.append({"loai": "doan", "van_ban": f"Kính trình {authority} xem xét, quyết định./."})
    entries = [(values.get("noi_nhan"), data.cells.get("noi_nhan"))]
    return {
        **_common(data),
        "so_ky_hieu": number_line(values.get("so_to_trinh"), spec.type_abbreviation, abbreviation),
        "ten_loai": upper(spec.document_type),
        "trich_yeu": f"Về việc đề nghị tặng {_award_phrase(candidates)}",
        # The template adds the dash and the final punctuation: what the user typed of them goes.
        "kinh_gui": [LIST_MARK.sub("", line).rstrip(" ;,.") for line in lines_of(values.get("kinh_gui") or "")],
        "khoi": blocks,
        "noi_nhan": ["Như trên", *[item for item in recipients(data, entries, "ho_so", "noi_nhan")
                                   if not re.match(r"^như\s+trên\b", item, re.IGNORECASE)]],
        "luu": storage_line(data),
    }


def _number_text(number: Optional[int], kind: str, abbreviation: str) -> str:
    return f"số {number:02d}/{kind}-{abbreviation}" if number else f"số      /{kind}-{abbreviation}"


def _vote_rows(dossier: Dossier) -> list[dict]:
    total = len(dossier.members)
    rows = []
    for number, (kind, group) in enumerate(_groups(dossier.candidates), start=1):
        rows.append({"nhom": f"{roman(number)}. {upper(KIND_TEXT[kind])}"})
        for index, c in enumerate(group, start=1):
            votes = c.votes or 0
            rows.append({"nhom": "", "tt": str(index), "ten": [c.name], "hinh_thuc": [c.award], "dong_y": str(votes),
                         "tong_so": str(total), "ty_le": _percent(votes * 100 / total) if total else ""})
    return rows


def bien_ban(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values = data.values
    unit = values.get("don_vi") or ""
    met: dt.date = values.get("ngay_hop") or dt.date.today()
    members = dossier.members
    present = [m for m in members if m.values.get("co_mat") != "vang"]
    absent = [m for m in members if m.values.get("co_mat") == "vang"]

    def member_line(m: Row, last: bool) -> str:
        role = ROLE_TEXT.get(m.values.get("vai_tro") or "", "")
        parts = [m.values["ho_ten"], m.values.get("chuc_vu"), role]
        return "- " + ", ".join(p for p in parts if p) + ("." if last else ";")

    def person(role: str) -> Optional[Row]:
        return next((m for m in members if m.values.get("vai_tro") == role), None)

    chair, secretary = person("chu_tich"), person("thu_ky")
    blocks = [
        {"loai": "doan", "van_ban": f"Thời gian bắt đầu: {values.get('gio_bat_dau') or ''}, {date_phrase(met)}."},
        {"loai": "doan", "van_ban": f"Địa điểm: {(values.get('dia_diem') or '').rstrip('.')}."},
        {"loai": "doan", "van_ban": f"Thành phần tham dự: {len(present):02d}/{len(members):02d} thành viên Hội đồng Thi đua - "
                                    f"Khen thưởng {unit}, gồm:"},
        *[{"loai": "doan", "van_ban": member_line(m, i == len(present) - 1)} for i, m in enumerate(present)],
    ]
    if absent:
        blocks.append({"loai": "doan", "van_ban": f"Vắng mặt: {len(absent):02d} thành viên, gồm:"})
        blocks += [{"loai": "doan", "van_ban": member_line(m, i == len(absent) - 1)} for i, m in enumerate(absent)]
    if chair is not None:
        blocks.append({"loai": "doan", "van_ban": f"Chủ trì: {chair.values['ho_ten']}, {chair.values.get('chuc_vu') or ''}, Chủ tịch Hội đồng.".replace(", ,", ",")})
    if secretary is not None:
        blocks.append({"loai": "doan", "van_ban": f"Thư ký: {secretary.values['ho_ten']}, {secretary.values.get('chuc_vu') or ''}.".replace(", .", ".")})
    candidates = dossier.candidates
    blocks += [
        {"loai": "tieu_de", "van_ban": "Nội dung:"},
        {"loai": "doan", "van_ban": f"Hội đồng đã nghe báo cáo tóm tắt thành tích của {_counts(candidates)} được đề nghị khen thưởng "
                                    f"trong {_dot(data)}; thảo luận và bỏ phiếu kín. Kết quả bỏ phiếu như sau "
                                    f"(tỷ lệ tính trên tổng số thành viên Hội đồng):"},
        {"loai": "bang", "van_ban": ""},
        {"loai": "tieu_de", "van_ban": "Kết luận:"},
    ]
    conclusion = lines_of(values.get("ket_luan") or "") or [
        f"Hội đồng thống nhất đề nghị {values.get('cap_khen_thuong') or ''} xét tặng {_award_phrase(candidates)} cho "
        f"{_counts(candidates)} có tên trên."]
    blocks += [{"loai": "doan", "van_ban": line} for line in conclusion]
    blocks.append({"loai": "doan", "van_ban": f"Cuộc họp kết thúc vào {values.get('gio_ket_thuc') or ''} cùng ngày; biên bản "
                                              f"đã được đọc lại và thông qua trước Hội đồng./."})
    return {
        "co_quan_chu_quan": upper(values.get("co_quan_chu_quan") or ""),
        "co_quan_ban_hanh": upper(unit),
        "so_ky_hieu": number_line(values.get("so_bien_ban"), spec.type_abbreviation, values.get("viet_tat_don_vi") or ""),
        "ten_loai": upper(spec.document_type),
        "trich_yeu": f"Họp Hội đồng Thi đua - Khen thưởng {unit} xét đề nghị khen thưởng trong {_dot(data)}",
        "khoi": blocks,
        "phieu": {"dong": _vote_rows(dossier)},
        "thu_ky": secretary.values["ho_ten"] if secretary else "",
        "chu_toa": chair.values["ho_ten"] if chair else "",
    }


def danh_sach(data: FormData, dossier: Dossier, spec) -> dict[str, Any]:
    values = data.values
    rows = []
    for number, (kind, group) in enumerate(_groups(dossier.candidates), start=1):
        rows.append({"nhom": f"{roman(number)}. {upper(KIND_TEXT[kind])}"})
        for index, c in enumerate(group, start=1):
            rows.append({"nhom": "", "tt": str(index), "ten": [c.name], "chuc_vu": lines_of(c.value("chuc_vu") or "") or [""],
                         "don_vi": lines_of(c.value("don_vi") or "") or [""], "hinh_thuc": [c.award],
                         "tom_tat": lines_of(c.value("tom_tat") or "") or [""]})
    submitted = values.get("ngay_to_trinh")
    number = _number_text(values.get("so_to_trinh"), "TTr", values.get("viet_tat_don_vi") or "")
    return {
        "trich_yeu": f"Đề nghị tặng {_award_phrase(dossier.candidates)}",
        "kem_theo": f"(Kèm theo Tờ trình {number} ngày {submitted:%d/%m/%Y} của {values.get('don_vi') or ''})" if submitted else "",
        "danh_sach": {"dong": rows},
    }


def bao_cao_thanh_tich(data: FormData, dossier: Dossier, spec, candidate: Candidate, confirm: bool) -> dict[str, Any]:
    common = _common(data)
    basis = dossier.basis
    c = candidate
    blocks: list[dict[str, Any]] = []
    if c.kind == "ca_nhan":
        blocks.append({"loai": "muc", "van_ban": "I. SƠ LƯỢC LÝ LỊCH"})
        born = c.value("ngay_sinh")
        facts = [("Họ và tên", c.name), ("Giới tính", {"nam": "Nam", "nu": "Nữ"}.get(c.value("gioi_tinh") or "", "")),
                 ("Ngày, tháng, năm sinh", f"{born:%d/%m/%Y}" if born else ""), ("Quê quán", c.value("que_quan")),
                 ("Chức vụ", c.value("chuc_vu")), ("Đơn vị công tác", c.value("don_vi")),
                 ("Trình độ chuyên môn", c.value("trinh_do"))]
        blocks += [{"loai": "doan", "van_ban": f"- {label}: {value}."} for label, value in facts if value]
    else:
        blocks.append({"loai": "muc", "van_ban": "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"})
        blocks += [{"loai": "doan", "van_ban": line} for line in lines_of(c.value("dac_diem") or "")]
    blocks.append({"loai": "muc", "van_ban": "II. THÀNH TÍCH ĐẠT ĐƯỢC"})
    blocks += [{"loai": "doan", "van_ban": line} for line in lines_of(c.value("thanh_tich") or "")]
    blocks.append({"loai": "muc", "van_ban": "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"})
    prior = sorted(c.prior, key=lambda award: award.get("nam") or 0)
    if prior:
        blocks.append({"loai": "bang", "van_ban": ""})
    else:
        blocks.append({"loai": "doan", "van_ban": "Chưa có hình thức khen thưởng nào được ghi nhận."})
    rows = [{"nhom": "", "nam": str(award.get("nam") or ""), "hinh_thuc": lines_of(award.get("hinh_thuc") or "") or [""],
             "so_quyet_dinh": [award.get("so_quyet_dinh") or ""],
             "ngay": f"{award['ngay']:%d/%m/%Y}" if award.get("ngay") else "",
             "co_quan": lines_of(award.get("co_quan") or "") or [""]} for award in prior]
    head = {"chuc_vu": "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" if c.kind == "ca_nhan" else "THỦ TRƯỞNG ĐƠN VỊ",
            "ghi_chu": "(Ký, đóng dấu)", "ten": common["nguoi_ky"]}
    dot = _dot(data)
    return {
        "co_quan_chu_quan": common["co_quan_chu_quan"],
        "co_quan_ban_hanh": common["co_quan_ban_hanh"],
        "dia_danh_ngay": common["dia_danh_ngay"],
        "mau_so": basis.get("report_form", "") if basis.get("form_verified") else "",
        "ten_loai": "BÁO CÁO THÀNH TÍCH",
        "de_nghi": f"ĐỀ NGHỊ TẶNG {upper(c.award)}",
        "dot": f"({dot[:1].upper()}{dot[1:]})" if dot else "",
        "ten_day_du": c.full_title,
        "khoi": blocks,
        "khen_thuong": {"dong": rows},
        "ky_trai": head if c.kind == "ca_nhan" else None,
        "ky_phai": {"chuc_vu": "NGƯỜI BÁO CÁO THÀNH TÍCH", "ghi_chu": "(Ký, ghi rõ họ và tên)", "ten": c.name}
        if c.kind == "ca_nhan" else head,
        "xac_nhan_cap_trinh": confirm,
    }


def report_names(candidates: list[Candidate]) -> list[str]:
    """ASCII file names, numbered and unique, the name part cut at 60 characters: 01-nguyen-van-an.docx."""
    names, used = [], set()
    for number, c in enumerate(candidates, start=1):
        # Collectives have long names; file systems allow 255 bytes and Windows paths are short.
        stem = f"{number:02d}-{ascii_slug(c.name)[:60].rstrip('-')}"
        while stem in used:
            stem += "-2"
        used.add(stem)
        names.append(f"{stem}.docx")
    return names
