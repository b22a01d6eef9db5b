"""The sign-in debugger against the session sandbox, driven like a user: the form, the challenge prompts,
the timeline, the explained failures and the tokens in the app state.

Tests that change a user (new password, MFA setup, enrolment, sign-up) create their own user first, so
the seeded users stay as documented. The sandbox checks TOTP codes (not SRP proofs).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from functools import partial

from textual.widgets import Input, Select

from cogtui.auth.secret_hash import SOURCE_SRP, SOURCE_SRP_USERNAME, SOURCE_TYPED
from cogtui.aws.errors import AccessDeniedError
from cogtui.sandbox import DEMO_PASSWORD, TEMPORARY_PASSWORD
from cogtui.sandbox.strict import strict_state
from cogtui.sandbox.totp import seconds_remaining, totp_now
from cogtui.screens.dialogs.account_actions_menu import AccountActionsMenu
from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.fields_prompt import FieldsPrompt
from cogtui.screens.signin import SignInScreen
from cogtui.widgets.qr import QrCode
from tests import pilot_wait

wait_for = partial(pilot_wait.wait_for, timeout=30)  # a sign-in takes longer than a listing

SIZE = (120, 36)
IDP = "cognito-idp"
NEW_PASSWORD = "N3w!Passw0rd-ui"


async def fresh_code(secret: str) -> str:
    """The current authenticator code, waiting out the end of a 30 s step so it is still valid on arrival."""
    if seconds_remaining() < 2:
        await asyncio.sleep(seconds_remaining())
    return totp_now(secret)


def wrong_code(secret: str) -> str:
    now = time.time()
    valid = {totp_now(secret, now + d) for d in (-30, 0, 30)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


async def new_user(gateway, pool_id: str, *, confirmed: bool = True) -> str:
    name = f"ui-{uuid.uuid4().hex[:10]}"
    await gateway.call(
        IDP,
        "AdminCreateUser",
        UserPoolId=pool_id,
        Username=name,
        TemporaryPassword=TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
    )
    if confirmed:
        await gateway.call(
            IDP,
            "AdminSetUserPassword",
            UserPoolId=pool_id,
            Username=name,
            Password=DEMO_PASSWORD,
            Permanent=True,
        )
    return name


async def open_signin(pilot) -> SignInScreen:
    """Mode 2, once the pools are listed and the sandbox's first pool and client are filled in."""
    await pilot.press("2")
    screen = pilot.app.screen
    assert isinstance(screen, SignInScreen)
    await wait_for(
        pilot, lambda: screen.form.pool_id and screen.form.client_id, "the sandbox pool and client"
    )
    await wait_for(pilot, lambda: screen.client is not None, "the client's settings")
    return screen


async def choose(pilot, screen: SignInScreen, pool, client, flow: str = "srp") -> None:
    """Pick the pool and the client as the lists do, and the flow; wait for the client's settings."""
    screen.form.set_pool(pool.id)
    await wait_for(pilot, lambda: pool.id in screen.form.known_pools, "the pools")
    await wait_for(pilot, lambda: client.id in screen.form.known_clients, "the pool's clients")
    screen.form.set_client(client.id)
    await wait_for(pilot, lambda: screen.client is not None and screen.client.id == client.id, "the client")
    screen.form.set_flow(flow)
    await pilot.pause()


async def type_login(pilot, username: str, password: str) -> None:
    """Focus the username (e), type it, Tab to the password, type it, Enter starts."""
    await pilot.press("escape", "e")
    await pilot.press("ctrl+u", *username, "tab", "ctrl+u", *password, "enter")


async def log_in(pilot, username: str, password: str) -> None:
    """The username and password put in the fields (as a paste would), then Enter in the password."""
    form = pilot.app.screen.form
    form.set_login(username, password)
    form.query_one("#password", Input).focus()
    await pilot.press("enter")


async def prompt(pilot, previous: ChallengePrompt | None = None) -> ChallengePrompt:
    """The challenge prompt on top (a new one, when ``previous`` was answered)."""
    await wait_for(
        pilot,
        lambda: isinstance(pilot.app.screen, ChallengePrompt) and pilot.app.screen is not previous,
        "a challenge prompt",
    )
    await pilot.pause()
    return pilot.app.screen


async def answer(pilot, text: str) -> None:
    await pilot.press("ctrl+u", *text, "enter")


