"""Identity-pool exchanges against the sandbox over HTTP: authenticated, guest, basic flow, STS proof.

The sandbox checks logins and picks roles as Cognito does, so these tests prove the plumbing, the
doctor's predictions and the explanations of real refusals; states no endpoint produces are covered with
the Stubber in the unit tests.
"""

from __future__ import annotations

import json

import jwt

from cogtui.aws.trace import REDACTED
from cogtui.identity.doctor import Status, preflight
from cogtui.identity.exchange import ExchangeRequest, run_exchange
from cogtui.identity.logins import logins_key_for_token
from cogtui.identity.proof import prove
from cogtui.identity.roles import explain_role
from tests.contract.conftest import make_gateway

ADMIN_ROLE = "arn:aws:iam::123456789012:role/demo-app-admins"
MISSING_POOL = "us-east-1:00000000-0000-0000-0000-000000000000"


async def sign_in(gateway, info, client: str = "web-spa", username: str = "alice") -> dict:
    """Tokens for a seeded user, signed in the way the client allows: SRP on web-spa (the client the
    identity pool trusts, SRP only, as a browser app is), the password itself on the others."""
    from cogtui.auth.srp import SrpSigner

    pool = info.pool("demo-app")
    client_id = pool.client(client).id
    password = info.user(username).password
    if client != "web-spa":
        response = await gateway.call(
            "cognito-idp",
            "InitiateAuth",
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        return response["AuthenticationResult"]
    signer = SrpSigner(username, password, pool.id)
    challenge = await gateway.call(
        "cognito-idp",
        "InitiateAuth",
        ClientId=client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters=signer.auth_parameters(),
    )
    params = challenge["ChallengeParameters"]
    session = {"Session": challenge["Session"]} if challenge.get("Session") else {}
    response = await gateway.call(
        "cognito-idp",
        "RespondToAuthChallenge",
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=signer.password_verifier(params, params.get("USERNAME") or username),
        **session,
    )
    return response["AuthenticationResult"]


async def test_authenticated_exchange_from_a_sandbox_sign_in(gateway, sandbox):
    _, info = sandbox
    id_token = (await sign_in(gateway, info))["IdToken"]
    pool = await gateway.describe_identity_pool(info.identity_pool.id)
    checks = preflight(identity_pool_id=pool.id, pool=pool, id_token=id_token, region="us-east-1")
    assert {c.name: c.status for c in checks} == {
        "identity pool id": Status.PASS,
        "token": Status.PASS,
        "token expiry": Status.PASS,
        "logins key": Status.PASS,
        "provider registered": Status.PASS,
        "app client": Status.PASS,
        "server-side token check": Status.PASS,
    }
    seen = []
    result = await run_exchange(
        gateway, ExchangeRequest.for_id_token(pool.id, id_token), on_step=seen.append, pool=pool
    )
    assert result.ok and [s.operation for s in seen] == ["GetId", "GetCredentialsForIdentity"]
    creds = result.credentials
    assert creds.access_key_id and creds.secret_key and creds.session_token
    assert creds.identity_id.startswith("us-east-1:") and creds.seconds_left() > 0
    key = logins_key_for_token(id_token).key
    assert seen[0].request["Logins"] == {key: REDACTED} and seen[0].request_id
    trace = json.dumps([e.to_dict() for e in gateway.trace.entries], default=str)
    assert id_token not in trace and creds.secret_key not in trace


async def test_the_sandbox_refuses_what_the_doctor_predicts(gateway, sandbox):
    _, info = sandbox
    tokens = await sign_in(gateway, info, client="legacy-password")
    pool = await gateway.describe_identity_pool(info.identity_pool.id)
    wrong_client = {
        c.name: c for c in preflight(identity_pool_id=pool.id, pool=pool, id_token=tokens["IdToken"])
    }
    assert wrong_client["app client"].status is Status.FAIL
    access = {
        c.name: c for c in preflight(identity_pool_id=pool.id, pool=pool, id_token=tokens["AccessToken"])
    }
    assert access["token"].status is Status.FAIL
    result = await run_exchange(gateway, ExchangeRequest.for_id_token(pool.id, tokens["IdToken"]))
    step = result.failed_step
    assert not result.ok and step.operation == "GetId"
    assert step.error.code == "NotAuthorizedException"
    assert step.error.message == "Token is not from a supported provider of this identity pool."
    assert "app client" in step.diagnosis.cause
    refused = await run_exchange(gateway, ExchangeRequest.for_id_token(pool.id, tokens["AccessToken"]))
    assert refused.failed_step.error.message == "Invalid login token. Missing a required claim: aud"


async def test_guest_exchange(gateway, sandbox):
    _, info = sandbox
    pool = await gateway.describe_identity_pool(info.identity_pool.id)
    (check,) = [c for c in preflight(identity_pool_id=pool.id, pool=pool) if c.name == "guest access"]
    assert check.status is Status.PASS
    result = await run_exchange(gateway, ExchangeRequest(pool.id))
    assert result.ok and result.request.guest
    assert result.steps[0].request == {"IdentityPoolId": pool.id}
    assert result.steps[1].request == {"IdentityId": result.identity_id}


async def test_basic_flow_and_its_proof(gateway, sandbox):
    _, info = sandbox
    id_token = (await sign_in(gateway, info))["IdToken"]
    pool = await gateway.describe_identity_pool(info.identity_pool.id)
    checks = {
        c.name: c
        for c in preflight(
            identity_pool_id=pool.id, pool=pool, id_token=id_token, flow="basic", role_arn=ADMIN_ROLE
        )
    }
    assert checks["role"].status is Status.PASS
    assert checks["basic flow"].status is Status.PASS
    request = ExchangeRequest.for_id_token(
        pool.id, id_token, flow="basic", role_arn=ADMIN_ROLE, role_session_name="alice"
    )
    result = await run_exchange(gateway, request)
    assert result.ok
    assert [s.operation for s in result.steps] == ["GetId", "GetOpenIdToken", "AssumeRoleWithWebIdentity"]
    assert f"aud = {pool.id}" in result.steps[1].notes[0]  # a real OpenID token: aud is the identity pool
    assert result.steps[2].request["WebIdentityToken"] == REDACTED
    assert "assumed-role/demo-app-admins/alice" in result.assumed_role_arn
    assert result.credentials.role_arn == ADMIN_ROLE
    caller = await prove(gateway, result.credentials)
    assert caller.account == "123456789012" and caller.role_name == "demo-app-admins"
    explanation = explain_role(roles=None, flow="basic", basic_role_arn=ADMIN_ROLE, caller_arn=caller.arn)
    assert "STS confirms the role: demo-app-admins." in explanation.detail
    entry = gateway.trace.entries[-1]
    assert entry.operation == "GetCallerIdentity" and entry.ok
    assert entry.params == {"AccessKeyId": result.credentials.access_key_id}


async def test_proof_of_enhanced_credentials_and_unknown_roles(gateway, sandbox):
    _, info = sandbox
    id_token = (await sign_in(gateway, info))["IdToken"]
    request = ExchangeRequest.for_id_token(info.identity_pool.id, id_token, custom_role_arn=ADMIN_ROLE)
    result = await run_exchange(gateway, request)
    assert result.ok and result.steps[1].request["CustomRoleArn"] == ADMIN_ROLE
    caller = await prove(gateway, result.credentials)
    assert caller.arn == "arn:aws:sts::123456789012:assumed-role/demo-app-admins/CognitoIdentityCredentials"
    roles = await gateway.identity_pool_roles(info.identity_pool.id)
    assert roles is not None and roles.roles["authenticated"].endswith(":role/demo-identities-authenticated")
    claims = jwt.decode(id_token, options={"verify_signature": False})
    explanation = explain_role(
        roles=roles,
        claims=claims,
        logins_key=logins_key_for_token(id_token).key,
        client_id=claims["aud"],
        custom_role_arn=ADMIN_ROLE,
        caller_arn=caller.arn,
    )
    assert explanation.known and explanation.role_arn == ADMIN_ROLE  # predicted, and STS agrees


async def test_exchange_is_allowed_in_read_only_mode(sandbox):
    _, info = sandbox
    gateway = make_gateway(info.endpoint_url, read_only=True)
    try:
        result = await run_exchange(gateway, ExchangeRequest(info.identity_pool.id))
        assert result.ok
    finally:
        gateway.close()


async def test_a_missing_identity_pool_fails_as_a_step(gateway):
    result = await run_exchange(gateway, ExchangeRequest(MISSING_POOL), region="us-east-1")
    assert not result.ok and len(result.steps) == 1
    step = result.failed_step
    assert step.operation == "GetId" and step.error is not None
    assert result.diagnosis is not None and result.diagnosis.next_step
