"""The application layer: what the command line, the web page and the tests call.

Each module is one thing a user does — forms (blank and sample workbooks), fill (documents from
workbooks), dossier (an award dossier), decision and awarding (the decision, the register, the
certificates), pdf, check, packs (lint, fields) — built on the layers below (packs, form reading,
document builders, rendering, document model, checks, drawing, the register file), which never import it.
Every use case takes its options (pack, rules, draft, PDF, register) here and returns its result already
checked: the command line and the web page only parse input, call it and present the result.
"""

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
