"""VB901: a Quyết định grants only the awards its issuer decides (Luật 2022 Điều 75.1, 80.1; award-law data),
read from the document as a văn thư gets it; the pack's data reaches the rule through its CheckContext."""

from pathlib import Path

from kit.app import check, load_sample, workbook_bytes
from kit.app.decision import decision
from kit.checks import CheckContext
from kit.checks.context import builtin_award_law
from kit.checks.runner import check_document
from kit.packs import builtin_pack
from tests.checks.builder import build, model
from tests.checks.fixtures import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
BAD, GOOD = FIXTURES["VB901"]


def _vb901(spec, context=None):
    found = check_document(model(spec), context=context) if context else check_document(model(spec))
    return [f for f in found if f.code == "VB901"]


def test_the_finding_names_the_award_who_decides_it_and_the_article():
    (finding,) = _vb901(BAD[0])
    assert finding.message == (
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh do Chủ tịch Ủy ban nhân dân tỉnh quyết định, không thuộc thẩm "
        "quyền của Thủ trưởng cơ quan, đơn vị (Giám đốc Sở, thủ trưởng đơn vị có tư cách pháp nhân) (người ban hành "
        "Quyết định này)"
    )
    assert finding.hint.endswith("lập Tờ trình đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định")
    assert finding.location.first_words.startswith("Điều 1. Tặng")
    assert finding.source.startswith("Quy định kèm theo Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 5")
    (reverse,) = _vb901(BAD[1])
    assert reverse.message.startswith("Chiến sĩ thi đua cơ sở do Thủ trưởng cơ quan, đơn vị")
    assert reverse.source.startswith("Luật Thi đua, khen thưởng 06/2022/QH15 Điều 80 khoản 1")


def test_lao_dong_tien_tien_inside_tap_the_lao_dong_tien_tien_is_one_award():
    from kit.award_law import AwardLaw
    from kit.checks.authority import granted

    law = AwardLaw.from_data(builtin_award_law())
    names = [a.name for a in granted(law, "công nhận danh hiệu Tập thể lao động tiên tiến và Lao động tiên tiến")]
    assert names == ["Tập thể lao động tiên tiến", "Lao động tiên tiến"]


def test_a_packs_award_law_reaches_the_rule_through_its_context():
    data = dict(builtin_award_law())
    # A sector pack in which the head of the unit also decides the Bằng khen (as a ministry's own would).
    data["awards"] = [
        dict(a, decided_by=[*a["decided_by"], "thu_truong_co_quan"]) if a["name"].startswith("Bằng khen") else a
        for a in data["awards"]
    ]
    assert _vb901(BAD[0], CheckContext(award_law=data)) == []
    assert _vb901(BAD[0], CheckContext(award_law={})) == []  # no data: nothing to say
    assert len(_vb901(BAD[0])) == 1


def test_kit_check_with_a_pack_reads_the_decision_file(tmp_path):
    path = tmp_path / "qd.docx"
    path.write_bytes(build(BAD[0]))
    (result,) = check(path, pack=builtin_pack())
    assert [f.code for f in result.findings] == ["VB901"]
    good = tmp_path / "qd-dung.docx"
    good.write_bytes(build(GOOD[2]))
    assert [f.code for f in check(good, pack=builtin_pack())[0].findings] == []


def test_both_sample_decisions_pass_the_authority_rule(tmp_path):
    for name in ("ho-so-khen-thuong-so-noi-vu", "ho-so-thuong-xuyen-so-noi-vu"):
        book = tmp_path / f"{name}.xlsx"
        book.write_bytes(workbook_bytes("ho-so-khen-thuong", load_sample(ROOT / "samples" / f"{name}.toml")))
        made = decision(book, tmp_path / "out")
        for result in check(made.files, pack=builtin_pack()):
            assert [f"{f.code} {f.message}" for f in result.findings] == [], result.path
