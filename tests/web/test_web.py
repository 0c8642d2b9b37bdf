"""Every route of `kit serve` through the ASGI test client: what a member of staff or another system
sees — pages, downloads opened and read, errors as the command line gives them, limits and refusals."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from kit.app import check as check_documents
from kit.app import load_sample, workbook_bytes
from kit.cli import main
from tests.conftest import data as plan_data
from tests.conftest import edit_workbook, write_workbook
from tests.web.conftest import SAMPLES, csrf, make_client, text_of, upload
from tests.web.dossiers import dossier_workbook, names

PLAN = SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"
DOSSIER = SAMPLES / "ho-so-khen-thuong-so-noi-vu.xlsx"


def paragraphs(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(texts)


def wait(client, job_id: str, limit: int = 600) -> dict:
    """The job's record once it is done or failed (polled like the page does)."""
    for _ in range(limit):
        record = client.get(f"/api/v1/jobs/{job_id}").json()
        if record["state"] in ("done", "failed"):
            return record
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {record['state']}")


def post_page(client, path: str, files, **fields):
    return client.post(path, data={"csrf": csrf(client), **fields}, files=files)


# -- pages and security headers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, title",
    [
        ("/", "Mẫu văn bản"),
        ("/lap-van-ban", "Lập văn bản"),
        ("/ho-so", "Hồ sơ khen thưởng"),
        ("/kiem-tra", "Kiểm tra văn bản"),
        ("/quyet-dinh", "Quyết định, giấy khen"),
    ],
)
def test_every_page_in_vietnamese_with_security_headers_and_a_form_token(client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.text and '<html lang="vi">' in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    # No inline script or handler: the strict policy would block it.
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.text)
    assert not re.search(r"\son[a-z]+=", response.text)
    if path != "/":
        assert f'name="csrf" value="{client.cookies["kit_csrf"]}"' in response.text


def test_templates_page_lists_what_staff_fill_with_their_legal_basis(client):
    text = text_of(client.get("/").text)
    assert "Kế hoạch công tác thi đua, khen thưởng" in text and "Kế hoạch (KH)" in text
    assert "Hồ sơ đề nghị khen thưởng" in text and "Gói có sẵn 1.0.0" in text and "builtin" not in text
    # A dossier's parts are listed with it, not as templates of their own; the basis in force today is named.
    assert "gồm: Tờ trình đề nghị khen thưởng" in text and "/mau/to-trinh-khen-thuong" not in client.get("/").text
    assert "Hiện hành: Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in text


def test_fields_of_a_template(client):
    text = text_of(client.get("/mau/ke-hoach").text)
    assert "Sheet “Văn bản”" in text and "Họ tên người ký" in text and "Tải biểu mẫu trống" in text
    missing = client.get("/mau/khong-co")
    assert missing.status_code == 404 and "khong-co" in text_of(missing.text)


@pytest.mark.parametrize("sample", [False, True])
def test_download_the_blank_or_example_workbook(client, sample):
    response = client.get(f"/api/v1/templates/ke-hoach/workbook?sample={str(sample).lower()}")
    assert response.status_code == 200
    name = "ke-hoach-vi-du.xlsx" if sample else "ke-hoach.xlsx"
    assert response.headers["content-disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    book = load_workbook(io.BytesIO(response.content))
    filled = [row for row in book["Văn bản"].iter_rows(values_only=True) if row[1] not in (None, "")]
    assert "Văn bản" in book.sheetnames and (len(filled) > 8) == sample


def test_api_templates_and_openapi(client):
    templates = client.get("/api/v1/templates").json()
    assert {t["id"] for t in templates} == {"ke-hoach", "ke-hoach-phat-dong", "ho-so-khen-thuong"}
    fields = client.get("/api/v1/templates/ke-hoach").json()
    assert any(f["label"] == "Họ tên người ký" for sheet in fields["sheets"] for f in sheet["fields"])
    assert client.get("/api/v1/templates/to-trinh-khen-thuong").status_code == 404
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/fill",
        "/api/v1/dossier",
        "/api/v1/check",
        "/api/v1/jobs/{job_id}",
        "/api/v1/templates/{template_id}/workbook",
    } <= set(spec["paths"])
    assert not any(path.startswith("/ket-qua") or path == "/" for path in spec["paths"])  # pages are not the API


