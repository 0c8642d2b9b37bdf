"""The law as of late 2026 in the dossier a văn thư receives: what the Tờ trình cites, which vote
thresholds bind on which dates, a province's own regulation, and the legal texts' periods of force.
Sources are in the data files' comments (templates/data/*.toml)."""

import copy
import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from kit import app as api
from kit.app import dossier, load_sample, workbook_bytes
from kit.errors import WorkbookError
from kit.packs import get_pack, pack_at
from tests.conftest import Reader
from tests.documents.test_ho_so import OWN, SAMPLE, sample
from tests.packs.conftest import LANG_SON, copy_pack

ROOT = Path(__file__).resolve().parents[2]


def _make(tmp_path, data, name="ho-so.xlsx"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    book = tmp_path / name
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    return dossier(book, tmp_path / "out")


def _dated(day: dt.date, base=None, **changes) -> dict:
    """The sample dossier proposed on `day` (without the sample's decision, which is dated 2025); base=OWN:
    the Sở's own titles, which its Giám đốc decides (Hoàng Minh Châu a Chiến sĩ thi đua cơ sở)."""
    data = sample(
        base,
        ho_so={"ngay_to_trinh": day, "ke_hoach_phat_dong": None},
        bien_ban={"ngay_hop": day - dt.timedelta(days=3)},
        **{"khen_thuong": [], **changes},
    )
    data.pop("quyet_dinh", None)
    return data


def _votes(name: str, count: int, others=None) -> list:
    votes = copy.deepcopy(OWN["phieu"])
    for row in votes:
        if row[0] == name:
            row[1] = count
        elif others is not None:
            row[1] = others
    return votes


def _all_present() -> list:
    """The sample's council with every member present (7 votes need 7 members present)."""
    return [row[:3] + ["co_mat"] for row in SAMPLE["thanh_vien"]]


def _paragraphs(path) -> list[str]:
    return Reader(docx.Document(str(path))).body_paragraphs()


def test_laws_are_cited_without_number_in_every_period(tmp_path):
    for day, law in (
        (
            dt.date(2023, 12, 1),
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, "
            "bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
        ),
        # The 2026 amendment is reported by no source fit to cite (templates/data/legal-bases.toml): not cited.
        (dt.date(2026, 11, 2), "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ):
        result = _make(tmp_path / day.isoformat(), _dated(day))
        paragraphs = _paragraphs(result.folder / "01-to-trinh.docx")
        assert paragraphs[3] == law
        assert not any("QH1" in p for p in paragraphs)


AMENDMENT_2026 = (
    "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "khen thưởng ngày 23 tháng 4 năm 2026"
)


def test_a_period_the_pack_has_not_verified_is_cited_with_a_warning_to_compare_it_with_the_text(tmp_path, monkeypatch):
    """A pack that adds the reported 2026 amendment before reading its text marks it verified = false: from
    its date the Tờ trình cites it, and the user is told, at the date's cell, to compare it with the text."""
    decree = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
    bases = (
        f'[[periods]]\nfrom = 2025-07-01\nuntil = 2026-09-30\nlaw = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm '
        f'2022"\ndecree = "{decree}"\n\n[[periods]]\nfrom = 2026-10-01\nlaw = "{AMENDMENT_2026}"\n'
        f'decree = "{decree}"\nverified = false\nsource = "Luật 06/2026/QH16, reported [R]"\n'
    )
    _province(tmp_path, monkeypatch, bases=bases)
    votes = _votes("Hoàng Minh Châu", 7)  # the pack's 90 % for Chiến sĩ thi đua cơ sở
    before = api.dossier(
        _province_book(tmp_path / "a", dt.date(2026, 9, 30), phieu=votes, thanh_vien=_all_present()),
        tmp_path / "a" / "ra",
    )
    assert not any("chưa đối chiếu" in str(w) for w in before.warnings)
    after = api.dossier(
        _province_book(tmp_path / "b", dt.date(2026, 10, 1), phieu=votes, thanh_vien=_all_present()),
        tmp_path / "b" / "ra",
    )
    assert f"Căn cứ {AMENDMENT_2026};" in _paragraphs(after.folder / "01-to-trinh.docx")
    unverified = [str(w) for w in after.warnings if "chưa đối chiếu" in str(w)]
    assert len(unverified) == 1 and unverified[0].startswith("hs.xlsx, sheet 'Hồ sơ', ô ")
    assert AMENDMENT_2026 in unverified[0]


def test_reports_of_the_2022_law_carry_no_dot_thi_dua_title():
    from kit.packs import builtin_pack

    periods = builtin_pack().data()["legal_bases"]["periods"]
    by_start = {p.get("from"): p for p in periods}
    assert "theo đợt" in by_start[None]["report_title"]  # NĐ 91/2017, Mẫu số 07
    for start in (dt.date(2024, 1, 1), dt.date(2025, 7, 1)):
        assert "đợt" not in by_start[start]["report_title"]


def test_each_report_prints_the_kind_of_commendation_of_the_form_in_force(tmp_path):
    """The report's subtitle names the commendation as the form in force does: NĐ 91/2017 Mẫu 07 "theo đợt
    thi đua hoặc theo chuyên đề" narrowed to the dossier's Loại, the 2022 law's forms "thi đua theo chuyên
    đề" whatever is chosen (no đợt thi đua)."""
    for day, chosen, kind in (
        (dt.date(2023, 12, 1), "dot", "Khen thưởng theo đợt thi đua"),
        (dt.date(2023, 12, 1), "chuyen_de", "Khen thưởng theo chuyên đề"),
        (dt.date(2024, 6, 3), "chuyen_de", "Khen thưởng thi đua theo chuyên đề"),
        (dt.date(2024, 6, 3), "dot", "Khen thưởng thi đua theo chuyên đề"),
        (dt.date(2026, 11, 2), "chuyen_de", "Khen thưởng thi đua theo chuyên đề"),
    ):
        data = _dated(day)
        data["ho_so"]["loai_dot"] = chosen
        result = _make(tmp_path / f"{day.isoformat()}-{chosen}", data)
        reports = sorted((result.folder / "bao-cao-thanh-tich").glob("*.docx"))
        assert len(reports) == 5
        for report in reports:
            subtitle = _paragraphs(report)[2]
            assert subtitle.startswith(f"({kind}: Phong trào thi đua chào mừng"), (day, chosen, subtitle)


def test_the_kind_of_commendation_is_narrowed_only_where_the_form_offers_alternatives():
    from kit.documents.ho_so import commendation_kind

    title = "Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc theo chuyên đề"
    assert commendation_kind(title) == "Khen thưởng theo đợt thi đua hoặc theo chuyên đề"
    assert commendation_kind(title, "dot") == "Khen thưởng theo đợt thi đua"
    assert commendation_kind(title, "chuyen_de") == "Khen thưởng theo chuyên đề"
    shorter = "Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc chuyên đề"
    assert commendation_kind(shorter, "chuyen_de") == "Khen thưởng theo chuyên đề"
    only = "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề"
    assert (
        commendation_kind(only, "dot") == commendation_kind(only, "chuyen_de") == "Khen thưởng thi đua theo chuyên đề"
    )


def test_a_pack_whose_periods_name_no_report_title_prints_the_campaign_alone(tmp_path, monkeypatch):
    bases = (
        '[[periods]]\nfrom = 2024-01-01\nlaw = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"\n'
        'decree = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"\nreport_form = ""\n'
        "form_verified = false\n"
    )
    _province(tmp_path, monkeypatch, bases=bases)
    votes = _votes("Hoàng Minh Châu", 7)  # the pack's 90 % for Chiến sĩ thi đua cơ sở
    book = _province_book(
        tmp_path / "a", dt.date(2026, 1, 20), kind="chuyen_de", phieu=votes, thanh_vien=_all_present()
    )
    result = api.dossier(book, tmp_path / "a" / "ra")
    report = sorted((result.folder / "bao-cao-thanh-tich").glob("*.docx"))[0]
    assert _paragraphs(report)[2].startswith("(Thực hiện nhiệm vụ năm")  # the campaign alone


def test_nd_91_2017_took_effect_on_1_october_2017(tmp_path):
    from kit.checks.runner import check_document
    from tests.checks.builder import Spec, model

    spec = Spec(
        date="Lạng Sơn, ngày 15 tháng 9 năm 2017",
        trich_yeu=["Công tác thi đua, khen thưởng năm 2017"],
        body=[
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Sở Nội vụ xây dựng Kế hoạch năm 2017 như sau:",
            "Đẩy mạnh các phong trào thi đua./.",
        ],
    )
    messages = [f.message for f in check_document(model(spec)) if f.code == "VB604"]
    assert any("chưa có hiệu lực (có hiệu lực từ 01/10/2017)" in m for m in messages), messages
    later = spec.but(date="Lạng Sơn, ngày 05 tháng 10 năm 2017")
    assert not [f for f in check_document(model(later)) if f.code == "VB604"]


def test_a_lapsed_decree_is_told_which_text_replaced_it_on_the_documents_date():
    from kit.checks.runner import check_document
    from tests.checks.builder import Spec, model

    def hint(day: str) -> str:
        spec = Spec(
            date=f"Lạng Sơn, ngày {day}",
            trich_yeu=["Công tác thi đua, khen thưởng"],
            body=[
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Sở xây dựng Kế hoạch như sau:",
                "X./.",
            ],
        )
        (finding,) = [f for f in check_document(model(spec)) if f.code == "VB604"]
        return finding.hint

    # NĐ 91/2017 → NĐ 98/2023 (2024 – 30/6/2025) → NĐ 152/2025: the one in force on the date is named.
    assert hint("05 tháng 3 năm 2024") == (
        "dẫn văn bản thay thế đang có hiệu lực: Nghị định 98/2023/NĐ-CP quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng"
    )
    assert "Nghị định 152/2025/NĐ-CP" in hint("05 tháng 01 năm 2026")


def test_a_vote_shortfall_is_an_error_where_nd_98_sets_the_threshold(tmp_path):
    data = _dated(dt.date(2025, 3, 14), OWN, phieu=_votes("Hoàng Minh Châu", 5))
    with pytest.raises(WorkbookError) as caught:
        _make(tmp_path, data)
    assert caught.value.lines() == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô B4 (Số phiếu đồng ý): “Hoàng Minh Châu” đạt 5/7 phiếu (71,43%), dưới mức 80% "
        "của Chiến sĩ thi đua cơ sở — người chưa đạt tỷ lệ phiếu không được đề nghị; bỏ khỏi danh sách hoặc kiểm tra lại số phiếu"
    ]


def test_after_june_2025_an_unconfirmed_threshold_only_warns_and_the_dossier_is_written(tmp_path):
    data = _dated(dt.date(2025, 9, 15), OWN, phieu=_votes("Hoàng Minh Châu", 5))
    result = _make(tmp_path, data)
    assert (result.folder / "01-to-trinh.docx").is_file()
    assert [str(w) for w in result.warnings] == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô B4 (Số phiếu đồng ý): “Hoàng Minh Châu” đạt 5/7 phiếu (71,43%), dưới mức 80% "
        "của Chiến sĩ thi đua cơ sở — chưa có văn bản trong dữ liệu của gói mẫu quy định ngưỡng này cho ngày họp 12/09/2025 "
        "(từ 01/7/2025 tỉnh, bộ, ngành quy định): đối chiếu quy chế thi đua, khen thưởng đang áp dụng; "
        "gói mẫu của tỉnh xác nhận ngưỡng bằng confirmed_from"
    ]


def _province(tmp_path, monkeypatch, awards: str = "", bases: str = "") -> None:
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "home"))
    pack = copy_pack(LANG_SON, tmp_path / "packs" / "lang-son")
    if awards:
        (pack / "data" / "awards.toml").write_text(awards, encoding="utf-8")
    if bases:
        (pack / "data" / "legal-bases.toml").write_text(bases, encoding="utf-8")
        manifest = pack / "pack.toml"
        manifest.write_text(
            manifest.read_text(encoding="utf-8").replace(
                'awards = "data/awards.toml"', 'awards = "data/awards.toml"\nlegal_bases = "data/legal-bases.toml"'
            ),
            encoding="utf-8",
        )
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))


