"""The client screen's look at its managed-login domain, made only on request (``p``), and the resource
servers' scopes its findings compare the client's custom scopes with.

``ClientProbe`` is mixed into ``ClientDetailScreen``. ``p`` sends one GET to the pool's domain
(``/oauth2/authorize`` without parameters) in a worker and shows the answer as a finding; nothing is
sent when the screen opens. ``resource_scopes`` reads ListResourceServers (None when it cannot be read,
so the scope check is skipped rather than guessed).
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work

from cogtui.aws.errors import CogtuiError
from cogtui.findings.oauth_flow import probe_domain, resource_scope_names


class ClientProbe:
    """``p`` probes the pool's domain (a mixin of ClientDetailScreen)."""

    app: Any
    pool: Any
    pool_id: str
    status: Any

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
        self.status.busy("Probing the pool's domain (GET /oauth2/authorize)…")
        endpoint_url = (await self.app.gateway.info()).endpoint_url
        [finding] = await asyncio.to_thread(probe_domain, self.pool, endpoint_url)
        text = f"{finding.title}. {finding.why}"
        if finding.severity == "high":
            self.status.error(f"{text} Fix: {finding.fix}")
        else:
            self.status.ok(text)
