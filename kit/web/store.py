"""The results folder: one private folder per request under an unguessable id, deleted once it is older
than the time results are kept. The only state of the server, so several instances can share it.

Private by default: without --results-dir the folder is made for this server only (owner-only, a new
name each start) and deleted when it stops; a --results-dir and every job in it are owner-only too
(on POSIX mode 0700; on Windows the temporary folder is the user's own, under their profile)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from . import service

# What secrets.token_urlsafe(16) makes; anything else in a URL is not an id and never reaches the disk.
_ID = re.compile(r"[A-Za-z0-9_-]{22}")


class Store:
    def __init__(self, root: Path, keep_seconds: float, temporary: bool = False):
        self.root = Path(root)
        self.keep_seconds = keep_seconds
        self.temporary = temporary  # made for this server: deleted by close()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix" and self.root.stat().st_uid == os.getuid():
            os.chmod(self.root, 0o700)  # a folder given that others could list: theirs no more

    @classmethod
    def open(cls, root: Path | None, keep_seconds: float) -> Store:
        """The folder given, or a new private one of the system's temporary directory."""
        if root is None:
            return cls(Path(tempfile.mkdtemp(prefix="vanban-kit-web-")), keep_seconds, temporary=True)
        return cls(Path(root), keep_seconds)

    def close(self) -> None:
        """Delete the folder made for this server (a --results-dir is kept, for other instances)."""
        if self.temporary:
            shutil.rmtree(self.root, ignore_errors=True)

    def create(self, kind: str, inputs: list[dict[str, str]], **values: Any) -> tuple[str, Path]:
        """A new private folder with its job record; `inputs` are the saved and shown names of uploads."""
        while True:
            job_id = secrets.token_urlsafe(16)
            folder = self.root / job_id
            try:
                folder.mkdir(mode=0o700)
                break
            except FileExistsError:  # pragma: no cover — 128 random bits
                continue
        (folder / "in").mkdir(mode=0o700)
        service.write_job(
            folder,
            {
                "id": job_id,
                "kind": kind,
                "created": time.time(),
                "state": "queued",
                "done": 0,
                "total": 0,
                "inputs": inputs,
                **values,
            },
        )
        return job_id, folder

    def folder(self, job_id: str) -> Path | None:
        """The folder of a job that exists and has not expired (an expired one is deleted now)."""
        if not _ID.fullmatch(job_id):
            return None
        folder = self.root / job_id
        record = service.read_job(folder)
        if record is None:
            return None
        if self._expired(record.get("created"), time.time()):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return folder

    def job(self, job_id: str) -> dict[str, Any] | None:
        folder = self.folder(job_id)
        return service.read_job(folder) if folder else None

    def file(self, job_id: str, index: int) -> tuple[Path, dict[str, Any]] | None:
        """A file a job made, by its number in the job's record, checked to lie inside the job's folder."""
        folder = self.folder(job_id)
        record = service.read_job(folder) if folder else None
        files = record.get("files", []) if record else []
        if not 0 <= index < len(files):
            return None
        if folder is None:
            return None
        path = (folder / files[index]["path"]).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            return None
        return path, files[index]

    def _expired(self, created: Any, now: float) -> bool:
        return not isinstance(created, (int, float)) or now - created > self.keep_seconds

    def sweep(self, now: float | None = None) -> int:
        """Delete the folders of expired jobs (and leftovers without a record); how many were deleted."""
        now = time.time() if now is None else now
        removed = 0
        for folder in self.root.iterdir():
            if not folder.is_dir() or not _ID.fullmatch(folder.name):
                continue
            record = service.read_job(folder)
            created = record.get("created") if record else folder.stat().st_mtime
            if self._expired(created, now):
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed
