"""TOML reading (tomllib from Python 3.11, tomli before)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .errors import InputError

TOMLDecodeError = tomllib.TOMLDecodeError


def load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
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
