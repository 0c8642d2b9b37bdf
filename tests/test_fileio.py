"""Outputs are all written or none: a failure while writing leaves earlier files as they were."""

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
