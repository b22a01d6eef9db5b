"""The user detail screen on the sandbox: what it shows, and admin actions asked, refused, cancelled or done.

Actions only ever touch users created here (AdminCreateUser / SignUp through the gateway) and deleted
afterwards, so the seeded users other tests rely on never change.
"""

from __future__ import annotations

import itertools

import pytest
from textual.widgets import Checkbox, Input, OptionList

from cogtui.aws.errors import CogtuiError, ReadOnlyError
from cogtui.describe.users import NO_EVENTS
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.password_prompt import PasswordPrompt
from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.status_line import StatusLine
from tests.pilot_wait import settle, wait_for

_names = itertools.count(1)


async def open_detail(app, pilot, pool, username) -> UserDetailScreen:
    screen = UserDetailScreen(pool.id, pool.name, username)
    await app.push_screen(screen)
    await wait_for(pilot, lambda: screen.snapshot is not None and screen.snapshot.extras_loaded)
    await settle(pilot)  # its keys and their greying follow the loaded user
    return screen


def status_text(screen) -> str:
    return str(screen.query_one(StatusLine).render())


def banner_text(screen) -> str:
    return str(screen.query_one("#user-last-change").render())


def fields(screen) -> dict[str, str]:
    return {f.label: f.value for f in screen.query_one(FieldList).fields}


async def test_shows_status_attributes_groups_and_says_what_the_endpoint_cannot_report(
    make_sandbox_app, sandbox
):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, "alice")
        shown = fields(screen)
        assert shown["Username"] == "alice" and shown["Status"] == "CONFIRMED"
        assert shown["Enabled"] == "✔ enabled"
        assert shown["custom:tenant_id"] == "acme" and shown["email"] == "alice@example.com"
        assert shown["admins"].endswith(":role/demo-app-admins")  # group with its role
        assert shown["Sub"] == shown["sub"] and shown["Sub"]
        assert shown["MFA methods"] == "none"
        assert shown["Remembered devices"] == "none" and shown["Sign-in events"] == NO_EVENTS
        assert "Created" in shown and shown["Created"].endswith("UTC")


async def test_mfa_settings_are_shown(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, info.pool("demo-app"), "frank")
        shown = fields(screen)
        assert shown["MFA methods"] == "SOFTWARE_TOKEN_MFA"
        assert shown["Preferred MFA"] == "SOFTWARE_TOKEN_MFA"


