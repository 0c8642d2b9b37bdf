"""`kit --help` and every command's help in Vietnamese: no click word (TEXT, PATH, INTEGER, [required]) and
no English argument name."""

from __future__ import annotations

import re

import click

from kit.cli import cli, main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_help_is_in_vietnamese(capsys):
    english = re.compile(
        r"\b(TEXT|PATH|PATHS|INTEGER|FLOAT|RANGE|required|WORKBOOKS?|TEMPLATES?|PACK_ID|NAME|URL|CODE)\b"
    )
    helps = [()] + list(_commands(cli))
    assert len(helps) > 20
    for words in helps:
        assert main([*words, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Cách dùng: kit" in out and not english.search(out), (words, english.findall(out))
    main(["form", "--help"])
    assert "[bắt buộc]" in capsys.readouterr().out  # -o is required


def test_help_and_version_load_only_the_command_line():
    """`kit --help` and `kit --version` start fast (issue 22 §4; bench/run.py measures them): they load
    click and the command definitions, not the application layer nor modules only a command needs."""
    import subprocess
    import sys

    probe = (  # what the command loads, beside what Python's start-up had loaded before it
        "import sys\nbefore = set(sys.modules)\nfrom kit.cli import main\nmain(sys.argv[1:])\n"
        "print(sorted(m for m in ('kit.app', 'kit.checks', 'kit.render', 'openpyxl', 'docx', 'lxml', 'pathlib',"
        " 'json', 'traceback') if m in set(sys.modules) - before))"
    )
    for option in ("--help", "--version"):
        done = subprocess.run([sys.executable, "-c", probe, option], capture_output=True, text=True, check=True)
        assert "vanban-kit" in done.stdout or "LỆNH" in done.stdout
        assert done.stdout.splitlines()[-1] == "[]", option
