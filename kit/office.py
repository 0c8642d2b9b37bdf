"""LibreOffice in headless mode: .docx → .pdf, re-saving in Word's format, old workbooks → .xlsx.

One soffice process converts a share of a batch (one process per core, not one per file), each with
a private profile folder (so it works while the user has LibreOffice open) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from .errors import EXIT_CONVERSION, KitError
from .parallel import workers

WINDOWS_SOFFICE = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
DEFAULT_TIMEOUT = 300.0  # seconds for one batch
FILES_PER_PROCESS = 4  # a batch gets a LibreOffice process per core once each has this many files
INSTALL_HINT = (
    "cài LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
    "fonts-liberation2; Windows: tải tại libreoffice.org, cài vào C:\\Program Files\\LibreOffice), "
    "hoặc đặt biến môi trường KIT_SOFFICE trỏ tới soffice"
)


class ConversionError(KitError):
    """LibreOffice is missing, failed or timed out (exit code 4)."""

    exit_code = EXIT_CONVERSION


def find_soffice() -> Optional[str]:
    """The soffice program: $KIT_SOFFICE, then the PATH, then the usual install folders."""
    configured = os.environ.get("KIT_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = WINDOWS_SOFFICE if sys.platform.startswith("win") else (MAC_SOFFICE,)
    return next((path for path in candidates if Path(path).exists()), None)


def _kill(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass


def convert(sources: Iterable[Path], target: str, timeout: float = DEFAULT_TIMEOUT) -> dict[Path, bytes]:
    """Convert every source to `target` ("pdf", "docx", "xlsx"…) with LibreOffice: one process for a
    few files, one per core (each converting its share) for a batch.

    Returns source → converted bytes for the files LibreOffice produced; a source it could not
    convert is missing from the result. Raises ConversionError when LibreOffice cannot run at all.
    """
    from concurrent.futures import ThreadPoolExecutor

    sources = [Path(source) for source in sources]
    if not sources:
        return {}
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(f"không tìm thấy LibreOffice (soffice) để chuyển đổi — {INSTALL_HINT}")
    # Each process costs a start of LibreOffice (about a second): only worth it for a share of several files.
    processes = max(1, min(workers(), len(sources) // FILES_PER_PROCESS))
    shares = [list(enumerate(sources))[index::processes] for index in range(processes)]
    with ThreadPoolExecutor(processes) as pool:
        outcomes = list(pool.map(lambda share: _convert_share(soffice, share, target, timeout), shares))
    results = {source: data for produced, _ in outcomes for source, data in produced.items()}
    if not results:
        failed = next((detail for _, detail in outcomes if detail), None)
        if failed:
            raise ConversionError(f"LibreOffice không chuyển đổi được ({failed}) — {INSTALL_HINT}")
    return {source: results[source] for source in sources if source in results}


def _convert_share(soffice: str, share: list[tuple[int, Path]], target: str,
                   timeout: float) -> tuple[dict[Path, bytes], Optional[str]]:
    """One soffice process converting `share`: what it produced, and why it failed if it produced nothing."""
    with tempfile.TemporaryDirectory(prefix="kit-office-") as work:
        work_dir = Path(work)
        inputs, outputs = [], {}
        # Copies under plain numbered names: no clash between same-named files, nothing unusual in names.
        for number, source in share:
            copy = work_dir / "in" / f"f{number:04d}{source.suffix.lower()}"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, copy)
            inputs.append(copy)
            outputs[source] = work_dir / "out" / f"f{number:04d}.{target.split(':')[0]}"
        command = [
            soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--convert-to", target, "--outdir", str(work_dir / "out"), *map(str, inputs),
        ]
        environment = dict(os.environ, HOME=str(work_dir))
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
                                       start_new_session=True)
        except OSError as exc:
            raise ConversionError(f"không chạy được LibreOffice ({soffice}: {exc.strerror or exc}) — {INSTALL_HINT}") from None
        try:
            _, error = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.communicate()
            raise ConversionError(
                f"LibreOffice chưa chuyển đổi xong sau {timeout:g} giây — thử lại với ít tệp hơn, hoặc đóng các cửa sổ LibreOffice bị treo"
            ) from None
        results = {source: path.read_bytes() for source, path in outputs.items() if path.exists()}
        detail = None
        if not results and process.returncode != 0:
            detail = (error.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"mã thoát {process.returncode}"])[0]
        return results, detail
