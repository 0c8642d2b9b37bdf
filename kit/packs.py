"""Template packs: a manifest (pack.toml) naming templates, their forms and how they are filled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, _toml
from .errors import InputError, UsageError
from .resources import templates_dir


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
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    version: str
    root: Path
    templates: tuple[TemplateSpec, ...]
    settings: dict = field(default_factory=dict)  # the manifest's own tables, e.g. [dossier]

    def data(self) -> dict:
        """The pack's data files ([data] in pack.toml), parsed."""
        return load_pack_data(self.root)

    def template(self, template_id: str) -> TemplateSpec:
        for spec in self.templates:
            if spec.id == template_id:
                return spec
        known = ", ".join(spec.id for spec in self.templates)
        raise UsageError(f"không có mẫu '{template_id}' — các mẫu có sẵn: {known} (xem: kit templates)")


_REQUIRED = ("id", "title", "version", "document_type", "type_abbreviation", "file", "form", "builder")


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def load_pack(root: Path) -> Pack:
    manifest = root / "pack.toml"
    raw = _toml.load(manifest)
    templates = []
    for index, item in enumerate(raw.get("templates", []), start=1):
        missing = [key for key in _REQUIRED if key not in item]
        if missing:
            raise InputError(f"{manifest}: mẫu thứ {index} thiếu {', '.join(missing)} — bổ sung vào [[templates]]")
        templates.append(
            TemplateSpec(
                id=item["id"],
                title=item["title"],
                version=str(item["version"]),
                document_type=item["document_type"],
                type_abbreviation=item["type_abbreviation"],
                file=root / item["file"] if item["file"] else root,
                form=item["form"],
                builder=item["builder"],
                legal_basis=item.get("legal_basis", ""),
                kind=item.get("kind", "document"),
                documents=tuple(item.get("documents", ())),
            )
        )
    for key in ("id", "title", "version"):
        if key not in raw:
            raise InputError(f"{manifest}: thiếu '{key}' — bổ sung vào đầu tệp")
    needed = str(raw.get("min_kit_version", "0"))
    if _version_tuple(needed) > _version_tuple(__version__):
        raise InputError(
            f"{manifest}: gói mẫu '{raw['id']}' cần vanban-kit {needed} trở lên (đang dùng {__version__}) — cập nhật vanban-kit"
        )
    settings = {key: value for key, value in raw.items() if isinstance(value, dict) and key != "data"}
    return Pack(id=raw["id"], title=raw["title"], version=str(raw["version"]), root=root, templates=tuple(templates),
                settings=settings)


def builtin_pack() -> Pack:
    return load_pack(templates_dir())


def load_pack_data(root) -> dict:
    """The data files a pack names in its [data] table, parsed (key → TOML content)."""
    root = Path(root)
    raw = _toml.load(root / "pack.toml")
    return {key: _toml.load(root / relative) for key, relative in raw.get("data", {}).items()}
