"""Palette entries that change the connection in place: "Connection…" (the dialog), "Connect: profile dev",
"Connect: local sandbox", "Region: eu-west-1", and "Connection: back to …" after a switch.

"Connect: profile X" keeps the region chosen for the current connection (as the AWS console keeps the
region when switching roles) and its endpoint; leaving the sandbox, both become the profile's own.
"Region: R" keeps the profile and the endpoint. Profiles and regions are read on a thread each time the
palette opens (the config files may have changed since: ``aws configure sso``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cogtui.settings import Settings
from cogtui.switching import target_label

Entry = tuple[str, Callable[[], None], str]


class ConnectionCommands(Provider):
    """Switch profile, region or endpoint from the palette."""

    async def startup(self) -> None:
        from cogtui.aws.profiles import connection_choices  # botocore reads files: off the event loop

        self.choices = await asyncio.to_thread(connection_choices)

    @property
    def app_(self) -> Any:
        return self.app

    def _connect(self, **changes: Any) -> Callable[[], None]:
        runtime = self.app_.runtime
        now: Settings = runtime.settings
        sandbox = changes.get("sandbox", now.sandbox)
        if not sandbox and now.sandbox:  # leaving the sandbox: its region and endpoint are not a choice
            region, endpoint = None, None
        else:
            connection = self.app_.state.connection
            region = now.region or (connection.region if connection is not None else None)
            endpoint = now.endpoint_url
        target = runtime.target(
            profile=changes.get("profile", now.profile),
            region=changes.get("region", region),
            endpoint_url=endpoint,
            sandbox=sandbox,
        )
        return partial(self.app_.connect_to, target)

    def connection_entries(self) -> Iterator[Entry]:
        app = self.app_
        yield ("Connection…", app.action_connection, "Choose profile, region and endpoint (Ctrl+O)")
        if app.connection_back is not None:
            label = target_label(app.connection_back)
            yield (f"Connection: back to {label}", app.connect_back, "The connection that worked before")

    def profile_entries(self) -> Iterator[Entry]:
        if self.app_.runtime.has_sandbox:
            yield ("Connect: local sandbox", self._connect(sandbox=True, profile=None), "The local emulator")
        yield (
            "Connect: default credentials",
            self._connect(sandbox=False, profile=None),
            "AWS_* variables, the default profile, SSO or instance credentials",
        )
        for profile in self.choices.profiles:
            yield (
                f"Connect: profile {profile.name}",
                self._connect(sandbox=False, profile=profile.name),
                profile.description,
            )

    def region_entries(self) -> Iterator[Entry]:
        who = target_label(self.app_.runtime.settings).split(" · ")[0]
        for region in self.choices.regions:
            yield (f"Region: {region}", self._connect(region=region), f"Cognito in {region}, {who}")

    async def discover(self) -> Hits:
        for text, action, help_text in (*self.connection_entries(), *self.profile_entries()):
            yield DiscoveryHit(text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        entries = (*self.connection_entries(), *self.profile_entries(), *self.region_entries())
        for text, action, help_text in entries:
            if score := matcher.match(text):
                yield Hit(score, matcher.highlight(text), action, help=help_text)
