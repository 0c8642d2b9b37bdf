"""Writing outputs so that nothing is lost: all or nothing, atomically, never over a file unasked."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from .errors import InputError, OutputExistsError


def check_writable(paths: list[Path], force: bool) -> None:
    """Fail before anything is written if an output exists and `force` is off."""
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        names = ", ".join(str(path) for path in existing)
        raise OutputExistsError(f"{names}: tệp đã có — thêm --force để ghi đè, hoặc chọn thư mục khác")


def _temporary_beside(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    os.replace(_temporary_beside(path, data), path)


def write_all(outputs: dict[Path, bytes], force: bool) -> list[Path]:
    """Write every output, or none if one of them cannot be written.

    Every file is first written in full beside its target; only then are they renamed into place,
    so a full disk or a missing permission leaves the earlier outputs as they were.
    """
    check_writable(list(outputs), force)
    for path in outputs:
        if path.is_dir():
            raise InputError(f"{path}: là một thư mục, không ghi đè được — chọn tên khác")
        if path.parent.exists() and not path.parent.is_dir():
            raise InputError(f"{path.parent}: đã có một tệp trùng tên thư mục kết quả — chọn thư mục khác")
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            staged.append((_temporary_beside(path, data), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as exc:
        for temporary, _ in staged:
            _remove(temporary)
        raise InputError(f"{exc.filename or ''}: không ghi được ({exc.strerror or exc}) — kiểm tra quyền ghi và chỗ trống trên đĩa") from None
    return [path for _, path in staged]


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes) -> bytes:
    """The same zip (.docx, .xlsx) with fixed entry times: the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _fixed_modified(content)
            target.writestr(entry, content)
    return out.getvalue()


def _fixed_modified(core: bytes) -> bytes:
    # openpyxl stamps "modified" with the time of saving; the kit's files use their "created" time.
    text = core.decode("utf-8")
    created = re.search(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>", text)
    if created:
        text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", lambda m: m.group(1) + created.group(1) + m.group(2), text)
    return text.encode("utf-8")
