"""Documents Decree 30 does not govern (issue 21 §2): a Party document (Hướng dẫn 36-HD/VPTW), a citizen's
petition, a contract. Only their text is checked (spelling, typing, repeated words); no header, number,
signature or Nơi nhận finding; the report and the JSON say so in one line / one field."""

import contextlib
import io
import json

import pytest

from kit.checks.registry import RULES
from kit.checks.runner import check_document
from kit.cli import main
from tests.checks.builder import Spec, build, model

TEXT_RULES = {code for code, item in RULES.items() if item.any_text}

# A Tỉnh ủy plan as Hướng dẫn 36-HD/VPTW lays it out: "ĐẢNG CỘNG SẢN VIỆT NAM" where the state prints the
# Quốc hiệu, the committee's name with a star under it, "Số 35-KH/TU" (type before the slash), "T/M".
PARTY = Spec(
    chu_quan="ĐẢNG BỘ TỈNH LẠNG SƠN",
    co_quan=["TỈNH ỦY", "*"],
    so="Số 35-KH/TU",
    date="Lạng Sơn, ngày 5 tháng 1 năm 2025",
    quoc_hieu="ĐẢNG CỘNG SẢN VIỆT NAM",
    tieu_ngu=None,
    title="KẾ HOẠCH",
    trich_yeu=["tổng kết 10 năm thực hiện Chỉ thị số 39-CT/TW của Ban Bí thư"],
    body=["Ban Thường vụ Tỉnh ủy ban hành kế hoạch về việc việc tổng kết như sau:", "Các cấp ủy tổ chức thực hiện."],
    noi_nhan=["Nơi nhận:", "- Ban Bí thư (để b/c),", "- Các huyện ủy, thành ủy,", "- Lưu Văn phòng Tỉnh ủy."],
    signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"],
)
# A citizen's petition: a Quốc hiệu, then "ĐƠN ĐỀ NGHỊ", no number, no issuing body, no Nơi nhận.
PETITION = Spec(
    chu_quan=None,
    co_quan=[],
    so=None,
    date=None,
    title="ĐƠN ĐỀ NGHỊ",
    trich_yeu=["Về việc cấp lại giấy chứng nhận"],
    kinh_gui=["Kính gửi: Ủy ban nhân dân xã Hòa An"],
    body=[
        "Tôi tên là: Nguyễn Văn An",
        "Số điện thoại: 0912 345 678",
        "Tôi xin cam đoan những lời khai trên là là đúng.",
    ],
    noi_nhan=[],
    signature=["NGƯỜI LÀM ĐƠN", "Nguyễn Văn An"],
)
CONTRACT = Spec(
    chu_quan=None,
    co_quan=[],
    so="Số: 12/2025/HĐLĐ",
    title="HỢP ĐỒNG LAO ĐỘNG",
    trich_yeu=[],
    body=["Chúng tôi, một bên là Công ty TNHH An Bình", "Điều 1. Thời hạn của của hợp đồng"],
    noi_nhan=[],
    signature=["NGƯỜI LAO ĐỘNG", "Nguyễn Văn An"],
)

# An office's phiếu trình: a header borrowed from Decree 30, margins and sizes of a form.
FORM = Spec(
    so="Số: 138-12/PT-NC",
    title="PHIẾU TRÌNH",
    trich_yeu=["Về việc giải quyết hồ sơ"],
    body=["Nội dung trình: đề nghị lãnh đạo cho ý kiến về việc việc giải quyết hồ sơ."],
    noi_nhan=[],
    signature=["CHUYÊN VIÊN", "Nguyễn Văn An"],
)


@pytest.mark.parametrize(
    "spec, kind, repeated",
    [(PARTY, "party", "việc"), (PETITION, "petition", "là"), (CONTRACT, "contract", "của"), (FORM, "form", "việc")],
    ids=["party", "petition", "contract", "phieu-trinh"],
)
def test_a_document_outside_decree_30_gets_only_text_findings(spec, kind, repeated):
    doc = model(spec)
    assert doc.outside == kind
    findings = check_document(doc)
    assert {f.code for f in findings} <= TEXT_RULES, [(f.code, f.message) for f in findings]
    # Its text is still read: the repeated word is reported.
    assert any(f.code == "VB708" and repeated in f.message for f in findings), [(f.code, f.message) for f in findings]


def test_a_petition_is_told_by_its_title_not_by_a_table_heading():
    assert model(PETITION.but(title="ĐƠN KHỞI KIỆN")).outside == "petition"
    # "ĐƠN VỊ THỰC HIỆN" heads a column of the clean plan's table: a state plan still.
    assert model(Spec(title=None, trich_yeu=[])).outside is None


def test_a_party_document_is_told_by_its_committee_or_its_number_without_a_quoc_hieu():
    # Without "ĐẢNG CỘNG SẢN VIỆT NAM": the committee heads it, or its number is the Party's.
    assert model(PARTY.but(quoc_hieu=None)).outside == "party"
    assert model(PARTY.but(quoc_hieu=None, chu_quan=None, co_quan=["BAN CHỈ ĐẠO"])).outside == "party"
    assert (
        model(PARTY.but(quoc_hieu=None, so="Số    -KH/TU", chu_quan="HUYỆN ỦY HÒA AN", co_quan=[])).outside == "party"
    )


def test_a_state_document_is_inside_decree_30():
    assert model(Spec()).outside is None
    # A state plan that cites a Party directive is still a state document.
    cites = Spec(body=["Thực hiện Chỉ thị số 39-CT/TW ngày 16/10/2024 của Ban Bí thư;", "Các phòng thực hiện./."])
    assert model(cites).outside is None


def _run(args):
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(args)
    return code, output.getvalue()


def test_report_and_json_say_the_document_is_outside_decree_30(tmp_path):
    path = tmp_path / "ke-hoach-tinh-uy.docx"
    path.write_bytes(build(PARTY))
    _, text = _run(["check", str(path)])
    line = next(line for line in text.splitlines() if "ngoài phạm vi Nghị định 30" in line)
    assert "văn bản của Đảng" in line and "chính tả" in line and "từ gõ lặp" in line
    assert "VB2" not in text and "VB4" not in text and "VB5" not in text
    _, output = _run(["check", str(path), "--format", "json"])
    document = json.loads(output)["documents"][0]
    assert document["outside_decree_30"] == "party"
    assert {f["code"] for f in document["findings"]} <= TEXT_RULES
    state = tmp_path / "ke-hoach.docx"
    state.write_bytes(build(Spec()))
    _, output = _run(["check", str(state), "--format", "json"])
    assert json.loads(output)["documents"][0]["outside_decree_30"] is None


def test_kit_rules_says_which_rules_hold_for_any_document():
    _, listing = _run(["rules"])
    lines = {line.split()[0]: line for line in listing.splitlines() if line.startswith("VB")}
    assert "(mọi văn bản)" in lines["VB708"] and "(mọi văn bản)" not in lines["VB201"]
    _, explained = _run(["rules", "VB802"])
    assert "Vì sao:" in explained and "ngoài phạm vi Nghị định 30" in explained
