"""kit templates TEMPLATE --fields: the fields a template may use, with an example from its form's sample.

The names, types, descriptions and sources come from the catalogue (kit.documents.fields); the
examples from rendering the sample workbook of the template's form, so they are the values the
kit really gives.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..documents.fields import FLAG, GROUP, LINES, ROWS, TYPE_LABELS, FieldInfo, fields_of, paths, source_text
from ..errors import KitError, UsageError
from ..packs import Pack, TemplateSpec, get_pack
from .forms import form_of
from .samples import sample_contexts

EXAMPLE_LENGTH = 70


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str  # Vietnamese label of the type
    description: str
    example: str
    source: str  # with the sheet and column labels of the template's form


@dataclass
class FieldSection:
    """The fields of one Word template: a document, or one part of a dossier."""

    template: TemplateSpec
    builder: str
    rows: list[FieldRow] = field(default_factory=list)
    note: str = ""  # why there are no examples, if there are none


def _parts_of(spec: TemplateSpec, pack: Pack) -> tuple[TemplateSpec, list[tuple[TemplateSpec, str]]]:
    """The template whose sample is rendered and the (Word template, builder) pairs to list."""
    if spec.kind == "dossier":
        return spec, [(pack.template(part.template), part.builder) for part in spec.parts]
    if spec.kind == "part":
        for dossier in pack.templates:
            for part in dossier.parts if dossier.kind == "dossier" else ():
                if part.template == spec.id:
                    return dossier, [(spec, part.builder)]
        raise UsageError(
            f"mẫu '{spec.id}' là một phần hồ sơ nhưng không hồ sơ nào của gói '{pack.id}' dùng",
            hint="xem các trường của cả hồ sơ",
            code="KIT013",
        )
    return spec, [(spec, spec.builder)]


def _example(info: FieldInfo, values: list[Any]) -> str:
    """The first value the samples give that says something, short."""
    if info.type in (GROUP, ROWS):
        sizes = [len(value) for value in values if isinstance(value, list)]
        return f"{max(sizes)} dòng" if info.type == ROWS and sizes else ""
    if info.type == FLAG:
        seen = list(dict.fromkeys("có" if value else "không" for value in values))
        return " / ".join(seen)
    for value in values:
        if info.type == LINES and isinstance(value, list) and any(value):
            lines = [line for line in value if line]
            text = lines[0] + (f" (+{len(lines) - 1} dòng)" if len(lines) > 1 else "")
            break
        if isinstance(value, str) and value:
            text = value
            break
    else:
        return ""
    return text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1].rstrip() + "…"


def template_fields(template_id: str, pack_id: str | None = None) -> list[FieldSection]:
    """The fields of TEMPLATE (for a dossier: of each part) with an example value and their source."""
    pack = get_pack(pack_id)
    spec = pack.template(template_id)
    sampled, pairs = _parts_of(spec, pack)
    form = form_of(sampled, pack)
    values: dict[str, dict[str, list[Any]]] = {}
    note = ""
    if not form.sample:
        note = f"biểu mẫu '{form.id}' không có dữ liệu mẫu nên không có ví dụ"
    else:
        try:
            documents = sample_contexts(sampled, pack)
        except KitError as error:
            note = f"không lập được dữ liệu mẫu ({error.lines()[0]}) — kiểm tra gói mẫu"
            documents = {}
        for template, context in documents.values():
            seen = values.setdefault(template.id, {})
            for name, value in paths(context):
                seen.setdefault(name, []).append(value)
    sections = []
    for template, builder in pairs:
        found = values.get(template.id, {})
        rows = [
            FieldRow(
                info.name,
                TYPE_LABELS[info.type],
                info.description,
                _example(info, found.get(info.name, [])),
                source_text(info.source, form),
            )
            for info in fields_of(builder)
        ]
        sections.append(FieldSection(template, builder, rows, note))
    return sections


def _walk(node, scope: dict[str, str | None], found: list[tuple[str, str, int]]) -> None:
    """Every `a.b` a template reaches (its name in the catalogue, the name of the group it is read from, and
    its line), following `for` loops: in `{% for d in danh_sach.dong %}`, `d.ten` is `danh_sach.dong[].ten`."""
    from jinja2 import nodes

    if isinstance(node, nodes.For):
        base = _resolve(node.iter, scope, found)
        inner = dict(scope)
        for name in node.target.find_all(nodes.Name):
            inner[name.name] = None
        if isinstance(node.target, nodes.Name) and base is not None:
            inner[node.target.name] = f"{base}[]"
        for child in ([node.test] if node.test is not None else []) + list(node.body):
            _walk(child, inner, found)
        for child in node.else_:
            _walk(child, scope, found)
    elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        _resolve(node, scope, found)
    else:
        if isinstance(node, nodes.Assign):
            for name in node.target.find_all(nodes.Name):
                scope[name.name] = None  # a {% set %} name is the template's own
        for child in node.iter_child_nodes():
            _walk(child, scope, found)


def _resolve(node, scope: dict[str, str | None], found: list[tuple[str, str, int]]) -> str | None:
    """The catalogue name of an expression (None when it is not a field: `loop`, a set name, a call…)."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return None if node.name == "loop" else scope.get(node.name, node.name)
    if isinstance(node, nodes.Getattr) or (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)):
        base = _resolve(node.node, scope, found)
        key = node.attr if isinstance(node, nodes.Getattr) else node.arg.value  # type: ignore[attr-defined]
        if base is None:
            return None
        if isinstance(key, int):  # kinh_gui[0]: an item of a list
            return f"{base}[]"
        name = f"{base}.{key}"
        found.append((name, base, node.lineno))
        return name
    _walk(node, scope, found)
    return None


def unknown_keys(source: str, builder: str) -> list[tuple[int, str, str]]:
    """The keys of groups and rows that a template's Jinja source reads but the builder does not give:
    (line, name, what to use instead). Methods of text and lists (`trich_yeu.upper()`) are not keys."""
    from ..render.sandbox import _environment

    kinds = {info.name: info.type for info in fields_of(builder)}
    found: list[tuple[str, str, int]] = []
    _walk(_environment().parse(source), {}, found)
    problems, seen = [], set()
    for name, base, line in found:
        is_group = kinds.get(base) == GROUP or (base.endswith("[]") and kinds.get(base[:-2]) == ROWS)
        if not is_group or name in kinds or name in seen:
            continue
        seen.add(name)
        siblings = [known for known in kinds if known.startswith(f"{base}.") and known.count(".") == name.count(".")]
        keys = [sibling.rsplit(".", 1)[1] for sibling in siblings]
        close = difflib.get_close_matches(name.rsplit(".", 1)[1], keys, n=1)
        hint = f"có phải '{base}.{close[0]}'?" if close else "dùng một trong: " + ", ".join(keys)
        problems.append((line, name, hint))
    return problems


def unknown_keys_in(path, builder: str) -> list[tuple[int, str, str]]:
    """unknown_keys of a Word template, each with its paragraph number (as kit packs lint counts them)."""
    import re

    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    template.init_docx()
    # One paragraph per line, as kit.render.compiled compiles it: line 1 is the body's start.
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(template.get_xml()))
    return [(max(line - 1, 1), name, hint) for line, name, hint in unknown_keys(source, builder)]
