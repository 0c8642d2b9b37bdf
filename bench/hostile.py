"""Every `kit check` rule on long hostile lines: finds a rule whose work grows faster than the text.

    .venv/bin/python bench/hostile.py            # 60,000-character lines, the five slowest rule × line pairs
    .venv/bin/python bench/hostile.py --chars 120000

For each token below (marks, labels, dates, words the rules look for), a plan whose body holds one paragraph of
that token repeated to `--chars` characters is read once and every rule is timed on it alone. A rule linear in its
input takes milliseconds; one that searches the line again for each match it finds takes seconds (VB706 took 10 s
on "a) a) …", VB606 4 s on a line of deadlines, before 2026-12-08). Doubling --chars shows the growth: about 2× is
linear, 4× quadratic. Nothing here is a pass/fail test: the machine is shared, the figures are for reading.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kit.checks.context import DEFAULT  # noqa: E402
from kit.checks.registry import RULES  # noqa: E402
from tests.checks.builder import Spec, model  # noqa: E402

TOKENS = (
    "a) ", "( ", "“", '" ', ". ", "  ", "1. ", "Số ", "ngày ngày ", "Điều 1. ", "- ", "...", "…. ", "x\t",
    "các các ", "Luật số ", "điều 5 ", "(Để ", ": ", ".. ", ". . ", "a)b)", "Ủy ban nhân dân ", "UBND ", "Căn cứ ",
    "trước ngày 01/01/2020 ", "Nghị định số 1/2020/NĐ-CP ", "I. ", "đ) ", "3) ",
)  # fmt: skip
LAST = "Văn phòng theo dõi thực hiện./."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=60_000, help="length of each hostile line")
    parser.add_argument("--show", type=int, default=5, help="how many of the slowest pairs to print")
    args = parser.parse_args()
    timings = []
    for token in TOKENS:
        line = (token * (args.chars // len(token) + 1))[: args.chars]
        doc = model(Spec(body=[line, LAST]))
        for code, item in RULES.items():
            started = time.perf_counter()
            item.run(doc, None, DEFAULT)
            timings.append((time.perf_counter() - started, code, token))
    timings.sort(reverse=True)
    print(f"{len(TOKENS)} lines of {args.chars:,} characters × {len(RULES)} rules; the slowest:")
    print("| rule | line of | seconds |\n| --- | --- | --- |")
    for seconds, code, token in timings[: args.show]:
        print(f"| {code} | {token!r} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
