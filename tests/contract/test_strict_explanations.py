"""The sign-in debugger's explanations of refusals the sandbox now really produces, tested over HTTP.

Each case starts cogtui's engine against the sandbox and checks both Cognito's answer and the explanation
the app shows for it (until now these were only checked against canned replies).
"""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.auth.challenges import ChallengeAnswer
from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import FAILED, SignInSession
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.sandbox.strict import strict_state
from tests.contract.strict_support import idp_client, new_user

WRONG_PASSWORD = "Wr0ng!Password"


def request(pool: Any, client: Any, username: str, **overrides: Any) -> SignInRequest:
    values = {
        "pool_id": pool.id,
        "client_id": client.id,
        "client_secret": client.secret,
        "username": username,
        "password": DEMO_PASSWORD,
        "flow": "srp",
        **overrides,
    }
    return SignInRequest(**values)


CASES = {
    # name: (client, username or None for a user of one's own, overrides, code, key)
    "no secret hash": (
        "backend",
        None,
        {"client_secret": None},
        "NotAuthorizedException",
        "secret_hash_missing",
    ),
    "wrong secret": (
        "backend",
        None,
        {"client_secret": "not-the-secret"},
        "NotAuthorizedException",
        "secret_hash_mismatch",
    ),
    "flow not enabled": (
        "web-spa",
        None,
        {"flow": "password"},
        "InvalidParameterException",
        "auth_flow_not_enabled",
    ),
    "reset required": (
        "legacy-password",
        "heidi",
        {"flow": "password"},
        "PasswordResetRequiredException",
        "password_reset_required",
    ),
    "unknown user hidden": (
        "web-spa",
        "nobody-at-all",
        {},
        "NotAuthorizedException",
        "incorrect_credentials",
    ),
    "wrong password": (
        "web-spa",
        None,
        {"password": WRONG_PASSWORD},
        "NotAuthorizedException",
        "incorrect_credentials",
    ),
    "unknown user named": (
        "legacy-password",
        "nobody-at-all",
        {"flow": "password"},
        "UserNotFoundException",
        "user_not_found",
    ),
    "unconfirmed": (
        "legacy-password",
        "carol",
        {"flow": "password"},
        "UserNotConfirmedException",
        "user_not_confirmed",
    ),
    "disabled": ("legacy-password", "erin", {"flow": "password"}, "NotAuthorizedException", "user_disabled"),
    "unknown client": (
        "web-spa",
        None,
        {"client_id": "0" * 26},
        "ResourceNotFoundException",
        "client_or_pool_not_found",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_refusals_from_the_sandbox_are_explained(gateway, sandbox, case):
    info = sandbox[1]
    pool = info.pool("demo-app")
    client_name, username, overrides, code, key = CASES[case]
    username = username or new_user(idp_client(info), pool.id)
    session = SignInSession(gateway, request(pool, pool.client(client_name), username, **overrides))
    step = await session.start()
    assert session.state == FAILED
    assert (step.error.code, step.explanation.key) == (code, key)


async def test_a_locked_out_user_is_explained(gateway, sandbox):
    info = sandbox[1]
    pool = info.pool("demo-app")
    client = pool.client("legacy-password")
    username = new_user(idp_client(info), pool.id)
    for _ in range(5):
        await SignInSession(
            gateway, request(pool, client, username, flow="password", password=WRONG_PASSWORD)
        ).start()
    step = await SignInSession(gateway, request(pool, client, username, flow="password")).start()
    assert step.error.message == "Password attempts exceeded"
    assert step.explanation.key == "password_attempts_exceeded"


async def test_an_expired_challenge_session_is_explained(gateway, sandbox):
    info = sandbox[1]
    pool = info.pool("demo-app")
    username = new_user(idp_client(info), pool.id, status="FORCE_CHANGE_PASSWORD")
    session = SignInSession(gateway, request(pool, pool.client("web-spa"), username))
    step = await session.start()
    assert step.challenge == "NEW_PASSWORD_REQUIRED"
    with strict_state().clock.advanced(3 * 60 + 1):  # web-spa's AuthSessionValidity is 3 minutes
        step = await session.answer(ChallengeAnswer(new_password="N3w!Passw0rd-x"))
    assert step.error.message == "Invalid session for the user, session is expired."
    assert step.explanation.key == "session_expired"
