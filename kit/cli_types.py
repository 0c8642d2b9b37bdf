"""Click parameter types shared by the command modules (kit.cli, kit.cli_packs_registry)."""

from __future__ import annotations

from typing import Any

import click


class PathArgument(click.Path):
    """click.Path giving a pathlib.Path, with pathlib imported when a path is given: `kit --help` and
    `kit --version` do without it (a sixth of their start-up; bench/run.py measures it)."""

    def coerce_path_result(self, value: Any) -> Any:
        from pathlib import Path

        return Path(value)
