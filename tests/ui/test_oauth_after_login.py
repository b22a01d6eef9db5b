"""The managed-login screen after the tokens, driven like a user: u asks /oauth2/userInfo, f refreshes through
/oauth2/token, v revokes and proves the refresh token dead on the timeline, o calls the logout URL."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from cogtui.auth.oauth.after_login import PROOF_DEAD
from tests.contract.oauth_client import request
from tests.contract.oauth_login import browse, login_client
from tests.ui.test_oauth_login import SIZE, fill, open_oauth, wait_for


async def signed_in(pilot, info):
    client = login_client(info)
    screen = await open_oauth(pilot)
    await fill(pilot, screen, **{"oauth-pool": client.pool_id, "oauth-client": client.client_id})
    screen.query_one("#oauth-scopes", Input).focus()
    assert screen.check_action("revoke", ()) is None  # nothing to revoke yet
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.url, "the authorize URL")
    back = await asyncio.to_thread(browse, screen.url, "alice")
    assert (await asyncio.to_thread(request, back.location)).status == 200
    await wait_for(pilot, lambda: pilot.app.state.tokens.refresh_token, "the tokens")
    return screen


async def job(pilot, screen, key: str) -> object:
    count = len(screen.timeline.steps)
    await pilot.press(key)
    await wait_for(pilot, lambda: len(screen.timeline.steps) > count and not screen.running, f"{key}'s step")
    return screen.timeline.steps[-1]


async def test_userinfo_refresh_revoke_with_its_proof_and_logout(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, info)
        first = app.state.tokens

        step = await job(pilot, screen, "u")
        assert step.operation == "GET /oauth2/userInfo" and step.ok
        assert "username=alice" in str(screen.status.render())

        step = await job(pilot, screen, "f")
        assert step.operation == "POST /oauth2/token" and step.ok
        assert app.state.tokens.access_token != first.access_token

        await pilot.press("v")
        await wait_for(pilot, lambda: PROOF_DEAD in str(screen.status.render()), "the proof")
        revoke, proof = screen.timeline.steps[-2:]
        assert revoke.operation == "POST /oauth2/revoke" and revoke.ok
        assert proof.error.code == "invalid_grant" and PROOF_DEAD in proof.notes
        assert screen.check_action("revoke", ()) is None and screen.check_action("refresh", ()) is None

        step = await job(pilot, screen, "o")
        assert step.operation == "GET /logout" and step.ok
        assert step.response["Location"] == step.request["query"]["logout_uri"]
