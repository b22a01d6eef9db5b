"""The user detail's newer admin actions and creating a user, driven with Pilot on the sandbox: each one's
form, its confirmation naming the user and the pool, the result, and the refusal with --read-only.

Actions touch only users (and pools) made here and removed afterwards.
"""

from __future__ import annotations

import contextlib
import uuid

import pytest
from textual.widgets import Checkbox, Input, OptionList

from cogtui.aws.errors import CogtuiError
from cogtui.sandbox import TEMPORARY_PASSWORD
from cogtui.sandbox.strict import strict_state
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.user_forms import AttributeForm, CreateUserDialog
from cogtui.screens.users import UsersScreen
from tests.contract.admin_pool import admin_pool, remember_device
from tests.contract.own_pool import PASSWORD, boto
from tests.pilot_wait import settle, wait_for
from tests.ui.test_user_detail import banner_text, fields, open_detail, status_text

NEW_KEYS = ("edit_attributes", "mark_verified", "set_mfa", "forget_device", "resend_invitation")


@pytest.fixture
def device_pool(sandbox):
    """A pool of its own that remembers devices and offers SMS MFA, with a user who has one device."""
    _, info = sandbox
    idp = boto(info.endpoint_url)
    pool, client_id = admin_pool(idp, "t-ui")
    idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username="roamer",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550199"}],
    )
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username="roamer", Password=PASSWORD, Permanent=True)
    remember_device(idp, client_id, "roamer", PASSWORD, "kitchen tablet")
    yield type("P", (), {"id": pool["Id"], "name": pool["Name"]})(), idp
    idp.delete_user_pool(UserPoolId=pool["Id"])


def _confirm_names_user_and_pool(app, username, pool) -> ConfirmScreen:
    confirm = app.screen
    assert isinstance(confirm, ConfirmScreen)
    assert username in confirm.message and pool.name in confirm.message and pool.id in confirm.message
    return confirm


async def test_edit_attributes_changes_one_and_deletes_another(make_sandbox_app, sandbox, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AttributeForm) and app.screen.is_mounted)
        form = app.screen
        await wait_for(pilot, lambda: isinstance(app.focused, Input), "the caret in the form")
        assert form.query_one("#attr-sub", Input).disabled  # sub never changes
        focused = app.focused
        assert isinstance(focused, Input) and focused.value == ""  # the caret in the first empty field
        form.query_one("#attr-name", Input).value = "New Name"
        form.query_one("#attr-custom-tenant_id", Input).value = "initech"
        form.query_one("#attr-email", Input).value = ""  # emptied: deleted
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        confirm = _confirm_names_user_and_pool(app, temp_user, pool)
        assert "name = 'New Name'" in confirm.message and "email removed" in confirm.message
        await pilot.press("y")
        await wait_for(pilot, lambda: "Edit attributes done" in status_text(screen))
        banner = banner_text(screen)
        assert "name: Temp [User] → New Name" in banner and "custom:tenant_id: (none) → initech" in banner
        assert "email" not in fields(screen)
    user = await app.gateway.get_user(pool.id, temp_user)
    assert user.attributes["name"] == "New Name" and "email" not in user.attributes


async def test_mark_verified_then_the_key_greys_out_with_the_reason(make_sandbox_app, sandbox, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("v")
        confirm = _confirm_names_user_and_pool(app, temp_user, pool)
        assert "email_verified = true" in confirm.message and not confirm.danger
        await pilot.press("enter")  # harmless: Enter confirms
        await wait_for(pilot, lambda: "Mark verified done" in status_text(screen))
        assert "email_verified: (none) → true" in banner_text(screen)
        assert screen.check_action("mark_verified", ()) is None
        await pilot.press("v")
        await wait_for(pilot, lambda: "already verified" in status_text(screen))


async def test_mfa_preference_offers_only_what_the_pool_and_user_allow(make_sandbox_app, device_pool):
    pool, _ = device_pool
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, pool, "roamer")
        await pilot.press("m")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ChoiceScreen) and bool(app.screen.query(OptionList))
        )
        picker = app.screen
        options = picker.query_one(OptionList)
        labels = {
            options.get_option_at_index(i).id: options.get_option_at_index(i)
            for i in range(options.option_count)
        }
        assert not labels["prefer:SMS_MFA"].disabled
        assert labels["prefer:SOFTWARE_TOKEN_MFA"].disabled
        assert "no authenticator app set up" in str(labels["prefer:SOFTWARE_TOKEN_MFA"].prompt)
        assert labels["prefer:EMAIL_OTP"].disabled
        options.highlighted = list(labels).index("prefer:SMS_MFA")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert (
            "SMS text message on and preferred" in _confirm_names_user_and_pool(app, "roamer", pool).message
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: "MFA preference done" in status_text(screen))
        assert fields(screen)["Preferred MFA"] == "SMS_MFA"


