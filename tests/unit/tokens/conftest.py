"""Fixtures for the token inspector tests: a token factory, its JWKS, a tiny local JWKS server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from token_factory import CLIENT_ID, NOW, POOL_ID, TokenFactory

from cogtui.tokens.jwks import StaticJwks
from cogtui.tokens.report import ValidationReport
from cogtui.tokens.validation import validate


@pytest.fixture(scope="session")
def factory() -> TokenFactory:
    return TokenFactory()


@pytest.fixture(scope="session")
def jwks_source(factory: TokenFactory) -> StaticJwks:
    return StaticJwks.from_dict(factory.jwks())


@pytest.fixture
def verify(jwks_source: StaticJwks):
    """validate() with the pool's settings as defaults; keyword arguments override them."""

    def run(token: str, **options: Any) -> ValidationReport:
        settings: dict[str, Any] = {
            "jwks": jwks_source,
            "issuer": POOL_ID,
            "client_ids": [CLIENT_ID],
            "now": NOW,
        }
        settings.update(options)
        return validate(token, **settings)

    return run


class JwksServer:
    """Serves {path: (status, body)} over HTTP on 127.0.0.1; records every requested path."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append(self.path)
                status, body = server.routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def serve(self, path: str, body: Any, status: int = 200) -> str:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.routes[path] = (status, raw)
        return self.url + path


@pytest.fixture
def jwks_server() -> Iterator[JwksServer]:
    server = JwksServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
