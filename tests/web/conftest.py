"""The web application under test: a FastAPI app with a private results folder, driven through the
ASGI test client (as a browser or another system would send requests)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def need_web_extra() -> None:
    """Skip a test module without the web extra on a developer's machine; in CI (CI set, where .ci/run
    installs it through the Makefile) a missing extra fails."""
    if not os.environ.get("CI"):
        pytest.importorskip("fastapi", reason="the web extra is needed: pip install -e '.[dev,web]'")


ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BASE = "http://127.0.0.1:8000"


def make_client(tmp_path: Path, **settings):
    from fastapi.testclient import TestClient

    from kit.web import Settings, create_app

    settings.setdefault("workers", 1)
    app = create_app(Settings(results_dir=tmp_path / "ket-qua", **settings))
    return TestClient(app, base_url=BASE, follow_redirects=False)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with make_client(tmp_path_factory.mktemp("web")) as client:
        yield client


def csrf(client) -> str:
    """The form token of this browser session (a page sets it)."""
    if "kit_csrf" not in client.cookies:
        client.get("/lap-van-ban")
    return client.cookies["kit_csrf"]


def upload(*paths_or_pairs, field="files"):
    """Multipart files: a Path (sent under its own name) or (name, bytes)."""
    files = []
    for item in paths_or_pairs:
        if isinstance(item, Path):
            files.append((field, (item.name, item.read_bytes())))
        else:
            files.append((field, item))
    return files


def text_of(html: str) -> str:
    """A page's text as a reader sees it (tags dropped, spaces collapsed)."""
    import html as html_module
    import re

    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", text))).strip()
