"""Rendering Word templates (docxtpl in a Jinja sandbox) and the kit's layout fixes."""

from .batch import Job, render_each, render_many
from .docx import render_template

__all__ = ["Job", "render_each", "render_many", "render_template"]
