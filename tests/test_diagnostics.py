"""One diagnostic record for everything the kit reports: a workbook problem, a pack lint problem and a
document finding all carry a stable code, a severity, a location, a message and a hint."""

from __future__ import annotations

import pytest

from kit.app import render_workbook
from kit.app.packs import lint
from kit.checks.runner import check_paths
from kit.diagnostics import Diagnostic, Severity
from kit.errors import WorkbookError
from tests.conftest import data, write_workbook

KEYS = {"code", "severity", "location", "message", "hint"}


def test_workbook_problems_lint_problems_and_findings_are_one_record(tmp_path):
    book = write_workbook(tmp_path / "k.xlsx", data(van_ban={"trich_yeu": None}))
    with pytest.raises(WorkbookError) as caught:
        render_workbook(book)
    problem = caught.value.problems[0]
    assert isinstance(problem, Diagnostic) and problem.severity is Severity.ERROR
    assert problem.code.startswith("KIT") and problem.code != "KIT000" and problem.code == caught.value.code
    assert KEYS <= set(problem.as_json()) and "ô B" in problem.as_json()["location"]

    pack = tmp_path / "goi"
    pack.mkdir()
    (pack / "pack.toml").write_text('id = "goi"\ntitle = "G"\nversion = "1"\n', encoding="utf-8")
    lint_problem = next(p for p in lint(pack) if "version" in p.message)
    assert isinstance(lint_problem, Diagnostic) and lint_problem.code.startswith("KIT")
    assert lint_problem.code != "KIT000" and KEYS <= set(lint_problem.as_json())


def test_a_document_finding_is_the_same_record(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Nội dung có  hai dấu cách.")
    path = tmp_path / "vb.docx"
    document.save(str(path))
    findings = [f for result in check_paths([path]) for f in result.findings]
    assert findings and all(isinstance(f, Diagnostic) for f in findings)
    finding = findings[0]
    assert finding.code.startswith("VB") and KEYS <= set(finding.as_json()) and finding.place()
