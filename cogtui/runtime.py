"""The runtime behind one app or command: settings, the gateway, and the sandbox when one is asked for.

No Textual here. With ``--sandbox`` the local emulator is started on the gateway's worker thread at the
first call, so the first frame paints while it seeds. ``switch`` points the runtime at another connection
(profile, region, endpoint) in place: a new gateway and catalogue, ``--read-only`` and the sandbox kept.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.catalogue import Catalogue
from cogtui.settings import Settings

if TYPE_CHECKING:
    from cogtui.aws.connection import Connection


FIRST_PAGE_WAIT_S = 0.05  # at startup, how long the first page of pools is waited for before Textual loads


class Runtime:
    """Owns the gateway and the sandbox; ``close()`` stops both."""

    def __init__(
        self, settings: Settings, gateway: CognitoGateway | None = None, sandbox_info: Any = None
    ) -> None:
        self.settings = settings
        self.sandbox_server: Any = None
        self.sandbox_info: Any = sandbox_info
        self._sandbox_wanted = settings.sandbox  # started with --sandbox: one of the places to switch to
        self._lock = threading.Lock()
        self.gateway = gateway or self._new_gateway(settings)
        self.catalogue = Catalogue(self.gateway)
        # The last connection a call succeeded on: where "back" goes after a switch that failed.
        self.last_good: Settings | None = None

    def _new_gateway(self, settings: Settings) -> CognitoGateway:
        return CognitoGateway(
            lambda: self._connect(settings),
            read_only=settings.read_only,
            max_workers=settings.max_workers,
            deadline_s=settings.command_deadline,
        )

    def _connect(self, settings: Settings) -> Connection:
        from cogtui.aws.connection import Connection

        credentials = None
        if settings.sandbox:
            from cogtui.sandbox.server import SANDBOX_CREDENTIALS  # the sandbox package only when asked for

            if not settings.endpoint_url:
                settings = replace(settings, endpoint_url=self.start_sandbox().endpoint_url)
            credentials = SANDBOX_CREDENTIALS
        return Connection(settings, sandbox_credentials=credentials)

    @property
    def has_sandbox(self) -> bool:
        """Whether the local sandbox is one of the places this runtime can connect to."""
        return self._sandbox_wanted or self.sandbox_info is not None

    def target(
        self, *, profile: str | None, region: str | None, endpoint_url: str | None, sandbox: bool
    ) -> Settings:
        """The settings of another connection; everything else (``--read-only``, timeouts) is kept.

        The sandbox is reached with its own credentials at its own endpoint (started if need be).
        """
        if sandbox:
            profile = None
            endpoint_url = endpoint_url or (self.sandbox_info.endpoint_url if self.sandbox_info else None)
        return replace(
            self.settings, profile=profile, region=region, endpoint_url=endpoint_url, sandbox=sandbox
        )

    def switch(self, settings: Settings) -> None:
        """Point the runtime at another connection: a new gateway and catalogue; the old ones are closed.

        Nothing here touches the network or botocore: the new gateway connects on its own threads at its
        first call. ``read_only`` is the runtime's own, whatever ``settings`` says.
        """
        settings = replace(settings, read_only=self.settings.read_only)
        old_gateway, old_catalogue = self.gateway, self.catalogue
        self.settings = settings
        self.gateway = self._new_gateway(settings)
        self.catalogue = Catalogue(self.gateway)
        old_catalogue.close()
        old_gateway.close()

    def warm_up(self, settle_s: float = 0.0, list_pools: bool = False) -> None:
        """Build the connection (import botocore, create the first client, start the sandbox) in the background.

        With ``settle_s``, wait up to that long for it before returning. Building a client is CPU work
        (imports, JSON models) that would otherwise fight Textual's own imports for the GIL on every
        file read; a client that takes longer (an SSO or metadata lookup, a sandbox to seed) is left to
        finish in the background while the first frame paints.

        With ``list_pools`` the first page of user pools is then requested, and waited for a moment
        (``FIRST_PAGE_WAIT_S``): a near endpoint answers in that time without the GIL fight, a far one
        keeps answering while Textual loads.
        """
        ready = self.gateway.prepare()
        settle = settle_s > 0 and not (self.settings.sandbox and not self.settings.endpoint_url)
        if settle:
            with contextlib.suppress(Exception):  # too slow, or an error: the first call reports it
                ready.result(timeout=settle_s)
        if list_pools:
            first_page = self.gateway.head_start_user_pools()
            if settle and ready.done():
                with contextlib.suppress(Exception):  # an error is the pools screen's to show
                    first_page.result(timeout=FIRST_PAGE_WAIT_S)

    def endpoint_in_use(self) -> str | None:
        """The endpoint calls go to (None: AWS's own); with ``--sandbox`` the emulator's, started here if
        no call has started it yet (a screen that reads the endpoint may come before the first call)."""
        if self.settings.sandbox and not self.settings.endpoint_url:
            self.start_sandbox()
        return self.settings.endpoint_url

    def start_sandbox(self) -> Any:
        """Start and seed the local emulator (idempotent); returns its SandboxInfo."""
        with self._lock:
            if self.sandbox_server is None:
                from cogtui.sandbox import start_sandbox

                self.sandbox_server, self.sandbox_info = start_sandbox(
                    large_users=self.settings.sandbox_users, latency_ms=self.settings.sandbox_latency_ms
                )
                if self.settings.sandbox and not self.settings.endpoint_url:
                    self.settings = replace(self.settings, endpoint_url=self.sandbox_info.endpoint_url)
        return self.sandbox_info

    def close(self) -> None:
        self.catalogue.close()
        self.gateway.close()
        with self._lock:
            if self.sandbox_server is not None:
                self.sandbox_server.stop()
                self.sandbox_server = None
