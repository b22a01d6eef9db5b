"""The local Cognito emulator: moto's server run in-process on 127.0.0.1 in a daemon thread.

moto is imported lazily in ``start()`` so the rest of cogtui never pays for it. The server prints
nothing (the TUI draws on the same terminal), can simulate a slow link with ``latency_ms`` and a
rate limit with ``throttle``, and stops cleanly: shutdown, join, port released.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cogtui.errors import CogtuiError
from cogtui.sandbox.throttle import Throttle, ThrottleMiddleware

if TYPE_CHECKING:
    from cogtui.sandbox.wsgi import QuietThreadedServer

SANDBOX_HOST = "127.0.0.1"
# Fake credentials for talking to the sandbox; pass them to clients explicitly, never via os.environ.
SANDBOX_CREDENTIALS: tuple[str, str] = ("testing", "testing")

# Set before moto is imported: TOTP codes are really checked. Ids are reproducible because the seed
# fixes the emulator's random generator.
MOTO_ENVIRONMENT = {
    "MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP": "true",
}

_QUIET_LOGGERS = {"werkzeug": logging.ERROR, "moto": logging.CRITICAL, "flask": logging.ERROR}


class SandboxError(CogtuiError):
    """The sandbox cannot start: moto is not installed, or the port is taken."""


def silence_server_logs() -> None:
    """Keep werkzeug's request log and moto's/Flask's error logs off the terminal.

    A NullHandler on each logger stops werkzeug and Flask from adding their own stderr handlers;
    records still propagate to whatever handlers the application configured on the root logger.
    """
    for name, level in _QUIET_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _build_moto_app() -> Any:
    """moto's WSGI app (every service, dispatched by request), imported here and only here."""
    os.environ.update(MOTO_ENVIRONMENT)
    silence_server_logs()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    except ImportError as exc:
        raise SandboxError(
            "The sandbox needs moto, which is not installed.",
            code="SandboxUnavailable",
            hint='Install the sandbox extra: pip install "cogtui[sandbox]"',
        ) from exc
    return DomainDispatcherApplication(create_backend_app)


class SandboxServer:
    """moto's server on ``127.0.0.1:port`` (0 = a free port) in a daemon thread.

    ``latency_ms`` delays every request by that many milliseconds; it may be changed at any time.
    ``throttle`` answers the next calls of an operation with Cognito's throttling error (see ``throttle``).
    Usable as a context manager; ``stop()`` is idempotent.
    """

    def __init__(self, port: int = 0, latency_ms: float = 0, host: str = SANDBOX_HOST) -> None:
        self.host = host
        self.requested_port = port
        self.latency_ms = latency_ms
        self.throttle = Throttle()
        self._server: QuietThreadedServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if self._server is None:
            raise SandboxError("The sandbox is not running.", code="SandboxStopped")
        return int(self._server.server_address[1])

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _current_latency(self) -> float:
        return float(self.latency_ms or 0)

    def start(self) -> SandboxServer:
        """Bind, then serve in a daemon thread. Returns self once the port is accepting connections."""
        with self._lock:
            if self._server is not None:
                return self
            from cogtui.sandbox.layers import wrap
            from cogtui.sandbox.strict import StrictCognito

            app = StrictCognito(wrap(_build_moto_app()))  # moto, its layers, then the strict sign-in checks
            from moto.moto_server.werkzeug_app import MotoRequestHandler

            from cogtui.sandbox.wsgi import LatencyMiddleware, QuietThreadedServer, bind_listening_socket

            try:
                sock = bind_listening_socket(self.host, self.requested_port)
            except OSError as exc:
                raise SandboxError(
                    f"Cannot listen on {self.host}:{self.requested_port}: {exc.strerror or exc}",
                    code="SandboxPortUnavailable",
                    hint="Choose another port with --port, or 0 for any free port.",
                ) from exc
            try:
                server = QuietThreadedServer(
                    self.host,
                    sock.getsockname()[1],
                    LatencyMiddleware(ThrottleMiddleware(app, self.throttle), self._current_latency),
                    handler=MotoRequestHandler,
                    fd=sock.fileno(),
                )
            finally:
                sock.close()  # the server holds its own duplicate of the descriptor
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"cogtui-sandbox-{server.server_address[1]}",
                daemon=True,
            )
            thread.start()
            self._server, self._thread = server, thread
            return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close the listening socket and open connections, and join the thread."""
        with self._lock:
            server, thread = self._server, self._thread
            self._server, self._thread = None, None
        if server is None:
            return
        server.shutdown()  # returns once serve_forever has left its loop; it then closes the socket
        if thread is not None:
            thread.join(timeout)
        server.server_close()
        server.drop_connections()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.endpoint_url if self._server is not None else "stopped"
        return f"SandboxServer({where}, latency_ms={self.latency_ms})"