async def finished(pilot, screen: SignInScreen) -> None:
    await wait_for(
        pilot,
        lambda: not screen.running and pilot.app.screen is screen and screen.outcome.state != "busy",
        "the end of the sign-in",
    )


async def test_mfa_sign_in_on_the_confidential_client_then_refresh(make_sandbox_app, sandbox):
    _, info = sandbox
    pool, backend, frank = info.pool("demo-app"), info.pool("demo-app").client("backend"), info.user("frank")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        assert "alice / Passw0rd!demo" in str(screen.form.query_one("#signin-hint").render())
        await choose(pilot, screen, pool, backend, flow="password")
        field = screen.form.query_one("#client-secret", Input)
        assert field.value == backend.secret and field.password  # filled in, masked
        assert screen.form.query_one("#pool-select", Select).value == pool.id
        await type_login(pilot, "frank", frank.password)

        first = await prompt(pilot)
        assert first.question.challenge == "SOFTWARE_TOKEN_MFA"
        countdown = str(first.query_one("#prompt-countdown").render())
        assert "Challenge session valid for 2:5" in countdown or "3:00" in countdown
        await answer(pilot, wrong_code(frank.totp_secret))
        again = await prompt(pilot, first)
        refused = str(again.query_one("#prompt-error").render())
        assert "CodeMismatchException" in refused and "Next step:" in refused
        await answer(pilot, await fresh_code(frank.totp_secret))
        await finished(pilot, screen)

        steps = screen.timeline.steps
        assert [s.title for s in steps] == [
            "InitiateAuth USER_PASSWORD_AUTH",
            "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
            "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
        ]
        assert steps[0].request["AuthParameters"]["SECRET_HASH"] == "<redacted>"
        assert steps[0].hashed_username.value == "frank" and steps[0].hashed_username.source == SOURCE_TYPED
        assert steps[1].error.code == "CodeMismatchException" and steps[1].explanation.key == "code_mismatch"
        assert steps[2].signed_in and steps[2].hashed_username.value == "frank"

        tokens = app.state.tokens
        assert tokens.username == "frank" and tokens.client_id == backend.id and tokens.pool_id == pool.id
        assert tokens.id_token and tokens.access_token and tokens.refresh_token and tokens.obtained_at
        shown = screen.outcome.plain
        assert screen.outcome.state == "ok" and "token_use id" in shown and "sub " in shown
        assert tokens.refresh_token not in shown and "•••" in shown
        assert tokens.refresh_token not in screen.timeline.to_json()
        assert app.focused is screen.timeline.step_list

        await pilot.press("f")  # REFRESH_TOKEN_AUTH, SECRET_HASH over cognito:username
        await wait_for(pilot, lambda: app.state.tokens.access_token != tokens.access_token, "the refresh")
        assert screen.timeline.steps[-1].title == "InitiateAuth REFRESH_TOKEN_AUTH"
        assert screen.timeline.steps[-1].hashed_username.value == "frank"

        await pilot.press("t")
        await wait_for(pilot, lambda: app.current_mode == "tokens", "the token inspector")


async def test_srp_on_the_public_client_typed_with_the_keys(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)  # the sandbox's first pool and client: demo-app, web-spa
        assert screen.form.client_id == info.pool("demo-app").client("web-spa").id
        assert screen.form.client_secret is None and screen.form.flow == "srp"
        await type_login(pilot, "alice", info.user("alice").password)
        await finished(pilot, screen)
        assert [s.title for s in screen.timeline.steps] == [
            "InitiateAuth USER_SRP_AUTH",
            "RespondToAuthChallenge PASSWORD_VERIFIER",
        ]
        assert screen.timeline.steps[0].hashed_username is None  # no secret, no SECRET_HASH
        assert app.state.tokens.username == "alice" and app.state.client_id == screen.form.client_id


