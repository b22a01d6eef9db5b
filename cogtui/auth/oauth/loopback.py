"""The loopback redirect (RFC 8252 §7.3): listen on one of the client's registered localhost callbacks.

``pick_callback`` chooses a registered ``http://localhost`` or ``http://127.0.0.1`` callback URL (with
an explicit port first) or explains which URL to add: Cognito compares ``redirect_uri`` with the
client's CallbackURLs exactly and answers any other with ``redirect_mismatch``, and accepts plain
``http`` only for localhost. ``CallbackListener`` serves that address and path on a thread until the
browser arrives with ``code`` (or ``error``), and tells the person in the browser to go back to the
terminal. Nothing else is answered but a 404.
"""

from __future__ import annotations

import html
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
SUGGESTED_CALLBACK = "http://localhost:8765/callback"


class LoopbackError(Exception):
    """No usable loopback callback (``explanation`` says what to change), or the port cannot be listened on."""

    def __init__(self, message: str, explanation: str) -> None:
        super().__init__(message)
        self.explanation = explanation


@dataclass(frozen=True)
class Loopback:
    """A registered callback cogtui can receive: the exact URL to send, and where to listen."""

    redirect_uri: str
    host: str
    port: int
    path: str


def _loopback(url: str) -> Loopback | None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS or parts.query or parts.fragment:
        return None
    try:
        port = parts.port or 80
    except ValueError:
        return None
    return Loopback(url, "127.0.0.1", port, parts.path or "/")


def pick_callback(
    callback_urls: tuple[str, ...] | list[str], wanted: str | None = None, strict: bool = True
) -> Loopback:
    """The registered loopback callback to use (``wanted`` if given); LoopbackError explains when none fits.
    ``strict=False`` lets an unregistered ``wanted`` through, so Cognito's own answer can be shown."""
    registered = ", ".join(callback_urls) or "none"
    if wanted:
        found = _loopback(wanted)
        if found is None:
            raise LoopbackError(
                f"{wanted} is not a loopback URL cogtui can listen on",
                "Give a http://localhost:<port>/<path> or http://127.0.0.1:<port>/<path> callback URL.",
            )
        if strict and wanted not in callback_urls:
            raise LoopbackError(
                f"{wanted} is not one of the client's callback URLs ({registered})",
                f"Cognito would answer redirect_mismatch: add {wanted} to the app client's CallbackURLs "
                "(it compares redirect_uri with them exactly).",
            )
        return found
    usable = [found for url in callback_urls if (found := _loopback(url)) is not None]
    usable.sort(key=lambda loop: urllib.parse.urlsplit(loop.redirect_uri).port is None)
    if usable:
        return usable[0]
    raise LoopbackError(
        f"no http://localhost or http://127.0.0.1 callback URL is registered (registered: {registered})",
        f"Add a loopback callback such as {SUGGESTED_CALLBACK} to the app client's CallbackURLs. cogtui "
        "receives the authorization code by listening on that address; Cognito sends the browser only to "
        "a registered callback and answers any other redirect_uri with redirect_mismatch, and it accepts "
        "plain http only for localhost.",
    )


RETURN_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>cogtui</title></head><body>"
    "<h1>{title}</h1><p>{text}</p><p>You can close this tab and return to the terminal.</p></body></html>"
)


class CallbackListener:
    """One HTTP server on the callback's port, on a thread; ``wait`` returns the callback's parameters."""

    def __init__(self, loopback: Loopback) -> None:
        self.loopback = loopback
        self.params: dict[str, str] | None = None
        self._arrived = threading.Event()
        self._server: HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urllib.parse.urlsplit(self.path)
                params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
                if parts.path != listener.loopback.path or not ({"code", "error"} & params.keys()):
                    self._answer(404, "Not the callback", "cogtui is waiting for the sign-in's callback.")
                    return
                if "error" in params:
                    title, text = "Sign-in refused", f"Cognito answered {params['error']}."
                else:
                    title, text = "Signed in", "cogtui received the authorization code."
                self._answer(200, title, text)
                if listener.params is None:
                    listener.params = params
                    listener._arrived.set()

            def _answer(self, status: int, title: str, text: str) -> None:
                body = RETURN_PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the URL carries the code
                return

        try:
            self._server = HTTPServer((self.loopback.host, self.loopback.port), Handler)
        except OSError as exc:
            raise LoopbackError(
                f"cannot listen on {self.loopback.host}:{self.loopback.port}: {exc.strerror or exc}",
                f"Another program uses port {self.loopback.port} (or it needs privileges): stop it, or "
                "register another http://localhost:<port>/... callback URL on the client and pick it.",
            ) from None
        self._thread = threading.Thread(target=self._server.serve_forever, name="oauth-callback", daemon=True)
        self._thread.start()

    def wait(self, timeout: float) -> dict[str, str] | None:
        """The callback's query parameters, or None after ``timeout`` seconds (or once closed)."""
        self._arrived.wait(timeout)
        return self.params

    def close(self) -> None:
        self._arrived.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> CallbackListener:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
