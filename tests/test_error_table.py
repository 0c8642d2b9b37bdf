"""Every error message in the code has a stable code and is in the table of docs/errors.md (with its
exit code and the fix); the code of a message is found whatever values it carries."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from error_messages import key, messages, read_codes  # noqa: E402

from kit.diagnostics import UNKNOWN_CODE, code_of  # noqa: E402


def test_every_message_in_the_code_is_in_the_table():
    table = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").replace("\\|", "|")
    found = messages()
    assert len(found) > 100
    missing = [f"{m.where}: {m.pattern}" for m in found if key(m) not in table]
    assert not missing, "run `python tools/error_messages.py --write`; missing from docs/errors.md:\n" + "\n".join(
        missing
    )


def test_every_message_has_its_own_stable_code():
    active, given = read_codes()
    missing = sorted({m.pattern for m in messages()} - set(active))
    assert not missing, "run `python tools/error_messages.py --write`; no code yet:\n" + "\n".join(missing)
    assert len(set(active.values())) == len(active)  # one code, one message
    assert all(code.startswith("KIT") and code[3:].isdigit() for code in given)


def test_the_table_is_keyed_on_codes_with_exit_codes_and_fixes():
    rows = [
        line
        for line in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| KIT")
    ]
    active, _ = read_codes()
    assert len(rows) == len(set(active.values()))
    assert all(line.split(" | ")[-2].strip() in {"1", "2", "3", "4"} for line in rows)
    assert [line for line in rows if line.endswith("| — |")] == []  # every message says what to do


def test_a_message_keeps_its_code_whatever_values_it_carries():
    active, _ = read_codes()
    needed = active["chưa điền (bắt buộc)"]
    assert code_of("chưa điền (bắt buộc)") == needed
    missing_file = active["…: không tìm thấy tệp"]
    assert code_of("/tmp/a.xlsx: không tìm thấy tệp — kiểm tra lại đường dẫn") == missing_file
    assert code_of("ke-hoach 2.xlsx: không tìm thấy tệp") == missing_file
    assert code_of("một câu không có trong bảng") == UNKNOWN_CODE
