"""Render one Word template with one context, in a Jinja sandbox with autoescape on."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import InputError
from . import postprocess


def _environment() -> SandboxedEnvironment:
    # Templates may come from other provinces' packs: sandboxed, strict about unknown fields,
    # and escaping data so that "&", "<", ">" in a workbook never break the document's XML.
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _describe(exc: TemplateError) -> str:
    context = [re.sub(r"\s+", " ", line).strip() for line in getattr(exc, "docx_context", []) or []]
    near = next((line for line in context if line), "")
    return near[:80]


def render_template(template: Path, context: dict[str, Any]) -> bytes:
    """The .docx bytes of `template` rendered with `context`."""
    try:
        document = DocxTemplate(template)
        document.render(context, jinja_env=_environment())
    except TemplateError as exc:
        # docxtpl puts each paragraph on its own line, so Jinja's line number counts paragraphs.
        paragraph = getattr(exc, "lineno", None)
        where = f", đoạn {paragraph}" if paragraph else ""
        near = _describe(exc)
        near = f" (gần: “{near}”)" if near else ""
        raise InputError(
            f"mẫu {template.name}{where}: lỗi thẻ Jinja: {exc.message or type(exc).__name__}{near} — sửa thẻ trong tệp mẫu Word"
        ) from None
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(f"mẫu {template}: không đọc được tệp mẫu Word ({exc}) — kiểm tra tệp mẫu") from None
    postprocess.apply(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
