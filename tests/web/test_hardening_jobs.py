"""Every job bounded, every clerk served (issue 24 §1): a job over its time or memory is stopped and
its worker replaced, with one line for the user; admission happens before a body is read; a short job
has a lane of its own; half-sent requests cannot hold the server."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tests.web.conftest import BASE, SAMPLES, need_web_extra, upload

need_web_extra()

PLAN = SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"
ROOT = Path(__file__).resolve().parents[2]


def _client(tmp_path, **settings):
    from fastapi.testclient import TestClient

    from kit.web import Settings, create_app

    settings.setdefault("workers", 1)
    app = create_app(Settings(results_dir=tmp_path / "kq", **settings))
    return TestClient(app, base_url=BASE, follow_redirects=False)


def heavy_document(tmp_path: Path, runs: int = 250_000, formats: bool = False) -> bytes:
    """A .docx under every cost limit that still takes kit check several seconds and 100+ MB: one
    paragraph of a quarter of a million runs. `formats`: each run of a size of its own (four elements a
    run, each format worked out by the reader: far longer per run)."""
    document = docx.Document()
    document.add_paragraph("x")
    path = tmp_path / "base.docx"
    document.save(path)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "word/document.xml":
                if formats:
                    many = b"".join(
                        b'<w:r><w:rPr><w:sz w:val="%d"/></w:rPr><w:t>a</w:t></w:r>' % n for n in range(runs)
                    )
                else:
                    many = b"<w:r><w:t>a</w:t></w:r>" * runs
                content = content.replace(b"</w:p>", many + b"</w:p>", 1)
            new.writestr(item.filename, content)
    return out.getvalue()


def _worker_pids(client) -> set[int]:
    workers = client.app.state.runner.pool()
    return {worker.process.pid for lane in workers.free.values() for worker in lane}


def test_a_job_over_its_time_is_stopped_its_worker_replaced_and_the_next_job_served(tmp_path):
    with _client(tmp_path, job_seconds=1.5) as client:
        before = _worker_pids(client)
        heavy = heavy_document(tmp_path, runs=140_000, formats=True)  # seconds of work
        response = client.post("/api/v1/check", files=upload(("nang.docx", heavy)))
        assert response.status_code == 422
        record = response.json()
        assert record["state"] == "failed"
        assert record["errors"][0]["line"] == (
            "Tệp quá lớn hoặc quá phức tạp (xử lý quá 1.5 giây) — chia thành nhiều tệp nhỏ hơn, xóa các ô, dòng "
            "hay trang thừa rồi gửi lại; nếu tệp là bình thường, nhờ người quản trị tăng --job-seconds hoặc "
            "--job-memory-mb"
        )
        after = _worker_pids(client)
        assert after and not (after & before)  # the worker was killed and a new one started
        assert all(not Path(f"/proc/{pid}").exists() for pid in before) or os.name != "posix"
        assert client.post("/api/v1/fill", files=upload(PLAN)).json()["state"] == "done"
        assert client.app.state.runner.active == 0


@pytest.mark.parametrize(
    "address_limit",
    [
        pytest.param(True, marks=pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS is POSIX's")),
        False,  # the watchdog alone, as on Windows
    ],
)
def test_a_job_over_its_memory_is_stopped_with_one_line_and_the_next_job_served(tmp_path, address_limit):
    with _client(tmp_path, job_memory_mb=200, job_seconds=60, job_address_limit=address_limit) as client:
        before = _worker_pids(client)
        response = client.post("/api/v1/check", files=upload(("nang.docx", heavy_document(tmp_path))))
        record = response.json()
        assert record["state"] == "failed", record
        assert record["errors"][0]["line"].startswith("Tệp quá lớn hoặc quá phức tạp (cần quá 200 MB bộ nhớ) — "), (
            record
        )
        assert [p.name for p in (tmp_path / "kq" / record["id"]).iterdir()] == ["job.json"]
        assert not (_worker_pids(client) & before)  # its worker replaced
        assert client.post("/api/v1/fill", files=upload(PLAN)).json()["state"] == "done"


DOSSIER = SAMPLES / "ho-so-khen-thuong-so-noi-vu.xlsx"
TOO_LONG = "Tệp quá lớn hoặc quá phức tạp (xử lý quá {seconds:g} giây) — "


def _finished(client, response) -> dict:
    """The record of a job posted: at once (fill, check), or once done (a dossier: 202, then polled; a
    page: its result page's job)."""
    if response.status_code == 303:
        job_id = response.headers["location"].rstrip("/").rsplit("/", 1)[-1]
    else:
        job_id = response.json()["id"]
    for _ in range(600):
        record = client.get(f"/api/v1/jobs/{job_id}").json()
        if record["state"] in ("done", "failed"):
            return record
        time.sleep(0.1)
    raise AssertionError(record)


def test_every_kind_of_job_is_stopped_at_its_time_and_its_worker_replaced(tmp_path):
    """Fill, dossier, decision with its certificates (check: above), each under the job's limit."""
    from tests.web.conftest import csrf

    with _client(tmp_path, job_seconds=0.2) as client:
        posts = {
            # Ten plans: a fill of one can end within the limit on a quick machine.
            "fill": lambda: client.post(
                "/api/v1/fill", files=upload(*((f"ke-hoach-{n}.xlsx", PLAN.read_bytes()) for n in range(10)))
            ),
            "dossier": lambda: client.post("/api/v1/dossier", files=upload(DOSSIER, field="file")),
            "decision": lambda: client.post("/quyet-dinh", data={"csrf": csrf(client)}, files=upload(DOSSIER)),
        }
        for kind, post in posts.items():
            before = _worker_pids(client)
            record = _finished(client, post())
            assert record["state"] == "failed", (kind, record)
            assert record["errors"][0]["line"].startswith(TOO_LONG.format(seconds=0.2)), (kind, record)
            assert not (_worker_pids(client) & before), kind  # its worker replaced
            # Nothing of the stopped job is kept beyond its record: no upload, no partial document.
            assert [p.name for p in (tmp_path / "kq" / record["id"]).iterdir()] == ["job.json"], kind


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LibreOffice's processes are found in /proc")
def test_a_fill_stopped_at_its_time_while_libreoffice_converts_its_upload_leaves_no_libreoffice(tmp_path, monkeypatch):
    """An .ods of three million cells sent to fill: LibreOffice converts it for many seconds; the job
    stops at its time with the usual line, its worker killed with every process it started."""
    from kit.office import find_soffice
    from tests.test_hardening_cost import libreoffice_running_in, ods_of

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice is needed")
    temporary = tmp_path / "tam"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the workers' LibreOffice profiles: under it
    seen: list[int] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            seen.extend(libreoffice_running_in(temporary, b"soffice.bin"))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    with _client(tmp_path, job_seconds=4) as client:
        watcher.start()
        try:
            response = client.post("/api/v1/fill", files=upload(("bang.ods", ods_of(300_000, 10))))
        finally:
            stop.set()
            watcher.join()
        record = response.json()
        assert record["state"] == "failed" and record["errors"][0]["line"].startswith(TOO_LONG.format(seconds=4))
        assert seen, "LibreOffice never started within the job's time"
        time.sleep(0.5)
        assert libreoffice_running_in(temporary) == []


def test_a_plain_fill_is_short_and_a_heavy_document_long(tmp_path):
    from kit.web.jobs import lane_of

    plain, heavy = tmp_path / "plain", tmp_path / "heavy"
    for folder, name, data in (
        (plain, "tep-01.xlsx", PLAN.read_bytes()),
        (heavy, "tep-01.docx", heavy_document(tmp_path)),
    ):
        (folder / "in").mkdir(parents=True)
        (folder / "in" / name).write_bytes(data)
    assert lane_of("fill", plain) == "short"
    assert lane_of("dossier", plain) == "long"
    assert lane_of("check", heavy) == "long"
    # Every real document of the corpus is checked in the short lane (the longest, a 138-page draft law, in under
    # half a second, as long as two plain fills); three plans at once are long work.
    corpus = tmp_path / "corpus"
    (corpus / "in").mkdir(parents=True)
    for document in (ROOT / "tests" / "corpus").glob("*.docx"):
        (corpus / "in" / "tep-01.docx").write_bytes(document.read_bytes())
        assert lane_of("check", corpus) == "short", document.name
    (plain / "in" / "tep-02.xlsx").write_bytes(PLAN.read_bytes())
    (plain / "in" / "tep-03.xlsx").write_bytes(PLAN.read_bytes())
    assert lane_of("fill", plain) == "long"


def test_a_short_job_is_served_while_a_long_one_runs(tmp_path):
    """Two workers: one kept for short jobs. A fill sent while a heavy check runs is done before it."""
    with _client(tmp_path, workers=2, job_seconds=120) as client:
        heavy = heavy_document(tmp_path, runs=120_000, formats=True)
        finished: dict[str, float] = {}

        def long_job():
            client.post("/api/v1/check", files=upload(("nang.docx", heavy)))
            finished["long"] = time.monotonic()

        thread = threading.Thread(target=long_job)
        thread.start()
        time.sleep(1.0)  # the long job is in its worker
        fill = client.post("/api/v1/fill", files=upload(PLAN))
        finished["short"] = time.monotonic()
        thread.join()
        assert fill.json()["state"] == "done"
        assert finished["short"] < finished["long"]


def _asgi_post(app, path: str, length: int, body_arrives: asyncio.Event | None = None, headers=()):
    """A POST straight to the ASGI application whose body never comes (unless `body_arrives` is set):
    the status it answers with, or None while it waits for the body."""
    sent: list[dict] = []
    asked = asyncio.Event()

    async def receive():
        asked.set()
        if body_arrives is None:
            await asyncio.Event().wait()  # a client that sent its headers and stopped
        await body_arrives.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"content-length", str(length).encode()),
            (b"content-type", b"multipart/form-data; boundary=x"),
            *headers,
        ],
        "client": ("127.0.0.1", 5000),
        "scheme": "http",
        "http_version": "1.1",
        "root_path": "",
    }
    return scope, receive, send, sent, asked


