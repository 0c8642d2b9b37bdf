"""`make demo` shows both lawful award paths end to end, run as its recipe says (the Makefile's own lines):
the Sở proposes the Chủ tịch's Bằng khen and the Chủ tịch decides it; the Giám đốc Sở decides the Sở's own
year-end titles and Giấy khen. Each decision passes kit check with the award-authority rule (VB901), and
each prints the certificates its awards carry."""

import shlex
from pathlib import Path

import docx
import pdfplumber

from kit.app import check
from kit.cli import main
from kit.drawing.certificate import find_fonts, layout_of
from kit.errors import InputError
from kit.packs import builtin_pack
from tests.conftest import Reader

ROOT = Path(__file__).resolve().parent.parent


def demo_commands(out: Path) -> list[list[str]]:
    """The kit commands of the Makefile's demo recipe that make the award dossiers and decisions."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1].split("\n\n", 1)[0].splitlines()
    commands = []
    for line in lines:
        words = shlex.split(line.strip().replace("$(OUT)", str(out)))
        if words and words[0] == "$(BIN)/kit" and words[1] in ("dossier", "decision"):
            commands.append(words[1:])
    return commands


def test_make_demo_gives_both_lawful_decisions_and_their_certificates(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    commands = demo_commands(tmp_path)
    assert [c[0] for c in commands] == ["dossier", "dossier", "decision", "decision"]
    for command in commands:
        assert main(command) == 0, command
    issuers = {}
    for name in ("ho-so-khen-thuong-so-noi-vu", "ho-so-thuong-xuyen-so-noi-vu"):
        folder = tmp_path / f"{name}-quyet-dinh"
        files = [folder / "04-quyet-dinh.docx", folder / "05-danh-sach-kem-theo-quyet-dinh.docx"]
        for result in check(files, pack=builtin_pack()):
            assert [f"{f.code} {f.message}" for f in result.findings] == [], result.path
        text = Reader(docx.Document(str(files[0]))).body_paragraphs()
        issuers[name] = text[text.index("QUYẾT ĐỊNH") + 2]
    assert issuers == {
        "ho-so-khen-thuong-so-noi-vu": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "ho-so-thuong-xuyen-so-noi-vu": "GIÁM ĐỐC SỞ NỘI VỤ",
    }
    try:
        find_fonts(layout_of(builtin_pack()).fonts)
    except InputError:  # no Vietnamese TrueType font here: the decisions are made, the certificates skipped
        return
    printed = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert printed == [
        "ho-so-khen-thuong-so-noi-vu-bang-khen.pdf",
        "ho-so-thuong-xuyen-so-noi-vu-bang-chung-nhan.pdf",
        "ho-so-thuong-xuyen-so-noi-vu-giay-khen.pdf",
    ]
    with pdfplumber.open(tmp_path / "ho-so-thuong-xuyen-so-noi-vu-giay-khen.pdf") as pdf:
        assert "GIÁM ĐỐC" in (pdf.pages[1].extract_text() or "")
