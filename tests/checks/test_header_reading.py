"""Header lines read for what they are (issue 21 §2): a misspelled tiêu ngữ or a decorative line is not the
agency's name; a date typed in the Số line's paragraph is a date (the layout is reported, not a missing
date); "ngày 5/1/2026" is a malformed date, not a missing one; a Nơi nhận item wrapped by hand is one item;
a plan's year is the year it is issued for, never an anniversary year in its title."""

from kit.checks._util import document_year
from kit.checks.runner import check_document
from tests.checks.builder import model
from tests.checks.fixtures import CLEAN


def _findings(spec, *codes):
    return [(f.code, f.message) for f in check_document(model(spec)) if not codes or f.code in codes]


def test_a_misspelled_tieu_ngu_and_a_decorative_line_are_not_the_agency_name():
    for line in ("Độc lập – Tự Do – Hạnh phúc", "Đôc lập - Tự do - Hạnh phúc"):
        doc = model(CLEAN.but(tieu_ngu=line))
        assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"], line
        assert doc.tieu_ngu is not None and doc.tieu_ngu.stripped == line
    doc = model(CLEAN.but(co_quan=["SỞ NỘI VỤ", "----- o0o -----"]))
    assert [p.stripped for p in doc.issuer] == ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"]
    assert not _findings(CLEAN.but(co_quan=["SỞ NỘI VỤ", "----- o0o -----"]), "VB205", "VB206")


def test_a_date_in_the_so_line_paragraph_is_a_date_laid_out_wrongly():
    spec = CLEAN.but(so="Số: 05/KH-SNV\tLạng Sơn, ngày 05 tháng 01 năm 2025", date=None)
    found = _findings(spec, "VB211")
    assert len(found) == 1 and "cùng đoạn" in found[0][1] and "Thiếu" not in found[0][1], found
    assert document_year(model(spec)) == 2025


def test_a_numeric_date_is_malformed_not_missing():
    for date in ("Lạng Sơn, ngày 5/1/2025", "Lạng Sơn, ngày 12 háng 01 năm 2025"):
        found = _findings(CLEAN.but(date=date), "VB211")
        assert len(found) == 1 and "không đúng dạng" in found[0][1], found


def test_a_noi_nhan_item_wrapped_by_hand_is_one_item():
    wrapped = ["Nơi nhận:", "- Các sở, ban, ngành thuộc", "UBND tỉnh;", "- Lưu: VT, VP."]
    assert _findings(CLEAN.but(noi_nhan=wrapped), "VB504", "VB505", "VB506", "VB507") == []
    # Two items, the first without its semicolon, are still two items.
    unfinished = ["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."]
    assert [code for code, _ in _findings(CLEAN.but(noi_nhan=unfinished), "VB504", "VB505")] == ["VB505"]
    # A line with no dash after a finished item is a missing dash.
    dashless = ["Nơi nhận:", "- Bộ Nội vụ;", "Sở Tài chính;", "- Lưu: VT, VP."]
    assert [code for code, _ in _findings(CLEAN.but(noi_nhan=dashless), "VB504", "VB505")] == ["VB504"]


def test_a_plans_year_is_not_an_anniversary_year_in_its_title():
    spec = CLEAN.but(
        date="Lạng Sơn, ngày 05 tháng 01 năm 2026",
        trich_yeu=["Tổ chức các hoạt động kỷ niệm 65 năm Ngày thành lập Đảng bộ tỉnh năm 1961"],
        body=["Các phòng tổ chức kỷ niệm trong tháng 3 năm 2026./."],
    )
    assert document_year(model(spec)) == 2026
    assert _findings(spec, "VB605", "VB606", "VB607") == []
    # A plan dated in December for the coming year is about the coming year.
    ahead = CLEAN.but(date="Lạng Sơn, ngày 20 tháng 12 năm 2025", trich_yeu=["Công tác thi đua, khen thưởng năm 2026"])
    assert document_year(model(ahead)) == 2026
