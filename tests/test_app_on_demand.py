"""kit.app imports each use case when it is first used: `kit check` starts without the workbook, register and
PDF libraries of the others (bench/check.py measures the whole command), and the package still offers the same
names, each the use case's function — also `check`, `dossier` and `fill`, which share their module's name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_check_loads_neither_workbooks_nor_the_register():
    probe = (
        "import sys\nfrom kit.app import check, check_report\n"
        "print(sorted(m for m in ('openpyxl', 'sqlalchemy', 'reportlab', 'jinja2', 'kit.app.dossier', 'kit.app.fill')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_every_name_is_its_modules_object_after_any_import_order():
    # In a fresh process: the modules loaded before the package's names are asked for.
    probe = (
        "import importlib, sys, kit.app\n"
        "for module in ('awarding', 'check', 'dossier', 'fill', 'forms', 'packs', 'pdf'):\n"
        "    importlib.import_module('kit.app.' + module)\n"
        "wrong = [name for name, (module, attribute) in kit.app._HOMES.items()\n"
        "         if getattr(kit.app, name) is not getattr(sys.modules['kit.app.' + module], attribute)]\n"
        "print(wrong, sorted(kit.app.__all__) == sorted(kit.app._HOMES), callable(kit.app.check))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[] True True"


def test_a_dossier_loads_the_register_only_when_there_is_one(tmp_path):
    """No register yet (the user's data folder empty, no KIT_DATABASE_URL): the dossier is made without loading
    SQLAlchemy; once a register exists in that folder, the same dossier is checked against it and its proposals
    recorded there."""
    import os

    from kit.app import load_sample, workbook_bytes

    root = Path(__file__).resolve().parent.parent
    book = tmp_path / "hs.xlsx"
    book.write_bytes(
        workbook_bytes("ho-so-khen-thuong", load_sample(root / "samples" / "ho-so-khen-thuong-so-noi-vu.toml"))
    )
    probe = (
        "import sys\nfrom pathlib import Path\nfrom kit.app import dossier\n"
        f"result = dossier(Path({str(book)!r}), Path({str(tmp_path / 'out')!r}), force=True)\n"
        "print(len(result.documents), 'sqlalchemy' in sys.modules)"
    )
    data_home = tmp_path / "du-lieu"
    env = {name: value for name, value in os.environ.items() if name != "KIT_DATABASE_URL"}
    env["KIT_DATA_HOME"] = str(data_home)
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env, cwd=root)
    count, loaded = first.stdout.split()
    assert int(count) > 3 and loaded == "False"
    assert not any(data_home.rglob("*.sqlite"))

    from kit.register import open_store

    open_store(data_home / "so-khen-thuong.sqlite").close()  # the register a user's first decision creates
    second = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env, cwd=root
    )
    assert second.stdout.split() == [count, "True"], second.stderr