async def test_read_only_refuses_every_action(make_sandbox_app, sandbox, gateway, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app(read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        for action in (
            "disable",
            "delete",
            "set_password",
            "add_to_group",
            "global_sign_out",
            "reset_password",
        ):
            assert screen.check_action(action, ()) is None, action  # greyed out, still listed
        await pilot.press("d")
        await wait_for(pilot, lambda: "read-only: disabling a user is refused" in status_text(screen))
        await pilot.press("delete")
        await wait_for(pilot, lambda: "read-only: deleting a user is refused" in status_text(screen))
        assert app.screen is screen  # no confirmation was even offered
        screen.run_admin("disable")  # as if the key got through: the screen refuses
        await wait_for(pilot, lambda: "refused" in status_text(screen))
        assert "--read-only" in status_text(screen)
        with pytest.raises(ReadOnlyError):  # and so does the gateway
            await app.gateway.admin_action("AdminDisableUser", pool.id, temp_user)
    user = await gateway.get_user(pool.id, temp_user)
    assert user.enabled and user.status == "FORCE_CHANGE_PASSWORD"


@pytest.mark.parametrize("cancel_key", ["enter", "escape", "n"])
async def test_cancelled_confirmation_changes_nothing(
    make_sandbox_app, sandbox, gateway, temp_user, cancel_key
):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("d")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen) and confirm.danger
        assert temp_user in confirm.message and pool.name in confirm.message and pool.id in confirm.message
        await pilot.press(cancel_key)  # Enter does not confirm a destructive action
        await wait_for(pilot, lambda: app.screen is screen and "Cancelled" in status_text(screen))
    user = await gateway.get_user(pool.id, temp_user)
    assert user.enabled


async def test_accepted_confirmation_disables_then_enables(make_sandbox_app, sandbox, gateway, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        assert screen.check_action("enable", ()) is False  # hidden: already enabled
        await pilot.press("d", "y")
        await wait_for(pilot, lambda: "Disable done" in status_text(screen))
        assert "enabled → disabled" in banner_text(screen)
        assert fields(screen)["Enabled"] == "✘ disabled"
        assert not (await gateway.get_user(pool.id, temp_user)).enabled
        assert screen.check_action("disable", ()) is False and screen.check_action("enable", ()) is True
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmScreen) and not app.screen.danger
        await pilot.press("enter")  # a harmless action: Enter confirms
        await wait_for(pilot, lambda: "Enable done" in status_text(screen))
        assert "disabled → enabled" in banner_text(screen)
    assert (await gateway.get_user(pool.id, temp_user)).enabled


async def test_set_password_permanent_confirms_the_user(make_sandbox_app, sandbox, gateway, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("P")
        prompt = app.screen
        assert isinstance(prompt, PasswordPrompt)
        field = prompt.query_one(Input)
        assert field.password  # masked
        await pilot.press(*DEMO_PASSWORD)
        assert DEMO_PASSWORD not in str(field.render())
        prompt.query_one(Checkbox).value = True
        await pilot.press("enter")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen) and "permanent" in confirm.message
        assert DEMO_PASSWORD not in confirm.message
        await pilot.press("y")
        await wait_for(pilot, lambda: "Set password done" in status_text(screen))
        assert "status FORCE_CHANGE_PASSWORD → CONFIRMED" in banner_text(screen)
        assert DEMO_PASSWORD not in banner_text(screen) + status_text(screen)
    assert (await gateway.get_user(pool.id, temp_user)).status == "CONFIRMED"


async def test_add_to_and_remove_from_a_group(make_sandbox_app, sandbox, gateway, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        assert screen.check_action("remove_from_group", ()) is None  # in no group yet
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert labels == ["admins", "readers"]
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ConfirmScreen) and "'readers'" in app.screen.message
        await pilot.press("y")
        await wait_for(pilot, lambda: "Add to group done" in status_text(screen))
        assert "added to readers" in banner_text(screen)
        assert [g.name for g in await gateway.groups_for_user(pool.id, temp_user)] == ["readers"]
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter", "y")
        await wait_for(pilot, lambda: "Remove from group done" in status_text(screen))
        assert "removed from readers" in banner_text(screen)
    assert await gateway.groups_for_user(pool.id, temp_user) == []


async def test_confirm_sign_up_reset_password_and_sign_out(make_sandbox_app, sandbox, gateway):
    _, info = sandbox
    pool = info.pool("demo-app")
    client = pool.client("web-spa")
    username = f"ui-signup-{next(_names)}"
    await gateway.call(
        "cognito-idp",
        "SignUp",
        ClientId=client.id,
        Username=username,
        Password=DEMO_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )
    app = make_sandbox_app()
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_detail(app, pilot, pool, username)
            assert screen.check_action("confirm_signup", ()) is True
            await pilot.press("C", "enter")
            await wait_for(pilot, lambda: "Confirm sign-up done" in status_text(screen))
            assert "status UNCONFIRMED → CONFIRMED" in banner_text(screen)
            assert screen.check_action("confirm_signup", ()) is False
            await pilot.press("p", "y")  # Cognito refuses: no verified email to send the code to
            await wait_for(pilot, lambda: "no registered/verified email" in status_text(screen))
            assert fields(screen)["Status"] == "CONFIRMED"
            await gateway.call(
                "cognito-idp",
                "AdminUpdateUserAttributes",
                UserPoolId=pool.id,
                Username=username,
                UserAttributes=[{"Name": "email_verified", "Value": "true"}],
            )
            await pilot.press("p", "y")
            await wait_for(pilot, lambda: "Reset password done" in status_text(screen))
            assert "CONFIRMED → RESET_REQUIRED" in banner_text(screen)
            await pilot.press("o", "y")
            await wait_for(pilot, lambda: "Sign out everywhere done" in status_text(screen))
            assert "every refresh token revoked" in banner_text(screen)
    finally:
        await gateway.call("cognito-idp", "AdminDeleteUser", UserPoolId=pool.id, Username=username)


async def test_delete_from_the_users_table(make_sandbox_app, sandbox, gateway, temp_user):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        users = UsersScreen(pool.id, pool.name, f'username = "{temp_user}"')
        await app.push_screen(users)
        await wait_for(pilot, lambda: users.finished_at is not None)
        table = users.table
        assert table.row_count == 1
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, UserDetailScreen)
        await wait_for(pilot, lambda: detail.snapshot is not None)
        await pilot.press("delete")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen) and "cannot be undone" in confirm.message
        await pilot.press("y", "enter")  # a single key does not delete: the username must be typed
        assert app.screen is confirm and confirm.query_one("#confirm-yes").disabled
        await pilot.press("backspace", *temp_user)
        assert not confirm.query_one("#confirm-yes").disabled
        await pilot.press("enter")
        # the detail closes by itself: back on the list, the row gone
        await wait_for(pilot, lambda: app.screen is users)
        assert detail.deleted and table.row_count == 0
        assert "was deleted" in status_text(users)
    with pytest.raises(CogtuiError):
        await gateway.get_user(pool.id, temp_user)


async def test_delete_with_the_wrong_name_typed_deletes_nothing(
    make_sandbox_app, sandbox, gateway, temp_user
):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("delete")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        await pilot.press(*temp_user[:-1], "enter")  # one letter short
        assert app.screen is confirm and confirm.query_one("#confirm-yes").disabled
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen and "Cancelled" in status_text(screen))
    assert (await gateway.get_user(pool.id, temp_user)).username == temp_user


async def test_reset_password_on_a_force_change_user_points_to_set_password(
    make_sandbox_app, sandbox, gateway, temp_user
):
    """Cognito refuses to reset a password nobody has chosen yet: no dialog, no "(r: retry)", and the
    way out (Set password) is named."""
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        assert screen.check_action("reset_password", ()) is None
        await pilot.press("p")
        await wait_for(pilot, lambda: "Set password" in status_text(screen))
        assert app.screen is screen and "r: retry" not in status_text(screen)
        assert "FORCE_CHANGE_PASSWORD" in status_text(screen)
    assert (await gateway.get_user(pool.id, temp_user)).status == "FORCE_CHANGE_PASSWORD"


async def test_set_password_is_checked_against_the_pool_policy_before_it_is_sent(
    make_sandbox_app, sandbox, gateway, temp_user
):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_detail(app, pilot, pool, temp_user)
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, PasswordPrompt))
        prompt = app.screen
        await pilot.press(*"short", "enter")
        error = str(prompt.query_one("#password-error").render())
        assert app.screen is prompt and "Not sent" in error and "shorter than 10 characters" in error
        assert "short" not in error.replace("shorter", "")  # the password itself is never echoed
        assert prompt.query_one(Input).value == "short"  # nothing typed is lost
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
    assert (await gateway.get_user(pool.id, temp_user)).status == "FORCE_CHANGE_PASSWORD"
