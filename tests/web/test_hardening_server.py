"""A server many clerks share (issue 24 §3): results private by default, real tokens, failed attempts
slowed down. Through the ASGI test client and, where the process matters, a real `kit serve`."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from kit.cli import main
from tests.web.conftest import BASE, SAMPLES, need_web_extra, upload

need_web_extra()

PLAN = SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"
ROOT = Path(__file__).resolve().parents[2]


def _client(**settings):
    from fastapi.testclient import TestClient

    from kit.web import Settings, create_app

    settings.setdefault("workers", 1)
    return TestClient(create_app(Settings(**settings)), base_url=BASE, follow_redirects=False)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_without_results_dir_results_are_in_a_folder_of_this_server_only_deleted_when_it_stops():
    with _client() as client, _client() as other:
        root = client.app.state.store.root
        assert root != other.app.state.store.root  # one folder per server, never a shared fixed one
        assert root.parent == Path(tempfile.gettempdir()) and root.name.startswith("vanban-kit-web-")
        assert _mode(root) == 0o700
        record = client.post("/api/v1/fill", files=upload(PLAN)).json()
        job = root / record["id"]
        assert _mode(job) == 0o700 and any(job.rglob("*.docx"))
    assert not root.exists()  # stopped: nothing left for another account to find


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_a_results_dir_given_becomes_owner_only_and_is_kept(tmp_path):
    shared = tmp_path / "ket-qua"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    with _client(results_dir=shared) as client:
        assert _mode(shared) == 0o700
        record = client.post("/api/v1/fill", files=upload(PLAN)).json()
        assert _mode(shared / record["id"]) == 0o700
    assert (shared / record["id"]).is_dir()  # other instances may share it: kept until it expires


@pytest.mark.parametrize("token", ["7", "ngan-qua-19-ky-tu-x"])
def test_a_short_token_is_refused(capsys, token):
    assert main(["serve", "--host", "0.0.0.0", "--token", token, "--no-browser"]) == 2
    assert capsys.readouterr().err == (
        f"Lỗi: --token quá ngắn ({len(token)} ký tự) — dùng mã ít nhất 20 ký tự khó đoán, "
        "hoặc bỏ --token để máy chủ tự tạo một mã ngẫu nhiên\n"
    )


def test_a_token_with_a_space_is_refused(capsys):
    assert main(["serve", "--token", "mã truy cập của sở nội vụ", "--no-browser"]) == 2
    assert "--token có dấu cách hoặc ký tự điều khiển" in capsys.readouterr().err


def test_the_network_without_a_token_gets_a_strong_random_one(tmp_path):
    """A real server on every interface: the link it prints carries a token of its own making, which
    opens the page; without it the page is refused. Stopped, its private results folder is gone."""
    before = set(Path(tempfile.gettempdir()).glob("vanban-kit-web-*"))
    process = subprocess.Popen(
        [sys.executable, "-m", "kit", "serve", "--host", "0.0.0.0", "--port", "0", "--no-browser", "--workers", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=(\S+)", line)
        assert match, line + process.stderr.read()
        url, token = match.groups()
        assert len(token) >= 40
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "api/v1/templates", timeout=30)
        assert refused.value.code == 401
        refused.value.close()
        request = urllib.request.Request(url + "api/v1/templates", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
        made = set(Path(tempfile.gettempdir()).glob("vanban-kit-web-*")) - before
        assert len(made) == 1
    finally:
        process.terminate()
        process.communicate(timeout=60)  # waits, and closes the pipes
    assert not any(folder.exists() for folder in made)


VIETNAMESE = "Mã-truy-cập-của-Sở-Nội-vụ-Lạng-Sơn-2026"


def test_a_token_with_vietnamese_letters_works_in_the_link_the_cookie_and_the_header(tmp_path):
    with _client(results_dir=tmp_path / "kq", host="0.0.0.0", token=VIETNAMESE) as client:
        link = client.get(f"/?token={quote(VIETNAMESE)}")
        assert link.status_code == 303 and link.headers["location"] == "/"
        assert link.headers["set-cookie"].startswith(f"kit_token={quote(VIETNAMESE, safe='')};")
        assert client.get("/").status_code == 200  # the cookie
        client.cookies.clear()
        assert client.get("/").status_code == 401
        raw = client.get("/api/v1/templates", headers={"authorization": f"Bearer {VIETNAMESE}".encode()})
        assert raw.status_code == 200
        encoded = client.get("/api/v1/templates", headers={"authorization": f"Bearer {quote(VIETNAMESE)}"})
        assert encoded.status_code == 200
        # The same letters decomposed (NFD, as some systems type them) are the same token.
        import unicodedata

        nfd = quote(unicodedata.normalize("NFD", VIETNAMESE))
        assert client.get("/api/v1/templates", headers={"authorization": f"Bearer {nfd}"}).status_code == 200


def test_failed_attempts_slow_down_then_are_answered_at_once(tmp_path):
    token = "mot-ma-truy-cap-dai-kho-doan-2026"
    with _client(results_dir=tmp_path / "kq", host="0.0.0.0", token=token) as client:
        wrong = {"authorization": "Bearer doan-sai-mot-ma-khac-hoan-toan"}
        statuses = [client.get("/api/v1/templates", headers=wrong).status_code for _ in range(6)]
        assert statuses == [401] * 6
        blocked = client.get("/api/v1/templates", headers={"authorization": f"Bearer {token}"})
        # Even the right token waits: a guesser learns nothing while blocked.
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
        assert blocked.json()["error"].startswith("Nhập sai mã truy cập nhiều lần — chờ")


def test_the_throttle_doubles_is_bounded_and_is_per_client():
    from kit.web.security import Throttle

    throttle = Throttle()
    for _ in range(Throttle.FREE):
        throttle.failed("10.0.0.5", now=0)
    assert throttle.wait("10.0.0.5", now=0) == 0
    waits = []
    for _ in range(12):
        throttle.failed("10.0.0.5", now=0)
        waits.append(throttle.wait("10.0.0.5", now=0))
    assert waits[:4] == [1, 2, 4, 8] and max(waits) == Throttle.MAX_WAIT
    assert throttle.wait("10.0.0.6", now=0) == 0  # another clerk is not slowed
    throttle.succeeded("10.0.0.5")
    assert throttle.wait("10.0.0.5", now=0) == 0
    for number in range(Throttle.MAX_CLIENTS + 100):
        throttle.failed(f"c{number}", now=0)
    assert len(throttle._clients) == Throttle.MAX_CLIENTS


def test_a_real_server_with_a_vietnamese_token_opens_by_its_link_cookie_and_header_and_slows_guessers():
    """`kit serve` itself (uvicorn, h11): the link it prints (the token percent-encoded), the cookie it
    then sets, the token sent raw in UTF-8 in the Authorization header; wrong guesses slowed."""
    import http.client
    import http.cookiejar

    process = subprocess.Popen(
        [sys.executable, "-m", "kit", "serve", "--host", "0.0.0.0", "--port", "0", "--no-browser", "--workers", "1"]
        + ["--token", VIETNAMESE],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:(\d+)/)\?token=(\S+)", line)
        assert match, line + process.stderr.read()
        url, port, in_link = match.groups()
        assert in_link == quote(VIETNAMESE, safe="")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(f"{url}?token={in_link}", timeout=30) as page:  # 303, cookie, then the page
            assert page.status == 200 and page.url == url and "vanban-kit" in page.read().decode()
        with browser.open(url + "api/v1/templates", timeout=30) as by_cookie:
            assert by_cookie.status == 200

        def templates(token: bytes) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
            try:
                connection.putrequest("GET", "/api/v1/templates")
                connection.putheader("Authorization", b"Bearer " + token)
                connection.endheaders()
                return connection.getresponse().status
            finally:
                connection.close()

        assert templates(VIETNAMESE.encode()) == 200  # raw UTF-8
        wrong = "Mã-truy-cập-của-Sở-Nội-vụ-Lạng-Sơn-2025".encode()
        assert [templates(wrong) for _ in range(6)] == [401] * 6
        assert templates(VIETNAMESE.encode()) == 429  # the guesser's next try waits, even a right one
    finally:
        process.terminate()
        process.communicate(timeout=60)
