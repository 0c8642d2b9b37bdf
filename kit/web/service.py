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
from ..diagnostics import worded
from ..errors import KitError, Problem, ProblemsError, UsageError, WorkbookError
from ..ziplimits import archive_bytes, check_unpacked_size

JOB_FILE = "job.json"

# Workbooks: what kit fill reads (.xls and .ods through LibreOffice). Documents: what kit check reads.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DOCUMENT_SUFFIXES = (".docx", ".doc")  # a .doc is taken, to be told what the command line tells of it

# The same bounds kit check applies to a .docx (kit.docmodel), for a workbook before openpyxl unpacks it.

REGIONS = {  # the parts of a document a finding is grouped under, in reading order
    "header": "Phần đầu (cơ quan, quốc hiệu, số, ngày)",
    "title": "Tên loại và trích yếu",
    "kinh_gui": "Kính gửi",
    "body": "Nội dung",
    "noi_nhan": "Nơi nhận",
    "signature": "Chữ ký",
    "layout": "Trình bày trang",
    "appendix": "Phụ lục, văn bản kèm theo",
}

# The page's own words for what to do, where the kit's hint (worded for the command line and the page
# alike) has a better action on the page — its button, page or field — or none the clerk can take (then
# the server's administrator is named): by the message's code (kit/cli_hints.py has the command line's).
# "{hint}" is the kit's hint, "{name}" one of the message's values (kit.diagnostics.worded).
PAGE_HINTS = {
    "KIT011": "máy chủ chưa có LibreOffice: bỏ chọn “Xuất thêm tệp PDF”, hoặc nhờ người quản trị cài LibreOffice",
    "KIT126": "máy chủ chưa có LibreOffice: bỏ chọn “Xuất thêm tệp PDF”, hoặc nhờ người quản trị cài LibreOffice",
    "KIT018": "gửi biểu mẫu này ở trang của loại biểu mẫu đó (Lập văn bản, hoặc Hồ sơ khen thưởng)",
    "KIT017": "tải biểu mẫu mới của gói đó ở trang Mẫu văn bản rồi chép dữ liệu sang",
    "KIT019": "tải biểu mẫu mới ở trang Mẫu văn bản rồi chép dữ liệu sang",
    "KIT021": "nhờ người quản trị máy chủ cài gói đó, hoặc tải biểu mẫu ở trang Mẫu văn bản rồi chép dữ liệu sang",
    "KIT022": "tải lại biểu mẫu ở trang Mẫu văn bản",
    "KIT099": "tải biểu mẫu ở trang Mẫu văn bản rồi điền vào đó",
    "KIT114": "tải lại biểu mẫu ở trang Mẫu văn bản và chép dữ liệu sang",
    "KIT118": "không đổi tên các dòng ở cột A; tải lại biểu mẫu ở trang Mẫu văn bản nếu cần",
    "KIT120": "tải lại biểu mẫu ở trang Mẫu văn bản và chép dữ liệu sang",
    # a pack's own data or parts are wrong: the clerk chooses another pack or tells its maintainer (the kit's
    # hint names the pack's keys, for the maintainer at the command line)
    "KIT009": "chọn gói khác ở ô “Gói mẫu” đầu trang, hoặc báo người quản lý gói mẫu sửa các phần hồ sơ của gói",
    "KIT010": "chọn gói khác ở ô “Gói mẫu” đầu trang, hoặc báo người quản lý gói mẫu sửa các phần hồ sơ của gói",
    "KIT012": "chọn gói khác ở ô “Gói mẫu” đầu trang, hoặc báo người quản lý gói mẫu sửa các phần hồ sơ của gói",
    "KIT216": "chọn gói khác ở ô “Gói mẫu” đầu trang, hoặc báo người quản lý gói mẫu sửa các phần hồ sơ của gói",
    "KIT244": "đối chiếu số, ngày của luật với Công báo hoặc Cơ sở dữ liệu quốc gia về văn bản pháp luật trước khi ký",
    "KIT300": "ghi tiền thưởng vào Quyết định bằng tay, hoặc nhờ người quản lý gói mẫu bổ sung mức thưởng (có nguồn)",
    "KIT301": "ghi tiền thưởng vào Quyết định bằng tay, hoặc nhờ người quản lý gói mẫu bổ sung mức lương cơ sở (có nguồn)",
    "KIT305": "nhờ người quản lý gói mẫu bổ sung hình thức này vào dữ liệu thẩm quyền khen thưởng của gói",
    "KIT319": "báo người quản lý gói mẫu sửa dữ liệu giấy khen của gói",
    "KIT320": "báo người quản lý gói mẫu sửa dữ liệu giấy khen của gói",
    "KIT401": "rút gọn nội dung trong biểu mẫu, hoặc nhờ người quản lý gói mẫu nới ô đó trên giấy khen",
    "KIT130": "{hint}; chọn một gói ở ô “Gói mẫu” đầu trang",
    "KIT165": "không cập nhật; báo người quản lý gói",
    "KIT177": "{hint} (xem trang Mẫu văn bản)",
    "KIT210": "nhờ người quản trị máy chủ chỉ đúng thư mục phông chữ",
    "KIT211": "nhờ người quản trị máy chủ kiểm tra đường dẫn của sổ khen thưởng",
    "KIT212": "nhờ người quản trị máy chủ cài phông Liberation 2 hoặc DejaVu",
    # "chạy lại" (run again) is the command line's; the page's is to send again
    "KIT215": "điền ngày và các thông tin của Quyết định rồi gửi lại biểu mẫu",
    "KIT423": "gửi lại",
    "KIT454": "gửi lại sau ít phút",
    "KIT465": "gửi lại sau ít phút",
    "KIT424": "gửi biểu mẫu này ở trang Lập văn bản",
    "KIT400": "lập Quyết định (ghi vào sổ khen thưởng của đơn vị) trước khi in giấy khen",
    "KIT402": "điền số khi văn thư đã cấp rồi gửi lại biểu mẫu",
    "KIT403": "điền ngày khi văn thư đã ban hành rồi gửi lại biểu mẫu",
    "KIT406": "không đổi tên hay xóa sheet '{sheet}'; tải lại biểu mẫu ở trang Mẫu văn bản nếu cần",
    "KIT455": "nếu ngày đã được sửa, nhờ người quản trị sổ ghi việc sửa ngày của quyết định “{number}” vào sổ trước",
    "KIT456": "nếu ngày đã được sửa, nhờ người quản trị sổ ghi việc sửa ngày của quyết định “{number}” vào sổ trước",
    "KIT462": "nhờ người quản trị máy chủ kiểm tra địa chỉ của sổ, máy chủ và quyền truy cập",
    "KIT466": "nhờ người quản trị máy chủ nâng cấp sổ (sổ SQLite được sao lưu trước khi nâng cấp)",
    "KIT561": "nhờ người quản trị máy chủ thêm kho gói mẫu",
    "KIT576": "không cập nhật; báo người quản lý gói",
    # findings (kit check): the notice is for a signed document; the check page has the draft's choice
    "VB209": "{hint} (bản trình ký thì chọn “Bản trình ký” khi gửi để bỏ lưu ý này)",
}


