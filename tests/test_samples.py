"""The bundled samples reproduce the real plans in tests/data/seeds, with only the listed corrections."""

import difflib
from pathlib import Path

import pytest

from kit.app import load_sample, render_workbook
from tests.seedtext import apply_corrections, document_atoms, seed_atoms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
# The samples taken from real plans (the others are examples made for the kit).
SAMPLES = sorted(path for path in (ROOT / "samples").glob("*.toml") if "seed" in load_sample(path)["sample"])


def test_there_is_a_sample_for_each_seed():
    assert SEEDS.is_dir(), f"{SEEDS} is missing: the seed texts are part of the repository"
    seeds = {path.name for path in SEEDS.glob("*.txt")}
    assert seeds and seeds == {load_sample(path)["sample"]["seed"] for path in SAMPLES}


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_reads_like_the_issued_plan(sample):
    data = load_sample(sample)
    seed_text = (SEEDS / data["sample"]["seed"]).read_text(encoding="utf-8")
    expected = apply_corrections(seed_atoms(seed_text), data["sample"].get("corrections", []))
    has_number = any(atom.startswith("Số:") for atom in expected[:3])
    actual = document_atoms(render_workbook(sample.with_suffix(".xlsx")), with_number_and_date=has_number)
    diff = "\n".join(difflib.unified_diff(expected, actual, "seed (corrected)", "generated", lineterm="", n=1))
    assert actual == expected, diff


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_every_listed_correction_is_needed(sample):
    """Leaving out any one correction breaks the match: the list holds no decoration."""
    data = load_sample(sample)
    raw = seed_atoms((SEEDS / data["sample"]["seed"]).read_text(encoding="utf-8"))
    corrections = data["sample"].get("corrections", [])
    has_number = any(atom.startswith("Số:") for atom in raw[:3])
    actual = document_atoms(render_workbook(sample.with_suffix(".xlsx")), with_number_and_date=has_number)
    assert corrections
    for index in range(len(corrections)):
        assert apply_corrections(raw, corrections[:index] + corrections[index + 1 :]) != actual, corrections[index][
            "why"
        ]
