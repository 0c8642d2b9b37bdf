"""Every error message in the code is in the table of docs/errors.md (with its exit code and the fix)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from error_messages import key, messages  # noqa: E402


def test_every_message_in_the_code_is_in_the_table():
    table = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").replace("\\|", "|")
    found = messages()
    assert len(found) > 100
    missing = [f"{m.where}: {m.pattern}" for m in found if key(m) not in table]
    assert not missing, "run `python tools/error_messages.py` and add these to docs/errors.md:\n" + "\n".join(missing)


def test_the_table_gives_exit_codes_and_fixes():
    rows = [line for line in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| Thông báo") and not line.startswith("| ---")]
    assert rows and all(line.split(" | ")[-2].strip() in {"1", "2", "3", "4"} for line in rows)
    assert [line for line in rows if line.endswith("| — |")] == []  # every message says what to do
