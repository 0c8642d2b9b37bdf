"""kit packs lint checks the names a Word template uses against the field catalogue (the list that
`kit templates TEMPLATE --fields` prints), with the closest name when one is misspelled."""

from __future__ import annotations

import shutil

import pytest

from kit.app.packs import lint
from kit.cli import main
from kit.resources import templates_dir
from tests.packs.conftest import LANG_SON, copy_pack
from tests.packs.test_lint import _replace_text


@pytest.fixture
def pack(isolated):
    return copy_pack(LANG_SON, isolated / "lang-son")


def _errors(folder):
    return [str(problem) for problem in lint(folder) if problem.error]


def test_a_misspelled_field_names_the_right_one(pack, capsys):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ trich_yeu }}", "{{ trich_yeuu }}")
    (message,) = _errors(pack)
    assert "mẫu 'chuong-trinh', chuong-trinh.docx: lỗi: biến 'trich_yeuu' không có trong dữ liệu của mẫu" in message
    assert message.endswith("— có phải 'trich_yeu'?")
    assert main(["packs", "lint", str(pack)]) == 1
    assert "có phải 'trich_yeu'?" in capsys.readouterr().out


def test_a_name_far_from_any_field_points_to_the_list(pack, capsys):
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ trich_yeu }}", "{{ zzz }}")
    (message,) = _errors(pack)
    assert message.endswith("biến 'zzz' không có trong dữ liệu của mẫu — xem các trường của mẫu 'chuong-trinh'")
    # the command line names the command that lists them
    assert main(["packs", "lint", str(pack)]) == 1
    assert "xem các trường: kit templates chuong-trinh --fields" in capsys.readouterr().out


DOSSIER_PART = """
[[templates]]
id = "ho-so-khen-thuong"
title = "Hồ sơ đề nghị khen thưởng của tỉnh"
version = "1.0.0"
kind = "dossier"
document_type = "Hồ sơ khen thưởng"
type_abbreviation = ""
file = ""
form = "ho-so-khen-thuong"
builder = "ho_so"

[[templates.parts]]
template = "to-trinh-khen-thuong"
output = "01-to-trinh.docx"
builder = "to_trinh"

[[templates.parts]]
template = "bao-cao-thanh-tich"
output = "bao-cao/{so}-{ten}.docx"
builder = "bao_cao_thanh_tich"

[[templates]]
id = "to-trinh-khen-thuong"
title = "Tờ trình của tỉnh"
version = "1.0.0"
kind = "part"
document_type = "Tờ trình"
type_abbreviation = "TTr"
file = "templates/to-trinh.docx"
form = "ho-so-khen-thuong"
builder = "ho_so"
"""


def test_a_part_using_a_field_of_another_part_is_an_error(isolated):
    """`ly_lich` is a field of the Báo cáo thành tích, not of the Tờ trình: the catalogue of the part's
    builder decides, whatever the sample happens to contain."""
    pack = isolated / "tinh"
    (pack / "templates").mkdir(parents=True)
    (pack / "pack.toml").write_text(
        'id = "tinh"\ntitle = "Gói tỉnh"\nversion = "1.0.0"\nextends = "builtin"\n' + DOSSIER_PART, encoding="utf-8"
    )
    target = pack / "templates" / "to-trinh.docx"
    shutil.copy(templates_dir() / "to-trinh" / "to-trinh.docx", target)
    assert _errors(pack) == []
    _replace_text(target, "{{ so_ky_hieu }}", "{{ so_ky_hieu }} {{ ly_lich.ho_ten }}")
    errors = _errors(pack)
    assert any("to-trinh.docx: lỗi: biến 'ly_lich' không có trong dữ liệu của mẫu" in m for m in errors), errors


def test_a_pack_that_only_replaces_a_part_has_it_rendered_and_checked(isolated):
    """The dossier is inherited from the built-in pack; the pack replaces the Tờ trình's Word file only."""
    pack = isolated / "tinh"
    (pack / "templates").mkdir(parents=True)
    part = DOSSIER_PART[DOSSIER_PART.index('[[templates]]\nid = "to-trinh-khen-thuong"') :]
    (pack / "pack.toml").write_text(
        'id = "tinh"\ntitle = "Gói tỉnh"\nversion = "1.0.0"\nextends = "builtin"\n\n' + part, encoding="utf-8"
    )
    target = pack / "templates" / "to-trinh.docx"
    shutil.copy(templates_dir() / "to-trinh" / "to-trinh.docx", target)
    assert _errors(pack) == []
    _replace_text(target, "{{ so_ky_hieu }}", "{{ so_ki_hieu }}")
    (message,) = _errors(pack)
    assert "mẫu 'ho-so-khen-thuong', to-trinh.docx: lỗi: biến 'so_ki_hieu'" in message
    assert message.endswith("có phải 'so_ky_hieu'?")


def test_a_misspelled_key_of_a_table_row_is_found_without_rendering(pack):
    """`d` is a row of `bang.dong` in `{%tr for d in bang.dong %}`: `d.stt` is checked against the
    keys of those rows, and named with the paragraph it is in."""
    _replace_text(pack / "templates" / "chuong-trinh.docx", "{{ d.tt }}", "{{ d.stt }}")
    (message,) = _errors(pack)
    assert "mẫu 'chuong-trinh', chuong-trinh.docx, đoạn " in message
    assert message.endswith("lỗi: biến 'bang.dong[].stt' không có trong dữ liệu của mẫu — có phải 'bang.dong[].tt'?")


def test_the_key_reader_follows_loops_and_leaves_methods_alone():
    from kit.app.fields import unknown_keys

    source = (
        "{% for n in nhom %}{% for m in n.muc %}{{ loop.index }}. {{ m.ten_day_duu }}{% endfor %}{% endfor %}"
        "{{ bien_ban.x }}{{ kinh_gui[0] }}{{ don_vi.upper() }}{% set b = bien_ban %}{{ b.y }}"
    )
    assert unknown_keys(source, "to_trinh") == [
        (1, "nhom[].muc[].ten_day_duu", "có phải 'nhom[].muc[].ten_day_du'?"),
        (1, "bien_ban.x", "dùng một trong: so, ngay"),
    ]
