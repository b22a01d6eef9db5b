"""The admin action catalogue: when each action applies, its confirmation text, and what changed."""

from datetime import UTC, datetime

import pytest

from cogtui.aws.cognito_gateway import ADMIN_ACTIONS
from cogtui.aws.models import User
from cogtui.aws.policy import is_mutating
from cogtui.aws.user_actions import ACTIONS, describe_changes, set_password_detail

WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def user(status="CONFIRMED", enabled=True, **attributes):
    return User("bob", status, enabled, WHEN, WHEN, {"email": "bob@example.com", **attributes})


def test_every_action_is_an_admin_operation_the_gateway_accepts_and_read_only_refuses():
    # The user page offers a subset of what the gateway accepts (the sign-in doctor also fixes attributes
    # and MFA preferences).
    assert {a.operation for a in ACTIONS.values()} <= set(ADMIN_ACTIONS)
    assert all(is_mutating(a.operation) for a in ACTIONS.values())


@pytest.mark.parametrize(
    ("name", "subject", "applies"),
    [
        ("confirm_signup", user("UNCONFIRMED"), True),
        ("confirm_signup", user(), False),
        ("enable", user(enabled=False), True),
        ("enable", user(), False),
        ("disable", user(), True),
        ("disable", user(enabled=False), False),
        ("reset_password", user("EXTERNAL_PROVIDER"), False),
        ("delete", user(enabled=False), True),
    ],
)
def test_applies(name, subject, applies):
    assert ACTIONS[name].applies(subject) is applies


def test_destructive_actions_are_marked_dangerous():
    dangerous = {name for name, a in ACTIONS.items() if a.danger}
    assert dangerous == {
        "disable",
        "reset_password",
        "set_password",
        "global_sign_out",
        "forget_device",
        "delete",
    }


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_question_names_the_user_and_the_pool(name):
    text = ACTIONS[name].question("bob", "demo-app", "us-east-1_abc", "'readers'")
    first_line = text.splitlines()[0]
    assert "'bob'" in first_line and "demo-app (us-east-1_abc)" in first_line and first_line.endswith("?")
    assert ACTIONS[name].consequence in text


def test_set_password_question_says_permanent_or_temporary():
    permanent = ACTIONS["set_password"].question("bob", "p", "id", set_password_detail(True))
    temporary = ACTIONS["set_password"].question("bob", "p", "id", set_password_detail(False))
    assert "(permanent" in permanent and "(temporary" in temporary


def test_describe_changes():
    before = user("FORCE_CHANGE_PASSWORD", email_verified="false")
    after = user("CONFIRMED", enabled=False, email_verified="true", name="Bob")
    assert describe_changes(before, after, ("admins",), ("readers",)) == [
        "status FORCE_CHANGE_PASSWORD → CONFIRMED",
        "enabled → disabled",
        "email_verified: false → true",
        "name: (none) → Bob",
        "added to readers",
        "removed from admins",
    ]
    assert describe_changes(before, before) == []
    assert describe_changes(before, None) == ["bob was deleted"]


def test_disable_says_access_tokens_are_revoked_and_id_tokens_are_not():
    """AdminDisableUser "deactivates a user and revokes all access tokens for the user" (API reference)."""
    text = ACTIONS["disable"].consequence
    assert "revokes their access tokens" in text
    assert "ID tokens" in text and "until they expire" in text
    assert "Tokens already issued stay valid" not in text


def test_global_sign_out_says_what_stays_valid():
    """AdminUserGlobalSignOut: refresh tokens revoked, access tokens refused by Cognito's API; other
    requests may succeed until the tokens expire; the managed login cookie is not cleared."""
    text = ACTIONS["global_sign_out"].consequence
    assert "refresh token" in text and "access tokens" in text
    assert "checks locally stay valid" in text and "cookie is not cleared" in text
    assert "all devices must sign in again" not in text


def test_reset_and_set_password_name_the_statuses_cognito_sets():
    assert "RESET_REQUIRED" in ACTIONS["reset_password"].consequence
    assert "account recovery" in ACTIONS["reset_password"].consequence
    set_text = ACTIONS["set_password"].consequence
    assert "CONFIRMED" in set_text and "FORCE_CHANGE_PASSWORD" in set_text


def test_every_action_has_words_for_a_refusal_and_only_delete_asks_for_the_name():
    assert all(a.doing for a in ACTIONS.values())
    assert ACTIONS["delete"].doing == "deleting a user"
    assert {name for name, a in ACTIONS.items() if a.typed} == {"delete"}
