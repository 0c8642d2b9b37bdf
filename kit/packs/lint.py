"""`kit packs lint`: what is wrong with a pack, each problem with where it is and how to fix it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import _toml
from ..errors import InputError, KitError
from .model import (ID_PATTERN, MANIFEST_KEYS, TEMPLATE_KEYS, VERSION_PATTERN, Manifest, Pack, read_manifest,
                    version_tuple)

KINDS = {"document", "dossier", "part"}


@dataclass(frozen=True)
class LintProblem:
    where: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {'lỗi' if self.error else 'cảnh báo'}: {self.message}"


def _manifest_problems(manifest: Manifest) -> list[LintProblem]:
    path = manifest.root / "pack.toml"
    raw = manifest.raw
    problems = []
    where = str(path)
    for key in sorted(set(raw) - MANIFEST_KEYS):
        problems.append(LintProblem(where, f"khóa lạ '{key}' — các khóa được dùng: {', '.join(sorted(MANIFEST_KEYS))}"))
    if not ID_PATTERN.match(manifest.id):
        problems.append(LintProblem(where, f"id '{manifest.id}' không hợp lệ — chữ thường, số và dấu '-', ví dụ lang-son"))
    if not VERSION_PATTERN.match(manifest.version):
        problems.append(LintProblem(where, f"version '{manifest.version}' không theo dạng X.Y.Z (semver)"))
    if "min_kit_version" in raw and not VERSION_PATTERN.match(str(raw["min_kit_version"])):
        problems.append(LintProblem(where, f"min_kit_version '{raw['min_kit_version']}' không theo dạng X.Y.Z"))
    seen = set()
    for index, item in enumerate(raw.get("templates", []), start=1):
        at = f"{where} [[templates]] thứ {index}"
        for key in sorted(set(item) - TEMPLATE_KEYS):
            problems.append(LintProblem(at, f"khóa lạ '{key}'"))
        template_id = item.get("id", "")
        if not ID_PATTERN.match(str(template_id)):
            problems.append(LintProblem(at, f"id mẫu '{template_id}' không hợp lệ"))
        if template_id in seen:
            problems.append(LintProblem(at, f"id mẫu '{template_id}' lặp lại"))
        seen.add(template_id)
        if item.get("kind", "document") not in KINDS:
            problems.append(LintProblem(at, f"kind '{item.get('kind')}' không có — dùng document, dossier hoặc part"))
        if not VERSION_PATTERN.match(str(item.get("version", ""))):
            problems.append(LintProblem(at, f"version '{item.get('version')}' không theo dạng X.Y.Z"))
    for key, relative in raw.get("data", {}).items():
        data_path = manifest.root / relative
        if not data_path.is_file():
            problems.append(LintProblem(where, f"[data] {key}: không có tệp {relative}"))
        else:
            try:
                _toml.load(data_path)
            except InputError as error:
                problems.append(LintProblem(str(data_path), error.message))
    return problems


def _template_problems(pack: Pack) -> list[LintProblem]:
    from ..documents import BUILDERS

    problems = []
    own = {spec.id for spec in pack.manifest.templates()}
    for spec in pack.templates:
        if spec.id not in own:
            continue  # inherited: linted with its own pack
        where = f"{pack.root / 'pack.toml'} mẫu '{spec.id}'"
        if spec.kind == "dossier":
            for part in spec.documents:
                if part not in {t.id for t in pack.templates}:
                    problems.append(LintProblem(where, f"hồ sơ dùng mẫu '{part}' không có trong gói"))
            continue
        if spec.builder not in BUILDERS and spec.builder != "ho_so":
            problems.append(LintProblem(where, f"builder '{spec.builder}' không có — dùng: {', '.join(sorted(BUILDERS))}"))
        if not spec.file.is_file():
            problems.append(LintProblem(where, f"không có tệp mẫu {spec.file}"))
            continue
        problems += _jinja_problems(spec.file, where)
        try:
            pack.form_path(spec.form)
        except KitError as error:
            problems.append(LintProblem(where, error.message))
    return problems


def _jinja_problems(path: Path, where: str) -> list[LintProblem]:
    """Open the Word file and compile every part's tags; errors name the paragraph and its text."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from ..render.docx import _environment

    try:
        template = DocxTemplate(str(path))
        template.init_docx()
        xml = template.patch_xml(template.get_xml())
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, Exception) as error:  # noqa: BLE001 - any unreadable file
        return [LintProblem(where, f"không mở được tệp mẫu Word {path.name} ({type(error).__name__})")]
    problems = _delimiter_problems(template.docx, path, where)
    if problems:
        return problems  # docxtpl's clean-up would run an unclosed tag into the next one
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    try:
        _environment().parse(source)
    except TemplateSyntaxError as error:
        line = source.splitlines()[error.lineno - 1] if error.lineno and error.lineno <= len(source.splitlines()) else ""
        text = re.sub(r"<[^>]+>", "", line).strip()[:80]
        return [LintProblem(f"{where}, {path.name}, đoạn {max(error.lineno - 1, 1)}",
                            f"lỗi thẻ Jinja: {error.message} (gần: “{text}”)")]
    return []


