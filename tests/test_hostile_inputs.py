"""Small crafted inputs (issue 12, parts 2–5): nothing leaks, nothing hangs or eats the machine, every
refusal is one clear line with exit code 3, and invisible characters do not make a second person."""

import copy
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
