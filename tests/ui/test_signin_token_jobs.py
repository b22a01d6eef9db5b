"""The sign-in screen's refresh-token jobs driven like a user against the sandbox: v revokes the refresh
token after a confirmation and proves it dead on the timeline; g asks for GetTokensFromRefreshToken and
is told this endpoint does not support it."""

from __future__ import annotations

from cogtui.auth.token_jobs import PROOF_DEAD
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.screens.dialogs.confirm import ConfirmScreen
from tests.ui.test_signin_screen import SIZE, finished, log_in, new_user, open_signin, wait_for


async def signed_in(pilot, pool_id: str):
    name = await new_user(pilot.app.gateway, pool_id)
    screen = await open_signin(pilot)
    assert screen.check_action("revoke_token", ()) is None  # nothing to revoke yet
    await log_in(pilot, name, DEMO_PASSWORD)
    await finished(pilot, screen)
    assert screen.outcome.state == "ok"
    return screen


async def test_v_revokes_the_refresh_token_and_proves_it_dead(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, info.pool("demo-app").id)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: "proven dead" in screen.outcome.plain, "the proven revocation")
        revoke, proof = screen.timeline.steps[-2:]
        assert revoke.operation == "RevokeToken" and revoke.ok
        assert proof.error.code == "NotAuthorizedException" and PROOF_DEAD in proof.notes
        assert screen.outcome.state == "ok"
        assert screen.check_action("revoke_token", ()) is None
        assert screen.check_action("refresh_tokens", ()) is None


async def test_g_says_the_endpoint_lacks_get_tokens_from_refresh_token(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, info.pool("demo-app").id)
        before = app.state.tokens
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.outcome.state == "failed", "the explained refusal")
        step = screen.timeline.steps[-1]
        assert step.operation == "GetTokensFromRefreshToken"
        assert "This endpoint does not support GetTokensFromRefreshToken" in screen.outcome.plain
        assert app.state.tokens == before  # nothing published