def _delimiter_problems(document, path: Path, where: str) -> list[LintProblem]:
    """Every paragraph opens and closes its tags: {{ }}, {% %}, {# #}."""
    from ..docmodel.effective import W, paragraph_text

    problems = []
    for index, p in enumerate(document.element.body.iter(W + "p"), start=1):
        text = paragraph_text(p)
        for opening, closing in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
            if text.count(opening) != text.count(closing):
                problems.append(LintProblem(f"{where}, {path.name}, đoạn {index}",
                                            f"thẻ “{opening} … {closing}” không đóng hoặc không mở: “{text.strip()[:80]}”"))
    return problems


def _settings_problems(pack: Pack) -> list[LintProblem]:
    from ..checks.registry import RULES
    from ..checks.runner import _LEVELS
    from ..checks.findings import Severity

    where = f"{pack.root / 'pack.toml'} [rules]"
    table = pack.manifest.raw.get("rules", {})
    problems = []
    for code in table.get("off", []):
        if code not in RULES:
            problems.append(LintProblem(where, f"quy tắc '{code}' không có (xem: kit rules)"))
        elif RULES[code].mandatory:
            problems.append(LintProblem(where, f"không được tắt {code}: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP"))
    for code, level in table.get("severity", {}).items():
        if code not in RULES or level not in ("error", "warning", "info"):
            problems.append(LintProblem(where, f"severity {code} = '{level}' không hợp lệ"))
        elif RULES[code].mandatory and _LEVELS[Severity(level)] < _LEVELS[RULES[code].severity]:
            problems.append(LintProblem(where, f"không được hạ mức của {code}: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP"))
    return problems


def _sample_problems(pack: Pack) -> list[LintProblem]:
    """Render each template with its sample: fields used and provided both ways, defaults known, and
    the result checked by the kit check rules that apply to it."""
    from .. import api
    from ..checks import RULES, CheckContext
    from ..checks.runner import check_document
    from ..docmodel.document import read_document
    from ..errors import WorkbookError

    problems = []
    settings = CheckContext.from_settings(pack.rules, RULES, tuple(pack.data().get("legal_texts", {}).get("texts", ())))
    own = {spec.id for spec in pack.manifest.templates()}
    for spec in pack.templates:
        if spec.id not in own or spec.kind == "part":
            continue
        where = f"{pack.root / 'pack.toml'} mẫu '{spec.id}'"
        try:
            form = api.form_of(spec, pack)
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
            documents = api.sample_contexts(spec, pack)
        except WorkbookError as error:
            problems += [LintProblem(f"{where} (dữ liệu mẫu)", line) for line in error.lines()]
            continue
        except KitError as error:
            problems.append(LintProblem(where, error.message))
            continue
        for name, (template, context) in documents.items():
            variables = api.template_variables(template.file)
            missing = sorted(variables - set(context))
            for variable in missing:
                problems.append(LintProblem(f"{where}, {template.file.name}", f"biến '{variable}' không có trong dữ liệu của mẫu"))
            for unused in sorted(set(context) - variables - {"ten_loai"}):
                problems.append(LintProblem(f"{where}, {template.file.name}", f"dữ liệu '{unused}' không được mẫu dùng",
                                            error=False))
            if missing:
                continue
            try:
                data = api.render_template(template.file, context)
            except KitError as error:
                problems.append(LintProblem(f"{where}, {template.file.name}", error.message))
                continue
            import docx

            doc = read_document(docx.Document(io.BytesIO(data)), Path(name))
            for finding in check_document(doc, context=settings):
                if finding.severity.value == "error":
                    problems.append(LintProblem(f"{where}, {template.file.name} (bản thử với dữ liệu mẫu)",
                                                f"{finding.code} {finding.message}"))
    return problems


def lint(folder: Path) -> list[LintProblem]:
    """Every problem of the pack in `folder`, errors and warnings."""
    from .discover import pack_at

    try:
        manifest = read_manifest(folder)
    except KitError as error:
        return [LintProblem(str(folder), error.message)]
    problems = _manifest_problems(manifest)
    try:
        pack = pack_at(folder)
    except KitError as error:
        return problems + [LintProblem(str(folder / "pack.toml"), error.message)]
    try:
        pack.data()  # the data files merged over the base's, awards checked
    except KitError as error:
        return problems + [LintProblem(str(folder / "pack.toml"), error.message)]
    problems += _template_problems(pack)
    problems += _settings_problems(pack)
    if not any(p.error for p in problems):
        problems += _sample_problems(pack)
    return problems


__all__ = ["lint", "LintProblem", "version_tuple"]
