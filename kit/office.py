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
import threading
from collections.abc import Iterable
from pathlib import Path

from .errors import EXIT_BAD_INPUT, EXIT_CONVERSION, KitError
from .parallel import terminate_as_interrupt, workers

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


class TooCostly(KitError):
    """One file given by a user that LibreOffice could not convert within the limits of one document
    (its time, the size of what it writes): a bad input (exit code 3), not a broken LibreOffice."""

    exit_code = EXIT_BAD_INPUT


def _limit_output(max_output: int | None):
    """For POSIX: the function run in the child before soffice starts. It bounds the size of any file
    soffice writes (RLIMIT_FSIZE, with `max_output`: a write beyond it fails), lifts the address-space
    limit a server's worker runs under (soffice reserves far more than it uses), and on Linux makes
    soffice end with the thread that started it (its child soffice.bin does not inherit that: a worker
    killed for its limits is killed with all its descendants and their process groups, kit.parallel.kill_tree). Windows has none of these: there the size of the output is checked after the
    conversion, and the conversion's own time limit stops soffice."""
    if os.name != "posix":
        return None

    import resource

    prctl = None
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            prctl = ctypes.CDLL(None).prctl  # looked up here: the child only calls it (no loading after fork)
        except (OSError, AttributeError):
            prctl = None

    def setup() -> None:
        if max_output is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_output, max_output))
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        if prctl is not None:
            prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG

    return setup