async def test_srp_on_the_confidential_client_hashes_the_internal_username(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        await choose(pilot, screen, pool, pool.client("backend"), flow="srp")
        await log_in(pilot, "frank", info.user("frank").password)
        await prompt(pilot)
        await answer(pilot, await fresh_code(info.user("frank").totp_secret))
        await finished(pilot, screen)
        verifier = screen.timeline.steps[1]
        assert verifier.title == "RespondToAuthChallenge PASSWORD_VERIFIER"
        returned = screen.timeline.steps[0].response["ChallengeParameters"]
        hashed_key = SOURCE_SRP if returned.get("USER_ID_FOR_SRP") == "frank" else SOURCE_SRP_USERNAME
        assert verifier.hashed_username.value == "frank" and verifier.hashed_username.source == hashed_key
        assert screen.outcome.state == "ok"


async def test_a_disabled_user_is_explained_under_the_timeline(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        await log_in(pilot, "erin", info.user("erin").password)
        await finished(pilot, screen)
        step = screen.timeline.steps[-1]
        assert step.error.code == "NotAuthorizedException" and step.explanation.key == "user_disabled"
        assert screen.outcome.state == "failed"
        assert step.explanation.cause in screen.outcome.plain and "Next step:" in screen.outcome.plain
        assert "s tries again, e edits the form" in str(screen.status.render())
        assert not app.state.tokens.access_token


async def test_new_password_required_for_a_fresh_user(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        name = await new_user(app.gateway, pool.id, confirmed=False)
        screen = await open_signin(pilot)
        await choose(pilot, screen, pool, pool.client("backend"), flow="password")
        await log_in(pilot, name, TEMPORARY_PASSWORD)
        asked = await prompt(pilot)
        assert asked.question.challenge == "NEW_PASSWORD_REQUIRED"
        field = asked.query_one("#answer-new-password", Input)
        assert field.password and app.focused is field
        await answer(pilot, "weakpass")
        weak = await prompt(pilot, asked)
        assert "InvalidPasswordException" in str(weak.query_one("#prompt-error").render())
        await answer(pilot, NEW_PASSWORD)
        await finished(pilot, screen)
        assert screen.timeline.steps[-1].signed_in and app.state.tokens.username == name


async def test_mfa_setup_shows_the_qr_code_and_enrols(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-mfa-required")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        name = await new_user(app.gateway, pool.id)
        screen = await open_signin(pilot)
        await choose(pilot, screen, pool, pool.client("web-spa"), flow="srp")
        await log_in(pilot, name, DEMO_PASSWORD)
        setup = await prompt(pilot)
        question = setup.question
        assert question.challenge == "MFA_SETUP" and question.secret
        assert setup.query_one(QrCode).data == question.otpauth_uri
        assert question.otpauth_uri.startswith(f"otpauth://totp/demo-mfa-required:{name}?secret=")
        assert str(setup.query_one("#setup-secret").render()).replace(" ", "") == question.secret
        assert question.secret not in screen.timeline.to_json()
        await answer(pilot, await fresh_code(question.secret))
        await finished(pilot, screen)
        assert [s.operation for s in screen.timeline.steps][-3:] == [
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge",
        ]
        assert screen.outcome.state == "ok" and app.state.tokens.username == name


async def test_escape_at_a_challenge_cancels_the_sign_in(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        await log_in(pilot, "frank", info.user("frank").password)
        await prompt(pilot)
        await pilot.press("escape")
        await finished(pilot, screen)
        assert screen.outcome.state == "cancelled" and "SOFTWARE_TOKEN_MFA" in screen.outcome.plain
        assert not app.state.tokens.access_token


class NoAdminGateway:
    """The sandbox gateway as an app without admin permissions sees it: listing and describing refused."""

    def __init__(self, real) -> None:
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def _deny(self, operation: str) -> AccessDeniedError:
        return AccessDeniedError("not authorized", code="AccessDeniedException", operation=operation)

    async def iter_user_pools(self, *args, **kwargs):
        raise self._deny("ListUserPools")
        yield  # an async generator

    async def iter_clients(self, *args, **kwargs):
        raise self._deny("ListUserPoolClients")
        yield

    async def describe_client(self, pool_id, client_id):
        raise self._deny("DescribeUserPoolClient")

    async def call(self, service, operation, **params):
        if operation.startswith(("Describe", "List", "Admin")):
            raise self._deny(operation)
        return await self.real.call(service, operation, **params)


async def test_typed_ids_and_secret_work_without_admin_permissions(make_sandbox_app, sandbox):
    _, info = sandbox
    pool, backend = info.pool("demo-app"), info.pool("demo-app").client("backend")
    app = make_sandbox_app()
    app.gateway = NoAdminGateway(app.gateway)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        note = screen.form.query_one("#client-note")
        await wait_for(pilot, lambda: "Cannot list user pools" in str(note.render()), "the refused listing")
        for field, value in (
            ("pool-id", pool.id),
            ("client-id", backend.id),
            ("client-secret", backend.secret),
        ):
            screen.form.query_one(f"#{field}", Input).value = value  # pasted
        await wait_for(
            pilot, lambda: "Cannot read the app client" in str(note.render()), "the refused describe"
        )
        screen.form.set_flow("password")
        await log_in(pilot, "alice", info.user("alice").password)
        await finished(pilot, screen)
        assert screen.outcome.state == "ok" and app.state.tokens.username == "alice"
        assert screen.timeline.steps[0].hashed_username.value == "alice"


async def test_account_actions_sign_up_then_enrol_an_authenticator(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        name = f"ui-{uuid.uuid4().hex[:10]}"
        await pilot.press("escape", "a")
        menu = app.screen
        assert isinstance(menu, AccountActionsMenu)
        await pilot.press("enter")  # the first action: sign up
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsPrompt), "the sign-up fields")
        fields = app.screen
        for field, value in (
            ("username", name),
            ("password", DEMO_PASSWORD),
            ("email", f"{name}@example.com"),
        ):
            fields.query_one(f"#field-{field}", Input).value = value
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "code" in str(app.screen.query_one("#fields-message").render()), "the code"
        )
        code = strict_state().outbox.latest_code(name, "SIGN_UP")  # the sandbox delivered it to its outbox
        await pilot.press(*code, "enter")
        await wait_for(pilot, lambda: len(screen.timeline.steps) == 2 and app.screen is screen, "the sign-up")
        assert [s.operation for s in screen.timeline.steps] == ["SignUp", "ConfirmSignUp"]
        assert all(s.ok for s in screen.timeline.steps)
        assert screen.timeline.steps[0].request["Password"] == "<redacted>"

        await choose(pilot, screen, pool, pool.client("backend"), flow="password")
        await log_in(pilot, name, DEMO_PASSWORD)
        await finished(pilot, screen)
        assert screen.outcome.state == "ok"
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountActionsMenu), "the menu")
        app.screen.query_one("#actions-list").highlighted = 6  # set up an authenticator app
        await pilot.press("enter")
        setup = await prompt(pilot)
        assert setup.question.secret and setup.query(QrCode)
        await answer(pilot, await fresh_code(setup.question.secret))
        await wait_for(
            pilot, lambda: screen.timeline.steps[-1].operation == "SetUserMFAPreference", "enrolment"
        )
        assert [s.operation for s in screen.timeline.steps][-3:] == [
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "SetUserMFAPreference",
        ]
        assert all(s.ok for s in screen.timeline.steps[-3:])
        await choose(pilot, screen, pool, pool.client("web-spa"), flow="srp")
        await log_in(pilot, name, DEMO_PASSWORD)
        assert (await prompt(pilot)).question.challenge == "SOFTWARE_TOKEN_MFA"
        await pilot.press("escape")


async def test_global_sign_out_asks_first(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        name = await new_user(app.gateway, pool.id)
        screen = await open_signin(pilot)
        await log_in(pilot, name, DEMO_PASSWORD)
        await finished(pilot, screen)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.signed_out, "the sign-out")
        assert screen.timeline.steps[-1].operation == "GlobalSignOut" and screen.timeline.steps[-1].ok
        assert (
            screen.check_action("refresh_tokens", ()) is None and screen.check_action("sign_out", ()) is None
        )


async def test_read_only_greys_out_what_changes_users(make_sandbox_app):
    app = make_sandbox_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        assert screen.check_action("account", ()) is None and screen.check_action("sign_out", ()) is None
        assert screen.check_action("start", ()) is True and screen.check_action("open_tokens", ()) is None


async def test_usable_at_80_by_24(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_signin(pilot)
        await log_in(pilot, "erin", info.user("erin").password)
        await finished(pilot, screen)
        for widget in (screen.form.query_one("#password"), screen.form.query_one("#start"), screen.outcome):
            region = widget.region
            assert region.height >= 1 and region.right <= 80 and region.bottom <= 24, widget
        assert screen.timeline.region.height >= 5
        assert json.loads(screen.timeline.to_json())[0]["error"]["code"] == "NotAuthorizedException"


async def test_the_form_opens_with_the_caret_in_its_first_empty_field(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)  # the sandbox's pool and client are filled in for a newcomer
        username = screen.form.query_one("#username", Input)
        await wait_for(
            pilot, lambda: username.has_focus, lambda: f"the caret in the username, not {app.focused}"
        )
        await pilot.press(*"boba")  # 'a' is also the Account key: here it is a letter of the name
        assert username.value == "boba" and app.screen is screen
        await pilot.press("tab", *"pw")
        assert screen.form.password == "pw" and app.screen is screen
