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
