"""The application layer: what the command line, the web page and the tests call.

Each module is one thing a user does — forms (blank and sample workbooks), fill (documents from
workbooks), dossier (an award dossier), pdf, check, packs (lint, fields) — built on the layers below
(packs, form reading, document builders, rendering, document model, checks), which never import it.
"""

from .check import annotate, check
from .dossier import DossierResult, dossier, dossier_contexts
from .fill import fill, prepare, render_workbook
from .forms import build_form, form_of, legal_basis_on, list_templates, load_sample, provenance, warm_up, workbook_bytes
from .packs import sample_contexts, template_variables
from .pdf import pdf_files, to_pdf

__all__ = [
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
