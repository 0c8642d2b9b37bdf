"""vanban-kit: Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from Excel workbooks.

The application layer is kit.app; this module re-exports its most used functions, imported on first use
(`kit --version` and `kit --help` import none of them)."""

from __future__ import annotations

from typing import Any

from .errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputError, KitError, UsageError, WorkbookError
from .version import __version__

_FROM_APP = ("build_form", "check", "fill", "list_templates", "render_workbook")


def __getattr__(name: str) -> Any:
    if name in _FROM_APP:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")


__all__ = [
    "__version__",
    "build_form",
    "check",
    "fill",
    "list_templates",
    "render_workbook",
    "KitError",
    "UsageError",
    "InputError",
    "WorkbookError",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_BAD_INPUT",
]