# -- Lập văn bản ----------------------------------------------------------------------------------


def test_fill_the_sample_then_download_and_open_the_document(client):
    response = post_page(client, "/lap-van-ban", upload(("Kế hoạch năm 2019.xlsx", PLAN.read_bytes())))
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    text = text_of(page.text)
    assert "Kết quả lập văn bản" in text and "Kế hoạch năm 2019.docx" in text and "Tự kiểm tra thể thức" in text
    record = client.get("/api/v1/jobs/" + response.headers["location"].rsplit("/", 1)[1]).json()
    (document,) = record["documents"]
    link = record["files"][document["files"][0]]
    download = client.get(link["url"])
    assert download.headers["content-disposition"] == (
        'attachment; filename="Ke hoach nam 2019.docx"; '
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20n%C4%83m%202019.docx"
    )
    text = paragraphs(download.content)
    sample = load_sample(SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.toml")
    assert sample["van_ban"]["nguoi_ky"] in text and "KẾ HOẠCH" in text
    # The findings of the self-check are the ones kit check gives for the same document.
    assert all(f["code"].startswith("VB") and f["part"] for f in document["findings"])
    archive = zipfile.ZipFile(io.BytesIO(client.get(record["files"][record["archive"]]["url"]).content))
    assert archive.namelist() == ["Kế hoạch năm 2019.docx"]


def test_fill_several_workbooks_same_name_twice(client, tmp_path):
    book = write_workbook(tmp_path / "ke-hoach.xlsx")
    response = client.post("/api/v1/fill", files=upload(book, book))
    assert response.status_code == 200
    record = response.json()
    assert [d["name"] for d in record["documents"]] == ["ke-hoach.docx", "ke-hoach.docx"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(record["files"][record["archive"]]["url"]).content))
    assert archive.namelist() == ["ke-hoach.docx", "ke-hoach (2).docx"]


def test_broken_workbook_shows_the_command_lines_errors_as_a_table_and_makes_nothing(client, tmp_path, capsys):
    bad = write_workbook(tmp_path / "b.xlsx", plan_data(van_ban={"dia_danh": None, "nguoi_ky": None}))
    edit_workbook(bad, lambda wb: wb["Đề mục"].__setitem__("A2", "Chương"))
    response = post_page(client, "/lap-van-ban", upload(bad))
    page = client.get(response.headers["location"])
    text = text_of(page.text)
    assert "Không lập được: 3 lỗi" in text
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", page.text
    )
    assert rows[0][:4] == ("b.xlsx", "Văn bản", "B6", "Địa danh") and rows[0][4] == "chưa điền (bắt buộc)"
    assert rows[2][:4] == ("b.xlsx", "Đề mục", "A2", "Cấp")
    assert "Tải" not in text  # nothing to download
    record = client.get("/api/v1/jobs/" + response.headers["location"].rsplit("/", 1)[1]).json()
    assert record["files"] == [] and record["state"] == "failed"
    assert main(["fill", str(bad), "-o", str(tmp_path / "out")]) == 3
    assert [f"Lỗi: {e['line']}" for e in record["errors"]] == capsys.readouterr().err.splitlines()


def test_api_fill_errors_are_422_with_rows(client, tmp_path):
    bad = write_workbook(tmp_path / "thiếu địa danh.xlsx", plan_data(van_ban={"dia_danh": None}))
    response = client.post("/api/v1/fill", files=upload(bad))
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["file"], error["cell"], error["field"]) == ("thiếu địa danh.xlsx", "B6", "Địa danh")
    assert "/" not in error["line"] and "tep-01" not in error["line"]  # no server path or name shown


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "hỏng.xlsx",
            b"not a zip",
            "hỏng.xlsx: không đọc được tệp Excel: tệp không phải .xlsx hợp lệ — mở bằng Excel và lưu lại dạng .xlsx",
        ),
        ("ho-so.xlsx", DOSSIER.read_bytes(), "ho-so.xlsx: là biểu mẫu của “Hồ sơ đề nghị khen thưởng"),
    ],
)
def test_a_workbook_that_cannot_be_filled_is_one_line(client, name, content, expected):
    response = client.post("/api/v1/fill", files=upload((name, content)))
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["line"].startswith(expected) and "\n" not in error["line"]


