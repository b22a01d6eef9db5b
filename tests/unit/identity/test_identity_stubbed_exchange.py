"""The exchange over real boto3 clients with botocore's Stubber: payloads no emulator produces.

Each error is the real service's code and message; the gateway maps it, the exchange records it as a
failed step and the diagnosis explains it.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from identity_fixtures import (
    ADMIN_ROLE,
    IDENTITY_ID,
    IDENTITY_POOL_ID,
    KEY,
    OTHER_CLIENT_ID,
    make_pool,
    make_token,
    request_meta,
    stubbed_gateway,
)

from cogtui.aws.errors import AccessDeniedError, CredentialsError, NotAuthorizedError, ThrottledError
from cogtui.aws.trace import REDACTED
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.exchange import ExchangeRequest, run_exchange
from cogtui.identity.proof import prove, try_prove

EXPIRES = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
TOKEN = make_token()
CREDENTIALS = {
    "AccessKeyId": "ASIAEXAMPLE",
    "SecretKey": "s3cr3t-key",
    "SessionToken": "session-tok",
    "Expiration": EXPIRES,
}


def _open_id_token() -> str:
    def b64(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    payload = {"aud": IDENTITY_POOL_ID, "amr": ["authenticated", KEY], "sub": IDENTITY_ID}
    return f"{b64({'alg': 'RS512', 'kid': 'us-east-11'})}.{b64(payload)}.c2ln"


@pytest.fixture
def stubbed():
    gateway, stubbers, connection = stubbed_gateway("cognito-identity", "sts")
    yield gateway, stubbers, connection
    for stubber in stubbers.values():
        stubber.assert_no_pending_responses()
    gateway.close()


def enhanced(**options):
    return ExchangeRequest.for_id_token(IDENTITY_POOL_ID, TOKEN, **options)


async def test_enhanced_success_records_each_step(stubbed):
    gateway, stubbers, connection = stubbed
    ci = stubbers["cognito-identity"]
    ci.add_response(
        "get_id",
        {"IdentityId": IDENTITY_ID, "ResponseMetadata": {"RequestId": "r-getid"}},
        {"IdentityPoolId": IDENTITY_POOL_ID, "Logins": {KEY: TOKEN}},
    )
    ci.add_response(
        "get_credentials_for_identity",
        {"IdentityId": IDENTITY_ID, "Credentials": CREDENTIALS},
        {"IdentityId": IDENTITY_ID, "Logins": {KEY: TOKEN}, "CustomRoleArn": ADMIN_ROLE},
    )
    seen = []
    result = await run_exchange(gateway, enhanced(custom_role_arn=ADMIN_ROLE), on_step=seen.append)
    assert result.ok and [s.operation for s in seen] == ["GetId", "GetCredentialsForIdentity"]
    assert list(result.steps) == seen
    first, second = result.steps
    assert first.request == {"IdentityPoolId": IDENTITY_POOL_ID, "Logins": {KEY: REDACTED}}
    assert first.title == "GetId (enhanced flow)" and first.ok and first.explanation is None
    assert (
        json.loads(json.dumps(second.to_dict()))["response"]["Credentials"]["Expiration"]
        == "2030-01-01T12:00:00+00:00"
    )
    assert first.request_id == "r-getid" and first.notes == (f"Identity id {IDENTITY_ID}.",)
    assert second.request["CustomRoleArn"] == ADMIN_ROLE
    assert second.response["Credentials"]["SecretKey"] == REDACTED
    assert second.response["Credentials"]["SessionToken"] == REDACTED
    assert "Credentials expire at 2030-01-01 12:00:00 UTC" in second.notes[0]
    # the role asked for is not reported as granted: GetCredentialsForIdentity does not name a role
    assert result.credentials == AwsCredentials(
        "ASIAEXAMPLE", "s3cr3t-key", "session-tok", EXPIRES, IDENTITY_ID, None
    )
    assert ("cognito-identity", True) in connection.unsigned_calls
    assert [e.operation for e in gateway.trace.entries] == ["GetId", "GetCredentialsForIdentity"]
    assert TOKEN not in json.dumps([e.to_dict() for e in gateway.trace.entries], default=str)


async def test_issuer_does_not_match_provider_name(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error(
        "get_id",
        "NotAuthorizedException",
        "Invalid login token. Issuer doesn't match providerName",
        response_meta=request_meta("req-iss"),
    )
    wrong_key = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Wrong1"
    result = await run_exchange(gateway, enhanced(logins_key=wrong_key))
    assert not result.ok and len(result.steps) == 1
    step = result.failed_step
    assert isinstance(step.error, NotAuthorizedError) and step.error_code == "NotAuthorizedException"
    assert step.request_id == "req-iss" and step.http_status == 400 and not step.ok
    shared = step.to_dict()
    assert (
        shared["error"]["code"] == "NotAuthorizedException"
        and shared["explanation"]["cause"] == step.explanation.cause
    )
    assert TOKEN not in json.dumps(shared)
    assert "does not name the token's issuer" in result.diagnosis.cause
    assert wrong_key in result.diagnosis.cause and "https://cognito-idp" in result.diagnosis.cause


async def test_token_not_from_a_supported_provider_names_the_client(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error(
        "get_id", "NotAuthorizedException", "Token is not from a supported provider of this identity pool."
    )
    request = ExchangeRequest.for_id_token(IDENTITY_POOL_ID, make_token(aud=OTHER_CLIENT_ID))
    result = await run_exchange(gateway, request, pool=make_pool())
    assert f"app client {OTHER_CLIENT_ID}" in result.diagnosis.cause
    assert "The identity pool trusts:" in result.diagnosis.cause


async def test_role_trust_problem_on_get_credentials(stubbed):
    gateway, stubbers, _ = stubbed
    ci = stubbers["cognito-identity"]
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_client_error(
        "get_credentials_for_identity",
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
    )
    result = await run_exchange(gateway, enhanced())
    assert [s.ok for s in result.steps] == [True, False]
    assert result.identity_id == IDENTITY_ID and result.credentials is None
    assert "trust policy" in result.diagnosis.cause
    assert '"cognito-identity.amazonaws.com:amr"' in result.diagnosis.next_step


async def test_guest_refused(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error(
        "get_id",
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
        expected_params={"IdentityPoolId": IDENTITY_POOL_ID},
    )
    result = await run_exchange(gateway, ExchangeRequest(IDENTITY_POOL_ID))
    assert result.request.guest and "this was a guest exchange" in result.diagnosis.cause


@pytest.mark.parametrize(
    "code, message, fragment",
    [
        ("ResourceConflictException", "Logins are linked to another identity", "conflict"),
        ("ExternalServiceException", "graph.facebook.com: timeout", "external identity provider"),
        ("AmbiguousRoleResolutionException", "No role found", "found no role"),
    ],
)
async def test_other_get_id_errors(stubbed, code, message, fragment):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error("get_id", code, message)
    result = await run_exchange(gateway, enhanced())
    assert result.failed_step.error_code == code and fragment in result.diagnosis.cause


async def test_throttling_after_the_bounded_retries(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error(
        "get_id", "TooManyRequestsException", "Rate exceeded", http_status_code=429
    )
    result = await run_exchange(gateway, enhanced())
    assert isinstance(result.failed_step.error, ThrottledError)
    assert "throttled" in result.diagnosis.cause


async def test_basic_flow_success(stubbed):
    gateway, stubbers, _ = stubbed
    ci, sts = stubbers["cognito-identity"], stubbers["sts"]
    open_id = _open_id_token()
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_response(
        "get_open_id_token",
        {"IdentityId": IDENTITY_ID, "Token": open_id},
        {"IdentityId": IDENTITY_ID, "Logins": {KEY: TOKEN}},
    )
    assumed = "arn:aws:sts::123456789012:assumed-role/app-admins/alice"
    sts.add_response(
        "assume_role_with_web_identity",
        {
            "Credentials": {
                "AccessKeyId": "ASIABASICEXAMPLE1",
                "SecretAccessKey": "basic-secret",
                "SessionToken": "basic-tok",
                "Expiration": EXPIRES,
            },
            "AssumedRoleUser": {"AssumedRoleId": "AROAEXAMPLE:alice", "Arn": assumed},
        },
        {"RoleArn": ADMIN_ROLE, "RoleSessionName": "alice", "WebIdentityToken": open_id},
    )
    request = enhanced(flow="basic", role_arn=ADMIN_ROLE, role_session_name="alice")
    result = await run_exchange(gateway, request)
    assert result.ok and [s.operation for s in result.steps] == [
        "GetId",
        "GetOpenIdToken",
        "AssumeRoleWithWebIdentity",
    ]
    assert (
        result.credentials.access_key_id == "ASIABASICEXAMPLE1"
        and result.credentials.secret_key == "basic-secret"
    )
    assert result.credentials.role_arn == ADMIN_ROLE and result.assumed_role_arn == assumed
    assert (
        f"aud = {IDENTITY_POOL_ID}" in result.steps[1].notes[0]
        and "authenticated" in result.steps[1].notes[0]
    )
    assert result.steps[1].response["Token"] == REDACTED
    assert result.steps[2].request["WebIdentityToken"] == REDACTED and assumed in result.steps[2].notes[0]


async def test_basic_flow_disabled(stubbed):
    gateway, stubbers, _ = stubbed
    ci = stubbers["cognito-identity"]
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_client_error(
        "get_open_id_token",
        "InvalidParameterException",
        "Basic (classic) flow is not enabled, please use enhanced flow.",
    )
    result = await run_exchange(gateway, enhanced(flow="basic", role_arn=ADMIN_ROLE))
    assert result.failed_step.operation == "GetOpenIdToken"
    assert "basic (classic) flow turned off" in result.diagnosis.cause


@pytest.mark.parametrize(
    "code, message, status, error_type, fragment",
    [
        (
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
            403,
            AccessDeniedError,
            "trust policy",
        ),
        ("InvalidIdentityToken", "Incorrect token audience", 400, None, "audience"),
        (
            "ExpiredTokenException",
            "Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000",
            400,
            CredentialsError,
            "10 minutes",
        ),
    ],
)
async def test_sts_errors_in_the_basic_flow(stubbed, code, message, status, error_type, fragment):
    gateway, stubbers, _ = stubbed
    ci = stubbers["cognito-identity"]
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_response("get_open_id_token", {"IdentityId": IDENTITY_ID, "Token": _open_id_token()})
    stubbers["sts"].add_client_error("assume_role_with_web_identity", code, message, http_status_code=status)
    result = await run_exchange(gateway, enhanced(flow="basic", role_arn=ADMIN_ROLE))
    step = result.failed_step
    assert step.operation == "AssumeRoleWithWebIdentity" and step.error_code == code
    if error_type:
        assert isinstance(step.error, error_type)
    assert fragment in result.diagnosis.cause + result.diagnosis.next_step


async def test_a_known_identity_id_skips_get_id(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["cognito-identity"].add_client_error(
        "get_credentials_for_identity",
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        expected_params={"IdentityId": IDENTITY_ID, "Logins": {KEY: TOKEN}},
    )
    result = await run_exchange(gateway, enhanced(identity_id=IDENTITY_ID))
    assert [s.operation for s in result.steps] == ["GetCredentialsForIdentity"]
    assert "does not belong to these logins" in result.diagnosis.cause


def test_request_validation():
    with pytest.raises(ValueError, match="flow must be"):
        ExchangeRequest(IDENTITY_POOL_ID, flow="classic")
    with pytest.raises(ValueError, match="needs a role ARN"):
        ExchangeRequest(IDENTITY_POOL_ID, flow="basic")
    with pytest.raises(ValueError, match="cannot be read"):
        ExchangeRequest.for_id_token(IDENTITY_POOL_ID, "garbage")
    with pytest.raises(ValueError, match="no scheme"):
        ExchangeRequest.for_id_token(IDENTITY_POOL_ID, TOKEN, logins_key="https://" + KEY)
    cleaned = ExchangeRequest.for_id_token(IDENTITY_POOL_ID, f"Bearer {TOKEN}\n")
    assert cleaned.logins == {KEY: TOKEN} and not cleaned.guest
    assert TOKEN not in repr(cleaned)


async def test_proof_signed_with_the_credentials(stubbed):
    gateway, stubbers, connection = stubbed
    stubbers["sts"].add_response(
        "get_caller_identity",
        {
            "UserId": "AROAEXAMPLE:s",
            "Account": "123456789012",
            "Arn": "arn:aws:sts::123456789012:assumed-role/app-admins/s",
        },
    )
    creds = AwsCredentials("ASIAEXAMPLE", "s3cr3t-key", "session-tok", EXPIRES, IDENTITY_ID)
    caller = await prove(gateway, creds)
    assert caller.account == "123456789012" and caller.role_name == "app-admins"
    assert connection.signed_with == ["ASIAEXAMPLE"]
    entry = gateway.trace.entries[-1]
    assert (
        entry.operation == "GetCallerIdentity" and entry.ok and entry.params == {"AccessKeyId": "ASIAEXAMPLE"}
    )


async def test_proof_refused(stubbed):
    gateway, stubbers, _ = stubbed
    stubbers["sts"].add_client_error(
        "get_caller_identity",
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
        http_status_code=403,
    )
    result = await try_prove(gateway, AwsCredentials("ASIAOLD", "x", "y", None, None))
    assert not result.ok and result.error.code == "InvalidClientTokenId"
    assert "temporary credentials were refused" in result.diagnosis.cause
    assert gateway.trace.entries[-1].ok is False
