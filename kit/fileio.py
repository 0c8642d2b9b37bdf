"""Writing outputs so that nothing is lost: all or nothing, atomically, never over a file unasked."""

from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import socket
import stat
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError, OutputExistsError, OutputLockedError


def check_writable(paths: list[Path], force: bool) -> None:
    """Fail before anything is written if an output exists and `force` is off."""
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        names = ", ".join(str(path) for path in existing)
        raise OutputExistsError(f"{names}: tệp đã có", hint="chọn thư mục khác, hoặc cho phép ghi đè", code="KIT090")


def _write_new(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Create `path`, which must not exist, holding `data`, with the mode a plain write would give
    (0666 less the umask: mkstemp's 0600 would shut colleagues out of a shared folder); on disk before
    this returns unless `sync` is False (the caller syncs a batch at once: _sync_all)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        _remove(str(path))
        raise


def _sync(path: Path) -> None:
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _sync_all(paths: list[Path]) -> None:
    """Every file of a batch on disk: fsync'd side by side (the file system commits them together,
    where one after the other a 1,000-document dossier waited seconds for the disk)."""
    from concurrent.futures import ThreadPoolExecutor

    if len(paths) <= 2:
        for path in paths:
            _sync(path)
        return
    try:
        with ThreadPoolExecutor(max_workers=min(16, len(paths))) as pool:
            list(pool.map(_sync, paths))
    except RuntimeError:
        # No thread could start (a job's memory limit counts every thread's reserved stack): the same
        # work one file after the other is slower, never lost.
        for path in paths:
            _sync(path)


class _SyncBehind:
    """Files put on disk by a few threads while the caller goes on (a dossier renders its next
    documents while the disk takes the staged ones; on a busy disk the sync at the end took over a
    second): `finish` waits for them all and raises the first error."""

    THREADS = 4

    def __init__(self) -> None:
        self.pool: Any = None
        self.futures: list[Any] = []
        self.left: list[Path] = []  # files no thread could take: synced by `finish`

    def add(self, path: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        try:
            if self.pool is None:
                self.pool = ThreadPoolExecutor(max_workers=self.THREADS, thread_name_prefix="kit-sync")
            self.futures.append(self.pool.submit(_sync, path))
        except RuntimeError:
            # No thread could start (a job's memory limit counts each thread's stack): synced at the end.
            self.left.append(path)

    def finish(self) -> None:
        try:
            for future in self.futures:
                future.result()
        finally:
            self.close()
        _sync_all(self.left)
        self.left = []

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.futures = []


def _keep_mode(new: str | Path, target: Path) -> None:
    """A file written over an existing one keeps that file's mode (a shared 0664 report stays 0664)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    os.chmod(new, mode)


def _temporary_beside(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
    _write_new(Path(temporary), data)
    try:
        _keep_mode(temporary, path)
    except OSError:
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
            raise InputError(f"{path}: là một thư mục, không ghi đè được", hint="chọn tên khác", code="KIT092")
        if path.parent.exists() and not path.parent.is_dir():
            raise InputError(
                f"{path.parent}: đã có một tệp trùng tên thư mục kết quả", hint="chọn thư mục khác", code="KIT091"
            )
    staged: list[tuple[str, Path]] = []
    current = None
    try:
        for current, data in outputs.items():
            staged.append((_temporary_beside(current, data), current))
        for temporary, current in staged:
            os.replace(temporary, current)
    except OSError as exc:
        for temporary, _ in staged:
            _remove(temporary)
        raise _not_written(exc, current) from None
    return [path for _, path in staged]


def _not_written(exc: OSError, target: Path | None) -> InputError:
    """The one-line error for an output that could not be written, naming the output (never a
    temporary file, never an empty name)."""
    name = target or exc.filename or "?"
    return InputError(
        f"{name}: không ghi được ({exc.strerror or exc})",
        hint="kiểm tra quyền ghi và chỗ trống trên đĩa",
        code="KIT089",
    )


STAGING_MARK = ".kit-staging-"
_LEFTOVER_TEMPORARY = re.compile(r"^\..+\.(?:docx|pdf|json|zip|xlsx)\.[A-Za-z0-9_]+\.tmp$")


def _staging_folders(folder: Path) -> list[Path]:
    prefix = f".{folder.name}{STAGING_MARK}"
    try:
        return [
            child
            for child in folder.parent.iterdir()
            if child.name.startswith(prefix) and child.is_dir() and not child.is_symlink()
        ]
    except OSError:
        return []


def clean_leftovers(folder: Path) -> None:
    """Remove what an interrupted run left: its staging folder beside `folder` and the temporary
    files of single writes in `folder` (call it under the folder's lock, so no live run loses them)."""
    for staging in _staging_folders(folder):
        shutil.rmtree(staging, ignore_errors=True)
    for child in _children(folder.parent):  # the archive written beside the folder (--zip)
        if child.name.startswith(f".{folder.name}.zip.") and _LEFTOVER_TEMPORARY.match(child.name) and child.is_file():
            _remove(str(child))
    for directory in (folder, *(child for child in _children(folder) if child.is_dir() and not child.is_symlink())):
        for child in _children(directory):
            if _LEFTOVER_TEMPORARY.match(child.name) and child.is_file() and not child.is_symlink():
                _remove(str(child))


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


class StagedFolder:
    """A folder's new set of files, written so that the folder holds its earlier files or the new set,
    never a loss: each file is staged in a hidden folder beside `folder` as soon as it is made (`add`:
    while the others are still being made); `commit` syncs them all and only then renames them into
    place, `manifest` last, and removes the `stale` files of an earlier run. A failure or a kill before
    the renames leaves the earlier files untouched; leaving the `with` block without a commit removes the
    staging folder, and the one a killed run leaves is removed by the next run (clean_leftovers)."""

    def __init__(self, folder: Path, targets: Iterable[Path], force: bool) -> None:
        self.folder = Path(folder)
        self.targets = list(targets)
        check_writable(self.targets, force)
        for path in self.targets:
            if path.is_dir() and not path.is_symlink():
                raise InputError(f"{path}: là một thư mục, không ghi đè được", hint="chọn tên khác", code="KIT092")
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(
                f"{self.folder}: đã có một tệp trùng tên thư mục kết quả", hint="chọn thư mục khác", code="KIT091"
            )
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            self.staging = self.folder.parent / f".{self.folder.name}{STAGING_MARK}{secrets.token_hex(4)}"
            self.staging.mkdir()
        except OSError as exc:
            raise _not_written(exc, self.folder) from None
        self.staged: dict[Path, Path] = {}
        self.syncing = _SyncBehind()

    def __enter__(self) -> StagedFolder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.syncing.close()
        shutil.rmtree(self.staging, ignore_errors=True)

    def add(self, target: Path, data: bytes) -> None:
        """Stage one file of the new set (`target` inside the folder), not yet on disk for sure."""
        copy = self.staging / target.relative_to(self.folder)
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
            _write_new(copy, data, sync=False)
            _keep_mode(copy, target)
        except OSError as exc:
            raise _not_written(exc, target) from None
        self.staged[target] = copy
        self.syncing.add(copy)  # on its way to the disk while the next files are made

    def commit(self, *, manifest: Path | None = None, stale: Iterable[Path] = ()) -> list[Path]:
        """Every staged file on disk, then renamed into place (`manifest` last: it lists what is in
        place), then the `stale` files removed: the files written, in the order they were put in place."""
        order = sorted(self.staged, key=lambda path: path == manifest)
        current: Path | None = None
        try:
            self.syncing.finish()  # all on disk before any is renamed into place
            # The swap: renames within one file system, no new space needed.
            for current in order:
                current.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.staged[current], current)
            current = None
            for path in stale:
                current = path
                path.unlink(missing_ok=True)
        except OSError as exc:
            raise _not_written(exc, current) from None
        return order


def replace_folder(
    folder: Path, outputs: dict[Path, bytes], force: bool, *, manifest: Path | None = None, stale: Iterable[Path] = ()
) -> list[Path]:
    """Write `outputs` (paths inside `folder`) all or nothing, as StagedFolder does, when every file is
    already made."""
    with StagedFolder(folder, outputs, force) as staged:
        for target, data in outputs.items():
            staged.add(target, data)
        return staged.commit(manifest=manifest, stale=stale)


def stale_files(folder: Path, manifest: Path, keep: Iterable[Path]) -> list[Path]:
    """The files an earlier run listed in `manifest` that this run does not make (with their PDFs)."""
    import json

    keep = set(keep)
    try:
        earlier = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (ValueError, OSError, AttributeError):
        return []
    root = folder.resolve()
    found = []
    for entry in earlier if isinstance(earlier, list) else []:
        relative = entry.get("path", "") if isinstance(entry, dict) else ""
        # A manifest may come from elsewhere (a dossier unzipped here): only plain relative .docx
        # paths that resolve inside the folder are ever removed.
        if (
            not isinstance(relative, str)
            or not relative.endswith(".docx")
            or Path(relative).is_absolute()
            or ".." in Path(relative).parts
            or "\\" in relative
        ):
            continue
        path = folder / relative
        if path in keep or not path.is_file() or path.is_symlink() or root not in path.resolve().parents:
            continue
        found.append(path)
        if path.with_suffix(".pdf").is_file():
            found.append(path.with_suffix(".pdf"))
    return found


LOCK_SUFFIX = ".kit-lock"


class OutputLock:
    """One run at a time writes a given output folder: a lock file beside it, created exclusively
    (O_EXCL works the same on Windows, macOS, Linux and shared folders), holding the owner's pid and
    host. A lock whose process is gone on this machine is taken over."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder.parent / f".{self.folder.name}{LOCK_SUFFIX}"
        self.held = False
        self.made: list[Path] = []

    def __enter__(self) -> OutputLock:
        # Folders made for the lock alone are removed with it: a run stopped by an error leaves nothing.
        self.made = [folder for folder in (self.path.parent, *self.path.parent.parents) if not folder.exists()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _not_written(exc, self.path.parent) from None
        owner = f"{os.getpid()}@{socket.gethostname()}\n".encode()
        for _ in range(5):  # bounded: a stale lock is taken over, a live one stops this run
            try:
                handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                recorded = _read_small(self.path)
                pid, host = _owner(recorded)
                if pid is not None and (host != socket.gethostname() or _alive(pid)):
                    raise OutputLockedError(
                        f"{self.folder}: một lần chạy kit khác (tiến trình {pid}) đang ghi vào thư mục này",
                        hint=f"chờ lần chạy đó xong rồi chạy lại (nếu không còn lần chạy nào, xóa tệp {self.path})",
                        code="KIT422",
                    ) from None
                if _read_small(self.path) == recorded:  # still the stale one: take it over
                    _remove(str(self.path))
                continue
            except OSError as exc:
                raise _not_written(exc, self.path) from None
            with os.fdopen(handle, "wb") as stream:
                stream.write(owner)
            self.held = True
            return self
        raise OutputLockedError(
            f"{self.folder}: không giành được quyền ghi thư mục (tệp khóa {self.path})", hint="chạy lại", code="KIT423"
        )

    def __exit__(self, *exc) -> None:
        if self.held:
            _remove(str(self.path))
            self.held = False
        for folder in self.made:
            try:
                folder.rmdir()
            except OSError:
                break  # not empty: the run wrote there


def _read_small(path: Path) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(200)
    except OSError:
        return b""


def _owner(recorded: bytes) -> tuple[int | None, str]:
    match = re.match(rb"^(\d{1,10})@([^\n]*)", recorded)
    if not match:
        return None, ""  # empty or garbled: its writer died before writing it
    return int(match.group(1)), match.group(2).decode("utf-8", "replace")


def _alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        done = kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return bool(done) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def safe_stem(path: Path | str, fallback: str) -> str:
    """A name for outputs derived from an input file's name that stays one plain, visible file name
    on every system: no "..", no separators or control characters, no invisible or bidi characters,
    no leading dot, nothing Windows reserves; `fallback` when nothing is left."""
    stem = unicodedata.normalize("NFC", Path(str(path)).stem if Path(str(path)).suffix else Path(str(path)).name)
    stem = "".join(ch for ch in stem if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co", "Cn"))
    stem = _UNSAFE_IN_NAME.sub("_", stem).strip().lstrip(".").rstrip(". ").strip()
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem[:120].rstrip(". ") or fallback


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
        text = re.sub(
            r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
            lambda m: m.group(1) + created.group(1) + m.group(2),
            text,
        )
    return text.encode("utf-8")
