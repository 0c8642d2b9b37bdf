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


def _commands_and_options() -> tuple[set[str], set[str]]:
    """Every command of the `kit` program ("packs lint", "register correct"…) and every long option of any
    of them (--draft, --force…), read from the click application itself."""
    import click

    from kit.cli import cli

    commands, options = set(), set()

    def walk(command: click.Command, prefix: str) -> None:
        for param in command.params:
            options.update(opt for opt in param.opts + param.secondary_opts if opt.startswith("--"))
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                commands.add(prefix + name)
                walk(command.get_command(context, name), prefix + name + " ")

    walk(cli, "")
    return commands, options


# Strings below the adapters that may name a command: what `kit packs new` writes into a new pack's README
# for its maintainer (a file of the pack, read at a terminal, not a message).
COMMAND_LINE_DOCUMENTS = {("kit/packs/manage.py", "# Gói mẫu {id}")}


def _strings_below_the_adapters():
    """(file, line, text) of every string literal of kit/ but the adapters (kit/cli*.py, kit/web/),
    docstrings left out; the pieces of an f-string one by one."""
    import ast

    for path in sorted((ROOT / "kit").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where.startswith(("kit/web/", "kit/cli")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    docstrings.add(id(first.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield where, node.lineno, node.value


def test_no_message_below_the_adapters_names_a_command_or_an_option():
    """What the kit says below the adapters — errors, workbook problems, lint problems, findings, their
    hints — reaches the command line and the web page alike, so it names neither a command of `kit` nor one
    of its options: the command line words its own hint (kit/cli_hints.py CLI_HINTS), the page its own
    (kit/web/service.py PAGE_HINTS)."""
    import re

    commands, options = _commands_and_options()
    assert {"form", "check", "packs lint", "register correct"} <= commands and {"--draft", "--force"} <= options
    named = re.compile(
        r"\bkit (" + "|".join(sorted({c.split()[0] for c in commands})) + r")\b"
        r"|(?<![\w-])(" + "|".join(sorted(options, key=len, reverse=True)) + r")(?![\w-])"
    )
    found = [
        f"{where}:{line}: {text!r}"
        for where, line, text in _strings_below_the_adapters()
        if named.search(text)
        and not re.fullmatch(r"--[a-z-]+", text)  # an argument of another program (git --quiet)
        and not any(where == file and text.startswith(start) for file, start in COMMAND_LINE_DOCUMENTS)
    ]
    assert found == []
    # The scan sees what it looks for: the adapters' own words would be found.
    assert named.search("tạo lại biểu mẫu bằng lệnh kit form") and named.search("dùng --draft để bỏ lưu ý này")
    assert not named.search("hỏi ý kiến các đơn vị --") and not named.search("kit là chương trình")


def test_each_adapter_words_the_hints_its_own_way():
    import re

    from kit.checks.registry import RULES
    from kit.cli_hints import CLI_HINTS, cli_hint
    from kit.web.service import PAGE_HINTS, page_hint

    active, _ = read_codes()
    assert set(CLI_HINTS) | set(PAGE_HINTS) <= set(active) | set(RULES)  # no wording of a message that is gone
    # The page's wordings name no command and no option either (the page's words: a page, a field, a person).
    commands, options = _commands_and_options()
    assert [
        wording
        for wording in PAGE_HINTS.values()
        if re.search(r"\bkit (" + "|".join(c.split()[0] for c in commands) + r")\b|(?<![\w-])--[a-z]", wording)
    ] == []
    # Where the command line has its own wording, it names a command or an option (else it would not need one).
    assert [
        code
        for code, wording in CLI_HINTS.items()
        if not re.search(r"\bkit [a-z]|--[a-z]|KIT_DATABASE_URL|VANBAN_KIT_FONTS", wording)
    ] == []
    assert "kit decision" in cli_hint("KIT402", "điền số khi văn thư đã cấp rồi lập lại Quyết định")
    assert cli_hint("KIT001", "kiểm tra lại đường dẫn") == "kiểm tra lại đường dẫn"
    assert page_hint("KIT001", "kiểm tra lại đường dẫn") == "kiểm tra lại đường dẫn"
    # a wording quotes the values the message carries; without them, the kit's own hint stays
    values = {"number": "5/QĐ-X", "issuer": "UBND X", "year": "2025", "date": "02/01/2026"}
    assert cli_hint("KIT455", "ghi việc sửa ngày", values).endswith(
        'kit register correct "5/QĐ-X" --issuer "UBND X" --year 2025 --date 02/01/2026'
    )
    assert "“5/QĐ-X”" in page_hint("KIT455", "ghi việc sửa ngày", values)
    assert cli_hint("KIT455", "ghi việc sửa ngày") == page_hint("KIT455", "ghi việc sửa ngày") == "ghi việc sửa ngày"
    # what is put in stays as it is, braces and all (a pack's output name "{so}-{ten}.docx")
    from kit.diagnostics import worded

    assert worded({"KIT035": "{hint} (xem {file})"}, "KIT035", "cần {so}", {"file": "{ten}.docx"}) == (
        "cần {so} (xem {ten}.docx)"
    )
