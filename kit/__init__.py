"""vanban-kit: Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from Excel workbooks."""

__version__ = "0.1.0"

from .api import build_form, check, fill, list_templates, render_workbook  # noqa: E402
from .errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputError, KitError, UsageError, WorkbookError  # noqa: E402

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
