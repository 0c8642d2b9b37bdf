"""The award law as pack data (templates/data/award-law.toml, rewards.toml, legal-texts.toml): what it says,
that kit packs lint reads it, and that the in-force data of December 2026's fact-check holds (H12, H13)."""

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kit import award_law
from kit.checks.runner import check_document
from kit.cli import main
from kit.packs import builtin_pack
from kit.resources import templates_dir
from tests.checks.builder import model
from tests.checks.fixtures import in_month

DATA = builtin_pack().data()
LAW = award_law.AwardLaw.from_data(DATA["award_law"])


def test_who_decides_each_award():
    chairman, head = LAW.authority("chu_tich_ubnd_tinh"), LAW.authority("thu_truong_co_quan")
    assert LAW.issuer("Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn") is chairman
    assert LAW.issuer("CHỦ TỊCH UBND TỈNH CAO BẰNG") is chairman
    assert LAW.issuer("Giám đốc Sở Y tế") is head and LAW.issuer("", "Sở Nội vụ") is head
    assert LAW.issuer("Chủ tịch Ủy ban nhân dân xã Tân Thành").id == "chu_tich_ubnd_xa"
    for name in ("Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động tiên tiến", "Giấy khen"):
        rule = LAW.award(name)
        assert LAW.may_decide(head, rule) and not LAW.may_decide(chairman, rule), name
    for name in ("Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cấp tỉnh", "Tập thể lao động xuất sắc"):
        rule = LAW.award(name)
        assert LAW.may_decide(chairman, rule) and not LAW.may_decide(head, rule), name
        assert LAW.may_propose(head, rule), name  # the Sở proposes it by Tờ trình
    assert LAW.award("Giấy khen của Giám đốc Sở Nội vụ").name == "Giấy khen"
    assert LAW.award("Tập thể lao động tiên tiến").name == "Tập thể lao động tiên tiến"


def test_each_award_says_what_is_handed_over():
    certificate = {a.name: a.certificate for a in LAW.awards}
    assert certificate["Chiến sĩ thi đua cơ sở"] == "bang-chung-nhan"
    assert certificate["Lao động tiên tiến"] == certificate["Tập thể lao động tiên tiến"] == ""
    assert certificate["Giấy khen"] == "giay-khen"
    assert certificate["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"] == "bang-khen"
    layouts = DATA["certificate"]["layouts"]
    assert set(layouts) == {"giay-khen", "bang-khen", "bang-chung-nhan"}
    assert all(layout["certainty"] == "U" and "chưa xác minh" in layout["source"] for layout in layouts.values())


@pytest.mark.parametrize(
    "award, kind, multiple, money",
    [
        ("Chiến sĩ thi đua cơ sở", "ca_nhan", "1.0", 2_340_000),
        ("Chiến sĩ thi đua cấp tỉnh", "ca_nhan", "3.0", 7_020_000),
        ("Lao động tiên tiến", "ca_nhan", "0.3", 710_000),  # 702.000 rounded up to tens of thousands
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "ca_nhan", "1.5", 3_510_000),
        ("Giấy khen của Giám đốc Sở Nội vụ", "ca_nhan", "0.3", 710_000),
        ("Tập thể lao động tiên tiến", "tap_the", "0.8", 1_880_000),
        ("Tập thể lao động xuất sắc", "tap_the", "1.5", 3_510_000),
        ("Cờ thi đua của Ủy ban nhân dân tỉnh", "tap_the", "8.0", 18_720_000),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "tap_the", "3.0", 7_020_000),
        ("Giấy khen", "tap_the", "0.6", 1_410_000),  # 1.404.000 rounded up
    ],
)
def test_money_per_award_individuals_and_collectives_apart(award, kind, multiple, money):
    rewards = DATA["rewards"]
    found = award_law.rate(rewards, award, kind)
    assert found is not None and found.multiple == Decimal(multiple) and found.certainty == "S"
    assert found.source.startswith("Nghị định 152/2025/NĐ-CP Điều")
    assert award_law.money(rewards, award, kind, dt.date(2025, 9, 26)) == money


def test_the_base_salary_has_its_source_and_applies_from_its_date():
    salary = award_law.base_salary(DATA["rewards"], dt.date(2025, 1, 1))
    assert salary["amount"] == 2_340_000 and salary["source"].startswith("Nghị định 73/2024/NĐ-CP")
    assert award_law.base_salary(DATA["rewards"], dt.date(2024, 6, 30)) is None  # an earlier rate is not in the data
    assert award_law.money_text(DATA["rewards"], "Lao động tiên tiến", "tap_the", dt.date(2025, 9, 1)) == (
        "chưa có mức tiền thưởng có nguồn trong dữ liệu"
    )


