"""The December 2026 fact-check as `kit check` applies it (issue 20 §4, domain.md H10–H11): a thị trấn is
commune level, the district level ended by Nghị quyết 203/2025/QH15; VB604 names the article of the text
that ended the cited one's force; a giấy mời and a giấy ủy quyền have a Nơi nhận."""

from kit.checks.registry import RULES
from kit.checks.runner import check_document
from tests.checks.builder import model
from tests.checks.fixtures import CLEAN, in_month

AUGUST_2025 = "Lạng Sơn, ngày 05 tháng 8 năm 2025"


def _found(spec, code):
    return [f for f in check_document(model(spec)) if f.code == code]


def test_a_thi_tran_is_a_former_commune_level_unit_not_a_district_body():
    towns = _found(
        CLEAN.but(date=AUGUST_2025, noi_nhan=["Nơi nhận:", "- UBND các xã, thị trấn;", "- Lưu: VT, VP."]), "VB610"
    )
    assert len(towns) == 1
    assert "thị trấn" in towns[0].message and "cấp xã" in towns[0].message and "cấp huyện" not in towns[0].message
    districts = _found(CLEAN.but(date=AUGUST_2025, chu_quan="UBND HUYỆN CAO LỘC", co_quan=["PHÒNG NỘI VỤ"]), "VB610")
    assert len(districts) == 1 and "cấp tỉnh và cấp xã" in districts[0].message
    assert "203/2025/QH15" in RULES["VB610"].source and "203/2025/QH15" in districts[0].source


def test_vb604_names_the_article_that_ended_the_cited_text():
    findings = _found(in_month(1, 2026, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;"), "VB604")
    assert len(findings) == 1
    # NĐ 98/2023 was repealed by NĐ 152/2025's own effect clause.
    assert findings[0].source.startswith("Nghị định 152/2025/NĐ-CP, Điều 59"), findings[0].source
    assert "ví dụ" not in RULES["VB604"].source


def test_a_giay_moi_and_a_giay_uy_quyen_need_a_noi_nhan():
    for title, symbol in (("GIẤY MỜI", "GM"), ("GIẤY ỦY QUYỀN", "GUQ")):
        missing = _found(CLEAN.but(title=title, so=f"Số: 05/{symbol}-SNV", noi_nhan=[]), "VB501")
        assert [f.severity.value for f in missing] == ["error"], title
