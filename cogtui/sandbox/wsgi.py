"""WSGI plumbing for the sandbox: a latency-injecting middleware and a quiet threaded HTTP server.

The sandbox shares the terminal with the TUI, so nothing here may write to stdout or stderr:
per-request errors go to the ``cogtui.sandbox`` logger instead of socketserver's traceback print.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.serving import ThreadedWSGIServer

log = logging.getLogger("cogtui.sandbox")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class LatencyMiddleware:
    """Sleeps ``latency_source()`` milliseconds before handing each request to the wrapped app.

    The delay is read on every request, so changing it at runtime takes effect on the next call.
    """

    def __init__(self, app: WSGIApp, latency_source: Callable[[], float]) -> None:
        self.app = app
        self._latency_source = latency_source

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        delay_ms = self._latency_source()
        if delay_ms > 0:
            time.sleep(delay_ms / 1000.0)
        return self.app(environ, start_response)


class QuietThreadedServer(ThreadedWSGIServer):
    """werkzeug's threaded server that logs handler errors instead of printing them, and can drop
    its open keep-alive connections on shutdown so handler threads end promptly."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._live_requests: set[socket.socket] = set()
        self._live_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._live_lock:
            self._live_requests.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._live_lock:
            self._live_requests.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("sandbox request from %s failed", client_address, exc_info=True)

    def drop_connections(self) -> None:
        """Close every connection still open (idle keep-alive sockets of clients)."""
        with self._live_lock:
            live = list(self._live_requests)
            self._live_requests.clear()
        for sock in live:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def bind_listening_socket(host: str, port: int, backlog: int = 128) -> socket.socket:
    """A listening TCP socket on ``host:port`` (0 picks a free port). Raises OSError if the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return sock
