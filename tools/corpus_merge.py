"""Merge a collector's branch of the corpus into main, and hold the corpus test to the measured figures.

Collectors add documents to tests/corpus on branches of their own. Their new files merge cleanly; the two
append-only records (sources.toml, SOURCES.md) and the floors of tests/test_corpus.py conflict whenever two
branches append at the same place, and resolving those conflicts by hand (or by keeping both sides of each
conflict) has interleaved the fields of two documents' entries. This tool resolves them entry by entry:

    git merge h21-val14                          # conflicts in sources.toml, SOURCES.md, test_corpus.py
    python tools/corpus_merge.py resolve h21-val14
    python tools/corpus_merge.py floors          # the floors at what tools/corpus_report.py measures
    git add -A && git commit

`resolve`: sources.toml becomes main's entries followed by the branch's entries main does not have (by file
name, each entry kept as the branch wrote it); SOURCES.md main's text followed by the branch's sections (## …)
main does not have; tests/test_corpus.py main's. `floors`: FLOOR, RECALL_FLOOR and the true counts of both parts
set to the measured figures (rounded down), the validation part's document count to its present count.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "corpus" / "sources.toml"
SOURCES_MD = ROOT / "tests" / "corpus" / "SOURCES.md"
TEST = ROOT / "tests" / "test_corpus.py"
_ENTRY = re.compile(r"(?=^\[\[documents\]\]\n)", re.M)
_SECTION = re.compile(r"(?=^## )", re.M)


def merged_sources(ours: str, theirs: str) -> str:
    """`ours` with the entries of `theirs` whose file it does not name appended, each whole and unchanged."""
    known = {entry["file"] for entry in tomllib.loads(ours)["documents"]}
    added = []
    for block in _ENTRY.split(theirs):
        if not block.startswith("[[documents]]"):
            continue
        (entry,) = tomllib.loads(block)["documents"]
        if entry["file"] not in known:
            added.append(block.rstrip("\n") + "\n")
    text = ours.rstrip("\n") + "\n" + "".join("\n" + block for block in added)
    files = [entry["file"] for entry in tomllib.loads(text)["documents"]]
    if len(files) != len(set(files)):
        raise ValueError("sources.toml would name a document twice")
    return text


def merged_sections(ours: str, theirs: str) -> str:
    """`ours` with the sections (## …) of `theirs` it does not hold appended."""
    ours_sections = {section.strip() for section in _SECTION.split(ours)}
    added = [section for section in _SECTION.split(theirs) if section.startswith("## ")]
    added = [section for section in added if section.strip() not in ours_sections]
    return ours.rstrip("\n") + "\n" + "".join("\n" + section.rstrip("\n") + "\n" for section in added)


def _show(revision: str, path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    return subprocess.run(
        ["git", "show", f"{revision}:{relative}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def resolve(branch: str) -> None:
    SOURCES.write_text(merged_sources(_show("HEAD", SOURCES), _show(branch, SOURCES)), encoding="utf-8")
    SOURCES_MD.write_text(merged_sections(_show("HEAD", SOURCES_MD), _show(branch, SOURCES_MD)), encoding="utf-8")
    TEST.write_text(_show("HEAD", TEST), encoding="utf-8")


def floors() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import corpus_report

    tallies = corpus_report.measure(corpus_report.reported())
    development, validation = tallies[("development", "all")], tallies[("validation", "all")]

    def down(value: float) -> float:
        return math.floor(value * 1000) / 1000

    text = TEST.read_text(encoding="utf-8")
    text = re.sub(
        r'^FLOOR = \{"development": [\d.]+, "validation": [\d.]+\}',
        f'FLOOR = {{"development": {down(development.precision)}, "validation": {down(validation.precision)}}}',
        text,
        flags=re.M,
    )
    text = re.sub(
        r'^RECALL_FLOOR = \{"development": [\d.]+, "validation": [\d.]+\}',
        f'RECALL_FLOOR = {{"development": {down(development.recall)}, "validation": {down(validation.recall)}}}',
        text,
        flags=re.M,
    )
    text = re.sub(
        r'\{"development": \d+, "validation": \d+\}\[part\]',
        f'{{"development": {development.true}, "validation": {validation.true}}}[part]',
        text,
    )
    text = re.sub(r'(e\["part"\] == "validation"\) >= )\d+', rf"\g<1>{validation.documents}", text)
    TEST.write_text(text, encoding="utf-8")
    print(corpus_report.table(tallies))


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "resolve":
        resolve(argv[1])
    elif argv == ["floors"]:
        floors()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