def test_a_workbook_that_unpacks_beyond_the_bounds_is_refused_before_reading(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"\0" * (201 * 2**20))
    response = client.post("/api/v1/fill", files=upload(("bom.xlsx", buffer.getvalue())))
    (error,) = response.json()["errors"]
    assert response.status_code == 422 and error["line"].startswith(
        "bom.xlsx: tệp giải nén ra quá lớn (201 MB, 1 phần)"
    )


# -- Hồ sơ khen thưởng ----------------------------------------------------------------------------


def test_dossier_progress_then_files_manifest_and_zip(client, tmp_path):
    count = 45
    book = dossier_workbook(tmp_path / "Hồ sơ đợt 1.xlsx", count)
    response = client.post("/ho-so", data={"csrf": csrf(client)}, files=upload(book))
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    record = wait(client, job_id)
    assert record["state"] == "done" and record["done"] == record["total"] == count + 3
    text = text_of(client.get(response.headers["location"]).text)
    assert (
        f"Đã lập {count + 3} văn bản" in text
        and "Tải cả hồ sơ (ho-so-112-TTr-SNV.zip)" in text
        and "manifest.json" in text
    )
    # grouped per document, in the dossier's order, each with its person, files and self-check
    assert [d["name"] for d in record["documents"]][:3] == ["01-to-trinh.docx", "02-bien-ban.docx", "03-danh-sach.docx"]
    assert record["documents"][3]["person"] == names(count)[0] and record["documents"][3]["findings"] == []
    assert "Báo cáo thành tích" in text and names(count)[0] in text
    files = record["files"]
    zipped = client.get(files[record["archive"]]["url"])
    assert "ho-so-112-TTr-SNV.zip" in zipped.headers["content-disposition"]  # the Tờ trình's number
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    reports = sorted(n for n in archive.namelist() if "/bao-cao-thanh-tich/" in n)
    assert len(reports) == count and "ho-so-khen-thuong/manifest.json" in archive.namelist()
    assert names(count)[-1].upper() in paragraphs(archive.read(reports[-1])).upper()
    manifest = json.loads(client.get(files[record["manifest"]]["url"]).content)
    assert len(manifest["files"]) == count + 3
    first = next(f for f in files if f["name"] == "01-to-trinh.docx")
    assert "TỜ TRÌNH" in paragraphs(client.get(first["url"]).content).upper()


def test_dossier_consistency_errors_as_a_table(client, tmp_path):
    sample = copy.deepcopy(load_sample(SAMPLES / "ho-so-khen-thuong-so-noi-vu.toml"))
    sample["bien_ban"]["ngay_hop"] = sample["ho_so"]["ngay_to_trinh"] + dt.timedelta(days=3)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", sample))
    response = client.post("/api/v1/dossier", files=upload(book, field="file"))
    assert response.status_code == 202 and response.headers["location"].endswith(response.json()["id"])
    record = wait(client, response.json()["id"])
    assert record["state"] == "failed" and record["files"] == []
    assert any("sau ngày Tờ trình" in e["message"] and e["file"] == "ho-so.xlsx" for e in record["errors"])
    page = text_of(client.get(record["page"]).text)
    assert "Không lập được" in page and "sau ngày Tờ trình" in page


def test_dossier_takes_one_workbook(client):
    response = post_page(client, "/ho-so", upload(DOSSIER, DOSSIER))
    assert response.status_code == 413 and "Quá nhiều tệp (2) — mỗi lần gửi tối đa 1 tệp" in text_of(response.text)


# -- Kiểm tra văn bản -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory) -> Path:
    from kit.app import fill

    work = tmp_path_factory.mktemp("plan")
    (document,) = fill([PLAN], work)
    return document


