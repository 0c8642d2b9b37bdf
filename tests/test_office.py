"""Real LibreOffice: PDFs, Word-format round trips, .xls/.ods input, reviewed copies.

Skipped on a developer machine without LibreOffice; in CI (CI set) a missing LibreOffice fails.
"""

import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from kit.app import dossier, fill
from kit.checks.runner import check_document
from kit.cli import main
from kit.docmodel.document import open_document
from kit.office import convert, find_soffice

ROOT = Path(__file__).resolve().parent.parent
PLAN_SAMPLES = sorted(p.with_suffix(".xlsx") for p in (ROOT / "samples").glob("ke-hoach-*.toml"))
DOSSIER_SAMPLE = ROOT / "samples" / "ho-so-khen-thuong-so-noi-vu.xlsx"


@pytest.fixture(scope="session")
def office():
    if find_soffice() is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler-utils missing in CI: .ci/run installs them")
        pytest.skip("LibreOffice (soffice) and pdftotext are needed")


@pytest.fixture(scope="session")
def plans(office, tmp_path_factory):
    """The sample plans as .docx."""
    return fill(PLAN_SAMPLES, tmp_path_factory.mktemp("plans"))


@pytest.fixture(scope="session")
def generated(plans, tmp_path_factory):
    """One of every kind of document the kit makes: the plans and the dossier's documents."""
    made = dossier(DOSSIER_SAMPLE, tmp_path_factory.mktemp("dossier")).files
    return plans + [p for p in made if p.suffix == ".docx"]