def find_soffice() -> str | None:
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
    """soffice and what it started: its session's group on POSIX; on Windows its tree through psutil
    when installed (soffice.exe starts soffice.bin), else soffice alone."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
            return
        if _psutil() is not None:  # pragma: no cover - Windows
            from .parallel import kill_tree

            kill_tree(process.pid)
        process.kill()  # pragma: no cover - Windows
    except (ProcessLookupError, PermissionError):
        pass


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Fields whose instruction makes Word or LibreOffice read another file (or program) into the document.
FILE_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "RD"}


def strip_external(data: bytes) -> tuple[bytes, list[str]]:
    """The .docx without what would make LibreOffice read other files while converting it: external
    relationships other than hyperlinks (linked pictures, r:link, linked objects, attached templates)
    in every part, and fields that include files (INCLUDEPICTURE, INCLUDETEXT…), simple or complex.
    A hostile document could otherwise pull any image the user can read (a scanned seal, a
    signature) into the PDF they send out. Returns the new bytes and what was removed."""
    import io
    import zipfile

    from lxml import etree

    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
    except zipfile.BadZipFile:
        return data, []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    removed: list[str] = []
    changed: dict[str, bytes] = {}
    dropped: dict[str, set[str]] = {}  # part → relationship ids removed from it
    for name in sorted(names):
        if not name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(source.read(name), parser)
        except (etree.XMLSyntaxError, KeyError, ValueError):
            continue
        for relationship in list(root):
            if relationship.get("TargetMode") == "External" and not relationship.get("Type", "").endswith("/hyperlink"):
                kind = relationship.get("Type", "").rsplit("/", 1)[-1]
                removed.append("ảnh liên kết" if kind == "image" else f"liên kết ngoài ({kind})")
                folder, _, base = name.rpartition("_rels/")
                dropped.setdefault(folder + base[: -len(".rels")], set()).add(relationship.get("Id", ""))
                root.remove(relationship)
        if name.rpartition("_rels/")[0] + name.rpartition("_rels/")[2][:-5] in dropped:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for name in sorted(names):
        if not name.endswith(".xml") or not (name.startswith("word/") or name in dropped):
            continue
        raw = source.read(name)
        if name not in dropped and b"fldSimple" not in raw and b"instrText" not in raw:
            continue
        try:
            root = etree.fromstring(raw, parser)
        except (etree.XMLSyntaxError, ValueError):
            continue
        count = len(removed)
        ids = dropped.get(name, set())
        if ids:
            for element in root.iter():
                for attribute, value in list(element.attrib.items()):
                    if attribute.startswith(f"{{{RELATIONSHIPS}}}") and value in ids:
                        del element.attrib[attribute]
        _strip_file_fields(root, removed)
        if ids or len(removed) > count:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if not removed:
        return data, []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, changed.get(item.filename) or source.read(item.filename))
    return out.getvalue(), removed


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _strip_file_fields(root, removed: list[str]) -> None:
    """Fields including files, removed: a simple field is replaced by its shown result; a complex
    field keeps its shown result and loses its instruction."""
    for simple in list(root.iter(f"{_W}fldSimple")):
        name = _field_name(simple.get(f"{_W}instr", ""))
        if name in FILE_FIELDS:
            removed.append(f"trường {name}")
            parent = simple.getparent()
            index = parent.index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(index + offset, child)
            parent.remove(simple)
    stack: list[list] = []  # open complex fields: their instruction elements, until the result starts
    for element in list(root.iter(f"{_W}fldChar", f"{_W}instrText")):
        if element.tag == f"{_W}instrText":
            if stack and stack[-1] is not None:
                stack[-1].append(element)
            continue
        kind = element.get(f"{_W}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            parts = stack[-1]
            if parts is not None:
                name = _field_name("".join(part.text or "" for part in parts))
                if name in FILE_FIELDS:
                    removed.append(f"trường {name}")
                    for part in parts:
                        part.text = ""
                stack[-1] = None  # type: ignore[call-overload]  # the instruction is over
            if kind == "end":
                stack.pop()


def _warn(message: str) -> None:
    print(f"Cảnh báo: {message}", file=sys.stderr)


def convert(
    sources: Iterable[Path],
    target: str,
    timeout: float = DEFAULT_TIMEOUT,
    warn=_warn,
    max_output: int | None = None,
    max_memory: int | None = None,
) -> dict[Path, bytes]:
    """Convert every source to `target` ("pdf", "docx", "xlsx"…) with LibreOffice: one process for a
    few files, one per core (each converting its share) for a batch.

    Returns source → converted bytes for the files LibreOffice produced; a source it could not
    convert is missing from the result. Raises ConversionError when LibreOffice cannot run at all.
    With `max_output` (bytes), the sources are a user's files judged by their cost: a conversion
    past `timeout` or writing more than `max_output` raises TooCostly (exit code 3). On Linux the
    LibreOffice processes of a share hold at most `max_memory` bytes of resident memory (the least of
    it and the limit of the server's job this process runs, kit.office.memory_limit, less what this
    process holds), else TooCostly: on Linux through /proc, elsewhere through psutil when installed
    (with the web extra; without it, a command on macOS or Windows has the time limit only).
    """
    from concurrent.futures import ThreadPoolExecutor, wait

    sources = [Path(source) for source in sources]
    if not sources:
        return {}
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(
            "không tìm thấy LibreOffice (soffice) để chuyển đổi", hint=f"{INSTALL_HINT}", code="KIT126"
        )
    cleaned: dict[Path, bytes] = {}
    for source in sources:
        if source.suffix.lower() == ".docx":
            data, removed = strip_external(source.read_bytes())
            if removed:
                cleaned[source] = data
                warn(
                    f"{source.name}: đã bỏ {len(removed)} liên kết tới tệp bên ngoài ({', '.join(dict.fromkeys(removed))}) "
                    "trước khi chuyển đổi — nội dung của chúng không có trong bản chuyển đổi"
                )
    # Each process costs a start of LibreOffice (about a second): only worth it for a share of several files.
    processes = max(1, min(workers(), len(sources) // FILES_PER_PROCESS))
    shares = [list(enumerate(sources))[index::processes] for index in range(processes)]
    batch = _Batch()
    job = memory_limit()
    limits = [limit for limit in (max_memory, job) if limit]
    max_memory = min(limits) if limits else None  # the bound the user is told of
    budget = max_memory
    if job and max_memory:
        # The job's limit holds for its whole tree (kit.parallel's watchdog counts this process too):
        # LibreOffice gets what this process leaves of NEAR_LIMIT of it, so that it is stopped here,
        # with a line naming the file, before the watchdog stops the whole job.
        budget = max(0, min(max_memory, int(NEAR_LIMIT * job) - _own_resident()))
    with terminate_as_interrupt():
        pool = ThreadPoolExecutor(processes)
        try:
            futures = [
                pool.submit(
                    _convert_share, soffice, share, target, timeout, cleaned, batch, max_output, max_memory, budget
                )
                for share in shares
            ]
            # Waited for in short steps: Ctrl+C reaches this thread on every system (a plain wait may not see it).
            while wait(futures, timeout=0.2).not_done:
                pass
            outcomes = [future.result() for future in futures]
        except BaseException:
            # Ctrl+C, SIGTERM or an error: every soffice is killed, so the threads end and remove their folders.
            batch.stop()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
    results = {source: data for produced, _ in outcomes for source, data in produced.items()}
    if not results:
        failed = next((detail for _, detail in outcomes if detail), None)
        if failed:
            raise ConversionError(
                f"LibreOffice không chuyển đổi được ({failed})", hint=f"{INSTALL_HINT}", code="KIT127"
            )
    return {source: results[source] for source in sources if source in results}


class _Stopped(Exception):
    """A share of an interrupted conversion that was not started."""


class _Batch:
    """The soffice processes of one conversion, so that an interruption kills every one of them."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen] = set()
        self.stopped = False

    def start(self, command: list[str], environment: dict, before=None) -> subprocess.Popen:
        with self.lock:
            if self.stopped:
                raise _Stopped  # the conversion is being interrupted: start no other LibreOffice
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environment,
                start_new_session=True,
                preexec_fn=before,  # noqa: PLW1509 - only setrlimit, async-signal-safe enough
            )
            self.running.add(process)
            return process

    def done(self, process: subprocess.Popen) -> None:
        with self.lock:
            self.running.discard(process)

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for process in self.running:
                _kill(process)


