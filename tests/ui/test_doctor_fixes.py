"""Fix it from the doctor: f runs the admin action the verdict offers, behind the confirmation that
names the user (or the client) and the pool, honours --read-only, and the doctor runs again. Every test
works on a user (and a client) of its own in the seeded demo-app pool."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static

from cogtui.auth.doctor import Outcome
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.sandbox.seed_data import APP_POOL
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.password_prompt import PasswordPrompt
from cogtui.screens.signin_doctor import SignInDoctorScreen
from tests.contract.strict_support import idp_client, new_client, new_user
from tests.pilot_wait import wait_for
from tests.ui.test_signin_doctor import doctor_shown

SIZE = (120, 40)


def status_text(screen: SignInDoctorScreen) -> str:
    return str(screen.query_one("#doctor-status", Static).render())


async def open_doctor(pilot, pool, typed, **kwargs) -> SignInDoctorScreen:
    await pilot.app.push_screen(SignInDoctorScreen(pool.id, typed, pool_name=pool.name, **kwargs))
    return await doctor_shown(pilot)


async def confirm_shown(pilot) -> ConfirmScreen:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "the confirmation")
    return pilot.app.screen


def message(confirm: ConfirmScreen) -> str:
    return str(confirm.query_one("#confirm-message", Static).render())


def disabled_user(sandbox):
    """A disabled user of the test's own in demo-app: (boto3 client, pool, username)."""
    info = sandbox[1]
    idp, pool = idp_client(info), info.pool(APP_POOL)
    name = new_user(idp, pool.id)
    idp.admin_disable_user(UserPoolId=pool.id, Username=name)
    return idp, pool, name


async def verdict_changed(pilot, screen, first) -> None:
    await wait_for(pilot, lambda: screen.verdict is not first, "the doctor to run again")


async def test_f_enables_a_disabled_user_after_confirmation_and_the_doctor_runs_again(
    make_sandbox_app, sandbox
):
    idp, pool, name = disabled_user(sandbox)
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_doctor(pilot, pool, name)
        first = screen.verdict
        assert first.refusal == "NotAuthorizedException: User is disabled."
        assert "f: fix it" in status_text(screen)
        await pilot.press("f")
        confirm = await confirm_shown(pilot)
        asked = message(confirm)
        assert f"AdminEnableUser on user {name!r} in pool {pool.name} ({pool.id})?" in asked
        assert "The user can sign in again." in asked
        await pilot.press("y")
        await verdict_changed(pilot, screen, first)
        assert screen.verdict.outcome is Outcome.SIGNS_IN
        assert idp.admin_get_user(UserPoolId=pool.id, Username=name)["Enabled"] is True
        said = status_text(screen)
        assert f"Enable the user (AdminEnableUser) done for {name}." in said
        assert f"The doctor ran again: {name} will sign in." in said


async def test_cancelling_the_confirmation_changes_nothing(make_sandbox_app, sandbox):
    idp, pool, name = disabled_user(sandbox)
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_doctor(pilot, pool, name)
        first = screen.verdict
        await pilot.press("f")
        await confirm_shown(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: "Cancelled" in status_text(screen), "the cancellation")
        assert screen.verdict is first
        assert idp.admin_get_user(UserPoolId=pool.id, Username=name)["Enabled"] is False


async def test_read_only_refuses_the_fix_and_says_so(make_sandbox_app, sandbox):
    idp, pool, name = disabled_user(sandbox)
    app = make_sandbox_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_doctor(pilot, pool, name)
        await pilot.press("f")
        await wait_for(pilot, lambda: "read-only" in status_text(screen), "the refusal")
        assert "Enable the user refused: cogtui runs with --read-only" in status_text(screen)
        assert not isinstance(app.screen, ConfirmScreen)
        assert idp.admin_get_user(UserPoolId=pool.id, Username=name)["Enabled"] is False


async def test_a_temporary_password_is_replaced_by_a_permanent_one_asked_masked(make_sandbox_app, sandbox):
    _, info = sandbox
    idp, pool = idp_client(info), info.pool(APP_POOL)
    name = new_user(idp, pool.id, status="FORCE_CHANGE_PASSWORD")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_doctor(pilot, pool, name)
        first = screen.verdict
        assert first.challenge == "NEW_PASSWORD_REQUIRED"
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PasswordPrompt), "the password prompt")
        prompt = app.screen
        assert prompt.query_one("#password-input", Input).password is True
        assert prompt.query_one("#password-permanent", Checkbox).value is True
        await pilot.press(*("New" + DEMO_PASSWORD), "enter")
        confirm = await confirm_shown(pilot)
        assert "(permanent: the user signs in with it directly)" in message(confirm)
        assert "New" + DEMO_PASSWORD not in message(confirm)
        await pilot.press("y")
        await verdict_changed(pilot, screen, first)
        assert screen.verdict.outcome is Outcome.SIGNS_IN, screen.verdict.summary
        assert idp.admin_get_user(UserPoolId=pool.id, Username=name)["UserStatus"] == "CONFIRMED"


async def test_enabling_the_flow_on_the_client_keeps_its_other_settings(make_sandbox_app, sandbox):
    _, info = sandbox
    idp, pool = idp_client(info), info.pool(APP_POOL)
    name = new_user(idp, pool.id)
    client_id, _ = new_client(
        idp,
        pool.id,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email", "email_verified"],
        AccessTokenValidity=30,
        TokenValidityUnits={"AccessToken": "minutes"},
    )
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_doctor(pilot, pool, name, client_id=client_id, flow="password")
        first = screen.verdict
        assert (
            first.refusal == "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"
        )
        await pilot.press("f")
        confirm = await confirm_shown(pilot)
        assert f"UpdateUserPoolClient on app client {client_id} of pool {pool.name}" in message(confirm)
        await pilot.press("y")
        await verdict_changed(pilot, screen, first)
        assert screen.verdict.outcome is Outcome.SIGNS_IN, screen.verdict.summary
    client = idp.describe_user_pool_client(UserPoolId=pool.id, ClientId=client_id)["UserPoolClient"]
    assert "ALLOW_USER_PASSWORD_AUTH" in client["ExplicitAuthFlows"]
    assert client["ReadAttributes"] == ["email", "email_verified"]
    assert client["AccessTokenValidity"] == 30
    assert client["TokenValidityUnits"]["AccessToken"] == "minutes"
