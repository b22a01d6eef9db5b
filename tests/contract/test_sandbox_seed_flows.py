"""The seed has a user for every sign-in code and a confidential client in the email pool; each works over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.auth.secret_hash import SOURCE_SRP
from cogtui.auth.signin_session import SIGNED_IN
from cogtui.sandbox.strict import strict_state
from tests.contract.strict_support import engine_sign_in, idp_client, password_auth


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


@pytest.mark.parametrize(
    ("username", "challenge", "key"),
    [("sam", "SMS_MFA", "SMS_MFA_CODE"), ("emma", "EMAIL_OTP", "EMAIL_OTP_CODE")],
)
def test_seeded_sms_and_email_users_sign_in_with_the_code_from_the_outbox(
    idp, sandbox, username, challenge, key
):
    info = sandbox[1]
    pool = info.pool("demo-mfa-required")
    client_id = pool.client("native-app").id
    assert info.user(username, pool="demo-mfa-required").note
    step = password_auth(idp, client_id, username)
    assert step["ChallengeName"] == challenge
    code = strict_state().outbox.latest_code(username, challenge)
    done = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName=challenge,
        Session=step["Session"],
        ChallengeResponses={"USERNAME": username, key: code},
    )
    assert done["AuthenticationResult"]["AccessToken"]


def test_seeded_user_with_both_methods_is_asked_to_choose(idp, sandbox):
    pool = sandbox[1].pool("demo-mfa-required")
    step = password_auth(idp, pool.client("native-app").id, "mia")
    assert step["ChallengeName"] == "SELECT_MFA_TYPE"
    assert step["ChallengeParameters"]["MFAS_CAN_CHOOSE"] == '["SMS_MFA", "EMAIL_OTP"]'


async def test_confidential_client_of_the_email_pool_hashes_the_internal_id(sandbox):
    info = sandbox[1]
    pool = info.pool("demo-email-login")
    backend = pool.client("backend")
    assert backend.secret and pool.user_count == 1
    session, step = await engine_sign_in(
        info, pool, backend, "ivy@example.com", info.user("ivy@example.com").password
    )
    assert session.state == SIGNED_IN
    assert step.hashed_username.source == SOURCE_SRP and step.hashed_username.value != "ivy@example.com"
