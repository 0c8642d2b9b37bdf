"""The award dossier as read from its workbook: the people and collectives proposed (Danh sách), each with
the council's vote; the council itself (members, who chaired, quorum); the legal basis in force on the
dossier's date; and every check of these before a document is built — an award the addressee may not
decide (kit.documents.authority), a vote under its threshold, a namesake without a birth date. The
documents are built from the result (`Dossier`) by kit.documents.ho_so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..conventions import TWO_TIERS_FROM, district_body
from ..form.read import FormData, Row
from ..vn import identity_key
from .authority import check_authority
from .common import latest

KIND_TEXT = {"ca_nhan": "cá nhân", "tap_the": "tập thể"}
ROLE_TEXT = {
    "chu_tich": "Chủ tịch Hội đồng",
    "pho_chu_tich": "Phó Chủ tịch Hội đồng",
    "uy_vien": "Ủy viên",
    "thu_ky": "Ủy viên - Thư ký",
}


@dataclass
class Candidate:
    row: Row
    kind: str
    name: str
    award: str
    votes: int | None = None
    votes_cell: str | None = None
    prior: list[dict] = field(default_factory=list)
    namesake: bool = False  # another candidate has the same name

    def value(self, key: str) -> Any:
        return self.row.values.get(key)

    @property
    def label(self) -> str:
        """The name as the dossier's tables show it: with the birth date when another candidate has the same name."""
        born = self.value("ngay_sinh")
        if not self.namesake or not born:
            return self.name
        return f"{self.name} (sinh {'ngày' if isinstance(born, dt.date) else 'năm'} {_birth_text(born)})"

    @property
    def honorific(self) -> str:
        return {"nam": "Ông", "nu": "Bà"}.get(self.value("gioi_tinh") or "", "")

    @property
    def full_title(self) -> str:
        """“Ông Nguyễn Văn An, Trưởng phòng…, Sở Nội vụ” — in full, no abbreviation."""
        # A namesake carries the birth date that tells him apart, here as in the tables (label).
        parts = [f"{self.honorific} {self.label}".strip()] if self.kind == "ca_nhan" else [self.label]
        parts += [text for text in (self.value("chuc_vu"), self.value("don_vi")) if text]
        return ", ".join(parts)


@dataclass
class Dossier:
    """Everything the documents of one dossier are built from, checked as a whole."""

    candidates: list[Candidate]
    members: list[Row]
    basis: dict
    awards: dict[str, dict]
    pack_data: dict = field(default_factory=dict)  # the pack's data files (the decision reads rewards, legal bases)
    regulations: list[str] = field(default_factory=list)
    council: Council | None = None
    # What the documents of each candidate share, made for the first and read by the others (the header,
    # the signature, whether an award is a danh hiệu): builders fill it, templates only read it.
    shared: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Council:
    """Who chaired the meeting and took its minutes: the chair, or a Phó Chủ tịch present in his place."""

    chair: Row | None = None
    absent_chair: Row | None = None  # the Chủ tịch Hội đồng the chair stood in for
    secretary: Row | None = None


def _count(number: int, what: str) -> str:
    return f"{number:02d} {what}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def legal_basis(periods: list[dict], on: dt.date) -> dict:
    for period in periods:
        if (period.get("from") is None or period["from"] <= on) and (
            period.get("until") is None or on <= period["until"]
        ):
            return period
    return periods[-1]


def warn_unverified_basis(data: FormData, basis: dict, key: str) -> None:
    """A period whose law was only reported, not read in the text (legal-bases `verified = false`): the
    citation is printed, and the user is told to compare it with the official text before signing."""
    if basis and basis.get("verified") is False:
        data.field_problem(
            key,
            f"căn cứ “{basis.get('law', '')}” lấy từ dữ liệu chưa đối chiếu với văn bản gốc",
            "đối chiếu số, ngày của luật với Công báo hoặc Cơ sở dữ liệu quốc gia về văn bản pháp luật trước "
            "khi ký; gói mẫu đã đối chiếu ghi verified = true",
            warning=True,
            code="KIT244",
        )


