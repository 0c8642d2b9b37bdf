"""`kit packs lint`: what is wrong with a pack, each problem with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

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


def lint(folder: Path, deep: Callable[[Pack], list[LintProblem]] | None = None) -> list[LintProblem]:
    """Every problem of the pack's manifest and data in `folder`, errors and warnings. `deep` adds the
    checks that need the layers above (templates, builders, rule settings, each template's sample
    rendered: kit.app.packs), run once the pack and its data can be read."""
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
    if deep is not None:
        problems += deep(pack)
    return problems


__all__ = ["lint", "LintProblem", "version_tuple"]
