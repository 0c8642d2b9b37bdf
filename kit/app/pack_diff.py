"""What changed between two versions of a pack, for a clerk: per template the fixed wording read from the
Word file as a person sees it (paragraphs and table cells, through kit.docmodel), the form's fields, the
data files' entries (awards, legal bases, criteria, certificate layout…) and the pre-filled values."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, KitError
from ..packs import Pack, TemplateSpec
from ..packs.discover import pack_at

DATA_NAMES = {
    "awards": "hình thức khen thưởng",
    "legal_texts": "văn bản pháp luật",
    "legal_bases": "căn cứ pháp lý",
    "rewards": "mức tiền thưởng",
    "criteria": "tiêu chuẩn khen thưởng",
    "certificate": "bố cục bằng, giấy khen",
}
# What names an entry of a data list, tried in order: the first whose values tell every entry of both
# versions apart (awards and rewards by name, or name and kind; legal texts by symbol; certificate fields
# by key; criteria by award and what it requires; legal-basis periods by their dates).
ENTRY_KEYS = (
    ("name",),
    ("symbol",),
    ("code",),
    ("id",),
    ("key",),
    ("name", "kind"),
    ("award", "requires"),
    ("award", "kind", "requires"),
    ("from", "until"),
)
KIND_WORDS = {"added": "Thêm", "removed": "Bỏ", "changed": "Sửa"}
MAX_SHOWN = 200  # characters of one value shown in a line


@dataclass
class Change:
    kind: str  # added, removed, changed
    where: str  # "đoạn 5", "bảng 1, hàng 2, ô 3", "“Chiến sĩ thi đua cơ sở”", "trường ho_ten (sheet Văn bản)"
    old: str = ""
    new: str = ""

    def line(self) -> str:
        if self.kind == "changed":
            return f"Sửa {self.where}: “{_short(self.old)}” → “{_short(self.new)}”"
        text = self.new if self.kind == "added" else self.old
        return f"{KIND_WORDS[self.kind]} {self.where}" + (f": “{_short(text)}”" if text else "")


@dataclass
class TemplateDiff:
    id: str
    title: str
    status: str  # added, removed, changed
    details: list[Change] = field(default_factory=list)  # title, version, legal basis
    wording: list[Change] = field(default_factory=list)
    form: list[Change] = field(default_factory=list)
    form_id: str = ""  # the form whose fields changed (told once, with the first template filled from it)


@dataclass
class DataDiff:
    file: str
    name: str
    status: str  # added, removed, changed
    entries: list[Change] = field(default_factory=list)


@dataclass
class PackDiff:
    old: str
    new: str
    templates: list[TemplateDiff] = field(default_factory=list)
    data: list[DataDiff] = field(default_factory=list)
    defaults: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.templates or self.data or self.defaults)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        count = lambda status: sum(1 for t in self.templates if t.status == status)  # noqa: E731
        entries = sum(len(d.entries) or 1 for d in self.data)
        return (
            f"{count('changed')} mẫu sửa, {count('added')} mẫu mới, {count('removed')} mẫu bỏ; "
            f"{entries} mục dữ liệu đổi; {len(self.defaults)} giá trị điền sẵn đổi"
        )

    def lines(self) -> list[str]:
        out = [f"Thay đổi từ {self.old} sang {self.new}:"]
        if self.empty:
            return [*out, "  Không có thay đổi."]
        for template in self.templates:
            if template.status == "added":
                out.append(f"Mẫu mới: {template.id} — {template.title}")
            elif template.status == "removed":
                out.append(f"Bỏ mẫu: {template.id} — {template.title}")
            else:
                out.append(f"Mẫu {template.id} — {template.title}:")
            out += [f"  {c.line()}" for c in template.details]
            if template.wording:
                out.append("  Câu chữ cố định trong tệp Word:")
                out += [f"    {c.line()}" for c in template.wording]
            if template.form:
                out.append(f"  Biểu mẫu Excel '{template.form_id}' (mọi mẫu dùng biểu mẫu này):")
                out += [f"    {c.line()}" for c in template.form]
        for data in self.data:
            title = f"Dữ liệu {data.name} ({data.file})"
            if data.status != "changed":
                out.append(f"{title}: {'thêm mới' if data.status == 'added' else 'bỏ'}")
                continue
            out.append(f"{title}:")
            out += [f"  {c.line()}" for c in data.entries]
        if self.defaults:
            out.append("Giá trị điền sẵn:")
            out += [f"  {c.line()}" for c in self.defaults]
        out.append(f"Tóm tắt: {self.summary()}.")
        return out


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):  # a TOML date: 2025-07-01, not "2025-07-01"
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


# -- the Word files ------------------------------------------------------------------------------------


def wording(path: Path) -> list[tuple[str, str]]:
    """The fixed text of a Word template as a person reads it: (where, text) for each paragraph outside
    tables and each table cell, in reading order, empty ones left out."""
    import docx

    from ..docmodel.document import read_document

    try:
        model = read_document(docx.Document(str(path)), path)
    except Exception as error:  # noqa: BLE001 - any unreadable Word file is one message
        from ..errors import unreadable_reason

        raise InputError(
            f"{path}: không đọc được tệp mẫu Word ({unreadable_reason(error, '.docx')})",
            hint="mở bằng Word và lưu lại",
            code="KIT570",
        ) from None
    items: list[tuple[str, list[str]]] = []
    cells: dict[tuple[int, int, int], list[str]] = {}
    number = 0
    for paragraph in model.paragraphs:
        text = paragraph.text.strip()
        if paragraph.table is not None:
            key = (paragraph.table, paragraph.row or 0, paragraph.cell or 0)
            if key not in cells:
                cells[key] = []
                items.append((f"bảng {key[0]}, hàng {key[1] + 1}, ô {key[2] + 1}", cells[key]))
            if text:
                cells[key].append(text)
            continue
        number += 1
        if text:
            items.append((f"đoạn {number}", [text]))
    return [(where, " / ".join(texts)) for where, texts in items if texts]


def wording_changes(old: Path, new: Path) -> list[Change]:
    before, after = wording(old), wording(new)
    matcher = difflib.SequenceMatcher(a=[t for _, t in before], b=[t for _, t in after], autojunk=False)
    changes = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            changes += [
                Change("changed", after[b1 + i][0], before[a1 + i][1], after[b1 + i][1]) for i in range(a2 - a1)
            ]
            continue
        changes += [Change("removed", before[i][0] + " (bản cũ)", before[i][1]) for i in range(a1, a2)]
        changes += [Change("added", after[i][0], "", after[i][1]) for i in range(b1, b2)]
    return changes


# -- forms, data, defaults -----------------------------------------------------------------------------------


def _fields(spec: TemplateSpec, pack: Pack) -> dict[str, dict[str, Any]]:
    from .forms import form_of

    try:
        form = form_of(spec, pack)
    except KitError:
        return {}
    found = {}
    for sheet in form.sheets:
        for item in sheet.fields:
            found[f"trường {item.key} (sheet {sheet.name})"] = {
                "nhãn": item.label,
                "kiểu": item.type,
                "bắt buộc": "có" if item.required else "không",
                "lựa chọn": [choice.label for choice in item.choices],
            }
    return found


def _dict_changes(before: dict[str, Any], after: dict[str, Any], label=lambda key: key) -> list[Change]:
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        if key not in after:
            changes.append(Change("removed", label(key), _value(before[key])))
        elif key not in before:
            changes.append(Change("added", label(key), "", _value(after[key])))
        elif before[key] != after[key]:
            changes.append(Change("changed", label(key), _value(before[key]), _value(after[key])))
    return changes


def _form_changes(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[Change]:
    """Fields added or removed, their label, type or being required changed, and the choices of a list
    (each choice added or removed on its own line, not the whole list)."""
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        if key not in new:
            changes.append(Change("removed", key, old[key]["nhãn"]))
            continue
        if key not in old:
            changes.append(Change("added", key, "", new[key]["nhãn"]))
            continue
        before = {k: v for k, v in old[key].items() if k != "lựa chọn"}
        after = {k: v for k, v in new[key].items() if k != "lựa chọn"}
        for change in _dict_changes(before, after):
            changes.append(Change("changed", f"{key}, {change.where}", change.old, change.new))
        choices_old, choices_new = old[key]["lựa chọn"], new[key]["lựa chọn"]
        changes += [Change("removed", f"lựa chọn của {key}", c) for c in choices_old if c not in choices_new]
        changes += [Change("added", f"lựa chọn của {key}", "", c) for c in choices_new if c not in choices_old]
    return changes


def _entry_key(old: list[Any], new: list[Any]) -> tuple[str, ...] | None:
    for fields in ENTRY_KEYS:
        if not all(isinstance(e, dict) and any(f in e for f in fields) for e in old + new):
            continue
        if all(len({_name_of(e, fields) for e in side}) == len(side) for side in (old, new)):
            return fields
    return None


def _name_of(entry: dict[str, Any], fields: tuple[str, ...]) -> str:
    return " – ".join(_value(entry[f]) if f in entry else "…" for f in fields)


def data_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Entries of one data file: lists of tables matched by their name (symbol, code, id, key), each
    added, removed or changed field by field; other values compared whole."""
    changes = []
    for section in list(before) + [k for k in after if k not in before]:
        old, new = before.get(section), after.get(section)
        if isinstance(old, list) and isinstance(new, list):
            key = _entry_key(old, new)
            if key is None:  # entries told apart only by their place in the list
                olds = {f"mục thứ {n}": e for n, e in enumerate(old, start=1)}
                news = {f"mục thứ {n}": e for n, e in enumerate(new, start=1)}
            else:
                olds = {_name_of(e, key): e for e in old}
                news = {_name_of(e, key): e for e in new}
            for name in list(olds) + [n for n in news if n not in olds]:
                where = f"[{section}] “{name}”" if key else f"[{section}] {name}"
                if name not in news:
                    changes.append(Change("removed", where))
                elif name not in olds:
                    shown = news[name] if isinstance(news[name], dict) else {"giá trị": news[name]}
                    fields = "; ".join(f"{k}: {_value(v)}" for k, v in shown.items() if k not in (key or ()))
                    changes.append(Change("added", where, "", fields))
                elif not isinstance(olds[name], dict) or not isinstance(news[name], dict):
                    if olds[name] != news[name]:
                        changes.append(Change("changed", where, _value(olds[name]), _value(news[name])))
                else:
                    for change in _dict_changes(olds[name], news[name]):
                        changes.append(Change(change.kind, f"{where}, {change.where}", change.old, change.new))
        elif isinstance(old, dict) and isinstance(new, dict):
            changes += [Change(c.kind, f"[{section}] {c.where}", c.old, c.new) for c in _dict_changes(old, new)]
        elif section not in after:
            changes.append(Change("removed", f"[{section}]", _value(old)))
        elif section not in before:
            changes.append(Change("added", f"[{section}]", "", _value(new)))
        elif old != new:
            changes.append(Change("changed", section, _value(old), _value(new)))
    return changes