def page_hint(code: str, hint: str, values: dict[str, str] | None = None) -> str:
    """The hint of a message (or of a finding) as the page words it."""
    return worded(PAGE_HINTS, code, hint, values)


def page_line(error: KitError) -> str:
    """An error as one line of the page: its message and its hint in the page's words (several problems
    of a workbook, several errors: one after the other)."""
    if isinstance(error, ProblemsError):
        return "; ".join(page_line(item) for item in error.errors)
    if isinstance(error, WorkbookError):
        return "; ".join(_worded_problem(problem) for problem in error.problems)
    hint = page_hint(error.code, error.hint, error.values)
    return error.message + (f" — {hint}" if hint else "")


def _worded_problem(problem: Problem) -> str:
    hint = page_hint(problem.code, problem.hint, problem.values)
    return f"{problem.location}: {problem.message}" + (f" — {hint}" if hint else "")


# -- packs and templates --------------------------------------------------------------------------

BUILTIN_NAME = "Gói có sẵn"  # the pack "builtin", as the page names it


def packs() -> list[dict[str, str]]:
    """The installed packs a user can choose on the page: id, the name shown, version."""
    from ..packs.discover import all_manifests

    seen, rows = set(), []
    for _, manifest in all_manifests():
        if manifest.id in seen:
            continue
        seen.add(manifest.id)
        name = BUILTIN_NAME if manifest.id == "builtin" else f"{manifest.raw.get('title', manifest.id)} ({manifest.id})"
        rows.append({"id": manifest.id, "name": name, "version": manifest.version})
    return rows


def certificate_layouts(pack_id: str | None = None) -> list[dict[str, str]]:
    """The certificate layouts the decision page offers to print (id, title), from the chosen pack."""
    from ..app.certificates import certificate_layouts as layouts
    from ..packs import get_pack

    try:
        return [{"id": layout_id, "title": title} for layout_id, title in layouts(get_pack(pack_id))]
    except KitError:  # a pack whose paper data is wrong: the page still opens; the job says what is wrong
        return []


