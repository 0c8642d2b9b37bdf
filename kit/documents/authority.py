"""Who may grant what (pack data award-law, kit.award_law), checked on the workbook: the Tờ trình proposes
only awards its addressee decides; the decision grants only awards its issuer decides. An award the
authority may not grant is an error at the Danh sách cell naming it (nothing is written); an authority or
award the data does not know is a warning (the kit cannot tell, and says so)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..award_law import AwardLaw, AwardRule, refusal
from ..form.read import FormData


def law_of(pack_data: dict) -> AwardLaw:
    return AwardLaw.from_data(pack_data.get("award_law"))


def check_authority(
    data: FormData,
    candidates: Sequence[Any],
    pack_data: dict,
    *,
    authority_key: str,
    agency_key: str | None,
    what: str,
) -> None:
    """Report every candidate (ho_so.Candidate: name, award, row) whose award the authority named by `authority_key` (a field of the workbook)
    may not grant. `what`: the document, "Tờ trình" or "Quyết định"."""
    law = law_of(pack_data)
    if not law.authorities:
        return
    said = " ".join(str(data.values.get(authority_key) or "").split())
    agency = " ".join(str(data.values.get(agency_key) or "").split()) if agency_key else ""
    if not said and not agency:
        return  # a required field: its own problem is reported
    authority = law.issuer(said, agency)
    if authority is None:
        data.field_problem(
            authority_key,
            f"không nhận ra “{said or agency}” là cấp nào trong dữ liệu thẩm quyền khen thưởng nên chưa kiểm tra "
            f"{what} có đúng thẩm quyền",
            "ghi đầy đủ chức danh, ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn, Giám đốc Sở Nội vụ "
            "(hoặc bổ sung [[authorities]] trong dữ liệu award_law của gói)",
            code="KIT303",
            warning=True,
        )
        return
    unknown: dict[str, Any] = {}
    for c in candidates:
        rule: AwardRule | None = law.award(c.award) if c.award else None
        if rule is None:
            if c.award:
                unknown.setdefault(c.award, c)
            continue
        if law.may_decide(authority, rule):
            continue
        _, hint = refusal(law, authority, rule)
        if what == "Tờ trình":
            hint = (
                f"Tờ trình gửi {said} chỉ đề nghị hình thức {said} quyết định: đưa “{c.name}” sang hồ sơ trình "
                f"{law.deciders(rule)} ({rule.source})"
            )
        data.problem(
            "danh_sach",
            c.row.cells.get("hinh_thuc"),
            "hinh_thuc",
            f"{what}: {rule.name} do {law.deciders(rule)} quyết định, không thuộc thẩm quyền của {authority.title}",
            hint,
            code="KIT304",
        )
    for award, c in unknown.items():
        data.problem(
            "danh_sach",
            c.row.cells.get("hinh_thuc"),
            "hinh_thuc",
            f"“{award}” không có trong dữ liệu thẩm quyền khen thưởng nên chưa kiểm tra được ai quyết định",
            "bổ sung hình thức này vào [[awards]] của dữ liệu award_law của gói (decided_by, source)",
            code="KIT305",
            warning=True,
        )
