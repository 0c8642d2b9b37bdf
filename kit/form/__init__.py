"""The staff workbook: its definition, building it and reading it back."""

from .build import build_workbook
from .definition import FormDefinition, load_form
from .read import FormData, read_workbook

__all__ = ["FormDefinition", "load_form", "build_workbook", "read_workbook", "FormData"]