def pack_name(pack_id: str) -> str:
    return BUILTIN_NAME if pack_id == "builtin" else pack_id


def templates(pack_id: str | None = None) -> list[dict[str, Any]]:
    """The templates of a pack a member of staff fills (documents and dossiers), each with the dossier
    parts it makes."""
    from ..packs import get_pack

    pack = get_pack(pack_id)
    specs = app.list_templates(pack_id)
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
                "pack_name": pack_name(spec.pack or pack.id),
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


FIELD_TYPES = {  # a form field's type, as the page names it
    "text": "chữ",
    "longtext": "đoạn chữ",
    "lines": "nhiều dòng",
    "date": "ngày",
    "number": "số",
    "choice": "chọn trong danh sách",
    "abbreviation": "chữ viết tắt",
    "year": "năm",
}
SHEET_KINDS = {"fields": "thông tin chung", "table": "bảng", "instructions": "hướng dẫn"}


def template(template_id: str, pack_id: str | None = None) -> dict[str, Any]:
    """One template with the sheets and fields of its workbook (a UsageError names an unknown id)."""
    from ..packs import get_pack

    pack = get_pack(pack_id)
    spec = pack.template(template_id)
    if spec.kind == "part":
        raise UsageError(f"mẫu '{template_id}' là một phần của hồ sơ", hint="dùng biểu mẫu của cả hồ sơ", code="KIT015")
    form = app.form_of(spec, pack)
    row = next(item for item in templates(pack_id) if item["id"] == spec.id)
    row["sheets"] = [
        {
            "title": sheet.name,
            "kind": sheet.kind,
            "kind_text": SHEET_KINDS.get(sheet.kind, sheet.kind),
            "fields": [
                {
                    "key": f.key,
                    "label": f.label,
                    "type": f.type,
                    "type_text": FIELD_TYPES.get(f.type, f.type),
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


def workbook(template_id: str, sample: bool, work: Path, pack_id: str | None = None) -> tuple[bytes, str]:
    """The blank (or example-filled) input workbook of a template and its download name."""
    target = work / "bieu-mau.xlsx"
    app.build_form(template_id, target, sample=sample, force=True, pack=pack_id)
    return target.read_bytes(), f"{template_id}{'-vi-du' if sample else ''}.xlsx"


def has_office() -> bool:
    from ..office import find_soffice

    return find_soffice() is not None


def register_state(register: str | None) -> tuple[str, bool]:
    """The unit's register as the page names it, and whether it holds anything yet (the database of
    `kit serve --db`, else KIT_DATABASE_URL, else the user's data folder)."""
    from ..app.register import existing_register, shown_register

    try:
        store = existing_register(register)
    except KitError:  # unreachable or of another kit version: the register pages say why
        return shown_register(register), False
    if store is None:
        return shown_register(register), False
    with store:
        return shown_register(register), store.counts()[0] > 0


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
        hint = page_hint(problem.code, problem.hint, problem.values)
        return {
            "code": problem.code,
            "file": self.shown(problem.file),
            "sheet": problem.sheet or "",
            "cell": problem.cell or "",
            "field": problem.field or "",
            "message": self.shown(problem.message),
            "hint": hint,
            "line": self.shown(_worded_problem(problem)),
        }

    def error(self, error: KitError) -> dict[str, str]:
        hint = page_hint(error.code, error.hint, error.values)
        message = self.shown(error.message)
        return error_row(message, hint, error.code)

    def fail(self, error: BaseException) -> None:
        if isinstance(error, WorkbookError):
            errors = [self.problem(p) for p in error.problems]
        elif isinstance(error, ProblemsError):
            errors = [self.error(e) for e in error.errors]
        elif isinstance(error, KitError):
            errors = [self.error(error)]
        elif isinstance(error, MemoryError):  # past the job's memory limit (kit.web.jobs): the worker is replaced
            from .limit_messages import too_costly_line

            message, _, hint = too_costly_line("memory", 0, 0).partition(" — ")
            errors = [error_row(message, hint)]
            self.record["limit"] = "memory"
        else:  # a bug in the kit: one line for the user, the traceback for the server's log
            traceback.print_exception(error, file=sys.stderr)
            line = f"Lỗi nội bộ của vanban-kit ({type(error).__name__})"
            hint = "báo cho nhóm phát triển"
            errors = [error_row(line, hint)]
        self.update(state="failed", errors=errors)

    def step(self, step: str) -> None:
        """The stage the job is at after rendering (pdf, check, zip), shown with the progress."""
        self.update(state="running", step=step)

    def add_file(self, path: Path, name: str, kind: str) -> int:
        files = self.record.setdefault("files", [])
        files.append(
            {"path": path.relative_to(self.folder).as_posix(), "name": name, "kind": kind, "size": path.stat().st_size}
        )
        return len(files) - 1


def error_row(message: str, hint: str, code: str = "") -> dict[str, str]:
    """One error of a job's record as the page shows it: not tied to a cell of a workbook."""
    return {
        "code": code,
        "file": "",
        "sheet": "",
        "cell": "",
        "field": "",
        "message": message,
        "hint": hint,
        "line": message + (f" — {hint}" if hint else ""),
    }


def drop_all_but_the_record(folder: Path) -> None:
    """Every entry of a failed job's folder but its record goes: neither the uploads nor what the job
    had written before it failed (documents, a register of the decision: names and birth dates) are
    kept — it has no result to download, and nothing of it lingers until the job expires."""
    for entry in folder.iterdir():
        if entry.name != JOB_FILE:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                try:
                    entry.unlink(missing_ok=True)
                except OSError:  # Windows: still open (the sweeper removes it with the job)
                    pass


def _run(folder: str, work: Callable[[_Job], None]) -> dict[str, Any]:
    job = _Job(Path(folder))
    job.update(state="running", started=time.time())
    try:
        work(job)
        job.update(state="done", finished=time.time(), **job.pending)
    except Exception as error:  # noqa: BLE001 — every failure is recorded for the user
        job.record["finished"] = time.time()
        job.record.pop("files", None)  # what it had made so far: deleted below
        job.fail(error)
        drop_all_but_the_record(job.folder)
    finally:
        shutil.rmtree(job.folder / "in", ignore_errors=True)  # the uploads are not kept
    return job.record


def _inputs(job: _Job) -> list[Path]:
    paths = [job.folder / "in" / item["saved"] for item in job.record["inputs"]]
    for path in paths:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            refuse_large_archive(path, job.names[path.name])
    return paths


def _findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents of a findings report (kit.app.check.report), each finding with its part of the
    document and its severity in the page's words."""
    for document in report["documents"]:
        for finding in document["findings"]:
            finding["part"] = REGIONS.get(finding["location"]["region"], "Khác")
            finding["severity_text"] = SEVERITY_TEXT.get(finding["severity"], finding["severity"])
    return report["documents"]


SEVERITY_TEXT = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}


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


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


# -- the jobs (run in a worker process) ----------------------------------------------------------


def run_fill(folder: str, pdf: bool = False, check: bool = True) -> dict[str, Any]:
    """What kit fill does with the uploaded workbooks: the documents, each checked as the command
    line checks it (its pack's rules, as a draft)."""

    def work(job: _Job) -> None:
        workbooks = _inputs(job)
        out = job.folder / "out"
        result = app.fill_documents(workbooks, out, pdf=pdf, progress=job.progress)
        names = {result.made[w][0]: f"{_stem(job.names[w.name])}.docx" for w in workbooks}
        reports = _findings(app.check_report(result.checks, names))  # in the order of the workbooks
        entries, listed = [], []
        for workbook, report in zip(workbooks, reports):
            stem = _stem(job.names[workbook.name])
            indices = []
            for path in result.made[workbook]:
                name = f"{stem}{path.suffix}"
                indices.append(job.add_file(path, name, path.suffix.lstrip(".")))
                entries.append((name, path))
            shown: dict[str, Any] = (
                dict(report, name=f"{stem}.docx") if check else {"name": f"{stem}.docx", "findings": None}
            )
            shown["files"], shown["workbook"] = indices, job.names[workbook.name]
            listed.append(shown)
        job.step("zip")
        archive = _zip(out / "van-ban.zip", entries)
        job.pending.update(
            documents=listed,
            archive=job.add_file(archive, "van-ban.zip", "zip"),
            warnings=[job.problem(w) for w in result.warnings],
        )

    return _run(folder, work)


DOSSIER_WORKBOOK = "ho-so-khen-thuong.xlsx"


def _named(job: _Job, workbook: Path) -> Path:
    """The uploaded dossier workbook under a fixed name: the dossier's folder is named from it, never
    from the name the user gave."""
    named = workbook.with_name(
        DOSSIER_WORKBOOK if workbook.suffix == ".xlsx" else f"ho-so-khen-thuong{workbook.suffix}"
    )
    workbook.rename(named)
    job.names = {named.name: job.names[workbook.name]}
    return named


def run_dossier(folder: str, pdf: bool = False, register: str | bool | None = False) -> dict[str, Any]:
    """What kit dossier --zip does with the uploaded workbook (checked against the unit's register when
    one is given), its progress saved as it renders; each document self-checked."""

    def work(job: _Job) -> None:
        (workbook,) = _inputs(job)
        named = _named(job, workbook)
        result = app.dossier(
            named,
            job.folder / "out",
            archive=True,
            pdf=pdf,
            progress=job.progress,
            on_step=job.step,
            register=register,  # False: not compared; None: the server's register
        )
        assert result.archive is not None  # the dossier is always zipped here (archive=True)
        # The zip is named with the Tờ trình's number when it has one, else as the workbook sent.
        shown = result.archive_name if result.number else f"{_stem(job.names[named.name])}.zip"
        archive = job.add_file(result.archive, shown, "zip")
        manifest_path = result.folder / "manifest.json"
        manifest = job.add_file(manifest_path, "manifest.json", "json")
        reports = _findings(app.check_report(result.checks, {d.docx: d.path for d in result.documents}))
        documents = []
        for document, report in zip(result.documents, reports):
            files = [job.add_file(document.docx, document.path, "docx")]
            if document.pdf is not None:
                files.append(job.add_file(document.pdf, document.path[: -len(".docx")] + ".pdf", "pdf"))
            documents.append(
                dict(report, name=document.path, title=document.title, person=document.person, files=files)
            )
        job.pending.update(
            archive=archive,
            manifest=manifest,
            number=result.number,
            documents=documents,
            warnings=[job.problem(w) for w in result.warnings],
        )

    return _run(folder, work)


def run_check(folder: str, pack: str | None = None, draft: bool = False) -> dict[str, Any]:
    """What kit check --pack (--draft) does with the uploaded documents; a copy of each with the findings as
    Word comments, and the findings as JSON (kit check --format json, with the names the user gave)."""
    from ..packs import get_pack

    def work(job: _Job) -> None:
        documents = _inputs(job)
        results = app.check(documents, pack=get_pack(pack) if pack else None, draft=draft)
        out = job.folder / "out"
        out.mkdir()
        report = app.check_report(results, {path: job.names[path.name] for path in documents})
        (out / "ket-qua-kiem-tra.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        listed = []
        for path, result, shown in zip(documents, results, _findings(report)):
            name = job.names[path.name]
            annotated = app.annotate([result], out / f"{path.stem}-nhan-xet.docx")
            shown["name"] = name
            shown["files"] = [job.add_file(annotated, f"{_stem(name)} (nhận xét).docx", "docx")]
            listed.append(shown)
        job.pending.update(
            documents=listed, json=job.add_file(out / "ket-qua-kiem-tra.json", "ket-qua-kiem-tra.json", "json")
        )

    return _run(folder, work)


def run_decision(folder: str, register: str | bool | None = None, kinds: list[str] | None = None) -> dict[str, Any]:
    """What kit decision --certificates --zip does with the uploaded dossier workbook: the decision,
    recorded in the unit's register (`register`; without one, a register of this decision alone), and
    its certificates on pre-printed and on blank paper — of the layouts `kinds` (None: every layout the
    decision's awards have; []: none)."""

    def work(job: _Job) -> None:
        (workbook,) = _inputs(job)
        named = _named(job, workbook)
        # False: a register of this decision alone, in the job's folder (the unit's is not written)
        own = f"sqlite:///{job.folder / 'so-rieng.sqlite'}"
        store = register if isinstance(register, str) else own if register is False else None
        result = app.award(
            named,
            job.folder / "out",
            register=store,
            certificates=kinds is None or bool(kinds),
            archive=True,
            kinds=kinds or None,
        )
        assert result.archive is not None
        out = job.folder / "out"
        indices = []
        for name, path in result.entries:
            if not path.is_relative_to(job.folder):  # the unit's register: a copy as it is after this decision
                path = Path(shutil.copy2(path, out / name))
            indices.append(job.add_file(path, name, path.suffix.lstrip(".")))
        archive = job.add_file(result.archive, result.archive.name, "zip")
        job.pending.update(
            archive=archive,
            number=result.number,
            registered=result.registered,
            register_kept=register is not False,
            documents=[{"name": job.record["files"][i]["name"], "files": [i]} for i in indices],
            warnings=[job.problem(w) for w in result.warnings],
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