def _province_book(tmp_path, day: dt.date, kind: str | None = None, **changes):
    data = _dated(day, OWN, **changes)
    if kind is not None:
        data["ho_so"]["loai_dot"] = kind
    book = tmp_path / "hs.xlsx"
    book.parent.mkdir(parents=True, exist_ok=True)
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data, pack=get_pack("lang-son")))
    return book


BAC_NINH = (
    '[[regulations]]\ncitation = "Quyết định số 86/2025/QĐ-UBND ngày 03/12/2025 của Ủy ban nhân dân tỉnh Bắc Ninh '
    'ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Bắc Ninh"\nfrom = 2025-12-15\n'
    'source = "QĐ 86/2025/QĐ-UBND, in force 15/12/2025"\n'
)


def test_a_province_regulation_is_cited_from_its_effective_date(tmp_path, monkeypatch):
    _province(tmp_path, monkeypatch, bases=BAC_NINH)
    votes = _votes("Hoàng Minh Châu", 7)  # the pack's 90 % for Chiến sĩ thi đua cơ sở
    members = _all_present()
    before = api.dossier(
        _province_book(tmp_path / "a", dt.date(2025, 12, 12), phieu=votes, thanh_vien=members), tmp_path / "a" / "ra"
    )
    after = api.dossier(
        _province_book(tmp_path / "b", dt.date(2026, 1, 20), phieu=votes, thanh_vien=members), tmp_path / "b" / "ra"
    )
    assert not any("86/2025" in p for p in _paragraphs(before.folder / "01-to-trinh.docx"))
    paragraphs = _paragraphs(after.folder / "01-to-trinh.docx")
    assert (
        paragraphs[3] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    )  # the law, the decree, then the province
    assert paragraphs[4].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP")
    assert paragraphs[5] == (
        "Căn cứ Quyết định số 86/2025/QĐ-UBND ngày 03/12/2025 của Ủy ban nhân dân tỉnh Bắc Ninh ban hành "
        "Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Bắc Ninh;"
    )