def regulations_in_force(regulations: list[dict], on: dt.date | None) -> list[str]:
    """The citations of the pack's own regulations (a province's award rules) in force on `on`."""
    if on is None:
        return []
    return [
        str(r["citation"]).rstrip(".;")
        for r in regulations
        if isinstance(r, dict)
        and r.get("citation")
        and (not isinstance(r.get("from"), dt.date) or r["from"] <= on)
        and (not isinstance(r.get("until"), dt.date) or on <= r["until"])
    ]


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
            data.problem(
                "danh_sach",
                row.cells.get("ten"),
                "ten",
                "chưa ghi họ tên hoặc tên tập thể",
                "điền tên hoặc xóa cả dòng",
                code="KIT065",
            )
            continue
        if kind is None and "loai" not in row.invalid:
            data.problem(
                "danh_sach",
                row.cells.get("loai"),
                "loai",
                "chưa chọn Cá nhân hay Tập thể",
                "chọn trong danh sách",
                code="KIT066",
            )
        if award is None and "hinh_thuc" not in row.invalid:
            data.problem(
                "danh_sach",
                row.cells.get("hinh_thuc"),
                "hinh_thuc",
                "chưa chọn hình thức đề nghị",
                "chọn một hình thức khen thưởng trong danh sách",
                code="KIT067",
            )
        # Two people may share a name: the birth date tells them apart (a collective has none).
        key = identity_key(name) + "|" + _birth_text(row.values.get("ngay_sinh"))
        if key in seen:
            same = seen[key]
            if kind == "ca_nhan" and not row.values.get("ngay_sinh"):
                data.problem(
                    "danh_sach",
                    row.cells.get("ten"),
                    "ten",
                    f"“{name}” có hai lần trong danh sách (dòng {same.number})",
                    "mỗi cá nhân, tập thể chỉ ghi một dòng; nếu là hai người trùng tên, ghi ngày sinh của từng người",
                    code="KIT068",
                )
            else:
                data.problem(
                    "danh_sach",
                    row.cells.get("ten"),
                    "ten",
                    f"“{name}” có hai lần trong danh sách (dòng {same.number})",
                    "mỗi cá nhân, tập thể chỉ ghi một dòng",
                    code="KIT068",
                )
            continue
        seen[key] = row
        _born_before(data, row, name)
        if not row.values.get("thanh_tich"):
            data.problem(
                "danh_sach",
                row.cells.get("thanh_tich"),
                "thanh_tich",
                f"“{name}” chưa có nội dung thành tích",
                "ghi thành tích đạt được (nội dung của báo cáo thành tích)",
                code="KIT069",
            )
        info = awards.get(award or "")
        if info and kind and info["kind"] not in ("ca_hai", kind):
            data.problem(
                "danh_sach",
                row.cells.get("hinh_thuc"),
                "hinh_thuc",
                f"“{award}” dành cho {KIND_TEXT[info['kind']]}, không dành cho {KIND_TEXT[kind]}",
                "chọn hình thức phù hợp hoặc sửa cột Cá nhân / Tập thể",
                code="KIT070",
            )
        if kind == "tap_the" and not row.values.get("dac_diem"):
            data.problem(
                "danh_sach",
                row.cells.get("dac_diem"),
                "dac_diem",
                f"tập thể “{name}” chưa có đặc điểm, tình hình",
                "ghi sơ lược đặc điểm, tình hình cho báo cáo thành tích",
                warning=True,
                code="KIT071",
            )
        found.append(Candidate(row, kind or "ca_nhan", name, award or ""))
    if not found and "danh_sach" not in data.broken:
        data.problem(
            "danh_sach",
            None,
            None,
            "danh sách chưa có ai",
            "ghi các cá nhân, tập thể được đề nghị khen thưởng",
            code="KIT060",
        )
    return found


def _born_before(data: FormData, row: Row, name: str) -> None:
    """A birth date after the dossier's date is a typing error (a year alone is compared as a year)."""
    born, submitted = row.values.get("ngay_sinh"), data.values.get("ngay_to_trinh")
    if not isinstance(submitted, dt.date) or born is None:
        return
    if isinstance(born, dt.date) and born > latest(submitted):
        when = f"ngày {born:%d/%m/%Y}"
    elif isinstance(born, int) and born > submitted.year:
        when = f"năm {born}"
    else:
        return
    data.problem(
        "danh_sach",
        row.cells.get("ngay_sinh"),
        "ngay_sinh",
        f"“{name}” sinh {when}, sau ngày Tờ trình ({submitted:%d/%m/%Y})",
        "kiểm tra lại ngày sinh (dạng dd/mm/yyyy, ví dụ 12/04/1978) hoặc ngày Tờ trình",
        code="KIT253",
    )


