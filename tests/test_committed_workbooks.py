"""The workbooks committed for staff to download are what the definitions build today."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kit.app import load_sample, workbook_bytes
from kit.packs import builtin_pack

ROOT = Path(__file__).resolve().parent.parent
HINT = "out of date: run `make forms` and commit the result"


def fingerprint(data: bytes) -> dict:
    """What a user of the workbook sees and the kit reads: sheets, cells, formats, dropdowns, layout."""
    wb = load_workbook(io.BytesIO(data))
    result = {"order": wb.sheetnames}
    for ws in wb.worksheets:
        result[ws.title] = {
            "state": ws.sheet_state,
            "cells": {
                c.coordinate: (c.value, c.number_format, c.font.b, c.alignment.wrap_text)
                for row in ws.iter_rows()
                for c in row
                if c.value is not None
            },
            "validations": sorted(
                (str(v.sqref), v.type, v.formula1, v.formula2, v.prompt, v.error)
                for v in ws.data_validations.dataValidation
            ),
            "freeze": ws.freeze_panes,
            "widths": {key: dim.width for key, dim in ws.column_dimensions.items()},
            "merged": sorted(map(str, ws.merged_cells.ranges)),
        }
    return result


@pytest.mark.parametrize("spec", [s for s in builtin_pack().templates if s.kind != "part"], ids=lambda spec: spec.id)
def test_blank_form_is_up_to_date(spec):
    committed = ROOT / "forms" / f"{spec.form}.xlsx"
    assert committed.is_file(), f"{committed} is missing: run `make forms`"
    assert fingerprint(committed.read_bytes()) == fingerprint(workbook_bytes(spec.id)), f"{committed} {HINT}"


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.toml")), ids=lambda path: path.stem)
def test_sample_workbook_is_up_to_date(sample):
    committed = sample.with_suffix(".xlsx")
    data = load_sample(sample)
    assert committed.is_file(), f"{committed} is missing: run `make forms`"
    assert fingerprint(committed.read_bytes()) == fingerprint(workbook_bytes(data["template"], data)), (
        f"{committed} {HINT}"
    )


def test_fingerprint_sees_a_changed_cell():
    data = workbook_bytes("ke-hoach")
    wb = load_workbook(io.BytesIO(data))
    wb["Văn bản"]["B3"] = "khác"
    changed = io.BytesIO()
    wb.save(changed)
    assert fingerprint(changed.getvalue()) != fingerprint(data)