def test_a_confirmed_threshold_of_90_means_90_or_more_unless_strict(tmp_path, monkeypatch):
    members = _all_present()
    members += [[f"Thành viên {n}", "Chuyên viên", "uy_vien", "co_mat"] for n in range(3)]  # 10 members, all present
    awards = (
        '[[awards]]\nname = "Chiến sĩ thi đua cơ sở"\nthreshold = 90\nconfirmed_from = 2025-07-01\n'
        'source = "quy chế của tỉnh (ví dụ)"\n'
    )
    _province(tmp_path, monkeypatch, awards=awards)
    book = _province_book(
        tmp_path / "a", dt.date(2025, 9, 15), thanh_vien=members, phieu=_votes("Hoàng Minh Châu", 9, others=10)
    )
    assert api.dossier(book, tmp_path / "a" / "ra").warnings == []  # 9/10 = 90 %: "90 % trở lên"
    _province(tmp_path / "strict", monkeypatch, awards=awards + "strict = true\n")
    book = _province_book(
        tmp_path / "b", dt.date(2025, 9, 15), thanh_vien=members, phieu=_votes("Hoàng Minh Châu", 9, others=10)
    )
    with pytest.raises(WorkbookError, match=r"đạt 9/10 phiếu \(90%\), chưa quá 90% của Chiến sĩ thi đua cơ sở"):
        api.dossier(book, tmp_path / "b" / "ra")