def _birth_text(born) -> str:
    return f"{born:%d/%m/%Y}" if isinstance(born, dt.date) else str(born or "")


_WITH_BIRTH = re.compile(
    r"^(?P<name>.*?)\s*\((?:sinh\s+(?:ngày\s+|năm\s+)?)?"
    r"(?:(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*)?(?P<year>\d{4})\)$",
    re.IGNORECASE,
)


def _born_as_typed(m: re.Match) -> dt.date | int | None:
    """The birth date typed after a name, as a date ("12/4/1978" is 12/04/1978) or a year alone."""
    year = int(m.group("year"))
    if m.group("day") is None:
        return year
    try:
        return dt.date(year, int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None


def _born_matches(typed: dt.date | int, born) -> bool:
    """Whether the birth date typed after a name is the candidate's: the same day, or the same year
    where either gives a year alone."""
    if isinstance(typed, dt.date) and isinstance(born, dt.date):
        return typed == born
    year = born.year if isinstance(born, dt.date) else born
    return isinstance(year, int) and (typed.year if isinstance(typed, dt.date) else typed) == year


def _named(
    data: FormData, sheet_key: str, row: Row, by_name: dict[str, list[Candidate]], named: set[int] | None = None
) -> Candidate | None:
    """The listed candidate a row of another sheet names; an unknown name is reported at its cell. Two
    candidates of one name are told apart by the birth date after the name: “Nguyễn Văn An (12/04/1978)”.
    The candidates an ambiguous name may mean are added to `named` (their row has been reported)."""
    name = row.values.get("ten")
    if not name:
        if row.values:
            data.problem(
                sheet_key,
                row.cells.get("ten"),
                "ten",
                "chưa ghi họ tên",
                "ghi đúng họ tên như ở sheet Danh sách",
                code="KIT072",
            )
        return None
    matches = by_name.get(identity_key(name), [])
    m = _WITH_BIRTH.match(name)
    if not matches and m:
        typed = _born_as_typed(m)
        matches = [
            c
            for c in by_name.get(identity_key(m.group("name")), [])
            if typed is not None and _born_matches(typed, c.value("ngay_sinh"))
        ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        if named is not None:
            named.update(id(c) for c in matches)
        rows = " và ".join(f"dòng {c.row.number}" for c in matches)
        dated = next((c for c in matches if c.value("ngay_sinh")), matches[0])
        born = _birth_text(dated.value("ngay_sinh"))
        undated = next((c for c in matches if not c.value("ngay_sinh")), None)
        if undated is None:
            data.problem(
                sheet_key,
                row.cells.get("ten"),
                "ten",
                f"“{name}” trùng tên {len(matches)} người ở sheet Danh sách ({rows})",
                f"ghi thêm ngày sinh sau tên, ví dụ “{dated.name} ({born})”",
                code="KIT225",
            )
        else:
            # Only a birth date tells namesakes apart: the one without cannot be named until it is given.
            data.problem(
                sheet_key,
                row.cells.get("ten"),
                "ten",
                f"“{name}” trùng tên {len(matches)} người ở sheet Danh sách ({rows})",
                f"người ở dòng {undated.row.number} chưa có ngày sinh: ghi vào sheet Danh sách, "
                f"ô {undated.row.cells.get('ngay_sinh')}, rồi ghi thêm ngày sinh sau tên ở đây, "
                f"ví dụ “{dated.name} ({born})”",
                code="KIT225",
            )
        return None
    data.problem(
        sheet_key,
        row.cells.get("ten"),
        "ten",
        f"“{name}” không có trong sheet Danh sách",
        "ghi đúng họ tên như ở sheet Danh sách, hoặc thêm vào danh sách" + _suggestion(name, by_name),
        code="KIT061",
    )
    return None


def _suggestion(name: str, by_name: dict[str, list[Candidate]]) -> str:
    """“; có phải ‘Bế Văn Long’?” when a listed name is close to the one typed."""
    import difflib

    close = difflib.get_close_matches(identity_key(name), list(by_name), n=1, cutoff=0.75)
    return f" (có phải “{by_name[close[0]][0].name}”?)" if close else ""


def _attach_votes_and_awards(data: FormData, candidates: list[Candidate]) -> None:
    by_name: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_name.setdefault(identity_key(c.name), []).append(c)
    voted: set[int] = set()
    named: set[int] = set()  # candidates an ambiguous name may mean: that name's error is theirs
    for row in data.tables.get("phieu", []):
        candidate = _named(data, "phieu", row, by_name, named)
        if candidate is None:
            continue
        if id(candidate) in voted:
            data.problem(
                "phieu",
                row.cells.get("ten"),
                "ten",
                f"“{candidate.name}” có hai dòng kết quả bỏ phiếu",
                "giữ một dòng",
                code="KIT073",
            )
            continue
        voted.add(id(candidate))
        candidate.votes = row.values.get("dong_y")
        candidate.votes_cell = row.cells.get("dong_y")
        if candidate.votes is None and "dong_y" not in row.invalid:
            data.problem(
                "phieu",
                row.cells.get("dong_y"),
                "dong_y",
                f"chưa ghi số phiếu đồng ý của “{candidate.name}”",
                "ghi số phiếu",
                code="KIT074",
            )
    if "phieu" not in data.broken:
        for c in candidates:
            if id(c) not in voted and id(c) not in named:
                data.problem(
                    "danh_sach",
                    c.row.cells.get("ten"),
                    "ten",
                    f"“{c.name}” chưa có kết quả bỏ phiếu",
                    "thêm một dòng ở sheet Kết quả bỏ phiếu",
                    code="KIT078",
                )
    submitted = data.values.get("ngay_to_trinh")
    for row in data.tables.get("khen_thuong", []):
        candidate = _named(data, "khen_thuong", row, by_name)
        if candidate is not None:
            candidate.prior.append(row.values)
        if not isinstance(submitted, dt.date):
            continue
        day, year = row.values.get("ngay"), row.values.get("nam")
        if isinstance(day, dt.date) and day > latest(submitted):
            data.problem(
                "khen_thuong",
                row.cells.get("ngay"),
                "ngay",
                f"quyết định khen thưởng ngày {day:%d/%m/%Y} sau ngày Tờ trình ({submitted:%d/%m/%Y})",
                "chỉ ghi các hình thức đã được khen trước ngày hồ sơ: kiểm tra lại ngày",
                code="KIT229",
            )
        elif isinstance(year, int) and year > submitted.year:
            data.problem(
                "khen_thuong",
                row.cells.get("nam"),
                "nam",
                f"năm {year} sau năm của Tờ trình ({submitted.year})",
                "chỉ ghi các hình thức đã được khen trước ngày hồ sơ: kiểm tra lại năm",
                code="KIT236",
            )


# Nghị định 152/2025/NĐ-CP (in force 01/7/2025), Điều 6.2.c: ministries and provinces set the procedure of
# the awards they give (Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Giấy khen…).
PROVINCES_SET_FROM = dt.date(2025, 7, 1)


def threshold_is_sourced(info: dict, on: dt.date | None) -> bool:
    """Whether a legal text (a `sourced` period of the award data) or the pack (`confirmed_from`) sets the
    award's vote threshold on the day the council met; otherwise a shortfall is only a warning."""
    if on is None:
        return True
    confirmed = info.get("confirmed_from")
    if isinstance(confirmed, dt.date) and confirmed <= on:
        return True
    return any(
        (period.get("from") is None or period["from"] <= on) and (period.get("until") is None or on <= period["until"])
        for period in info.get("sourced", [])
    )


def _council_rows(data: FormData, members: list[Row]) -> None:
    """Each member once, with a role and present or absent: a blank is not a default, it is a mistake."""
    seen: dict[str, Row] = {}
    for row in data.tables.get("thanh_vien", []):
        if row.values and not row.values.get("ho_ten") and "ho_ten" not in row.invalid:
            data.problem(
                "thanh_vien",
                row.cells.get("ho_ten"),
                "ho_ten",
                "chưa ghi họ tên thành viên",
                "ghi họ tên hoặc xóa cả dòng",
                code="KIT230",
            )
    for m in members:
        name = m.values["ho_ten"]
        key = identity_key(name)
        if key in seen:
            data.problem(
                "thanh_vien",
                m.cells.get("ho_ten"),
                "ho_ten",
                f"“{name}” có hai lần trong Hội đồng (dòng {seen[key].number} và dòng {m.number})",
                "mỗi thành viên ghi một dòng: xóa dòng thừa (tỷ lệ phiếu tính trên số thành viên)",
                code="KIT231",
            )
            continue
        seen[key] = m
        if m.values.get("vai_tro") is None and "vai_tro" not in m.invalid:
            data.problem(
                "thanh_vien",
                m.cells.get("vai_tro"),
                "vai_tro",
                f"chưa chọn vai trò của “{name}”",
                "chọn trong danh sách: Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Ủy viên - Thư ký",
                code="KIT232",
            )
        if m.values.get("co_mat") is None and "co_mat" not in m.invalid:
            data.problem(
                "thanh_vien",
                m.cells.get("co_mat"),
                "co_mat",
                f"chưa ghi “{name}” có mặt hay vắng mặt",
                "chọn Có mặt hoặc Vắng mặt (thành viên vắng mặt gửi ý kiến bằng văn bản)",
                code="KIT233",
            )


def _presiding(data: FormData, members: list[Row]) -> Council:
    """The member who chaired the meeting and the one who took its minutes, both present: an absent
    Chủ tịch Hội đồng is replaced by the first Phó Chủ tịch Hội đồng present (the order of the sheet)."""
    council = Council()
    chairs = [m for m in members if m.values.get("vai_tro") == "chu_tich"]
    secretaries = [m for m in members if m.values.get("vai_tro") == "thu_ky"]
    if len(chairs) == 1:
        chair = chairs[0]
        if chair.values.get("co_mat") == "vang":
            deputy = next(
                (
                    m
                    for m in members
                    if m.values.get("vai_tro") == "pho_chu_tich" and m.values.get("co_mat") == "co_mat"
                ),
                None,
            )
            if deputy is None:
                data.problem(
                    "thanh_vien",
                    chair.cells.get("co_mat"),
                    "co_mat",
                    f"Chủ tịch Hội đồng “{chair.values['ho_ten']}” vắng mặt và không có Phó Chủ tịch Hội đồng "
                    "có mặt để chủ trì",
                    "người chủ trì cuộc họp phải có mặt: sửa thành Có mặt nếu ghi nhầm, hoặc ghi vai trò "
                    "Phó Chủ tịch Hội đồng cho người đã chủ trì thay",
                    code="KIT252",
                )
            else:
                council.chair, council.absent_chair = deputy, chair
        else:
            council.chair = chair
    if len(secretaries) == 1:
        secretary = secretaries[0]
        if secretary.values.get("co_mat") == "vang":
            data.problem(
                "thanh_vien",
                secretary.cells.get("co_mat"),
                "co_mat",
                f"Ủy viên - Thư ký “{secretary.values['ho_ten']}” vắng mặt, nhưng thư ký phải có mặt để ghi biên bản",
                "sửa thành Có mặt nếu ghi nhầm; nếu người khác ghi biên bản, chọn vai trò Ủy viên - Thư ký cho "
                f"người đó và Ủy viên cho “{secretary.values['ho_ten']}”",
                code="KIT251",
            )
        else:
            council.secretary = secretary
    return council


def _council(
    data: FormData, candidates: list[Candidate], awards: dict[str, dict], on: dt.date | None
) -> tuple[list[Row], Council]:
    members = [row for row in data.tables.get("thanh_vien", []) if row.values.get("ho_ten")]
    council = Council()
    if "thanh_vien" in data.broken:
        return members, council
    if not members:
        data.problem(
            "thanh_vien",
            None,
            None,
            "Hội đồng chưa có thành viên nào",
            "ghi các thành viên Hội đồng Thi đua - Khen thưởng",
            code="KIT062",
        )
        return members, council
    _council_rows(data, members)
    # A role typed outside the list is reported at its cell; it may be the chair's or the secretary's.
    unread_role = any("vai_tro" in m.invalid for m in members)
    for role, text in (("chu_tich", "Chủ tịch Hội đồng (chủ trì)"), ("thu_ky", "Ủy viên - Thư ký")):
        holders = [m for m in members if m.values.get("vai_tro") == role]
        if not holders and not unread_role:
            data.problem(
                "thanh_vien",
                None,
                "vai_tro",
                f"Hội đồng chưa có {text}",
                f"chọn vai trò “{ROLE_TEXT[role]}” cho một thành viên",
                code="KIT075",
            )
        for extra in holders[1:]:
            data.problem(
                "thanh_vien",
                extra.cells.get("vai_tro"),
                "vai_tro",
                f"Hội đồng có hơn một {ROLE_TEXT[role]}: “{holders[0].values['ho_ten']}” (dòng {holders[0].number}) "
                f"và “{extra.values['ho_ten']}” (dòng {extra.number})",
                f"mỗi Hội đồng có đúng một {ROLE_TEXT[role]}: sửa vai trò của một người",
                code="KIT234",
            )
    present = sum(1 for m in members if m.values.get("co_mat") == "co_mat")
    total = len(members)
    # A blank or mistyped attendance is reported at its cell: the number present is not known then.
    attendance_unread = any(m.values.get("co_mat") is None for m in members)
    if present == 0 and not any(m.values.get("co_mat") is None for m in members):
        data.problem(
            "thanh_vien",
            None,
            "co_mat",
            "không thành viên nào có mặt: Hội đồng chưa họp thì chưa có kết quả bỏ phiếu",
            "ghi “Có mặt” cho các thành viên dự họp",
            code="KIT226",
        )
        return members, council
    council = _presiding(data, members)
    if present * 3 < total * 2:
        data.problem(
            "thanh_vien",
            None,
            "co_mat",
            f"chỉ {present}/{total} thành viên có mặt, dưới 2/3",
            "kiểm tra lại: hội đồng thường họp khi có ít nhất 2/3 thành viên",
            warning=True,
            code="KIT063",
        )
    for c in candidates:
        if c.votes is None:
            continue
        if c.votes > total:
            data.problem(
                "phieu",
                c.votes_cell,
                "dong_y",
                f"{c.votes} phiếu đồng ý cho “{c.name}” nhiều hơn số thành viên Hội đồng ({total})",
                "sửa lại số phiếu",
                code="KIT076",
            )
            continue
        if c.votes > present and not attendance_unread:
            data.problem(
                "phieu",
                c.votes_cell,
                "dong_y",
                f"{c.votes} phiếu đồng ý cho “{c.name}” nhiều hơn số thành viên có mặt ({present}/{total})",
                # A warning: an absent member may give his opinion in writing (the quorum hint says so).
                "nếu thành viên vắng mặt gửi ý kiến bằng văn bản thì ghi rõ trong Biên bản; nếu không, sửa lại số "
                "phiếu hoặc cột Có mặt/Vắng mặt ở sheet Thành viên hội đồng",
                warning=True,
                code="KIT257",
            )
        info = awards.get(c.award)
        if info is None:
            continue
        ratio = c.votes * 100 / total
        # strict: more than the threshold is needed (a majority: more than 50 %), not only reaching it.
        strict = info.get("strict", info["threshold"] == 50) is True
        if ratio < info["threshold"] or (strict and ratio <= info["threshold"]):
            short = f"chưa quá {info['threshold']}%" if strict else f"dưới mức {info['threshold']}%"
            message = f"“{c.name}” đạt {c.votes}/{total} phiếu ({_percent(ratio)}%), {short} của {c.award}"
            # A threshold no text (nor the pack, confirmed_from) sets is a warning — a vote at or under half of all
            # members too: no national text sets the majority (domain H5), the province's rules do.
            if threshold_is_sourced(info, on):
                data.problem(
                    "phieu",
                    c.votes_cell,
                    "dong_y",
                    message,
                    "người chưa đạt tỷ lệ phiếu không được đề nghị; bỏ khỏi danh sách hoặc kiểm tra lại số phiếu",
                    code="KIT418",
                )
            else:
                data.problem(
                    "phieu",
                    c.votes_cell,
                    "dong_y",
                    message,
                    f"chưa có văn bản trong dữ liệu của gói mẫu quy định ngưỡng này cho ngày họp {on:%d/%m/%Y}"
                    # NĐ 152/2025, Điều 6.2.c hands these procedures to ministries and provinces from 01/7/2025.
                    + (
                        " (từ 01/7/2025 tỉnh, bộ, ngành quy định)"
                        if on is not None and on >= PROVINCES_SET_FROM
                        else ""
                    )
                    + ": đối chiếu quy chế thi đua, khen thưởng đang áp dụng; "
                    "gói mẫu của tỉnh xác nhận ngưỡng bằng confirmed_from",
                    code="KIT419",
                    warning=True,
                )
    return members, council


_PLAN_DATE = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def _plan_date(data: FormData) -> None:
    """The plan that launched the campaign was issued before the dossier."""
    text, submitted = data.values.get("ke_hoach_phat_dong") or "", data.values.get("ngay_to_trinh")
    m = _PLAN_DATE.search(text)
    if not m or not isinstance(submitted, dt.date):
        return
    try:
        issued = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return
    if issued > latest(submitted):
        data.field_problem(
            "ke_hoach_phat_dong",
            f"kế hoạch phát động ngày {issued:%d/%m/%Y}, sau ngày Tờ trình ({submitted:%d/%m/%Y})",
            "kiểm tra lại ngày của kế hoạch phát động hoặc ngày Tờ trình",
            code="KIT245",
        )


def _campaign_kind(data: FormData) -> None:
    """The 2022 law (in force 01/01/2024) knows thi đua thường xuyên and theo chuyên đề only (Điều 16.1):
    "đợt thi đua" belongs to the 2003 law and NĐ 91/2017."""
    submitted = data.values.get("ngay_to_trinh")
    if data.values.get("loai_dot") == "dot" and isinstance(submitted, dt.date) and submitted >= dt.date(2024, 1, 1):
        data.field_problem(
            "loai_dot",
            "từ 01/01/2024 Luật Thi đua, khen thưởng 2022 chỉ có thi đua thường xuyên và thi đua "
            "theo chuyên đề (Điều 16.1), không còn “đợt thi đua”",
            "chọn Khen thưởng thường xuyên hoặc Khen thưởng theo chuyên đề (hồ sơ theo đợt thi đua chỉ áp dụng "
            "trước năm 2024)",
            warning=True,
            code="KIT246",
        )


# "khen thưởng theo đợt thi đua hoặc theo chuyên đề": the words before the alternatives, then each one.
_ALTERNATIVES = re.compile(r"^(?P<head>.*?)(?P<first>theo\s.+?)\s+hoặc\s+(?P<second>.+)$", re.IGNORECASE)
# The word of the form's title each Loại (loai_dot) picks out.
_KIND_WORDS = {"dot": "đợt", "chuyen_de": "chuyên đề"}


# Kinds of dossier the report form's title does not name (Luật 2022 Điều 8, Điều 16): the kind in words.
OWN_KINDS = {"thuong_xuyen": "Khen thưởng thường xuyên", "dot_xuat": "Khen thưởng đột xuất"}


def commendation_kind(report_title: str, campaign: str | None = None) -> str:
    """The kind of commendation a report is for, from the title of the form in force (legal-bases
    report_title): "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề" gives "Khen thưởng thi
    đua theo chuyên đề", printed before the campaign's name as the form's subtitle does. Where the title
    offers alternatives (NĐ 91/2017 Mẫu 07: "theo đợt thi đua hoặc theo chuyên đề"), the dossier's Loại
    (`campaign`: "dot" or "chuyen_de") keeps the one that applies: "Khen thưởng theo đợt thi đua". The
    year-end review ("thuong_xuyen", the most common dossier) and "dot_xuat" are named as such."""
    if campaign in OWN_KINDS:
        return OWN_KINDS[campaign]
    kind = re.sub(r"^\s*báo cáo thành tích\s+(đề nghị\s+)?", "", report_title, flags=re.IGNORECASE).strip()
    m = _ALTERNATIVES.match(kind)
    word = _KIND_WORDS.get(campaign or "")
    if m and word:
        first, second = m.group("first"), m.group("second")
        if not second.casefold().startswith("theo "):
            second = f"theo {second}"  # "theo đợt thi đua hoặc chuyên đề"
        chosen = [alternative for alternative in (first, second) if word in alternative.casefold()]
        if len(chosen) == 1:
            kind = m.group("head") + chosen[0]
    return f"{kind[:1].upper()}{kind[1:]}"


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


# The dossier's own bodies, named in its workbook: (sheet, column) of a table, or a field of a form sheet.
_BODY_FIELDS = ("co_quan_chu_quan", "don_vi", "co_quan_chu_quan_qd", "co_quan_quyet_dinh")
_BODY_COLUMNS = ("don_vi_bao_cao", "chu_quan_bao_cao")  # in the order of the sheet


def _district_bodies(data: FormData) -> None:
    """A dossier from 01/7/2025 names no district-level body in its headers (the same pattern as kit
    check's VB610, kit.conventions): warned at the cell, before the documents carry it."""
    submitted = data.values.get("ngay_to_trinh")
    if not isinstance(submitted, dt.date) or submitted < TWO_TIERS_FROM:  # a blank day: the 1st of its month
        return
    places: list[tuple[str, Any, Row | None]] = [(key, data.values.get(key), None) for key in _BODY_FIELDS]
    places += [(key, row.values.get(key), row) for row in data.tables.get("danh_sach", []) for key in _BODY_COLUMNS]
    for key, text, row in places:
        named = district_body(str(text or ""))
        if named is None:
            continue
        cell = row.cells.get(key) if row is not None else data.cells.get(key)
        sheet = (
            "danh_sach"
            if row is not None
            else next(
                sheet.key
                for sheet in data.form.sheets
                if sheet.kind == "fields" and any(f.key == key for f in sheet.fields)
            )
        )
        data.problem(
            sheet,
            cell,
            key,
            f"“{named}”: hồ sơ lập từ 01/7/2025, khi chính quyền địa phương chỉ còn cấp tỉnh và cấp xã",
            "ghi cơ quan cấp tỉnh hoặc cấp xã (xã, phường, đặc khu) thay cho cơ quan cấp huyện",
            warning=True,
            code="KIT262",
        )


def collect(data: FormData, pack) -> Dossier:
    pack_data = pack.data()
    awards = {a["name"]: a for a in pack_data.get("awards", {}).get("awards", [])}
    candidates = _candidates(data, awards)
    names = [identity_key(c.name) for c in candidates]
    for c, key in zip(candidates, names):
        c.namesake = names.count(key) > 1
    # The documents list individuals first, then collectives (the Tờ trình's groups): so are the reports numbered.
    candidates = [c for _, group in _groups(candidates) for c in group]
    _attach_votes_and_awards(data, candidates)
    # The Tờ trình proposes only what its addressee (Cấp có thẩm quyền khen thưởng) decides.
    check_authority(data, candidates, pack_data, authority_key="cap_khen_thuong", agency_key=None, what="Tờ trình")
    _plan_date(data)
    _campaign_kind(data)
    _district_bodies(data)
    submitted, met = data.values.get("ngay_to_trinh"), data.values.get("ngay_hop")
    members, council = _council(data, candidates, awards, met or submitted)
    if submitted and met and met > latest(submitted):
        data.field_problem(
            "ngay_hop",
            f"Hội đồng họp ngày {met:%d/%m/%Y}, sau ngày Tờ trình ({submitted:%d/%m/%Y})",
            "Tờ trình lập sau cuộc họp của Hội đồng: sửa ngày họp hoặc ngày Tờ trình",
            code="KIT247",
        )
    periods = pack_data.get("legal_bases", {}).get("periods", [])
    basis = legal_basis(periods, submitted) if submitted and periods else {}
    warn_unverified_basis(data, basis, "ngay_to_trinh")
    regulations = regulations_in_force(pack_data.get("legal_bases", {}).get("regulations", []), submitted)
    return Dossier(candidates, members, basis, awards, pack_data, regulations, council)


def _groups(candidates: list[Candidate]) -> list[tuple[str, list[Candidate]]]:
    return [
        (kind, [c for c in candidates if c.kind == kind])
        for kind in ("ca_nhan", "tap_the")
        if any(c.kind == kind for c in candidates)
    ]
