"""`kit serve`: the kit as a local web application for staff, and an HTTP API for other systems.
Needs the optional extra: pip install "vanban-kit[web]"."""

from __future__ import annotations

from .app import Settings, create_app

__all__ = ["Settings", "create_app", "serve"]


def serve(settings: Settings, open_browser: bool = True, announce=print) -> None:
    """Run the server until Ctrl+C; the address is announced (and opened in the browser) once it listens."""
    import os
    import socket
    import threading
    import webbrowser

    import uvicorn

    from ..errors import UsageError
    from .limits import raise_open_files_limit, uvicorn_settings
    from .security import is_loopback, token_link

    # The socket is bound here, so --port 0 can pick a free port and the address is known before the browser opens.
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows SO_REUSEADDR would let another program take the port as well
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((settings.host, settings.port))
    except OSError as error:
        sock.close()
        raise UsageError(
            f"không mở được cổng {settings.port} trên {settings.host} ({error.strerror})",
            hint="chọn cổng khác: --port 8080",
            code="KIT050",
        ) from None
    sock.listen(512)  # connections wait here while the workers start, instead of being refused
    settings.port = sock.getsockname()[1]
    shown_host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    shown_host = f"[{shown_host}]" if ":" in shown_host else shown_host
    url = f"http://{shown_host}:{settings.port}/"
    link = token_link(url, settings.token)
    where = "" if is_loopback(settings.host) else f" (nghe trên {settings.host}, mọi máy trong mạng có mã truy cập)"
    announce(f"vanban-kit đang chạy tại {link}{where} — nhấn Ctrl+C để dừng")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(link,)).start()
    raise_open_files_limit()
    config = uvicorn.Config(
        create_app(settings),
        log_level="warning",
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        **uvicorn_settings(),  # header deadline, connection caps (kit.web.limits)
    )
    uvicorn.Server(config).run(sockets=[sock])
