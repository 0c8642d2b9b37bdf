"""The checks receive what they need from the caller in a CheckContext (issue 11): no lookup of packs, no
attribute set on the document."""

import datetime as dt
import re
from pathlib import Path

from kit.checks import RULES, CheckContext
from kit.checks.runner import check_document
from tests.checks.builder import Spec, model

CHECKS = Path(__file__).resolve().parents[2] / "kit" / "checks"


def test_the_checks_import_nothing_above_the_document_model():
    for source in CHECKS.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(\.\.packs|kit\.packs|\.\.api|kit\.api|\.\.render)", text, re.M), (
            source.name
        )


def test_legal_texts_come_from_the_context_and_the_document_is_left_alone():
    spec = Spec(body=["Căn cứ Quyết định số 99/2019/QĐ-UBND ngày 02/01/2019 của UBND tỉnh;", "Hết./."])
    doc = model(spec)
    before = dict(vars(doc))
    assert [f.code for f in check_document(doc) if f.code == "VB604"] == []
    texts = (
        {
            "symbol": "99/2019/QĐ-UBND",
            "title": "Quyết định 99/2019 của UBND tỉnh",
            "in_force_until": dt.date(2023, 12, 31),
        },
    )
    found = [f for f in check_document(doc, context=CheckContext(legal_texts=texts)) if f.code == "VB604"]
    assert [f.message for f in found] == [
        "Dẫn Quyết định 99/2019 của UBND tỉnh, văn bản này đã hết hiệu lực (hết hiệu lực sau ngày 31/12/2023) "
        "vào ngày 05/01/2025"
    ]
    assert {key for key in vars(doc) if not key.startswith("_")} == {key for key in before if not key.startswith("_")}


def test_academic_titles_allowed_by_a_pack_setting():
    doc = model(Spec(signature=["GIÁM ĐỐC", "TS. Nguyễn Văn An"]))
    assert "VB405" in {f.code for f in check_document(doc)}
    allowed = CheckContext.from_settings({"academic_titles": True}, RULES)
    assert "VB405" not in {f.code for f in check_document(doc, context=allowed)}


def test_settings_never_switch_off_or_lower_a_mandatory_rule():
    context = CheckContext.from_settings(
        {"off": ["VB201", "VB703"], "severity": {"VB201": "info", "VB701": "error"}}, RULES
    )
    assert context.rules_off == frozenset({"VB703"})
    assert dict(context.severities) == {"VB701": RULES["VB701"].severity.__class__("error")}
