"""A fault-injecting HTTP proxy on 127.0.0.1, placed between cogtui and the local sandbox.

``ChaosProxy(upstream)`` forwards every request to ``upstream`` (a loopback URL) until told to
misbehave; its mode can be switched at any time while the app runs:

- ``passthrough()``: forward as is;
- ``refuse()``: stop listening and close open connections (the next connect is refused);
- ``freeze()``: accept and read the request, never answer (released by the next mode change);
- ``slow(ms)``: wait ``ms`` milliseconds, then forward;
- ``drop_after(n, how)``: forward ``n`` matching requests, then fail every later one the way a server
  restarting mid-stream does: ``"reset"`` (TCP reset), ``"500"`` (an HTML error page) or ``"empty"``
  (HTTP 200 with an empty body);
- ``error(canned)``: answer with a canned AWS error (``tests.faults.canned``) exactly as the service
  sends it for the AWS JSON protocol (HTTP status, ``x-amzn-ErrorType`` header,
  ``{"__type": ..., "message": ...}`` body), or the query protocol's XML for STS. ``signed_only=True`` spares unsigned calls (sign-in, identity-pool
  exchange, JWKS), as credential and IAM errors do on the real service.

``match`` restricts a fault to some operations (``"ListUsers"``, ``"GetJwks"``...); ``times`` makes it
transient (that many faults, then requests pass again, as a retry would find). Every request is
recorded (``seen``) with its operation, whether it was signed and botocore's attempt number, and every
fault applied is counted (``injected``). The proxy only listens on loopback, only forwards to
loopback, answers at most ``max_requests`` requests and holds none longer than ``max_hold_s``.
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import json
import select
import socket
import struct
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.faults.canned import STS_CODES, CannedError

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"}
)
TARGET_SERVICES = {
    "AWSCognitoIdentityProviderService": "cognito-idp",
    "AWSCognitoIdentityService": "cognito-identity",
}
RESTART_PAGE = (
    b"<!doctype html><html><head><title>500 Internal Server Error</title></head><body>"
    b"<h1>Internal Server Error</h1><p>The server is restarting.</p></body></html>"
)


@dataclass(frozen=True)
class Mode:
    kind: str = "pass"  # pass | refuse | freeze | slow | drop | error
    delay_ms: int = 0
    after: int = 0
    how: str = "reset"
    canned: CannedError | None = None
    signed_only: bool = False
    match: frozenset[str] | None = None
    times: int | None = None  # inject this many faults, then pass through (a transient fault)


@dataclass(frozen=True)
class Seen:
    """One request that reached the proxy."""

    service: str
    operation: str
    signed: bool
    attempt: int | None
    fault: str | None  # the fault applied to it, None when forwarded untouched


@dataclass
class _State:
    mode: Mode = field(default_factory=Mode)
    matched: int = 0  # requests matched by the current mode (drop_after counts these)
    injected: int = 0  # faults injected by the current mode
    release: threading.Event = field(default_factory=threading.Event)


def describe_request(path: str, headers: Any, body: bytes) -> tuple[str, str]:
    """(service, operation) of a request: X-Amz-Target for JSON APIs, Action= for STS; the public key and
    discovery documents as ("jwks", GetJwks / GetOpenIdConfiguration)."""
    target = headers.get("X-Amz-Target") or ""
    if "." in target:
        prefix, operation = target.rsplit(".", 1)
        return TARGET_SERVICES.get(prefix, prefix), operation
    if path.endswith("/.well-known/jwks.json"):
        return "jwks", "GetJwks"
    if path.endswith("/.well-known/openid-configuration"):
        return "jwks", "GetOpenIdConfiguration"
    action = urllib.parse.parse_qs(body.decode("latin-1")).get("Action")
    if action:
        return "sts", action[0]
    return "unknown", path


def attempt_of(headers: Any) -> int | None:
    """botocore's attempt number from ``amz-sdk-request: attempt=2; max=3``."""
    for part in (headers.get("amz-sdk-request") or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == "attempt" and value.isdigit():
            return int(value)
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.proxy._opened(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.proxy._closed(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        return

    def do_POST(self) -> None:
        self.server.proxy._handle(self)

    do_GET = do_POST


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: ChaosProxy

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a reset or a client that gave up is the point of this server


class ChaosProxy:
    """See the module docstring. Use as a context manager, or call ``start()`` and ``stop()``."""

    def __init__(
        self,
        upstream: str,
        *,
        max_requests: int = 1000,
        max_hold_s: float = 10.0,
        upstream_timeout: float = 10.0,
    ) -> None:
        parsed = urllib.parse.urlsplit(upstream)
        if parsed.hostname not in LOOPBACK or parsed.scheme != "http":
            raise ValueError(f"the chaos proxy only forwards to http on loopback, not {upstream!r}")
        self.upstream = (parsed.hostname, parsed.port or 80)
        self.max_requests = max_requests
        self.max_hold_s = max_hold_s
        self.upstream_timeout = upstream_timeout
        self.seen: list[Seen] = []
        self.holds: list[float] = []  # seconds each frozen request waited before its client hung up
        self.injected: collections.Counter[str] = collections.Counter()
        self.port = 0
        self._lock = threading.Lock()
        self._state = _State()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._stopped = False

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ChaosProxy:
        self._listen()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._state.release.set()
        self._unlisten()

    def __enter__(self) -> ChaosProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _listen(self) -> None:
        server = _Server(("127.0.0.1", self.port), _Handler)
        server.proxy = self
        self.port = server.server_address[1]
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="chaos-proxy", daemon=True
        )
        thread.start()
        self._server, self._thread = server, thread

    def _unlisten(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _opened(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _closed(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    # -- modes ----------------------------------------------------------------------------------

    def _set(self, mode: Mode) -> None:
        listening = self._server is not None
        with self._lock:
            self._state.release.set()  # frozen and slow requests end now
            self._state = _State(mode)
        if mode.kind == "refuse" and listening:
            self.injected["refused"] += 1  # counted once per outage: connects are refused by the OS
            self._unlisten()
        elif mode.kind != "refuse" and not listening and not self._stopped:
            self._listen()

    def passthrough(self) -> None:
        self._set(Mode())

    def refuse(self) -> None:
        self._set(Mode("refuse"))

    def freeze(self, match: set[str] | None = None, times: int | None = None) -> None:
        self._set(Mode("freeze", match=_ops(match), times=times))

    def slow(self, delay_ms: int, match: set[str] | None = None) -> None:
        self._set(Mode("slow", delay_ms=delay_ms, match=_ops(match)))

    def drop_after(
        self, after: int, how: str = "reset", match: set[str] | None = None, times: int | None = None
    ) -> None:
        if how not in {"reset", "500", "empty"}:
            raise ValueError(f"unknown way to drop: {how!r}")
        self._set(Mode("drop", after=after, how=how, match=_ops(match), times=times))

    def error(
        self,
        canned: CannedError,
        *,
        signed_only: bool = False,
        match: set[str] | None = None,
        times: int | None = None,
    ) -> None:
        self._set(Mode("error", canned=canned, signed_only=signed_only, match=_ops(match), times=times))

    @property
    def mode(self) -> Mode:
        return self._state.mode

    def operations(self, fault: str | None = None) -> list[str]:
        """The operations seen, in order (only those given ``fault`` when it is not None)."""
        return [s.operation for s in self.seen if fault is None or s.fault == fault]

    # -- one request ----------------------------------------------------------------------------

    def _handle(self, h: _Handler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        service, operation = describe_request(h.path, h.headers, body)
        signed = "Authorization" in h.headers
        with self._lock:
            state = self._state
            mode = state.mode
            over_budget = len(self.seen) >= self.max_requests
            applies = (
                not over_budget
                and mode.kind not in ("pass", "refuse")
                and (mode.match is None or operation in mode.match)
                and (signed or not mode.signed_only)
            )
            if applies and mode.kind == "drop":
                state.matched += 1
                applies = state.matched > mode.after
            if applies and mode.times is not None:
                applies = state.injected < mode.times
            if applies:
                state.injected += 1
            fault = None
            if over_budget:
                fault = "over-budget"
            elif applies:
                fault = mode.how if mode.kind == "drop" else mode.canned.code if mode.canned else mode.kind
                self.injected[_label(mode)] += 1
            self.seen.append(Seen(service, operation, signed, attempt_of(h.headers), fault))
        if over_budget:
            self._send(h, 503, b"request budget of the chaos proxy exhausted", "text/plain")
        elif not applies:
            self._forward(h, body)
        elif mode.kind == "freeze":
            self._hold(h, state.release)
        elif mode.kind == "slow":
            state.release.wait(mode.delay_ms / 1000)
            self._forward(h, body)
        elif mode.kind == "drop":
            self._drop(h, mode.how)
        elif mode.canned is not None:
            self._send_error(h, mode.canned, service, operation)

    def _hold(self, h: _Handler, release: threading.Event) -> None:
        """Never answer: wait until the client hangs up (recorded in ``holds``) or the freeze ends."""
        started = time.monotonic()
        while not release.wait(0.02) and time.monotonic() - started < self.max_hold_s:
            readable, _, _ = select.select([h.connection], [], [], 0)
            if readable:
                try:
                    gone = h.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    gone = True
                if gone:
                    with self._lock:
                        self.holds.append(time.monotonic() - started)
                    break
        self._hang_up(h)

    def _forward(self, h: _Handler, body: bytes) -> None:
        headers = {k: v for k, v in h.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(*self.upstream, timeout=self.upstream_timeout)
        try:
            conn.request(h.command, h.path, body=body or None, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            out = [
                (k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}
            ]
        except OSError:
            self._hang_up(h)
            return
        finally:
            conn.close()
        h.send_response(response.status, response.reason)
        for key, value in out:
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        h.wfile.write(payload)

    def _send(self, h: _Handler, status: int, payload: bytes, content_type: str, **headers: str) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(payload)))
        h.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for key, value in headers.items():
            h.send_header(key.replace("_", "-"), value)
        h.end_headers()
        h.wfile.write(payload)

    def _send_error(self, h: _Handler, canned: CannedError, service: str, operation: str) -> None:
        message = canned.render(service, operation)
        if service == "sts":
            code = STS_CODES.get(canned.code, canned.code)
            kind = "Receiver" if canned.status >= 500 else "Sender"
            xml = (
                '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>'
                f"<Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
            )
            self._send(h, canned.status, xml.encode(), "text/xml")
            return
        payload = json.dumps({"__type": canned.code, canned.message_key: message}).encode()
        self._send(
            h, canned.status, payload, "application/x-amz-json-1.1", x_amzn_ErrorType=f"{canned.code}:"
        )

    def _drop(self, h: _Handler, how: str) -> None:
        if how == "500":
            self._send(h, 500, RESTART_PAGE, "text/html; charset=utf-8")
        elif how == "empty":
            self._send(h, 200, b"", "application/x-amz-json-1.1")
        else:
            with contextlib.suppress(OSError):  # linger 0: close() sends a TCP reset
                h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self._hang_up(h)

    def _hang_up(self, h: _Handler) -> None:
        h.close_connection = True
        with contextlib.suppress(OSError):
            h.connection.close()


def _ops(match: set[str] | None) -> frozenset[str] | None:
    return frozenset(match) if match else None


def _label(mode: Mode) -> str:
    if mode.kind == "drop":
        return f"restart ({mode.how})"
    if mode.kind == "error" and mode.canned is not None:
        return mode.canned.code
    return {"freeze": "frozen", "slow": "slow"}.get(mode.kind, mode.kind)
