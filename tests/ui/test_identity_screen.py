"""The identity screen against the session sandbox: from alice's sign-in to temporary AWS credentials.

The emulator checks no login (it accepts a token real Cognito would refuse), so these tests prove
the plumbing end to end and that the doctor flags what Cognito would refuse.
"""

from __future__ import annotations

import json
import os
import stat

from textual.widgets import Input, Select, TabbedContent

from cogtui.screens.dialogs.save_file import PathPrompt
from cogtui.screens.identity import IdentityScreen
from cogtui.widgets.check_list import CheckListView, status_of
from cogtui.widgets.credentials_panel import CredentialsPanel
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.timeline import Timeline
from tests.pilot_wait import wait_for
from tests.signed_in import sign_in_to_app

SIZE = (120, 36)
ADMIN_ROLE = "arn:aws:iam::123456789012:role/demo-app-admins"


async def sign_in(app, info, client: str = "web-spa", username: str = "alice") -> None:
    """Sign in through the app's gateway (SRP on web-spa, as the browser app would) and keep the tokens
    in the app state, as the sign-in screen does."""
    await sign_in_to_app(app, info, client=client, user=username)


async def open_screen(app, pilot, *, with_token: bool = True) -> IdentityScreen:
    await pilot.press("4")
    screen = app.screen
    assert isinstance(screen, IdentityScreen)
    await wait_for(pilot, lambda: screen.pool is not None, "the identity pool")
    if with_token:
        await wait_for(pilot, lambda: screen.facts is not None, "the token")
    return screen


async def run_exchange(pilot, screen: IdentityScreen) -> None:
    if isinstance(screen.focused, Input):  # the caret waits in an empty field: Esc leaves it, then x
        await pilot.press("escape")
    await pilot.press("x")
    await wait_for(pilot, lambda: not screen.exchanging and screen.result is not None, "the exchange")


async def credentials_tab(app, pilot, info) -> tuple[IdentityScreen, CredentialsPanel]:
    """alice signed in, the exchange run, the Credentials tab shown."""
    await sign_in(app, info)
    screen = await open_screen(app, pilot)
    await run_exchange(pilot, screen)
    await pilot.press("right_square_bracket")
    return screen, screen.query_one(CredentialsPanel)


def verified(screen: IdentityScreen, token: str) -> bool:
    """The doctor's verification of ``token`` has answered."""
    checked = screen.verified_token
    return checked is not None and checked == token.strip() and screen.verification is not None


def text_of(widget) -> str:
    return str(widget.render())


async def test_authenticated_exchange_end_to_end_with_sts_proof(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, info)
        screen = await open_screen(app, pilot)
        assert screen.form.identity_pool_id == info.identity_pool.id
        assert "From alice's sign-in" in text_of(screen.query_one(".token-source"))
        fields = screen.query_one("#pool-fields", FieldList)
        assert fields.field("  App client id").note == "✔ the token's aud"
        checks = screen.query_one(CheckListView).checks
        assert checks and not [c for c in checks if status_of(c) == "fail"]

        await run_exchange(pilot, screen)
        result = screen.result
        assert result.ok
        timeline = screen.query_one(Timeline)
        assert [s.operation for s in timeline.steps] == ["GetId", "GetCredentialsForIdentity"]
        assert all(s.ok for s in timeline.steps) and timeline.selected_step is timeline.steps[-1]
        assert screen.query_one(TabbedContent).active == "timeline"
        creds = result.credentials
        assert app.state.credentials == creds
        panel = screen.query_one(CredentialsPanel)
        assert text_of(panel.value("access-key")) == creds.access_key_id
        expires = text_of(panel.value("expires"))
        assert creds.expiration.strftime("%Y-%m-%d %H:%M:%S UTC") in expires and " in " in expires
        assert creds.secret_key not in timeline.to_json()
        assert result.steps[0].request["Logins"] and app.state.tokens.id_token not in timeline.to_json()

        await pilot.press("right_square_bracket")
        assert screen.query_one(TabbedContent).active == "credentials" and panel.has_focus
        await pilot.press("p")
        await wait_for(
            pilot, lambda: not panel.proving and "✔" in text_of(panel.value("caller")), "the proof"
        )
        assert "arn:aws:sts::123456789012:" in text_of(panel.value("caller"))
        assert "STS confirms" in text_of(panel.value("role")) or "not available" in text_of(
            panel.value("role")
        )


