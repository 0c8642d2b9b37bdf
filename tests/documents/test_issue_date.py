"""An issue date whose day is left for the văn thư (Decree 30 lets the văn thư date a document when it is
issued): what the self-check says of the documents, and what a wrongly typed blank date is told."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from kit.app import dossier, workbook_bytes
from kit.errors import WorkbookError
from tests.documents.test_ho_so import sample


def _book(tmp_path, typed: str):
    data = sample(
        ho_so={"ngay_to_trinh": dt.date(2026, 1, 15), "so_to_trinh": None, "ke_hoach_phat_dong": None},
        bien_ban={"ngay_hop": dt.date(2026, 1, 12)},
        khen_thuong=[],
    )
    data.pop("quyet_dinh", None)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    wb = load_workbook(book)
    cell = next(row[1] for row in wb["Hồ sơ"].iter_rows() if str(row[0].value).startswith("Ngày Tờ trình"))
    cell.value = typed
    wb.save(book)
    return book, cell.coordinate


def test_documents_dated_at_signing_get_a_notice_not_a_warning(tmp_path):
    from kit.app import check

    book, _ = _book(tmp_path, "   /01/2026")
    checked = []
    result = dossier(book, tmp_path / "out", on_check=checked.extend)
    # The self-check treats what it wrote as copies for signing: nothing to say of the blank days.
    assert len(checked) == 8 and [f.code for r in checked for f in r.findings] == []
    # kit check on an issued-looking copy: each report (no number of its own) gets VB209's notice at its date.
    reports = sorted((result.folder / "bao-cao-thanh-tich").glob("*.docx"))
    found = [(f.code, f.severity.name, f.message) for r in check(reports) for f in r.findings]
    assert found == [("VB209", "INFO", "Văn bản chưa ghi ngày ban hành")] * len(reports) == [found[0]] * 5


def test_a_date_with_day_and_month_blank_is_told_the_blank_day_form(tmp_path):
    book, cell = _book(tmp_path, "   /  /2026")
    with pytest.raises(WorkbookError) as caught:
        dossier(book, tmp_path / "out")
    assert caught.value.lines() == [
        f"ho-so.xlsx, sheet 'Hồ sơ', ô {cell} (Ngày Tờ trình (ngày hồ sơ)): '/ /2026' không phải ngày hợp lệ — "
        "nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2026, hoặc chỉ ghi tháng và năm (/01/2026) để văn thư ghi ngày "
        "khi ban hành"
    ]


def test_a_plan_dated_at_issue_in_2026_citing_a_lapsed_decree_is_reported_by_kit_fill(tmp_path, capsys):
    import copy
    from pathlib import Path

    from kit.app import load_sample
    from kit.cli import main

    root = Path(__file__).resolve().parents[2]
    data = copy.deepcopy(load_sample(root / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.toml"))
    data["van_ban"]["mo_dau"] = (
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ; Sở xây dựng Kế hoạch như sau:"
    )
    book = tmp_path / "kh.xlsx"
    book.write_bytes(workbook_bytes("ke-hoach", data))
    wb = load_workbook(book)
    cell = next(row[1] for row in wb["Văn bản"].iter_rows() if str(row[0].value).startswith("Ngày ban hành"))
    cell.value = "   /01/2026"  # the văn thư writes the day at issue
    wb.save(book)
    assert main(["fill", str(book), "-o", str(tmp_path / "ra")]) == 0
    err = capsys.readouterr().err
    # NĐ 98/2023 lapsed after 30/6/2025: whatever day of January 2026 is written, it is no longer in force.
    assert "VB604" in err and "98/2023/NĐ-CP" in err and "vào tháng 01/2026" in err
    main(["check", str(tmp_path / "ra")])
    assert "hết hiệu lực sau ngày 30/06/2025) vào tháng 01/2026" in capsys.readouterr().out


def test_the_decision_may_be_dated_at_issue_like_the_to_trinh(tmp_path):
    from kit.app.decision import decision
    from tests.documents.test_quyet_dinh import all_text

    data = sample(quyet_dinh={**sample()["quyet_dinh"], "so_quyet_dinh": 7})
    book = tmp_path / "hs.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    wb = load_workbook(book)
    cell = next(row[1] for row in wb["Quyết định"].iter_rows() if str(row[0].value).startswith("Ngày Quyết định"))
    cell.value = "   /01/2026"  # typed as in the Tờ trình's date
    wb.save(book)
    out = decision(book, tmp_path / "out")
    assert "Lạng Sơn, ngày\u00a0\u00a0\u00a0\u00a0tháng 01 năm 2026" in all_text(out.folder / "04-quyet-dinh.docx")
    # Not issued yet: the register, which keys a decision by number and day, waits for the day.
    assert [str(w) for w in out.warnings if "sổ khen thưởng" in str(w)] == [
        f"hs.xlsx, sheet 'Quyết định', ô {cell.coordinate} (Ngày Quyết định): Quyết định chưa ghi ngày nên chưa được "
        "ghi vào sổ khen thưởng — điền ngày khi văn thư đã ban hành rồi lập lại Quyết định"
    ]  # the command line words its own hint (kit decision, --force): kit.cli.CLI_HINTS
