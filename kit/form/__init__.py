"""The staff workbook: its definition, building it and reading it back."""

from .definition import FormDefinition, load_form
from .build import build_workbook
from .read import read_workbook, FormData

__all__ = ["FormDefinition", "load_form", "build_workbook", "read_workbook", "FormData"]
