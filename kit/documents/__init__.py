"""Builders: how the data of a workbook becomes the fields of a kind of template.

A template pack names a builder by kind (`builder = "ke_hoach"` in pack.toml); packs hold no code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import Problem
from ..form.read import FormData
from . import ho_so, ke_hoach, quyet_dinh

Builder = Callable[[FormData, Any], dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    "ke_hoach": ke_hoach.build_context,
}

# The award decision's parts live in their own module (it builds on the collected dossier).
ho_so.PART_BUILDERS.update(quyet_dinh.DECISION_BUILDERS)

__all__ = ["BUILDERS", "Builder", "build", "ho_so", "ke_hoach", "quyet_dinh"]


def build(builder: str, data: FormData, spec: Any) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """The fields of a template from the workbook's data: (context, problems, warnings). The data is
    not changed: the builder reports into a copy with its own problem lists (FormData.derive)."""
    view = data.derive()
    context = BUILDERS[builder](view, spec)
    return context, view.problems, view.warnings
