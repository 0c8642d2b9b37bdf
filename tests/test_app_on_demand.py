"""kit.app imports each use case when it is first used: `kit check` starts without the workbook, register and
PDF libraries of the others (bench/check.py measures the whole command), and the package still offers the same
names, each the use case's function — also `check`, `dossier` and `fill`, which share their module's name."""

from __future__ import annotations

import subprocess
import sys


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
