"""Where packs are found, in order: ./packs, the user's data folder, $KIT_PACKS, the built-in pack."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import InputError, UsageError
from ..resources import templates_dir
from .model import Manifest, Pack, read_manifest, resolve

BUILTIN = "builtin"


def user_packs_dir() -> Path:
    """The user's pack folder: $KIT_DATA_HOME/packs, else %APPDATA%\\vanban-kit\\packs on Windows,
    $XDG_DATA_HOME/vanban-kit/packs (default ~/.local/share) elsewhere. `kit packs install` writes here."""
    if os.environ.get("KIT_DATA_HOME"):
        return Path(os.environ["KIT_DATA_HOME"]) / "packs"
    if sys.platform.startswith("win") and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "vanban-kit" / "packs"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vanban-kit" / "packs"


def locations() -> list[tuple[str, Path]]:
    found = [("thư mục dự án", Path.cwd() / "packs"), ("thư mục người dùng", user_packs_dir())]
    for entry in os.environ.get("KIT_PACKS", "").split(os.pathsep):
        if entry.strip():
            found.append(("KIT_PACKS", Path(entry.strip())))
    return found


def _manifests_in(folder: Path) -> list[Manifest]:
    if not folder.is_dir():
        return []
    found = []
    candidates = [folder] if (folder / "pack.toml").is_file() else sorted(p for p in folder.iterdir() if p.is_dir())
    for candidate in candidates:
        if (candidate / "pack.toml").is_file():
            try:
                found.append(read_manifest(candidate))
            except InputError:
                continue  # a broken pack folder is reported by `kit packs lint`, not by every command
    return found


_told: set[str] = set()


def _tell(message: str) -> None:
    """A warning about discovery, once per run (discovery runs several times in one command)."""
    if message not in _told:
        _told.add(message)
        print(f"Cảnh báo: {message}", file=sys.stderr)


def all_manifests() -> list[tuple[str, Manifest]]:
    """Every pack found, the first of each id winning (the discovery order), the built-in last.
    The id 'builtin' is reserved: a pack folder claiming it is refused, never used in its place."""
    seen: set[str] = set()
    result = []
    for label, folder in locations():
        for manifest in _manifests_in(folder):
            if manifest.id == BUILTIN:
                _tell(
                    f"{manifest.root}: bỏ qua gói này — mã 'builtin' dành cho gói có sẵn của vanban-kit; "
                    "đổi id trong pack.toml của gói"
                )
                continue
            if manifest.id not in seen:
                seen.add(manifest.id)
                result.append((f"{label}: {manifest.root}", manifest))
    result.append(("có sẵn trong vanban-kit", read_manifest(templates_dir())))
    return result


def _lookup(pack_id: str) -> Manifest | None:
    return next((manifest for _, manifest in all_manifests() if manifest.id == pack_id), None)


def get_pack(pack_id: str | None = None) -> Pack:
    """The pack `pack_id` (the built-in pack when None), resolved with what it extends."""
    pack_id = pack_id or BUILTIN
    for where, manifest in all_manifests():
        if manifest.id == pack_id:
            return resolve(manifest, _lookup, where)
    known = ", ".join(manifest.id for _, manifest in all_manifests())
    raise UsageError(
        f"không tìm thấy gói mẫu '{pack_id}'",
        hint=f"các gói đã có: {known}",
        code="KIT130",
    )


def pack_at(folder: Path) -> Pack:
    """The pack in `folder` (not necessarily installed), resolved against the installed packs."""
    manifest = read_manifest(folder)
    return resolve(manifest, lambda pack_id: _lookup(pack_id) if pack_id != manifest.id else None, str(folder))


def builtin_pack() -> Pack:
    manifest = read_manifest(templates_dir())
    return resolve(manifest, lambda _: None, "có sẵn trong vanban-kit")
