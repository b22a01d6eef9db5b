"""USER_SRP_AUTH against the sandbox over HTTP: the SRP-6a proof is really checked.

Two SRP clients the sandbox did not write are used: pycognito's ``AWSSRP`` and cogtui's own sign-in engine.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from cogtui.auth.signin_session import FAILED, SIGNED_IN
from cogtui.sandbox import DEMO_PASSWORD
from tests.contract.strict_support import engine_sign_in, idp_client, new_client, new_user, refused, unique

WRONG_PASSWORD = "Wr0ng!Password"


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


def start(idp: Any, pool_id: str, client_id: str, username: str, password: str, secret: str | None = None):
    srp = AWSSRP(username, password, pool_id, client_id, client=idp, client_secret=secret)
    params = srp.get_auth_params()
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    return srp, challenge


def test_pycognito_signs_in_with_the_right_password_and_is_refused_with_a_wrong_one(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    spa = pool.client("web-spa")
    name = new_user(idp, pool.id)
    tokens = AWSSRP(name, DEMO_PASSWORD, pool.id, spa.id, client=idp).authenticate_user()
    assert tokens["AuthenticationResult"]["AccessToken"]
    srp = AWSSRP(name, WRONG_PASSWORD, pool.id, spa.id, client=idp)
    assert refused(srp.authenticate_user) == ("NotAuthorizedException", "Incorrect username or password.")


def test_password_verifier_carries_values_of_cognitos_sizes(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    name = new_user(idp, pool.id)
    _, challenge = start(idp, pool.id, pool.client("web-spa").id, name, DEMO_PASSWORD)
    params = challenge["ChallengeParameters"]
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    assert len(params["SALT"]) == 32 and int(params["SALT"], 16) >= 0
    assert 700 <= len(params["SRP_B"]) <= 768 and int(params["SRP_B"], 16) > 0  # 3072-bit group
    assert len(base64.b64decode(params["SECRET_BLOCK"])) == 1024
    assert params["USER_ID_FOR_SRP"] == params["USERNAME"] == name  # a username pool: the username


def test_email_pool_uses_the_internal_id_and_accepts_it_or_the_email_as_username(idp, sandbox):
    pool = sandbox[1].pool("demo-email-login")
    spa = pool.client("web-spa")
    email = f"{unique()}@example.com"
    new_user(idp, pool.id, username=email, attributes={"email": email, "email_verified": "true"})
    sub = idp.admin_get_user(UserPoolId=pool.id, Username=email)["Username"]
    for username_sent in (sub, email):
        srp, challenge = start(idp, pool.id, spa.id, email, DEMO_PASSWORD)
        params = challenge["ChallengeParameters"]
        assert params["USER_ID_FOR_SRP"] == sub != email
        answer = srp.process_challenge(params, {"USERNAME": email})
        answer["USERNAME"] = username_sent
        done = idp.respond_to_auth_challenge(
            ClientId=spa.id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
        )
        assert done["AuthenticationResult"]["IdToken"]


def test_a_tampered_signature_a_bad_timestamp_and_a_replay_are_refused(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    spa = pool.client("web-spa")
    name = new_user(idp, pool.id)

    def respond(answer: dict[str, str]) -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=spa.id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
        )

    srp, challenge = start(idp, pool.id, spa.id, name, DEMO_PASSWORD)
    answer = srp.process_challenge(challenge["ChallengeParameters"], {"USERNAME": name})
    forged = {**answer, "PASSWORD_CLAIM_SIGNATURE": base64.b64encode(b"x" * 32).decode()}
    assert refused(respond, forged) == ("NotAuthorizedException", "Incorrect username or password.")
    # the secret block belonged to the refused attempt: it cannot be answered again
    assert refused(respond, answer)[1] == "Invalid session for the user, session can only be used once."

    srp, challenge = start(idp, pool.id, spa.id, name, DEMO_PASSWORD)
    answer = srp.process_challenge(challenge["ChallengeParameters"], {"USERNAME": name})
    iso = {**answer, "TIMESTAMP": "2024-03-05T09:04:01Z"}
    assert refused(respond, iso)[0] == "InvalidParameterException"
    assert respond(answer)["AuthenticationResult"]["AccessToken"]
    assert refused(respond, answer) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


def test_the_secret_block_is_bound_to_the_client_that_received_it(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    spa = pool.client("web-spa")
    other_id, _ = new_client(
        idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    name = new_user(idp, pool.id)
    srp, challenge = start(idp, pool.id, spa.id, name, DEMO_PASSWORD)
    answer = srp.process_challenge(challenge["ChallengeParameters"], {"USERNAME": name})
    code, message = refused(
        idp.respond_to_auth_challenge,
        ClientId=other_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=answer,
    )
    assert (code, message) == ("NotAuthorizedException", "Invalid session for the user.")


@pytest.mark.parametrize(("password", "state"), [(DEMO_PASSWORD, SIGNED_IN), (WRONG_PASSWORD, FAILED)])
async def test_cogtuis_engine_is_accepted_or_refused_by_the_proof(sandbox, idp, password, state):
    info = sandbox[1]
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    name = new_user(idp, pool.id)
    session, step = await engine_sign_in(info, pool, backend, name, password)
    assert session.state == state
    if state == FAILED:
        assert step.error.code == "NotAuthorizedException"
        assert step.error.message == "Incorrect username or password."
