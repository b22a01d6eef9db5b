"""The raw JSON view: opened with j on each detail screen, the API's response with its secret masked,
revealed with s, copied with c (what is shown) and saved with w (mode 0600, an overwrite confirmed)."""

from __future__ import annotations

import json
import os
import stat

from textual.widgets import Input, Static

from cogtui.exports.raw import MASK
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.raw_json import RawJsonScreen
from cogtui.screens.dialogs.save_file import PathPrompt
from cogtui.screens.identity_pools import IdentityPoolDetailScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.screens.user_detail import UserDetailScreen
from tests.pilot_wait import wait_for
from tests.ui.test_client_detail import SIZE, open_client


async def open_raw(pilot) -> RawJsonScreen:
    await pilot.press("j")
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, RawJsonScreen), "the raw JSON view")
    screen = app.screen
    await wait_for(pilot, lambda: len(screen.responses) == len(screen.requests), "the raw responses")
    return screen


def shown(screen: RawJsonScreen) -> str:
    return str(screen.query_one("#raw-json", Static).render())


async def test_a_clients_raw_json_masks_its_secret_until_s_and_copies_what_is_shown(
    make_sandbox_app, sandbox, monkeypatch
):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    app = make_sandbox_app()
    copies: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copies.append((text, what)))
    async with app.run_test(size=SIZE) as pilot:
        await open_client(app, pilot, pool.id, backend.id)
        screen = await open_raw(pilot)
        document = json.loads(shown(screen))
        assert document["UserPoolClient"]["ClientId"] == backend.id
        assert document["UserPoolClient"]["ClientSecret"] == MASK
        assert backend.secret not in shown(screen)
        assert "1 secret masked: s shows" in str(screen.query_one("#raw-note", Static).render())
        await pilot.press("c")
        assert backend.secret not in copies[-1][0] and MASK in copies[-1][0]
        await pilot.press("s")
        assert json.loads(shown(screen))["UserPoolClient"]["ClientSecret"] == backend.secret
        await pilot.press("c")
        assert copies[-1] == (shown(screen), "the DescribeUserPoolClient response with its secrets")
        await pilot.press("s")
        assert backend.secret not in shown(screen)
        await pilot.press("escape")
        assert not isinstance(app.screen, RawJsonScreen)


async def test_saving_raw_json_writes_what_is_shown_with_mode_0600_and_asks_before_replacing(
    make_sandbox_app, sandbox, tmp_path
):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    target = tmp_path / "client.json"
    target.write_text("old\n")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_client(app, pilot, pool.id, backend.id)
        screen = await open_raw(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), "the path prompt")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        message = str(app.screen.query_one("#confirm-message", Static).render())
        assert (
            f"{target} already exists (4 bytes" in message
            and "replaced by the DescribeUserPoolClient" in message
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: target.read_text() != "old\n", "the file")
        assert target.read_text() == screen.shown_text
        assert json.loads(target.read_text())["UserPoolClient"]["ClientSecret"] == MASK
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


async def test_j_opens_the_raw_json_of_a_pool_a_user_and_an_identity_pool(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PoolDetailScreen(pool.id, pool.name))
        await wait_for(pilot, lambda: app.screen.pool is not None, "the pool")
        screen = await open_raw(pilot)
        assert json.loads(shown(screen))["UserPool"]["Id"] == pool.id
        await pilot.press("n")  # the pool's MFA settings come next
        assert "MfaConfiguration" in json.loads(shown(screen))
        await pilot.press("escape")

        username = "alice"
        await app.push_screen(UserDetailScreen(pool.id, pool.name, username))
        await wait_for(pilot, lambda: app.screen.snapshot is not None, "the user")
        screen = await open_raw(pilot)
        assert json.loads(shown(screen))["Username"] == username
        await pilot.press("escape")

        identity_pool = info.identity_pool
        await app.push_screen(IdentityPoolDetailScreen(identity_pool.id, identity_pool.name))
        await wait_for(pilot, lambda: app.screen.pool is not None, "the identity pool")
        screen = await open_raw(pilot)
        assert json.loads(shown(screen))["IdentityPoolId"] == identity_pool.id
        await pilot.press("n")
        assert "Roles" in json.loads(shown(screen))
