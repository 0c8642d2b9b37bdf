"""History that works for the clerk: kit dossier warns from the register (consecutive CSTĐCS years for
Chiến sĩ thi đua cấp tỉnh, a danh hiệu twice in a year, the same achievement proposed twice), each at the
workbook cell and naming the earlier decisions; namesakes never mixed up; kit certificates prints each
awardee's own register number; kit register summary."""

from __future__ import annotations

import copy
import datetime as dt

from kit.cli import main
from kit.register import AwardRecord, DecisionRecord, open_store

from .workbooks import SAMPLE, SAMPLE_SO, dossier, so_dossier


def proposal(names: dict[str, dict], drop_decision: bool = True, base: dict = SAMPLE_SO) -> dict:
    """A sample dossier (default the Sở's own year-end one, where its Giám đốc decides the titles) with only
    the candidates named (each with the changes given)."""
    data = copy.deepcopy(base)
    data["danh_sach"] = [dict(row, **names[row["ten"]]) for row in data["danh_sach"] if row["ten"] in names]
    renamed = {row_name: change.get("ten", row_name) for row_name, change in names.items()}
    data["phieu"] = [[renamed[name], 6] for name, _ in data["phieu"] if name in names]
    data["khen_thuong"] = []
    if drop_decision:
        del data["quyet_dinh"]
    return data


def warnings_of(capsys) -> list[str]:
    """The warnings on the candidates' list (those of the register; the vote warnings are another matter)."""
    return [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("Cảnh báo") and "'Danh sách'" in line
    ]


def cstdcs(store, name: str, born: str, years: list[int], issuer: str = "Sở Nội vụ tỉnh Lạng Sơn") -> None:
    for year in years:
        store.record(
            DecisionRecord(f"{year - 2000}/QĐ-SNV", issuer, dt.date(year, 12, 20), year),
            [AwardRecord(name, "Chiến sĩ thi đua cơ sở", birth=born)],
        )


def test_a_title_already_given_this_year_is_warned_at_its_cell_naming_the_decision(db, tmp_path, capsys):
    assert main(["decision", str(so_dossier(tmp_path)), "-o", str(tmp_path / "qd")]) == 0
    capsys.readouterr()
    again = dossier(tmp_path, "moi.xlsx", data=proposal({"Hoàng Minh Châu": {}}))
    assert main(["dossier", str(again), "-o", str(tmp_path / "hs"), "-q"]) == 0
    assert warnings_of(capsys) == [
        "Cảnh báo: moi.xlsx, sheet 'Danh sách', ô I2 (Hình thức đề nghị): “Hoàng Minh Châu” đã được Chiến sĩ thi đua cơ "
        "sở năm 2025 (2025: QĐ 245/QĐ-SNV ngày 26/12/2025 (Sở Nội vụ), số vào sổ 3) — danh hiệu thi đua được xét "
        "tặng hằng năm: mỗi năm một lần; nguồn: Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 5.2.c (danh hiệu "
        "xét hằng năm); NĐ 152/2025 [theo bài viết trích dẫn văn bản] — kiểm tra lại: không đề nghị cùng một danh "
        "hiệu hai lần trong một năm"
    ]


