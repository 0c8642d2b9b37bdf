"""Every `kit check` rule on long hostile lines and on many short ones: finds a rule whose work grows faster than
the text.

    .venv/bin/python bench/hostile.py            # 60,000-character lines and 3,000-line bodies, the slowest pairs
    .venv/bin/python bench/hostile.py --chars 120000 --lines 6000

For each token below (marks, labels, dates, words the rules look for), a plan whose body holds one paragraph of
that token repeated to `--chars` characters is read once and every rule is timed on it alone. A rule linear in its
input takes milliseconds; one that searches the line again for each match it finds takes seconds (VB706 took 10 s
on "a) a) …", VB606 4 s on a line of deadlines, VB302 0.5 s on 3,000 khoản "1." — 50 s on 30,000 —, before
2026-12-08). Then the same with a body of `--lines` short paragraphs of one kind (khoản, points, headings, Nơi nhận
lines, signers). Doubling --chars or --lines shows the growth: about 2× is linear, 4× quadratic. Nothing here is a pass/fail test: the machine is shared, the figures are for reading.
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
LINES = (
    "1. Một.", "a) Một.", "I. MỤC", "Điều 1. Một", "- Một;", "BẢN MÔ TẢ CÔNG VIỆC", "3) Một.", "1.1. Một",
    "Căn cứ Luật số 1/2020/QH14;", "Phần I", "(Để b/c)", "Nơi nhận:", "GIÁM ĐỐC", "Nguyễn Văn An",
    "Chủ trì cuộc họp\tThư ký", "Kính gửi: Sở", "Số: 01/KH-SNV", "PHỤ LỤC", "Kèm theo Quyết định số 1/QĐ-UBND",
)  # fmt: skip
LAST = "Văn phòng theo dõi thực hiện./."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=60_000, help="length of each hostile line")
    parser.add_argument("--show", type=int, default=5, help="how many of the slowest pairs to print")
    parser.add_argument("--lines", type=int, default=3_000, help="paragraphs in each body of short lines")
    args = parser.parse_args()
    long_lines = {token: [(token * (args.chars // len(token) + 1))[: args.chars], LAST] for token in TOKENS}
    many_lines = {line: [line] * args.lines + [LAST] for line in LINES}
    for title, bodies in (
        (f"{len(TOKENS)} lines of {args.chars:,} characters", long_lines),
        (f"{len(LINES)} bodies of {args.lines:,} short paragraphs", many_lines),
    ):
        timings = []
        for token, body in bodies.items():
            doc = model(Spec(body=body))
            for code, item in RULES.items():
                started = time.perf_counter()
                item.run(doc, None, DEFAULT)
                timings.append((time.perf_counter() - started, code, token))
        timings.sort(reverse=True)
        print(f"{title} × {len(RULES)} rules; the slowest:")
        print("| rule | of | seconds |\n| --- | --- | --- |")
        for seconds, code, token in timings[: args.show]:
            print(f"| {code} | {token!r} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
