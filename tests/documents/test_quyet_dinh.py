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
    assert text[at + 1] == (
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh và công nhận danh hiệu Chiến sĩ thi đua cơ\u00a0sở"
    )
    assert text[at + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    can_cu = [line for line in text if line.startswith("Căn cứ")]
    # the law and decree in force on the decision's date (26/9/2025), the functions, the regulation,
    # the council's Biên bản by number and date
    assert can_cu == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",  # a law is cited without its number
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực "
        "thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Quyết định số 15/2024/QĐ-UBND ngày 20/5/2024 của Ủy ban nhân dân tỉnh ban hành Quy chế công tác thi đua, "
        "khen thưởng trên địa bàn tỉnh Lạng Sơn;",
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở Nội vụ số 09/BB-SNV ngày 12/09/2025;",
    ]
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 112/TTr-SNV ngày 15/09/2025." in text
    articles = [line for line in text if line.startswith("Điều ")]
    assert [line.split(".")[0] for line in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    # the same awards and counts as the dossier's list: 3 individuals and 1 collective, 1 individual
    assert articles[0].startswith(
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân và 01 tập thể; "
        "công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 01 cá nhân đã có thành tích xuất sắc"
    )
    assert articles[0].endswith("(có danh sách kèm theo).")
    # reward money only where the pack's data gives a sourced rate: CSTĐ cơ sở, not the Bằng khen
    money = [line for line in text if line.startswith("- ") and "lương cơ sở" in line]
    assert money == ["- Chiến sĩ thi đua cơ sở (cá nhân): mỗi cá nhân được thưởng 1,0 lần mức lương cơ sở."]
    assert articles[2].startswith("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, các cá nhân")
    full = all_text(made.folder / "04-quyet-dinh.docx")
    assert "- Như Điều 3;\n- Chủ tịch, các PCT UBND tỉnh;\n- Sở Tài chính;\n- Lưu: VT, NV." in full
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in full and "Hà Văn Sơn" in full
    assert "Số: 1520/QĐ-UBND" in full and "Lạng Sơn, ngày 26 tháng 9 năm 2025" in full


def test_the_attached_list_is_grouped_and_numbered_as_the_danh_sach(made):
    reader = Reader(docx.Document(str(made.folder / "05-danh-sach-kem-theo-quyet-dinh.docx")))
    text = reader.body_paragraphs()
    assert "(Kèm theo Quyết định số 1520/QĐ-UBND ngày 26/09/2025 của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn)" in text
    rows = reader.rows(reader.tables()[0])
    people = [row for row in rows[1:] if len(row) > 2]
    assert [(row[0], row[1], row[4]) for row in people] == [
        ("1", "Nguyễn Văn An", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("2", "Lê Thị Bình", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("3", "Hoàng Minh Châu", "Chiến sĩ thi đua cơ sở"),
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


def test_reward_money_asked_but_no_sourced_rate_is_a_warning_not_an_article(tmp_path):
    rows = [dict(row, hinh_thuc="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") for row in SAMPLE["danh_sach"]]
    out = decision(book(tmp_path, sample(danh_sach=rows)), tmp_path / "out")
    assert [
        line.split(".")[0] for line in paragraphs(out.folder / "04-quyet-dinh.docx") if line.startswith("Điều ")
    ] == ["Điều 1", "Điều 2"]
    assert [str(w) for w in out.warnings] == [
        "hs.xlsx, sheet 'Quyết định', ô B12 (Ghi tiền thưởng (Điều 2)): dữ liệu của gói không có mức tiền thưởng (có nguồn) "
        "cho hình thức nào trong danh sách nên Quyết định không có điều về tiền thưởng — chọn Không, hoặc bổ sung mức "
        "thưởng vào dữ liệu rewards của gói"
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
    # Vi Thị Dung: 3 of 7 votes, under the majority a Bằng khen needs; the decision names everyone on the list
    votes = [row if row[0] != "Vi Thị Dung" else ["Vi Thị Dung", 3] for row in SAMPLE["phieu"]]
    with pytest.raises(WorkbookError) as caught:
        decision(book(tmp_path, sample(phieu=votes)), tmp_path / "out")
    assert any("“Vi Thị Dung” đạt 3/7 phiếu" in line for line in caught.value.lines())
    # and someone with no vote at all
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
    assert f"Tờ trình {blank}TTr-SNV ngày 15/09/2025." in text
    assert f"Khen thưởng Sở Nội vụ {blank}BB-SNV ngày" in text
    assert f"Quyết định {blank}QĐ-UBND" in all_text(made.folder / "05-danh-sach-kem-theo-quyet-dinh.docx")
    assert " /" not in text.replace("Số:      /", "")  # no breakable space before a symbol but the header's


def test_a_title_of_mixed_awards_names_each_verb_once(tmp_path):
    rows = copy.deepcopy(SAMPLE["danh_sach"])
    for row, award in zip(
        rows,
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen"),
    ):
        row["hinh_thuc"] = award
    out = decision(book(tmp_path, sample(danh_sach=rows)), tmp_path / "out")
    title = paragraphs(out.folder / "04-quyet-dinh.docx")[1]
    # Was "…tặng Bằng khen … và công nhận danh hiệu Lao động tiên tiến và công nhận danh hiệu … và tặng Giấy khen".
    assert title == (
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Giấy khen và công nhận danh hiệu Lao động "
        "tiên tiến, Chiến sĩ thi đua cơ\u00a0sở"
    )
