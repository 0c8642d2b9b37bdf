"""What the web application asks of the kit: the only module of kit.web that imports the kit's
application layer (so it can move without touching the pages and routes).

The job functions run in the server's worker processes: each works in its own private folder of the
results store, with inputs saved under names the server chose (tep-01.xlsx…), and records its state,
progress and outcome in the folder's job.json, which any instance of the server can read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import app
from ..errors import KitError, Problem, UsageError, WorkbookError
from ..ziplimits import archive_bytes, check_unpacked_size

JOB_FILE = "job.json"

# Workbooks: what kit fill reads (.xls and .ods through LibreOffice). Documents: what kit check reads.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DOCUMENT_SUFFIXES = (".docx",)

# The same bounds kit check applies to a .docx (kit.docmodel), for a workbook before openpyxl unpacks it.

REGIONS = {  # the parts of a document a finding is grouped under, in reading order
    "header": "Phần đầu (cơ quan, quốc hiệu, số, ngày)",
    "title": "Tên loại và trích yếu",
    "kinh_gui": "Kính gửi",
    "body": "Nội dung",
    "noi_nhan": "Nơi nhận",
    "signature": "Chữ ký",
    "layout": "Trình bày trang",
}


# -- templates ------------------------------------------------------------------------------------


def templates() -> list[dict[str, Any]]:
    """The templates of the installed packs a member of staff fills (documents and dossiers), each
    with the dossier parts it makes."""
    from ..packs import get_pack

    specs = app.list_templates()
    pack = get_pack(None)
    titles = {spec.id: spec.title for spec in specs}
    rows = []
    for spec in specs:
        if spec.kind == "part":
            continue
        rows.append(
            {
                "id": spec.id,
                "title": spec.title,
                "kind": spec.kind,
                "document_type": spec.document_type,
                "abbreviation": spec.type_abbreviation,
                "pack": spec.pack or pack.id,
                "pack_version": pack.version,
                "version": spec.version,
                "legal_basis": _for_staff(spec.legal_basis),
                "in_force": in_force_today(spec, pack),
                "parts": [titles.get(part, part) for part in spec.documents],
                "has_sample": bool(app.form_of(spec, pack).sample),
            }
        )
    return rows


def _for_staff(basis: str) -> str:
    """A template's legal basis without the developers' references to their notes (domain.md …)."""
    return "; ".join(part.strip() for part in basis.split(";") if part.strip() and "domain.md" not in part)


def in_force_today(spec, pack) -> str:
    """For a dossier, the law and decree its documents cite when dated today (the pack's periods)."""
    return app.legal_basis_on(spec, pack, dt.date.today())


def template(template_id: str) -> dict[str, Any]:
    """One template with the sheets and fields of its workbook (a UsageError names an unknown id)."""
    from ..packs import get_pack

    pack = get_pack(None)
    spec = pack.template(template_id)
    if spec.kind == "part":
        raise UsageError(f"mẫu '{template_id}' là một phần của hồ sơ", hint="dùng biểu mẫu của cả hồ sơ", code="KIT015")
    form = app.form_of(spec, pack)
    row = next(item for item in templates() if item["id"] == spec.id)
    row["sheets"] = [
        {
            "title": sheet.name,
            "kind": sheet.kind,
            "fields": [
                {
                    "key": f.key,
                    "label": f.label,
                    "type": f.type,
                    "required": f.required,
                    "help": f.help,
                    "choices": [c.label for c in f.choices],
                }
                for f in sheet.fields
            ],
        }
        for sheet in form.sheets
        if sheet.kind != "instructions"
    ]
    return row


def workbook(template_id: str, sample: bool, work: Path) -> tuple[bytes, str]:
    """The blank (or example-filled) input workbook of a template and its download name."""
    target = work / "bieu-mau.xlsx"
    app.build_form(template_id, target, sample=sample, force=True)
    return target.read_bytes(), f"{template_id}{'-vi-du' if sample else ''}.xlsx"


def has_office() -> bool:
    from ..office import find_soffice

    return find_soffice() is not None


# -- uploads --------------------------------------------------------------------------------------


def display_name(raw: str | None) -> str:
    """A name from a request for showing and for downloads only (never a path): its last component,
    NFC, without control characters, at most 120 characters."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[-120:] or "tep"


def refuse_large_archive(path: Path, shown: str) -> None:
    """A workbook (a zip) that would unpack beyond the kit's bounds is refused before it is read."""
    check_unpacked_size(path, shown, "biểu mẫu")


# -- job records ----------------------------------------------------------------------------------

# On Windows a file being read cannot be replaced, nor read while it is replaced (PermissionError):
# the job's record is polled while its worker saves it, so both sides try again a few times.
_ATTEMPTS = 5


def read_job(folder: Path) -> dict[str, Any] | None:
    for attempt in range(_ATTEMPTS):
        try:
            return json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
        except PermissionError:
            time.sleep(0.01 * (attempt + 1))
        except (OSError, ValueError):
            return None
    return None


def write_job(folder: Path, record: dict[str, Any]) -> None:
    """Replace job.json atomically: a reader sees the old record or the new one, never half of one."""
    temporary = folder / f".{JOB_FILE}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    for attempt in range(_ATTEMPTS):
        try:
            os.replace(temporary, folder / JOB_FILE)
            return
        except PermissionError:
            if attempt == _ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


class _Job:
    """The record of one job, saved as it changes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.record = read_job(folder) or {}
        self.names: dict[str, str] = {item["saved"]: item["name"] for item in self.record.get("inputs", [])}
        self._saved_at = 0.0
        self.pending: dict[str, Any] = {}  # the outcome, saved with the state "done" in one write

    def update(self, **values) -> None:
        self.record.update(values)
        write_job(self.folder, self.record)

    def progress(self, done: int, total: int) -> None:
        # Saved at most ten times a second (and at the end): the page polls it.
        now = time.monotonic()
        if done == total or now - self._saved_at >= 0.1:
            self._saved_at = now
            self.update(state="running", done=done, total=total)

    def shown(self, text: str) -> str:
        """A message with the server's names and folders replaced by the names the user gave."""
        for saved, name in self.names.items():
            text = text.replace(str(self.folder / "in" / saved), name).replace(saved, name)
        return text.replace(str(self.folder) + os.sep, "").replace(str(self.folder), "")

    def problem(self, problem: Problem) -> dict[str, str]:
        return {
            "file": self.shown(problem.file),
            "sheet": problem.sheet or "",
            "cell": problem.cell or "",
            "field": problem.field or "",
            "message": self.shown(problem.message),
            "hint": problem.hint,
            "line": self.shown(str(problem)),
        }

    def fail(self, error: BaseException) -> None:
        if isinstance(error, WorkbookError):
            errors = [self.problem(p) for p in error.problems]
        elif isinstance(error, KitError):
            errors = [
                {
                    "file": "",
                    "sheet": "",
                    "cell": "",
                    "field": "",
                    "message": self.shown(line),
                    "hint": "",
                    "line": self.shown(line),
                }
                for line in error.lines()
            ]
        else:  # a bug in the kit: one line for the user, the traceback for the server's log
            traceback.print_exception(error, file=sys.stderr)
            line = f"Lỗi nội bộ của vanban-kit ({type(error).__name__}) — báo cho nhóm phát triển"
            errors = [{"file": "", "sheet": "", "cell": "", "field": "", "message": line, "hint": "", "line": line}]
        self.update(state="failed", errors=errors)

    def add_file(self, path: Path, name: str, kind: str) -> int:
        files = self.record.setdefault("files", [])
        files.append(
            {"path": path.relative_to(self.folder).as_posix(), "name": name, "kind": kind, "size": path.stat().st_size}
        )
        return len(files) - 1


def _run(folder: str, work: Callable[[_Job], None]) -> dict[str, Any]:
    job = _Job(Path(folder))
    job.update(state="running", started=time.time())
    try:
        work(job)
        job.update(state="done", finished=time.time(), **job.pending)
    except Exception as error:  # noqa: BLE001 — every failure is recorded for the user
        job.record["finished"] = time.time()
        job.fail(error)
    finally:
        shutil.rmtree(job.folder / "in", ignore_errors=True)  # the uploads are not kept
    return job.record


def _inputs(job: _Job) -> list[Path]:
    paths = [job.folder / "in" / item["saved"] for item in job.record["inputs"]]
    for path in paths:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            refuse_large_archive(path, job.names[path.name])
    return paths


def _findings(job: _Job, result, name: str) -> dict[str, Any]:
    findings = []
    for finding in result.findings:
        item = finding.as_json()
        item.update(
            source=finding.source,
            where=finding.location.describe(),
            quote=finding.quote(),
            part=REGIONS.get(finding.location.region, finding.location.region),
            severity_text=finding.severity.vietnamese,
        )
        findings.append(item)
    return {
        "name": name,
        "type": result.doc_type,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": findings,
    }


def _unique(names: list[str]) -> list[str]:
    """Names for the entries of a zip: the same name twice gets “ (2)” before its suffix."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        count = seen.get(name.casefold(), 0) + 1
        seen[name.casefold()] = count
        if count > 1:
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem} ({count}).{suffix}" if dot else f"{name} ({count})"
        unique.append(name)
    return unique


def _zip(path: Path, entries: list[tuple[str, Path]]) -> Path:
    names = _unique([name for name, _ in entries])
    path.write_bytes(archive_bytes((name, source.read_bytes()) for name, (_, source) in zip(names, entries)))
    return path


# -- the jobs (run in a worker process) ----------------------------------------------------------


def run_fill(folder: str, pdf: bool = False, check: bool = True) -> dict[str, Any]:
    """kit fill of the uploaded workbooks, then (with `check`) kit check of each document made."""

    def work(job: _Job) -> None:
        workbooks = _inputs(job)
        warnings: list[Problem] = []
        out = job.folder / "out"
        written = app.fill(workbooks, out, pdf=pdf, on_warning=warnings.append, progress=job.progress)
        documents = [path for path in written if path.suffix == ".docx"]
        results = {Path(r.path).name: r for r in app.check(documents)} if documents and check else {}
        entries, listed = [], []
        for workbook in workbooks:
            stem = (
                job.names[workbook.name].rsplit(".", 1)[0]
                if "." in job.names[workbook.name]
                else job.names[workbook.name]
            )
            made = [path for path in written if path.stem == workbook.stem]
            indices = []
            for path in made:
                name = f"{stem}{path.suffix}"
                indices.append(job.add_file(path, name, path.suffix.lstrip(".")))
                entries.append((name, path))
            docx = next((path for path in made if path.suffix == ".docx"), None)
            document: dict[str, Any] = (
                _findings(job, results[docx.name], f"{stem}.docx")
                if docx and check
                else {"name": f"{stem}.docx", "findings": None}
            )
            document["files"], document["workbook"] = indices, job.names[workbook.name]
            listed.append(document)
        archive = _zip(out / "van-ban.zip", entries)
        job.pending.update(
            documents=listed,
            archive=job.add_file(archive, "van-ban.zip", "zip"),
            warnings=[job.problem(w) for w in warnings],
        )

    return _run(folder, work)


DOSSIER_WORKBOOK = "ho-so-khen-thuong.xlsx"


def run_dossier(folder: str, pdf: bool = False) -> dict[str, Any]:
    """kit dossier --zip of the uploaded workbook, its progress saved as it renders."""

    def work(job: _Job) -> None:
        (workbook,) = _inputs(job)
        # The dossier's folder and zip take a fixed name, never the uploaded one.
        named = workbook.with_name(
            DOSSIER_WORKBOOK if workbook.suffix == ".xlsx" else f"ho-so-khen-thuong{workbook.suffix}"
        )
        workbook.rename(named)
        job.names = {named.name: job.names[workbook.name]}
        result = app.dossier(named, job.folder / "out", archive=True, pdf=pdf, progress=job.progress)
        shown = job.names[named.name]
        stem = shown.rsplit(".", 1)[0] if "." in shown else shown
        assert result.archive is not None  # the dossier is always zipped here (archive=True)
        archive = job.add_file(result.archive, f"{stem}.zip", "zip")
        files = [path for path in result.files if path != result.archive]
        manifest = next(i for i, path in enumerate(files) if path.name == "manifest.json")
        indices = [
            job.add_file(path, path.relative_to(result.folder).as_posix(), path.suffix.lstrip(".")) for path in files
        ]
        job.pending.update(
            archive=archive,
            manifest=indices[manifest],
            documents=[
                {"name": job.record["files"][i]["name"], "files": [i]}
                for i in indices
                if job.record["files"][i]["kind"] == "docx"
            ],
            warnings=[job.problem(w) for w in result.warnings],
        )

    return _run(folder, work)


def run_check(folder: str) -> dict[str, Any]:
    """kit check of the uploaded documents; a copy of each with the findings as Word comments, and
    the findings as JSON (the schema of kit check --format json, with the names the user gave)."""
    from ..checks.report import JSON_SCHEMA_VERSION

    def work(job: _Job) -> None:
        documents = _inputs(job)
        results = app.check(documents)
        out = job.folder / "out"
        out.mkdir()
        listed = []
        for path, result in zip(documents, results):
            name = job.names[path.name]
            stem = name[:-5] if name.lower().endswith(".docx") else name
            annotated = app.annotate([result], out / f"{path.stem}-nhan-xet.docx")
            document = _findings(job, result, name)
            document["files"] = [job.add_file(annotated, f"{stem} (nhận xét).docx", "docx")]
            listed.append(document)
        report = {
            "schema": JSON_SCHEMA_VERSION,
            "documents": [
                {
                    "path": d["name"],
                    "type": d["type"],
                    "findings": [
                        {k: f[k] for k in ("code", "severity", "message", "hint", "location", "excerpt", "source")}
                        for f in d["findings"]
                    ],
                }
                for d in listed
            ],
        }
        (out / "ket-qua-kiem-tra.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        job.pending.update(
            documents=listed, json=job.add_file(out / "ket-qua-kiem-tra.json", "ket-qua-kiem-tra.json", "json")
        )

    return _run(folder, work)


def run_decision(folder: str, pdf: bool = False) -> dict[str, Any]:
    """kit decision, then kit certificates (on pre-printed and on blank paper), of the uploaded dossier
    workbook. The register made here holds this decision only: the office's own register is kept with
    the command line (kit decision --register)."""
    from ..app.certificates import certificates
    from ..app.decision import decision

    def work(job: _Job) -> None:
        (workbook,) = _inputs(job)
        named = workbook.with_name(
            DOSSIER_WORKBOOK if workbook.suffix == ".xlsx" else f"ho-so-khen-thuong{workbook.suffix}"
        )
        workbook.rename(named)
        job.names = {named.name: job.names[workbook.name]}
        out = job.folder / "out"
        result = decision(named, out)
        warnings = list(result.warnings)
        entries = [(path.name, path) for path in result.files]
        if result.register is not None:
            entries.append((result.register.path.name, result.register.path))
        try:
            printed = certificates(named, out, register=result.register.path if result.register else None)
            blank = certificates(
                named, out / "giay-trang", blank=True, register=result.register.path if result.register else None
            )
            warnings += printed.warnings
            # one PDF per certificate layout (giay-khen, bang-khen, bang-chung-nhan), named by its layout
            layouts = [path.name.removeprefix(f"{named.stem}-") for path in printed.paths]
            entries += list(zip(layouts, printed.paths, strict=True))
            entries += [
                (name.replace(".pdf", "-giay-trang.pdf"), path) for name, path in zip(layouts, blank.paths, strict=True)
            ]
        except KitError as error:  # no font on the server: the decision is still given
            warnings.append(
                Problem(
                    job.names[named.name],
                    None,
                    None,
                    None,
                    error.message,
                    error.hint,
                    code=error.code,
                )
            )
        indices = [job.add_file(path, name, path.suffix.lstrip(".")) for name, path in entries]
        archive = job.add_file(_zip(out / "quyet-dinh.zip", entries), "quyet-dinh.zip", "zip")
        job.pending.update(
            archive=archive,
            documents=[{"name": job.record["files"][i]["name"], "files": [i]} for i in indices],
            warnings=[job.problem(w) for w in warnings],
        )

    return _run(folder, work)


JOBS = {"fill": run_fill, "dossier": run_dossier, "check": run_check, "decision": run_decision}


def quiet_worker() -> None:
    """A worker process leaves Ctrl+C to the server, which stops it (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def warm_up() -> int:
    """Import what the jobs use, so a worker's first job is as fast as the next ones."""
    app.warm_up()
    return os.getpid()
