"""Dossier workbooks for the register's tests, made from the bundled sample (its decision 1520/QĐ-UBND of
26/09/2025 by the Ủy ban nhân dân tỉnh Lạng Sơn, five awardees)."""

from __future__ import annotations

import copy
from pathlib import Path

from kit.app import load_sample, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = load_sample(ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.toml")
# The Sở's own year-end dossier: its Giám đốc decides (245/QĐ-SNV of 26/12/2025) Chiến sĩ thi đua cơ sở for
# Hoàng Minh Châu, Lao động tiên tiến, Giấy khen and Tập thể lao động tiên tiến for the others.
SAMPLE_SO = load_sample(ROOT / "samples" / "ho-so-thuong-xuyen-so-noi-vu.toml")


def dossier_data(**decision) -> dict:
    data = copy.deepcopy(SAMPLE)
    data["quyet_dinh"].update(decision)
    return data


def so_dossier(tmp_path: Path, name: str = "hs-so.xlsx") -> Path:
    """The Sở's own year-end dossier workbook (SAMPLE_SO), its decision included."""
    return dossier(tmp_path, name, data=copy.deepcopy(SAMPLE_SO))


def dossier(tmp_path: Path, name: str = "hs.xlsx", data: dict | None = None, **decision) -> Path:
    path = tmp_path / name
    path.write_bytes(workbook_bytes("ho-so-khen-thuong", data if data is not None else dossier_data(**decision)))
    return path
