"""Every error message names its code from one table (kit/error_codes.tsv) where it is raised, and is in
the table of docs/errors.md (with its exit code and the fix); no code is worked out from a message's text."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from error_messages import calls, problems, read_codes  # noqa: E402

from kit import diagnostics  # noqa: E402
from kit.errors import InputError, ProblemsError, WorkbookError  # noqa: E402
from kit.form.read import open_workbook  # noqa: E402


def test_every_raise_site_names_a_code_of_the_table_with_the_same_words():
    found = calls()
    assert len(found) > 250
    assert problems() == []


def test_the_table_gives_each_code_once_and_in_the_kit_range():
    lines = [line for line in (ROOT / "kit" / "error_codes.tsv").read_text(encoding="utf-8").splitlines()]
    codes = [line.lstrip("#").split("\t")[0] for line in lines if line.strip() and not line.startswith("# ")]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("KIT") and code[3:].isdigit() for code in codes)


def test_the_docs_table_lists_every_code_in_use_with_exit_code_and_fix():
    rows = [
        line
        for line in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| KIT")
    ]
    active, _ = read_codes()
    used = {m.code for m in calls() if m.code in active}
    assert {row.split(" | ")[0].strip("| ") for row in rows} == used
    assert all(line.split(" | ")[-2].strip() in {"1", "2", "3", "4"} for line in rows)
    assert [line for line in rows if line.endswith("| — |")] == []  # every message says what to do


def test_no_code_is_derived_from_a_message_text():
    assert not hasattr(diagnostics, "code_of")
    with pytest.raises(TypeError):
        InputError("một câu")  # type: ignore[call-arg]  # a message without its code cannot be raised


def test_an_error_carries_the_code_named_where_it_was_raised(tmp_path):
    with pytest.raises(InputError) as caught:
        open_workbook(tmp_path / "khong-co.xlsx")
    assert caught.value.code == "KIT001"
    assert caught.value.hint == "kiểm tra lại đường dẫn"
    assert caught.value.lines() == [f"{tmp_path / 'khong-co.xlsx'}: không tìm thấy tệp — kiểm tra lại đường dẫn"]
    together = ProblemsError([caught.value, InputError("b", code="KIT090")], 3)
    assert together.code == "KIT001" and len(together.lines()) == 2
    assert WorkbookError([]).code == ""


def test_messages_of_the_application_layer_name_no_command_and_no_option():
    """The command line and the web page word their own hints (kit/cli.py CLI_HINTS, kit/web/service.py
    PAGE_HINTS): what kit/app says fits both."""
    import re

    command = re.compile(
        r"\bkit (form|fill|dossier|decision|check|packs|templates|serve|rules|certificates|register|pdf)\b|--[a-z]"
    )
    named = [
        f"{m.where}: {m.pattern} — {m.hint}"
        for m in calls()
        if m.where.startswith("kit/app/") and command.search(f"{m.pattern or ''} {m.hint}")
    ]
    assert named == []
    from kit.cli import cli_hint

    assert "kit decision" in cli_hint("KIT402", "điền số khi văn thư đã cấp rồi lập lại Quyết định")
    assert cli_hint("KIT001", "kiểm tra lại đường dẫn") == "kiểm tra lại đường dẫn"
