"""kit check over a folder hands the largest files to its workers first (both then end together), and
still reports as if it had read the files in the order given: results in that order, and of two unreadable
files the first in that order — even when the other is larger, so read before it."""

import shutil
from pathlib import Path

import pytest

from kit.checks.runner import check_paths
from kit.errors import InputError
from kit.parallel import POOL_THRESHOLD

CORPUS = Path(__file__).parent.parent / "corpus"
SMALL = CORPUS / "65-congvan-vp-ubnd-binhthuan-cu-cong-chuc.docx"
LARGE = CORPUS / "28-baocao-ubnd-lamdong-cchc-2025.docx"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "van-ban"
    folder.mkdir()
    for number in range(POOL_THRESHOLD + 4):  # enough for the workers' pool
        shutil.copy(SMALL if number % 5 else LARGE, folder / f"{number:02d}.docx")
    return folder


def test_results_come_in_the_order_of_the_files(tmp_path):
    folder = _folder(tmp_path)
    results = check_paths([folder])
    assert [result.path.name for result in results] == sorted(path.name for path in folder.iterdir())
    large = {result.path.name: len(result.findings) for result in results if int(result.path.stem) % 5 == 0}
    small = {result.path.name: len(result.findings) for result in results if int(result.path.stem) % 5}
    assert len(set(large.values())) == 1 and len(set(small.values())) == 1  # each copy read as its original
    assert set(large.values()) != set(small.values())


def test_the_first_unreadable_file_in_order_is_reported_not_the_first_read(tmp_path):
    folder = _folder(tmp_path)
    (folder / "03.docx").write_bytes(b"not a zip")
    (folder / "30.docx").write_bytes(b"not a zip either, and longer: read before 03.docx" * 100)
    with pytest.raises(InputError) as raised:
        check_paths([folder])
    assert raised.value.message.startswith("03.docx: không đọc được tệp Word")
