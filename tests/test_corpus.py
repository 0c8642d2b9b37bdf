"""`kit check` over the corpus of real Word documents (tests/corpus): every finding is judged by hand in
tests/corpus/truth/<document>.toml. Fails when a finding judged true disappears, a false alarm that was
removed comes back, a finding nobody judged appears, precision true/(true+false) falls under 95 % (the
blank number/date notices aside), or a document has no recorded source."""

import contextlib
import io
import json
from pathlib import Path

import pytest

from kit import _toml
from kit.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
TRUTH = CORPUS / "truth"
DOCUMENTS = sorted(CORPUS.glob("*.docx"))


@pytest.fixture(scope="module")
def reported():
    """The findings `kit check --format json` reports on the corpus (checked once), per document name."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["check", str(CORPUS), "--format", "json"])
    assert code in (0, 1), output.getvalue()[-500:]
    return {Path(d["path"]).name: d["findings"] for d in json.loads(output.getvalue())["documents"]}


def _truth(document: Path) -> dict:
    return _toml.load(TRUTH / f"{document.stem}.toml")


def _key(finding: dict) -> tuple:
    location = finding.get("location", finding)
    return finding["code"], location.get("paragraph"), finding["message"]


def _gone_key(code: str, excerpt: str, message: str) -> tuple:
    return code, excerpt.strip()[:50] if excerpt.strip() else message[:60]


def test_the_corpus_has_real_documents_of_many_types():
    assert len(DOCUMENTS) >= 40
    kinds = {path.name.split("-")[1] for path in DOCUMENTS}
    assert len(kinds) >= 12, kinds


def test_every_document_has_its_source_recorded():
    sources = _toml.load(CORPUS / "sources.toml")
    recorded = {entry["file"] for entry in sources["documents"]}
    assert [path.name for path in DOCUMENTS if path.name not in recorded] == []
    for entry in sources["documents"]:
        assert entry.get("repo") or entry.get("url"), entry["file"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[path.stem[:40] for path in DOCUMENTS])
def test_findings_match_the_judged_truth(document, reported):
    assert (TRUTH / f"{document.stem}.toml").exists(), f"{document.name}: no truth file — judge its findings"
    truth = _truth(document)
    judged = {_key(entry): entry for entry in truth.get("finding", [])}
    findings = reported[document.name]
    now = {_key(finding) for finding in findings}
    unjudged = [
        f"{code} đoạn {paragraph}: {message}" for code, paragraph, message in sorted(now - set(judged), key=str)
    ]
    assert unjudged == [], f"{document.name}: findings nobody judged — add them to {document.stem}.toml"
    lost = [
        f"{code} đoạn {paragraph}: {message}"
        for (code, paragraph, message), entry in judged.items()
        if entry["verdict"] == "true" and (code, paragraph, message) not in now
    ]
    assert lost == [], f"{document.name}: findings judged true are not reported any more"
    back = {_gone_key(f["code"], f.get("excerpt", ""), f["message"]) for f in findings}
    returned = [
        f"{entry['code']}: {entry['excerpt']}"
        for entry in truth.get("gone", [])
        if (entry["code"], entry["excerpt"]) in back
    ]
    assert returned == [], f"{document.name}: false alarms that had been removed are back"


def test_precision_on_the_corpus_is_at_least_95_percent(reported):
    verdicts = {"true": 0, "false": 0, "debatable": 0, "notice": 0}
    for document in DOCUMENTS:
        judged = {_key(entry): entry["verdict"] for entry in _truth(document).get("finding", [])}
        for finding in reported[document.name]:
            verdicts[judged.get(_key(finding), "false")] += 1  # an unjudged finding counts against
    precision = verdicts["true"] / max(1, verdicts["true"] + verdicts["false"])
    assert precision >= 0.95, verdicts
    assert verdicts["true"] >= 150, verdicts  # the corpus is checked, not silenced
