"""How right `kit check` is on the corpus of real documents (tests/corpus), per part.

Every finding on every document is judged by hand in tests/corpus/truth/<document>.toml; the judged misses
([[miss]]) are real Decree 30 defects no finding reports. This tool runs `kit check` over the corpus and
counts, for the development part and for the validation part (documents of agencies the development part
does not hold, judged before any rule was changed for them):

- precision = true / (true + false + debatable): a debatable finding counts as not right; the info notice
  for a blank number and date (VB209) is left out; a finding nobody judged counts as false;
- recall on the judged misses = true / (true + misses): how many of the defects a careful văn thư finds
  the rules report.

Run: `python tools/corpus_report.py` (prints a Markdown table, as the README quotes it).
tests/test_corpus.py computes the same figures with `measure` and holds them to their floors.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TRUTH = CORPUS / "truth"
PARTS = ("development", "validation")


@dataclass
class Tally:
    """Verdicts of the findings reported on a set of documents, and the misses judged in them."""

    documents: int = 0
    true: int = 0
    false: int = 0
    debatable: int = 0
    notice: int = 0
    misses: int = 0
    lost: int = 0  # findings once judged true that the rules no longer report: misses the rules made
    agencies: set[str] = field(default_factory=set)

    @property
    def judged(self) -> int:
        return self.true + self.false + self.debatable

    @property
    def precision(self) -> float:
        return self.true / self.judged if self.judged else 1.0

    @property
    def recall(self) -> float:
        found = self.true + self.misses + self.lost
        return self.true / found if found else 1.0


def finding_key(finding: dict) -> tuple:
    """What identifies a finding in a truth file: its code, paragraph and message."""
    location = finding.get("location", finding)
    return finding["code"], location.get("paragraph"), finding["message"]


def sources() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from kit import _toml

    return _toml.load(CORPUS / "sources.toml")["documents"]


def truth(document: str) -> dict:
    from kit import _toml

    return _toml.load(TRUTH / f"{Path(document).stem}.toml")


def reported() -> dict[str, list[dict]]:
    """The findings `kit check --format json` reports on the whole corpus, per document name."""
    sys.path.insert(0, str(ROOT))
    from kit.cli import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["check", str(CORPUS), "--format", "json"])
    if code not in (0, 1):
        raise SystemExit(f"kit check exited {code}: {output.getvalue()[-500:]}")
    return {Path(d["path"]).name: d["findings"] for d in json.loads(output.getvalue())["documents"]}


def measure(findings: dict[str, list[dict]] | None = None) -> dict[tuple[str, str], Tally]:
    """Tallies per (part, scope), plus (part, "all"): scope "in" is a document Decree 30 governs, "out" is
    one it does not (a Party document, a citizen's đơn, a contract, a form, a speech)."""
    findings = reported() if findings is None else findings
    tallies: dict[tuple[str, str], Tally] = {}
    for entry in sources():
        name = entry["file"]
        judged = {finding_key(e): e["verdict"] for e in truth(name).get("finding", [])}
        for key in ((entry["part"], entry.get("scope", "in")), (entry["part"], "all")):
            tally = tallies.setdefault(key, Tally())
            tally.documents += 1
            tally.agencies.add(entry["agency"])
            tally.misses += len(truth(name).get("miss", []))
            found = {finding_key(finding) for finding in findings.get(name, [])}
            tally.lost += sum(1 for key, verdict in judged.items() if verdict == "true" and key not in found)
            for finding in findings.get(name, []):
                verdict = judged.get(finding_key(finding), "false")  # an unjudged finding counts against
                setattr(tally, verdict, getattr(tally, verdict) + 1)
    return tallies


def table(tallies: dict[tuple[str, str], Tally]) -> str:
    rows = [
        "| part | documents | agencies | true | false | debatable | notices | precision | misses | lost | recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    labels = {"all": "", "in": " — Decree 30 documents", "out": " — outside Decree 30"}
    for part in PARTS:
        for scope in ("all", "in", "out"):
            t = tallies.get((part, scope))
            if t is None:
                continue
            rows.append(
                f"| {part}{labels[scope]} | {t.documents} | {len(t.agencies)} | {t.true} | {t.false} | {t.debatable} "
                f"| {t.notice} | {t.precision:.1%} | {t.misses} | {t.lost} | {t.recall:.1%} |"
            )
    return "\n".join(rows)


def main() -> None:
    print(table(measure()))
    print()
    print("precision = true / (true + false + debatable); recall = true / (true + judged misses + lost)")
    print("lost = findings judged true in the truth files that the rules no longer report")


if __name__ == "__main__":
    main()