def test_a_pack_lint_accepts_the_new_data_keys(tmp_path, monkeypatch):
    from kit.packs.lint import lint

    _province(tmp_path, monkeypatch, bases=BAC_NINH)
    problems = [str(p) for p in lint(tmp_path / "packs" / "lang-son")]
    assert not [p for p in problems if "khóa lạ" in p or "bảng lạ" in p], problems


DISTRICT = re.compile(r"\b(huyện|quận|thị xã|thị trấn)\b", re.IGNORECASE)


def _dates(value):
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _dates(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dates(item)


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "samples").glob("*.toml")) + sorted((ROOT / "samples" / "packs").glob("*/samples/*.toml")),
    ids=lambda path: path.stem,
)
def test_samples_dated_after_june_2025_name_no_district_level_body(path):
    # Since 01/7/2025 local government has two tiers (province; commune, ward, special zone).
    data = load_sample(path)
    if max(_dates(data), default=dt.date.min) > dt.date(2025, 6, 30):
        assert not [text for text in _texts(data) if DISTRICT.search(text)]


def test_pack_defaults_name_no_district_level_body():
    from kit.packs import builtin_pack

    for pack in (builtin_pack(), pack_at(LANG_SON)):
        assert not [text for text in _texts(pack.defaults) if DISTRICT.search(text)], pack.id


def test_before_july_2025_an_unsourced_threshold_does_not_say_provinces_set_it(tmp_path):
    # 2023: NĐ 91/2017 was in force and the pack's data cite no text for this threshold on that date; the
    # provinces' and ministries' own procedures (NĐ 152/2025, Điều 6.2.c) only begin on 01/7/2025.
    data = _dated(dt.date(2023, 6, 20), OWN, phieu=_votes("Hoàng Minh Châu", 5))
    result = _make(tmp_path, data)
    assert [str(w) for w in result.warnings if "Hoàng Minh Châu" in str(w)] == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô B4 (Số phiếu đồng ý): “Hoàng Minh Châu” đạt 5/7 phiếu (71,43%), dưới mức 80% "
        "của Chiến sĩ thi đua cơ sở — chưa có văn bản trong dữ liệu của gói mẫu quy định ngưỡng này cho ngày họp 17/06/2023: "
        "đối chiếu quy chế thi đua, khen thưởng đang áp dụng; gói mẫu của tỉnh xác nhận ngưỡng bằng confirmed_from"
    ]


