"""A dossier's documents are pack data ([[templates.parts]]): a pack drops, replaces or adds a part;
lint checks the list against the kit's part builders, and no mistake in it reaches a user as a crash."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kit import app
from kit.app.packs import lint
from kit.cli import main
from kit.errors import InputError

DOSSIER = """
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
"""


def _part(template: str, output: str, builder: str) -> str:
    return f'\n[[templates.parts]]\ntemplate = "{template}"\noutput = "{output}"\nbuilder = "{builder}"\n'


def _pack(folder: Path, pack_id: str, parts: str, extra: str = "") -> Path:
    root = folder / pack_id
    root.mkdir(parents=True)
    (root / "pack.toml").write_text(
        f'id = "{pack_id}"\ntitle = "Gói {pack_id}"\nversion = "1.0.0"\nextends = "builtin"\n'
        + DOSSIER
        + parts
        + extra,
        encoding="utf-8",
    )
    return root


@pytest.fixture
def packs(isolated, monkeypatch):
    folder = isolated / "packs"
    folder.mkdir()
    monkeypatch.setenv("KIT_PACKS", str(folder))
    return folder


def _texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_a_pack_without_the_bien_ban_makes_the_dossier_without_it(packs, tmp_path):
    _pack(
        packs,
        "khong-bien-ban",
        _part("to-trinh-khen-thuong", "01-to-trinh.docx", "to_trinh")
        + _part("danh-sach-khen-thuong", "02-danh-sach.docx", "danh_sach")
        + _part("bao-cao-thanh-tich", "bao-cao/{so}-{ten}.docx", "bao_cao_thanh_tich"),
    )
    assert [p for p in lint(packs / "khong-bien-ban") if p.error] == []
    book = app.build_form("ho-so-khen-thuong", tmp_path / "hs.xlsx", sample=True, pack="khong-bien-ban")
    result = app.dossier(book, tmp_path / "ra")
    names = sorted(p.relative_to(result.folder).as_posix() for p in result.files)
    assert "01-to-trinh.docx" in names and "02-danh-sach.docx" in names
    assert not any("bien-ban" in name for name in names)
    reports = [name for name in names if name.startswith("bao-cao/")]
    assert reports and reports[0].startswith("bao-cao/01-")
    assert any("Kính trình" in text for text in _texts(result.folder / "01-to-trinh.docx"))


def test_a_pack_adds_a_part_of_its_own(packs, tmp_path):
    root = _pack(
        packs,
        "them-phan",
        _part("to-trinh-khen-thuong", "01-to-trinh.docx", "to_trinh")
        + _part("tong-hop", "04-tong-hop.docx", "danh_sach"),
        """
[[templates]]
id = "tong-hop"
title = "Bảng tổng hợp đề nghị khen thưởng"
version = "1.0.0"
kind = "part"
document_type = "Bảng tổng hợp"
type_abbreviation = ""
file = "tong-hop.docx"
form = "ho-so-khen-thuong"
builder = "ho_so"
""",
    )
    document = docx.Document()
    document.add_paragraph("BẢNG TỔNG HỢP")
    document.add_paragraph("Đề nghị tặng {{ khen_theo_loai[0].hinh_thuc|join(', ') }} của {{ don_vi }}.")
    document.add_paragraph("{%p for d in danh_sach.dong %}")
    document.add_paragraph("{{ d.nhom or d.ten[0] }}")
    document.add_paragraph("{%p endfor %}")
    document.save(str(root / "tong-hop.docx"))
    book = app.build_form("ho-so-khen-thuong", tmp_path / "hs.xlsx", sample=True, pack="them-phan")
    result = app.dossier(book, tmp_path / "ra")
    texts = _texts(result.folder / "04-tong-hop.docx")
    assert texts[0] == "BẢNG TỔNG HỢP"
    assert texts[1].startswith("Đề nghị tặng ") and texts[1].endswith(" của Sở Nội vụ.")
    assert "I. CÁ NHÂN" in texts
    assert sorted(p.name for p in result.files if p.suffix == ".docx") == ["01-to-trinh.docx", "04-tong-hop.docx"]


@pytest.mark.parametrize(
    "parts, message",
    [
        (
            _part("to-trinh-khen-thuong", "01-to-trinh.docx", "to_trin"),
            "builder 'to_trin' không có — có phải 'to_trinh'?",
        ),
        (
            _part("bien-ban-xet-khen-thuog", "02.docx", "bien_ban"),
            "không có mẫu 'bien-ban-xet-khen-thuog' trong gói — có phải 'bien-ban-xet-khen-thuong'?",
        ),
        (_part("bao-cao-thanh-tich", "bao-cao.docx", "bao_cao_thanh_tich"), "tên tệp cần {so} hoặc {ten}"),
        (_part("ke-hoach", "01.docx", "to_trinh"), "không phải một phần hồ sơ"),
    ],
)
def test_lint_names_each_mistake_in_the_parts_and_the_dossier_exits_3_not_70(packs, tmp_path, capsys, parts, message):
    _pack(packs, "sai", parts)
    problems = [str(p) for p in lint(packs / "sai") if p.error]
    assert any(message in problem for problem in problems), problems
    assert main(["packs", "lint", str(packs / "sai")]) == 1
    capsys.readouterr()
    book = app.build_form("ho-so-khen-thuong", tmp_path / "hs.xlsx", sample=True, pack="sai")
    code = main(["dossier", str(book), "-o", str(tmp_path / "ra")])
    err = capsys.readouterr().err
    if "không phải một phần hồ sơ" in message or "{so}" in message:
        return  # lint's concern; the dossier itself can still be made
    assert code == 3 and err.count("\n") == 1 and err.startswith("Lỗi: gói sai, hồ sơ 'ho-so-khen-thuong'"), err


def test_parts_of_the_wrong_shape_are_one_line_at_reading(packs, tmp_path):
    _pack(
        packs,
        "hong",
        '\n[[templates.parts]]\ntemplate = "to-trinh-khen-thuong"\noutput = "../ra-ngoai.docx"\nbuilder = "to_trinh"\n',
    )
    problems = [str(p) for p in lint(packs / "hong")]
    assert len(problems) == 1 and "output '../ra-ngoai.docx' phải là tên tệp .docx trong thư mục hồ sơ" in problems[0]
    with pytest.raises(InputError, match="phải là tên tệp .docx trong thư mục hồ sơ"):
        from kit.packs import read_manifest

        read_manifest(packs / "hong")
