"""The runtime behind one app or command: settings, the gateway, and the sandbox when one is asked for.

No Textual here. With ``--sandbox`` the local emulator is started on the gateway's worker thread at the
first call, so the first frame paints while it seeds.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cogtui.aws.cognito import CognitoGateway
from cogtui.sandbox.server import SANDBOX_CREDENTIALS
from cogtui.settings import Settings

if TYPE_CHECKING:
    from cogtui.aws.connection import Connection


class Runtime:
    """Owns the gateway and the sandbox; ``close()`` stops both."""

    def __init__(
        self, settings: Settings, gateway: CognitoGateway | None = None, sandbox_info: Any = None
    ) -> None:
        self.settings = settings
        self.sandbox_server: Any = None
        self.sandbox_info: Any = sandbox_info
        self._lock = threading.Lock()
        self.gateway = gateway or CognitoGateway(
            self._connect, read_only=settings.read_only, max_workers=settings.max_workers
        )

    def _connect(self) -> Connection:
        from cogtui.aws.connection import Connection

        settings = self.settings
        credentials = None
        if settings.sandbox:
            if not settings.endpoint_url:
                self.start_sandbox()
                settings = self.settings
            credentials = SANDBOX_CREDENTIALS
        return Connection(settings, sandbox_credentials=credentials)

    def warm_up(self) -> None:
        """Build the connection (import boto3, create the first client, start the sandbox) in the background."""
        self.gateway.prepare()

    def start_sandbox(self) -> Any:
        """Start and seed the local emulator (idempotent); returns its SandboxInfo."""
        with self._lock:
            if self.sandbox_server is None:
                from cogtui.sandbox import start_sandbox

                self.sandbox_server, self.sandbox_info = start_sandbox(
                    large_users=self.settings.sandbox_users, latency_ms=self.settings.sandbox_latency_ms
                )
                self.settings = replace(self.settings, endpoint_url=self.sandbox_info.endpoint_url)
        return self.sandbox_info

    def close(self) -> None:
        self.gateway.close()
        with self._lock:
            if self.sandbox_server is not None:
                self.sandbox_server.stop()
                self.sandbox_server = None
