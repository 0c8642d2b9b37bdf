"""Render one Word template with one context, in the kit's Jinja sandbox (kit.render.sandbox): the
compiled fast path (kit.render.compiled) first, docxtpl itself for templates with tags outside their body."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from ..errors import InputError
from ..fileio import deterministic_zip
from . import postprocess
from .compiled import compiled
from .sandbox import VETTED_FILTERS, _environment, deadline, locate

__all__ = ["VETTED_FILTERS", "prepare_template", "render_template", "_environment"]


def _offending_text(exc: TemplateError) -> str:
    """The text of the paragraph the error is in (docxtpl keeps the 7 lines around it)."""
    lines = list(getattr(exc, "docx_context", None) or [])
    lineno = getattr(exc, "lineno", None)
    if not lines or not lineno:
        return ""
    index = lineno - 1 - max(lineno - 4, 0)  # docxtpl's slice starts 3 lines before the error
    text = lines[index] if 0 <= index < len(lines) else ""
    return re.sub(r"\s+", " ", text).strip()[:80]


def render_template(
    template: Path, context: dict[str, Any], provenance: dict[str, str] | None = None, label: str | None = None
) -> bytes:
    """The .docx bytes of `template` rendered with `context`; `provenance` (identifier, comments) is
    written to the document's core properties, so it can be traced to the template that made it.

    Templates are compiled once (kit.render.compiled); one with tags outside its body is rendered by
    docxtpl itself."""
    fast = prepare_template(template, label)
    if fast is not None:
        try:
            return fast.render(context, provenance)
        except TemplateError as exc:
            raise _template_error(exc, template, label) from None
    return _render_with_docxtpl(template, context, provenance, label)


def prepare_template(template: Path, label: str | None = None):
    """`template` compiled (kit.render.compiled, remembered in this process; None where only docxtpl
    renders it): called ahead of a batch, a pool forked after it inherits the compiled template, and a
    template that does not compile is an error here."""
    try:
        return compiled(str(template), template.stat().st_mtime)
    except TemplateError as exc:
        raise _template_error(exc, template, label) from None
    except FileNotFoundError:
        raise InputError(
            f"{label or 'mẫu'} {template}: không đọc được tệp mẫu Word (không có tệp)",
            hint="kiểm tra tệp mẫu",
            code="KIT192",
        ) from None


def _template_error(exc: TemplateError, template: Path, label: str | None) -> InputError:
    # docxtpl puts each paragraph on a line of its own after one line for the body's start tag,
    # so the line number less one counts the paragraphs (table-cell paragraphs included).
    lineno = getattr(exc, "lineno", None)
    where = f", đoạn {lineno - 1}" if lineno and lineno > 1 else ""
    near = _offending_text(exc)
    near = f" (gần: “{near}”)" if near else ""
    return InputError(
        f"{label or 'mẫu'} {template.name}{where}: lỗi thẻ Jinja: {exc.message or type(exc).__name__}{near}",
        hint="sửa thẻ trong tệp mẫu Word",
        code="KIT191",
    )


def _render_with_docxtpl(template: Path, context: dict[str, Any], provenance, label) -> bytes:
    try:
        document = DocxTemplate(template)
        with deadline():
            document.render(context, jinja_env=_environment())
    except (TemplateError, RecursionError) as exc:
        raise _template_error(locate(exc), template, label) from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InputError(
            f"{label or 'mẫu'} {template}: không đọc được tệp mẫu Word ({exc})", hint="kiểm tra tệp mẫu", code="KIT193"
        ) from None
    postprocess.apply(document.docx)
    if provenance:
        properties = document.docx.core_properties
        properties.identifier = provenance.get("identifier", "")
        properties.comments = provenance.get("comments", "")
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())
