"""The client screen's look at its managed-login domain, made only on request (``p``), and the resource
servers' scopes its findings compare the client's custom scopes with.

``ClientProbe`` is mixed into ``ClientDetailScreen``. ``p`` sends one GET to the pool's domain
(``/oauth2/authorize`` without parameters) in a worker and shows the answer as a finding; nothing is
sent when the screen opens. ``resource_scopes`` reads ListResourceServers (None when it cannot be read,
so the scope check is skipped rather than guessed).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Protocol

from textual import work

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import UserPool
from cogtui.findings.oauth_flow import probe_domain, resource_scope_names
from cogtui.screens.base import CogtuiScreen
from cogtui.widgets.status_line import StatusLine


class ClientScreenParts(Protocol):
    """What ClientDetailScreen gives the mixin: its pool (once read) and its status line."""

    pool: UserPool | None
    pool_id: str

    @property
    def status(self) -> StatusLine: ...


if TYPE_CHECKING:

    class _ClientScreen(ClientScreenParts, CogtuiScreen):
        """The screen the mixin lives in, as the type checker sees it."""

else:
    _ClientScreen = object


class ClientProbe(_ClientScreen):
    """``p`` probes the pool's domain (a mixin of ClientDetailScreen, see ``ClientScreenParts``)."""

    async def resource_scopes(self) -> tuple[str, ...] | None:
        try:
            listed = await self.app.gateway.call(
                "cognito-idp", "ListResourceServers", UserPoolId=self.pool_id, MaxResults=50
            )
        except CogtuiError:
            return None
        return resource_scope_names(listed)

    def action_probe_domain(self) -> None:
        if self.pool is not None:
            self.probe_worker()

    @work(exclusive=True, group="client.probe", exit_on_error=False)
    async def probe_worker(self) -> None:
        pool = self.pool
        if pool is None:
            return
        self.status.busy("Probing the pool's domain (GET /oauth2/authorize)…")
        endpoint_url = (await self.app.gateway.info()).endpoint_url
        [finding] = await asyncio.to_thread(probe_domain, pool, endpoint_url)
        text = f"{finding.title}. {finding.why}"
        if finding.severity == "high":
            self.status.error(f"{text} Fix: {finding.fix}")
        else:
            self.status.ok(text)
