"""The seeds (tests/data/seeds) as the Word documents they were: typed numbers, tables split at page
breaks, the header block restored (it was lost when the text was extracted)."""

from __future__ import annotations

import re

from tests.checks.builder import Spec
from tests.seedtext import normalise

_TITLE = re.compile(r"^KẾ HOẠCH$")


def _cells(line: str) -> list[str] | None:
    if line.lstrip().startswith("|"):
        cells = line.strip().strip("|").split("|")
        if all(re.fullmatch(r"\s*:?-*:?\s*", c) for c in cells):
            return []
        return [normalise(c.replace("<br>", "\n")) for c in cells]
    if "\t" in line:
        return [normalise(c) for c in line.split("\t")]
    return None


def _joinable(previous: str, line: str) -> bool:
    # A paragraph cut by a page break when the text was extracted: no end punctuation, and the
    # rest starts in lower case or with a bracket.
    if re.match(r"^([a-zđ]\)|\d{1,2}\.|[IVX]+\.|-)\s", line):
        return False  # a new numbered or dashed paragraph
    return bool(previous) and not re.search(r"[.;:!?”\"]$", previous) and bool(re.match(r"^[a-zà-ỹđ(]", line))


def seed_spec(text: str, header: dict) -> Spec:
    lines = text.split("\n")
    so = date = None
    title_at = None
    for i, raw in enumerate(lines):
        line = normalise(raw)
        if line.startswith("Số:"):
            so = re.sub(r"\s+", " ", raw.strip())
        elif re.match(r"^[^,]+, ngày \d", line) and title_at is None:
            date = line
        elif _TITLE.match(line):
            title_at = i
            break
    rest = [normalise(raw) for raw in lines[title_at + 1 :]]
    raw_rest = lines[title_at + 1 :]
    trich_yeu_at = next(i for i, line in enumerate(rest) if line)
    trich_yeu = rest[trich_yeu_at]
    body, tables, noi_nhan, signature = [], None, [], []
    stage = "body"
    for raw, line in zip(raw_rest[trich_yeu_at + 1 :], rest[trich_yeu_at + 1 :]):
        cells = _cells(raw)
        if stage == "body" and line.startswith("Nơi nhận"):
            stage = "noi_nhan"
            noi_nhan.append(line)
            continue
        if stage == "noi_nhan":
            if line.startswith("-"):
                noi_nhan.append(line)
                continue
            if line:
                stage = "signature"
        if stage == "signature":
            signature.extend(normalise(part) for part in raw.split("  \n") if normalise(part))
            continue
        if cells is not None:
            if not cells:
                continue
            if cells[0] in ("TT", "STT"):
                tables = [cells]
                body.append(("table", tables))
            elif not cells[0] and any(cells) and len(tables) == 1:
                previous = body[-2][1] if len(body) > 1 and body[-2][0] == "table" else None
                if previous is not None:  # a row continued over a page break: it was one row
                    previous[-1] = [a if not b else f"{a} {b}".strip() for a, b in zip(previous[-1], cells)]
            else:
                tables.append(cells + [""] * (3 - len(cells)))
            continue
        if not line:
            continue
        if body and isinstance(body[-1], str) and _joinable(body[-1], line):
            body[-1] = f"{body[-1]} {line}"
        elif re.match(r"^[IVX]+\.\s", line):
            body.append(("muc", line))
        else:
            body.append(line)
    return Spec(
        chu_quan=header.get("chu_quan"),
        co_quan=header["co_quan"],
        so=so or header.get("so"),
        date=date or header.get("date"),
        trich_yeu=[trich_yeu],
        body=body,
        noi_nhan=noi_nhan,
        signature=signature,
    )