def test_kit_packs_lint_reads_the_award_law(tmp_path, capsys):
    pack = tmp_path / "sai"
    shutil.copytree(templates_dir(), pack)
    data = pack / "data" / "award-law.toml"
    data.write_text(
        data.read_text(encoding="utf-8")
        .replace('certificate = "bang-khen"', 'certificate = "bang-khen-vang"')
        .replace('decided_by = ["chu_tich_ubnd_tinh"]\nproposed_by', 'decided_by = ["chu_tich_tinh"]\nproposed_by', 1),
        encoding="utf-8",
    )
    assert main(["packs", "lint", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "[[awards]] Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: certificate 'bang-khen-vang' không có" in out
    assert "[[awards]] Chiến sĩ thi đua cấp tỉnh: decided_by 'chu_tich_tinh' không có trong [[authorities]]" in out


def test_a_rate_that_is_no_number_is_one_line_in_kit_packs_lint(tmp_path, capsys):
    pack = tmp_path / "sai"
    shutil.copytree(templates_dir(), pack)
    rewards = pack / "data" / "rewards.toml"
    rewards.write_text(
        rewards.read_text(encoding="utf-8").replace("ca_nhan = 0.3", 'ca_nhan = "0,3"', 1), encoding="utf-8"
    )
    assert main(["packs", "lint", str(pack)]) == 1
    out = capsys.readouterr().out
    assert '[[rewards]] thứ 3: ca_nhan = "0,3" không hợp lệ — ghi số từ 0 đến 1000, ví dụ ca_nhan = 1.5' in out


def _vb604(month: int, year: int, citation: str) -> list:
    return [f for f in check_document(model(in_month(month, year, citation))) if f.code == "VB604"]


def test_luat_to_chuc_chinh_quyen_dia_phuong_in_force_data():
    # 77/2015/QH13 lapsed on 01/3/2025, replaced by 65/2025/QH15, itself replaced on 16/6/2025 by 72/2025/QH15
    (old,) = _vb604(4, 2025, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert "65/2025/QH15" in old.hint and "65/2025/QH15" in old.source
    (middle,) = _vb604(9, 2025, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/02/2025;")
    assert "72/2025/QH15" in middle.hint
    assert _vb604(9, 2025, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;") == []
    assert _vb604(1, 2025, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;") == []


def test_nd_152_2025_has_no_end_date():
    (entry,) = [t for t in DATA["legal_texts"]["texts"] if t["symbol"] == "152/2025/NĐ-CP"]
    assert "in_force_until" not in entry
    assert _vb604(1, 2027, "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;") == []


def test_the_decision_follows_mau_1_2_and_its_list_is_attached_to_the_decision():
    # H9: Phụ lục III Mẫu 1.2 is the Quyết định (Mẫu 1.1 is the Nghị quyết); the list is "kèm theo Quyết định".
    pack = builtin_pack()
    decision = pack.template("quyet-dinh-khen-thuong").legal_basis
    assert "Mẫu 1.2" in decision and "Mẫu 1.1" not in decision
    listed = pack.template("danh-sach-kem-theo-quyet-dinh").legal_basis
    assert listed.startswith("Danh sách kèm theo Quyết định") and "Tờ trình" not in listed


def _book(tmp_path, data):
    from kit.app import workbook_bytes

    path = tmp_path / "hs.xlsx"
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    return path


def test_the_90_percent_is_the_provinces_council_not_the_proposing_units(tmp_path):
    # H5: NĐ 98/2023 Điều 30.7's 90 % for Chiến sĩ thi đua cấp tỉnh is the vote of the provincial council; the
    # Sở's own council, which proposes it, only holds its ballot. 6 of 7 (85,71 %) in March 2025 is no error.
    import copy

    from kit.app import dossier, load_sample

    data = load_sample(Path(__file__).resolve().parent.parent / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
    data = copy.deepcopy(data)
    data["danh_sach"][2]["hinh_thuc"] = "Chiến sĩ thi đua cấp tỉnh"
    data["ho_so"].update(ngay_to_trinh=dt.date(2025, 3, 14), ke_hoach_phat_dong=None)
    data["bien_ban"]["ngay_hop"] = dt.date(2025, 3, 12)
    data["khen_thuong"] = []
    data.pop("quyet_dinh")
    result = dossier(_book(tmp_path, data), tmp_path / "out")
    assert not [str(w) for w in result.warnings if "Hoàng Minh Châu” đạt" in str(w)]
    # At or under half of all members: a warning (no national source), the dossier is still written.
    data["phieu"][2][1] = 3
    (tmp_path / "b").mkdir()
    result = dossier(_book(tmp_path / "b", data), tmp_path / "b" / "out")
    (short,) = [str(w) for w in result.warnings if "Hoàng Minh Châu” đạt" in str(w)]
    assert "đạt 3/7 phiếu (42,86%), chưa quá 50% của Chiến sĩ thi đua cấp tỉnh" in short
