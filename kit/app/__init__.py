"""The application layer: what the command line, the web page and the tests call.

Each module is one thing a user does — forms (blank and sample workbooks), fill (documents from
workbooks), dossier (an award dossier), decision and awarding (the decision, the register, the
certificates), pdf, check, packs (lint, fields) — built on the layers below (packs, form reading,
document builders, rendering, document model, checks, drawing, the register file), which never import it.
Every use case takes its options (pack, rules, draft, PDF, register) here and returns its result already
checked: the command line and the web page only parse input, call it and present the result.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

# Each name, in the module of kit.app that defines it (and its name there when it differs). They are
# imported on first use: `kit check` then loads the checks alone, not the workbook, register, drawing and
# PDF libraries of the other use cases (0.5 s of its start).
_HOMES: dict[str, tuple[str, str]] = {
    "AwardResult": ("awarding", "AwardResult"),
    "award": ("awarding", "award"),
    "annotate": ("check", "annotate"),
    "check": ("check", "check"),
    "check_rendered": ("check", "check_rendered"),
    "check_report": ("check", "report"),
    "DossierResult": ("dossier", "DossierResult"),
    "dossier": ("dossier", "dossier"),
    "dossier_contexts": ("dossier", "dossier_contexts"),
    "FillResult": ("fill", "FillResult"),
    "fill": ("fill", "fill"),
    "fill_documents": ("fill", "fill_documents"),
    "prepare": ("fill", "prepare"),
    "render_workbook": ("fill", "render_workbook"),
    "build_form": ("forms", "build_form"),
    "form_of": ("forms", "form_of"),
    "legal_basis_on": ("forms", "legal_basis_on"),
    "list_templates": ("forms", "list_templates"),
    "load_sample": ("forms", "load_sample"),
    "provenance": ("forms", "provenance"),
    "warm_up": ("forms", "warm_up"),
    "workbook_bytes": ("forms", "workbook_bytes"),
    "sample_contexts": ("packs", "sample_contexts"),
    "template_variables": ("packs", "template_variables"),
    "pdf_files": ("pdf", "pdf_files"),
    "to_pdf": ("pdf", "to_pdf"),
}
__all__ = [
    "AwardResult",
    "award",
    "check_rendered",
    "check_report",
    "FillResult",
    "fill_documents",
    "annotate",
    "build_form",
    "check",
    "dossier",
    "dossier_contexts",
    "DossierResult",
    "fill",
    "form_of",
    "list_templates",
    "load_sample",
    "pdf_files",
    "prepare",
    "provenance",
    "render_workbook",
    "sample_contexts",
    "template_variables",
    "to_pdf",
    "warm_up",
    "workbook_bytes",
    "legal_basis_on",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = home
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value


class _Application(types.ModuleType):
    """kit.app itself. Three use cases share their module's name (check, dossier, fill): the import system,
    loading such a module, binds the module to that name here; the use case's function keeps it, as it
    did when this package imported every module up front."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _HOMES.get(name, ("", ""))[1] == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Application

if TYPE_CHECKING:
    from .awarding import AwardResult, award
    from .check import annotate, check, check_rendered
    from .check import report as check_report
    from .dossier import DossierResult, dossier, dossier_contexts
    from .fill import FillResult, fill, fill_documents, prepare, render_workbook
    from .forms import (
        build_form,
        form_of,
        legal_basis_on,
        list_templates,
        load_sample,
        provenance,
        warm_up,
        workbook_bytes,
    )
    from .packs import sample_contexts, template_variables
    from .pdf import pdf_files, to_pdf
