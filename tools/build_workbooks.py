"""Rebuild the committed workbooks: forms/<form>.xlsx (blank) and samples/<name>.xlsx (filled).

Run `make forms` after changing a form definition (forms/*.toml) or sample data (samples/*.toml);
tests/test_committed_workbooks.py fails while a committed workbook is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kit.app import load_sample, workbook_bytes
from kit.packs import builtin_pack

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    pack = builtin_pack()
    for spec in pack.templates:
        if spec.kind == "part":
            continue  # filled through its dossier's form
        target = ROOT / "forms" / f"{spec.form}.xlsx"
        target.write_bytes(workbook_bytes(spec.id, None, pack))
        print(f"wrote {target.relative_to(ROOT)}")
    for sample in sorted((ROOT / "samples").glob("*.toml")):
        data = load_sample(sample)
        target = sample.with_suffix(".xlsx")
        target.write_bytes(workbook_bytes(data["template"], data, pack))
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
