"""The award decision and its attached list as the signer and the văn thư read them (kit decision)."""

import copy
from pathlib import Path

import docx
import pytest

from kit.app import check, load_sample, workbook_bytes
from kit.app.decision import decision
from kit.cli import main
from kit.errors import WorkbookError
from tests.conftest import Reader

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
OWN = load_sample(ROOT / "samples" / "ho-so-thuong-xuyen-so-noi-vu.toml")  # the Giám đốc Sở's own decision


def sample(**sheets) -> dict:
    data = copy.deepcopy(SAMPLE)
    for key, value in sheets.items():
        if isinstance(value, dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def book(tmp_path: Path, data=None, name="hs.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", data or SAMPLE))
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qd")
    return decision(book(tmp), tmp / "out")


def paragraphs(path: Path) -> list[str]:
    return Reader(docx.Document(str(path))).body_paragraphs()


def all_text(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_files_written(made):
    assert sorted(p.name for p in made.files) == ["04-quyet-dinh.docx", "05-danh-sach-kem-theo-quyet-dinh.docx"]
    assert made.folder.name == "hs-quyet-dinh"
    assert made.register is not None and made.register.added == 5


def test_the_decision_reads_as_a_decision(made):
    text = paragraphs(made.folder / "04-quyet-dinh.docx")
    at = text.index("QUYẾT ĐỊNH")
    assert text[at + 1] == "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân\u00a0tỉnh"
    assert text[at + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    can_cu = [line for line in text if line.startswith("Căn cứ")]
    # the law and decree in force on the decision's date (26/9/2025), the functions, the regulation,
    # the council's Biên bản by number and date
    assert can_cu == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",  # a law is cited without its number
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực "
        "thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Quyết định số 15/2024/QĐ-UBND ngày 20 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh ban hành Quy chế công tác thi đua, "
        "khen thưởng trên địa bàn tỉnh Lạng Sơn;",
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở Nội vụ số 09/BB-SNV ngày 12 tháng 9 năm 2025;",
    ]
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 112/TTr-SNV ngày 15 tháng 9 năm 2025." in text
    articles = [line for line in text if line.startswith("Điều ")]
    assert [line.split(".")[0] for line in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    # the same awards and counts as the dossier's list: 4 individuals and 1 collective
    assert articles[0].startswith(
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 04 cá nhân và 01 tập thể đã có thành tích xuất sắc"
    )
    assert articles[0].endswith("(có danh sách kèm theo).")
    # The Bằng khen carries money (NĐ 152/2025 Điều 54): individuals and collectives apart, each with its multiple,
    # the amount on the decision's date (× 2.340.000 đồng, rounded up to tens of thousands) and its source.
    money = [line for line in text if line.startswith("- ") and "lương cơ sở" in line]
    assert money == [
        "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân): mỗi cá nhân được thưởng 1,5 lần mức lương cơ sở, "
        "bằng 3.510.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 54 khoản 1 điểm b);",
        "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (tập thể): mỗi tập thể được thưởng 3,0 lần mức lương cơ sở, "
        "bằng 7.020.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 54 khoản 1 điểm b).",
    ]
    assert articles[2].startswith("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, các cá nhân")
    full = all_text(made.folder / "04-quyet-dinh.docx")
    assert "- Như Điều 3;\n- Chủ tịch, các PCT UBND tỉnh;\n- Sở Tài chính;\n- Lưu: VT, NV." in full
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in full and "Hà Văn Sơn" in full
    assert "Số: 1520/QĐ-UBND" in full and "Lạng Sơn, ngày 26 tháng 9 năm 2025" in full


def test_the_attached_list_is_grouped_and_numbered_as_the_danh_sach(made):
    reader = Reader(docx.Document(str(made.folder / "05-danh-sach-kem-theo-quyet-dinh.docx")))
    text = reader.body_paragraphs()
    assert (
        "(Kèm theo Quyết định số 1520/QĐ-UBND ngày 26 tháng 9 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn)"
        in text
    )
    rows = reader.rows(reader.tables()[0])
    people = [row for row in rows[1:] if len(row) > 2]
    assert [(row[0], row[1], row[4]) for row in people] == [
        ("1", "Nguyễn Văn An", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("2", "Lê Thị Bình", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("3", "Hoàng Minh Châu", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("4", "Vi Thị Dung", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("1", "Phòng Tổ chức, biên chế", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ]
    groups = [row[0] for row in rows[1:] if len(set(row)) == 1]
    assert groups == ["I. CÁ NHÂN", "II. TẬP THỂ"]


def test_kit_check_finds_nothing_in_the_decision_and_its_list(made):
    for result in check(made.files):
        assert [f"{f.code} {f.message}" for f in result.findings] == [], result.path


def test_without_reward_money_article_3_becomes_article_2(tmp_path):
    out = decision(book(tmp_path, sample(quyet_dinh={"tien_thuong": "khong"})), tmp_path / "out")
    text = paragraphs(out.folder / "04-quyet-dinh.docx")
    assert [line.split(".")[0] for line in text if line.startswith("Điều ")] == ["Điều 1", "Điều 2"]
    assert not any("lương cơ sở" in line for line in text)
    assert "- Như Điều 2;" in all_text(out.folder / "04-quyet-dinh.docx")
    assert [r for r in check(out.files) if r.findings] == []


def test_an_award_without_a_sourced_rate_is_named_in_a_warning_never_dropped(tmp_path, monkeypatch):
    import shutil

    from kit.resources import templates_dir

    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "home"))
    # A pack whose data has no collective rate for the Bằng khen (a copy of the built-in one, the line left out).
    pack = tmp_path / "packs" / "lang-son"
    shutil.copytree(templates_dir(), pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('id = "builtin"', 'id = "lang-son"', 1), "utf-8")
    rewards = pack / "data" / "rewards.toml"
    text = rewards.read_text(encoding="utf-8")
    entry = 'name = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"\nca_nhan = 1.5\ntap_the = 3.0\n'
    assert entry in text
    rewards.write_text(text.replace(entry, entry.replace("tap_the = 3.0\n", "")), encoding="utf-8")
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    from kit.packs import get_pack

    path = tmp_path / "hs.xlsx"
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", SAMPLE, pack=get_pack("lang-son")))
    out = decision(path, tmp_path / "out")
    money = [line for line in paragraphs(out.folder / "04-quyet-dinh.docx") if "lương cơ sở" in line]
    assert [line.split(":")[0] for line in money[1:]] == ["- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân)"]
    assert [str(w) for w in out.warnings if "tiền thưởng" in str(w)] == [
        "hs.xlsx, sheet 'Quyết định', ô B12 (Ghi tiền thưởng (Điều 2)): dữ liệu của gói không có mức tiền thưởng (có "
        "nguồn) cho Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (tập thể) nên Điều 2 không ghi tiền thưởng của hình "
        "thức này — ghi tiền thưởng vào Quyết định bằng tay, hoặc bổ sung mức thưởng có nguồn vào dữ liệu rewards của gói"
    ]


def test_a_decision_dated_before_the_to_trinh_is_an_error(tmp_path, capsys):
    path = book(tmp_path, sample(quyet_dinh={"ngay_quyet_dinh": SAMPLE["ho_so"]["ngay_to_trinh"].replace(day=14)}))
    assert main(["decision", str(path), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        "Lỗi: hs.xlsx, sheet 'Quyết định', ô B2 (Ngày Quyết định): Quyết định ngày 14/09/2025, trước ngày Tờ trình (15/09/2025)"
        " — Quyết định ban hành sau Tờ trình đề nghị: sửa ngày Quyết định hoặc ngày Tờ trình"
    )
    assert not (tmp_path / "out").exists()


def test_a_decision_naming_someone_the_council_did_not_approve_is_an_error(tmp_path):
    # Vi Thị Dung: 3 of 7 votes, under the majority a Bằng khen needs; no national text sets that majority
    # (domain H5): the decision is warned at the vote's cell, unless the province's pack confirms its threshold
    votes = [row if row[0] != "Vi Thị Dung" else ["Vi Thị Dung", 3] for row in SAMPLE["phieu"]]
    (tmp_path / "a").mkdir()
    warned = decision(book(tmp_path / "a", sample(phieu=votes)), tmp_path / "a" / "out")
    assert any("“Vi Thị Dung” đạt 3/7 phiếu" in str(w) for w in warned.warnings)
    # someone with no vote at all is an error: nothing is written
    with pytest.raises(WorkbookError) as caught:
        decision(book(tmp_path, sample(phieu=SAMPLE["phieu"][:-1]), "hs2.xlsx"), tmp_path / "out")
    assert any("“Phòng Tổ chức, biên chế” chưa có kết quả bỏ phiếu" in line for line in caught.value.lines())
    assert not (tmp_path / "out").exists()


def test_missing_decision_fields_are_named(tmp_path):
    with pytest.raises(WorkbookError) as caught:
        decision(book(tmp_path, sample(quyet_dinh={"de_nghi_cua": "", "nguoi_ky_qd": ""})), tmp_path / "out")
    assert caught.value.lines() == [
        "hs.xlsx, sheet 'Quyết định', ô B10 (Theo đề nghị của): Quyết định cần thông tin này — ghi chức danh người đề nghị, "
        "ví dụ: Giám đốc Sở Nội vụ",
        "hs.xlsx, sheet 'Quyết định', ô B16 (Họ tên người ký): Quyết định cần thông tin này — ghi họ tên người ký Quyết định",
    ]


def test_without_a_decision_date_the_dossier_has_no_decision_and_kit_decision_says_why(tmp_path, capsys):
    data = sample()
    del data["quyet_dinh"]
    path = book(tmp_path, data)
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs"), "-q"]) == 0
    assert not list((tmp_path / "hs").rglob("*quyet-dinh*"))
    capsys.readouterr()
    assert main(["decision", str(path), "-o", str(tmp_path / "out")]) == 3
    assert capsys.readouterr().err.strip() == (
        "Lỗi: hs.xlsx, sheet 'Quyết định': chưa có Ngày Quyết định — điền ngày và các thông tin của Quyết định rồi chạy lại"
    )


def test_a_workbook_made_before_the_decision_sheet_still_gives_its_dossier(tmp_path):
    import openpyxl

    path = book(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["Quyết định"]
    wb.save(path)
    assert main(["dossier", str(path), "-o", str(tmp_path / "hs"), "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "hs" / "hs").glob("*.docx")) == [
        "01-to-trinh.docx",
        "02-bien-ban.docx",
        "03-danh-sach.docx",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        ("Ủy ban nhân dân tỉnh Cao Bằng", "Hội đồng Thi đua - Khen thưởng"),
        ("Ủy ban nhân dân\ntỉnh Cao Bằng", "Hội đồng\nThi đua - Khen thưởng"),
    ],
    ids=["one line", "Alt+Enter"],
)
def test_header_and_signature_break_where_a_clerk_would(tmp_path, typed):
    """The decision's header and signer's title break as the Tờ trình's do (or where the user typed
    Alt+Enter): never "ỦY BAN NHÂN DÂN TỈNH / CAO BẰNG" nor "TM. HỘI ĐỒNG THI ĐUA - KHEN / THƯỞNG"."""
    issuer, council = typed
    data = sample(
        quyet_dinh={
            "co_quan_chu_quan_qd": None,
            "co_quan_quyet_dinh": issuer,
            "tham_quyen_ky_qd": "TM.",
            "chuc_vu_thu_truong_qd": council,
            "chuc_vu_nguoi_ky_qd": "Chủ tịch",
        }
    )
    made = decision(book(tmp_path, data), tmp_path / "out")
    document = Reader(docx.Document(str(made.folder / "04-quyet-dinh.docx")))
    header = [p for p in document.cell_paragraphs(document.tables()[0], 0, 0) if p]
    assert header[0] == "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG"
    signature = document.cell_paragraphs(document.tables()[-1], 0, 1)
    # no blank line inside the title; the signer's name follows it (the space for the signature is spacing)
    assert signature == ["TM. HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH", "Hà Văn Sơn"]


@pytest.mark.parametrize(
    ("parent", "issuer", "lines"),
    [
        (None, "Ủy ban nhân dân xã Hòa An", ["ỦY BAN NHÂN DÂN\nXÃ HÒA AN"]),
        (None, "Ủy ban nhân dân Thành phố Hồ Chí Minh", ["ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"]),
        (
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Sở Giáo dục và Đào tạo",
            ["ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
        ),
    ],
)
def test_header_never_breaks_inside_a_place_name(tmp_path, parent, issuer, lines):
    data = sample(quyet_dinh={"co_quan_chu_quan_qd": parent, "co_quan_quyet_dinh": issuer})
    made = decision(book(tmp_path, data), tmp_path / "out")
    document = Reader(docx.Document(str(made.folder / "04-quyet-dinh.docx")))
    assert [p for p in document.cell_paragraphs(document.tables()[0], 0, 0) if p][: len(lines)] == lines


def test_a_blank_cited_number_never_breaks_a_line(tmp_path):
    """A number the văn thư fills in later is blank: its spaces are no-break spaces, so Word never
    breaks the line inside it ("Tờ trình số      /TTr-" | "SNV")."""
    data = sample(quyet_dinh={"so_quyet_dinh": None})
    data["ho_so"]["so_to_trinh"] = None
    data["bien_ban"]["so_bien_ban"] = None
    made = decision(book(tmp_path, data), tmp_path / "out")
    blank = "số" + "\u00a0" * 6 + "/"
    text = all_text(made.folder / "04-quyet-dinh.docx")
    assert f"Tờ trình {blank}TTr-SNV ngày 15 tháng 9 năm 2025." in text
    assert f"Khen thưởng Sở Nội vụ {blank}BB-SNV ngày" in text
    assert f"Quyết định {blank}QĐ-UBND" in all_text(made.folder / "05-danh-sach-kem-theo-quyet-dinh.docx")
    assert " /" not in text.replace("Số:      /", "")  # no breakable space before a symbol but the header's


def test_a_title_of_mixed_awards_names_each_verb_once(tmp_path):
    out = decision(book(tmp_path, OWN), tmp_path / "out")
    title = paragraphs(out.folder / "04-quyet-dinh.docx")[1]
    # Was "…tặng Bằng khen … và công nhận danh hiệu Lao động tiên tiến và công nhận danh hiệu … và tặng Giấy khen".
    assert title == (
        "Về việc tặng Giấy khen và công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động "
        "tiên\u00a0tiến"
    )


def test_an_issuer_who_may_not_grant_an_award_is_an_error_at_its_cell_and_nothing_is_written(tmp_path):
    # The Giám đốc Sở Y tế "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" (issue 20): the Chủ tịch decides it.
    data = sample(
        ho_so={"cap_khen_thuong": "Chủ tịch Ủy ban nhân dân tỉnh"},
        quyet_dinh={
            "co_quan_quyet_dinh": "Sở Nội vụ",
            "viet_tat_co_quan_qd": "SNV",
            "tham_quyen_ban_hanh": "Giám đốc Sở Nội vụ",
        },
    )
    with pytest.raises(WorkbookError) as caught:
        decision(book(tmp_path, data), tmp_path / "out")
    lines = caught.value.lines()
    assert lines[0] == (
        "hs.xlsx, sheet 'Danh sách', ô I2 (Hình thức đề nghị): Quyết định: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "do Chủ tịch Ủy ban nhân dân tỉnh quyết định, không thuộc thẩm quyền của Thủ trưởng cơ quan, đơn vị (Giám đốc "
        "Sở, thủ trưởng đơn vị có tư cách pháp nhân) — Thủ trưởng cơ quan, đơn vị (Giám đốc Sở, thủ trưởng đơn vị có "
        "tư cách pháp nhân) lập Tờ trình đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định (Quy định kèm theo Quyết "
        "định 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 5 khoản 2 điểm b; điều của Luật 06/2022/QH15 chưa xác minh)"
    )
    assert [line.split(":")[0] for line in lines] == [
        f"hs.xlsx, sheet 'Danh sách', ô I{n} (Hình thức đề nghị)" for n in range(2, 7)
    ]
    assert not (tmp_path / "out").exists()


def test_the_chairman_may_not_recognise_the_units_own_titles(tmp_path):
    # The reverse (the old sample): the Chủ tịch UBND tỉnh "công nhận" a Sở's Chiến sĩ thi đua cơ sở.
    rows = copy.deepcopy(OWN["danh_sach"])
    data = sample(
        danh_sach=rows,
        ho_so={"cap_khen_thuong": "Giám đốc Sở Nội vụ"},
        phieu=OWN["phieu"],
    )
    with pytest.raises(WorkbookError) as caught:
        decision(book(tmp_path, data), tmp_path / "out")
    assert caught.value.lines()[2].startswith(
        "hs.xlsx, sheet 'Danh sách', ô I4 (Hình thức đề nghị): Quyết định: Chiến sĩ thi đua cơ sở do Thủ trưởng cơ "
        "quan, đơn vị (Giám đốc Sở, thủ trưởng đơn vị có tư cách pháp nhân) hoặc Chủ tịch Ủy ban nhân dân cấp xã quyết "
        "định, không thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh"
    )


def test_a_to_trinh_proposes_only_what_its_addressee_decides(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    rows[2]["hinh_thuc"] = "Chiến sĩ thi đua cơ sở"
    data = sample(danh_sach=rows)
    data.pop("quyet_dinh")
    path = book(tmp_path, data)
    with pytest.raises(WorkbookError) as caught:
        from kit.app import dossier

        dossier(path, tmp_path / "out")
    assert caught.value.lines() == [
        "hs.xlsx, sheet 'Danh sách', ô I4 (Hình thức đề nghị): Tờ trình: Chiến sĩ thi đua cơ sở do Thủ trưởng cơ quan, "
        "đơn vị (Giám đốc Sở, thủ trưởng đơn vị có tư cách pháp nhân) hoặc Chủ tịch Ủy ban nhân dân cấp xã quyết định, "
        "không thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh — Tờ trình gửi Chủ tịch Ủy ban nhân dân tỉnh chỉ đề "
        "nghị hình thức Chủ tịch Ủy ban nhân dân tỉnh quyết định: đưa “Hoàng Minh Châu” sang hồ sơ trình Thủ trưởng cơ "
        "quan, đơn vị (Giám đốc Sở, thủ trưởng đơn vị có tư cách pháp nhân) hoặc Chủ tịch Ủy ban nhân dân cấp xã (Luật "
        "Thi đua, khen thưởng 06/2022/QH15 Điều 80 khoản 1; Nghị định 129/2025/NĐ-CP Điều 59 (cấp xã))"
    ]
    assert not (tmp_path / "out").exists()


def test_the_units_own_decision_pays_every_award_that_carries_money(tmp_path):
    out = decision(book(tmp_path, OWN), tmp_path / "out")
    text = paragraphs(out.folder / "04-quyet-dinh.docx")
    assert "GIÁM ĐỐC SỞ NỘI VỤ" in text
    money = [line for line in text if line.startswith("- ") and "lương cơ sở" in line]
    # 0,3 × 2.340.000 = 702.000, rounded up to tens of thousands: 710.000 (NĐ 152/2025 Điều 49)
    assert [line.split(", bằng ")[1] for line in money] == [
        "710.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 54);",
        "710.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 50 khoản 1 điểm d);",
        "2.340.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 50 khoản 1 điểm c);",
        "1.880.000 đồng (theo Nghị định 152/2025/NĐ-CP Điều 50 khoản 2).",
    ]
    assert out.warnings == []
    for result in check(out.files):
        assert [f"{f.code} {f.message}" for f in result.findings] == [], result.path


def test_every_date_of_a_decision_is_in_one_style(made):
    # NĐ 30, Phụ lục I, II.4 writes "ngày 26 tháng 9 năm 2025"; the căn cứ typed "ngày 20/5/2024" follow it (H9).
    import re

    for path in made.files:
        text = all_text(path)
        assert re.findall(r"ngày \d{1,2}/\d{1,2}/\d{4}", text) == [], path.name
        assert re.findall(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", text), path.name


SECTOR_LAW = """[[authorities]]
id = "bo_truong"
title = "Bộ trưởng"
titles = ["bộ trưởng bộ\\\\b"]
agencies = ["bộ\\\\b"]

[[awards]]
name = "Bằng khen của Bộ trưởng Bộ Nội vụ"
category = "hinh_thuc"
decided_by = ["bo_truong"]
proposed_by = ["thu_truong_co_quan"]
certificate = "bang-khen"
source = "Luật Thi đua, khen thưởng 06/2022/QH15 (ví dụ của một gói ngành)"
certainty = "U"
"""


def test_a_sector_pack_extends_who_may_grant_what(tmp_path, monkeypatch):
    # A ministry's pack adds its minister and the minister's Bằng khen to the built-in award law (merged by
    # id and name); its decisions are then checked against them as the built-in ones are.
    from tests.packs.conftest import LANG_SON, copy_pack

    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "home"))
    pack = copy_pack(LANG_SON, tmp_path / "packs" / "bo-x")
    (pack / "data" / "award-law.toml").write_text(SECTOR_LAW, encoding="utf-8")
    with (pack / "data" / "awards.toml").open("a", encoding="utf-8") as awards:
        awards.write(
            '\n[[awards]]\nname = "Bằng khen của Bộ trưởng Bộ Nội vụ"\nkind = "ca_hai"\nthreshold = 50\nstrict = true\n'
        )
    manifest = pack / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace('id = "lang-son"', 'id = "bo-x"', 1)
        .replace("[data]\n", '[data]\naward_law = "data/award-law.toml"\n', 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    from kit.packs import get_pack

    assert main(["packs", "lint", str(pack)]) == 0
    minister = "Bộ trưởng Bộ Nội vụ"
    data = sample(
        ho_so={"cap_khen_thuong": minister, "kinh_gui": minister},
        quyet_dinh={"co_quan_quyet_dinh": "Bộ Nội vụ", "viet_tat_co_quan_qd": "BNV", "tham_quyen_ban_hanh": minister},
    )
    for row in data["danh_sach"]:
        row["hinh_thuc"] = "Bằng khen của Bộ trưởng Bộ Nội vụ"

    def made(data, folder):
        folder.mkdir()
        path = folder / "hs.xlsx"
        path.write_bytes(workbook_bytes("ho-so-khen-thuong", data, pack=get_pack("bo-x")))
        return decision(path, folder / "out")

    out = made(data, tmp_path / "bo")
    text = paragraphs(out.folder / "04-quyet-dinh.docx")
    assert any(line.startswith("Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Nội vụ cho 04 cá nhân") for line in text)
    assert not [w for w in out.warnings if w.code in ("KIT303", "KIT304", "KIT305")]
    # the Giám đốc Sở may not grant the minister's Bằng khen: refused at the award's cells, naming who decides it
    data["quyet_dinh"].update(
        co_quan_quyet_dinh="Sở Nội vụ", viet_tat_co_quan_qd="SNV", tham_quyen_ban_hanh="Giám đốc Sở Nội vụ"
    )
    with pytest.raises(WorkbookError) as caught:
        made(data, tmp_path / "so")
    assert caught.value.lines()[0].startswith(
        "hs.xlsx, sheet 'Danh sách', ô I2 (Hình thức đề nghị): Quyết định: Bằng khen của Bộ trưởng Bộ Nội vụ do Bộ trưởng "
        "quyết định"
    )
