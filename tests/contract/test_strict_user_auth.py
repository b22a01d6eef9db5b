"""USER_AUTH (choice-based sign-in) over HTTP, on demo-email-login's `choice` client: PASSWORD or EMAIL_OTP first."""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.auth.challenges import ChallengeAnswer
from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SIGNED_IN, SignInSession
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.sandbox.strict import strict_state
from tests.contract.strict_support import idp_client, new_user, refused, unique


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


@pytest.fixture
def email_user(idp: Any, sandbox: Any) -> str:
    email = f"{unique()}@example.com"
    new_user(idp, sandbox[1].pool("demo-email-login").id, username=email, attributes={"email": email})
    return email


def user_auth(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params}
    )


def test_without_a_preference_the_pools_first_factors_are_offered(idp, sandbox, email_user):
    client_id = sandbox[1].pool("demo-email-login").client("choice").id
    step = user_auth(idp, client_id, email_user)
    assert step["ChallengeName"] == "SELECT_CHALLENGE"
    assert step["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]

    def choose(password: str) -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="SELECT_CHALLENGE",
            Session=step["Session"],
            ChallengeResponses={"USERNAME": email_user, "ANSWER": "PASSWORD", "PASSWORD": password},
        )

    assert refused(choose, "Wr0ng!Password") == ("NotAuthorizedException", "Incorrect username or password.")
    step = user_auth(idp, client_id, email_user)
    assert choose(DEMO_PASSWORD)["AuthenticationResult"]["AccessToken"]


def test_a_preferred_email_code_signs_in_without_a_password(idp, sandbox, email_user):
    pool = sandbox[1].pool("demo-email-login")
    client_id = pool.client("choice").id
    step = user_auth(idp, client_id, email_user, PREFERRED_CHALLENGE="EMAIL_OTP")
    assert step["ChallengeName"] == "EMAIL_OTP"
    internal = idp.admin_get_user(UserPoolId=pool.id, Username=email_user)["Username"]
    code = strict_state().outbox.latest_code(internal, "EMAIL_OTP")
    done = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="EMAIL_OTP",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": email_user, "EMAIL_OTP_CODE": code},
    )
    assert done["AuthenticationResult"]["IdToken"]


def test_a_client_without_user_auth_refuses_it(idp, sandbox, email_user):
    client_id = sandbox[1].pool("demo-email-login").client("web-spa").id
    assert refused(user_auth, idp, client_id, email_user) == (
        "InvalidParameterException",
        "Auth flow not enabled for this client",
    )


async def test_cogtuis_engine_chooses_password_srp(gateway, sandbox, email_user):
    pool = sandbox[1].pool("demo-email-login")
    request = SignInRequest(
        pool_id=pool.id,
        client_id=pool.client("choice").id,
        username=email_user,
        password=DEMO_PASSWORD,
        flow="user_auth",
    )
    session = SignInSession(gateway, request)
    step = await session.start()
    assert step.challenge == "SELECT_CHALLENGE" and "PASSWORD_SRP" in step.next.options
    await session.answer(ChallengeAnswer(choice="PASSWORD_SRP"))
    assert session.state == SIGNED_IN
