"""Danh hiệu are "công nhận" / "tặng danh hiệu", hình thức "tặng" (Luật 2022 Điều 20; domain H8) — in the Tờ
trình, Biên bản, Danh sách, báo cáo titles and the decision alike, each verb once; read from the produced
documents of the Sở's own year-end dossier (Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao
động tiên tiến)."""

from pathlib import Path

import docx
import pytest

from kit.app import dossier, load_sample, workbook_bytes
from tests.conftest import Reader

ROOT = Path(__file__).resolve().parents[2]
OWN = load_sample(ROOT / "samples" / "ho-so-thuong-xuyen-so-noi-vu.toml")
VERBS = "tặng Giấy khen và công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("own")
    book = tmp / "hs.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", OWN))
    return dossier(book, tmp / "out").folder


def text(path: Path) -> list[str]:
    return [
        " ".join(line.replace("\u00a0", " ").split()) for line in Reader(docx.Document(str(path))).body_paragraphs()
    ]


def head(path: Path, table: int) -> list[str]:
    return [cell.text for cell in docx.Document(str(path)).tables[table].rows[0].cells]


def test_the_to_trinh_names_each_verb_once(folder):
    lines = text(folder / "01-to-trinh.docx")
    assert f"Về việc đề nghị {VERBS} tiến" in lines
    (proposal,) = [line for line in lines if "kính đề nghị" in line]
    assert proposal.endswith(
        "gồm: tặng Giấy khen cho 01 cá nhân; công nhận danh hiệu Lao động tiên tiến cho 02 cá nhân, Chiến sĩ thi đua "
        "cơ sở cho 01 cá nhân, Tập thể lao động tiên tiến cho 01 tập thể. Cụ thể như sau:"
    )
    assert not any("tặng Chiến sĩ" in line or "tặng Lao động" in line for line in lines)


def test_the_bien_ban_and_danh_sach(folder):
    assert any(f"xét {VERBS} tiến cho 04 cá nhân và 01 tập thể" in line for line in text(folder / "02-bien-ban.docx"))
    assert f"Đề nghị {VERBS} tiến" in text(folder / "03-danh-sach.docx")
    assert head(folder / "03-danh-sach.docx", 0)[4] == "DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐỀ NGHỊ"


def test_each_report_title_says_tang_danh_hieu_or_tang(folder):
    reports = folder / "bao-cao-thanh-tich"
    assert "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ" in text(reports / "03-hoang-minh-chau.docx")
    assert "ĐỀ NGHỊ TẶNG GIẤY KHEN" in text(reports / "01-nguyen-van-an.docx")


def test_the_decision_and_its_list(folder):
    lines = text(folder / "04-quyet-dinh.docx")
    assert f"Về việc {VERBS} tiến" in lines
    assert (
        "Điều 1. Tặng Giấy khen cho 01 cá nhân; công nhận danh hiệu Lao động tiên tiến cho 02 cá nhân, Chiến sĩ thi "
        "đua cơ sở cho 01 cá nhân, Tập thể lao động tiên tiến cho 01 tập thể đã có thành tích xuất sắc trong thực hiện "
        "nhiệm vụ năm 2025 (có danh sách kèm theo)."
    ) in lines
    attached = folder / "05-danh-sach-kem-theo-quyet-dinh.docx"
    assert (
        "Được tặng Giấy khen; công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến"
    ) in text(attached)
    assert head(attached, 0)[4] == "DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG"


def test_a_year_end_dossier_is_khen_thuong_thuong_xuyen_in_the_to_trinh_and_the_reports(folder):
    (proposal,) = [line for line in text(folder / "01-to-trinh.docx") if "kính đề nghị" in line]
    assert proposal.startswith(
        "Trên cơ sở thành tích đạt được trong thực hiện nhiệm vụ năm 2025 (khen thưởng thường xuyên), Sở Nội vụ"
    )
    report = text(folder / "bao-cao-thanh-tich" / "03-hoang-minh-chau.docx")
    assert "(Khen thưởng thường xuyên: Thực hiện nhiệm vụ năm 2025)" in report


def test_the_workbook_offers_the_four_kinds_of_dossier():
    import io

    import openpyxl

    from kit.app import workbook_bytes

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes("ho-so-khen-thuong", OWN)))
    shown = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert {"Thường xuyên", "Chuyên đề", "Đột xuất", "Đợt thi đua"} <= set(shown)
