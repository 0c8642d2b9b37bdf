"""What the application does with packs: render their samples for lint, list a template's fields."""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from pathlib import Path

from ..documents.fields import top_level
from ..errors import KitError, WorkbookError, unreadable_reason
from ..packs import Pack, TemplateSpec, manage
from ..packs.lint import LintProblem
from ..packs.lint import lint as lint_data
from .forms import form_of
from .samples import sample_contexts


def template_variables(path: Path) -> set[str]:
    """The top-level fields a Word template uses."""
    from docxtpl import DocxTemplate

    from ..render.sandbox import _environment

    return set(DocxTemplate(str(path)).get_undeclared_template_variables(_environment()))


def _sample_problems(pack: Pack) -> list[LintProblem]:
    """Render each template with its sample: fields used and provided both ways, defaults known, and
    the result checked by the kit check rules that apply to it."""
    import docx

    from ..checks import RULES, CheckContext
    from ..checks.runner import check_document
    from ..docmodel.document import read_document
    from ..render import render_template

    problems = []
    settings = CheckContext.from_settings(pack.rules, RULES, tuple(pack.data().get("legal_texts", {}).get("texts", ())))
    own = {spec.id for spec in pack.manifest.templates()}
    for spec in pack.templates:
        # A part is rendered with its dossier, also an inherited dossier whose part this pack replaces.
        if spec.kind == "part" or (spec.id not in own and not own & set(spec.documents)):
            continue
        where = f"{pack.root / 'pack.toml'} mẫu '{spec.id}'"
        try:
            form = form_of(spec, pack)
        except KitError as error:
            problems.append(LintProblem(where, error.message, hint=error.hint, code=error.code, values=error.values))
            continue
        for key, value in pack.defaults.items():
            for sheet in form.sheets:
                for item in sheet.fields:
                    if item.key == key and item.type == "choice" and item.code_for(str(value)) is None:
                        problems.append(
                            LintProblem(
                                f"{pack.root / 'pack.toml'} [defaults]",
                                f"{key} = '{value}' không có trong danh sách chọn",
                                code="KIT042",
                            )
                        )
        if not form.sample:
            continue
        try:
            documents = sample_contexts(spec, pack)
        except WorkbookError as error:
            problems += [
                LintProblem(
                    f"{where} (dữ liệu mẫu)", f"{p.location}: {p.message}", hint=p.hint, code=p.code, values=p.values
                )
                for p in error.problems
            ]
            continue
        except KitError as error:
            problems.append(LintProblem(where, error.message, hint=error.hint, code=error.code, values=error.values))
            continue
        builders = (
            {part.template: part.builder for part in spec.parts} if spec.kind == "dossier" else {spec.id: spec.builder}
        )
        for name, (template, context) in documents.items():
            variables = template_variables(template.file)
            # Names are checked against the field catalogue (kit templates … --fields), not only this sample.
            known = top_level(builders.get(template.id, ""))
            missing = sorted(variables - known) + sorted((variables & known) - set(context))
            for variable in missing:
                hint, values = _closest_field(variable, known, spec.id)
                problems.append(
                    LintProblem(
                        f"{where}, {template.file.name}",
                        f"biến '{variable}' không có trong dữ liệu của mẫu",
                        hint=hint,
                        code="KIT024",
                        values=values,
                    )
                )
            for unused in sorted(set(context) - variables - {"ten_loai"}):
                problems.append(
                    LintProblem(
                        f"{where}, {template.file.name}",
                        f"dữ liệu '{unused}' không được mẫu dùng",
                        error=False,
                        code="KIT037",
                    )
                )
            if missing:
                continue
            try:
                data = render_template(template.file, context)
            except KitError as error:
                problems.append(
                    LintProblem(
                        f"{where}, {template.file.name}",
                        error.message,
                        hint=error.hint,
                        code=error.code,
                        values=error.values,
                    )
                )
                continue
            doc = read_document(docx.Document(io.BytesIO(data)), Path(name))
            for finding in check_document(doc, context=settings):
                if finding.severity.value == "error":
                    problems.append(
                        LintProblem(
                            f"{where}, {template.file.name} (bản thử với dữ liệu mẫu)",
                            f"{finding.code} {finding.message}",
                            hint=finding.hint,
                            code=finding.code,
                        )
                    )
    return problems


