"""Large award-dossier workbooks for the tests and the benchmarks (bench/run.py, bench/web.py): the sample
dossier with `count` individual candidates, each with the sample's achievements."""

from __future__ import annotations

import copy
from pathlib import Path

from kit.app import load_sample, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam"]


def names(count: int) -> list[str]:
    """`count` distinct Vietnamese names (at most 1,000)."""
    return [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN][:count]


def dossier_data(count: int) -> dict:
    data = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
    people = [row for row in data["danh_sach"] if row["loai"] == "ca_nhan"]
    votes = data["phieu"][0][1]
    data["danh_sach"], data["khen_thuong"], data["phieu"] = [], [], []
    data.pop("quyet_dinh", None)  # the dossier alone, as before the decision sheet: its documents are counted
    for number, name in enumerate(names(count)):
        row = copy.deepcopy(people[number % len(people)])
        row["ten"] = name
        row["gioi_tinh"] = "nu" if " Thị " in name else "nam"
        data["danh_sach"].append(row)
        data["phieu"].append([name, votes])
    return data


def dossier_workbook(path: Path, count: int) -> Path:
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", dossier_data(count)))
    return path
