"""What keeps the server safe on an office network: access token, host and origin checks, a bound on
request bodies, CSRF tokens for forms, security headers, file names in downloads."""

from __future__ import annotations

import ipaddress
import json
import re
import secrets
import unicodedata
from urllib.parse import parse_qsl, quote, urlencode

CSRF_COOKIE = "kit_csrf"
TOKEN_COOKIE = "kit_token"
CSRF_FIELD = "csrf"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # with no-referrer, Chromium sends Origin: null on form posts
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """The host of a Host header value ('127.0.0.1:8000', '[::1]:8000', 'localhost')."""
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and bool(a) and bool(b) and secrets.compare_digest(a.encode(), b.encode())


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987)."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = re.sub(r"[^A-Za-z0-9._() -]", "_", plain).strip() or "tep"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def _headers(scope) -> dict[str, str]:
    return {key.decode("latin-1"): value.decode("latin-1") for key, value in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    cookies = {}
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key:
            cookies[key] = value
    return cookies


class Guard:
    """ASGI middleware: every response gets the security headers; requests are refused (one line,
    in Vietnamese) when the access token is missing, the Host is not this server's, a form posts
    from another site, or the body is larger than the bound."""

    def __init__(self, app, *, token: str | None, hosts: set[str], max_body: int):
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        path = scope.get("path", "")
        api = path.startswith("/api/")

        async def send_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                extra = list(HEADERS)
                if not path.startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        async def refuse(status: int, text: str, extra: list | None = None):
            if api or "text/html" not in headers.get("accept", ""):
                body = json.dumps({"error": text}, ensure_ascii=False).encode()
                kind = b"application/json"
            else:
                body = _page(text).encode()
                kind = b"text/html; charset=utf-8"
            await send_headers(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *(extra or [])],
                }
            )
            await send({"type": "http.response.body", "body": body})

        # DNS rebinding: a page of another site resolved to this address must not read from it.
        if self.token is None and _host_name(headers.get("host", "")).lower() not in self.hosts:
            return await refuse(421, "Địa chỉ truy cập không đúng — mở bằng http://127.0.0.1:<cổng>/ như khi khởi động")
        if self.token is not None and not path.startswith("/static/"):
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            authorization = headers.get("authorization", "")
            bearer = authorization[7:] if authorization.lower().startswith("bearer ") else None
            if same(query.get("token"), self.token) and scope["method"] == "GET":
                # The link given to staff: remember the token in a cookie and drop it from the address.
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = path + (f"?{rest}" if rest else "")
                cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                if scope.get("scheme") == "https":
                    cookie += "; Secure"
                await send_headers(
                    {
                        "type": "http.response.start",
                        "status": 303,
                        "headers": [
                            (b"location", location.encode()),
                            (b"set-cookie", cookie.encode()),
                            (b"content-length", b"0"),
                        ],
                    }
                )
                return await send({"type": "http.response.body", "body": b""})
            if not (same(bearer, self.token) or same(_cookies(headers).get(TOKEN_COOKIE), self.token)):
                return await refuse(
                    401,
                    "Cần mã truy cập — mở liên kết có ?token=… do người quản trị gửi, "
                    "hoặc gửi tiêu đề Authorization: Bearer <mã>",
                    [(b"www-authenticate", b"Bearer")],
                )
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1].lower() != headers.get("host", "").lower():
                return await refuse(403, "Yêu cầu gửi từ trang khác bị từ chối — mở trang của máy chủ này rồi gửi lại")
            # The server (h11) never passes on more than Content-Length bytes, so a bound on it bounds
            # the body; a request without one (chunked) is refused rather than read without a bound.
            length = headers.get("content-length")
            if length is None or not length.isdigit():
                return await refuse(
                    411,
                    "Thiếu độ dài dữ liệu (Content-Length) — gửi lại tệp từ trình duyệt hoặc "
                    "kèm tiêu đề Content-Length",
                )
            if int(length) > self.max_body:
                return await refuse(
                    413, f"Dữ liệu gửi lên quá lớn (trên {self.max_body // 2**20} MB) — gửi ít tệp hơn hoặc tệp nhỏ hơn"
                )
        return await self.app(scope, receive, send_headers)


def _page(text: str) -> str:
    from html import escape

    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>vanban-kit</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main>'
        f'<p class="error" role="alert">{escape(text)}</p><p><a href="/">Về trang chính</a></p>'
        "</main></body></html>"
    )