def test_a_hinh_thuc_given_again_in_a_year_for_another_achievement_is_not_warned(db, tmp_path, capsys):
    # Luật Điều 5.2.c: a hình thức may be given to one person several times, one achievement once; only
    # danh hiệu are yearly
    with open_store(db) as store:
        store.record(
            DecisionRecord("40/QĐ-UBND", "Ủy ban nhân dân tỉnh Lạng Sơn", dt.date(2025, 3, 2), 2025),
            [AwardRecord("Lê Thị Bình", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", birth="1985-09-03")],
        )
    path = dossier(tmp_path, "binh.xlsx", data=proposal({"Lê Thị Bình": {}}, base=SAMPLE))
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs"), "-q"]) == 0
    assert [line for line in warnings_of(capsys) if "đã được Bằng khen" in line] == []


def test_a_namesake_born_another_year_is_not_warned(db, tmp_path, capsys):
    with open_store(db) as store:
        cstdcs(store, "Nguyễn Thị Hương", "1980-03-02", [2025])
    younger = {"Hoàng Minh Châu": {"ten": "Nguyễn Thị Hương", "ngay_sinh": dt.date(1992, 7, 15), "gioi_tinh": "nu"}}
    path = dossier(tmp_path, "huong-1992.xlsx", data=proposal(younger))
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs"), "-q"]) == 0
    assert warnings_of(capsys) == []
    older = {"Hoàng Minh Châu": {"ten": "Nguyễn Thị Hương", "ngay_sinh": dt.date(1980, 3, 2), "gioi_tinh": "nu"}}
    path = dossier(tmp_path, "huong-1980.xlsx", data=proposal(older))
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs2"), "-q"]) == 0
    found = warnings_of(capsys)
    assert (
        len(found) == 1 and "“Nguyễn Thị Hương” đã được Chiến sĩ thi đua cơ sở năm 2025 (2025: QĐ 25/QĐ-SNV" in found[0]
    )


def test_a_namesake_born_the_same_day_is_told_apart_by_the_dossiers_identifier_column(db, tmp_path, capsys):
    with open_store(db) as store:  # one Hương, CCCD …111, already Chiến sĩ thi đua cơ sở in 2025
        store.record(
            DecisionRecord("25/QĐ-SNV", "Sở Nội vụ tỉnh Lạng Sơn", dt.date(2025, 5, 20), 2025),
            [AwardRecord("Nguyễn Thị Hương", "Chiến sĩ thi đua cơ sở", birth="1980-03-02", identifier="001180000111")],
        )

    def huong(identifier: str | None) -> dict:
        row = {"ten": "Nguyễn Thị Hương", "ngay_sinh": dt.date(1980, 3, 2), "gioi_tinh": "nu"}
        return {"Hoàng Minh Châu": dict(row, so_dinh_danh=identifier) if identifier else row}

    other = dossier(tmp_path, "huong-222.xlsx", data=proposal(huong("001180000222"), drop_decision=False))
    assert main(["dossier", str(other), "-o", str(tmp_path / "a"), "-q"]) == 0
    assert warnings_of(capsys) == []  # another Hương, born the same day: nothing to warn
    same = dossier(tmp_path, "huong-111.xlsx", data=proposal(huong("001180000111")))
    assert main(["dossier", str(same), "-o", str(tmp_path / "b"), "-q"]) == 0
    assert len(warnings_of(capsys)) == 1
    unknown = dossier(tmp_path, "huong.xlsx", data=proposal(huong(None)))
    assert main(["dossier", str(unknown), "-o", str(tmp_path / "c"), "-q"]) == 0
    # without an identifier she may be the one recorded: warned (and her achievement was proposed for …111)
    assert sum("đã được Chiến sĩ thi đua cơ sở năm 2025" in line for line in warnings_of(capsys)) == 1

    # the decision of the other Hương records a second person, and her certificate carries her own number
    assert main(["decision", str(other), "-o", str(tmp_path / "qd")]) == 0
    assert "số vào sổ 2–2" in capsys.readouterr().out
    with open_store(db) as store:
        people = {(row.identifier, row.register_number) for row in store.history("Nguyễn Thị Hương", "1980-03-02")}
    assert people == {("001180000111", 1), ("001180000222", 2)}
    assert main(["certificates", str(other), "-o", str(tmp_path / "gk")]) == 0
    import pdfplumber

    with pdfplumber.open(tmp_path / "gk" / "huong-222-bang-chung-nhan.pdf") as pdf:
        assert "Số vào sổ: 2" in (pdf.pages[1].extract_text() or "")


def test_chien_si_thi_dua_cap_tinh_needs_three_consecutive_years_from_the_register(db, tmp_path, capsys):
    with open_store(db) as store:
        cstdcs(store, "Nguyễn Văn An", "1978-04-12", [2022, 2023, 2024])
        cstdcs(store, "Hoàng Minh Châu", "", [2019, 2023, 2024], issuer="Ủy ban nhân dân tỉnh Lạng Sơn")
    provincial = {"hinh_thuc": "Chiến sĩ thi đua cấp tỉnh"}
    both = {"Nguyễn Văn An": provincial, "Hoàng Minh Châu": provincial}
    path = dossier(tmp_path, "cstd.xlsx", data=proposal(both, base=SAMPLE))  # proposed to the Chủ tịch
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs"), "-q"]) == 0
    found = warnings_of(capsys)
    assert len(found) == 1, found  # Nguyễn Văn An has his three years
    assert found[0].startswith(
        "Cảnh báo: cstd.xlsx, sheet 'Danh sách', ô I3 (Hình thức đề nghị): “Hoàng Minh Châu” đề nghị Chiến sĩ thi đua "
        "cấp tỉnh: tiêu chuẩn “được chọn trong những người có 03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở” — "
        "sổ khen thưởng chỉ cho thấy 2 năm liên tục Chiến sĩ thi đua cơ sở (2019: QĐ 19/QĐ-SNV ngày 20/12/2019"
    )
    assert "2023: QĐ 23/QĐ-SNV" in found[0] and "2024: QĐ 24/QĐ-SNV" in found[0]
    assert "nguồn: Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 22 [theo bài viết trích dẫn văn bản]" in found[0]


def test_the_same_achievement_proposed_in_a_second_dossier_is_warned(db, tmp_path, capsys):
    open_store(db).close()
    first = dossier(tmp_path, "hs-thang-6.xlsx", data=proposal({"Lê Thị Bình": {"hinh_thuc": "Giấy khen"}}))
    assert main(["dossier", str(first), "-o", str(tmp_path / "a"), "-q"]) == 0
    assert warnings_of(capsys) == []
    # the same dossier run again is not a second proposal
    assert main(["dossier", str(first), "-o", str(tmp_path / "a"), "-q", "--force"]) == 0
    assert warnings_of(capsys) == []
    second = dossier(tmp_path, "hs-thang-9.xlsx", data=proposal({"Lê Thị Bình": {"hinh_thuc": "Lao động tiên tiến"}}))
    assert main(["dossier", str(second), "-o", str(tmp_path / "b"), "-q"]) == 0
    found = warnings_of(capsys)
    assert len(found) == 1
    assert found[0].startswith(
        "Cảnh báo: hs-thang-9.xlsx, sheet 'Danh sách', ô J2 (Tóm tắt thành tích): “Lê Thị Bình”: cùng thành tích này "
        "đã được đề nghị (hồ sơ hs-thang-6.xlsx năm 2025 đề nghị Giấy khen (chưa có "
        "quyết định))"
    )
    assert (
        "mỗi thành tích chỉ được khen thưởng một lần; nguồn: Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 5.2.c"
        in found[0]
    )


def test_certificates_print_each_namesakes_own_register_number(db, tmp_path, capsys):
    import pdfplumber

    data = copy.deepcopy(SAMPLE)
    for row in data["danh_sach"]:
        if row["ten"] in ("Lê Thị Bình", "Vi Thị Dung"):
            row["ten"] = "Nguyễn Thị Hương"
    data["danh_sach"][1]["ngay_sinh"] = dt.date(1980, 3, 2)
    data["danh_sach"][3]["ngay_sinh"] = dt.date(1992, 7, 15)
    data["phieu"] = [
        [name, votes]
        for (_, votes), name in zip(
            SAMPLE["phieu"],
            (
                "Nguyễn Văn An",
                "Nguyễn Thị Hương (02/03/1980)",
                "Hoàng Minh Châu",
                "Nguyễn Thị Hương (15/07/1992)",
                "Phòng Tổ chức, biên chế",
            ),
        )
    ]
    path = dossier(tmp_path, "trung-ten.xlsx", data=data)
    with open_store(db) as store:  # an earlier decision: this one's numbers start at 2
        cstdcs(store, "Người khác", "", [2024])
    assert main(["decision", str(path), "-o", str(tmp_path / "qd")]) == 0
    assert "số vào sổ 2–6" in capsys.readouterr().out
    assert main(["certificates", str(path), "-o", str(tmp_path / "gk")]) == 0
    with pdfplumber.open(tmp_path / "gk" / "trung-ten-bang-khen.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages[1:]]
    numbers = {page.splitlines()[3]: page.split("Số vào sổ: ")[1].split()[0] for page in pages}
    # the Hương of Cải cách hành chính (born 1980) is line 2 of the decision, the one of the Văn phòng (1992) line 4
    assert numbers["Phó Trưởng phòng Cải cách hành chính, Sở Nội vụ tỉnh Lạng Sơn"] == "3"
    assert numbers["Chuyên viên Văn phòng Sở, Sở Nội vụ tỉnh Lạng Sơn"] == "5"
    assert sorted(numbers.values()) == ["2", "3", "4", "5", "6"]


def test_summary_by_unit_and_by_award(db, tmp_path, capsys):
    assert main(["decision", str(dossier(tmp_path)), "-o", str(tmp_path / "qd")]) == 0
    later = dossier(tmp_path, "hs2.xlsx", so_quyet_dinh=215, ngay_quyet_dinh=dt.date(2026, 3, 10))
    assert main(["decision", str(later), "-o", str(tmp_path / "qd")]) == 0
    capsys.readouterr()
    assert main(["register", "summary", "--year", "2026", "--by", "award"]) == 0
    assert capsys.readouterr().out == (
        "Năm 2026: 5 lượt khen thưởng.\nHình thức khen thưởng\tCá nhân\tTập thể\tCộng\n"
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\t4\t1\t5\n"
    )
    assert main(["register", "summary", "--year", "2025", "--by", "unit"]) == 0
    assert "Sở Nội vụ tỉnh Lạng Sơn\t4\t1\t5\n" in capsys.readouterr().out


def test_only_national_criteria_are_built_in_and_bac_ninhs_is_in_its_example_pack():
    # domain.md H6: "02 năm liên tục Chiến sĩ thi đua cơ sở" for the Chủ tịch's Bằng khen is Bắc Ninh's rule.
    from kit.packs import builtin_pack, pack_at

    from .workbooks import ROOT

    built_in = builtin_pack().data()["criteria"]["criteria"]
    assert [(c["award"], c["certainty"]) for c in built_in] == [("Chiến sĩ thi đua cấp tỉnh", "S")]
    province = pack_at(ROOT / "samples" / "packs" / "bac-ninh").data()["criteria"]["criteria"]
    assert ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "R", 2) in [
        (c["award"], c["certainty"], c["consecutive_years"]) for c in province
    ]