def test_votes_outnumbering_the_members_present_are_a_warning(tmp_path):
    # The chair absent (his deputy presides): 6 of 7 present, and 7 votes "đồng ý" recorded. An absent member
    # may give his opinion in writing: the dossier is written, and the user is told to say so in the minutes.
    members = copy.deepcopy(SAMPLE["thanh_vien"])
    for row in members:
        row[3] = "vang" if row[2] == "chu_tich" else "co_mat"
    data = _dated(dt.date(2026, 1, 15), thanh_vien=members, phieu=_votes("Hoàng Minh Châu", 7))
    result = _make(tmp_path, data)
    assert [str(w) for w in result.warnings if "nhiều hơn số thành viên có mặt" in str(w)] == [
        "ho-so.xlsx, sheet 'Kết quả bỏ phiếu', ô B4 (Số phiếu đồng ý): 7 phiếu đồng ý cho “Hoàng Minh Châu” nhiều hơn "
        "số thành viên có mặt (6/7) — nếu thành viên vắng mặt gửi ý kiến bằng văn bản thì ghi rõ trong Biên bản; nếu "
        "không, sửa lại số phiếu hoặc cột Có mặt/Vắng mặt ở sheet Thành viên hội đồng"
    ]


def test_district_level_bodies_in_a_dossier_after_june_2025_are_warned_at_their_cells(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[4].update(
        don_vi_bao_cao="Phòng Giáo dục và Đào tạo huyện Hòa An",
        chu_quan_bao_cao="Ủy ban nhân dân\nhuyện Hòa An",  # typed with Alt+Enter
        chuc_vu_thu_truong_don_vi="Trưởng phòng",
        thu_truong_don_vi="Lục Văn Sơn",
    )
    data = _dated(dt.date(2026, 1, 20), danh_sach=rows)
    data["ho_so"]["co_quan_chu_quan"] = "Ủy ban nhân dân huyện Hòa An"
    warned = [str(w) for w in _make(tmp_path, data).warnings if "cấp tỉnh và cấp xã" in str(w)]
    hint = " — ghi cơ quan cấp tỉnh hoặc cấp xã (xã, phường, đặc khu) thay cho cơ quan cấp huyện"
    assert warned == [
        "ho-so.xlsx, sheet 'Hồ sơ', ô B2 (Cơ quan chủ quản): “Ủy ban nhân dân huyện”: hồ sơ lập từ 01/7/2025, khi "
        "chính quyền địa phương chỉ còn cấp tỉnh và cấp xã" + hint,
        "ho-so.xlsx, sheet 'Danh sách', ô M6 (Đơn vị trên báo cáo (nếu khác)): “Phòng Giáo dục và Đào tạo huyện”: "
        "hồ sơ lập từ 01/7/2025, khi chính quyền địa phương chỉ còn cấp tỉnh và cấp xã" + hint,
        "ho-so.xlsx, sheet 'Danh sách', ô N6 (Cơ quan chủ quản trên báo cáo): “Ủy ban nhân dân huyện”: hồ sơ lập "
        "từ 01/7/2025, khi chính quyền địa phương chỉ còn cấp tỉnh và cấp xã" + hint,
    ]
    # Before 01/7/2025 the district level still existed.
    earlier = _dated(dt.date(2025, 3, 14), danh_sach=rows)
    earlier["ho_so"]["co_quan_chu_quan"] = "Ủy ban nhân dân huyện Hòa An"
    assert not [w for w in _make(tmp_path / "b", earlier).warnings if "cấp tỉnh và cấp xã" in str(w)]


def test_a_district_body_deciding_after_june_2025_is_warned_at_the_decision_sheet(tmp_path):
    data = sample()  # dated September 2025, with its decision
    data["quyet_dinh"] = {**data["quyet_dinh"], "co_quan_quyet_dinh": "Ủy ban nhân dân thị xã Quảng Uyên"}
    warned = [str(w) for w in _make(tmp_path, data).warnings if "cấp tỉnh và cấp xã" in str(w)]
    assert len(warned) == 1 and warned[0].startswith(
        "ho-so.xlsx, sheet 'Quyết định', ô B5 (Cơ quan ban hành Quyết định): “Ủy ban nhân dân thị xã”"
    )
