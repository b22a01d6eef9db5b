"""One intercepted request: its parsed JSON body, the way to hand it (or a changed body) to moto, the state."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cogtui.sandbox.strict.errors import invalid_parameter
from cogtui.sandbox.strict.state import StrictState

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class PassThrough(Exception):
    """moto refused the forwarded request: send its answer back unchanged."""

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.headers = headers
        self.body = body


@dataclass
class Call:
    app: WSGIApp
    environ: dict[str, Any]
    body: dict[str, Any]
    state: StrictState

    def param(self, name: str) -> Any:
        return self.body.get(name)

    def required(self, name: str, source: dict[str, Any] | None = None) -> str:
        value = (self.body if source is None else source).get(name)
        if not value or not isinstance(value, str):
            raise invalid_parameter(f"Missing required parameter {name}")
        return value

    def moto_environ(self, body: dict[str, Any] | None = None) -> dict[str, Any]:
        raw = json.dumps(self.body if body is None else body).encode()
        environ = dict(self.environ)
        environ["wsgi.input"] = io.BytesIO(raw)
        environ["CONTENT_LENGTH"] = str(len(raw))
        return environ

    def forward_json(self, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """moto's answer to the request (or to ``body``) as JSON; PassThrough if moto refused it."""
        captured: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            captured["status"], captured["headers"] = status, headers

        chunks = self.app(self.moto_environ(body), start_response)
        try:
            data = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        if not str(captured.get("status", "500")).startswith("200"):
            raise PassThrough(
                captured.get("status", "500 INTERNAL SERVER ERROR"), captured.get("headers", []), data
            )
        return dict(json.loads(data or b"{}"))
