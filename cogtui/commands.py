"""The command palette (Ctrl+P): jump to a user pool or an app client by name, open identity pools, ask
why a user cannot sign in ("Why can't alice sign in?", one entry per pool), compare a pool or an app
client with another ("Compare pool A with…").

Pools and clients come from the runtime's catalogue (``cogtui.catalogue``): listed the first time the
palette opens, reused by every later opening and keystroke, refreshed in the background once old. Pool
hits appear as soon as the pools are known.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cogtui.app_type import cogtui_app
from cogtui.aws.models import AppClientSummary, UserPoolSummary
from cogtui.screens.compare import Side
from cogtui.screens.compare_keys import compare_with_any

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp

# What a palette entry runs when picked.
Action = Callable[[], object]


def in_explore_mode(app: CogtuiApp, open_screen: Callable[..., object], *args: Any) -> None:
    """Open a pool or client screen on top of the explore mode, whatever mode the palette was opened in."""
    if app.current_mode != app.DEFAULT_MODE:
        app.switch_mode(app.DEFAULT_MODE)
    open_screen(*args)


def open_signin_doctor(app: CogtuiApp, pool: UserPoolSummary, username: str) -> None:
    """The sign-in doctor for ``username`` in ``pool``, over the explore mode."""
    from cogtui.screens.signin_doctor import SignInDoctorScreen

    in_explore_mode(app, app.push_screen, SignInDoctorScreen(pool.id, username, pool_name=pool.name))


def open_oauth_login(app: CogtuiApp) -> None:
    """The managed-login screen over the sign-in mode."""
    from cogtui.screens.oauth_login import OAuthLoginScreen

    if app.current_mode != "signin":
        app.switch_mode("signin")
    app.push_screen(OAuthLoginScreen())


def doctor_username(query: str) -> str:
    """The username in "why alice" or "why can't alice sign in?"; empty unless the query starts with why."""
    words = query.replace("?", " ").split()
    if not words or words[0].lower() != "why":
        return ""
    filler = {"can't", "cant", "cannot", "can", "not", "sign", "in", "signin", "sign-in"}
    names = [w for w in words[1:] if w.lower() not in filler]
    return names[0] if names else ""


class PaletteProvider(Provider):
    """Navigation entries: every user pool, every app client (with its pool), identity pools."""

    async def startup(self) -> None:
        self.catalogue = cogtui_app(self.app).runtime.catalogue
        self.catalogue.ensure_fresh()  # a recent listing is reused: no calls per opening or keystroke

    @property
    def pools(self) -> list[UserPoolSummary]:
        return self.catalogue.pools

    @property
    def clients(self) -> list[tuple[UserPoolSummary, AppClientSummary]]:
        return self.catalogue.clients

    @property
    def pools_ready(self) -> asyncio.Event:
        return self.catalogue.pools_ready

    @property
    def clients_ready(self) -> asyncio.Event:
        return self.catalogue.clients_ready

    # -- entries -----------------------------------------------------------------------------------

    def static_entries(self) -> list[tuple[str, Action, str]]:
        app = cogtui_app(self.app)
        return [
            (
                "Identity pools",
                partial(in_explore_mode, app, app.open_identity_pools),
                "List the identity pools",
            ),
            ("User pools", app.go_home, "Back to the list of user pools"),
            (
                "Managed login (OAuth 2.0)",
                partial(open_oauth_login, app),
                "Authorization code + PKCE through the browser, or client credentials",
            ),
        ]

    @staticmethod
    def pool_text(pool: UserPoolSummary) -> str:
        return f"User pool {pool.name}"

    @staticmethod
    def client_text(pool: UserPoolSummary, client: AppClientSummary) -> str:
        return f"App client {client.name} · {pool.name}"

    async def discover(self) -> Hits:
        for text, action, help_text in self.static_entries():
            yield DiscoveryHit(text, action, help=help_text)
        await self.pools_ready.wait()
        app = cogtui_app(self.app)
        for pool in sorted(self.pools, key=lambda p: p.name.lower()):
            yield DiscoveryHit(
                self.pool_text(pool),
                partial(in_explore_mode, app, app.open_pool, pool),
                help=pool.id,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in self.static_entries():
            if score := matcher.match(text):
                yield Hit(score, matcher.highlight(text), action, help=help_text)
        await self.pools_ready.wait()
        app = cogtui_app(self.app)
        for pool in self.pools:
            text = self.pool_text(pool)
            score = max(matcher.match(text), matcher.match(pool.id))
            if score:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(in_explore_mode, app, app.open_pool, pool),
                    help=pool.id,
                )
        for pool in self.pools:
            text = f"Compare pool {pool.name} with…"
            if score := matcher.match(text):
                left = Side(pool.id, pool.name)
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(in_explore_mode, app, compare_with_any, app, left),
                    help="Settings and findings side by side with another pool",
                )
        if username := doctor_username(query):
            for pool in self.pools:
                text = f"Why can't {username} sign in? · {pool.name}"
                score = matcher.match(text)
                if not score:
                    continue
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(open_signin_doctor, app, pool, username),
                    help="The sign-in doctor: what the next sign-in will do, and why",
                )
        await self.clients_ready.wait()
        for pool, client in self.clients:
            text = self.client_text(pool, client)
            score = max(matcher.match(text), matcher.match(client.id))
            if score:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(in_explore_mode, app, app.open_client, pool.id, client.id),
                    help=client.id,
                )
            text = f"Compare app client {client.name} · {pool.name} with…"
            if score := matcher.match(text):
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(
                        in_explore_mode,
                        app,
                        compare_with_any,
                        app,
                        Side(pool.id, pool.name, client.id, client.name),
                    ),
                    help="Settings and findings side by side with another app client",
                )