class _OverMemory(Exception):
    """LibreOffice's processes hold more resident memory than their limit."""


WATCH_SECONDS = 0.25  # how often a conversion's memory is measured


def _communicate_within(process: subprocess.Popen, timeout: float, max_memory: int | None) -> tuple[bytes, bytes]:
    """`process.communicate(timeout=timeout)`, measuring meanwhile the resident memory of its session
    (soffice and the processes it starts) against `max_memory`: _OverMemory once past it."""
    if not max_memory or not _can_measure():
        return process.communicate(timeout=timeout)
    import time

    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            return process.communicate(timeout=max(0.0, min(WATCH_SECONDS, remaining)))
        except subprocess.TimeoutExpired:
            if _session_resident(process.pid) > max_memory:
                raise _OverMemory from None
            if remaining <= WATCH_SECONDS:
                raise


def _can_measure() -> bool:
    return _has_proc() or _psutil() is not None


def _has_proc() -> bool:
    return sys.platform.startswith("linux") and os.path.exists("/proc/self/stat")


def _psutil():
    """psutil when installed (with the web extra: every server has it), else None."""
    try:
        import psutil
    except ImportError:
        return None
    return psutil


def _session_resident(session: int) -> int:
    """Bytes of resident memory of the processes of `session` (pages shared between them counted in
    each, so the measure errs high): on Linux every process of the session, read in /proc (one whose
    parent has ended included); elsewhere soffice and its descendants, through psutil."""
    if not _has_proc():
        from .parallel import tree_resident

        return tree_resident(session)  # soffice leads its session: its pid is the session's
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat_file:
                stat = stat_file.read()
            # After "pid (comm) ": state ppid pgrp session … rss is the 24th field of the line.
            fields = stat[stat.rfind(b")") + 2 :].split()
            if int(fields[3]) == session:
                total += int(fields[21]) * page
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total


def memory_limit() -> int | None:
    """The memory limit of the server's job this process runs (kit.parallel.LimitedWorkers says it in
    the environment; else the address-space limit of this process), which soffice cannot live under
    as an address-space limit (it reserves far more than it uses) and so lifts, keeping it as a bound
    on its resident memory. None outside a job."""
    from .parallel import JOB_MEMORY_ENV

    said = os.environ.get(JOB_MEMORY_ENV, "")
    if said.isdigit():
        return int(said)
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft


# The share of a job's memory limit its LibreOffice may reach with this process: past the rest, the
# watchdog of the job (kit.parallel, which samples every 0.2 s) would stop the job before this does.
NEAR_LIMIT = 0.8


