"""docs/fields/ is what the field catalogue and the forms' samples say now (make fields rewrites it)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import field_docs  # noqa: E402


def test_the_field_pages_are_up_to_date():
    stale = [path.relative_to(ROOT).as_posix() for path in field_docs.stale()]
    assert stale == [], "run `make fields` (python tools/field_docs.py --write) and commit docs/fields/"


def test_each_page_lists_the_fields_with_an_example_from_the_sample():
    page = (ROOT / "docs" / "fields" / "ho-so-khen-thuong.md").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith("| `nhom[].muc[].ten_day_du` |"))
    assert "| chữ |" in row and "Ông Nguyễn Văn An" in row and "Danh sách › Họ và tên / Tên tập thể" in row
    assert "## `bao-cao-thanh-tich`" in page
    index = (ROOT / "docs" / "fields" / "README.md").read_text(encoding="utf-8")
    assert "[ke-hoach-phat-dong.md](ke-hoach-phat-dong.md)" in index


def test_a_changed_or_left_over_page_is_stale(tmp_path, monkeypatch):
    monkeypatch.setattr(field_docs, "FOLDER", tmp_path)
    for path, text in field_docs.pages().items():
        path.write_text(text, encoding="utf-8")
    assert field_docs.stale() == []
    (tmp_path / "ke-hoach.md").write_text("cũ\n", encoding="utf-8")
    (tmp_path / "mau-da-xoa.md").write_text("", encoding="utf-8")
    assert [path.name for path in field_docs.stale()] == ["ke-hoach.md", "mau-da-xoa.md"]
