"""Every register test runs twice: on SQLite and on a real PostgreSQL server started here."""

from __future__ import annotations

import itertools
import os

import pytest

from .postgres import Server, binaries

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres():
    found = binaries()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb, pg_ctl) is missing: .ci/run installs it")
        pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql)")
    server = Server(found)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, monkeypatch) -> str:
    """The URL of an empty register store; also KIT_DATABASE_URL for the commands the test runs."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'so.sqlite'}"
    else:
        server = request.getfixturevalue("postgres")
        url = server.create_database(f"kit_{os.getpid()}_{next(_names)}")
    monkeypatch.setenv("KIT_DATABASE_URL", url)
    return url