# -- two packs ------------------------------------------------------------------------------------------------


def diff_packs(old: Pack, new: Pack, old_label: str = "", new_label: str = "") -> PackDiff:
    result = PackDiff(old_label or f"{old.id} {old.version}", new_label or f"{new.id} {new.version}")
    if old.id != new.id:
        result.notes.append(f"so hai gói khác mã: '{old.id}' và '{new.id}'")
    before = {spec.id: spec for spec in old.templates}
    after = {spec.id: spec for spec in new.templates}
    forms_told: set[str] = set()
    for template_id in list(before) + [t for t in after if t not in before]:
        spec_old, spec_new = before.get(template_id), after.get(template_id)
        if spec_new is None and spec_old is not None:
            result.templates.append(TemplateDiff(template_id, spec_old.title, "removed"))
            continue
        if spec_old is None and spec_new is not None:
            result.templates.append(TemplateDiff(template_id, spec_new.title, "added"))
            continue
        assert spec_old is not None and spec_new is not None
        item = TemplateDiff(template_id, spec_new.title, "changed")
        labels = {
            "title": "tên mẫu",
            "version": "phiên bản mẫu",
            "legal_basis": "căn cứ",
            "document_type": "loại văn bản",
        }
        for attribute, label in labels.items():
            a, b = getattr(spec_old, attribute), getattr(spec_new, attribute)
            if a != b:
                item.details.append(Change("changed", label, a, b))
        if spec_old.file.is_file() and spec_new.file.is_file() and spec_old.sha256 != spec_new.sha256:
            item.wording = wording_changes(spec_old.file, spec_new.file)
            if not item.wording:
                item.details.append(Change("changed", "tệp Word", "", "đổi định dạng hoặc bố cục, câu chữ giữ nguyên"))
        if spec_old.kind != "dossier" and spec_new.form not in forms_told:
            # A form shared by several templates (a dossier's parts) is told once.
            forms_told.add(spec_new.form)
            item.form = _form_changes(_fields(spec_old, old), _fields(spec_new, new))
            item.form_id = spec_new.form
        if item.details or item.wording or item.form:
            result.templates.append(item)
    data_old, data_new = old.data(), new.data()
    for key in list(data_old) + [k for k in data_new if k not in data_old]:
        name = DATA_NAMES.get(key, key)
        if key not in data_new:
            result.data.append(DataDiff(key, name, "removed"))
        elif key not in data_old:
            result.data.append(DataDiff(key, name, "added"))
        else:
            entries = data_changes(data_old[key], data_new[key])
            if entries:
                result.data.append(DataDiff(key, name, "changed", entries))
    result.defaults = _dict_changes(old.defaults, new.defaults)
    return result


def diff_folders(old: Path, new: Path, old_label: str = "", new_label: str = "") -> PackDiff:
    return diff_packs(pack_at(old), pack_at(new), old_label, new_label)
