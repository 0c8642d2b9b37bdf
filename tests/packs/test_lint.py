"""kit packs lint: each problem found, with where it is."""

import docx
import pytest

from kit.app.packs import lint
from kit.cli import main
from tests.packs.conftest import LANG_SON, copy_pack


def _messages(folder):
    return [str(problem) for problem in lint(folder) if problem.error]


@pytest.fixture
def pack(isolated):
    return copy_pack(LANG_SON, isolated / "lang-son")


def _edit(pack, old, new):
    manifest = pack / "pack.toml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_built_in_and_the_sample_pack_are_clean(pack, capsys):
    assert lint(pack) == []
    assert main(["packs", "lint"]) == 0 and capsys.readouterr().out == "0 lỗi, 0 cảnh báo.\n"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('id = "lang-son"', 'id = "Lạng Sơn"', "id 'Lạng Sơn' không hợp lệ"),
        ('version = "1.0.0"\nmin', 'version = "1.0"\nmin', "version '1.0' không theo dạng X.Y.Z"),
        ("maintainer =", 'tinh_thanh = "x"\nmaintainer =', "khóa lạ 'tinh_thanh'"),
        ('file = "templates/ke-hoach.docx"', 'file = "templates/khong-co.docx"', "không có tệp mẫu"),
        ('builder = "ke_hoach"', 'builder = "tu_viet"', "builder 'tu_viet' không có"),
        (
            'awards = "data/awards.toml"',
            'awards = "data/khong-co.toml"',
            "[data] awards: không có tệp data/khong-co.toml",
        ),
        ('off = ["VB703"]', 'off = ["VB201"]', "không được tắt VB201: quy tắc bắt buộc"),
        ('VB701 = "error"', 'VB207 = "warning"', "không được hạ mức của VB207"),
        ('extends = "builtin"', 'extends = "khong-co"', "kế thừa gói 'khong-co' nhưng gói này chưa được cài"),
        ('form = "chuong-trinh"', 'form = "khong-co"', "không có định nghĩa biểu mẫu 'khong-co'"),
    ],
)
def test_manifest_problems(pack, old, new, expected):
    _edit(pack, old, new)
    messages = _messages(pack)
    assert any(expected in message for message in messages), messages
    assert all(str(pack) in message for message in messages)


def _replace_text(path, old, new):
    from docx.text.paragraph import Paragraph

    from kit.docmodel.effective import W

    document = docx.Document(str(path))
    for element in document.element.body.iter(W + "p"):
        for run in Paragraph(element, document).runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                document.save(str(path))
                return
    raise AssertionError(old)


def test_jinja_syntax_error_names_template_and_paragraph(pack):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ trich_yeu }}", "{{ trich_yeu }")
    (message,) = _messages(pack)
    assert "mẫu 'chuong-trinh', chuong-trinh.docx, đoạn 12: lỗi: thẻ “{{ … }}” không đóng hoặc không mở" in message
    assert message.endswith("“{{ trich_yeu }”")


def test_jinja_error_inside_a_tag(pack):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ trich_yeu }}", "{{ trich_yeu | | upper }}")
    (message,) = _messages(pack)
    assert "chuong-trinh.docx, đoạn" in message and "lỗi thẻ Jinja" in message and "trich_yeu" in message


def test_unknown_variable_and_unused_data(pack):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ trich_yeu }}", "{{ tieu_de_rieng }}")
    problems = lint(pack)
    errors = [str(p) for p in problems if p.error]
    warnings = [str(p) for p in problems if not p.error]
    assert any("biến 'tieu_de_rieng' không có trong dữ liệu của mẫu" in m for m in errors), errors
    assert any("dữ liệu 'trich_yeu' không được mẫu dùng" in m for m in warnings), warnings


def test_fixed_text_is_checked_like_a_document(pack):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc")
    assert any("VB203" in m and "chuong-trinh" in m for m in _messages(pack))


def test_unknown_default_choice(pack):
    _edit(pack, 'luu_don_vi = "VP"', 'luu_don_vi = "VP"\ntham_quyen_ky = "KY THAY"')
    assert any("tham_quyen_ky = 'KY THAY' không có trong danh sách chọn" in m for m in _messages(pack))


def test_not_a_pack(isolated, capsys):
    assert "thiếu pack.toml" in _messages(isolated)[0]
    assert main(["packs", "lint", str(isolated)]) == 1
    assert "1 lỗi" in capsys.readouterr().out


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('min_kit_version = "0.1.0"', "min_kit_version = 1", "'min_kit_version' phải là chuỗi"),
        ('[[templates]]\nid = "ke-hoach"', "[[templates]]\nid = 5", "'id' phải là chuỗi"),
        ("[data]", "defaults_x = 1\n[data]", "khóa lạ 'defaults_x'"),
        ('awards = "data/awards.toml"', 'awards = ["data/awards.toml"]', "[data] awards phải là đường dẫn"),
        ('extends = "builtin"', 'extends = ["builtin"]', "'extends' phải là mã một gói"),
        ('off = ["VB703"]', 'off = "VB703"', "[rules] off phải là danh sách mã"),
        (
            "[defaults]",
            '[dossier]\nxac_nhan_cap_trinh = "no"\n\n[defaults]',
            "xac_nhan_cap_trinh không phải true/false",
        ),
    ],
)
def test_a_manifest_of_the_wrong_shape_is_one_clear_error(pack, old, new, message, capsys):
    _edit(pack, old, new)
    assert any(message in m for m in _messages(pack)), _messages(pack)
    assert main(["packs", "lint", str(pack)]) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "line, message",
    [
        ('threshold = "sáu mươi"', "threshold 'sáu mươi' phải là số phần trăm"),
        ("threshold = 120", "threshold '120' phải là số phần trăm"),
        ('kind = "ai_cung_duoc"', "kind 'ai_cung_duoc' không có"),
    ],
)
def test_bad_award_data_is_caught_by_lint_not_by_a_crash_in_dossier(pack, line, message):
    awards = pack / "data" / "awards.toml"
    text = awards.read_text(encoding="utf-8")
    assert "threshold = 90\n" in text
    awards.write_text(text.replace("threshold = 90\n", line + "\n", 1), encoding="utf-8")
    assert any(message in m for m in _messages(pack)), _messages(pack)


@pytest.mark.parametrize(
    "old, new",
    [
        ('file = "templates/ke-hoach.docx"', 'file = "/etc/passwd"'),
        ('file = "templates/ke-hoach.docx"', 'file = "../../ngoai.docx"'),
        ('awards = "data/awards.toml"', 'awards = "../ngoai.toml"'),
    ],
)
def test_paths_in_a_pack_stay_inside_it(pack, old, new):
    _edit(pack, old, new)
    assert any("nằm ngoài thư mục gói" in m for m in _messages(pack)), _messages(pack)


def test_a_form_id_is_an_id_not_a_path(pack):
    _edit(pack, 'form = "chuong-trinh"', 'form = "../../x"')
    assert any("không phải mã biểu mẫu" in m for m in _messages(pack))