async def test_guest_exchange(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, with_token=False)
        screen.query_one("#flow", Select).value = "guest"
        await pilot.pause()
        assert screen.query_one("#role-arn", Input).disabled
        assert [c.name for c in screen.query_one(CheckListView).checks] == [
            "identity pool id",
            "guest access",
        ]
        await run_exchange(pilot, screen)
        steps = screen.query_one(Timeline).steps
        assert screen.result.ok and screen.result.request.guest
        assert steps[0].request == {"IdentityPoolId": screen.form.identity_pool_id}
        assert "Logins" not in steps[1].request
        assert app.state.credentials == screen.result.credentials


async def test_basic_flow_with_a_role_arn(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, info)
        screen = await open_screen(app, pilot)
        screen.query_one("#flow", Select).value = "basic"
        await pilot.pause()
        await pilot.press("x")  # no role yet: refused before any call, the checks say why
        await pilot.pause()
        assert screen.result is None and "basic flow needs a role ARN" in text_of(screen.status)
        assert screen.query_one(TabbedContent).active == "checks"
        await pilot.press("o")
        assert screen.focused is screen.query_one("#role-arn", Input)
        screen.query_one("#role-arn", Input).value = ADMIN_ROLE
        await pilot.press("escape")
        await run_exchange(pilot, screen)
        result = screen.result
        assert result.ok
        assert [s.operation for s in result.steps] == ["GetId", "GetOpenIdToken", "AssumeRoleWithWebIdentity"]
        assert "assumed-role/demo-app-admins" in result.assumed_role_arn
        panel = screen.query_one(CredentialsPanel)
        assert ADMIN_ROLE in text_of(panel.value("role")) and "basic flow" in text_of(panel.value("role"))
        await pilot.press("right_square_bracket")
        await pilot.press("p")
        await wait_for(pilot, lambda: "✔" in text_of(panel.value("caller")), "the proof")
        assert "assumed-role/demo-app-admins" in text_of(panel.value("caller"))
        assert "STS confirms the role: demo-app-admins." in text_of(panel.value("role"))


async def test_secret_masked_until_revealed_and_exported_only_on_request(
    make_sandbox_app, sandbox, tmp_path, monkeypatch
):
    _, info = sandbox
    app = make_sandbox_app()
    copies: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copies.append((text, what)))
    async with app.run_test(size=SIZE) as pilot:
        screen, panel = await credentials_tab(app, pilot, info)
        secret = screen.result.credentials.secret_key
        assert secret not in text_of(panel.value("secret-key")) and "••••••••" in text_of(
            panel.value("secret-key")
        )
        await pilot.press("s")
        assert secret in text_of(panel.value("secret-key"))
        await pilot.press("s")
        assert secret not in text_of(panel.value("secret-key"))
        assert list(tmp_path.iterdir()) == []  # nothing was written on its own

        await pilot.press("c")
        assert copies and f"export AWS_SECRET_ACCESS_KEY={secret}" in copies[-1][0]
        await pilot.press("f", "f")  # env -> profile -> credential_process JSON
        assert panel.fmt == "credential-process"
        await pilot.press("w")
        assert isinstance(app.screen, PathPrompt)
        target = tmp_path / "creds.json"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, "the export file")
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert json.loads(target.read_text())["SecretAccessKey"] == secret

        await pilot.press("left_square_bracket")  # the timeline: its JSON never holds the secret
        await pilot.press("w")
        timeline_file = tmp_path / "timeline.json"
        app.screen.query_one(Input).value = str(timeline_file)
        await pilot.press("enter")
        await wait_for(pilot, timeline_file.exists, "the timeline file")
        saved = timeline_file.read_text()
        assert secret not in saved and app.state.tokens.id_token not in saved
        assert [s["operation"] for s in json.loads(saved)] == ["GetId", "GetCredentialsForIdentity"]


async def test_doctor_flags_a_token_of_the_wrong_app_client(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    legacy = info.pool("demo-app").client("legacy-password").id
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, info, client="legacy-password")
        screen = await open_screen(app, pilot)
        await wait_for(pilot, lambda: verified(screen, app.state.tokens.id_token), "the verification")
        await pilot.press("k")
        assert screen.query_one(TabbedContent).active == "checks"
        failures = screen.query_one(CheckListView).failures
        assert [c.name for c in failures] == ["app client", "token verification", "token client"]
        assert legacy in failures[0].detail and legacy in failures[2].detail
        assert "predict a refusal: app client" in text_of(screen.status)
        assert str(screen.query_one(TabbedContent).get_tab("checks").label) == "Checks ✘3"
        fields = screen.query_one("#pool-fields", FieldList)
        assert fields.field("  App client id").note == f"✘ the token is for {legacy}"
        await run_exchange(pilot, screen)
        assert not screen.result.ok  # refused, as the check predicted
        assert screen.result.failed_step.operation == "GetId" and "GetId failed" in text_of(screen.status)


