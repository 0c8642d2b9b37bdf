"""Writing outputs so that nothing is lost: all or nothing, atomically, never over a file unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, OutputExistsError


def check_writable(paths: list[Path], force: bool) -> None:
    """Fail before anything is written if an output exists and `force` is off."""
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        names = ", ".join(str(path) for path in existing)
        raise OutputExistsError(f"{names}: tệp đã có — thêm --force để ghi đè, hoặc chọn thư mục khác")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def write_all(outputs: dict[Path, bytes], force: bool) -> list[Path]:
    """Write every output, or none if one of them may not be written."""
    check_writable(list(outputs), force)
    for path in outputs:
        if path.is_dir():
            raise InputError(f"{path}: là một thư mục, không ghi đè được — chọn tên khác")
        if path.parent.exists() and not path.parent.is_dir():
            raise InputError(f"{path.parent}: đã có một tệp trùng tên thư mục kết quả — chọn thư mục khác")
    written = []
    for path, data in outputs.items():
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise InputError(f"{path}: không ghi được ({exc.strerror or exc}) — kiểm tra quyền ghi và chỗ trống trên đĩa") from None
        written.append(path)
    return written
