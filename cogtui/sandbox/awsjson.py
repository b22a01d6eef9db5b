"""WSGI helpers for the sandbox's layers in front of moto: read an AWS JSON-protocol request, answer one.

A layer reads the body once (``read_body`` puts it back for the next app), tells the operation from
the ``X-Amz-Target`` header, and either answers itself (``json_response``/``aws_error``) or hands the
request on unchanged. ``moto_backends`` reaches the emulator's in-process stores.
"""

from __future__ import annotations

import io
import json
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

DEFAULT_ACCOUNT = "123456789012"


def read_body(environ: dict[str, Any]) -> bytes:
    """The request body; the stream is replaced so the wrapped app can read it again."""
    cached = environ.get("cogtui.body")
    if cached is not None:
        return bytes(cached)
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["cogtui.body"] = body
    return body


def amz_target(environ: dict[str, Any]) -> tuple[str, str]:
    """(service prefix, operation) of a JSON-protocol call, e.g. ("AWSCognitoIdentityService", "GetId")."""
    target = str(environ.get("HTTP_X_AMZ_TARGET") or "")
    service, _, operation = target.partition(".")
    return service, operation


def json_params(environ: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON body of the request as a dict, or None if it is not a JSON object."""
    try:
        params = json.loads(read_body(environ) or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return params if isinstance(params, dict) else None


def json_response(
    start_response: StartResponse, payload: Any, status: str = "200 OK", content_type: str | None = None
) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(
        status,
        [
            ("Content-Type", content_type or "application/x-amz-json-1.1"),
            ("Content-Length", str(len(body))),
            ("x-amzn-RequestId", str(uuid.uuid4())),
        ],
    )
    return [body]


def aws_error(
    start_response: StartResponse, code: str, message: str, status: str = "400 Bad Request"
) -> list[bytes]:
    """An error as AWS's JSON protocol sends it (botocore reads ``__type`` and ``message``)."""
    body = json.dumps({"__type": code, "message": message}).encode()
    start_response(
        status,
        [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("Content-Length", str(len(body))),
            ("x-amzn-ErrorType", code),
            ("x-amzn-RequestId", str(uuid.uuid4())),
        ],
    )
    return [body]


@dataclass(frozen=True)
class Collected:
    """The wrapped app's whole answer: status, headers, raw body, and the body as JSON (None if not a dict)."""

    status: str
    headers: list[Any]
    raw: bytes

    @property
    def ok(self) -> bool:
        return self.status.startswith("200")

    @property
    def payload(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.raw) if self.raw else {}
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def replay(self, start_response: StartResponse) -> list[bytes]:
        start_response(self.status, self.headers)
        return [self.raw]


def collect(app: WSGIApp, environ: dict[str, Any]) -> Collected:
    """Run the wrapped app and keep its answer instead of streaming it."""
    captured: dict[str, Any] = {}

    def capture(status: str, headers: list[Any], exc_info: Any = None) -> Callable[[bytes], None]:
        captured["status"], captured["headers"] = status, headers
        return lambda _data: None

    chunks = app(environ, capture)
    try:
        raw = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return Collected(
        str(captured.get("status", "500 Internal Server Error")), captured.get("headers", []), raw
    )


def moto_backends(module: str, attribute: str) -> Iterator[Any]:
    """Every region backend of a moto service loaded in this process (none if it is not loaded)."""
    models = sys.modules.get(module)
    if models is None:
        return
    backends = getattr(models, attribute)
    for account_id in list(backends.keys()):
        regions = backends[account_id]
        for region in list(regions.keys()):
            yield regions[region]


def find_user_pool(pool_id: str) -> Any | None:
    """The in-process user pool object with this id, or None."""
    for backend in moto_backends("moto.cognitoidp.models", "cognitoidp_backends"):
        pool = backend.user_pools.get(pool_id)
        if pool is not None:
            return pool
    return None


def find_client(client_id: str) -> tuple[Any, Any] | tuple[None, None]:
    """(user pool, app client) of a client id, or (None, None)."""
    for backend in moto_backends("moto.cognitoidp.models", "cognitoidp_backends"):
        for pool in backend.user_pools.values():
            client = pool.clients.get(client_id)
            if client is not None:
                return pool, client
    return None, None
