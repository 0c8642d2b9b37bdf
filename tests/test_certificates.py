"""kit certificates: each field's text read back from the PDF inside its box, shrinking and wrapping,
the calibration page, blank paper, embedded fonts, and the one-line errors."""

import copy
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest

from kit.app import load_sample, workbook_bytes
from kit.cli import main
from kit.cli_hints import cli_hint
from kit.drawing.certificate import MM, find_fonts, layout_of
from kit.errors import InputError
from kit.packs import get_pack

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
LAYOUT = layout_of(get_pack("builtin"))

try:
    find_fonts(LAYOUT.fonts)
except InputError as error:  # a machine without any TrueType font with Vietnamese letters
    pytest.skip(f"no Vietnamese TrueType font on this machine: {error.message}", allow_module_level=True)


def book(tmp_path: Path, data=None) -> Path:
    path = tmp_path / "hs.xlsx"
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", data or SAMPLE))
    return path


def box_text(page, key: str) -> str:
    """The words printed inside the box of field `key` (the box as the pack's data gives it, in mm)."""
    box = next(b for b in LAYOUT.fields if b.key == key)
    # half a point of tolerance: a glyph set at the box's very edge may round to just outside it
    bbox = (box.x * MM - 0.5, box.y * MM - 0.5, (box.x + box.width) * MM + 0.5, (box.y + box.height) * MM + 0.5)
    return " ".join(page.within_bbox(bbox).extract_text().split())


def chars_outside_boxes(page) -> list[str]:
    boxes = [(b.x * MM, b.y * MM, (b.x + b.width) * MM, (b.y + b.height) * MM) for b in LAYOUT.fields]
    return [
        c["text"]
        for c in page.chars
        if not any(
            x0 - 0.5 <= c["x0"] and c["x1"] <= x1 + 0.5 and y0 - 0.5 <= c["top"] and c["bottom"] <= y1 + 0.5
            for x0, y0, x1, y1 in boxes
        )
    ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gk")
    path = book(tmp)
    # the decision first: it writes the register whose numbers the certificates print
    assert main(["decision", str(path), "-o", str(tmp / "out")]) == 0
    assert main(["certificates", str(path), "-o", str(tmp / "out")]) == 0
    return tmp / "out" / "hs-bang-khen.pdf"  # the Chủ tịch's decision: Bằng khen only


def test_one_page_per_awardee_after_the_calibration_page(printed):
    # the Chủ tịch's Bằng khen has its own layout: never the Giấy khen's
    assert sorted(p.name for p in printed.parent.glob("*.pdf")) == ["hs-bang-khen.pdf"]
    with pdfplumber.open(printed) as pdf:
        assert "TRANG CĂN CHỈNH BẰNG KHEN" in pdf.pages[0].extract_text()
        assert len(pdf.pages) == 6
        first = pdf.pages[0]
        assert first.width == pytest.approx(297 * MM) and first.height == pytest.approx(210 * MM)
        assert "TRANG CĂN CHỈNH" in first.extract_text()
        # every box is drawn on the calibration page, where the pack's data puts it
        drawn = {
            (round(r["x0"] / MM, 1), round(r["top"] / MM, 1), round(r["width"] / MM, 1), round(r["height"] / MM, 1))
            for r in first.rects
        }
        assert {(b.x, b.y, b.width, b.height) for b in LAYOUT.fields} <= drawn


def test_each_field_lands_in_its_box(printed):
    with pdfplumber.open(printed) as pdf:
        page = pdf.pages[1]
        assert box_text(page, "tham_quyen") == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
        assert box_text(page, "hinh_thuc") == "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
        assert box_text(page, "ten") == "Ông Nguyễn Văn An"
        assert box_text(page, "chuc_vu_don_vi") == "Trưởng phòng Tổ chức, biên chế, Sở Nội vụ tỉnh Lạng Sơn"
        assert box_text(page, "thanh_tich") == (
            "Đã có thành tích xuất sắc trong phong trào thi đua chào mừng kỷ niệm 80 năm Cách "
            "mạng tháng Tám và Quốc khánh 02/9"
        )
        assert box_text(page, "quyet_dinh") == "Quyết định số 1520/QĐ-UBND ngày 26/9/2025"
        assert box_text(page, "so_vao_so") == "Số vào sổ: 1"
        assert box_text(page, "dia_danh_ngay") == "Lạng Sơn, ngày 26 tháng 9 năm 2025"
        assert box_text(page, "chuc_vu_ky") == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
        assert box_text(page, "nguoi_ky") == "Hà Văn Sơn"
        assert chars_outside_boxes(page) == []
        # a woman, and the collective (no honorific; its unit only), with their register numbers
        assert box_text(pdf.pages[2], "ten") == "Bà Lê Thị Bình"
        assert box_text(pdf.pages[3], "hinh_thuc") == "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
        assert box_text(pdf.pages[3], "so_vao_so") == "Số vào sổ: 3"
        assert box_text(pdf.pages[5], "ten") == "Phòng Tổ chức, biên chế"
        assert box_text(pdf.pages[5], "chuc_vu_don_vi") == "Sở Nội vụ tỉnh Lạng Sơn"


def test_the_fonts_are_embedded(printed):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler) is not installed")
    lines = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True, check=True).stdout.splitlines()[
        2:
    ]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines  # the "emb" column


