"""Builders: how the data of a workbook becomes the fields of a kind of template.

A template pack names a builder by kind (`builder = "ke_hoach"` in pack.toml); packs hold no code.
"""

from __future__ import annotations

from typing import Any, Callable

from ..form.read import FormData
from . import ho_so, ke_hoach

Builder = Callable[[FormData, Any], dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    "ke_hoach": ke_hoach.build_context,
}
