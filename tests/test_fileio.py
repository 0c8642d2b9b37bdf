"""Outputs are all written or none: a failure while writing leaves earlier files as they were."""

import subprocess
import sys

import pytest

from kit import fileio
from kit.errors import InputError, OutputExistsError


def test_failure_while_staging_leaves_everything_as_it_was(tmp_path, monkeypatch):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(b"old a")
    real = fileio._temporary_beside
    calls = []

    def disk_full(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(fileio, "_temporary_beside", disk_full)
    with pytest.raises(InputError, match="không ghi được"):
        fileio.write_all({first: b"new a", second: b"new b"}, force=True)
    assert first.read_bytes() == b"old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]  # no temporary file left behind


def test_existing_file_needs_force(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        fileio.write_all({target: b"new"}, force=False)
    assert fileio.write_all({target: b"new"}, force=True) == [target]
    assert target.read_bytes() == b"new"


_NO_THREADS = r"""
import resource, sys, threading
from pathlib import Path
from kit import fileio
folder = Path(sys.argv[1])
pages = int(open("/proc/self/statm").read().split()[0])
# A job's memory limit that leaves no room for a thread's stack (as a server job near its limit).
limit = pages * resource.getpagesize() + 2 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    threading.Thread(target=lambda: None).start()
    print("a thread started")
except RuntimeError:
    pass
with fileio.StagedFolder(folder, [folder / f"{n}.docx" for n in range(5)], force=False) as staged:
    for n in range(5):
        staged.add(folder / f"{n}.docx", b"document %d" % n)
    staged.commit()
print("written")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc: Linux")
def test_staged_files_reach_the_disk_when_no_thread_can_start(tmp_path):
    """The staged files are synced by threads while the next ones are made; under a memory limit that
    leaves no room for a thread, each is synced at the commit instead: the folder is written all the same."""
    folder = tmp_path / "ho-so"
    done = subprocess.run([sys.executable, "-c", _NO_THREADS, str(folder)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split() == ["written"]  # no thread could start, and nothing was lost
    assert sorted(path.name for path in folder.iterdir()) == [f"{n}.docx" for n in range(5)]
    assert (folder / "3.docx").read_bytes() == b"document 3"
    assert [path.name for path in tmp_path.iterdir()] == ["ho-so"]  # no staging folder left


def test_a_staged_file_lost_before_the_commit_leaves_the_earlier_files(tmp_path):
    """A staged file gone before the commit (its sync behind, or its rename, fails): nothing is renamed
    into place, the earlier file stays."""
    folder = tmp_path / "ho-so"
    folder.mkdir()
    (folder / "0.docx").write_bytes(b"earlier")
    with pytest.raises(InputError, match="không ghi được"):
        with fileio.StagedFolder(folder, [folder / "0.docx", folder / "1.docx"], force=True) as staged:
            staged.add(folder / "0.docx", b"new")
            staged.add(folder / "1.docx", b"new")
            next(iter(staged.staged.values())).unlink()
            staged.commit()
    assert (folder / "0.docx").read_bytes() == b"earlier" and not (folder / "1.docx").exists()
    assert [path.name for path in tmp_path.iterdir()] == ["ho-so"]