def test_long_text_is_shrunk_then_wrapped_inside_its_box(tmp_path):
    data = copy.deepcopy(SAMPLE)
    data["ho_so"]["ten_dot"] = (
        "phong trào thi đua yêu nước chào mừng kỷ niệm 80 năm Cách mạng tháng Tám thành công và "
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam, thi đua thực hiện thắng lợi nhiệm vụ "
        "chính trị năm 2025, sắp xếp tổ chức bộ máy chính quyền địa phương hai cấp và chuyển đổi số "
        "trong hoạt động của các cơ quan hành chính nhà nước trên địa bàn tỉnh"
    )
    path = book(tmp_path, data)
    assert main(["certificates", str(path), "-o", str(tmp_path / "out")]) == 0
    with pdfplumber.open(tmp_path / "out" / "hs-bang-khen.pdf") as pdf:
        page = pdf.pages[1]
        assert box_text(page, "thanh_tich") == "Đã có thành tích xuất sắc trong " + data["ho_so"]["ten_dot"]
        assert chars_outside_boxes(page) == []
        box = next(b for b in LAYOUT.fields if b.key == "thanh_tich")
        inside = page.within_bbox((box.x * MM, box.y * MM, (box.x + box.width) * MM, (box.y + box.height) * MM))
        sizes = {round(c["size"], 1) for c in inside.chars}
        lines = {round(c["top"]) for c in inside.chars}
        assert max(sizes) < box.size and min(sizes) >= box.min_size  # shrunk, not below its minimum
        assert len(lines) >= 3  # and wrapped


def test_blank_paper_prints_the_frame_and_the_fixed_text(tmp_path):
    path = book(tmp_path)
    assert main(["certificates", str(path), "-o", str(tmp_path / "a")]) == 0
    assert main(["certificates", str(path), "-o", str(tmp_path / "b"), "--blank"]) == 0
    with (
        pdfplumber.open(tmp_path / "a" / "hs-bang-khen.pdf") as plain,
        pdfplumber.open(tmp_path / "b" / "hs-bang-khen.pdf") as blank,
    ):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in plain.pages[1].extract_text()
        assert plain.pages[1].rects == []
        text = blank.pages[1].extract_text()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        frames = [r for r in blank.pages[1].rects if r["width"] > 250 * MM]
        assert len(frames) == 2 and round(frames[0]["x0"] / MM) == 10
        assert box_text(blank.pages[1], "ten") == "Ông Nguyễn Văn An"


