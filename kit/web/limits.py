"""Connection limits of `kit serve` (uvicorn with h11): a request's headers must arrive within a few
seconds, a connection idle after a response is closed, headers are bounded in size, and beyond a
number of open connections the oldest half-sent one is closed — so half-sent requests cannot hold
the server's sockets and starve the clerks who have the token (README, "Dùng trong mạng nội bộ")."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0  # a request's line and headers, from the connection or the previous response
KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection
MAX_HEADER_BYTES = 16 * 1024  # h11's bound on an incomplete request head
MAX_CONNECTIONS = 512  # open at once; beyond it the oldest one still waiting for its head is closed


class BoundedH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's head and a cap on connections: when a
    connection comes over the cap, the oldest connection still waiting for its head is closed (a
    half-sent request), never one whose request is being served — so a flood of half-sent requests
    cannot keep a clerk's request out."""

    header_seconds = HEADER_SECONDS
    max_connections = MAX_CONNECTIONS
    _header_timer: Any = None
    # Connections waiting for a request's head, oldest first (a dict as an ordered set).
    _waiting: dict[BoundedH11, None] = {}

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()
        while len(self.connections) > self.max_connections:
            oldest = next((c for c in BoundedH11._waiting if c is not self), None)
            if oldest is None:  # every other connection is being served: this one waits no more
                transport.close()
                return
            oldest._close_unread()

    def _close_unread(self) -> None:
        self._disarm()
        self.connections.discard(self)
        if not self.transport.is_closing():
            self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_seconds, self._head_too_slow)
        BoundedH11._waiting[self] = None

    def _disarm(self) -> None:
        BoundedH11._waiting.pop(self, None)
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _head_too_slow(self) -> None:
        self._header_timer = None
        BoundedH11._waiting.pop(self, None)
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not None and self.cycle is not before:
            self._disarm()  # the head of a request arrived: the application has it now

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_settings() -> dict[str, Any]:
    """The limits as uvicorn.Config arguments."""
    return {
        "http": BoundedH11,
        # Requests being served at once beyond this get 503 (uvicorn counts connections too: the cap
        # above keeps them under it).
        "limit_concurrency": MAX_CONNECTIONS + 1,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "backlog": 512,
        "timeout_graceful_shutdown": 10,  # then the running jobs' workers are stopped (kit.web.jobs)
    }


def raise_open_files_limit() -> None:
    """The soft limit of open files raised to the hard one (often 1,024 → 524,288): the connection cap
    is reached long before it, never "Too many open files"."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            pass