async def test_a_typed_user_pool_id_is_explained(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, with_token=False)
        field = screen.query_one("#pool-id", Input)
        field.value = info.pool("demo-app").id
        await wait_for(pilot, lambda: screen.pool is None, "the typed id")
        assert "is a user pool id" in text_of(screen.status)
        await pilot.press("escape", "x")
        assert screen.result is None and "Cannot run the exchange" in text_of(screen.status)


async def test_a_refused_exchange_says_how_to_run_it_again(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, with_token=False)
        screen.query_one("#flow", Select).value = "guest"
        screen.query_one("#pool-id", Input).value = "us-east-1:00000000-0000-4000-8000-000000000000"
        screen.form.flush()
        await wait_for(pilot, lambda: "DescribeIdentityPool failed" in screen.pool_note, "the describe")
        await run_exchange(pilot, screen)
        assert screen.result.credentials is None
        status = text_of(screen.status)
        assert "GetId failed" in status and status.endswith("x runs the exchange again.")


OTHER_PROFILES = "# by hand\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = keep-me\n"


async def test_saving_a_profile_keeps_the_other_profiles_of_the_file(make_sandbox_app, sandbox, tmp_path):
    """4, x, Credentials tab, credentials-file profile, w, the file, confirm: one section is added."""
    from cogtui.screens.dialogs.confirm import ConfirmScreen
    from cogtui.screens.dialogs.save_file import ProfilePrompt

    _, info = sandbox
    target = tmp_path / "credentials"
    target.write_text(OTHER_PROFILES)
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, panel = await credentials_tab(app, pilot, info)
        secret = screen.result.credentials.secret_key
        await pilot.press("f")  # env -> profile
        assert panel.fmt == "profile"
        await pilot.press("w")
        assert isinstance(app.screen, ProfilePrompt)
        assert app.screen.query_one("#profile-input", Input).value == "cogtui"
        app.screen.query_one("#path-input", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        assert text_of(app.screen.query_one("#confirm-message")).startswith(
            f"add section [cogtui] to {target}\n"
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: "[cogtui]" in target.read_text(), "the saved profile")
        text = target.read_text()
        assert (
            text.startswith(OTHER_PROFILES + "\n[cogtui]\n") and f"aws_secret_access_key = {secret}" in text
        )
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600

        await pilot.press("w")  # again, under another name, then under the same one: replaced in place
        app.screen.query_one("#path-input", Input).value = str(target)
        app.screen.query_one("#profile-input", Input).value = "default"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        assert text_of(app.screen.query_one("#confirm-message")).startswith(
            f"replace section [default] in {target}\n"
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: "keep-me" not in target.read_text(), "the replaced section")
        saved = target.read_text()
        assert saved.startswith(
            "# by hand\n[default]\naws_access_key_id = " + screen.result.credentials.access_key_id
        )
        assert saved.count("[default]") == 1 and saved.count("[cogtui]") == 1


async def test_the_doctor_verifies_the_token_and_flags_a_forged_one(make_sandbox_app, sandbox):
    """The Checks tab runs the token verifier's checks: alice's token verifies; the same token with
    its payload tampered, unsigned, or with a trailing '/' on iss, never gets a clean bill."""
    from tests.contract.test_identity_doctor import forge

    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, info)
        screen = await open_screen(app, pilot)
        await wait_for(pilot, lambda: verified(screen, app.state.tokens.id_token), "the verification")
        checks = {c.name: c for c in screen.query_one(CheckListView).checks}
        assert (
            status_of(checks["token verification"]) == "pass"
            and status_of(checks["token signature"]) == "pass"
        )
        assert str(screen.query_one(TabbedContent).get_tab("checks").label) == "Checks ✔"
        genuine = app.state.tokens.id_token
        for how, failing in [
            ("tampered payload", "token signature"),
            ("alg none", "token alg"),
            ("iss with a trailing slash", "token iss"),
        ]:
            forged = forge(genuine, how)
            screen.form.set_token(forged)
            screen.form.flush()
            await wait_for(pilot, lambda f=forged: verified(screen, f), f"the verification ({how})")
            checks = {c.name: c for c in screen.query_one(CheckListView).checks}
            assert status_of(checks["token verification"]) == "fail", how
            assert status_of(checks[failing]) == "fail", how
            await pilot.press("k")
            assert "predict a refusal" in text_of(screen.status), how
            assert str(screen.query_one(TabbedContent).get_tab("checks").label).startswith("Checks ✘")
            await pilot.press("escape")
