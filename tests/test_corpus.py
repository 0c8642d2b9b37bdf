"""`kit check` over the corpus of real Word documents (tests/corpus): every finding is judged by hand in
tests/corpus/truth/<document>.toml. Fails when a finding judged true disappears, a false alarm that was
removed comes back, a finding nobody judged appears, or a document has no recorded source; and when the
precision of either part (development, validation — agencies the development part does not hold) or the
recall on the judged misses falls under its floor. Debatable findings count as not right.

The first validation part was used to tune the rules of issue 21 §2–3 and moved to development (2026-12-07);
ten documents of the next one (204–211, 305, 309) followed when their false findings were read to change the rules
(2026-12-07, evening), and the 27 documents 401–493 when the next session read them (2026-12-07, night). The part
now (203, 301–318 but 305 and 309, and the documents collected after it: tests/corpus/SOURCES.md) was judged on
main before any rule was changed for it. Its
findings are judged by someone who does not write the rules: a finding a later rule adds there stays unjudged
(printed here) and counts as false until then. The validation goal (≥ 95 %) is not met, so the test holds
the level measured now and prints both parts; raise a floor when the rules improve. `python tools/corpus_report.py`
prints the same table."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import corpus_report  # noqa: E402

from kit import _toml  # noqa: E402

CORPUS = corpus_report.CORPUS
TRUTH = corpus_report.TRUTH
DOCUMENTS = sorted(CORPUS.glob("*.docx"))
SOURCES = {entry["file"]: entry for entry in _toml.load(CORPUS / "sources.toml")["documents"]}

# Measured on this commit's corpus and rules; the goals are 0.97 and 0.95.
GOAL = {"development": 0.97, "validation": 0.95}
FLOOR = {"development": 0.943, "validation": 0.734}
RECALL_FLOOR = {"development": 0.877, "validation": 0.751}


# Validation findings judged true that a rule changed later no longer reports, each with the reason: the rules'
# author may not re-judge the validation part, so they stay judged true, count as lost in its recall
# (corpus_report) and are named here; any other lost finding fails the test.
LOST_IN_VALIDATION: dict[tuple[str, str, int], str] = {}


@pytest.fixture(scope="module")
def reported():
    """The findings `kit check --format json` reports on the corpus (checked once), per document name."""
    return corpus_report.reported()


def _truth(document: Path) -> dict:
    return _toml.load(TRUTH / f"{document.stem}.toml")


def _gone_key(code: str, excerpt: str, message: str) -> tuple:
    return code, excerpt.strip()[:50] if excerpt.strip() else message[:60]


def test_the_corpus_has_real_documents_of_many_types_and_agencies():
    assert len(DOCUMENTS) >= 120  # issue 21: at least 120 real documents
    kinds = {path.name.split("-")[1] for path in DOCUMENTS}
    assert len(kinds) >= 15, kinds
    assert len({entry["agency"] for entry in SOURCES.values()}) >= 25


def test_every_document_has_its_source_recorded():
    assert [path.name for path in DOCUMENTS if path.name not in SOURCES] == []
    for name, entry in SOURCES.items():
        assert (CORPUS / name).exists(), name
        assert entry.get("repo") and entry.get("commit") and entry.get("blob"), name
        assert entry["part"] in corpus_report.PARTS, name
        assert entry.get("scope", "in") in ("in", "out"), name
        if "original" in entry:  # a real .doc converted by LibreOffice: the original is kept beside it
            assert (CORPUS / entry["original"]).exists(), name
            assert "soffice" in entry["conversion"], name


def test_the_validation_part_holds_only_agencies_the_development_part_does_not():
    agencies = {part: {e["agency"] for e in SOURCES.values() if e["part"] == part} for part in corpus_report.PARTS}
    assert agencies["development"] & agencies["validation"] == set()
    # Documents whose findings were read to change the rules moved to development (tests/corpus/SOURCES.md);
    # 203, 301–304, 306–308, 310–318 stay (521–611 moved on 2026-12-08); a new set is being collected (issue 21
    # asks for 40 documents): 701–705 (h21-val16) so far on this branch.
    assert sum(1 for e in SOURCES.values() if e["part"] == "validation") >= 30


@pytest.mark.parametrize("document", DOCUMENTS, ids=[path.stem[:40] for path in DOCUMENTS])
def test_findings_match_the_judged_truth(document, reported):
    assert (TRUTH / f"{document.stem}.toml").exists(), f"{document.name}: no truth file — judge its findings"
    truth = _truth(document)
    judged = {corpus_report.finding_key(entry): entry for entry in truth.get("finding", [])}
    findings = reported[document.name]
    now = {corpus_report.finding_key(finding) for finding in findings}
    unjudged = [
        f"{code} đoạn {paragraph}: {message}" for code, paragraph, message in sorted(now - set(judged), key=str)
    ]
    if SOURCES[document.name]["part"] == "validation":
        # Judged by someone who does not write the rules, never by the rules' author after a change: until
        # then an unjudged finding counts as false in the validation precision (corpus_report.measure).
        for finding in unjudged:
            print(f"{document.name}: not judged yet (counted as false): {finding}")
    else:
        assert unjudged == [], f"{document.name}: findings nobody judged — add them to {document.stem}.toml"
    lost = [
        f"{code} đoạn {paragraph}: {message}"
        for (code, paragraph, message), entry in judged.items()
        if entry["verdict"] == "true"
        and (code, paragraph, message) not in now
        and (document.name, code, paragraph) not in LOST_IN_VALIDATION
    ]
    assert lost == [], f"{document.name}: findings judged true are not reported any more"
    back = {_gone_key(f["code"], f.get("excerpt", ""), f["message"]) for f in findings}
    returned = [
        f"{entry['code']}: {entry['excerpt']}"
        for entry in truth.get("gone", [])
        if (entry["code"], entry["excerpt"]) in back
    ]
    assert returned == [], f"{document.name}: false alarms that had been removed are back"


@pytest.mark.parametrize("part", corpus_report.PARTS)
def test_precision_and_recall_stay_at_their_floor(part, reported):
    tallies = corpus_report.measure(reported)
    print("\n" + corpus_report.table(tallies))
    if (part, "all") not in tallies:  # the validation part is being collected anew (tests/corpus/SOURCES.md)
        pytest.skip(f"no {part} document on this branch yet")
    tally = tallies[(part, "all")]
    floor = GOAL[part] if tally.precision >= GOAL[part] else FLOOR[part]
    assert tally.precision >= floor, f"{part}: precision {tally.precision:.1%} under {floor:.1%} ({tally})"
    assert tally.recall >= RECALL_FLOOR[part], f"{part}: recall {tally.recall:.1%} ({tally})"
    assert tally.true >= {"development": 1329, "validation": 206}[part], tally  # checked, not silenced
