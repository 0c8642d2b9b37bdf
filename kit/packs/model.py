"""Template packs: a folder with a manifest (pack.toml), Word templates, forms and data — never code.

A pack may extend another: what it does not override (templates, data entries, defaults, settings)
is inherited. `Pack` is one resolved chain, the pack first and its bases after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import _toml
from ..errors import InputError, UsageError
from ..version import __version__

# \Z, not $: "$" also matches before a final newline, and an id "x\n" would name a folder.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}\Z")
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+\Z")
PLAIN_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}\Z")  # an id used to find a file: never a path
MANIFEST_KEYS = {
    "id",
    "title",
    "version",
    "min_kit_version",
    "maintainer",
    "extends",
    "description",
    "templates",
    "data",
    "defaults",
    "dossier",
    "rules",
}
TEMPLATE_KEYS = {
    "id",
    "title",
    "version",
    "document_type",
    "type_abbreviation",
    "file",
    "form",
    "builder",
    "legal_basis",
    "kind",
    "parts",
    "valid_from",
    "valid_until",
}
PART_KEYS = {"template", "output", "builder"}
TEMPLATE_REQUIRED = ("id", "title", "version", "document_type", "type_abbreviation", "file", "form", "builder")
# Data entries are merged with the base pack's by these keys (a province changes one award's threshold
# without copying the list); other values are replaced whole.
MERGE_KEYS = ("name", "symbol", "code", "id")


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", str(version))[:3])


@dataclass(frozen=True)
class DossierPart:
    """One document of a dossier, as pack data: the part template it is rendered from, the file it is
    written to inside the dossier folder, and the builder (kit.documents.ho_so.PART_BUILDERS) that
    makes its fields — once, or once per candidate, whose file name then uses {so} and {ten}."""

    template: str
    output: str
    builder: str


@dataclass(frozen=True)
class TemplateSpec:
    id: str
    title: str
    version: str
    document_type: str
    type_abbreviation: str
    file: Path
    form: str
    builder: str
    legal_basis: str = ""
    kind: str = "document"  # "document" (kit fill), "dossier" (kit dossier) or "part" (of a dossier)
    parts: tuple[DossierPart, ...] = ()  # a dossier's documents, in order
    pack: str = ""  # the pack whose manifest declares it

    @property
    def documents(self) -> tuple[str, ...]:
        """The template ids of a dossier's parts."""
        return tuple(part.template for part in self.parts)

    @property
    def sha256(self) -> str:
        """Hash of the Word template file, recorded in what it produces (provenance)."""
        return hashlib.sha256(self.file.read_bytes()).hexdigest() if self.file.is_file() else ""


@dataclass(frozen=True)
class Manifest:
    """One pack folder as written: its pack.toml, not yet combined with what it extends."""

    root: Path
    raw: dict

    @property
    def id(self) -> str:
        return str(self.raw.get("id", ""))

    @property
    def version(self) -> str:
        return str(self.raw.get("version", ""))

    @property
    def extends(self) -> str | None:
        return self.raw.get("extends")

    def templates(self) -> list[TemplateSpec]:
        path = self.root / "pack.toml"
        specs = []
        for index, item in enumerate(self.raw.get("templates", []), start=1):
            missing = [key for key in TEMPLATE_REQUIRED if key not in item]
            if missing:
                raise InputError(
                    f"{path}: mẫu thứ {index} thiếu {', '.join(missing)}",
                    hint="bổ sung vào [[templates]]",
                    code="KIT188",
                )
            specs.append(
                TemplateSpec(
                    id=item["id"],
                    title=item["title"],
                    version=str(item["version"]),
                    document_type=item["document_type"],
                    type_abbreviation=item["type_abbreviation"],
                    file=self.root / item["file"] if item["file"] else self.root,
                    form=item["form"],
                    builder=item["builder"],
                    legal_basis=item.get("legal_basis", ""),
                    kind=item.get("kind", "document"),
                    pack=self.id,
                    parts=tuple(
                        DossierPart(part["template"], part["output"], part["builder"]) for part in item.get("parts", ())
                    ),
                )
            )
        return specs

    def data_files(self) -> dict[str, Path]:
        return {key: self.root / relative for key, relative in self.raw.get("data", {}).items()}


_PART_EXAMPLE = (
    'ví dụ: [[templates.parts]] template = "to-trinh-khen-thuong", output = "01-to-trinh.docx", builder = "to_trinh"'
)


def _check_parts(path: Path, index: int, item: dict) -> None:
    """A dossier's [[templates.parts]]: tables of three strings, each output a .docx path inside the dossier."""
    parts = item.get("parts")
    if parts is None:
        return
    where = f"{path}: [[templates]] thứ {index}"
    if not isinstance(parts, list):
        raise InputError(
            f"{where}: 'parts' phải là các bảng [[templates.parts]]", hint=f"{_PART_EXAMPLE}", code="KIT172"
        )
    for number, part in enumerate(parts, start=1):
        if not isinstance(part, dict):
            raise InputError(
                f"{where}: phần thứ {number} phải là một bảng [[templates.parts]]",
                hint=f"{_PART_EXAMPLE}",
                code="KIT179",
            )
        missing = [key for key in sorted(PART_KEYS) if not isinstance(part.get(key), str) or not part.get(key)]
        if missing:
            raise InputError(
                f"{where}: phần thứ {number} thiếu {', '.join(missing)} (chuỗi)", hint=f"{_PART_EXAMPLE}", code="KIT180"
            )
        output = part["output"]
        if (
            not output.endswith(".docx")
            or output.startswith(("/", "\\"))
            or "\\" in output
            or any(piece in ("", ".", "..") for piece in output.split("/"))
        ):
            raise InputError(
                f"{where}: phần thứ {number}: output '{output}' phải là tên tệp .docx trong thư mục hồ sơ",
                hint='ví dụ "01-to-trinh.docx" hoặc "bao-cao-thanh-tich/{so}-{ten}.docx"',
                code="KIT181",
            )


def read_manifest(root: Path) -> Manifest:
    """A pack folder's manifest, after checking its shape (InputError with the first problem)."""
    path = Path(root) / "pack.toml"
    if not path.is_file():
        raise InputError(f"{root}: không phải gói mẫu (thiếu pack.toml)", code="KIT173")
    raw = _toml.load(path)
    problems = shape_problems(Path(root), raw)
    if problems:
        raise problems[0]
    return Manifest(Path(root), raw)


