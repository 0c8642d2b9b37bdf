"""The web application: pages for staff (server-rendered, Vietnamese) and the versioned HTTP API."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import KitError
from ..office import INSTALL_HINT
from ..version import __version__
from . import packs_page, register_pages, security, service
from .jobs import DEFAULT_JOB_MEMORY_MB, DEFAULT_JOB_SECONDS, Runner
from .store import Store

HERE = Path(__file__).resolve().parent
BUSY = "Đang bận, thử lại sau"
PACK_COOKIE = "goi-mau"  # the pack this browser chose
EXPIRED = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ — tải lại trang rồi gửi lại"
NO_REGISTER = "Sổ khen thưởng của đơn vị chưa có — sổ được lập khi lập Quyết định ở trang Quyết định, giấy khen"
# Without LibreOffice the PDF box stays on the page, disabled, saying what to install.
OFFICE_HINT = f"Cần LibreOffice để xuất PDF: {INSTALL_HINT}"
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    results_dir: Path | None = None  # default: a folder of the system's temporary directory
    keep_minutes: float = 60
    max_jobs: int = 32  # jobs admitted at once (running or waiting for a worker); beyond: busy
    workers: int = 0  # worker processes; 0: one per core
    max_file_mb: int = 20
    max_files: int = 20
    job_seconds: float = DEFAULT_JOB_SECONDS  # wall-clock limit of one job (kit.web.jobs)
    job_memory_mb: int = DEFAULT_JOB_MEMORY_MB  # memory limit of one job: its worker's tree, every system
    # On POSIX the worker's address space is bounded too (RLIMIT_AS); False leaves the watchdog alone.
    job_address_limit: bool = True
    max_uploads_mb: int = 0  # uploads being received at once, in all (0: twice what one request may send)
    pack: str | None = None  # the pack chosen when a browser has chosen none (kit serve --pack); None: builtin
    register: str | None = (
        None  # the unit's register database (as kit decision --db); None: KIT_DATABASE_URL, else the user's data folder
    )


class Refused(Exception):
    """A request the server will not process: its status and one line for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    store = Store.open(settings.results_dir, settings.keep_minutes * 60)  # private: see kit/web/store.py
    runner = Runner(
        settings.workers, settings.max_jobs, settings.job_seconds, settings.job_memory_mb, settings.job_address_limit
    )
    max_file = settings.max_file_mb * 2**20

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app):
        async def sweep():
            while True:
                await run_in_threadpool(store.sweep)
                await asyncio.sleep(60)

        sweeper = asyncio.create_task(sweep())
        await run_in_threadpool(runner.pool)  # workers started (and warmed) before the first request
        try:
            yield
        finally:
            sweeper.cancel()
            for task in list(runner.background):
                task.cancel()
            await run_in_threadpool(runner.shutdown)
            await run_in_threadpool(store.close)

    app = FastAPI(
        title="vanban-kit",
        version=__version__,
        lifespan=lifespan,
        description="Lập văn bản hành chính (Nghị định 30/2020/NĐ-CP) từ biểu mẫu Excel, lập hồ sơ khen "
        "thưởng, kiểm tra thể thức văn bản Word.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings, app.state.store, app.state.runner = settings, store, runner
    hosts = set(security.LOOPBACK_NAMES) | {settings.host.strip("[]")}
    max_body = settings.max_files * max_file + 2**20
    app.add_middleware(
        security.Guard,
        token=settings.token,
        hosts=hosts,
        max_body=max_body,
        busy=runner.busy,  # admission before a body is read: a busy server answers 503 at once
        max_uploads=settings.max_uploads_mb * 2**20 or 2 * max_body,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(packs_page.router)  # "Gói mẫu": packs, their source and signer, updates
    pages = Jinja2Templates(directory=str(HERE / "templates"))
    pages.env.globals["certificate_layouts"] = service.certificate_layouts  # the decision page's choices
    pages.env.globals["page_hint"] = service.page_hint  # a finding's hint in the page's words
    office = service.has_office()
    register = settings.register or None

    def chosen_pack(request: Request) -> str:
        """The pack this browser chose (a cookie), if still installed; else kit serve --pack, else builtin."""
        installed = {item["id"] for item in service.packs()}
        wanted = request.cookies.get(PACK_COOKIE)
        if wanted in installed:
            return wanted
        return settings.pack if settings.pack in installed else "builtin"

    # -- errors in one Vietnamese line, as everywhere else ---------------------------------------

    def wants_page(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError):
        fields = ", ".join(str(item["loc"][-1]) for item in error.errors() if item.get("loc")) or "?"
        return JSONResponse(
            {"error": f"Yêu cầu thiếu hoặc sai trường: {fields} — xem mô tả API tại /api/v1/openapi.json"},
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        text = {404: "Không có trang này — về trang chính: /", 405: "Địa chỉ này không nhận kiểu yêu cầu đó"}.get(
            error.status_code, "Yêu cầu không hợp lệ — gửi lại từ trang của máy chủ"
        )
        if wants_page(request):
            return page(request, "message.html", status=error.status_code, error=text)
        return JSONResponse({"error": text}, status_code=error.status_code, headers=getattr(error, "headers", None))

    # -- helpers ----------------------------------------------------------------------------------

    def shared_context(request: Request) -> dict[str, Any]:
        """What every page's header and forms show: the pack chooser, the unit's register, the PDF box."""
        return {
            "office_hint": OFFICE_HINT,
            "packs": service.packs(),
            "pack": chosen_pack(request),
            **dict(zip(("register_name", "register_kept"), service.register_state(register), strict=True)),
            "here": request.url.path,
        }

    app.state.page_context = shared_context  # for the pages of other routers (kit/web/packs_page.py)

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        token = request.cookies.get(security.CSRF_COOKIE) or security.new_token()
        response = pages.TemplateResponse(
            request,
            name,
            {
                "csrf": token,
                "office": office,
                "version": __version__,
                "settings": settings,
                **shared_context(request),
                **context,
            },
            status_code=status,
        )
        if request.cookies.get(security.CSRF_COOKIE) != token:
            response.set_cookie(
                security.CSRF_COOKIE,
                token,
                httponly=True,
                samesite="strict",
                path="/",
                secure=request.url.scheme == "https",
            )
        return response

    async def accept(
        files: list[Any], kind: str, suffixes: tuple[str, ...], one: bool = False, **values
    ) -> tuple[str, Path]:
        """Save the uploads in a new private folder under names the server chooses; the slot of a job
        is taken first (and given back if the uploads are refused)."""
        files = [f for f in files if hasattr(f, "read") and getattr(f, "filename", None)]
        if not files:
            raise Refused(400, "Chưa chọn tệp nào — chọn hoặc kéo thả tệp vào ô rồi gửi")
        limit = 1 if one else settings.max_files
        if len(files) > limit:
            raise Refused(413, f"Quá nhiều tệp ({len(files)}) — mỗi lần gửi tối đa {limit} tệp")
        inputs = []
        for number, upload in enumerate(files, 1):
            name = service.display_name(upload.filename)
            suffix = next((s for s in suffixes if name.lower().endswith(s)), None)
            if suffix is None:
                raise Refused(415, f"{name}: không nhận loại tệp này — chỉ nhận {', '.join(suffixes)}")
            inputs.append({"saved": f"tep-{number:02d}{suffix}", "name": name})
        if not runner.try_acquire():
            raise Refused(503, BUSY)
        job_id, folder = None, None
        try:
            job_id, folder = store.create(kind, inputs, **values)
            for upload, item in zip(files, inputs):
                await save(upload, folder / "in" / item["saved"], item["name"])
        except BaseException:
            runner.release()
            if folder is not None:
                await run_in_threadpool(shutil.rmtree, folder, True)
            raise
        return job_id, folder

    async def save(upload, target: Path, name: str) -> None:
        written = 0
        with open(target, "wb") as out:
            while chunk := await upload.read(2**20):
                written += len(chunk)
                if written > max_file:
                    raise Refused(
                        413,
                        f"{name}: tệp lớn quá (trên {settings.max_file_mb} MB) — "
                        "gửi tệp nhỏ hơn hoặc chia thành nhiều tệp",
                    )
                out.write(chunk)

    async def run_now(kind: str, folder: Path, *args) -> dict[str, Any]:
        try:
            return await runner.run(kind, folder, *args)  # under its limits, in its lane (kit.web.jobs)
        finally:
            runner.release()

    def run_later(kind: str, folder: Path, *args) -> None:
        task = asyncio.create_task(run_now(kind, folder, *args))
        runner.background.add(task)
        task.add_done_callback(runner.background.discard)

    def public(record: dict[str, Any], request: Request) -> dict[str, Any]:
        """A job as the API shows it: no server paths, files with their download addresses."""
        job_id = record["id"]
        view: dict[str, Any] = {
            key: record.get(key)
            for key in (
                "id",
                "kind",
                "state",
                "done",
                "total",
                "errors",
                "warnings",
                "documents",
                "archive",
                "manifest",
                "json",
                "step",
                "number",
                "registered",
                "register_kept",
                "created",
                "finished",
            )
            if key in record
        }
        # Addresses relative to the server (a reverse proxy in front may change the scheme and host).
        view["files"] = [
            {
                "name": f["name"],
                "kind": f["kind"],
                "size": f["size"],
                "url": app.url_path_for("download", job_id=job_id, index=index),
            }
            for index, f in enumerate(record.get("files", []))
        ]
        view["page"] = app.url_path_for("result_page", job_id=job_id)
        return view

    def refused_page(request: Request, name: str, error: Refused, **context) -> Response:
        return page(request, name, status=error.status, error=error.message, **context)

    async def submit(
        request: Request, name: str, nav: str, kind: str, suffixes: tuple[str, ...], one: bool = False
    ) -> Response:
        """A page's upload form: checked (its token, the uploads), then the job, then its result page —
        at once for a dossier, whose page shows the progress."""
        try:
            form = await request.form(max_files=settings.max_files + 1, max_fields=20)
        except HTTPException:
            return refused_page(
                request, name, Refused(413, f"Quá nhiều tệp — mỗi lần gửi tối đa {settings.max_files} tệp"), nav=nav
            )
        try:
            token = form.get(security.CSRF_FIELD)
            if not security.same(token if isinstance(token, str) else None, request.cookies.get(security.CSRF_COOKIE)):
                raise Refused(403, EXPIRED)
            args = job_options(kind, form, chosen_pack(request))
            job_id, folder = await accept(form.getlist("files"), kind, suffixes, one=one, options=list(args))
        except Refused as error:
            return refused_page(request, name, error, nav=nav)
        finally:
            await form.close()
        if kind == "dossier":
            run_later(kind, folder, *args)
        else:
            await run_now(kind, folder, *args)
        return RedirectResponse(app.url_path_for("result_page", job_id=job_id), status_code=303)

    def job_options(kind: str, form, pack: str) -> tuple:
        """The options of a job, as the command line's: PDF (with LibreOffice), the pack's rules for a
        check, the unit's register for a dossier (compared) and a decision (recorded), with the kinds of
        certificate to print."""
        pdf = office and form.get("pdf") == "1"
        if kind == "check":
            return (pack, form.get("draft") == "1")
        if kind == "fill":
            return (pdf,)
        if kind == "dossier":
            return (pdf, register if form.get("register") == "1" else False)  # False: not compared
        # a decision: the register (False: this decision's own register), and the certificate layouts
        # ticked (none sent by the page: every layout)
        kinds = [str(k) for k in form.getlist("kinds")] if form.get("kinds_shown") == "1" else None
        return (register if form.get("register") == "1" else False, kinds)

    app.include_router(register_pages.router(page, register))  # the page Sổ khen thưởng and its API

    @app.exception_handler(register_pages.RegisterUnavailable)
    async def register_unavailable(request: Request, error: register_pages.RegisterUnavailable):
        """A register that cannot be read (older schema, unreachable): its one line, not a server error."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": error.line}, status_code=503)
        return page(request, "message.html", status=503, nav="so", error=error.line)

    # -- pages ------------------------------------------------------------------------------------

    @app.post("/goi", include_in_schema=False)
    async def choose_pack(request: Request):
        """The pack chooser: remembered by this browser (a cookie), used by forms, dossiers and checks."""
        form = await request.form(max_files=0, max_fields=5)
        token, wanted, back = form.get(security.CSRF_FIELD), form.get("pack"), form.get("back")
        if not security.same(token if isinstance(token, str) else None, request.cookies.get(security.CSRF_COOKIE)):
            return page(request, "message.html", status=403, error=EXPIRED)
        target = back if isinstance(back, str) and back.startswith("/") and not back.startswith("//") else "/"
        response = RedirectResponse(target, status_code=303)
        if isinstance(wanted, str) and wanted in {item["id"] for item in service.packs()}:
            response.set_cookie(PACK_COOKIE, wanted, max_age=400 * 86400, httponly=True, samesite="strict", path="/")
        return response

    @app.get("/", include_in_schema=False)
    async def home(request: Request):
        return page(
            request,
            "templates.html",
            nav="mau",
            templates=await run_in_threadpool(service.templates, chosen_pack(request)),
        )

    @app.get("/mau/{template_id}", include_in_schema=False)
    async def template_page(request: Request, template_id: str):
        try:
            spec = await run_in_threadpool(service.template, template_id, chosen_pack(request))
        except KitError as error:
            return page(request, "message.html", status=404, nav="mau", error=service.page_line(error))
        return page(request, "template.html", nav="mau", spec=spec)

    @app.get("/lap-van-ban", include_in_schema=False)
    async def fill_form(request: Request):
        return page(request, "fill.html", nav="lap")

    @app.post("/lap-van-ban", include_in_schema=False)
    async def fill_submit(request: Request):
        return await submit(request, "fill.html", "lap", "fill", service.WORKBOOK_SUFFIXES)

    @app.get("/ho-so", include_in_schema=False)
    async def dossier_form(request: Request):
        return page(request, "dossier.html", nav="ho-so")

    @app.post("/ho-so", include_in_schema=False)
    async def dossier_submit(request: Request):
        return await submit(request, "dossier.html", "ho-so", "dossier", service.WORKBOOK_SUFFIXES, one=True)

    @app.get("/quyet-dinh", include_in_schema=False)
    async def decision_form(request: Request):
        return page(request, "decision.html", nav="quyet-dinh")

    @app.post("/quyet-dinh", include_in_schema=False)
    async def decision_submit(request: Request):
        return await submit(request, "decision.html", "quyet-dinh", "decision", service.WORKBOOK_SUFFIXES, one=True)

    @app.get("/kiem-tra", include_in_schema=False)
    async def check_form(request: Request):
        return page(request, "check.html", nav="kiem-tra")

    @app.post("/kiem-tra", include_in_schema=False)
    async def check_submit(request: Request):
        return await submit(request, "check.html", "kiem-tra", "check", service.DOCUMENT_SUFFIXES)

    @app.get("/ket-qua/{job_id}", include_in_schema=False, name="result_page")
    async def result_page(request: Request, job_id: str):
        record = await run_in_threadpool(store.job, job_id)
        if record is None:
            return page(
                request,
                "message.html",
                status=404,
                error="Kết quả này không có hoặc đã hết hạn (được giữ "
                f"{settings.keep_minutes:g} phút) — gửi lại tệp để lập lại",
            )
        nav = {"fill": "lap", "dossier": "ho-so", "check": "kiem-tra", "decision": "quyet-dinh"}[record["kind"]]
        groups = _grouped(record)
        return page(request, "result.html", nav=nav, job=public(record, request), groups=groups)

    # -- the HTTP API -----------------------------------------------------------------------------

    @app.get("/api/v1/packs", tags=["mẫu"], summary="Các gói mẫu đã cài")
    async def api_packs():
        return await run_in_threadpool(service.packs)

    @app.get("/api/v1/templates", tags=["mẫu"], summary="Các mẫu văn bản và hồ sơ của một gói đã cài")
    async def api_templates(request: Request, pack: str | None = None):
        try:
            return await run_in_threadpool(service.templates, pack or chosen_pack(request))
        except KitError as error:
            return JSONResponse({"error": service.page_line(error)}, status_code=404)

    @app.get("/api/v1/templates/{template_id}", tags=["mẫu"], summary="Một mẫu, với các sheet và trường của biểu mẫu")
    async def api_template(request: Request, template_id: str, pack: str | None = None):
        try:
            return await run_in_threadpool(service.template, template_id, pack or chosen_pack(request))
        except KitError as error:
            return JSONResponse({"error": service.page_line(error)}, status_code=404)

    @app.get(
        "/api/v1/templates/{template_id}/workbook",
        tags=["mẫu"],
        summary="Biểu mẫu Excel (trống hoặc có ví dụ)",
        response_class=Response,
        responses={200: {"content": {MEDIA["xlsx"]: {}}}},
    )
    async def api_workbook(request: Request, template_id: str, sample: bool = False, pack: str | None = None):
        chosen = pack or chosen_pack(request)

        def build():
            with tempfile.TemporaryDirectory(prefix="kit-web-") as work:
                return service.workbook(template_id, sample, Path(work), chosen)

        try:
            data, name = await run_in_threadpool(build)
        except KitError as error:
            return JSONResponse({"error": service.page_line(error)}, status_code=404)
        return Response(
            data, media_type=MEDIA["xlsx"], headers={"content-disposition": security.content_disposition(name)}
        )

    def api_refused(error: Refused) -> JSONResponse:
        return JSONResponse(
            {"error": error.message},
            status_code=error.status,
            headers={"retry-after": "5"} if error.status == 503 else None,
        )

    @app.post(
        "/api/v1/fill",
        tags=["văn bản"],
        summary="Lập văn bản Word từ các biểu mẫu Excel đã điền",
        responses={
            422: {"description": "Biểu mẫu có lỗi: không lập văn bản nào, danh sách lỗi trong errors"},
            503: {"description": BUSY},
        },
    )
    async def api_fill(
        request: Request,
        files: list[UploadFile] = File(...),
        pdf: bool = Form(False),
        check: bool = Form(True, description="tự kiểm tra thể thức từng văn bản (findings)"),
    ):
        try:
            job_id, folder = await accept(files, "fill", service.WORKBOOK_SUFFIXES, options=[office and pdf, check])
        except Refused as error:
            return api_refused(error)
        record = await run_now("fill", folder, office and pdf, check)
        return JSONResponse(public(record, request), status_code=200 if record["state"] == "done" else 422)

    @app.post(
        "/api/v1/dossier",
        tags=["hồ sơ"],
        status_code=202,
        summary="Lập hồ sơ khen thưởng từ một biểu mẫu; theo dõi tiến độ ở /api/v1/jobs/{id}",
        responses={503: {"description": BUSY}},
    )
    async def api_dossier(
        request: Request,
        file: UploadFile = File(...),
        pdf: bool = Form(False),
        register_check: bool = Form(False, alias="register", description="đối chiếu với sổ khen thưởng của đơn vị"),
    ):
        args = (office and pdf, register if register_check else False)
        try:
            job_id, folder = await accept([file], "dossier", service.WORKBOOK_SUFFIXES, one=True, options=list(args))
        except Refused as error:
            return api_refused(error)
        run_later("dossier", folder, *args)
        record = service.read_job(folder)
        if record is None:
            return api_refused(Refused(500, "Không ghi được việc vào thư mục kết quả — thử lại"))
        return JSONResponse(
            public(record, request),
            status_code=202,
            headers={"location": app.url_path_for("api_job", job_id=job_id)},
        )

    @app.post(
        "/api/v1/check",
        tags=["kiểm tra"],
        summary="Kiểm tra thể thức văn bản Word (.docx)",
        responses={503: {"description": BUSY}},
    )
    async def api_check(
        request: Request,
        files: list[UploadFile] = File(...),
        pack: str | None = Form(None, description="gói mẫu có cài đặt quy tắc (mặc định: gói đang chọn)"),
        draft: bool = Form(False, description="bản trình ký: không nhắc số và ngày còn để trống cho văn thư ghi"),
    ):
        chosen = pack or chosen_pack(request)
        try:
            job_id, folder = await accept(files, "check", service.DOCUMENT_SUFFIXES, options=[chosen, draft])
        except Refused as error:
            return api_refused(error)
        record = await run_now("check", folder, chosen, draft)
        return JSONResponse(public(record, request), status_code=200 if record["state"] == "done" else 422)

    @app.get("/api/v1/jobs/{job_id}", tags=["kết quả"], summary="Trạng thái, tiến độ và kết quả của một việc")
    async def api_job(request: Request, job_id: str):
        record = await run_in_threadpool(store.job, job_id)
        if record is None:
            return JSONResponse({"error": "Kết quả này không có hoặc đã hết hạn"}, status_code=404)
        return public(record, request)

    @app.get(
        "/api/v1/jobs/{job_id}/files/{index}",
        tags=["kết quả"],
        summary="Tải một tệp kết quả",
        name="download",
        response_class=FileResponse,
    )
    async def download(job_id: str, index: int):
        found = await run_in_threadpool(store.file, job_id, index)
        if found is None:
            return JSONResponse({"error": "Tệp này không có hoặc đã hết hạn"}, status_code=404)
        path, entry = found
        return FileResponse(
            path,
            media_type=MEDIA.get(entry["kind"], "application/octet-stream"),
            headers={"content-disposition": security.content_disposition(entry["name"])},
        )

    return app


def _grouped(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of each checked document grouped by part, in reading order."""
    order = list(service.REGIONS.values())
    documents = []
    for document in record.get("documents", []):
        parts: dict[str, list] = {}
        for finding in document.get("findings") or []:
            parts.setdefault(finding["part"], []).append(finding)
        documents.append(
            {
                **document,
                "parts": sorted(
                    parts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
                ),
            }
        )
    return documents
