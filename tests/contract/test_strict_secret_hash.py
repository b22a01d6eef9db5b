"""SECRET_HASH over HTTP: required and checked on every operation that takes it, for clients with a secret.

Missing: "Client <id> is configured with secret but SECRET_HASH was not received"; wrong: "Unable to verify
secret hash for client <id>" (both NotAuthorizedException, Cognito's words). After PASSWORD_VERIFIER and on
refresh the hash is over the internal username (USER_ID_FOR_SRP), which in an email pool is not the email.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP

from cogtui.auth.secret_hash import secret_hash
from cogtui.sandbox import DEMO_PASSWORD
from tests.contract.strict_support import idp_client, new_client, new_user, refused, unique

WRONG = "bm90LXRoZS1yaWdodC1oYXNo"
ALL_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


def _auth(flow: str, **extra: str) -> Callable[..., Any]:
    def call(idp: Any, pool_id: str, client_id: str, user: str, hashed: dict[str, str]) -> Any:
        params = {"USERNAME": user, **extra, **({"SECRET_HASH": hashed["SecretHash"]} if hashed else {})}
        if flow == "ADMIN_USER_PASSWORD_AUTH":
            return idp.admin_initiate_auth(
                UserPoolId=pool_id, ClientId=client_id, AuthFlow=flow, AuthParameters=params
            )
        return idp.initiate_auth(ClientId=client_id, AuthFlow=flow, AuthParameters=params)

    return call


def _plain(operation: str, **extra: Any) -> Callable[..., Any]:
    def call(idp: Any, pool_id: str, client_id: str, user: str, hashed: dict[str, str]) -> Any:
        return getattr(idp, operation)(ClientId=client_id, Username=user, **extra, **hashed)

    return call


OPERATIONS = {
    "InitiateAuth USER_PASSWORD_AUTH": _auth("USER_PASSWORD_AUTH", PASSWORD=DEMO_PASSWORD),
    "InitiateAuth USER_SRP_AUTH": _auth("USER_SRP_AUTH", SRP_A="abcdef"),
    "AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH": _auth("ADMIN_USER_PASSWORD_AUTH", PASSWORD=DEMO_PASSWORD),
    "SignUp": _plain("sign_up", Password=DEMO_PASSWORD),
    "ConfirmSignUp": _plain("confirm_sign_up", ConfirmationCode="123456"),
    "ForgotPassword": _plain("forgot_password"),
    "ConfirmForgotPassword": _plain(
        "confirm_forgot_password", ConfirmationCode="123456", Password=DEMO_PASSWORD
    ),
    "ResendConfirmationCode": _plain("resend_confirmation_code"),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_missing_and_wrong_secret_hash_are_refused_in_cognitos_words(idp, sandbox, operation):
    pool = sandbox[1].pool("demo-app")
    backend = pool.client("backend")
    user = new_user(idp, pool.id)
    call = OPERATIONS[operation]
    missing = refused(call, idp, pool.id, backend.id, user, {})
    assert missing == (
        "NotAuthorizedException",
        f"Client {backend.id} is configured with secret but SECRET_HASH was not received",
    )
    wrong = refused(call, idp, pool.id, backend.id, user, {"SecretHash": WRONG})
    assert wrong == ("NotAuthorizedException", f"Unable to verify secret hash for client {backend.id}")


def test_a_client_without_secret_needs_no_hash(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    native_id, secret = new_client(idp, pool.id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    user = new_user(idp, pool.id)
    assert secret is None
    assert _auth("USER_PASSWORD_AUTH", PASSWORD=DEMO_PASSWORD)(idp, pool.id, native_id, user, {})[
        "AuthenticationResult"
    ]


def test_responding_to_a_challenge_checks_the_hash(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    backend = pool.client("backend")
    user = new_user(idp, pool.id, status="FORCE_CHANGE_PASSWORD")
    good = secret_hash(user, backend.id, backend.secret)
    challenge = _auth("USER_PASSWORD_AUTH", PASSWORD=DEMO_PASSWORD)(
        idp, pool.id, backend.id, user, {"SecretHash": good}
    )
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"

    def respond(**hashed: str) -> Any:
        answers = {"USERNAME": user, "NEW_PASSWORD": "N3w!Passw0rd-x", **hashed}
        return idp.respond_to_auth_challenge(
            ClientId=backend.id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses=answers,
        )

    assert (
        refused(respond)[1]
        == f"Client {backend.id} is configured with secret but SECRET_HASH was not received"
    )
    assert refused(respond, SECRET_HASH=WRONG)[1] == f"Unable to verify secret hash for client {backend.id}"
    assert respond(SECRET_HASH=good)["AuthenticationResult"]["AccessToken"]


def test_email_pool_hashes_the_email_first_then_the_internal_id(idp, sandbox):
    """The USER_ID_FOR_SRP rule: InitiateAuth over what was typed; the challenge answer and refresh over the id."""
    pool = sandbox[1].pool("demo-email-login")
    client_id, secret = new_client(idp, pool.id, GenerateSecret=True, ExplicitAuthFlows=ALL_FLOWS)
    email = f"{unique()}@example.com"
    new_user(idp, pool.id, username=email, attributes={"email": email, "email_verified": "true"})
    srp = AWSSRP(email, DEMO_PASSWORD, pool.id, client_id, client=idp, client_secret=secret)
    params = srp.get_auth_params()  # SECRET_HASH over the email as typed
    challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    sub = challenge["ChallengeParameters"]["USER_ID_FOR_SRP"]
    answer = srp.process_challenge(challenge["ChallengeParameters"], {"USERNAME": email})
    assert answer["USERNAME"] == sub and answer["SECRET_HASH"] == secret_hash(sub, client_id, secret)

    def respond(answers: dict[str, str]) -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answers
        )

    over_email = {**answer, "SECRET_HASH": secret_hash(email, client_id, secret)}
    assert refused(respond, over_email)[1] == f"Unable to verify secret hash for client {client_id}"
    srp = AWSSRP(email, DEMO_PASSWORD, pool.id, client_id, client=idp, client_secret=secret)
    challenge = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params()
    )
    tokens = respond(srp.process_challenge(challenge["ChallengeParameters"], {"USERNAME": email}))
    refresh_token = tokens["AuthenticationResult"]["RefreshToken"]

    def refresh(hashed_name: str) -> Any:
        params = {"REFRESH_TOKEN": refresh_token, "SECRET_HASH": secret_hash(hashed_name, client_id, secret)}
        return idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=params)

    assert refused(refresh, email)[1] == f"Unable to verify secret hash for client {client_id}"
    assert refresh(sub)["AuthenticationResult"]["AccessToken"]
