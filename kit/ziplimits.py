"""Zips in and out: the one guard on what a zip container (.docx, .xlsx, .ods, a pack's .zip) may unpack
to, checked before it is opened, and the one writer of the archives the kit hands out (a dossier's or a
decision's .zip).

A few MB of zip can unpack to gigabytes (one long run of the same byte compresses a thousandfold):
opening such a file would fill the memory before any content could be read. Python's zipfile never
reads more of an entry than the size its directory declares, so the declared sizes are a safe bound.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Union

from .errors import InputError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 500-page document or a 50,000-row workbook unpacks to far less
MAX_ENTRIES = 10000

Source = Union[Path, str, bytes, IO[bytes]]  # noqa: UP007 - a runtime alias, for Python 3.10


def check_entries(
    entries: list[zipfile.ZipInfo],
    name: str,
    what: str,
    *,
    max_bytes: int = MAX_UNPACKED_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> None:
    """Raise InputError when a zip's directory declares more than `max_bytes` unpacked or more than
    `max_entries` parts. `what` says what the file should have been ("văn bản Word", "bảng tính")."""
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_bytes or len(entries) > max_entries:
        raise InputError(
            f"{name}: tệp giải nén ra quá lớn ({unpacked // 2**20} MB, {len(entries)} phần)",
            hint=f"không phải một {what} bình thường; kiểm tra nguồn của tệp",
            code="KIT051",
        )


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
    check_entries(entries, name, what)


ALREADY_COMPRESSED = (".docx", ".xlsx", ".pdf", ".zip", ".png", ".jpg")


def archive_bytes(entries: Iterable[tuple[str, bytes]], *, when: float | None = None) -> bytes:
    """A .zip of `entries` (name inside the archive, content), each dated `when` (a time.time(); now by
    default: the documents were just made, and a clerk sorts the archive's files by date). Word files
    and PDFs are compressed already: they are stored, the rest deflated. Names repeated keep the first."""
    stamp = time.localtime(time.time() if when is None else when)[:6]
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            if name in seen:
                continue
            seen.add(name)
            entry = zipfile.ZipInfo(name, max(stamp, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = (
                zipfile.ZIP_STORED if name.lower().endswith(ALREADY_COMPRESSED) else zipfile.ZIP_DEFLATED
            )
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()