def _own_resident() -> int:
    """Bytes of resident memory of this process (Linux: /proc; elsewhere psutil; 0 without either)."""
    psutil = _psutil()
    if not _has_proc() and psutil is not None:
        return psutil.Process().memory_info().rss
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _convert_share(
    soffice: str,
    share: list[tuple[int, Path]],
    target: str,
    timeout: float,
    cleaned: dict[Path, bytes] | None = None,
    batch: _Batch | None = None,
    max_output: int | None = None,
    max_memory: int | None = None,
    budget: int | None = None,
) -> tuple[dict[Path, bytes], str | None]:
    """One soffice process converting `share`: what it produced, and why it failed if it produced
    nothing. Its resident memory is held to `budget` (default `max_memory`, the bound named to the user)."""
    with tempfile.TemporaryDirectory(prefix="kit-office-") as work:
        work_dir = Path(work)
        inputs, outputs = [], {}
        # Copies under plain numbered names: no clash between same-named files, nothing unusual in names.
        for number, source in share:
            copy = work_dir / "in" / f"f{number:04d}{source.suffix.lower()}"
            copy.parent.mkdir(exist_ok=True)
            if cleaned and source in cleaned:
                copy.write_bytes(cleaned[source])
            else:
                shutil.copyfile(source, copy)
            inputs.append(copy)
            outputs[source] = work_dir / "out" / f"f{number:04d}.{target.split(':')[0]}"
        command = [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(work_dir / "out"),
            *map(str, inputs),
        ]
        environment = dict(os.environ, HOME=str(work_dir))
        batch = batch or _Batch()
        names = ", ".join(source.name for _, source in share)
        limits = f"{timeout:g} giây hoặc quá {(max_output or 0) // 2**20} MB"

        def too_costly() -> TooCostly:
            return TooCostly(
                f"{names}: tệp quá lớn hoặc quá phức tạp (LibreOffice chuyển đổi quá {limits})",
                hint="mở bằng Excel hoặc LibreOffice, xóa các ô và dòng thừa rồi lưu lại dạng .xlsx",
                code="KIT509",
            )

        try:
            process = batch.start(command, environment, _limit_output(max_output))
        except OSError as exc:
            raise ConversionError(
                f"không chạy được LibreOffice ({soffice}: {exc.strerror or exc})", hint=f"{INSTALL_HINT}", code="KIT128"
            ) from None
        try:
            said, error = _communicate_within(process, timeout, max_memory if budget is None else budget)
        except _OverMemory:
            _kill(process)
            process.communicate()
            raise TooCostly(
                f"{names}: tệp quá lớn hoặc quá phức tạp (LibreOffice cần quá {(max_memory or 0) // 2**20} MB bộ nhớ)",
                hint="xóa các ô, dòng hay trang thừa, hoặc chia thành nhiều tệp nhỏ hơn, rồi làm lại",
                code="KIT517",
            ) from None
        except subprocess.TimeoutExpired:
            _kill(process)
            process.communicate()
            if max_output is not None:
                raise too_costly() from None
            raise ConversionError(
                f"LibreOffice chưa chuyển đổi xong sau {timeout:g} giây",
                hint="thử lại với ít tệp hơn, hoặc đóng các cửa sổ LibreOffice bị treo",
                code="KIT129",
            ) from None
        except BaseException:
            _kill(process)
            process.communicate()
            raise
        finally:
            batch.done(process)
        if batch.stopped:
            return {}, "đã dừng"
        # Past RLIMIT_FSIZE, soffice reports a failed write ("impl_store … Class:Write") and exits 0.
        write_failed = b"impl_store" in said + error and b"Class:Write" in said + error
        if max_output is not None and (
            write_failed
            or process.returncode == -getattr(signal, "SIGXFSZ", -1)
            or any(path.exists() and path.stat().st_size > max_output for path in outputs.values())
        ):
            raise too_costly()
        results = {source: path.read_bytes() for source, path in outputs.items() if path.exists()}
        detail = None
        if not results and process.returncode != 0:
            detail = (error.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"mã thoát {process.returncode}"])[
                0
            ]
        return results, detail
