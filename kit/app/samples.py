"""The documents a template makes from its form's sample data: what kit packs lint renders and checks,
and what the field catalogue is compared with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError, WorkbookError
from ..packs import Pack, TemplateSpec
from .dossier import dossier_contexts
from .fill import prepare
from .forms import form_of, load_sample, sample_path, workbook_bytes


def sample_contexts(spec: TemplateSpec, pack: Pack) -> dict[str, tuple[TemplateSpec, dict[str, Any]]]:
    """Each document a template makes from its form's sample: its template and fields (kit packs lint)."""
    import tempfile

    form = form_of(spec, pack)
    if not form.sample:
        raise UsageError(
            f"gói {pack.id}, mẫu '{spec.id}': biểu mẫu '{form.id}' chưa có dữ liệu ví dụ (sample)",
            hint='thêm sample = "<tệp>.toml" vào định nghĩa biểu mẫu',
            code="KIT023",
        )
    data = load_sample(sample_path(pack, form.sample))
    with tempfile.TemporaryDirectory(prefix="kit-lint-") as work:
        book = Path(work) / f"{spec.id}.xlsx"
        book.write_bytes(workbook_bytes(spec.id, data, pack))
        if spec.kind == "dossier":
            _, _, _, _, parts, contexts = dossier_contexts(book, pack)
            return {name: (parts[template], context) for name, (template, context) in contexts.items()}
        prepared, problems = prepare(book, pack)
        if prepared is None:
            raise WorkbookError(problems)
        return {f"{spec.id}.docx": (spec, prepared.context)}
