"""The line a user reads when a job passed its limits (kit.web.jobs; the worker's MemoryError in service)."""

from __future__ import annotations


def too_costly_line(reason: str, seconds: float, memory_mb: int) -> str:
    if reason == "time":
        limit = f"xử lý quá {seconds:g} giây"
    else:
        limit = f"cần quá {memory_mb} MB bộ nhớ" if memory_mb else "cần quá nhiều bộ nhớ"
    return (
        f"Tệp quá lớn hoặc quá phức tạp ({limit}) — chia thành nhiều tệp nhỏ hơn, xóa các ô, dòng hay trang thừa "
        "rồi gửi lại; nếu tệp là bình thường, nhờ người quản trị tăng --job-seconds hoặc --job-memory-mb"
    )
