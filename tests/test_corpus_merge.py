"""tools/corpus_merge.py: a collector's branch merged into the corpus records entry by entry, never interleaved.

Twice on 2026-12-08 a merge resolved by keeping both sides of each conflict left one document's fields under
another's `[[documents]]` header (sources.toml no longer parsed, or named a file twice): the records below are
cut from that case.
"""

import sys
from pathlib import Path

import pytest
import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import corpus_merge  # noqa: E402


def _entry(file: str, part: str = "validation", note: str = "a note") -> str:
    return f'[[documents]]\nfile = "{file}"\nagency = "UBND xã {file[:3]}"\npart = "{part}"\nnote = "{note}"\n'


def test_a_branchs_new_entries_follow_mains_whole_and_each_document_once():
    base = _entry("203-quyetdinh.docx", "validation")
    ours = base + "\n" + _entry("704-phuluc.docx") + "\n" + _entry("705-phuluc.docx", note="kept with 701")
    theirs = base + "\n" + _entry("641-baocao.docx") + "\n" + _entry("642-bienban.docx", note="issued copy")
    merged = corpus_merge.merged_sources(ours, theirs)
    entries = tomllib.loads(merged)["documents"]
    assert [entry["file"] for entry in entries] == [
        "203-quyetdinh.docx",
        "704-phuluc.docx",
        "705-phuluc.docx",
        "641-baocao.docx",
        "642-bienban.docx",
    ]
    # every entry exactly as its branch wrote it: no field moved under another document's header
    assert entries[2]["note"] == "kept with 701" and entries[4]["note"] == "issued copy"
    assert entries[3]["agency"] == "UBND xã 641"


def test_merging_a_branch_twice_adds_nothing_and_a_clash_is_refused():
    ours = _entry("641-baocao.docx")
    assert corpus_merge.merged_sources(ours, ours) == ours
    with pytest.raises(tomllib.TOMLDecodeError):
        corpus_merge.merged_sources(ours, "[[documents]]\nfile = 1\nfile = 2\n")


def test_a_branchs_new_sections_follow_mains():
    ours = "# Corpus\n\nintro\n\n## Documents 701– (h21-val16)\n\ntable 701\n"
    theirs = "# Corpus\n\nintro\n\n## Documents 641– (h21-val14)\n\ntable 641\n\nlog 641\n"
    merged = corpus_merge.merged_sections(ours, theirs)
    assert merged.startswith(ours.rstrip("\n"))
    assert merged.count("## Documents") == 2 and merged.rstrip().endswith("log 641")
    assert corpus_merge.merged_sections(merged, theirs) == merged
