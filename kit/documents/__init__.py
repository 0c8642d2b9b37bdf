"""Builders: how the data of a workbook becomes the fields of a kind of template.

A template pack names a builder by kind (`builder = "ke_hoach"` in pack.toml); packs hold no code.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import Problem
from ..form.read import FormData
from . import ho_so, ke_hoach

Builder = Callable[[FormData, Any], dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    "ke_hoach": ke_hoach.build_context,
}

__all__ = ["BUILDERS", "Builder", "build", "ho_so", "ke_hoach"]


def build(builder: str, data: FormData, spec: Any) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """The fields of a template from the workbook's data: (context, problems, warnings). The data is
    not changed: the builder reports into a copy with its own problem lists (FormData.derive)."""
    view = data.derive()
    context = BUILDERS[builder](view, spec)
    return context, view.problems, view.warnings