def test_a_busy_server_answers_503_before_reading_the_body(tmp_path):
    with _client(tmp_path, max_jobs=1) as client:
        runner = client.app.state.runner
        assert runner.try_acquire()  # a job is running
        try:

            async def go():
                scope, receive, send, sent, asked = _asgi_post(client.app, "/api/v1/fill", 19 * 2**20)
                await asyncio.wait_for(client.app(scope, receive, send), 10)
                return sent, asked.is_set()

            sent, asked = asyncio.run(go())
        finally:
            runner.release()
        assert sent[0]["status"] == 503 and not asked  # the body was never asked for
        assert dict(sent[0]["headers"])[b"retry-after"] == b"5"
        assert json.loads(sent[1]["body"]) == {"error": "Đang bận, thử lại sau"}


def test_uploads_being_received_have_a_total_bound(tmp_path):
    with _client(tmp_path, max_uploads_mb=30) as client:

        async def go():
            arrives = asyncio.Event()
            first = _asgi_post(client.app, "/api/v1/fill", 20 * 2**20, arrives)
            task = asyncio.create_task(client.app(*first[:3]))
            await asyncio.wait_for(first[4].wait(), 10)  # the first upload is being received
            second = _asgi_post(client.app, "/api/v1/fill", 20 * 2**20)
            await asyncio.wait_for(client.app(*second[:3]), 10)
            arrives.set()
            await asyncio.wait_for(task, 30)
            return second[3]

        sent = asyncio.run(go())
        assert sent[0]["status"] == 503