async def test_forget_a_remembered_device(make_sandbox_app, device_pool):
    pool, idp = device_pool
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, pool, "roamer")
        assert "kitchen tablet" in fields(screen)
        await pilot.press("f")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ChoiceScreen) and bool(app.screen.query(OptionList))
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        confirm = _confirm_names_user_and_pool(app, "roamer", pool)
        assert confirm.danger and "kitchen tablet" in confirm.message
        await pilot.press("y")
        await wait_for(pilot, lambda: "Forget device done" in status_text(screen))
        await wait_for(pilot, lambda: fields(screen).get("Remembered devices") == "none")
        assert screen.check_action("forget_device", ()) is None
    assert idp.admin_list_devices(UserPoolId=pool.id, Username="roamer")["Devices"] == []


async def test_resend_invitation_only_to_a_user_who_has_not_signed_in(make_sandbox_app, sandbox, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        alice = await open_detail(app, pilot, pool, "alice")
        assert alice.check_action("resend_invitation", ()) is None
        await pilot.press("i")
        await wait_for(pilot, lambda: "alice is CONFIRMED" in status_text(alice))
        assert app.screen is alice
        await pilot.press("escape")
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("i")
        assert "by email" in _confirm_names_user_and_pool(app, temp_user, pool).message
        await pilot.press("y")
        await wait_for(pilot, lambda: "Resend invitation done" in status_text(screen))
        assert "invitation sent again" in banner_text(screen)
    code = strict_state().outbox.latest_code(temp_user, "INVITATION")
    assert code and code != TEMPORARY_PASSWORD


async def test_create_a_user_from_the_users_list(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    username = f"ui-created-{uuid.uuid4().hex[:6]}"
    app = make_sandbox_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            users = UsersScreen(pool.id, pool.name)
            await app.push_screen(users)
            await wait_for(pilot, lambda: users.finished_at is not None, "the users")
            await pilot.press("n")
            await wait_for(pilot, lambda: isinstance(app.screen, CreateUserDialog), "the form")
            form = app.screen
            await wait_for(pilot, lambda: isinstance(app.focused, Input), "the caret in the form")
            assert app.focused is form.query_one("#create-username", Input)
            assert form.query_one("#create-password", Input).password  # masked
            await pilot.press("enter")  # nothing typed: refused with the reason, nothing sent
            assert "a username is needed" in str(form.query_one(".form-error").render())
            form.query_one("#create-username", Input).value = username
            form.query_one("#create-email", Input).value = f"{username}@example.com"
            form.query_one("#create-suppress", Checkbox).value = True
            form.query_one("#create-username", Input).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            confirm = _confirm_names_user_and_pool(app, username, pool)
            assert "SUPPRESS" in confirm.message and "Cognito generates" in confirm.message
            await pilot.press("y")
            await wait_for(pilot, lambda: app.screen is users)
            await app.workers.wait_for_complete()  # the create flow, then the reload it starts
        user = await app.gateway.get_user(pool.id, username)
        assert user.status == "FORCE_CHANGE_PASSWORD" and user.email == f"{username}@example.com"
    finally:
        with contextlib.suppress(CogtuiError):
            boto(info.endpoint_url).admin_delete_user(UserPoolId=pool.id, Username=username)


async def test_read_only_greys_every_new_action_and_says_why(make_sandbox_app, sandbox, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        for action in NEW_KEYS:
            assert screen.check_action(action, ()) is None, action
        for key, doing in (
            ("a", "editing attributes"),
            ("i", "resending an invitation"),
            ("m", "setting an MFA"),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda doing=doing: f"read-only: {doing}" in status_text(screen))
            assert app.screen is screen  # no form, no confirmation
        await pilot.press("escape")
        users = UsersScreen(pool.id, pool.name)
        await app.push_screen(users)
        await settle(pilot)  # listed: the listing's own status no longer replaces the refusal
        assert users.check_action("create_user", ()) is None
        await pilot.press("n")
        await wait_for(pilot, lambda: "read-only: creating a user is refused" in status_text(users))
        assert app.screen is users
    user = await app.gateway.get_user(pool.id, temp_user)
    assert user.status == "FORCE_CHANGE_PASSWORD" and user.attributes["name"] == "Temp [User]"
