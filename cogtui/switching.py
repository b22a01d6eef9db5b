"""Switching the connection in place: another profile, region or endpoint without restarting.

The runtime gets a new gateway (its botocore session and clients are built on the gateway's own threads
at the first call), the app state drops what belonged to the old connection, the screens that showed its
objects are rebuilt, and the first page of user pools, requested at once, says whether the new connection
works. A connection that fails is shown in every header with its reason; the last one that worked stays
one key away ("back"), never lost silently. ``--read-only`` is the runtime's and survives every switch.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.screen import Screen

from cogtui.app_type import cogtui_app
from cogtui.aws.where import where_label
from cogtui.errors import CogtuiError
from cogtui.settings import Settings

# Modes whose screens show objects of a connection: rebuilt on a switch. The token inspector shows only
# tokens (no connection's objects) and keeps them.
CONNECTION_MODES = ("signin", "identity")
HOLDING_MODE = "connection-switch"


def target_label(settings: Settings) -> str:
    return where_label(settings.profile, settings.region, settings.endpoint_url, settings.sandbox)


class ConnectionSwitching:
    """App methods that replace the connection; mixed into ``CogtuiApp``."""

    # Where "back" goes: the last connection that worked before the current one was chosen.
    connection_back: Settings | None = None
    _reload_lock: asyncio.Lock | None = None

    def connect_to(self, target: Settings) -> None:
        """Switch to ``target`` (see ``Runtime.target``) in the background."""
        self.switch_connection(target)

    def connect_back(self) -> None:
        if self.connection_back is not None:
            self.connect_to(self.connection_back)

    @work(exclusive=True, group="app.connection", exit_on_error=False)
    async def switch_connection(self, target: Settings) -> None:
        app = cogtui_app(self)
        if not app.is_running:  # quitting: nothing to switch
            return
        runtime = app.runtime
        previous = runtime.settings
        if app.state.connection is not None and previous != target:
            self.connection_back = previous
        elif runtime.last_good is not None and runtime.last_good != target:
            self.connection_back = runtime.last_good
        else:
            self.connection_back = None
        app.unsubscribe_trace()
        runtime.switch(target)
        app.gateway = runtime.gateway
        app.settings = runtime.settings
        app.subscribe_trace()
        label = target_label(runtime.settings)
        app.connection_target = label
        app.connection_problem = ""
        app.update_state(connection=None, pool_id=None, pool_name=None, client_id=None)
        first_page = runtime.gateway.head_start_user_pools()  # before the pools screen lists: it reuses it
        await self.reload_screens()
        try:
            await asyncio.wrap_future(first_page)
            info = await runtime.gateway.info()
        except CogtuiError as err:
            app.connection_problem = f"{err.message} ({err.code})"
            back = self.connection_back
            where_back = f" Ctrl+O, then Back, returns to {target_label(back)}." if back is not None else ""
            app.notify(
                f"{label}: {err.message}{where_back}",
                title="Could not connect",
                severity="error",
                markup=False,
                timeout=12,
            )
            return
        runtime.last_good = runtime.settings
        app.connection_problem = ""
        app.update_state(connection=info)
        app.notify(f"Connected: {info.label}", markup=False)

    async def reload_screens(self) -> None:
        """The user pools list afresh (the explore mode rebuilt), the sign-in and identity modes too.

        A mode in use cannot be removed, so a blank screen holds the app for the moment it takes. The
        rebuild runs to its end even when a newer switch cancels this one (shielded, one at a time): a
        rebuild stopped halfway would leave the blank screen up.
        """
        await asyncio.shield(asyncio.ensure_future(self._rebuild_modes()))

    async def _rebuild_modes(self) -> None:
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:  # held by the shielded task: a cancelled switch keeps it to the end
            await self._rebuild_modes_now()

    async def _rebuild_modes_now(self) -> None:
        app = cogtui_app(self)
        if not app.is_running:  # quitting meanwhile: Textual is closing every mode's screens
            return
        app.add_mode(HOLDING_MODE, Screen)
        await app.switch_mode(HOLDING_MODE)
        for mode in (app.DEFAULT_MODE, *CONNECTION_MODES):
            if not app.is_running:
                return
            await app.remove_mode(mode)
            app.add_mode(mode, app.MODES[mode])
        if app.is_running:
            await app.switch_mode(app.DEFAULT_MODE)
            await app.remove_mode(HOLDING_MODE)
