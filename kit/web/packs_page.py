"""The page "Gói mẫu": the packs found with their source and signer, the registries and the age of their
index, an update when a registry lists a newer release, what it changes before updating. Updating changes
the server's packs: it needs the form's CSRF token and, when the server listens beyond this machine, the
access token (kit.web.security.Guard asks it of every request; a server without one is refused here too).
A thin adapter over kit.app.registry and kit.app.pack_diff."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..errors import KitError
from ..version import __version__
from . import security

HERE = Path(__file__).resolve().parent
pages = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)


def _page(request: Request, name: str, status: int = 200, **context) -> Response:
    """A page with the form token in its cookie, as the other pages of kit.web.app are made."""
    token = request.cookies.get(security.CSRF_COOKIE) or security.new_token()
    settings = request.app.state.settings
    from . import service

    response = pages.TemplateResponse(
        request,
        name,
        {
            "csrf": token,
            "office": service.has_office(),
            "version": __version__,
            "settings": settings,
            "nav": "goi-mau",
            **request.app.state.page_context(request),
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


def _line(error: KitError) -> str:
    """An error in the page's words (kit.web.service.page_line)."""
    from . import service

    return service.page_line(error)


async def _refused(request: Request) -> tuple[str | None, dict[str, str]]:
    """Why a form post that changes the packs is refused (None: accepted), and the form's values."""
    settings = request.app.state.settings
    if not security.is_loopback(settings.host) and not settings.token:
        return "Máy chủ nghe ngoài máy này mà không có mã truy cập — chạy lại kit serve với --token rồi cập nhật", {}
    form = await request.form(max_files=0, max_fields=5)
    values = {key: value for key, value in form.items() if isinstance(value, str)}
    if not security.same(values.get(security.CSRF_FIELD), request.cookies.get(security.CSRF_COOKIE)):
        return "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ — tải lại trang rồi gửi lại", values
    return None, values


async def _overview(request: Request, refresh: bool = False, status: int = 200, **context) -> Response:
    from ..app.registry import overview

    try:
        data = await run_in_threadpool(overview, refresh)
    except KitError as error:
        return _page(request, "packs.html", status=400, packs=[], registries=[], notes=[], error=_line(error))
    return _page(request, "packs.html", status=status, **data, **context)


@router.get("/goi-mau")
async def packs_page(request: Request):
    return await _overview(request)


@router.post("/goi-mau/tai-lai")
async def refresh_indexes(request: Request):
    problem, _ = await _refused(request)
    if problem:
        return await _overview(request, status=403, error=problem)
    return await _overview(request, refresh=True, done="Đã tải lại chỉ mục các kho.")


@router.get("/goi-mau/{pack_id}/thay-doi")
async def changes_page(request: Request, pack_id: str, version: str = ""):
    """What installing `version` (a release of the pack's registry) would change, before updating."""
    from ..app.registry import diff
    from ..packs.model import ID_PATTERN
    from ..packs.registry import VERSION_PATTERN

    if not ID_PATTERN.match(pack_id) or not VERSION_PATTERN.match(version):
        return _page(
            request, "message.html", status=404, error="Không có gói hoặc phiên bản này — về trang Gói mẫu: /goi-mau"
        )
    try:
        changes = await run_in_threadpool(lambda: diff(pack_id, f"{pack_id}@{version}", refresh=False))
    except KitError as error:
        return _page(request, "message.html", status=400, error=_line(error))
    return _page(request, "pack_changes.html", pack_id=pack_id, new_version=version, changes=changes)


@router.post("/goi-mau/{pack_id}/cap-nhat")
async def update_pack(request: Request, pack_id: str):
    from ..app.registry import update
    from ..packs.model import ID_PATTERN

    problem, values = await _refused(request)
    if problem:
        return await _overview(request, status=403, error=problem)
    version = values.get("version") or None
    if not ID_PATTERN.match(pack_id):
        return await _overview(request, status=404, error=f"'{pack_id}' không phải mã gói — chọn gói trong danh sách")
    try:
        done, _notes = await run_in_threadpool(lambda: update(pack_id, refresh=False, to_version=version))
    except KitError as error:
        return await _overview(request, status=400, error=_line(error))
    if not done:
        return RedirectResponse("/goi-mau", status_code=303)
    item = done[0]
    return await _overview(request, done=f"Đã cập nhật gói {item.id}: {item.old} → {item.new} ({item.source}).")
