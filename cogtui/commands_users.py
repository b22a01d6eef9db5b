"""Palette entries that find a user in any user pool of the connection and open their detail screen.

Type an email, a phone number (+E.164) or a sub, or ``user <text>`` for a username or the start of an
email, at least three characters (see ``cogtui.aws.user_search``). The search waits for typing to pause,
runs Cognito's server-side ListUsers filter in every pool the catalogue knows, a few pools at a time, and
is cancelled by the palette as soon as the query changes. A pool that fails shows as its own entry.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import Hit, Hits, Provider

from cogtui.app_type import cogtui_app
from cogtui.aws.models import UserPoolSummary
from cogtui.aws.user_search import PoolSearchFailed, search_filters, search_users
from cogtui.commands import in_explore_mode
from cogtui.errors import CogtuiError
from cogtui.text_safety import safe_text

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp

PAUSE_S = 0.3  # typing on within this time cancels the search before any call is made


def open_user(app: CogtuiApp, pool: UserPoolSummary, username: str) -> None:
    """The user's detail screen over the pool list, whatever mode the palette was opened in."""
    from cogtui.screens.user_detail import UserDetailScreen

    def push() -> None:
        app.update_state(pool_id=pool.id, pool_name=pool.name)
        app.push_screen(UserDetailScreen(pool.id, pool.name, username))

    in_explore_mode(app, push)


def pool_failed(app: CogtuiApp, pool: UserPoolSummary, error: CogtuiError) -> None:
    app.notify(error.describe(), title=f"{pool.name}: {error.title}", severity="error", markup=False)


class UserSearchCommands(Provider):
    """Users found by Cognito's server-side filter, in every pool of the current region."""

    async def startup(self) -> None:
        self.catalogue = cogtui_app(self.app).runtime.catalogue

    async def search(self, query: str) -> Hits:
        filters = search_filters(query)
        if not filters:
            return
        await asyncio.sleep(PAUSE_S)  # cancelled here while the user is still typing
        self.catalogue.ensure_fresh()
        await self.catalogue.pools_ready.wait()
        app = cogtui_app(self.app)
        gateway = app.gateway
        async for found in search_users(gateway, self.catalogue.pools, filters):
            if isinstance(found, PoolSearchFailed):
                text = Text(f"✘ {found.pool.name}: users could not be searched", style="italic")
                yield Hit(
                    0.1,
                    text,
                    partial(pool_failed, app, found.pool, found.error),
                    help=found.error.message,
                )
                continue
            user = found.user
            name = safe_text(user.username)
            detail = " · ".join(safe_text(v) for v in (user.email, user.phone) if v and v != user.username)
            text = Text.assemble(
                ("User ", "bold"), name, f" · {detail}" if detail else "", f" · {found.pool.name}"
            )
            yield Hit(
                1.0,
                text,
                partial(open_user, app, found.pool, user.username),
                help=f"{found.filter} · {user.status} · {found.pool.id}",
            )
