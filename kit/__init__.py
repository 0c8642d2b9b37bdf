"""vanban-kit: Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from Excel workbooks.

The application layer is kit.app; this module re-exports its most used functions."""

from .app import build_form, check, fill, list_templates, render_workbook
from .errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputError, KitError, UsageError, WorkbookError
from .version import __version__

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
