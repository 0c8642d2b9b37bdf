"""One application, two faces: the same workbooks and documents sent through the command line and through
the HTTP API give the same documents (their text) and the same findings, non-empty, in the one schema of
docs/check-json.md."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from kit.cli import main
from tests.web.conftest import SAMPLES, make_client, need_web_extra, upload

need_web_extra()

PLAN = SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"
DOSSIER = SAMPLES / "ho-so-khen-thuong-so-noi-vu.xlsx"
FINDING_KEYS = ("code", "severity", "message", "hint", "location", "excerpt", "source", "place")


def text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def findings(documents: list[dict]) -> list[list[tuple]]:
    return [
        [tuple(json.dumps(f[k], ensure_ascii=False) for k in FINDING_KEYS) for f in d["findings"]] for d in documents
    ]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with make_client(tmp_path_factory.mktemp("web")) as client:
        yield client


def wait(client, job_id: str) -> dict:
    import time

    for _ in range(1200):
        record = client.get(f"/api/v1/jobs/{job_id}").json()
        if record["state"] in ("done", "failed"):
            return record
        time.sleep(0.1)
    raise AssertionError("the job did not end")


def test_a_checked_document_gives_the_same_findings_through_both_faces(client, tmp_path, capsys):
    # A plan the kit made, then a number typed with a space: findings through both faces.
    assert main(["fill", str(PLAN), "-o", str(tmp_path), "--force"]) in (0, 1)
    made = tmp_path / f"{PLAN.stem}.docx"
    document = docx.Document(str(made))
    document.add_paragraph("Nội dung có  hai dấu cách.")
    document.save(str(made))
    capsys.readouterr()
    assert main(["check", str(made), "--format", "json"]) in (0, 1)
    printed = json.loads(capsys.readouterr().out)
    response = client.post("/api/v1/check", files=upload(made))
    assert response.status_code == 200, response.text
    served = client.get(response.json()["files"][response.json()["json"]]["url"]).json()
    assert printed["schema"] == served["schema"] == 1
    assert findings(printed["documents"]) == findings(served["documents"])
    assert findings(printed["documents"])[0]  # non-empty
    assert served["documents"][0]["path"] == made.name and printed["documents"][0]["path"] == str(made)


def test_a_filled_workbook_gives_the_same_document_and_self_check_through_both_faces(client, tmp_path, capsys):
    assert main(["fill", str(PLAN), "-o", str(tmp_path)]) in (0, 1)
    made = tmp_path / f"{PLAN.stem}.docx"
    capsys.readouterr()
    # The self-check of what fill made is kit check as a draft with the workbook's pack (builtin).
    main(["check", str(made), "--draft", "--pack", "builtin", "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    response = client.post("/api/v1/fill", files=upload(PLAN))
    assert response.status_code == 200, response.text
    record = response.json()
    (document,) = record["documents"]
    served = client.get(record["files"][document["files"][0]]["url"]).content
    assert text(served) == text(made.read_bytes())
    assert findings([document]) == findings(printed["documents"])


def test_a_dossier_gives_the_same_documents_and_self_checks_through_both_faces(client, tmp_path, capsys):
    from kit.app import check_report, dossier

    result = dossier(DOSSIER, tmp_path, archive=True)
    assert len(result.checks) == len(result.documents) > 5  # every document self-checked (the sample is clean)
    by_path = {d.path: d for d in result.documents}
    local = check_report(result.checks, {d.docx: d.path for d in result.documents})["documents"]
    response = client.post("/api/v1/dossier", files=upload(DOSSIER, field="file"))
    assert response.status_code == 202, response.text
    record = wait(client, response.json()["id"])
    assert record["state"] == "done", record.get("errors")
    assert [d["name"] for d in record["documents"]] == [d.path for d in result.documents]
    assert findings(record["documents"]) == findings(local)
    for served in record["documents"]:
        data = client.get(record["files"][served["files"][0]]["url"]).content
        assert text(data) == text(by_path[served["name"]].docx.read_bytes())
    # the per-person documents name their person, the dossier zip its number when the Tờ trình has one
    assert any(d["person"] for d in record["documents"])
    with zipfile.ZipFile(io.BytesIO(client.get(record["files"][record["archive"]]["url"]).content)) as archive:
        assert {Path(name).name for name in archive.namelist()} >= {Path(d.path).name for d in result.documents}
        assert all(entry.date_time[0] >= 2026 for entry in archive.infolist())  # the real time, not 1980


def test_a_doc_file_is_told_what_the_command_line_tells(client, tmp_path, capsys):
    old = tmp_path / "cong-van-cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # the header of a Word 97–2003 file
    assert main(["check", str(old)]) == 3
    printed = capsys.readouterr().err.strip().removeprefix("Lỗi: ")
    response = client.post("/api/v1/check", files=upload(old))
    (error,) = response.json()["errors"]
    assert response.status_code == 422 and error["line"] == printed.replace(str(old.parent) + "/", "")
    assert "Word 97–2003 (.doc)" in error["message"]


def test_without_libreoffice_the_pdf_box_stays_disabled_with_the_install_hint(tmp_path, monkeypatch):
    from kit.office import INSTALL_HINT

    monkeypatch.setenv("KIT_SOFFICE", str(tmp_path / "khong-co-soffice"))  # this machine as one without it
    with make_client(tmp_path) as client:
        page = client.get("/lap-van-ban").text
    box = page[page.index('name="pdf"') - 80 : page.index('name="pdf"') + 200]
    assert "disabled" in box and "Xuất thêm tệp PDF" in page
    assert "Cần LibreOffice để xuất PDF" in page and INSTALL_HINT.split("(")[0].strip() in page


def test_a_dossier_with_pdfs_lists_each_documents_docx_and_pdf_side_by_side(client, tmp_path):
    from kit.office import find_soffice
    from tests.web.dossiers import dossier_workbook

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    book = dossier_workbook(tmp_path / "hs.xlsx", 2)
    response = client.post("/api/v1/dossier", files=upload(book, field="file"), data={"pdf": "true"})
    record = wait(client, response.json()["id"])
    assert record["state"] == "done", record.get("errors")
    assert record["step"] == "zip"  # the stages after rendering were shown: pdf, then zip
    for document in record["documents"]:
        kinds = [record["files"][i]["kind"] for i in document["files"]]
        names = [record["files"][i]["name"] for i in document["files"]]
        assert kinds == ["docx", "pdf"] and names[1] == names[0][: -len(".docx")] + ".pdf"
