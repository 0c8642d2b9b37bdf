"""Shared helpers: build a workbook from data, fill it, open the .docx as a reader would."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import signal
from pathlib import Path

import docx
import pytest
from hypothesis import settings
from openpyxl import load_workbook

from kit.app import workbook_bytes
from kit.docmodel.effective import StyleSheet, W, paragraph_text

ROOT = Path(__file__).resolve().parent.parent

# The property tests draw the same examples on every run (CI and a colleague see the same result for the same
# commit); HYPOTHESIS_PROFILE=explore draws new ones each run, to look for what the fixed draw misses. No
# deadline: on a loaded CI machine one slow example is not a bug (speed lives in bench/).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# A suite started in the background by a shell without job control (`.ci/run &`, nohup) has Ctrl+C ignored, and
# every process it starts inherits that: the tests that stop `kit serve` or `kit pdf` with Ctrl+C, as a user does,
# would then see it ignored. Ignored signals pass through exec; a handled one is reset, so handling it here gives
# the kit the user's default back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

BASE_DATA = {
    "template": "ke-hoach",
    "van_ban": {
        "co_quan_chu_quan": "UBND tỉnh Lạng Sơn",
        "co_quan_ban_hanh": "Sở Kế hoạch và Đầu tư",
        "viet_tat_co_quan": "SKHĐT",
        "so_van_ban": 5,
        "dia_danh": "Lạng Sơn",
        "ngay_ban_hanh": dt.date(2021, 1, 5),
        "trich_yeu": "Công tác thi đua, khen thưởng năm 2021",
        "mo_dau": "Căn cứ Luật Thi đua, khen thưởng.",
        "danh_so_tt": "lien_tuc",
        "tham_quyen_ky": "khong",
        "chuc_vu_thu_truong": "Giám đốc",
        "nguoi_ky": "Nguyễn Văn An",
        "luu_don_vi": "VP",
    },
    "de_muc": [
        ["muc", "Mục đích, yêu cầu"],
        ["khoan", "Mục đích"],
        ["doan", "Đẩy mạnh phong trào thi đua."],
        ["muc", "Nội dung"],
        ["bang"],
        ["muc", "Tổ chức thực hiện"],
        ["khoan", "Văn phòng theo dõi, đôn đốc."],
    ],
    "bang_ke_hoach": [
        ["Quý I"],
        ["", "Phát động thi đua", "Văn phòng"],
        ["", "Đăng ký thi đua", "Các phòng"],
        ["Quý II"],
        ["", "Sơ kết 6 tháng", "Văn phòng"],
    ],
    "noi_nhan": [["Sở Nội vụ"], ["Các phòng"]],
}


def data(**changes) -> dict:
    """BASE_DATA with sheet-level replacements; `van_ban` entries are merged."""
    result = copy.deepcopy(BASE_DATA)
    for key, value in changes.items():
        if key == "van_ban":
            result["van_ban"].update(value)
        else:
            result[key] = value
    return result


def write_workbook(path: Path, values: dict | None = None) -> Path:
    path.write_bytes(workbook_bytes("ke-hoach", values if values is not None else data()))
    return path


def edit_workbook(path: Path, edit) -> Path:
    """Apply `edit(workbook)` to a saved workbook, as a user typing in Excel would."""
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def render(tmp_path: Path, values: dict | None = None) -> docx.Document:
    from kit.app import render_workbook

    book = write_workbook(tmp_path / "in.xlsx", values)
    return docx.Document(io.BytesIO(render_workbook(book)))


class Reader:
    """What a reader sees in a rendered document: paragraphs, tables and their formatting."""

    def __init__(self, document: docx.Document):
        self.document = document
        self.styles = StyleSheet.of(document)
        self.body = document.element.body

    def blocks(self):
        """("p", element) and ("tbl", element) of the body in order."""
        for child in self.body:
            if child.tag == W + "p":
                yield "p", child
            elif child.tag == W + "tbl":
                yield "tbl", child

    def body_paragraphs(self) -> list[str]:
        return [paragraph_text(p) for kind, p in self.blocks() if kind == "p" and paragraph_text(p).strip()]

    def tables(self):
        return [element for kind, element in self.blocks() if kind == "tbl"]

    def paragraph(self, text: str):
        for p in self.body.iter(W + "p"):
            if paragraph_text(p) == text:
                return p
        raise AssertionError(
            f"no paragraph {text!r}; paragraphs: {[paragraph_text(p) for p in self.body.iter(W + 'p')]}"
        )

    def run_format(self, text: str):
        p = self.paragraph(text)
        runs = [r for r in p.iter(W + "r") if r.findtext(W + "t")]
        return self.styles.run_format(p, runs[0] if runs else None)

    def paragraph_format(self, text: str):
        return self.styles.paragraph_format(self.paragraph(text))

    @staticmethod
    def rows(table) -> list[list[str]]:
        result = []
        for tr in table.findall(W + "tr"):
            result.append(
                [" ".join(paragraph_text(p) for p in tc.findall(W + "p")).strip() for tc in tr.findall(W + "tc")]
            )
        return result

    @staticmethod
    def cell_paragraphs(table, row: int, column: int) -> list[str]:
        tr = table.findall(W + "tr")[row]
        tc = tr.findall(W + "tc")[column]
        return [paragraph_text(p) for p in tc.findall(W + "p")]


@pytest.fixture
def reader(tmp_path):
    def make(values: dict | None = None) -> Reader:
        return Reader(render(tmp_path, values))

    return make


@pytest.fixture(scope="module", autouse=True)
def _module_register(tmp_path_factory):
    """Fixtures wider than one test (a module's decision) record into a register of their module."""
    patch = pytest.MonkeyPatch()
    patch.setenv("KIT_DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('register') / 'so-khen-thuong.sqlite'}")
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _own_register(tmp_path, monkeypatch):
    """Every test records awards into a register of its own, never into the user's data folder."""
    monkeypatch.setenv("KIT_DATABASE_URL", f"sqlite:///{tmp_path / 'so-khen-thuong.sqlite'}")
