"""What the application does with packs: render their samples for lint, list a template's fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import io

from ..errors import KitError, WorkbookError
from ..packs.lint import LintProblem
from ..packs.lint import lint as lint_data
from ..packs import manage
from ..packs import Pack, TemplateSpec
from .dossier import dossier_contexts
from .fill import prepare
from .forms import form_of, load_sample, sample_path, workbook_bytes


def sample_contexts(spec: TemplateSpec, pack: Pack) -> dict[str, tuple[TemplateSpec, dict[str, Any]]]:
    """Each document a template makes from its form's sample: its template and fields (kit packs lint)."""
    import tempfile

    form = form_of(spec, pack)
    data = load_sample(sample_path(pack, form.sample))
    with tempfile.TemporaryDirectory(prefix="kit-lint-") as work:
        book = Path(work) / f"{spec.id}.xlsx"
        book.write_bytes(workbook_bytes(spec.id, data, pack))
        if spec.kind == "dossier":
            _, _, _, _, parts, contexts = dossier_contexts(book, pack)
            return {name: (parts[template], context) for name, (template, context) in contexts.items()}
        prepared, problems = prepare(book, pack)
        if problems:
            raise WorkbookError(problems)
        return {f"{spec.id}.docx": (spec, prepared.context)}


def template_variables(path: Path) -> set[str]:
    """The top-level fields a Word template uses."""
    from docxtpl import DocxTemplate

    from ..render.docx import _environment

    return set(DocxTemplate(str(path)).get_undeclared_template_variables(_environment()))



def _sample_problems(pack: Pack) -> list[LintProblem]:
    """Render each template with its sample: fields used and provided both ways, defaults known, and
    the result checked by the kit check rules that apply to it."""
    import docx

    from ..checks.runner import check_document
    from ..docmodel.document import read_document
    from ..render import render_template

    problems = []
    own = {spec.id for spec in pack.manifest.templates()}
    for spec in pack.templates:
        if spec.id not in own or spec.kind == "part":
            continue
        where = f"{pack.root / 'pack.toml'} mẫu '{spec.id}'"
        try:
            form = form_of(spec, pack)
        except KitError as error:
            problems.append(LintProblem(where, error.message))
            continue
        for key, value in pack.defaults.items():
            for sheet in form.sheets:
                for item in sheet.fields:
                    if item.key == key and item.type == "choice" and item.code_for(str(value)) is None:
                        problems.append(LintProblem(f"{pack.root / 'pack.toml'} [defaults]",
                                                    f"{key} = '{value}' không có trong danh sách chọn"))
        if not form.sample:
            continue
        try:
            documents = sample_contexts(spec, pack)
        except WorkbookError as error:
            problems += [LintProblem(f"{where} (dữ liệu mẫu)", line) for line in error.lines()]
            continue
        except KitError as error:
            problems.append(LintProblem(where, error.message))
            continue
        for name, (template, context) in documents.items():
            variables = template_variables(template.file)
            missing = sorted(variables - set(context))
            for variable in missing:
                problems.append(LintProblem(f"{where}, {template.file.name}", f"biến '{variable}' không có trong dữ liệu của mẫu"))
            for unused in sorted(set(context) - variables - {"ten_loai"}):
                problems.append(LintProblem(f"{where}, {template.file.name}", f"dữ liệu '{unused}' không được mẫu dùng",
                                            error=False))
            if missing:
                continue
            try:
                data = render_template(template.file, context)
            except KitError as error:
                problems.append(LintProblem(f"{where}, {template.file.name}", error.message))
                continue
            doc = read_document(docx.Document(io.BytesIO(data)), Path(name))
            for finding in check_document(doc, pack=pack):
                if finding.severity.value == "error":
                    problems.append(LintProblem(f"{where}, {template.file.name} (bản thử với dữ liệu mẫu)",
                                                f"{finding.code} {finding.message}"))
    return problems


def lint(folder: Path) -> list[LintProblem]:
    """Every problem of the pack in `folder`: its manifest, data, templates and settings, then each
    template rendered with its sample and checked (kit packs lint)."""
    return lint_data(folder, deep=_sample_problems)


def install(source: str, *, force: bool = False) -> Path:
    """Install a pack (folder, .zip or git URL) after the full lint."""
    return manage.install(source, force=force, lint=lint)


def update(pack_id: str) -> Path:
    """Install a git-installed pack again from where it came from, after the full lint."""
    return manage.update(pack_id, lint=lint)
