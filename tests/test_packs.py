import shutil

import pytest

from kit.errors import InputError, UsageError
from kit.packs import builtin_pack, pack_at
from kit.resources import templates_dir


def test_builtin_pack_lists_the_plan_template():
    pack = builtin_pack()
    spec = pack.template("ke-hoach")
    assert (pack.id, spec.type_abbreviation, spec.file.is_file()) == ("builtin", "KH", True)
    with pytest.raises(UsageError, match="các mẫu có sẵn: ke-hoach"):
        pack.template("khong-co")


def test_a_pack_needing_a_newer_kit_is_refused(tmp_path):
    root = tmp_path / "pack"
    shutil.copytree(templates_dir(), root)
    manifest = root / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('min_kit_version = "0.1.0"', 'min_kit_version = "9.0"'),
                        encoding="utf-8")
    with pytest.raises(InputError, match="cần vanban-kit 9.0 trở lên"):
        pack_at(root)
