import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANG_SON = ROOT / "samples" / "packs" / "lang-son"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Discovery confined to the test: an empty user folder, no KIT_PACKS, a working folder without ./packs."""
    monkeypatch.setenv("KIT_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KIT_PACKS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


@pytest.fixture
def lang_son(isolated, monkeypatch):
    """The sample province pack, found through KIT_PACKS."""
    monkeypatch.setenv("KIT_PACKS", str(LANG_SON.parent))
    return LANG_SON


def copy_pack(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
