"""The award decision as a clerk makes it: the decision and its list (kit.app.decision), recorded in the
unit's register, then the certificates of its awardees on the unit's pre-printed paper and on blank paper
(kit.app.certificates), all in one archive named with the decision's number.

The certificates need a TrueType font with Vietnamese letters: without one the decision is still made,
and a warning says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import fileio
from ..errors import KitError, Problem
from ..ziplimits import archive_bytes
from . import register as award_register
from .dossier import numbered_name


@dataclass
class AwardResult:
    folder: Path
    files: list[Path]  # the decision's documents, the register, the certificates (not the archive)
    warnings: list[Problem]
    register: str | None  # where the decision was recorded (the register database, as shown to the user)
    registered: int  # awards added to the register (0: already there, or no number yet)
    already: bool  # the decision was in the register already: nothing added
    number: str  # the decision's number (“1520/QĐ-UBND”), "" while not given
    certificates: Path | None = None
    blank_certificates: Path | None = None
    archive: Path | None = None
    entries: list[tuple[str, Path]] = field(default_factory=list)  # name in the archive → file
    numbers: list[int] = field(default_factory=list)  # the register numbers of the decision's awards


def award(
    workbook: Path,
    outdir: Path,
    *,
    register: str | Path | None = None,
    certificates: bool = True,
    archive: bool = False,
    font_dir: Path | None = None,
    force: bool = False,
    kinds: list[str] | tuple[str, ...] | None = None,
) -> AwardResult:
    """The decision of a dossier workbook written to OUT/<workbook>-quyet-dinh/ and recorded in the
    register database `register` (default KIT_DATABASE_URL, else the user's data folder); with
    `certificates`, OUT/<workbook>-<layout>.pdf (one per certificate layout: giay-khen, bang-khen,
    bang-chung-nhan; `kinds`: only these) and OUT/giay-trang/…; with `archive`, all of it in
    OUT/quyet-dinh-<number>.zip, with the decision's rows of the register (so-khen-thuong.xlsx)."""
    from .certificates import certificates as print_certificates
    from .decision import decision, decision_data, decision_number

    workbook, outdir = Path(workbook), Path(outdir)
    made = decision(workbook, outdir, force=force, register=register)
    warnings = list(made.warnings)
    entries = [(path.name, path) for path in made.files]
    if made.register is not None and archive:
        rows = made.folder / award_register.DEFAULT_EXPORT
        entries.append((rows.name, award_register.export_decision(made.register.decision, rows, register)))
    printed = blank = None
    if certificates:
        try:
            printed = print_certificates(
                workbook, outdir, force=force, font_dir=font_dir, register=register, kinds=kinds
            )
            blank = print_certificates(
                workbook,
                outdir / "giay-trang",
                force=force,
                blank=True,
                font_dir=font_dir,
                register=register,
                kinds=kinds,
            )
            warnings += printed.warnings
            # one PDF per certificate layout of the decision's awards, named by its layout (bang-khen.pdf…)
            layouts = [path.name.removeprefix(f"{fileio.safe_stem(workbook, 'ho-so')}-") for path in printed.paths]
            entries += list(zip(layouts, printed.paths, strict=True))
            entries += [
                (name.replace(".pdf", "-giay-trang.pdf"), path) for name, path in zip(layouts, blank.paths, strict=True)
            ]
        except KitError as error:  # no font on this machine: the decision is still given
            warnings.append(Problem(workbook.name, None, None, None, error.message, error.hint, code=error.code))
    number = decision_number(decision_data(workbook)[2])
    files = [path for _, path in entries]
    zipped = None
    if archive:
        zipped = outdir / (
            numbered_name("quyet-dinh", number, f"{fileio.safe_stem(workbook, 'ho-so')}-quyet-dinh") + ".zip"
        )
        fileio.write_all({zipped: archive_bytes((name, path.read_bytes()) for name, path in entries)}, force)
    return AwardResult(
        made.folder,
        files,
        warnings,
        made.store or None,
        made.register.added if made.register is not None and not made.register.already else 0,
        made.register is not None and made.register.already,
        number,
        printed.path if printed else None,
        blank.path if blank else None,
        zipped,
        entries,
        list(made.register.numbers) if made.register is not None else [],
    )
