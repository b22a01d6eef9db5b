"""The palette finds a user by email in every pool of the sandbox and opens their detail screen."""

from __future__ import annotations

import uuid

import pytest
from textual.command import CommandPalette

from cogtui.screens.user_detail import UserDetailScreen
from tests.contract.own_pool import boto
from tests.pilot_wait import pools_listed, wait_for


@pytest.fixture
def finder(sandbox):
    _, info = sandbox
    idp = boto(info.endpoint_url)
    pool_id = info.pool("demo-email-login").id
    email = f"palette.{uuid.uuid4().hex[:8]}@example.org"
    username = idp.admin_create_user(
        UserPoolId=pool_id,
        Username=email,
        UserAttributes=[{"Name": "email", "Value": email}],
        MessageAction="SUPPRESS",
    )["User"]["Username"]
    yield username, email
    idp.admin_delete_user(UserPoolId=pool_id, Username=username)


def entries(palette) -> list[str]:
    return [str(o.prompt) for o in palette.query_one("CommandList").options]


async def test_the_palette_finds_a_user_by_email_and_opens_them(make_sandbox_app, finder):
    username, email = finder
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        await pilot.press("2")  # from another mode: the user opens over the pool list
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await pilot.press(*email)
        await wait_for(
            pilot, lambda: any("demo-email-login" in e and "User " in e for e in entries(palette)), "the user"
        )
        found = [e for e in entries(palette) if e.startswith("User ")]
        assert len(found) == 1 and email in found[0], found
        calls = [e for e in app.gateway.trace.entries if e.operation == "ListUsers"]
        assert calls and all(c.params["Filter"].endswith(f'"{email}"') for c in calls)
        index = entries(palette).index(found[0])
        palette.query_one("CommandList").highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UserDetailScreen), "the user's screen")
        assert app.current_mode == "explore"
        assert (app.screen.pool_id, app.screen.username) == (app.state.pool_id, username)
