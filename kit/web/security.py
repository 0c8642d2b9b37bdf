"""What keeps the server safe on an office network: access token, host and origin checks, a bound on
request bodies (each, and all those being received at once, admitted before any byte of a body is
read), uploads cut off when they arrive too slowly or too late, CSRF tokens for forms, security
headers, file names in downloads, and failed token attempts slowed down per client."""

from __future__ import annotations

import ipaddress
import json
import re
import secrets
import threading
import time
import unicodedata
from collections import OrderedDict
from urllib.parse import parse_qsl, quote, unquote, urlencode

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


MIN_TOKEN_LENGTH = 20  # characters: a short code can be guessed over a network, even slowed down


def access_token(host: str, given: str | None) -> str | None:
    """The access token of a server listening on `host`: the one given (NFC, at least 20 characters,
    any letters — Vietnamese ones work in the link, the cookie and the Authorization header), else a
    strong random one when it listens beyond this machine, else none. UsageError for a weak token."""
    from ..errors import UsageError

    if given is None:
        return None if is_loopback(host) else new_token()
    token = unicodedata.normalize("NFC", given)
    if len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(
            f"--token quá ngắn ({len(token)} ký tự)",
            hint=f"dùng mã ít nhất {MIN_TOKEN_LENGTH} ký tự khó đoán, hoặc bỏ --token để máy chủ tự tạo một mã "
            "ngẫu nhiên",
            code="KIT507",
        )
    if any(ch.isspace() or unicodedata.category(ch)[0] in "CZ" for ch in token):
        raise UsageError(
            "--token có dấu cách hoặc ký tự điều khiển",
            hint="dùng chữ, số và dấu câu liền nhau, hoặc bỏ --token để máy chủ tự tạo một mã ngẫu nhiên",
            code="KIT508",
        )
    return token


def token_link(url: str, token: str | None) -> str:
    """The address to give staff: the token in it, percent-encoded (UTF-8) when it holds letters beyond ASCII."""
    return f"{url}?token={quote(token, safe='')}" if token else url


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and bool(a) and bool(b) and secrets.compare_digest(a.encode(), b.encode())


