"""The results folder: one private folder per request under an unguessable id, deleted once it is older
than the time results are kept. The only state of the server, so several instances can share it."""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from . import service

# What secrets.token_urlsafe(16) makes; anything else in a URL is not an id and never reaches the disk.
_ID = re.compile(r"[A-Za-z0-9_-]{22}")


class Store:
    def __init__(self, root: Path, keep_seconds: float):
        self.root = Path(root)
        self.keep_seconds = keep_seconds
        self.root.mkdir(parents=True, exist_ok=True)

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
