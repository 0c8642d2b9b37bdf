"""`kit packs lint`: what is wrong with a pack, each problem with where it is and how to fix it."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import _toml
from ..diagnostics import Diagnostic, Severity
from ..errors import InputError, KitError
from .model import (
    ID_PATTERN,
    MANIFEST_KEYS,
    PART_KEYS,
    TEMPLATE_KEYS,
    VERSION_PATTERN,
    Manifest,
    Pack,
    read_manifest,
    shape_problems,
    version_tuple,
)

PLACEHOLDER = "…"  # what kit packs new leaves in the defaults of a pack whose base has none

KINDS = {"document", "dossier", "part"}


@dataclass(frozen=True)
class LintProblem(Diagnostic):
    """One problem of a pack: what is wrong (`message`) and how to fix it (`hint`)."""

    where: str
    message: str
    error: bool = True
    hint: str = ""
    code: str = field(kw_only=True)  # named where the problem is found, from kit/error_codes.tsv
    # what an adapter's wording of the hint may quote (kit.diagnostics.worded), as KitError.values
    values: dict[str, str] = field(default_factory=dict, kw_only=True, compare=False, hash=False)

    @property
    def severity(self) -> Severity:  # type: ignore[override]
        return Severity.ERROR if self.error else Severity.WARNING

    @property
    def location(self) -> str:
        return self.where

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.where}: {'lỗi' if self.error else 'cảnh báo'}: {self.message}{hint}"


# The keys of each table a pack may write; anything else is reported with the closest known key.
DOSSIER_KEYS = {"xac_nhan_cap_trinh"}
RULES_KEYS = {"off", "severity"}
DATA_KEYS = {
    "awards": {"awards": {"name", "kind", "threshold", "strict", "source", "sourced", "confirmed_from"}},
    "legal_bases": {
        "periods": {
            "from",
            "until",
            "law",
            "decree",
            "report_form",
            "form_verified",
            "report_title",
            "verified",
            "source",
        },
        "regulations": {"from", "until", "citation", "source"},
    },
    "legal_texts": {
        "texts": {"symbol", "title", "aliases", "in_force_from", "in_force_until", "replaced_by", "source"}
    },
    "criteria": {
        "criteria": {"award", "kind", "requires", "consecutive_years", "alternative", "text", "source", "certainty"},
        "history": {"twice_a_year", "same_achievement"},  # a table of tables (kit.app.register.check_dossier)
    },
    "award_law": {
        "checked": set(),
        "authorities": {"id", "title", "titles", "agencies"},
        "awards": {"name", "category", "decided_by", "proposed_by", "certificate", "source", "certainty"},
    },
    "rewards": {
        "given": set(),
        "checked": set(),
        "rewards": {"name", "ca_nhan", "tap_the", "source", "certainty"},
        "base_salary": {"from", "amount", "source", "certainty"},
    },
}


def unknown_keys(keys, known, where: str, what: str = "khóa", error: bool = True) -> list[LintProblem]:
    """A problem for each key not in `known`, with "có phải '…'?" when one is close."""
    problems = []
    for key in sorted(set(keys) - set(known)):
        close = difflib.get_close_matches(str(key), sorted(known), n=1)
        hint = f"có phải '{close[0]}'?" if close else f"các {what} được dùng: {', '.join(sorted(known))}"
        problems.append(LintProblem(where, f"{what} lạ '{key}'", error=error, hint=f"{hint}", code="KIT131"))
    return problems


def _manifest_problems(manifest: Manifest) -> list[LintProblem]:
    path = manifest.root / "pack.toml"
    raw = manifest.raw
    problems = []
    where = str(path)
    problems += unknown_keys(raw, MANIFEST_KEYS, where)
    if isinstance(raw.get("dossier"), dict):
        problems += unknown_keys(raw["dossier"], DOSSIER_KEYS, f"{where} [dossier]")
    if isinstance(raw.get("rules"), dict):
        problems += unknown_keys(raw["rules"], RULES_KEYS, f"{where} [rules]")
    for key, value in (raw.get("defaults") or {}).items() if isinstance(raw.get("defaults"), dict) else ():
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and PLACEHOLDER in text for text in texts):
            problems.append(
                LintProblem(
                    f"{where} [defaults]",
                    f"{key} = {json.dumps(value, ensure_ascii=False)} vẫn còn chỗ trống “{PLACEHOLDER}”",
                    error=False,
                    hint="điền giá trị của đơn vị",
                    code="KIT135",
                )
            )
    if not ID_PATTERN.match(manifest.id):
        problems.append(
            LintProblem(
                where,
                f"id '{manifest.id}' không hợp lệ",
                hint="chữ thường, số và dấu '-', ví dụ lang-son",
                code="KIT132",
            )
        )
    if not VERSION_PATTERN.match(manifest.version):
        problems.append(
            LintProblem(where, f"version '{manifest.version}' không theo dạng X.Y.Z (semver)", code="KIT133")
        )
    if "min_kit_version" in raw and not VERSION_PATTERN.match(str(raw["min_kit_version"])):
        problems.append(
            LintProblem(where, f"min_kit_version '{raw['min_kit_version']}' không theo dạng X.Y.Z", code="KIT134")
        )
    seen = set()
    for index, item in enumerate(raw.get("templates", []), start=1):
        at = f"{where} [[templates]] thứ {index}"
        if not isinstance(item, dict):
            continue
        problems += unknown_keys(item, TEMPLATE_KEYS, at)
        for number, part in enumerate(item.get("parts") or [], start=1):
            if isinstance(part, dict):
                problems += unknown_keys(part, PART_KEYS, f"{at}, [[templates.parts]] thứ {number}")
        template_id = item.get("id", "")
        if not ID_PATTERN.match(str(template_id)):
            problems.append(LintProblem(at, f"id mẫu '{template_id}' không hợp lệ", code="KIT136"))
        if template_id in seen:
            problems.append(LintProblem(at, f"id mẫu '{template_id}' lặp lại", code="KIT137"))
        seen.add(template_id)
        if item.get("kind", "document") not in KINDS:
            problems.append(
                LintProblem(
                    at, f"kind '{item.get('kind')}' không có", hint="dùng document, dossier hoặc part", code="KIT138"
                )
            )
        if not VERSION_PATTERN.match(str(item.get("version", ""))):
            problems.append(LintProblem(at, f"version '{item.get('version')}' không theo dạng X.Y.Z", code="KIT139"))
    for key, relative in raw.get("data", {}).items():
        data_path = manifest.root / relative
        if not data_path.is_file():
            problems.append(LintProblem(where, f"[data] {key}: không có tệp {relative}", code="KIT140"))
        else:
            try:
                content = _toml.load(data_path)
            except InputError as error:
                problems.append(
                    LintProblem(str(data_path), error.message, hint=error.hint, code=error.code, values=error.values)
                )
                continue
            tables = DATA_KEYS.get(key)
            if tables is not None:
                problems += unknown_keys(content, set(tables), str(data_path), "bảng", error=False)
                for table, known in tables.items():
                    entries = content.get(table)
                    for index, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
                        if isinstance(entry, dict):
                            problems += unknown_keys(entry, known, f"{data_path} [[{table}]] thứ {index}", error=False)
    return problems


def lint(folder: Path, deep: Callable[[Pack], list[LintProblem]] | None = None) -> list[LintProblem]:
    """Every problem of the pack's manifest and data in `folder`, errors and warnings. `deep` adds the
    checks that need the layers above (templates, builders, rule settings, each template's sample
    rendered: kit.app.packs), run once the pack and its data can be read."""
    from .discover import pack_at

    try:
        manifest = read_manifest(folder)
    except KitError as error:
        return _unreadable(Path(folder), error)
    problems = _manifest_problems(manifest)
    try:
        pack = pack_at(folder)
    except KitError as error:
        return problems + [
            LintProblem(str(folder / "pack.toml"), error.message, hint=error.hint, code=error.code, values=error.values)
        ]
    try:
        data = pack.data()  # the data files merged over the base's, awards checked
    except KitError as error:
        return problems + [
            LintProblem(str(folder / "pack.toml"), error.message, hint=error.hint, code=error.code, values=error.values)
        ]
    problems += _award_law_problems(pack, data)
    if deep is not None:
        problems += deep(pack)
    return problems


def _award_law_problems(pack: Pack, data: dict) -> list[LintProblem]:
    """The award law of the merged data (who decides, money, certificates) read as the kit reads it."""
    from ..award_law import data_problems

    if not data.get("award_law") and not data.get("rewards"):
        return []
    layouts = sorted((data.get("certificate") or {}).get("layouts") or {})
    where = str(pack.root / "pack.toml") + " [data] award_law, rewards"
    problems: list[LintProblem] = []

    def bad(message: str, hint: str, *, code: str) -> None:
        problems.append(LintProblem(where, message, hint=hint, code=code))

    data_problems(data.get("award_law") or {}, data.get("rewards") or {}, layouts, bad)
    return problems


def _unreadable(folder: Path, error: KitError) -> list[LintProblem]:
    """Every problem of a pack.toml that cannot be read as a manifest, not only the first."""
    try:
        raw = _toml.load(folder / "pack.toml")
    except (KitError, OSError):
        return [LintProblem(str(folder), error.message, hint=error.hint, code=error.code, values=error.values)]
    problems = [
        LintProblem(
            str(folder / "pack.toml"),
            shape.message.split(": ", 1)[1] if shape.message.startswith(str(folder)) else shape.message,
            hint=shape.hint,
            code=shape.code,
        )
        for shape in shape_problems(folder, raw)
    ] or [LintProblem(str(folder), error.message, hint=error.hint, code=error.code, values=error.values)]
    return problems + unknown_keys(raw, MANIFEST_KEYS, str(folder / "pack.toml"))


__all__ = ["lint", "LintProblem", "unknown_keys", "version_tuple"]
