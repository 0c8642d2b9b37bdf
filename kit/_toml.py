"""TOML reading (tomllib from Python 3.11, tomli before): bounded in size, each file parsed once per
process (a command discovers the packs several times; a server reads them for every job)."""

from __future__ import annotations

import copy
import os
import sys
import threading
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .errors import InputError

TOMLDecodeError = tomllib.TOMLDecodeError

# A pack's manifest, data files and forms are a few KB (the largest file of the kit is 31 KB); the TOML
# parser reads about 1 MB a second, so a 12 MB file would cost every command 15 s before any check.
MAX_TOML_BYTES = 1024 * 1024

# (path, size, modification time, inode) → the parsed table; a file changed on disk is read again.
_parsed: dict[tuple[str, int, int, int], dict[str, Any]] = {}
_lock = threading.Lock()
_MAX_CACHED = 512


def load(path: Path) -> dict[str, Any]:
    """The table of the TOML file at `path` (a copy: callers may change it)."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_size > MAX_TOML_BYTES:
                raise _too_large(path)
            key = (os.path.abspath(path), status.st_size, status.st_mtime_ns, status.st_ino)
            with _lock:
                cached = _parsed.get(key)
            if cached is None:
                # read() at most one byte past the bound: a file growing after fstat is still bounded.
                data = handle.read(MAX_TOML_BYTES + 1)
                if len(data) > MAX_TOML_BYTES:
                    raise _too_large(path)
                cached = tomllib.loads(data.decode("utf-8"))
                with _lock:
                    if len(_parsed) >= _MAX_CACHED:
                        _parsed.clear()
                    _parsed[key] = cached
            return copy.deepcopy(cached)
    except FileNotFoundError:
        raise InputError(f"{path}: không tìm thấy tệp", code="KIT001") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"{path}: tệp TOML bị lỗi cú pháp ({exc})", hint="sửa tệp rồi chạy lại", code="KIT002"
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: tệp TOML không phải UTF-8", hint="lưu lại tệp với bảng mã UTF-8", code="KIT003"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: tệp TOML lồng nhau quá sâu", hint="sửa tệp rồi chạy lại", code="KIT004") from None
    except OSError as exc:
        raise InputError(
            f"{path}: không đọc được tệp ({exc.strerror or exc})", hint="kiểm tra tệp", code="KIT005"
        ) from None


def _too_large(path: Path) -> InputError:
    return InputError(
        f"{path}: tệp TOML quá lớn (trên {MAX_TOML_BYTES // 1024} KB)",
        hint="tệp của gói mẫu chỉ vài KB; kiểm tra nguồn của tệp",
        code="KIT500",
    )