def shape_problems(root: Path, raw: dict) -> list[InputError]:
    """Every problem of shape in a pack.toml (missing keys, wrong types, paths outside the pack),
    each a one-line message: read_manifest stops at the first, kit packs lint reports them all."""
    path = root / "pack.toml"
    problems: list[InputError] = []
    for key in ("id", "title", "version"):
        if key not in raw:
            problems.append(InputError(f"{path}: thiếu '{key}'", hint="bổ sung vào đầu tệp", code="KIT410"))
    wrong = set()
    for key, value in raw.items():
        expected = MANIFEST_TYPES.get(key)
        if expected is not None and not isinstance(value, expected[0]):
            problems.append(
                InputError(
                    f"{path}: '{key}' phải là {expected[1]}",
                    hint="sửa theo pack.toml mẫu của một gói mới",
                    code="KIT411",
                )
            )
            wrong.add(key)
    for index, item in enumerate(raw.get("templates", []) if "templates" not in wrong else [], start=1):
        if not isinstance(item, dict):
            problems.append(
                InputError(
                    f"{path}: [[templates]] thứ {index} phải là một bảng",
                    hint="sửa theo pack.toml mẫu của một gói mới",
                    code="KIT412",
                )
            )
            continue
        for key in ("id", "title", "version", "document_type", "type_abbreviation", "file", "form", "builder", "kind"):
            if key in item and not isinstance(item[key], str):
                problems.append(
                    InputError(
                        f"{path}: [[templates]] thứ {index}: '{key}' phải là chuỗi",
                        hint='ghi giá trị trong dấu nháy, ví dụ "ke-hoach"',
                        code="KIT416",
                    )
                )
        if isinstance(item.get("file"), str) and not _inside(root, item["file"]):
            problems.append(
                InputError(
                    f"{path}: [[templates]] thứ {index}: file '{item['file']}' nằm ngoài thư mục gói",
                    hint='ghi đường dẫn trong gói, ví dụ "templates/ke-hoach.docx"',
                    code="KIT413",
                )
            )
        if isinstance(item.get("form"), str) and not ID_PATTERN.match(item["form"]):
            problems.append(
                InputError(
                    f"{path}: [[templates]] thứ {index}: form '{item['form']}' không phải mã biểu mẫu",
                    hint='ghi mã, ví dụ "ke-hoach" (tệp forms/ke-hoach.toml)',
                    code="KIT414",
                )
            )
        try:
            _check_parts(path, index, item)
        except InputError as error:
            problems.append(error)
    if isinstance(raw.get("extends"), str) and not PLAIN_ID.match(raw["extends"]):
        problems.append(
            InputError(
                f"{path}: extends '{raw['extends']}' không phải mã gói",
                hint='ghi mã một gói đã cài, ví dụ "builtin" (không ghi đường dẫn)',
                code="KIT407",
            )
        )
    for key, value in (raw.get("data", {}) if "data" not in wrong else {}).items():
        if not isinstance(value, str):
            problems.append(
                InputError(
                    f"{path}: [data] {key} phải là đường dẫn tệp",
                    hint=f'ghi trong dấu nháy, ví dụ {key} = "data/{key}.toml"',
                    code="KIT415",
                )
            )
        elif not _inside(root, value):
            problems.append(
                InputError(
                    f"{path}: [data] {key}: '{value}' nằm ngoài thư mục gói",
                    hint=f'ghi đường dẫn trong gói, ví dụ "data/{key}.toml"',
                    code="KIT417",
                )
            )
    confirm = raw.get("dossier", {}).get("xac_nhan_cap_trinh") if "dossier" not in wrong else None
    if confirm is not None and not isinstance(confirm, bool):
        problems.append(
            InputError(
                f"{path}: [dossier] xac_nhan_cap_trinh không phải true/false",
                hint="ghi xac_nhan_cap_trinh = true hoặc false, không có dấu nháy",
                code="KIT408",
            )
        )
    rules = raw.get("rules", {}) if "rules" not in wrong else {}
    if not isinstance(rules.get("off", []), list) or not isinstance(rules.get("severity", {}), dict):
        problems.append(
            InputError(
                f"{path}: [rules] off phải là danh sách mã, [rules.severity] là bảng mã = mức",
                hint="sửa theo pack.toml mẫu của một gói mới",
                code="KIT409",
            )
        )
    return problems


def _inside(root: Path, relative: str) -> bool:
    """Whether a path written in pack.toml stays inside the pack folder (a pack is shared: it must
    not make the kit read files elsewhere on the user's machine)."""
    if not relative or "\\" in relative or Path(relative).is_absolute() or ".." in Path(relative).parts:
        return not relative  # an empty file name is reported by lint as a missing file
    return root.resolve() in (root / relative).resolve().parents


def check_form_paths(path: Path) -> None:
    """A form names other files only by a plain name: `extends` another form's id, `sample` a file of
    the pack's samples/ folder; a path there could make the kit read files outside the pack."""
    raw = _toml.load(path)
    extends, sample = raw.get("extends"), raw.get("sample")
    if extends is not None and not (isinstance(extends, str) and PLAIN_ID.match(extends)):
        raise InputError(
            f"{path}: extends '{extends}' không phải mã biểu mẫu",
            hint='ghi mã một biểu mẫu, ví dụ "ke-hoach" (không ghi đường dẫn)',
            code="KIT174",
        )
    if sample is not None and not (isinstance(sample, str) and _plain_name(sample)):
        raise InputError(
            f"{path}: sample '{sample}' không phải tên một tệp trong thư mục samples/ của gói",
            hint='ghi tên tệp, ví dụ "ke-hoach-2026.toml" (không ghi đường dẫn)',
            code="KIT175",
        )


