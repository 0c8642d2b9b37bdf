"""Read-only model of a Word document: effective formatting resolved in one place."""

from .effective import ParagraphFormat, RunFormat, StyleSheet

__all__ = ["ParagraphFormat", "RunFormat", "StyleSheet"]