def _serve(*options: str, setup: str = "") -> tuple[subprocess.Popen, int]:
    """A real `kit serve` in a process of its own; `setup`: Python run in it first (a setting changed)."""
    command = ["serve", "--port", "0", "--no-browser", "--workers", "1", *options]
    start = ["-m", "kit", *command] if not setup else ["-c", f"{setup}\nfrom kit.cli import main\nmain({command!r})"]
    process = subprocess.Popen(
        [sys.executable, *start],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert match, line + process.stderr.read()
    return process, int(match.group(1))


def _head_only(port: int, path: str, length: int) -> bytes:
    """What a server answers to a POST whose headers are sent and whose body never comes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {length}\r\n\r\n".encode()
        )
        connection.settimeout(5)  # the answer comes at once, without the body
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def test_a_busy_server_process_answers_503_at_once_and_a_too_large_upload_413(tmp_path):
    """A real `kit serve` with room for one job: while a long check runs, an upload is answered 503
    from its headers alone; an upload over the bound of one request, 413 likewise."""
    import httpx2 as httpx

    process, port = _serve("--max-jobs", "1", "--job-seconds", "120")
    base = f"http://127.0.0.1:{port}"
    try:
        assert httpx.get(f"{base}/api/v1/templates", timeout=120).status_code == 200  # started, workers warm
        heavy = heavy_document(tmp_path, runs=140_000, formats=True)  # 560,000 elements: seconds of work
        long_job: dict[str, int] = {}

        def post_heavy():
            files = {"files": ("nang.docx", heavy)}
            long_job["status"] = httpx.post(f"{base}/api/v1/check", files=files, timeout=120).status_code

        thread = threading.Thread(target=post_heavy)
        thread.start()
        time.sleep(2.0)  # the check is admitted and running
        assert thread.is_alive(), "the long job ended too soon: make it longer"
        busy = _head_only(port, "/api/v1/fill", 19 * 2**20)
        assert busy.startswith(b"HTTP/1.1 503 "), busy
        assert b"retry-after: 5" in busy.lower() and "Đang bận, thử lại sau".encode() in busy
        too_large = _head_only(port, "/api/v1/fill", 10**10)
        assert too_large.startswith(b"HTTP/1.1 413 "), too_large
        thread.join(120)
        assert long_job["status"] == 200
        with open(PLAN, "rb") as plan:
            fill = httpx.post(f"{base}/api/v1/fill", files={"files": (PLAN.name, plan.read())}, timeout=60)
        assert fill.json()["state"] == "done"  # served again once the long job is over
    finally:
        process.terminate()
        process.communicate(timeout=60)


def test_half_sent_requests_cannot_starve_the_server_and_are_closed():
    from kit.web.limits import HEADER_SECONDS

    process, port = _serve()
    sockets = []
    try:
        for _ in range(600):  # past the cap of open connections, which closes the newest unread
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            try:
                connection.sendall(b"POST /api/v1/fill HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            except OSError:
                pass  # closed by the server already: beyond its cap
            sockets.append(connection)
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/templates", timeout=30) as response:
            assert response.status == 200  # a clerk is still served
        time.sleep(HEADER_SECONDS + 2)
        for connection in (sockets[0], sockets[-1]):
            connection.settimeout(5)
            try:
                assert connection.recv(100) == b""  # closed by the server: its head never came
            except ConnectionResetError:
                pass  # closed, with unread data
    finally:
        for connection in sockets:
            connection.close()
        process.terminate()
        process.communicate(timeout=60)


def test_a_job_running_when_the_server_stops_is_recorded_as_stopped_and_sent_again(tmp_path):
    """With a results folder shared by several servers, the job's record outlives the server: it
    says the server stopped, not that the kit broke."""
    from kit.web import service

    with _client(tmp_path, job_seconds=120) as client:
        response = client.post("/api/v1/dossier", files=upload(DOSSIER, field="file"), data={"pdf": "true"})
        assert response.status_code == 202
        time.sleep(1.0)  # the dossier is being made
        assert client.get(response.headers["location"]).json()["state"] in ("queued", "running")
    record = service.read_job(tmp_path / "kq" / response.json()["id"])
    assert record["state"] == "failed"
    assert record["errors"][0]["line"] == "Máy chủ đã dừng khi đang xử lý việc này — gửi lại tệp"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LibreOffice's memory is read in /proc")
def test_libreoffice_converting_an_upload_past_the_jobs_memory_is_stopped_with_one_line(tmp_path):
    from kit.office import find_soffice
    from tests.test_hardening_cost import ods_of

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice is needed")
    # The worker itself holds about 240 MB of address space, well under 80 % of the limit (past it, a
    # failed job counts as over its own memory); LibreOffice converting five million cells passes
    # 500 MB of resident memory within seconds.
    with _client(tmp_path, job_memory_mb=400, job_seconds=60) as client:
        record = client.post("/api/v1/fill", files=upload(("bang.ods", ods_of(500_000, 10)))).json()
        assert record["state"] == "failed", record
        assert record["errors"][0]["line"].startswith(
            "bang.ods: tệp quá lớn hoặc quá phức tạp (LibreOffice cần quá 400 MB bộ nhớ) — "
        ), record
        assert record["errors"][0]["code"] == "KIT517"


@pytest.mark.parametrize("failure", ["kit", "bug"])
def test_a_job_that_fails_after_writing_part_of_its_result_keeps_only_its_record(tmp_path, failure):
    """A job that fails with an ordinary error (the kit's, or a bug) after writing documents and the
    decision's own register keeps only its record, with its one line — as a job stopped at its limit."""
    from kit.errors import InputError
    from kit.web import service

    folder = tmp_path / "viec"
    (folder / "in").mkdir(parents=True)
    (folder / "in" / "tep-01.xlsx").write_bytes(PLAN.read_bytes())
    service.write_job(
        folder, {"id": "viec", "state": "queued", "inputs": [{"saved": "tep-01.xlsx", "name": "hs.xlsx"}]}
    )

    def work(job) -> None:
        made = job.folder / "out" / "ho-so" / "01-to-trinh.docx"
        made.parent.mkdir(parents=True)
        made.write_bytes(b"PK names and birth dates")
        job.add_file(made, "01-to-trinh.docx", "docx")
        (job.folder / "so-rieng.sqlite").write_bytes(b"SQLite format 3")
        if failure == "kit":
            raise InputError(f"{job.folder / 'in' / 'tep-01.xlsx'}: không tìm thấy tệp", hint="kiểm tra", code="KIT001")
        raise RuntimeError("a bug")

    record = service._run(str(folder), work)
    assert record["state"] == "failed" and "files" not in record
    line = record["errors"][0]["line"]
    assert line == (
        "hs.xlsx: không tìm thấy tệp — kiểm tra"
        if failure == "kit"
        else "Lỗi nội bộ của vanban-kit (RuntimeError) — báo cho nhóm phát triển"
    )
    assert [p.name for p in folder.iterdir()] == ["job.json"]
    assert service.read_job(folder) == record


def _slow_upload(port: int, length: int, answers: dict[int, bytes], key: int) -> None:
    """A client with the token that declares `length` bytes, sends the first 4 KB of them, then one
    byte a second: what the server answers (its reservation of `length` held meanwhile)."""
    import select

    head = (
        f"POST /api/v1/fill HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n"
        f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\n\r\n"
    ).encode()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head + b"--x\r\nContent-Disposition: form-data; name=files; filename=a.xlsx\r\n\r\n")
        connection.sendall(b"P" * 4096)
        deadline = time.monotonic() + 60  # the server cuts it off within 25 s (6 s here)
        while time.monotonic() < deadline and not answer.rstrip().endswith(b"}"):
            if select.select([connection], [], [], 1.0)[0]:
                try:
                    chunk = connection.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                answer += chunk
            else:
                try:
                    connection.sendall(b"K")
                except OSError:
                    pass  # closed by the server: its answer is read above
    answers[key] = answer


def test_slow_uploads_are_cut_off_with_one_line_and_give_their_place_back():
    """A real `kit serve` receiving at most 4 MB of uploads at once: two clients that declare 2 MB each
    and send a byte a second hold it all, so a clerk's upload is answered 503; once past the grace and
    a window with less than the minimum, each slow upload is answered 408 with one line and gives its
    place back, and the clerk's fill is served. The server's windows are shortened (4 s of grace, then
    2 s; by default 5 s and 10 s) so that the test does not wait a quarter of a minute."""
    import httpx2 as httpx

    from kit.web.security import UPLOAD_TOO_SLOW, Guard

    shorter = "from kit.web.security import Guard\nGuard.UPLOAD_GRACE_SECONDS = 4.0\nGuard.UPLOAD_WINDOW_SECONDS = 2.0"
    process, port = _serve("--max-file-mb", "1", "--max-files", "1", setup=shorter)  # 2 MB a request, 4 MB in all
    base = f"http://127.0.0.1:{port}"
    try:
        assert httpx.get(f"{base}/api/v1/templates", timeout=120).status_code == 200  # workers warm
        answers: dict[int, bytes] = {}
        slow = [threading.Thread(target=_slow_upload, args=(port, 2 * 2**20, answers, n)) for n in range(2)]
        for thread in slow:
            thread.start()
        time.sleep(1.0)  # both admitted, sending slowly (cut off 6 s after they started)
        busy = _head_only(port, "/api/v1/fill", 2**20)
        assert busy.startswith(b"HTTP/1.1 503 "), busy
        for thread in slow:
            thread.join(90)
        assert sorted(answers) == [0, 1]
        assert UPLOAD_TOO_SLOW.format(kb=Guard.UPLOAD_MIN_BYTES // 1024, seconds=Guard.UPLOAD_WINDOW_SECONDS) == (
            "Tệp gửi lên quá chậm (dưới 100 KB trong 10 giây) nên máy chủ đã ngừng nhận — kiểm tra đường mạng rồi "
            "gửi lại, hoặc gửi ít tệp hơn mỗi lần"
        )
        line = UPLOAD_TOO_SLOW.format(kb=100, seconds=2)
        for answer in answers.values():
            assert answer.startswith(b"HTTP/1.1 408 "), answer
            assert json.loads(answer.split(b"\r\n\r\n", 1)[1]) == {"error": line}
        with open(PLAN, "rb") as plan:
            fill = httpx.post(f"{base}/api/v1/fill", files={"files": (PLAN.name, plan.read())}, timeout=60)
        assert fill.status_code == 200 and fill.json()["state"] == "done"
    finally:
        process.terminate()
        process.communicate(timeout=60)


def test_an_upload_not_whole_within_its_time_is_answered_408_with_one_line(tmp_path, monkeypatch):
    """The deadline of a whole body (300 s; here 1 s, the rate left out): the client is told, in one
    line, and the upload's share of the bound is given back."""
    from kit.web.security import UPLOAD_TOO_LONG, Guard

    monkeypatch.setattr(Guard, "BODY_SECONDS", 1.0)
    monkeypatch.setattr(Guard, "UPLOAD_MIN_BYTES", 0)
    with _client(tmp_path) as client:

        async def go():
            scope, _, send, sent, _ = _asgi_post(client.app, "/api/v1/fill", 2**20)
            chunks = [{"type": "http.request", "body": b"--x\r\n", "more_body": True}]

            async def receive():
                if chunks:
                    return chunks.pop()
                await asyncio.Event().wait()  # the rest never comes

            await asyncio.wait_for(client.app(scope, receive, send), 30)
            return sent

        sent = asyncio.run(go())
        assert sent[0]["status"] == 408
        assert json.loads(sent[1]["body"]) == {"error": UPLOAD_TOO_LONG.format(seconds=1)}
        assert UPLOAD_TOO_LONG.format(seconds=300).startswith("Tệp gửi lên chưa đến đủ sau 300 giây nên máy chủ")
        guard = client.app.middleware_stack
        while not isinstance(guard, Guard):
            guard = guard.app
        assert guard.receiving == 0
