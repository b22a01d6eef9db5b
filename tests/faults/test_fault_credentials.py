"""No AWS credentials at all: the admin screens explain it and recover once credentials appear (no
restart needed); sign-in, token verification and the identity-pool exchange need none and still work."""

from __future__ import annotations

from tests.faults.conftest import FAULTS_INJECTED
from tests.faults.screens import (
    IDP_OPS,
    SIZE,
    busy,
    poke,
    sign_in_through,
    status_failed,
    status_text,
    unexpected_errors,
    wait_for,
)

TALLY_AS = "explore screens"  # the row of the faults-injected summary for tests without a screen

NO_CREDENTIALS = "No AWS credentials were found."


def tally(app, screen: str) -> None:
    """Count the calls refused for want of credentials (no request left the machine)."""
    refused = [e for e in app.gateway.trace.entries if e.error_code == "NoCredentials"]
    FAULTS_INJECTED[(screen, "no credentials")] += len(refused)


async def test_admin_screens_explain_and_recover_once_credentials_exist(
    make_fault_app, sandbox, monkeypatch, chaos
):
    """Pools, a pool, its users, a user: each says credentials are missing and what to run, without
    sending anything; once credentials exist (`aws configure` elsewhere), r loads each, no restart."""
    _, info = sandbox
    app = make_fault_app(credentials=False)
    async with app.run_test(size=SIZE) as pilot:
        for driver in IDP_OPS.values():
            shown = await driver.push(app, info)
            await wait_for(pilot, lambda d=driver, s=shown: d.failed(s), f"{driver} to report it")
            text = driver.message(shown)
            assert NO_CREDENTIALS in text and "aws configure" in text and "r: retry" in text, text
        await poke(pilot)
        assert not chaos.seen, "a request left without credentials"
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDRENEWED")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "renewed-secret")
        for driver in reversed(IDP_OPS.values()):
            shown = app.screen
            marker = await driver.start(pilot, shown)
            await wait_for(
                pilot, lambda d=driver, s=shown, m=marker: d.done(app, s, m) and not d.failed(s), f"{driver}"
            )
            if shown is not app.screen_stack[0]:
                app.pop_screen()
        api_calls = [s for s in chaos.seen if s.service != "jwks"]  # public documents are never signed
        assert api_calls and all(s.signed for s in api_calls)
        assert not unexpected_errors(app)
        tally(app, TALLY_AS)


async def test_tokens_verify_without_credentials(make_fault_app, sandbox, chaos):
    """InitiateAuth and the JWKS are public: a token is obtained and verified without AWS credentials."""
    from cogtui.screens.tokens import TokensScreen

    _, info = sandbox
    app = make_fault_app(credentials=False)
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in_through(app, info)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, TokensScreen), "the token inspector")
        screen = app.screen
        app.update_state(tokens=tokens)
        await wait_for(pilot, lambda: screen.verifications and screen.settled, "the verification")
        assert screen.reports["id"].valid and screen.reports["access"].valid
        assert {s.operation for s in chaos.seen} >= {"InitiateAuth", "GetJwks"}
        assert not any(s.signed for s in chaos.seen)
        tally(app, "tokens")


async def test_identity_exchange_without_credentials(make_fault_app, sandbox, chaos):
    """Listing and describing identity pools need credentials (explained); the exchange does not."""
    from cogtui.screens.identity import IdentityScreen

    _, info = sandbox
    app = make_fault_app(credentials=False)
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in_through(app, info, client="web-spa")
        app.update_state(tokens=tokens)
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, IdentityScreen), "the identity screen")
        screen = app.screen
        await wait_for(pilot, lambda: status_failed(screen), "the listing to fail")
        assert NO_CREDENTIALS in status_text(screen), status_text(screen)
        screen.form.select_pool(info.identity_pool.id)  # typed by hand
        await wait_for(pilot, lambda: "DescribeIdentityPool failed" in screen.pool_note, "the pool note")
        assert "NoCredentials" in screen.pool_note
        await wait_for(pilot, lambda: screen.facts is not None, "the token")
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.result is not None and not screen.exchanging, "the exchange")
        assert screen.result.ok, status_text(screen)
        assert app.state.credentials is not None
        assert not unexpected_errors(app)
        tally(app, "identity")


async def test_sign_in_without_credentials(make_fault_app, sandbox, chaos):
    """The pools cannot be listed (said so, with what to do); typed ids sign in all the same."""
    from cogtui.screens.signin import SignInScreen

    _, info = sandbox
    app = make_fault_app(credentials=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SignInScreen), "the sign-in screen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.list_problem, "the listing problem")
        assert "NoCredentials" in screen.list_problem and "type the pool id" in screen.list_problem
        pool = info.pool("demo-app")
        screen.form.set_pool(pool.id)
        screen.form.set_client(pool.client("legacy-password").id)
        screen.form.set_flow("password")
        screen.form.set_login("alice", info.user("alice").password)
        await wait_for(pilot, lambda: not busy(app, "signin.clients", "signin.describe"), "the client reads")
        screen.timeline.step_list.focus()
        await pilot.press("s")
        await wait_for(pilot, lambda: not screen.running and screen.outcome.state != "busy", "the sign-in")
        assert screen.outcome.state == "ok", screen.outcome.plain
        assert app.state.tokens.id_token
        assert not any(s.signed for s in chaos.seen)
        tally(app, "signin")