def test_check_groups_findings_by_part_and_offers_the_annotated_copy_and_json(client, tmp_path, plan_docx):
    # An unsigned copy of the plan: its signature block loses the signer's name.
    document = docx.Document(plan_docx)
    signer = load_sample(SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.toml")["van_ban"]["nguoi_ky"]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text.strip() == signer:
                        for run in paragraph.runs:
                            run.text = ""
    broken = tmp_path / "Kế hoạch chưa ký.docx"
    document.save(broken)
    response = post_page(client, "/kiem-tra", upload(broken, plan_docx))
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    text = text_of(page.text)
    assert "Kết quả kiểm tra văn bản" in text and "Kế hoạch chưa ký.docx" in text
    record = client.get("/api/v1/jobs/" + response.headers["location"].rsplit("/", 1)[1]).json()
    unsigned, clean = record["documents"]
    assert unsigned["errors"] >= 1 and any(f["part"] == "Chữ ký" for f in unsigned["findings"])
    assert "<caption>Chữ ký</caption>" in page.text
    # Each finding is placed as kit check places it: page, first words, then the counted position.
    (checked,) = check_documents([broken])
    assert checked.findings and all(f.location.describe() in text for f in checked.findings)
    assert any("«" in f.location.describe() for f in checked.findings)  # a paragraph quoted by its first words
    # Parts come in reading order on the page.
    order = [
        "Phần đầu (cơ quan, quốc hiệu, số, ngày)",
        "Tên loại và trích yếu",
        "Kính gửi",
        "Nội dung",
        "Nơi nhận",
        "Chữ ký",
        "Trình bày trang",
    ]
    section = page.text.split('<section class="document">')[1]
    shown = re.findall(r"<caption>(.*?)</caption>", section)
    assert "Chữ ký" in shown and shown == sorted(set(shown), key=order.index)
    annotated = client.get(record["files"][unsigned["files"][0]]["url"])
    assert "Ke hoach chua ky (nhan xet).docx" in annotated.headers["content-disposition"]
    comments = zipfile.ZipFile(io.BytesIO(annotated.content)).read("word/comments.xml").decode("utf-8")
    assert all(f["code"] in comments for f in unsigned["findings"])
    report = client.get(record["files"][record["json"]]["url"]).json()
    assert report["schema"] == 1 and [d["path"] for d in report["documents"]] == [
        "Kế hoạch chưa ký.docx",
        plan_docx.name,
    ]
    assert report["documents"][0]["findings"][0]["source"]


def test_check_of_something_that_is_not_a_document(client):
    response = client.post("/api/v1/check", files=upload(("thư.docx", b"%PDF-1.4")))
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"].startswith("thư.docx: không đọc được tệp Word")


# -- limits ---------------------------------------------------------------------------------------


def test_limits_on_uploads(tmp_path):
    with make_client(tmp_path, max_files=2, max_file_mb=1) as client:
        token = csrf(client)
        none = client.post("/lap-van-ban", data={"csrf": token})
        assert none.status_code == 400 and "Chưa chọn tệp nào" in text_of(none.text)
        many = client.post("/api/v1/fill", files=upload(PLAN, PLAN, PLAN))
        assert many.status_code == 413 and many.json()["error"] == "Quá nhiều tệp (3) — mỗi lần gửi tối đa 2 tệp"
        big = client.post("/api/v1/check", files=upload(("lớn.docx", b"x" * (2**20 + 1))))
        assert big.status_code == 413
        assert big.json()["error"] == "lớn.docx: tệp lớn quá (trên 1 MB) — gửi tệp nhỏ hơn hoặc chia thành nhiều tệp"
        kind = client.post("/api/v1/check", files=upload(("a.pdf", b"%PDF")))
        assert (
            kind.status_code == 415 and kind.json()["error"] == "a.pdf: không nhận loại tệp này — chỉ nhận .docx, .doc"
        )
        body = client.post("/api/v1/check", files=upload(("a.docx", b"x" * (3 * 2**20))))
        assert body.status_code == 413 and body.json()["error"].startswith("Dữ liệu gửi lên quá lớn")
        # Nothing refused was kept, and the slots were given back.
        assert client.app.state.runner.active == 0
        assert not any((tmp_path / "ket-qua").iterdir())


def test_names_from_requests_never_become_paths(client, tmp_path):
    book = write_workbook(tmp_path / "x.xlsx")
    response = client.post("/api/v1/fill", files=upload(("../../evil/..\\ke-hoach.xlsx", book.read_bytes())))
    assert response.status_code == 200 and response.json()["documents"][0]["name"] == "ke-hoach.docx"
    folder = client.app.state.store.root / response.json()["id"]
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["tep-01.docx", "van-ban.zip"]
    assert not (tmp_path.parent / "evil").exists()
    for job_id in ("..", "../../etc", "a" * 22 + "/..", "%2e%2e"):
        assert client.get(f"/api/v1/jobs/{job_id}").status_code == 404
    assert client.get(f"/api/v1/jobs/{response.json()['id']}/files/99").status_code == 404
    assert client.get(f"/api/v1/jobs/{response.json()['id']}/files/-1").status_code == 404


# -- security -------------------------------------------------------------------------------------


def test_forms_need_their_token(client):
    csrf(client)
    missing = client.post("/lap-van-ban", files=upload(PLAN))
    wrong = client.post("/lap-van-ban", data={"csrf": "x" * 43}, files=upload(PLAN))
    for response in (missing, wrong):
        assert response.status_code == 403 and "tải lại trang rồi gửi lại" in text_of(response.text)


def test_posts_from_another_site_are_refused(client):
    response = client.post("/api/v1/check", files=upload(PLAN), headers={"origin": "http://evil.example"})
    assert response.status_code == 403 and response.json()["error"].startswith("Yêu cầu gửi từ trang khác bị từ chối")


def test_another_host_name_is_refused_without_a_token(client):
    # DNS rebinding: a name of another site resolved to 127.0.0.1 reaches this server.
    response = client.get("/", headers={"host": "evil.example:8000"})
    assert response.status_code == 421


def test_the_token(tmp_path):
    with make_client(tmp_path, host="0.0.0.0", token="bi-mat-dai-kho-doan") as client:
        refused = client.get("/", headers={"accept": "text/html"})
        assert refused.status_code == 401 and "Cần mã truy cập" in text_of(refused.text)
        assert client.get("/api/v1/templates", headers={"authorization": "Bearer sai"}).status_code == 401
        assert (
            client.get("/api/v1/templates", headers={"authorization": "Bearer bi-mat-dai-kho-doan"}).status_code == 200
        )
        link = client.get("/?token=bi-mat-dai-kho-doan")
        assert link.status_code == 303 and link.headers["location"] == "/"
        assert "HttpOnly" in link.headers["set-cookie"] and "SameSite=Strict" in link.headers["set-cookie"]
        assert client.get("/").status_code == 200  # the cookie now
        # With a token, any host name may reach it (a server of the office network).
        assert client.get("/", headers={"host": "may-chu.so-noi-vu.local"}).status_code == 200


def test_serve_without_the_web_extra_says_how_to_install_it(capsys, monkeypatch):
    import sys

    for name in [n for n in sys.modules if n == "kit.web" or n.startswith("kit.web.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi fails as if not installed
    import kit

    monkeypatch.delattr(kit, "web", raising=False)
    assert main(["serve", "--no-browser"]) == 2
    assert capsys.readouterr().err == (
        'Lỗi: kit serve cần thêm gói web (fastapi) — trong thư mục mã nguồn vanban-kit: pip install ".[web]" '
        "(Windows: windows\\cai-dat.bat)\n"
    )


# -- jobs at once, expiry -------------------------------------------------------------------------


def test_beyond_the_bound_of_jobs_busy_then_served(tmp_path):
    with make_client(tmp_path, max_jobs=1) as client:
        runner = client.app.state.runner
        assert runner.try_acquire()  # a job is running
        try:
            busy = client.post("/api/v1/fill", files=upload(PLAN))
            assert busy.status_code == 503 and busy.json() == {"error": "Đang bận, thử lại sau"}
            page = post_page(client, "/kiem-tra", upload(("a.docx", b"x")))
            assert page.status_code == 503 and "Lỗi: Đang bận, thử lại sau" in text_of(page.text)
        finally:
            runner.release()
        assert client.post("/api/v1/fill", files=upload(PLAN)).status_code == 200


def test_many_clients_at_once_each_served_or_told_busy(tmp_path, plan_docx):
    with make_client(tmp_path, max_jobs=2, workers=2) as client:
        responses = []

        def send():
            responses.append(client.post("/api/v1/check", files=upload(plan_docx)))

        threads = [threading.Thread(target=send) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted({r.status_code for r in responses}) in ([200], [200, 503])
        assert all(r.json()["state"] == "done" for r in responses if r.status_code == 200)
        assert all(r.json()["error"] == "Đang bận, thử lại sau" for r in responses if r.status_code == 503)
        assert client.app.state.runner.active == 0


def test_results_expire_and_are_deleted(client):
    response = client.post("/api/v1/fill", files=upload(PLAN))
    record = response.json()
    store = client.app.state.store
    assert client.get(record["files"][0]["url"]).status_code == 200
    assert store.sweep() == 0  # not yet
    assert store.sweep(now=time.time() + store.keep_seconds + 1) >= 1
    assert not (store.root / record["id"]).exists()
    assert client.get(record["files"][0]["url"]).status_code == 404
    page = client.get(record["page"])
    assert page.status_code == 404 and "đã hết hạn" in text_of(page.text)


def test_an_expired_result_is_deleted_when_asked_for(client):
    record = client.post("/api/v1/fill", files=upload(PLAN)).json()
    store = client.app.state.store
    folder = store.root / record["id"]
    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    job["created"] -= store.keep_seconds + 1
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    assert client.get(f"/api/v1/jobs/{record['id']}").status_code == 404 and not folder.exists()


def test_api_fill_without_the_self_check(client):
    record = client.post("/api/v1/fill", files=upload(PLAN), data={"check": "false"}).json()
    (document,) = record["documents"]
    assert record["state"] == "done" and document["findings"] is None
    assert "KẾ HOẠCH" in paragraphs(client.get(record["files"][document["files"][0]]["url"]).content)
    assert "Không tự kiểm tra" in text_of(client.get(record["page"]).text)


def test_fill_with_pdf_when_libreoffice_is_there(client):
    import os

    from kit.office import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is needed")
    assert 'name="pdf"' in client.get("/lap-van-ban").text  # offered on the page
    record = client.post("/api/v1/fill", files=upload(PLAN), data={"pdf": "true"}).json()
    (document,) = record["documents"]
    made = [record["files"][i] for i in document["files"]]
    assert [f["name"] for f in made] == [f"{PLAN.stem}.docx", f"{PLAN.stem}.pdf"]
    assert client.get(made[1]["url"]).content.startswith(b"%PDF")


def test_wrong_requests_get_one_vietnamese_line(client):
    missing = client.post("/api/v1/fill", data={"pdf": "false"}, files=[("khac", ("a.txt", b"x"))])
    assert missing.status_code == 422 and missing.json()["error"].startswith("Yêu cầu thiếu hoặc sai trường: files")
    unknown = client.get("/khong-co", headers={"accept": "text/html"})
    assert unknown.status_code == 404 and "Lỗi: Không có trang này" in text_of(unknown.text)
    assert client.get("/api/v1/khong-co").json() == {"error": "Không có trang này — về trang chính: /"}
    assert client.put("/api/v1/fill").status_code == 405


# -- Quyết định, giấy khen --------------------------------------------------------------------------


def test_decision_page_gives_the_decision_its_list_the_certificates_and_the_register(client):
    assert "<h1>Quyết định, giấy khen</h1>" in client.get("/quyet-dinh").text
    response = post_page(client, "/quyet-dinh", upload(DOSSIER))
    assert response.status_code == 303
    record = client.get(f"/api/v1/jobs/{response.headers['location'].rsplit('/', 1)[1]}").json()
    assert record["state"] == "done", record.get("errors")
    names = [f["name"] for f in record["files"]]
    assert names == [
        "04-quyet-dinh.docx",
        "05-danh-sach-kem-theo-quyet-dinh.docx",
        "so-khen-thuong.xlsx",
        "bang-khen.pdf",  # the Chủ tịch's decision: Bằng khen only, on its own layout
        "bang-khen-giay-trang.pdf",
        "quyet-dinh-1520-QĐ-UBND.zip",  # the decision's number
    ]
    decision = next(f for f in record["files"] if f["name"] == "04-quyet-dinh.docx")
    assert "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 04 cá nhân và 01 tập thể" in paragraphs(
        client.get(decision["url"]).content
    )
    register = next(f for f in record["files"] if f["name"] == "so-khen-thuong.xlsx")
    rows = list(
        load_workbook(io.BytesIO(client.get(register["url"]).content))["Sổ khen thưởng"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert [row[6] for row in rows] == [
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Hoàng Minh Châu",
        "Vi Thị Dung",
        "Phòng Tổ chức, biên chế",
    ]
    pdf = client.get(next(f for f in record["files"] if f["name"] == "bang-khen.pdf")["url"]).content
    assert pdf.startswith(b"%PDF")
    text = text_of(client.get(response.headers["location"]).text)
    assert "Quyết định khen thưởng và giấy khen" in text and "bang-khen-giay-trang.pdf" in text


OWN_DOSSIER = SAMPLES / "ho-so-thuong-xuyen-so-noi-vu.xlsx"  # the Giám đốc Sở's own titles


def test_the_decision_page_prints_only_the_kinds_of_certificate_ticked(client):
    form = client.get("/quyet-dinh").text
    ticked = re.findall(
        r'<input type="checkbox" name="kinds" id="kind-[a-z-]+" value="([a-z-]+)" checked> ([^<\n]+)', form
    )
    assert ticked == [("giay-khen", "Giấy khen"), ("bang-khen", "Bằng khen"), ("bang-chung-nhan", "Bằng chứng nhận")]

    warned: list[str] = []

    def pdfs(**fields) -> list[str]:
        response = post_page(client, "/quyet-dinh", upload(OWN_DOSSIER), kinds_shown="1", **fields)
        record = client.get(f"/api/v1/jobs/{response.headers['location'].rsplit('/', 1)[1]}").json()
        assert record["state"] == "done", record.get("errors")
        assert "04-quyet-dinh.docx" in [f["name"] for f in record["files"]]
        warned[:] = [w["message"] for w in record["warnings"]]
        return [f["name"] for f in record["files"] if f["name"].endswith(".pdf")]

    # every kind ticked: one PDF per layout of the decision's awards (Lao động tiên tiến carries money only)
    assert pdfs(kinds=["giay-khen", "bang-khen", "bang-chung-nhan"]) == [
        "giay-khen.pdf",
        "bang-chung-nhan.pdf",
        "giay-khen-giay-trang.pdf",
        "bang-chung-nhan-giay-trang.pdf",
    ]
    assert pdfs(kinds=["bang-chung-nhan"]) == ["bang-chung-nhan.pdf", "bang-chung-nhan-giay-trang.pdf"]
    assert pdfs() == []  # none ticked: the decision and its register, no certificate
    # a layout no pack has (a hand-made request): the decision is still made, the certificates not, and it says why
    assert pdfs(kinds=["<b>khong-co</b>"]) == []
    assert "không có mẫu in <b>khong-co</b>" in warned


def test_the_decision_page_refuses_an_award_its_issuer_may_not_grant_as_the_command_line_does(client, tmp_path, capsys):
    # The Giám đốc Sở "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": the award's cell, who decides it, nothing made.
    data = load_sample(SAMPLES / "ho-so-khen-thuong-so-noi-vu.toml")
    data["quyet_dinh"].update(
        co_quan_quyet_dinh="Sở Nội vụ", viet_tat_co_quan_qd="SNV", tham_quyen_ban_hanh="Giám đốc Sở Nội vụ"
    )
    book = tmp_path / "hs.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    response = post_page(client, "/quyet-dinh", upload(book))
    record = client.get(f"/api/v1/jobs/{response.headers['location'].rsplit('/', 1)[1]}").json()
    assert record["state"] == "failed" and record["files"] == []
    lines = [e["line"] for e in record["errors"]]
    assert lines[0].startswith(
        "hs.xlsx, sheet 'Danh sách', ô I2 (Hình thức đề nghị): Quyết định: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "do Chủ tịch Ủy ban nhân dân tỉnh quyết định"
    )
    text = text_of(client.get(response.headers["location"]).text)
    assert "Danh sách" in text and "I2" in text and "Tải" not in text
    assert main(["decision", str(book), "-o", str(tmp_path / "out")]) == 3
    assert [f"Lỗi: {line}" for line in lines] == capsys.readouterr().err.splitlines()
    assert not (tmp_path / "out").exists()
