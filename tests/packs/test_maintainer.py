"""The pack maintainer's path: start a pack from the built-in templates, edit it, and have lint say
every mistake at once (unknown keys with the closest known one, defaults no form reads, placeholders
left from `kit packs new`, styles the kit relies on renamed away)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from kit.app.packs import lint, sample_contexts
from kit.cli import main
from kit.packs import builtin_pack, get_pack
from kit.render import render_template


def _texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [re.sub(r"\s+", " ", p.text).strip() for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]


def _problems(folder: Path, errors_only: bool = False) -> list[str]:
    return [str(p) for p in lint(folder) if p.error or not errors_only]


def test_a_pack_started_from_the_builtin_templates_renders_as_they_do(isolated, monkeypatch, capsys):
    packs = isolated / "packs"
    assert main(["packs", "new", "tinh-x", "--from", "builtin", "-o", str(packs / "tinh-x")]) == 0
    folder = packs / "tinh-x"
    assert sorted(p.name for p in (folder / "templates").iterdir()) == [
        "bao-cao-thanh-tich.docx",
        "bien-ban.docx",
        "danh-sach-kem-theo.docx",
        "danh-sach.docx",
        "ke-hoach.docx",
        "quyet-dinh.docx",
        "to-trinh.docx",
    ]
    assert {p.name for p in (folder / "forms").iterdir()} == {
        "ke-hoach.toml",
        "ke-hoach-phat-dong.toml",
        "ho-so-khen-thuong.toml",
    }
    assert len(list((folder / "samples").iterdir())) == 3
    assert _problems(folder, errors_only=True) == []
    monkeypatch.setenv("KIT_PACKS", str(packs))
    copy, builtin = get_pack("tinh-x"), builtin_pack()
    assert all(spec.file.parent == folder / "templates" for spec in copy.templates if spec.kind != "dossier")
    compared = 0
    for spec in builtin.templates:
        if spec.kind == "part":
            continue
        ours = sample_contexts(copy.template(spec.id), copy)
        theirs = sample_contexts(spec, builtin)
        assert set(ours) == set(theirs)
        for name, (template, context) in theirs.items():
            mine_template, mine_context = ours[name]
            assert mine_template.file != template.file  # the copy is used…
            assert _texts(render_template(mine_template.file, mine_context)) == _texts(
                render_template(template.file, context)
            )
            compared += 1
    assert compared >= 10  # …and renders as the built-in templates do


def test_chosen_templates_only_and_an_unknown_one_named(isolated, capsys):
    folder = isolated / "chi-ke-hoach"
    assert main(["packs", "new", "chi-ke-hoach", "ke-hoach", "--from", "builtin", "-o", str(folder)]) == 0
    assert [p.name for p in (folder / "templates").iterdir()] == ["ke-hoach.docx"]
    assert [p.name for p in (folder / "forms").iterdir()] == ["ke-hoach.toml"]
    assert 'id = "ke-hoach"' in (folder / "pack.toml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["packs", "new", "sai", "ke-hoac", "--from", "builtin", "-o", str(isolated / "sai")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "không có mẫu 'ke-hoac' — có phải 'ke-hoach'?" in err


def test_lint_reports_every_mistake_at_once_with_the_closest_key(isolated):
    folder = isolated / "tinh-y"
    assert main(["packs", "new", "tinh-y", "-o", str(folder)]) == 0
    manifest = folder / "pack.toml"
    text = manifest.read_text(encoding="utf-8").replace("dia_danh = ", "dia_dan = ")
    text = text.replace("[rules]", "[dossier]\nxac_nhan = true\n\n[rules]")
    manifest.write_text(text, encoding="utf-8")
    problems = _problems(folder)
    assert any("[defaults]: lỗi: giá trị mặc định lạ 'dia_dan' — có phải 'dia_danh'?" in p for p in problems), problems
    assert any("[dossier]: lỗi: khóa lạ 'xac_nhan' — có phải 'xac_nhan_cap_trinh'?" in p for p in problems), problems
    placeholders = [p for p in problems if "vẫn còn chỗ trống “…”" in p]
    assert placeholders and all(": cảnh báo: " in p for p in placeholders)
    assert any("co_quan_ban_hanh" in p for p in placeholders) and any("don_vi" in p for p in placeholders)


def test_a_manifest_of_the_wrong_shape_lists_all_its_problems(isolated):
    folder = isolated / "hong"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'id = "hong"\ntitle = "Hỏng"\ntemplates = "x"\n[data]\nawards = 3\n[dossier]\nxac_nhan_cap_trinh = "có"\n',
        encoding="utf-8",
    )
    problems = _problems(folder)
    assert any("thiếu 'version'" in p for p in problems)
    assert any("'templates' phải là" in p for p in problems)
    assert any("[data] awards phải là đường dẫn tệp" in p for p in problems)
    assert any("xac_nhan_cap_trinh không phải true/false" in p for p in problems)


def test_unknown_keys_in_data_files_and_parts_are_named(isolated):
    folder = isolated / "du-lieu"
    assert main(["packs", "new", "du-lieu", "-o", str(folder)]) == 0
    (folder / "data").mkdir()
    (folder / "data" / "awards.toml").write_text(
        '[[awards]]\nname = "Giấy khen"\nkind = "ca_hai"\nthreshold = 60\nthreshhold = 70\n', encoding="utf-8"
    )
    manifest = folder / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("[defaults]", '[data]\nawards = "data/awards.toml"\n\n[defaults]'),
        encoding="utf-8",
    )
    problems = _problems(folder)
    assert any("[[awards]] thứ 1: cảnh báo: khóa lạ 'threshhold' — có phải 'threshold'?" in p for p in problems), (
        problems
    )


def test_a_template_whose_line_styles_were_renamed_is_reported(isolated):
    folder = isolated / "doi-kieu"
    assert main(["packs", "new", "doi-kieu", "ke-hoach", "--from", "builtin", "-o", str(folder)]) == 0
    template = folder / "templates" / "ke-hoach.docx"
    with zipfile.ZipFile(template) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/styles.xml"] = (
        parts["word/styles.xml"]
        .replace("VB Gạch ngắn".encode(), b"Gach 1")
        .replace("VB Gạch dưới chữ".encode(), b"Gach 2")
    )
    with zipfile.ZipFile(template, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    problems = _problems(folder)
    assert any("ke-hoach.docx: cảnh báo: mẫu không có kiểu đoạn 'VB Gạch ngắn'" in p for p in problems), problems


@pytest.mark.parametrize("pack", ["builtin"])
def test_the_builtin_pack_has_no_placeholder_or_unknown_key(pack):
    assert [p for p in lint(builtin_pack().root)] == []