def _closest_field(variable: str, known: set[str], template_id: str) -> tuple[str, dict[str, str]]:
    """What to use instead of a name the template's builder does not give: the closest one it does, else
    the template's fields (its id a value for the command line's wording)."""
    close = difflib.get_close_matches(variable, sorted(known - {variable}), n=1)
    if close:
        return f"có phải '{close[0]}'?", {}
    return f"xem các trường của mẫu '{template_id}'", {"template": template_id}


def _template_problems(pack: Pack) -> list[LintProblem]:
    from ..documents import BUILDERS

    problems = []
    own = {spec.id for spec in pack.manifest.templates()}
    for spec in pack.templates:
        if spec.id not in own:
            continue  # inherited: linted with its own pack
        where = f"{pack.root / 'pack.toml'} mẫu '{spec.id}'"
        if spec.kind == "dossier":
            problems += _part_problems(pack, spec, where)
            continue
        if spec.kind == "document" and spec.builder not in BUILDERS:
            problems.append(
                LintProblem(
                    where,
                    f"builder '{spec.builder}' không có",
                    hint=f"dùng: {', '.join(sorted(BUILDERS))}",
                    code="KIT027",
                )
            )
        if not spec.file.is_file():
            problems.append(LintProblem(where, f"không có tệp mẫu {spec.file}", code="KIT028"))
            continue
        syntax = _jinja_problems(spec.file, where)
        problems += syntax or _key_problems(pack, spec, where)
        problems += _marker_problems(spec, where)
        try:
            pack.form_path(spec.form)
        except KitError as error:
            problems.append(LintProblem(where, error.message, hint=error.hint, code=error.code, values=error.values))
    return problems


def _key_problems(pack: Pack, spec: TemplateSpec, where: str) -> list[LintProblem]:
    """Keys of groups and rows (`ly_lich.ho_ten`, `d.ten` in a loop) checked against the field catalogue."""
    from .fields import unknown_keys_in

    builder = (
        spec.builder
        if spec.kind == "document"
        else next(
            (part.builder for dossier in pack.templates for part in dossier.parts if part.template == spec.id), ""
        )
    )
    return [
        LintProblem(
            f"{where}, {spec.file.name}, đoạn {paragraph}",
            f"biến '{name}' không có trong dữ liệu của mẫu",
            hint=f"{hint}",
            code="KIT024",
        )
        for paragraph, name, hint in unknown_keys_in(spec.file, builder)
    ]


