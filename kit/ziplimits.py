"""Limits on what a zip container (.docx, .xlsx, .ods) may unpack to, checked before it is opened.

A few MB of zip can unpack to gigabytes (one long run of the same byte compresses a thousandfold):
opening such a file would fill the memory before any content could be read. Python's zipfile never
reads more of an entry than the size its directory declares, so the declared sizes are a safe bound.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO, Union

from .errors import InputError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 500-page document or a 50,000-row workbook unpacks to far less
MAX_ENTRIES = 10000

Source = Union[Path, str, bytes, IO[bytes]]  # noqa: UP007 - a runtime alias, for Python 3.10


def check_unpacked_size(source: Source, name: str, what: str) -> None:
    """Raise InputError when the zip at `source` unpacks to more than the limits; a file that is not a
    zip is left for its reader to report. `what` says what the file should have been."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        entries = zipfile.ZipFile(source).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES or len(entries) > MAX_ENTRIES:
        raise InputError(
            f"{name}: tệp giải nén ra quá lớn ({unpacked // 2**20} MB, {len(entries)} phần) — "
            f"không phải một {what} bình thường; kiểm tra nguồn của tệp"
        )