def _pdf_info(path: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_batch_pdf_is_a4_keeps_vietnamese_and_embeds_a_times_compatible_font(plans, tmp_path, capsys):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"garbage, not a Word file")
    code = main(["pdf", *map(str, plans), str(broken), "-o", str(tmp_path / "pdf")])
    out, err = capsys.readouterr()
    assert code == 4 and err.count("\n") == 1 and "hong.docx" in err  # the broken file is named…
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in plans)  # …and the others are converted
    assert out.count("Đã ghi:") == len(plans)
    plan_2021 = tmp_path / "pdf" / "ke-hoach-tdkt-2021-so-khdt-lang-son.pdf"
    info = _pdf_info(plan_2021)
    assert "595.3" in info["Page size"] and "841.8" in info["Page size"] and "A4" in info["Page size"]
    assert 4 <= int(info["Pages"]) <= 6  # as the issued plan: about five pages
    text = subprocess.run(
        ["pdftotext", "-layout", str(plan_2021), "-"], capture_output=True, text=True, check=True
    ).stdout
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "Lạng Sơn, ngày 31 tháng 12 năm 2020",
        "Nguyễn Hữu Chiến",
        "Khối thi đua Sở KHĐT",
        "./.",
    ):
        assert phrase in re.sub(r"[ \t]+", " ", text), phrase
    fonts = subprocess.run(
        ["pdffonts", str(plan_2021)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    assert all(re.search(r"LiberationSerif|TimesNewRoman", line) for line in fonts), fonts


def test_word_round_trip_keeps_text_and_adds_no_error(generated, tmp_path):
    """Every kind of document the kit makes, re-saved as .docx by LibreOffice: same text, no new error."""
    resaved = convert(generated, "docx:MS Word 2007 XML")
    assert set(resaved) == set(generated) and len(generated) >= 12
    for plan in generated:
        copy = tmp_path / plan.name
        copy.write_bytes(resaved[plan])
        before, after = open_document(plan), open_document(copy)
        texts = lambda doc: [re.sub(r"\s+", " ", p.stripped) for p in doc.paragraphs if p.stripped]  # noqa: E731
        assert texts(after) == texts(before), plan.name
        errors = lambda doc: sorted(f.code for f in check_document(doc) if f.severity.value == "error")  # noqa: E731
        assert errors(after) == errors(before) == [], plan.name


def test_workbooks_resaved_by_calc_keep_dropdowns_and_dates_and_fill_the_same(office, tmp_path):
    sample = ROOT / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.xlsx"
    copies = {}
    for target in ("xlsx", "ods", "xls", "xlsm"):
        data = convert([sample], target)[sample]
        path = tmp_path / target / f"mau.{target}"
        path.parent.mkdir()
        path.write_bytes(data)
        copies[target] = path
    wb = load_workbook(copies["xlsx"])
    ws = wb["Văn bản"]
    kinds = {str(v.sqref): v.type for v in ws.data_validations.dataValidation}
    assert kinds["B7"] == "date" and kinds["B11"] == "list"
    assert ws["B7"].number_format == "dd/mm/yyyy" and wb["_kit"].sheet_state == "hidden"
    levels = next(v for v in wb["Đề mục"].data_validations.dataValidation if v.type == "list")
    assert "Danh mục" in levels.formula1
    from_ods = tmp_path / "ods-back.xlsx"  # the .ods copy, read back: its dropdowns and dates are still there
    from_ods.write_bytes(convert([copies["ods"]], "xlsx")[copies["ods"]])
    ods_sheet = load_workbook(from_ods)["Văn bản"]
    assert {str(v.sqref): v.type for v in ods_sheet.data_validations.dataValidation}["B11"] == "list"
    assert ods_sheet["B7"].number_format == "dd/mm/yyyy"
    reference = [p.text for p in docx.Document(fill([sample], tmp_path / "ref")[0]).paragraphs]
    for target, path in copies.items():
        written = fill([path], tmp_path / f"out-{target}")
        assert [p.text for p in docx.Document(written[0]).paragraphs] == reference, target


def _sample_with(tmp_path, name, cell, value):
    """The 2021 sample plan's workbook with one cell of the Văn bản sheet changed."""
    from openpyxl import load_workbook as load

    source = tmp_path / name
    shutil.copy(ROOT / "samples" / "ke-hoach-tdkt-2021-so-khdt-lang-son.xlsx", source)
    wb = load(source)
    wb["Văn bản"][cell] = value
    wb.save(source)
    return source


def test_errors_in_an_ods_workbook_name_its_cells(office, tmp_path):
    from kit.app import render_workbook
    from kit.errors import WorkbookError

    source = _sample_with(tmp_path, "k.xlsx", "B7", "31/02/2021")
    ods = tmp_path / "k.ods"
    ods.write_bytes(convert([source], "ods")[source])
    with pytest.raises(WorkbookError) as caught:
        render_workbook(ods)
    assert caught.value.lines() == [
        "k.ods, sheet 'Văn bản', ô B7 (Ngày ban hành): '31/02/2021' không phải ngày hợp lệ"
        " — nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2021"
    ]


def test_fill_with_pdf(office, tmp_path):
    written = fill([PLAN_SAMPLES[0]], tmp_path, pdf=True)
    assert [p.suffix for p in written] == [".docx", ".pdf"]
    assert _pdf_info(written[1])["Pages"].strip().isdigit()


def test_dossier_with_pdf_converts_every_document_in_one_batch(office, tmp_path):
    result = dossier(DOSSIER_SAMPLE, tmp_path, pdf=True)
    documents = [p for p in result.files if p.suffix == ".docx"]
    pdfs = [p for p in result.files if p.suffix == ".pdf"]
    assert sorted(p.with_suffix(".pdf") for p in documents) == sorted(pdfs)
    listing = _pdf_info(result.folder / "03-danh-sach.pdf")["Page size"]
    assert "841.8" in listing.split("x")[0]  # the list is landscape A4
    text = subprocess.run(
        ["pdftotext", str(result.folder / "bao-cao-thanh-tich" / "01-nguyen-van-an.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BÁO CÁO THÀNH TÍCH" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "Nguyễn Văn An" in text


def test_dossier_zip_with_pdf_holds_the_pdfs(office, tmp_path):
    import zipfile

    result = dossier(DOSSIER_SAMPLE, tmp_path, pdf=True, archive=True)
    names = zipfile.ZipFile(result.archive).namelist()
    folder = result.folder.name
    assert f"{folder}/01-to-trinh.pdf" in names and f"{folder}/bao-cao-thanh-tich/01-nguyen-van-an.pdf" in names
    assert sum(name.endswith(".pdf") for name in names) == sum(name.endswith(".docx") for name in names)
    assert (
        zipfile.ZipFile(result.archive).read(f"{folder}/02-bien-ban.pdf")
        == (result.folder / "02-bien-ban.pdf").read_bytes()
    )


def test_annotated_copy_has_one_comment_per_finding_and_survives_libreoffice(office, tmp_path, capsys):
    from tests.checks.builder import Spec, build

    original = tmp_path / "loi.docx"
    original.write_bytes(build(Spec(so="Số: 5/KH-SNV", noi_nhan=["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."])))
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    reviewed = tmp_path / "loi-nhan-xet.docx"
    assert main(["check", str(original), "--annotate", str(reviewed)]) == 1
    capsys.readouterr()
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest  # the original is never modified
    comments = list(docx.Document(reviewed).comments)
    assert [c.author for c in comments] == ["vanban-kit", "vanban-kit"]
    assert comments[0].text.startswith("VB208 [lỗi] Số 5 thiếu số 0 phía trước — ghi “Số: 05/KH-SNV”")
    assert comments[1].text.startswith("VB505 [lỗi]") and "căn cứ: NĐ 30/2020/NĐ-CP" in comments[1].text
    texts = lambda path: [p.text for p in docx.Document(path).paragraphs]  # noqa: E731
    assert texts(reviewed) == texts(original)
    back = convert([reviewed], "docx:MS Word 2007 XML")[reviewed]
    copy = tmp_path / "qua-libreoffice.docx"
    copy.write_bytes(back)
    assert [c.text[:5] for c in docx.Document(copy).comments] == ["VB208", "VB505"]


def test_dossier_workbook_resaved_as_ods_gives_the_same_dossier(office, tmp_path):
    ods = tmp_path / "ho-so.ods"
    ods.write_bytes(convert([DOSSIER_SAMPLE], "ods")[DOSSIER_SAMPLE])
    from_ods = dossier(ods, tmp_path / "a")
    from_xlsx = dossier(DOSSIER_SAMPLE, tmp_path / "b")
    texts = lambda result: [[p.text for p in docx.Document(f).paragraphs] for f in result.files if f.suffix == ".docx"]  # noqa: E731
    assert texts(from_ods) == texts(from_xlsx) and len(texts(from_ods)) == 10  # with the decision and its list


def test_cached_formula_values_are_used(office, tmp_path):
    """A formula Excel or Calc computed and saved is read by its value."""
    from kit.app import render_workbook

    source = _sample_with(tmp_path, "cong-thuc.xlsx", "B8", '="Công tác thi đua, khen thưởng năm "&(2020+1)')
    computed = tmp_path / "da-tinh.xlsx"
    computed.write_bytes(convert([source], "xlsx")[source])  # Calc computes and caches the value
    document = docx.Document(io.BytesIO(render_workbook(computed)))
    title = "Công tác thi đua, khen thưởng năm\u00a02021"  # its last two words held together
    assert title in [p.text for p in document.paragraphs]


def test_a_batch_is_shared_between_one_libreoffice_per_core_and_each_pdf_is_its_own_document(
    office, tmp_path, monkeypatch
):
    import kit.office

    sources = []
    for number in range(9):
        document = docx.Document()
        document.add_paragraph(f"Văn bản số {number}")
        sources.append(tmp_path / f"vb-{number}.docx")
        document.save(sources[-1])
    started = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(kit.office, "workers", lambda: 2)
    monkeypatch.setattr(kit.office.subprocess, "Popen", lambda *a, **k: started.append(a) or real_popen(*a, **k))
    converted = convert(sources, "pdf")
    assert len(started) == 2
    assert list(converted) == sources
    for number, source in enumerate(sources):
        (tmp_path / f"{number}.pdf").write_bytes(converted[source])
        text = subprocess.run(
            ["pdftotext", str(tmp_path / f"{number}.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert text.strip() == f"Văn bản số {number}"
