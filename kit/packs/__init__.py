"""Template packs: discovery, inheritance (extends), data, lint and installation."""

from .discover import builtin_pack, get_pack, pack_at, user_packs_dir
from .model import DossierPart, Manifest, Pack, TemplateSpec, read_manifest, version_tuple


def load_pack_data(root) -> dict:
    """The data files of the pack in `root` with what it inherits ([data] in pack.toml), parsed."""
    return pack_at(root).data()


__all__ = [
    "DossierPart",
    "Pack",
    "TemplateSpec",
    "Manifest",
    "builtin_pack",
    "get_pack",
    "pack_at",
    "user_packs_dir",
    "read_manifest",
    "version_tuple",
    "load_pack_data",
]
