"""A release of a registry's pack fetched and verified (its signed tag, its version): what installing,
updating and diffing a release share (kit.app.registry, kit.app.pack_diff)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..packs import registry as reg
from ..packs.model import read_manifest


def check_version(entry: reg.Entry, release: reg.Release, folder: Path) -> None:
    manifest = read_manifest(folder)
    if manifest.version != release.version:
        raise InputError(
            f"gói '{entry.id}', thẻ {release.tag}: pack.toml ghi phiên bản {manifest.version}, chỉ mục kho "
            f"'{entry.registry}' ghi {release.version}",
            hint="không cài; báo người quản lý gói sửa chỉ mục",
            code="KIT552",
        )


def fetch_for_diff(
    spec: str, work: Path, *, allow_unsigned: bool = False, refresh: bool = True
) -> tuple[Path, str, list[str]]:
    """ID@VERSION from the registries into `work` (verified as for installing): its folder and label."""
    pack_id, version = reg.split_spec(spec)
    loaded = reg.load(refresh=refresh)
    entry = reg.find(loaded, pack_id)
    release = entry.release(version)
    fetched = reg.fetch_release(entry, release, work, allow_unsigned=allow_unsigned)
    check_version(entry, release, fetched.folder)
    return fetched.folder, f"{pack_id} {release.version} (kho {entry.registry})", loaded.notes
