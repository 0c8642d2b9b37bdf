"""Compare a generated plan with the text of the issued document it was taken from (a seed).

The seeds (tests/data/seeds/*.txt) are text extracted from issued Word files: paragraphs one per
line, tables as Markdown or tab-separated rows, some bold/italic markup, a header row repeated on
each page. Both sides are reduced to "atoms" — paragraphs, and table cells — so that the generated
document can be read against the seed paragraph by paragraph and cell by cell.
"""

from __future__ import annotations

import io
import re
import unicodedata

import docx

from kit.docmodel.effective import W, paragraph_text

_MARKUP = re.compile(r"</?(?:b|i|u|strong|em)>|\*+")


def normalise(text: str) -> str:
    # The kit holds a title's last two words together with a no-break space (U+00A0) so that no word
    # stands alone on its last line; the issued documents used a plain space. Only the comparison
    # treats them alike: the rendered documents keep their no-break spaces.
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("<br>", " ").replace("<br/>", " ")
    text = _MARKUP.sub("", text)
    text = re.sub(r"^#+\s*", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def seed_atoms(text: str) -> list[str]:
    atoms: list[str] = []
    header_seen = False
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            cells = [c for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r"\s*:?-*:?\s*", c) for c in cells):
                continue  # Markdown separator row
        elif "\t" in line:
            cells = line.split("\t")
        else:
            text_line = normalise(line)
            if text_line:
                atoms.append(text_line)
            continue
        cells = [normalise(c) for c in cells]
        if cells and cells[0] in ("TT", "STT"):
            if header_seen:
                continue  # the header row repeated on a new page
            header_seen = True
        atoms.extend(c for c in cells if c)
    return atoms


def document_atoms(data: bytes, with_number_and_date: bool) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    atoms: list[str] = []
    tables_seen = 0
    for child in document.element.body:
        if child.tag == W + "p":
            text = normalise(paragraph_text(child))
            if text:
                atoms.append(text)
        elif child.tag == W + "tbl":
            tables_seen += 1
            rows = child.findall(W + "tr")
            if tables_seen == 1:
                # The header block was lost from the seeds, except sometimes the Số and date lines.
                if with_number_and_date:
                    atoms.extend(normalise(paragraph_text(tc)) for tc in rows[1].findall(W + "tc"))
                continue
            data_table = rows and rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            for tr in rows:
                for tc in tr.findall(W + "tc"):
                    paragraphs = [normalise(paragraph_text(p)) for p in tc.findall(W + "p")]
                    if data_table:
                        cell = normalise(" ".join(paragraphs))
                        if cell:
                            atoms.append(cell)
                    else:
                        atoms.extend(p for p in paragraphs if p)
    return atoms


def apply_corrections(atoms: list[str], corrections: list[dict]) -> list[str]:
    """The seed atoms with the sample's listed corrections; each must match where it says."""
    atoms = list(atoms)
    for fix in corrections:
        if "seed" in fix:
            found = sum(atom.count(fix["seed"]) for atom in atoms)
            assert found == fix.get("count", 1), f"correction {fix['seed']!r} matches {found} times"
            atoms = [atom.replace(fix["seed"], fix["corrected"]) for atom in atoms]
        elif "seed_atoms" in fix:
            positions = []
            for old in fix["seed_atoms"]:
                hits = [i for i, atom in enumerate(atoms) if atom == old]
                assert len(hits) == 1, f"correction atom {old!r} found {len(hits)} times"
                positions.append(hits[0])
            for position, new in zip(positions, fix["corrected_atoms"]):
                atoms[position] = new
        else:
            old, new = fix["seed_sequence"], fix["corrected_sequence"]
            starts = [i for i in range(len(atoms) - len(old) + 1) if atoms[i : i + len(old)] == old]
            assert len(starts) == 1, f"correction sequence {old[0]!r}… found {len(starts)} times"
            atoms[starts[0] : starts[0] + len(old)] = new
    return atoms
