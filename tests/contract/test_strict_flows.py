"""The client's auth flows, user states, PreventUserExistenceErrors, lockout and challenge sessions, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.sandbox import DEMO_PASSWORD
from cogtui.sandbox.strict import strict_state
from tests.contract.strict_support import idp_client, new_client, new_user, password_auth, refused

WRONG_PASSWORD = "Wr0ng!Password"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


def test_a_flow_the_client_does_not_enable_is_refused(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    user = new_user(idp, pool.id)
    spa = pool.client("web-spa")  # SRP and refresh only
    assert refused(password_auth, idp, spa.id, user) == (
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    )
    legacy = pool.client("legacy-password")  # no admin flow
    code, message = refused(
        idp.admin_initiate_auth,
        UserPoolId=pool.id,
        ClientId=legacy.id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": user, "PASSWORD": DEMO_PASSWORD},
    )
    assert (code, message) == ("InvalidParameterException", "Auth flow not enabled for this client")
    srp_a = {"USERNAME": user, "SRP_A": "abcdef"}
    assert refused(idp.initiate_auth, ClientId=legacy.id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp_a)[
        1
    ] == ("Auth flow not enabled for this client")


def test_user_states_are_refused_as_cognito_does(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    assert refused(password_auth, idp, client_id, "heidi") == (
        "PasswordResetRequiredException",
        "Password reset required for the user",
    )
    assert refused(password_auth, idp, client_id, "erin") == ("NotAuthorizedException", "User is disabled.")
    assert refused(password_auth, idp, client_id, "carol") == (
        "UserNotConfirmedException",
        "User is not confirmed.",
    )
    # an unconfirmed user with a wrong password learns nothing about the account's state
    assert refused(password_auth, idp, client_id, "carol", WRONG_PASSWORD) == INCORRECT
    assert password_auth(idp, client_id, "dave", "Temp0rary!demo")["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_prevent_user_existence_errors_decides_how_an_unknown_user_is_refused(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    enabled_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"], PreventUserExistenceErrors="ENABLED"
    )
    legacy_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"], PreventUserExistenceErrors="LEGACY"
    )
    assert refused(password_auth, idp, enabled_id, "nobody-at-all") == INCORRECT
    assert refused(password_auth, idp, legacy_id, "nobody-at-all") == (
        "UserNotFoundException",
        "User does not exist.",
    )


def test_repeated_wrong_passwords_lock_the_user_for_a_while(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    user = new_user(idp, pool.id)
    for _ in range(5):
        assert refused(password_auth, idp, client_id, user, WRONG_PASSWORD) == INCORRECT
    # locked: even the right password is refused until the lockout ends
    assert refused(password_auth, idp, client_id, user) == (
        "NotAuthorizedException",
        "Password attempts exceeded",
    )
    with strict_state().clock.advanced(2):
        assert password_auth(idp, client_id, user)["AuthenticationResult"]["AccessToken"]


def test_a_challenge_session_expires_after_the_clients_auth_session_validity(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"], AuthSessionValidity=5
    )
    user = new_user(idp, pool.id, status="FORCE_CHANGE_PASSWORD")

    def answer(session: str) -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=session,
            ChallengeResponses={"USERNAME": user, "NEW_PASSWORD": "N3w!Passw0rd-x"},
        )

    session = password_auth(idp, client_id, user)["Session"]
    with strict_state().clock.advanced(5 * 60 + 1):
        assert refused(answer, session) == (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        )
    session = password_auth(idp, client_id, user)["Session"]
    with strict_state().clock.advanced(5 * 60 - 5):
        assert answer(session)["AuthenticationResult"]["AccessToken"]
    assert refused(answer, session) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )
    assert refused(answer, "not-a-session-this-sandbox-issued") == (
        "NotAuthorizedException",
        "Invalid session for the user.",
    )


def test_a_refresh_token_works_only_for_the_client_it_was_issued_to(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    user = new_user(idp, pool.id)
    first_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    second_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    no_refresh_id, _ = new_client(idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    token = password_auth(idp, first_id, user)["AuthenticationResult"]["RefreshToken"]

    def refresh(client_id: str) -> Any:
        return idp.initiate_auth(
            ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": token}
        )

    assert refused(refresh, second_id) == ("NotAuthorizedException", "Invalid Refresh Token")
    assert refused(refresh, no_refresh_id) == (
        "InvalidParameterException",
        "Auth flow not enabled for this client",
    )
    assert refresh(first_id)["AuthenticationResult"]["AccessToken"]
