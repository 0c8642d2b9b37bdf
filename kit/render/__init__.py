"""Rendering Word templates (docxtpl in a Jinja sandbox) and the kit's layout fixes."""

from .docx import render_template

__all__ = ["render_template"]