def _plain_name(name: str) -> bool:
    return (
        bool(name)
        and name not in (".", "..")
        and not any(ch in name for ch in "/\\:\0")
        and not Path(name).is_absolute()
    )


AWARD_KINDS = ("ca_nhan", "tap_the", "ca_hai")


def _check_awards(awards, pack) -> None:
    """Each award of the merged data: a name, a kind, a vote threshold in per cent (strict a yes/no)."""
    where = f"gói '{pack.id}', dữ liệu awards"
    if not isinstance(awards, list):
        raise InputError(
            f"{where}: [[awards]] phải là danh sách các bảng", hint="sửa tệp dữ liệu của gói", code="KIT176"
        )
    for index, award in enumerate(awards, start=1):
        name = award.get("name") if isinstance(award, dict) else None
        label = f"{where}, hình thức thứ {index} ({name or 'không tên'})"
        if not isinstance(name, str) or not name.strip():
            raise InputError(
                f"{label}: thiếu name (tên hình thức khen thưởng)", hint='bổ sung name = "…"', code="KIT182"
            )
        if award.get("kind") not in AWARD_KINDS:
            raise InputError(
                f"{label}: kind '{award.get('kind')}' không có", hint=f"dùng {', '.join(AWARD_KINDS)}", code="KIT183"
            )
        threshold = award.get("threshold")
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100:
            raise InputError(
                f"{label}: threshold '{threshold}' phải là số phần trăm từ 0 đến 100",
                hint="ghi ví dụ threshold = 80",
                code="KIT184",
            )
        if "strict" in award and not isinstance(award["strict"], bool):
            raise InputError(
                f"{label}: strict không phải true/false",
                hint="ghi strict = true hoặc false, không có dấu nháy",
                code="KIT185",
            )
        if "confirmed_from" in award and not isinstance(award["confirmed_from"], dt.date):
            raise InputError(
                f"{label}: confirmed_from '{award['confirmed_from']}' không phải ngày",
                hint="ghi ví dụ confirmed_from = 2025-12-15 (không có dấu nháy)",
                code="KIT238",
            )
        sourced = award.get("sourced", [])
        if not isinstance(sourced, list) or not all(
            isinstance(period, dict)
            and all(isinstance(period.get(end), (dt.date, type(None))) for end in ("from", "until"))
            for period in sourced
        ):
            raise InputError(
                f"{label}: sourced phải là danh sách các khoảng ngày",
                hint='ghi ví dụ sourced = [{ from = 2024-01-01, until = 2025-06-30, source = "…" }]',
                code="KIT239",
            )


# -- the values of data files: each known field of each table has a type and, for numbers, bounds ------


@dataclass(frozen=True)
class Kind:
    """What a data field holds: `name` one of text, texts (a list of text), date, bool, int, number."""

    name: str
    low: float = 0
    high: float = 0
    example: str = ""

    def accepts(self, value: Any) -> bool:
        if self.name == "text":
            return isinstance(value, str) and len(value) <= MAX_DATA_TEXT
        if self.name == "texts":
            return (
                isinstance(value, list)
                and len(value) <= MAX_DATA_ENTRIES
                and all(isinstance(item, str) and len(item) <= MAX_DATA_TEXT for item in value)
            )
        if self.name == "date":
            return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        if self.name == "bool":
            return isinstance(value, bool)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if self.name == "int" and not isinstance(value, int):
            return False
        return math.isfinite(value) and self.low <= value <= self.high

    def describe(self) -> str:
        return {
            "text": f"chuỗi trong dấu nháy (tối đa {MAX_DATA_TEXT} ký tự)",
            "texts": 'danh sách chuỗi, ví dụ ["…", "…"]',
            "date": "ngày không có dấu nháy, ví dụ 2025-07-01",
            "bool": "true hoặc false, không có dấu nháy",
            "int": f"số nguyên từ {self.low:g} đến {self.high:g}",
            "number": f"số từ {self.low:g} đến {self.high:g}",
        }[self.name] + (f", ví dụ {self.example}" if self.example else "")