def test_no_register_leaves_the_number_blank_and_says_so(tmp_path, capsys):
    path = book(tmp_path)
    assert main(["certificates", str(path), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "sổ khen thưởng (chưa có sổ) chưa có quyết định này nên giấy khen để trống số vào sổ" in err
    with pdfplumber.open(tmp_path / "out" / "hs-bang-khen.pdf") as pdf:
        assert box_text(pdf.pages[1], "so_vao_so") == "Số vào sổ:"


def test_no_font_is_one_line(tmp_path):
    with pytest.raises(InputError) as caught:
        find_fonts({"regular": ["khong-co-phong-nay.ttf"]}, tmp_path)
    assert caught.value.line() == (
        "không tìm thấy phông chữ có đủ dấu tiếng Việt cho kiểu regular (khong-co-phong-nay.ttf) — cài phông Liberation 2 "
        "hoặc DejaVu, hoặc chỉ ra thư mục chứa tệp phông .ttf"
    )
    assert cli_hint(caught.value.code, caught.value.hint) == (  # the command line names its option
        "cài phông Liberation 2 hoặc DejaVu, hoặc chỉ thư mục chứa tệp .ttf bằng --font-dir hay biến VANBAN_KIT_FONTS"
    )


def test_a_font_folder_that_is_not_a_folder_is_one_line(tmp_path, capsys):
    path = book(tmp_path)
    assert main(["certificates", str(path), "-o", str(tmp_path / "out"), "--font-dir", str(tmp_path / "khong")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--font-dir" in err and "không phải một thư mục" in err


def test_a_font_dir_is_used_first(tmp_path):
    found = find_fonts(LAYOUT.fonts)
    private = tmp_path / "fonts"
    private.mkdir()
    for path in found.values():
        shutil.copy(path, private / path.name)
    assert {style: path.parent for style, path in find_fonts(LAYOUT.fonts, private).items()} == {
        style: private for style in found
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"box": [40, 56, 400, 16]}, "nằm ngoài trang 297 × 210 mm"),
        ({"box": [40, 56]}, "box không phải 4 số — ghi [x, y, rộng, cao] tính bằng mm"),
        ({"style": "dam"}, "style 'dam' không có — dùng một trong: regular, bold, italic, bold_italic"),
        ({"key": "ho_ten"}, "key 'ho_ten' không có — dùng một trong: tham_quyen"),
    ],
)
def test_mistakes_in_the_paper_data_are_one_line(change, message):
    raw = copy.deepcopy(get_pack("builtin").data()["certificate"])
    raw["fields"][1].update(change)
    pack = SimpleNamespace(id="tinh-x", data=lambda: {"certificate": raw})
    with pytest.raises(InputError) as caught:
        layout_of(pack)
    assert caught.value.line().startswith("gói tinh-x, dữ liệu certificate [[fields]] thứ 2: ")
    assert message in caught.value.line() and "\n" not in caught.value.line()


def test_a_little_too_long_stays_on_one_line_smaller_and_a_long_one_wraps():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kit.drawing.certificate import _register_fonts, fit

    font = _register_fonts(find_fonts(LAYOUT.fonts))["regular"]
    text = "Trưởng phòng Tổ chức, biên chế, Sở Nội vụ tỉnh Lạng Sơn"
    width = stringWidth(text, font, 15) * 0.95  # 5 % too wide at 15 pt
    size, lines, fits = fit(text, font, 15, 9, width, 40)
    assert fits and lines == [text] and 14 <= size < 15
    size, lines, fits = fit(text, font, 15, 9, width * 0.6, 40)
    assert fits and len(lines) == 2 and size == 15 and " ".join(lines) == text
    size, lines, fits = fit(text * 4, font, 15, 9, width / 2, 40)
    assert not fits and size == 9  # reported to the user as a field that does not fit


def test_kit_packs_lint_reads_the_certificate_paper(tmp_path, capsys):
    pack = tmp_path / "tinh-x"
    (pack / "data").mkdir(parents=True)
    (pack / "pack.toml").write_text(
        'id = "tinh-x"\ntitle = "X"\nversion = "1.0.0"\nextends = "builtin"\n'
        '[data]\ncertificate = "data/certificate.toml"\n',
        encoding="utf-8",
    )
    (pack / "data" / "certificate.toml").write_text(
        '[[fields]]\nkey = "ten"\nbox = [0, 0, 500, 10]\n', encoding="utf-8"
    )
    assert main(["packs", "lint", str(pack)]) == 1
    out = capsys.readouterr().out
    assert (
        "[data] certificate: lỗi: gói tinh-x, dữ liệu certificate [[fields]] thứ 1: box [0, 0, 500, 10] nằm ngoài trang"
        in out
    )


OWN = load_sample(ROOT / "samples" / "ho-so-thuong-xuyen-so-noi-vu.toml")  # the Giám đốc Sở's own titles


def _text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def test_one_pdf_per_layout_and_no_page_for_an_award_that_carries_money_only(tmp_path, capsys):
    path = book(tmp_path, OWN)
    assert main(["decision", str(path), "-o", str(tmp_path / "out")]) == 0
    assert main(["certificates", str(path), "-o", str(tmp_path / "out")]) == 0
    assert "4 trang: 2 trang căn chỉnh và 1 giấy khen, 1 bằng chứng nhận." in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["hs-bang-chung-nhan.pdf", "hs-giay-khen.pdf"]
    giay_khen = _text(tmp_path / "out" / "hs-giay-khen.pdf")
    assert len(giay_khen) == 2 and "GIẤY KHEN" in giay_khen[1] and "Ông Nguyễn Văn An" in giay_khen[1]
    # Giấy khen: "Số sổ vàng" is the awardee's order in the decision's list (NĐ 98/2023 Điều 104, as the data says)
    assert "Số sổ vàng: 1" in giay_khen[1]
    bang = _text(tmp_path / "out" / "hs-bang-chung-nhan.pdf")
    assert len(bang) == 2 and "CHIẾN SĨ THI ĐUA CƠ SỞ" in bang[1] and "Ông Hoàng Minh Châu" in bang[1]
    assert "Số vào sổ: 3" in bang[1]  # his row in the register
    # Lao động tiên tiến and Tập thể lao động tiên tiến: money only (NĐ 152/2025 Điều 50), no certificate
    everything = " ".join(giay_khen + bang)
    assert "Lê Thị Bình" not in everything and "Phòng Tổ chức, biên chế" not in everything
    # the calibration page speaks Vietnamese labels and says where the layout comes from
    assert "Chức vụ, đơn vị (40, 92, 217×10 mm; cỡ 15, thường, căn giữa)" in giay_khen[0]
    assert "Họ và tên, tên tập thể (40, 78, 217×12 mm; cỡ 22, đậm nghiêng, căn giữa)" in giay_khen[0]
    assert "chuc_vu_don_vi" not in giay_khen[0] and "bold_italic" not in giay_khen[0]
    assert "Mẫu: Nghị định 98/2023/NĐ-CP Điều 104" in giay_khen[0] and "chưa xác minh" in giay_khen[0]


def test_the_user_chooses_which_kinds_to_print(tmp_path, capsys):
    path = book(tmp_path, OWN)
    assert main(["certificates", str(path), "-o", str(tmp_path / "out"), "--kind", "bang-chung-nhan"]) == 0
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["hs-bang-chung-nhan.pdf"]
    assert main(["certificates", str(path), "-o", str(tmp_path / "x"), "--kind", "huan-chuong"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("không có mẫu in huan-chuong — chọn một trong: giay-khen, bang-khen, bang-chung-nhan")
    )
    # the Chủ tịch's decision has Bằng khen only: asking for Giấy khen prints nothing and says why
    (tmp_path / "ct").mkdir()
    assert main(["certificates", str(book(tmp_path / "ct")), "-o", str(tmp_path / "y"), "--kind", "giay-khen"]) == 3
    assert "các mẫu có trong Quyết định: bang-khen" in capsys.readouterr().err


def test_two_namesakes_never_share_a_number(tmp_path):
    import datetime as dt

    data = copy.deepcopy(SAMPLE)
    other = copy.deepcopy(data["danh_sach"][2])
    other.update(ten="Nguyễn Văn An", ngay_sinh=dt.date(1992, 5, 7), chuc_vu="Chuyên viên Văn phòng Sở")
    data["danh_sach"].insert(3, other)
    data["phieu"] = copy.deepcopy(data["phieu"]) + [["Nguyễn Văn An (07/05/1992)", 6]]
    data["phieu"][0][0] = "Nguyễn Văn An (12/04/1978)"
    data["khen_thuong"] = []
    path = book(tmp_path, data)
    assert main(["decision", str(path), "-o", str(tmp_path / "out")]) == 0
    assert main(["certificates", str(path), "-o", str(tmp_path / "out")]) == 0
    pages = _text(tmp_path / "out" / "hs-bang-khen.pdf")[1:]
    numbers = {page.split("Số vào sổ: ")[1].split()[0]: page for page in pages if page.count("Nguyễn Văn An")}
    assert len(numbers) == 2  # each namesake his own register row
    assert {("Trưởng phòng" in page, "Chuyên viên Văn phòng" in page) for page in numbers.values()} == {
        (True, False),
        (False, True),
    }


def test_a_bang_khen_is_never_printed_for_an_issuer_who_may_not_grant_it(tmp_path, capsys):
    # The Giám đốc Sở "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": nothing printed, the award's cell named.
    data = copy.deepcopy(SAMPLE)
    data["quyet_dinh"].update(
        co_quan_quyet_dinh="Sở Nội vụ", viet_tat_co_quan_qd="SNV", tham_quyen_ban_hanh="Giám đốc Sở Nội vụ"
    )
    assert main(["certificates", str(book(tmp_path, data)), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert (
        "sheet 'Danh sách', ô I2 (Hình thức đề nghị): Quyết định: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh do" in err
    )
    assert not list(tmp_path.glob("out/*.pdf"))
