"""Form definitions (forms/<id>.toml): sheets, fields, columns and dropdown lists."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import _toml
from ..errors import InputError
from ..resources import forms_dir


@lru_cache(maxsize=4096)
def _bare(label: str) -> str:
    """A label without its bracketed example: 'Mục (I, II…)' → 'Mục'."""
    return re.sub(r"\s*\(.*?\)\s*", " ", label).strip() or label


@lru_cache(maxsize=4096)  # a column's few choices, compared with each of a thousand rows' values
def _choice_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("…", "...").casefold()
    return re.sub(r"[\s.]+", "", text)


FIELD_TYPES = {"text", "longtext", "abbreviation", "number", "date", "choice"}
SHEET_KINDS = {"instructions", "fields", "table"}


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Field:
    """A field of a "fields" sheet (one row) or a column of a "table" sheet."""

    key: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    choices: tuple[Choice, ...] = ()
    choices_key: str = ""
    default: str | None = None
    width: float | None = None
    minimum: int = 1  # for numbers
    year_alone: bool = False  # for dates: a year alone (a birth year, "1990") is accepted as the year
    day_blank: bool = False  # for issue dates: the day may be left blank for the văn thư ("   /01/2026")

    def code_for(self, typed: str) -> str | None:
        """The code of the choice `typed` names: its label, its code, or its label's words alone.

        Lenient because dropdowns are bypassed by pasting or by other spreadsheet programs:
        "Khoản (1, 2…)", "khoản", "KT" and "KT." all name their choice.
        """
        wanted = _choice_key(typed)
        for choice in self.choices:
            if wanted in (_choice_key(choice.label), _choice_key(choice.code), _choice_key(_bare(choice.label))):
                return choice.code
        return None

    def label_for(self, code: str) -> str:
        for choice in self.choices:
            if choice.code == code or choice.label == code:
                return choice.label
        raise KeyError(code)


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    kind: str
    fields: tuple[Field, ...] = ()
    header: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    # An optional sheet may be missing from a workbook made by an older version of the form (its fields
    # are then empty): a sheet added later, like the award decision, must not break older workbooks.
    optional: bool = False

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: str
    title: str
    sheets: tuple[Sheet, ...]
    choices: dict[str, tuple[Choice, ...]] = field(default_factory=dict)
    sample: str | None = None
    path: Path | None = None

    def sheet(self, key: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.key == key:
                return sheet
        raise KeyError(key)

    @property
    def major_version(self) -> int:
        return int(self.version.split(".")[0])


def _bad(path: Path, what: str) -> InputError:
    return InputError(f"{path}: định nghĩa biểu mẫu không hợp lệ: {what}", code="KIT093")


def _parse_field(path: Path, raw: dict, choices: dict[str, tuple[Choice, ...]]) -> Field:
    """A field or column; its dropdown list comes from the form's [choices] or from the pack's data."""
    for key in ("key", "label", "type"):
        if key not in raw:
            raise _bad(path, f"một trường thiếu '{key}'")
    if raw["type"] not in FIELD_TYPES:
        raise _bad(path, f"trường '{raw['key']}' có kiểu lạ '{raw['type']}'")
    field_choices: tuple[Choice, ...] = ()
    if raw["type"] == "choice":
        name = raw.get("choices", "")
        if name not in choices:
            raise _bad(path, f"trường '{raw['key']}' dùng danh sách chọn '{name}' không có trong [choices]")
        field_choices = choices[name]
    return Field(
        key=raw["key"],
        label=raw["label"],
        type=raw["type"],
        required=bool(raw.get("required", False)),
        help=raw.get("help", ""),
        choices=field_choices,
        choices_key=raw.get("choices", ""),
        default=raw.get("default"),
        width=raw.get("width"),
        minimum=int(raw.get("minimum", 1)),
        year_alone=raw.get("year_alone") is True,
        day_blank=raw.get("day_blank") is True,
    )


def parse_form(raw: dict, path: Path, pack_choices: dict[str, tuple[Choice, ...]] | None = None) -> FormDefinition:
    choices = dict(pack_choices or {})
    choices.update(
        {
            name: tuple(Choice(str(item["code"]), str(item["label"])) for item in items)
            for name, items in raw.get("choices", {}).items()
        }
    )
    sheets = []
    for raw_sheet in raw.get("sheets", []):
        kind = raw_sheet.get("kind")
        if kind not in SHEET_KINDS:
            raise _bad(path, f"sheet '{raw_sheet.get('name')}' có loại lạ '{kind}'")
        entries = raw_sheet.get("fields", []) if kind == "fields" else raw_sheet.get("columns", [])
        sheets.append(
            Sheet(
                key=raw_sheet["key"],
                name=raw_sheet["name"],
                kind=kind,
                fields=tuple(_parse_field(path, item, choices) for item in entries),
                header=tuple(raw_sheet.get("header", ())),
                lines=tuple(raw_sheet.get("lines", ())),
                optional=raw_sheet.get("optional") is True,
            )
        )
    for key in ("id", "version", "title"):
        if key not in raw:
            raise _bad(path, f"thiếu '{key}'")
    return FormDefinition(
        id=raw["id"],
        version=str(raw["version"]),
        title=raw["title"],
        sheets=tuple(sheets),
        choices=choices,
        sample=raw.get("sample"),
        path=path,
    )


def load_form(
    form_id: str, directory: Path | None = None, pack_choices: dict[str, tuple[Choice, ...]] | None = None
) -> FormDefinition:
    """The form `form_id`; `pack_choices` are dropdown lists from pack data (e.g. the award titles)."""
    path = (directory or forms_dir()) / f"{form_id}.toml"
    if not path.is_file():
        raise InputError(f"không có định nghĩa biểu mẫu '{form_id}' ({path})", code="KIT094")
    raw = _toml.load(path)
    if "extends" in raw:
        # A form that is another form with its own id, title, sample and, if given, sheets.
        base_path = path.parent / f"{raw['extends']}.toml"
        if not base_path.is_file():  # a pack's form may extend one of the kit's
            base_path = forms_dir() / f"{raw['extends']}.toml"
        if not base_path.is_file():
            raise InputError(f"{path}: biểu mẫu gốc '{raw['extends']}' không có", code="KIT095")
        base = _toml.load(base_path)
        raw = {**base, **{key: value for key, value in raw.items() if key != "extends"}}
    return parse_form(raw, path, pack_choices)