MAX_DATA_TEXT = 2000  # characters of one text of pack data (a legal citation, a criterion's words)
MAX_DATA_ENTRIES = 1000  # entries of one table (awards, legal texts…); the kit's own have under 50
TEXT, TEXTS, DATE, BOOL = Kind("text"), Kind("texts"), Kind("date"), Kind("bool")
# The documented bounds of every number of pack data (docs/huong-dan-goi-mau.md, “Giới hạn của dữ liệu
# gói”); certificate data is checked by kit.drawing.certificate (boxes inside the page, sizes 4–200 pt).
DATA_FIELDS: dict[str, dict[str, dict[str, Kind]]] = {
    "awards": {"awards": {"source": TEXT}},  # the other fields: _check_awards (threshold 0–100)
    "legal_bases": {
        "periods": {
            "from": DATE,
            "until": DATE,
            "law": TEXT,
            "decree": TEXT,
            "report_form": TEXT,
            "form_verified": BOOL,
            "report_title": TEXT,
            "verified": BOOL,
            "source": TEXT,
        },
        "regulations": {"from": DATE, "until": DATE, "citation": TEXT, "source": TEXT},
    },
    "legal_texts": {
        "texts": {
            "symbol": TEXT,
            "title": TEXT,
            "aliases": TEXTS,
            "in_force_from": DATE,
            "in_force_until": DATE,
            "replaced_by": TEXT,
            "source": TEXT,
        }
    },
    "criteria": {
        "criteria": {
            "award": TEXT,
            "kind": TEXT,
            "requires": TEXT,
            "consecutive_years": Kind("int", 1, 50, "consecutive_years = 3"),
            "alternative": BOOL,
            "text": TEXT,
            "source": TEXT,
            "certainty": TEXT,
        }
    },
    "rewards": {
        "rewards": {
            "name": TEXT,
            "ca_nhan": Kind("number", 0, 1000, "ca_nhan = 1.5"),
            "tap_the": Kind("number", 0, 1000, "tap_the = 3.0"),
            "source": TEXT,
            "certainty": TEXT,
        },
        "base_salary": {
            "from": DATE,
            "amount": Kind("int", 0, 10**12, "amount = 2340000"),
            "source": TEXT,
            "certainty": TEXT,
        },
    },
    "award_law": {
        "authorities": {"id": TEXT, "title": TEXT, "titles": TEXTS, "agencies": TEXTS},
        "awards": {
            "name": TEXT,
            "category": TEXT,
            "decided_by": TEXTS,
            "proposed_by": TEXTS,
            "certificate": TEXT,
            "source": TEXT,
            "certainty": TEXT,
        },
    },
}


# The fields an entry cannot do without (the documents print them or look entries up by them).
DATA_REQUIRED: dict[tuple[str, str], tuple[str, ...]] = {
    ("legal_bases", "periods"): ("law", "decree"),
    ("legal_bases", "regulations"): ("citation",),
    ("legal_texts", "texts"): ("symbol",),
    ("rewards", "rewards"): ("name",),
    ("rewards", "base_salary"): ("from", "amount"),
    ("award_law", "authorities"): ("id",),
    ("award_law", "awards"): ("name",),  # decided_by: on the merged data (kit packs lint)
}