def _jinja_problems(path: Path, where: str) -> list[LintProblem]:
    """Open the Word file and compile every part's tags; errors name the paragraph and its text."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from ..render.sandbox import _environment

    try:
        template = DocxTemplate(str(path))
        template.init_docx()
        xml = template.patch_xml(template.get_xml())
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, Exception) as error:  # noqa: BLE001 - any unreadable file
        return [
            LintProblem(
                where,
                f"không mở được tệp mẫu Word {path.name}: {unreadable_reason(error, '.docx')}",
                hint="mở bằng Word và lưu lại dạng .docx",
                code="KIT258",
            )
        ]
    problems = _delimiter_problems(template.docx, path, where)
    if problems:
        return problems  # docxtpl's clean-up would run an unclosed tag into the next one
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    try:
        _environment().parse(source)
    except TemplateSyntaxError as error:
        line = (
            source.splitlines()[error.lineno - 1] if error.lineno and error.lineno <= len(source.splitlines()) else ""
        )
        text = re.sub(r"<[^>]+>", "", line).strip()[:80]
        return [
            LintProblem(
                f"{where}, {path.name}, đoạn {max(error.lineno - 1, 1)}",
                f"lỗi thẻ Jinja: {error.message} (gần: “{text}”)",
                code="KIT030",
            )
        ]
    return []


def _delimiter_problems(document, path: Path, where: str) -> list[LintProblem]:
    """Every paragraph opens and closes its tags: {{ }}, {% %}, {# #}."""
    from ..docmodel.effective import W, paragraph_text

    problems = []
    for index, p in enumerate(document.element.body.iter(W + "p"), start=1):
        text = paragraph_text(p)
        for opening, closing in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
            if text.count(opening) != text.count(closing):
                problems.append(
                    LintProblem(
                        f"{where}, {path.name}, đoạn {index}",
                        f"thẻ “{opening} … {closing}” không đóng hoặc không mở: “{text.strip()[:80]}”",
                        code="KIT038",
                    )
                )
    return problems


def _settings_problems(pack: Pack) -> list[LintProblem]:
    from ..checks.findings import Severity
    from ..checks.registry import RULES
    from ..checks.runner import _LEVELS

    where = f"{pack.root / 'pack.toml'} [rules]"
    table = pack.manifest.raw.get("rules", {})
    problems = []
    for code in table.get("off", []):
        if code not in RULES:
            problems.append(
                LintProblem(
                    where,
                    f"quy tắc '{code}' không có",
                    hint="dùng mã quy tắc có trong danh sách quy tắc",
                    code="KIT031",
                )
            )
        elif RULES[code].mandatory:
            problems.append(
                LintProblem(
                    where, f"không được tắt {code}: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP", code="KIT039"
                )
            )
    for code, level in table.get("severity", {}).items():
        if code not in RULES or level not in ("error", "warning", "info"):
            problems.append(LintProblem(where, f"severity {code} = '{level}' không hợp lệ", code="KIT032"))
        elif RULES[code].mandatory and _LEVELS[Severity(level)] < _LEVELS[RULES[code].severity]:
            problems.append(
                LintProblem(
                    where, f"không được hạ mức của {code}: quy tắc bắt buộc của Nghị định 30/2020/NĐ-CP", code="KIT040"
                )
            )
    return problems


def _part_problems(pack: Pack, spec: TemplateSpec, where: str) -> list[LintProblem]:
    """A dossier's [[templates.parts]] against the part builders the kit has and the pack's templates."""
    from ..documents.ho_so import PART_BUILDERS

    problems = []
    if not spec.parts:
        problems.append(
            LintProblem(
                where,
                "hồ sơ chưa có văn bản nào",
                hint="thêm các bảng [[templates.parts]] (template, output, builder)",
                code="KIT026",
            )
        )
    known = {t.id: t for t in pack.templates}
    outputs: set[str] = set()
    for number, part in enumerate(spec.parts, start=1):
        at = f"{where}, phần thứ {number} ('{part.template}')"
        builder = PART_BUILDERS.get(part.builder)
        if builder is None:
            close = difflib.get_close_matches(part.builder, PART_BUILDERS, n=1)
            hint = f"có phải '{close[0]}'? " if close else ""
            problems.append(
                LintProblem(
                    at,
                    f"builder '{part.builder}' không có",
                    hint=f"{hint}dùng một trong: {', '.join(PART_BUILDERS)}",
                    code="KIT027",
                )
            )
        template = known.get(part.template)
        if template is None:
            close = difflib.get_close_matches(part.template, known, n=1)
            hint = f"có phải '{close[0]}'?" if close else 'thêm mẫu (kind = "part") hoặc sửa tên'
            problems.append(LintProblem(at, f"không có mẫu '{part.template}' trong gói", hint=f"{hint}", code="KIT033"))
        elif template.kind != "part":
            problems.append(
                LintProblem(
                    at,
                    f"mẫu '{part.template}' không phải một phần hồ sơ",
                    hint='chọn mẫu có kind = "part"',
                    code="KIT041",
                )
            )
        placeholders = set(re.findall(r"\{(\w+)\}", part.output))
        if placeholders - {"so", "ten"}:
            problems.append(
                LintProblem(
                    at, f"output '{part.output}': có chỗ thay lạ", hint="chỉ dùng được {so} và {ten}", code="KIT034"
                )
            )
        if builder is not None and builder.each_candidate and not placeholders & {"so", "ten"}:
            problems.append(
                LintProblem(
                    at,
                    f"output '{part.output}': mỗi cá nhân, tập thể một tệp",
                    hint='tên tệp cần {so} hoặc {ten}, ví dụ "bao-cao/{so}-{ten}.docx"',
                    code="KIT035",
                )
            )
        if part.output in outputs:
            problems.append(
                LintProblem(
                    at, f"output '{part.output}' trùng với một phần trước", hint="đặt tên tệp khác", code="KIT036"
                )
            )
        outputs.add(part.output)
    return problems


def _defaults_problems(pack: Pack) -> list[LintProblem]:
    """[defaults] keys that no form of the pack reads (a misspelled key would be silently ignored)."""
    from ..packs.lint import unknown_keys

    own = pack.manifest.raw.get("defaults") or {}
    if not isinstance(own, dict) or not own:
        return []
    keys: set[str] = set()
    for spec in pack.templates:
        try:
            form = form_of(spec, pack)
        except KitError:
            continue  # reported with the template
        keys |= {field.key for sheet in form.sheets for field in sheet.fields}
    return unknown_keys(own, keys, f"{pack.root / 'pack.toml'} [defaults]", "giá trị mặc định") if keys else []


def _marker_problems(spec: TemplateSpec, where: str) -> list[LintProblem]:
    """The styles the kit finds by name in a rendered document (docs/huong-dan-goi-mau.md): a template
    whose header or title has short lines but none of those names loses their lengths."""
    from ..render.postprocess import LINE_STYLE_NAMES, line_styles

    try:
        with zipfile.ZipFile(spec.file) as archive:
            styles = archive.read("word/styles.xml") if "word/styles.xml" in archive.namelist() else b""
            body = archive.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []  # reported as an unreadable template
    from lxml import etree

    found = line_styles(etree.fromstring(styles)) if styles else {}
    if found or b"w:pBdr" not in body and b"w:pStyle" not in body:
        return []
    return [
        LintProblem(
            f"{where}, {spec.file.name}",
            f"mẫu không có kiểu đoạn {' hay '.join(repr(name) for name in LINE_STYLE_NAMES)}",
            error=False,
            hint="đường kẻ "
            "ngắn dưới tên cơ quan, Tiêu ngữ và trích yếu sẽ không được căn độ dài; giữ tên các kiểu "
            "đoạn này khi sửa mẫu trong Word",
            code="KIT025",
        )
    ]


def _certificate_problems(pack: Pack) -> list[LintProblem]:
    """The certificate paper (data certificate) read as kit certificates reads it."""
    from ..drawing.certificate import layout_ids, layout_of

    if not pack.data().get("certificate"):
        return []
    try:
        layout_of(pack)
        for layout_id in layout_ids(pack):  # each certificate's own layout ([layouts.<id>])
            layout_of(pack, layout_id)
    except KitError as error:
        return [
            LintProblem(
                f"{pack.root / 'pack.toml'} [data] certificate",
                error.message,
                hint=error.hint,
                code=error.code,
                values=error.values,
            )
        ]
    return []


def _application_problems(pack: Pack) -> list[LintProblem]:
    """Templates, dossier parts, defaults and rule settings; then, when none of those is an error, each
    template rendered with its sample and checked."""
    problems = (
        _template_problems(pack) + _defaults_problems(pack) + _settings_problems(pack) + _certificate_problems(pack)
    )
    if not any(p.error for p in problems):
        problems += _sample_problems(pack)
    return problems


def lint(folder: Path) -> list[LintProblem]:
    """Every problem of the pack in `folder`: its manifest, data, templates and settings, then each
    template rendered with its sample and checked (kit packs lint)."""
    return lint_data(folder, deep=_application_problems)


def install(source: str, *, force: bool = False) -> Path:
    """Install a pack (folder, .zip or git URL) after the full lint."""
    return manage.install(source, force=force, lint=lint)


def update(pack_id: str) -> Path:
    """Install a git-installed pack again from where it came from, after the full lint."""
    return manage.update(pack_id, lint=lint)
