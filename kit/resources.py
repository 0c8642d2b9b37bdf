"""Where the built-in templates, forms and samples are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the folders under kit/_data/ (pyproject force-include); a checkout or an
    # editable install finds them beside the package.
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def templates_dir() -> Path:
    return _data_dir("templates")


def forms_dir() -> Path:
    return _data_dir("forms")


def samples_dir() -> Path:
    return _data_dir("samples")