def data_problems(key: str, content: Any, where: str) -> list[InputError]:
    """What is wrong with the values of data file `key`: a table that is not a list of tables, a known
    field of the wrong type or out of its bounds, a number that is not finite anywhere. Each a
    one-line error; unknown fields are lint's warnings, not errors here."""
    problems: list[InputError] = []
    if not isinstance(content, dict):
        return [InputError(f"{where}: phải là một bảng TOML", hint="sửa tệp dữ liệu của gói", code="KIT510")]
    for table, fields in DATA_FIELDS.get(key, {}).items():
        entries = content.get(table)
        if entries is None:
            continue
        if not isinstance(entries, list) or len(entries) > MAX_DATA_ENTRIES:
            problems.append(
                InputError(
                    f"{where}: [[{table}]] phải là danh sách các bảng (tối đa {MAX_DATA_ENTRIES})",
                    hint="sửa tệp dữ liệu của gói",
                    code="KIT511",
                )
            )
            continue
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                problems.append(
                    InputError(
                        f"{where}: [[{table}]] thứ {index} phải là một bảng",
                        hint="sửa tệp dữ liệu của gói",
                        code="KIT512",
                    )
                )
                continue
            missing = [name for name in DATA_REQUIRED.get((key, table), ()) if name not in entry]
            if missing:
                problems.append(
                    InputError(
                        f"{where}: [[{table}]] thứ {index} thiếu {', '.join(missing)}",
                        hint="bổ sung vào tệp dữ liệu của gói",
                        code="KIT513",
                    )
                )
            for name, kind in fields.items():
                if name in entry and not kind.accepts(entry[name]):
                    problems.append(
                        InputError(
                            f"{where}: [[{table}]] thứ {index}: {name} = {_shown(entry[name])} không hợp lệ",
                            hint=f"ghi {kind.describe()}",
                            code="KIT514",
                        )
                    )
    if key == "rewards" and "given" in content and not TEXTS.accepts(content["given"]):
        problems.append(
            InputError(
                f"{where}: given = {_shown(content['given'])} không hợp lệ",
                hint=f"ghi {TEXTS.describe()}",
                code="KIT515",
            )
        )
    _non_finite(content, where, problems)
    return problems


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"


