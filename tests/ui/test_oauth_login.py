"""The managed-login screen driven like a user: l from the sign-in screen, the URL and QR code while
cogtui waits, a scripted browser signing in, the tokens in the app state; client credentials refused
with their explanation on the timeline."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import CommandList
from textual.widgets import Input, Select

from cogtui.screens.oauth_login import OAuthLoginScreen
from cogtui.widgets.qr import QrCode
from tests import pilot_wait
from tests.contract.oauth_client import request
from tests.contract.oauth_login import browse, login_client

wait_for = partial(pilot_wait.wait_for, timeout=30)
SIZE = (120, 40)


async def open_oauth(pilot) -> OAuthLoginScreen:
    app = pilot.app
    app.switch_mode("signin")
    await pilot.pause()
    await pilot.press("escape")  # out of the form, so l is a key, not a letter
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, OAuthLoginScreen), "the managed-login screen")
    return app.screen


async def fill(pilot, screen, **values) -> None:
    for widget_id, value in values.items():
        screen.query_one(f"#{widget_id}", Input).value = value
    await pilot.pause()


async def test_managed_login_lands_the_tokens_in_the_app_state(make_sandbox_app, sandbox):
    _, info = sandbox
    client = login_client(info)
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_oauth(pilot)
        await fill(pilot, screen, **{"oauth-pool": client.pool_id, "oauth-client": client.client_id})
        screen.query_one("#oauth-scopes", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.url, "the authorize URL")
        assert screen.url.startswith(info.pool("demo-app").oauth_base_url + "/oauth2/authorize?")
        assert screen.query(QrCode) and screen.url in str(screen.query_one("#oauth-url").render())
        back = await asyncio.to_thread(browse, screen.url, "alice")
        assert (await asyncio.to_thread(request, back.location)).status == 200
        await wait_for(pilot, lambda: app.state.tokens.id_token, "the tokens in the app state")
        assert app.state.tokens.client_id == client.client_id and app.state.tokens.refresh_token
        assert not screen.query(QrCode) and not screen.url
        titles = [step.operation for step in screen.timeline.steps]
        assert titles == ["GET /oauth2/authorize", "GET /callback", "POST /oauth2/token"]


async def test_client_credentials_refusal_is_explained_on_the_timeline(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_oauth(pilot)
        await fill(pilot, screen, **{"oauth-pool": pool.id, "oauth-client": pool.client("machine").id})
        screen.query_one("#oauth-flow", Select).value = "client_credentials"
        await pilot.pause()
        screen.query_one("#oauth-scopes", Input).focus()
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: screen.timeline.steps and not screen.running, "the refused token request"
        )
        step = screen.timeline.steps[-1]
        assert step.error.code == "invalid_client"
        assert "has a secret and none was sent" in step.explanation.cause
        assert "has a secret and none was given" in str(screen.query_one("#oauth-warnings").render())
        assert app.state.tokens.access_token is None


async def test_the_palette_opens_managed_login(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"managed login")
        results = app.screen.query_one(CommandList)

        def top_match() -> str:
            index = results.highlighted
            return "" if index is None else str(results.get_option_at_index(index).prompt).lower()

        await wait_for(pilot, lambda: "managed login" in top_match(), "the palette's managed-login command")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OAuthLoginScreen), "the managed-login screen")
        assert app.current_mode == "signin"
