"""Each face words its own hint: the same problem — a workbook whose sheet was renamed, a file that is not a
form of the kit, a draft not yet numbered and dated — tells the clerk on the web page which page or choice to
use, and on the command line which command or option, never the other's (issue 22 §1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from kit.app import render_workbook
from kit.cli import main
from tests.conftest import data as plan_data
from tests.conftest import edit_workbook, write_workbook
from tests.web.conftest import csrf, make_client, need_web_extra, text_of, upload

need_web_extra()

# What the page must never show a clerk: a command of the kit or one of its options.
COMMAND = re.compile(
    r"\bkit (form|fill|dossier|decision|check|packs|templates|serve|rules|certificates|register|pdf)\b"
    r"|(?<![\w-])--[a-z]"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with make_client(tmp_path_factory.mktemp("web")) as client:
        yield client


def shown_after(client, path: str, files, **fields) -> tuple[str, dict]:
    """The text of the page a clerk lands on after sending `files` from the page at `path`, and the job's
    record (what the API gives)."""
    import time

    response = client.post(path, data={"csrf": csrf(client), **fields}, files=files)
    assert response.status_code == 303, response.text
    job = response.headers["location"].rsplit("/", 1)[1]
    for _ in range(600):
        record = client.get(f"/api/v1/jobs/{job}").json()
        if record["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    return text_of(client.get(response.headers["location"]).text), record


def undated_draft(folder: Path) -> Path:
    """A plan as it goes to be signed: no number yet, the day of its date left for the văn thư."""
    book = write_workbook(folder / "du-thao.xlsx", plan_data(van_ban={"so_van_ban": None}))
    edit_workbook(book, lambda wb: wb["Văn bản"].__setitem__("B7", "   /01/2021"))
    draft = folder / "Dự thảo kế hoạch.docx"
    draft.write_bytes(render_workbook(book))
    return draft


def test_an_undated_draft_checked_on_the_page_names_no_option_and_the_command_line_names_draft(
    client, tmp_path, capsys
):
    draft = undated_draft(tmp_path)
    # The command line: the notice, with the option that leaves it out for a draft.
    assert main(["check", str(draft)]) == 0
    printed = capsys.readouterr().out
    assert "VB209 [lưu ý] Văn bản chưa cấp số và ngày ban hành" in printed
    assert "→ văn thư ghi số và ngày sau khi văn bản được ký (dùng --draft để bỏ lưu ý này với bản trình ký)" in printed
    assert main(["check", str(draft), "--draft"]) == 0
    assert "VB209" not in capsys.readouterr().out
    # The page: the same notice, naming the page's own choice, which leaves it out as --draft does.
    text, _ = shown_after(client, "/kiem-tra", upload(draft))
    assert "Văn bản chưa cấp số và ngày ban hành" in text
    assert (
        "văn thư ghi số và ngày sau khi văn bản được ký (bản trình ký thì chọn “Bản trình ký” khi gửi để bỏ lưu ý này)"
        in text
    )
    assert COMMAND.findall(text) == []
    assert re.search(r'<input type="checkbox" name="draft"[^>]*> Bản trình ký</label>', client.get("/kiem-tra").text)
    text, record = shown_after(client, "/kiem-tra", upload(draft), draft="1")
    assert "Không phát hiện vấn đề nào về thể thức" in text and record["documents"][0]["findings"] == []
    response = client.post("/api/v1/check", files=upload(draft), data={"draft": "true"})
    assert response.json()["documents"][0]["findings"] == []
    # The JSON is one shape for both faces: the finding's own hint, naming neither.
    assert main(["check", str(draft), "--format", "json"]) == 0
    assert '"hint": "văn thư ghi số và ngày sau khi văn bản được ký"' in capsys.readouterr().out
    response = client.post("/api/v1/check", files=upload(draft))
    (finding,) = [f for f in response.json()["documents"][0]["findings"] if f["code"] == "VB209"]
    assert finding["hint"] == "văn thư ghi số và ngày sau khi văn bản được ký"


def _renamed_sheet(folder: Path) -> Path:
    book = write_workbook(folder / "doi-ten-sheet.xlsx")
    return edit_workbook(book, lambda wb: setattr(wb["Nơi nhận"], "title", "Nơi gửi"))


def _not_a_form(folder: Path) -> Path:
    book = Workbook()
    book.active["A1"] = "Kế hoạch tự lập"
    book.save(folder / "tu-lap.xlsx")
    return folder / "tu-lap.xlsx"


@pytest.mark.parametrize(
    "make, message, page_hint, command_line_hint",
    [
        (
            _renamed_sheet,
            "thiếu sheet này",
            "không đổi tên hay xóa sheet 'Nơi nhận'; tải lại biểu mẫu ở trang Mẫu văn bản nếu cần",
            "không đổi tên hay xóa sheet 'Nơi nhận'; tạo lại biểu mẫu bằng lệnh kit form",
        ),
        (
            _not_a_form,
            "không phải biểu mẫu của vanban-kit (thiếu sheet ẩn '_kit')",
            "tải biểu mẫu ở trang Mẫu văn bản rồi điền vào đó",
            "tạo biểu mẫu bằng lệnh: kit form <mẫu> -o <tệp.xlsx> rồi điền vào đó",
        ),
    ],
)
def test_a_workbook_error_tells_the_page_where_to_go_and_the_command_line_what_to_type(
    client, tmp_path, capsys, make, message, page_hint, command_line_hint
):
    book = make(tmp_path)
    text, record = shown_after(client, "/lap-van-ban", upload(book))
    assert "Không lập được" in text and message in text and page_hint in text  # the table: problem, how to fix
    assert COMMAND.findall(text) == []
    assert [e["line"].split(": ", 1)[1] for e in record["errors"]][:1] == [f"{message} — {page_hint}"]
    assert main(["fill", str(book), "-o", str(tmp_path / "ra")]) == 3
    assert f"{message} — {command_line_hint}" in capsys.readouterr().err


def test_a_template_the_pack_has_not_is_told_in_the_pages_words(client, capsys):
    text = text_of(client.get("/mau/khong-co-mau-nay").text)
    assert "không có mẫu 'khong-co-mau-nay'" in text and "(xem trang Mẫu văn bản)" in text
    assert COMMAND.findall(text) == []
    assert main(["templates", "khong-co-mau-nay"]) == 2
    assert "(xem: kit templates)" in capsys.readouterr().err


def test_a_register_of_an_older_kit_is_one_line_on_the_register_page_not_a_server_error(tmp_path, capsys):
    from kit.register import store as store_module

    store_module.create_at(tmp_path / "so.sqlite", "0001")
    with make_client(tmp_path, register=str(tmp_path / "so.sqlite")) as client:
        response = client.get("/so-khen-thuong")
        text = text_of(response.text)
        assert response.status_code == 503
        assert "có lược đồ cũ (0001" in text and "nhờ người quản trị máy chủ nâng cấp sổ" in text
        assert COMMAND.findall(text) == []
        response = client.get("/api/v1/register/people", params={"q": "An"})
        assert response.status_code == 503 and "nhờ người quản trị máy chủ nâng cấp sổ" in response.json()["error"]
    # The command line names the command that upgrades it.
    assert main(["register", "person", "An", "--db", str(tmp_path / "so.sqlite")]) == 3
    assert "nâng cấp bằng: kit register upgrade" in capsys.readouterr().err