def _non_finite(value: Any, where: str, problems: list[InputError], depth: int = 0) -> None:
    """NaN and infinities (TOML's nan, inf) are never a measure, a threshold or a count."""
    if depth > 40 or len(problems) > 20:
        return
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(
            InputError(f"{where}: có số {value} (không hữu hạn)", hint="ghi một số thật, ví dụ 10", code="KIT516")
        )
    elif isinstance(value, dict):
        for item in value.values():
            _non_finite(item, where, problems, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _non_finite(item, where, problems, depth + 1)


# What each pack.toml key must be: a wrong type is one clear error, not a crash later.
MANIFEST_TYPES = {
    "id": (str, "chuỗi trong dấu nháy"),
    "title": (str, "chuỗi trong dấu nháy"),
    "version": (str, 'chuỗi "X.Y.Z"'),
    "min_kit_version": (str, 'chuỗi "X.Y.Z"'),
    "maintainer": (str, "chuỗi"),
    "extends": (str, 'mã một gói, ví dụ "builtin"'),
    "description": (str, "chuỗi"),
    "templates": (list, "danh sách [[templates]]"),
    "data": (dict, "bảng [data]"),
    "defaults": (dict, "bảng [defaults]"),
    "dossier": (dict, "bảng [dossier]"),
    "rules": (dict, "bảng [rules]"),
}


def _merge_lists(base: list, child: list) -> list:
    # Items are matched by a text key (an award's name); a key that is not text (a hostile or mistyped
    # pack) matches nothing: the child's list replaces the base's, and the pack's checks report the value.
    key = next(
        (k for k in MERGE_KEYS if all(isinstance(i, dict) and isinstance(i.get(k), str) for i in base + child)),
        None,
    )
    if key is None or not base:
        return list(child)
    merged = {item[key]: dict(item) for item in base}
    for item in child:
        merged[item[key]] = {**merged.get(item[key], {}), **item}
    return list(merged.values())


def merge_data(base: dict, child: dict) -> dict:
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, list) and isinstance(base.get(key), list):
            merged[key] = _merge_lists(base[key], value)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = merge_data(base[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class Pack:
    """A pack with everything it inherits resolved. `chain[0]` is the pack itself."""

    chain: tuple[Manifest, ...]
    where: str = ""  # the location it was found in (for `kit packs list`)

    @property
    def manifest(self) -> Manifest:
        return self.chain[0]

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def title(self) -> str:
        return str(self.manifest.raw.get("title", ""))

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def root(self) -> Path:
        return self.manifest.root

    @property
    def extends(self) -> str | None:
        return self.manifest.extends

    @cached_property
    def templates(self) -> tuple[TemplateSpec, ...]:
        by_id: dict[str, TemplateSpec] = {}
        for manifest in reversed(self.chain):  # the base first, so that the pack overrides it
            for spec in manifest.templates():
                by_id[spec.id] = spec
        return tuple(by_id.values())

    def template(self, template_id: str) -> TemplateSpec:
        for spec in self.templates:
            if spec.id == template_id:
                return spec
        known = ", ".join(spec.id for spec in self.templates)
        raise UsageError(
            f"không có mẫu '{template_id}' trong gói '{self.id}'",
            hint=f"các mẫu có sẵn: {known}",
            code="KIT177",
        )

    @cached_property
    def _data(self) -> dict[str, dict]:
        merged: dict[str, dict] = {}
        for manifest in reversed(self.chain):
            for key, path in manifest.data_files().items():
                content = _toml.load(path)
                problems = data_problems(key, content, str(path))
                if problems:
                    raise problems[0]
                merged[key] = merge_data(merged.get(key, {}), content)
        _check_awards(merged.get("awards", {}).get("awards", []), self)
        return merged

    def data(self) -> dict[str, dict]:
        """The data files of the chain, each merged over its base's (entries by name/symbol/code)."""
        return self._data

    def _table(self, key: str) -> dict:
        merged: dict = {}
        for manifest in reversed(self.chain):
            merged = merge_data(merged, manifest.raw.get(key, {}))
        return merged

    @property
    def defaults(self) -> dict[str, Any]:
        """Values that pre-fill a blank workbook (agency names, signer, standard Nơi nhận…)."""
        return self._table("defaults")

    @property
    def settings(self) -> dict[str, Any]:
        return {"dossier": self._table("dossier")}

    @property
    def rules(self) -> dict[str, Any]:
        """Rule settings for kit check: `off` (codes) and `severity` (code → level)."""
        merged = self._table("rules")
        off: list[str] = []
        for manifest in reversed(self.chain):
            off += [code for code in manifest.raw.get("rules", {}).get("off", []) if code not in off]
        return {**merged, "off": off}

    def forms_dirs(self) -> list[Path]:
        """Where the forms of this pack are looked up: each pack's forms/ folder, then the kit's."""
        from ..resources import forms_dir

        return [manifest.root / "forms" for manifest in self.chain] + [forms_dir()]

    def form_path(self, form_id: str) -> Path:
        for folder in self.forms_dirs():
            if (folder / f"{form_id}.toml").is_file():
                check_form_paths(folder / f"{form_id}.toml")
                return folder / f"{form_id}.toml"
        raise InputError(f"gói '{self.id}': không có định nghĩa biểu mẫu '{form_id}'", code="KIT178")

    def check_kit_version(self) -> None:
        for manifest in self.chain:
            needed = str(manifest.raw.get("min_kit_version", "0"))
            if version_tuple(needed) > version_tuple(__version__):
                raise InputError(
                    f"{manifest.root / 'pack.toml'}: gói mẫu '{manifest.id}' cần vanban-kit {needed} trở lên "
                    f"(đang dùng {__version__})",
                    hint="cập nhật vanban-kit",
                    code="KIT189",
                )


def resolve(manifest: Manifest, lookup, where: str = "") -> Pack:
    """The pack of `manifest` with its `extends` chain; `lookup(id)` finds a manifest by id."""
    chain = [manifest]
    seen = {manifest.id}
    while chain[-1].extends:
        parent_id = chain[-1].extends
        if parent_id in seen:
            raise InputError(
                f"gói '{manifest.id}': vòng lặp kế thừa ({' → '.join([m.id for m in chain] + [parent_id])})",
                code="KIT186",
            )
        parent = lookup(parent_id)
        if parent is None:
            raise InputError(
                f"gói '{chain[-1].id}' kế thừa gói '{parent_id}' nhưng gói này chưa được cài",
                hint="cài gói đó trước",
                code="KIT187",
            )
        chain.append(parent)
        seen.add(parent_id)
    pack = Pack(tuple(chain), where)
    pack.check_kit_version()
    return pack
