"""CUSTOM_AUTH over HTTP: refused without the pool's triggers, played by the sandbox where they are set."""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.sandbox.strict import strict_state
from tests.contract.strict_support import idp_client, new_client, new_user, refused, unique

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


def custom_auth(idp: Any, client_id: str, username: str) -> Any:
    return idp.initiate_auth(
        ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": username}
    )


def respond(idp: Any, client_id: str, step: dict[str, Any], username: str, given: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": username, "ANSWER": given},
    )


def test_a_pool_without_the_triggers_refuses_custom_auth(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id, _ = new_client(idp, pool.id, ExplicitAuthFlows=["ALLOW_CUSTOM_AUTH"])
    assert refused(custom_auth, idp, client_id, new_user(idp, pool.id)) == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.",
    )


def test_the_seeded_custom_auth_client_signs_in_with_the_emailed_code(idp, sandbox):
    pool = sandbox[1].pool("demo-email-login")
    client_id = pool.client("custom-auth").id
    email = f"{unique()}@example.com"
    new_user(idp, pool.id, username=email, attributes={"email": email, "email_verified": "true"})
    step = custom_auth(idp, client_id, email)
    assert (
        step["ChallengeName"] == "CUSTOM_CHALLENGE"
        and step["ChallengeParameters"]["DELIVERY_MEDIUM"] == "EMAIL"
    )
    internal = step["ChallengeParameters"]["USERNAME"]
    code = strict_state().outbox.latest_code(internal, "CUSTOM_CHALLENGE")
    wrong = "000000" if code != "000000" else "111111"
    again = respond(idp, client_id, step, email, wrong)  # a wrong answer: asked again, new session
    assert again["ChallengeName"] == "CUSTOM_CHALLENGE" and again["Session"] != step["Session"]
    assert respond(idp, client_id, again, email, code)["AuthenticationResult"]["AccessToken"]


def test_three_wrong_answers_fail_the_sign_in(idp, sandbox):
    pool = sandbox[1].pool("demo-email-login")
    client_id = pool.client("custom-auth").id
    email = f"{unique()}@example.com"
    new_user(idp, pool.id, username=email, attributes={"email": email, "email_verified": "true"})
    step = custom_auth(idp, client_id, email)
    code = strict_state().outbox.latest_code(step["ChallengeParameters"]["USERNAME"], "CUSTOM_CHALLENGE")
    wrong = "000000" if code != "000000" else "111111"
    step = respond(idp, client_id, step, email, wrong)
    step = respond(idp, client_id, step, email, wrong)
    assert refused(respond, idp, client_id, step, email, wrong) == INCORRECT