def _as_token(text: str | None) -> str | None:
    """A token as a client sent it (raw UTF-8 or percent-encoded), in the form it is compared in."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", unquote(text, errors="replace"))


class Throttle:
    """Failed token attempts per client: after a few, each further attempt waits longer (doubling up to
    a minute) and is answered 429 at once, without looking at the token. Bounded memory: the clients
    seen longest ago are forgotten first."""

    FREE = 5  # failures before any wait
    MAX_WAIT = 60.0
    MAX_CLIENTS = 4096

    def __init__(self):
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client → (failures, blocked until)

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds this client must still wait before its next attempt is looked at (0: none)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures, until = self._clients.get(client, (0, 0.0))
        return max(0.0, until - now)

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            failures, _ = self._clients.pop(client, (0, 0.0))
            failures += 1
            wait = 0.0 if failures <= self.FREE else min(self.MAX_WAIT, 2.0 ** (failures - self.FREE - 1))
            self._clients[client] = (failures, now + wait)
            while len(self._clients) > self.MAX_CLIENTS:
                self._clients.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._clients.pop(client, None)


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987)."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = re.sub(r"[^A-Za-z0-9._() -]", "_", plain).strip() or "tep"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def _headers(scope) -> dict[str, str]:
    return {key.decode("latin-1"): value.decode("latin-1") for key, value in scope.get("headers", [])}


def _raw_header(scope, name: bytes) -> str:
    """A header's value decoded as UTF-8 (ASGI gives bytes; a client may send a UTF-8 token raw)."""
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("utf-8", "replace")
    return ""


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

    BODY_SECONDS = 300.0  # a whole upload (20 MB over a slow office line) arrives within this
    # An upload holds its share of the bound on uploads being received (its Content-Length) until it
    # ends: one sending less than UPLOAD_MIN_BYTES in a window of UPLOAD_WINDOW_SECONDS is cut off (408,
    # one line) and gives its share back. The first window also takes in UPLOAD_GRACE_SECONDS (a
    # connection's start, a proxy's buffering): the first look is after 15 s, then every 10 s.
    UPLOAD_MIN_BYTES = 100 * 1024
    UPLOAD_WINDOW_SECONDS = 10.0
    UPLOAD_GRACE_SECONDS = 5.0

    def __init__(
        self,
        app,
        *,
        token: str | None,
        hosts: set[str],
        max_body: int,
        busy=None,
        max_uploads: int | None = None,
    ):
        self.app = app
        self.token = unicodedata.normalize("NFC", token) if token is not None else None
        self.hosts = {h.lower() for h in hosts}
        self.max_body = max_body
        self.throttle = Throttle()
        self.busy = busy  # () -> bool: no job can be admitted now
        self.max_uploads = max_uploads or 2 * max_body  # bytes of uploads being received at once
        self.receiving = 0

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

        async def refuse(status: int, text: str, extra: list | None = None, page: bool = False):
            if api or ("text/html" not in headers.get("accept", "") and not page):
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
            client = (scope.get("client") or ("?", 0))[0]
            waiting = self.throttle.wait(client)
            if waiting > 0:
                return await refuse(
                    429,
                    f"Nhập sai mã truy cập nhiều lần — chờ {waiting:.0f} giây rồi thử lại với đúng liên kết",
                    [(b"retry-after", str(int(waiting) + 1).encode())],
                )
            # The query string and headers hold UTF-8 (raw or percent-encoded): a token with Vietnamese
            # letters works in the link, the cookie and the Authorization header alike.
            query = dict(parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace")))
            authorization = _raw_header(scope, b"authorization")
            bearer = _as_token(authorization[7:]) if authorization.lower().startswith("bearer ") else None
            cookie = _as_token(_cookies(headers).get(TOKEN_COOKIE))
            from_link = _as_token(query.get("token"))
            if same(from_link, self.token) and scope["method"] == "GET":
                self.throttle.succeeded(client)
                # The link given to staff: remember the token in a cookie and drop it from the address.
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = path + (f"?{rest}" if rest else "")
                cookie_line = f"{TOKEN_COOKIE}={quote(self.token, safe='')}; Path=/; HttpOnly; SameSite=Strict"
                if scope.get("scheme") == "https":
                    cookie_line += "; Secure"
                await send_headers(
                    {
                        "type": "http.response.start",
                        "status": 303,
                        "headers": [
                            (b"location", quote(location, safe="/?=&%").encode()),
                            (b"set-cookie", cookie_line.encode()),
                            (b"content-length", b"0"),
                        ],
                    }
                )
                return await send({"type": "http.response.body", "body": b""})
            if same(bearer, self.token) or same(cookie, self.token):
                self.throttle.succeeded(client)
            else:
                if any(value is not None for value in (bearer, cookie, from_link)):
                    self.throttle.failed(client)  # a wrong token tried: counted (no token at all is not)
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
            # Admission before the body is read: a busy server, or one already receiving its bound of
            # uploads, answers at once instead of reading (and storing) what it cannot process.
            if (self.busy is not None and self.busy()) or self.receiving + int(length) > self.max_uploads:
                return await refuse(503, BUSY, [(b"retry-after", b"5")], page=True)
            self.receiving += int(length)
            paced = _Paced(
                receive,
                self.BODY_SECONDS,
                self.UPLOAD_MIN_BYTES,
                self.UPLOAD_WINDOW_SECONDS,
                self.UPLOAD_GRACE_SECONDS,
            )
            started = False

            async def send_unless_cut(message):
                nonlocal started
                if paced.cut:  # the application answering a body it never got whole: the guard answers
                    return
                started = True
                await send_headers(message)

            try:
                try:
                    await self.app(scope, paced, send_unless_cut)
                except Exception:
                    if not paced.cut:
                        raise
                if paced.cut and not started:
                    await refuse(408, paced.cut, [(b"connection", b"close")])
                return
            finally:
                self.receiving -= int(length)
        return await self.app(scope, receive, send_headers)


BUSY = "Đang bận, thử lại sau"


class _Paced:
    """`receive` for a request's body, cut off (the application sees a disconnection, `cut` says why in
    one line) when the whole body has not arrived within `seconds`, or when fewer than `min_bytes`
    arrived in a window of `window` seconds after the first `grace` seconds: a client sending slowly
    gives its place up instead of holding it."""

    def __init__(self, receive, seconds: float, min_bytes: int, window: float, grace: float):
        import asyncio

        self.receive = receive
        self.loop = asyncio.get_running_loop()
        now = self.loop.time()
        self.seconds, self.deadline = seconds, now + seconds
        self.window, self.min_bytes = window, min_bytes
        self.window_end = now + grace + window
        self.in_window = 0  # bytes received in the current window
        self.complete = False
        self.cut = ""

    async def __call__(self):
        import asyncio

        while not self.cut and not self.complete:
            wait = min(self.deadline, self.window_end) - self.loop.time()
            try:
                message = await asyncio.wait_for(self.receive(), max(0.0, wait))
            except asyncio.TimeoutError:
                self._judge()
                continue
            if message.get("type") == "http.request":
                self.in_window += len(message.get("body", b""))
                self.complete = not message.get("more_body", False)
                if not self.complete:
                    self._judge()
                    if self.cut:
                        break
            return message
        if self.complete:
            return await self.receive()  # after the body: a disconnection, as the server says
        return {"type": "http.disconnect"}

    def _judge(self) -> None:
        now = self.loop.time()
        if now >= self.deadline:
            self.cut = UPLOAD_TOO_LONG.format(seconds=self.seconds)
            return
        while now >= self.window_end:
            if self.in_window < self.min_bytes:
                self.cut = UPLOAD_TOO_SLOW.format(kb=self.min_bytes // 1024, seconds=self.window)
                return
            self.in_window = 0
            self.window_end += self.window


UPLOAD_TOO_SLOW = (
    "Tệp gửi lên quá chậm (dưới {kb} KB trong {seconds:g} giây) nên máy chủ đã ngừng nhận — kiểm tra đường mạng "
    "rồi gửi lại, hoặc gửi ít tệp hơn mỗi lần"
)
UPLOAD_TOO_LONG = (
    "Tệp gửi lên chưa đến đủ sau {seconds:g} giây nên máy chủ đã ngừng nhận — kiểm tra đường mạng rồi gửi lại, "
    "hoặc gửi ít tệp hơn mỗi lần"
)


def _page(text: str) -> str:
    from html import escape

    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>vanban-kit</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main>'
        f'<p class="error" role="alert">Lỗi: {escape(text)}</p><p><a href="/">Về trang chính</a></p>'
        "</main></body></html>"
    )
