"""Builders compute data only: they return (context, problems, warnings) and leave the data as read."""

from __future__ import annotations

import copy

from kit.app.forms import read_filled
from kit.documents import build
from kit.form.read import open_workbook
from tests.conftest import data, write_workbook


def _read(path):
    wb = open_workbook(path)
    try:
        return read_filled(wb, path, "document")
    finally:
        wb.close()


def test_a_builder_reports_its_problems_without_changing_the_data(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx", data(van_ban={"tham_quyen_ky": "KT.", "chuc_vu_nguoi_ky": None}))
    _, spec, read = _read(book)
    values, problems, warnings = copy.deepcopy(read.values), list(read.problems), list(read.warnings)
    context, found, found_warnings = build(spec.builder, read, spec)
    assert read.problems == problems == [] and read.warnings == warnings and read.values == values
    assert [str(p) for p in found] == [
        "k.xlsx, sheet 'Văn bản', ô B13 (Chức vụ người ký): ký KT. thì phải ghi chức vụ người ký — "
        "ví dụ: Phó Chủ tịch (ký KT. Chủ tịch)"
    ]
    assert context["chuc_vu_ky"][0].startswith("KT. ")
    again, found_again, _ = build(spec.builder, read, spec)  # the same data builds the same way twice
    assert again == context and [str(p) for p in found_again] == [str(p) for p in found]
