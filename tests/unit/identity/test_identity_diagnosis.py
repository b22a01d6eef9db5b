"""Post-failure diagnosis: real Cognito and STS error texts mapped to a cause and a next step."""

from __future__ import annotations

import pytest
from identity_fixtures import CLIENT_ID, IDENTITY_POOL_ID, ISSUER, KEY, OTHER_CLIENT_ID, make_pool

from cogtui.aws import errors as e
from cogtui.identity.diagnosis import DiagnosisContext, context_from, diagnose, diagnose_error

# (code, message as the service sends it, fragment of the cause, fragment of the next step)
REAL_ERRORS = [
    (
        "NotAuthorizedException",
        "Invalid login token. Issuer doesn't match providerName",
        "does not name the token's issuer",
        "from the token's iss",
    ),
    (
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
        "does not trust this token",
        "registered app client",
    ),
    (
        "NotAuthorizedException",
        "Invalid login token. Token expired: 1589092400 >= 1589092129",
        "expired",
        "REFRESH_TOKEN_AUTH",
    ),
    (
        "NotAuthorizedException",
        "Invalid login token. Missing a required claim: aud",
        "access token",
        "IdToken",
    ),
    (
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
        "does not allow guest",
        "guest access",
    ),
    (
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        "does not belong to these logins",
        "GetId again",
    ),
    (
        "NotAuthorizedException",
        "The ambiguous role mapping rules for: accounts.google.com denied this request.",
        "found no role",
        "ambiguous-role resolution",
    ),
    (
        "NotAuthorizedException",
        "Invalid login token. Couldn't verify signed token.",
        "signature",
        "freshly issued",
    ),
    ("NotAuthorizedException", "Something new.", "refused the login", "pre-flight"),
    (
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        "trust policy does not trust this identity pool",
        "cognito-identity.amazonaws.com:aud",
    ),
    ("AmbiguousRoleResolutionException", "", "found no role", "rule"),
    ("ResourceConflictException", "Concurrent modification", "conflict", "Retry once"),
    ("TooManyRequestsException", "Rate exceeded", "throttled", "backoff"),
    (
        "ExternalServiceException",
        "graph.facebook.com: bad token",
        "external identity provider",
        "provider's status",
    ),
    (
        "ResourceNotFoundException",
        f"IdentityPool '{IDENTITY_POOL_ID}' not found.",
        "No identity pool has this id",
        "region",
    ),
    ("ResourceNotFoundException", "Identity 'us-east-1:x' not found.", "does not exist", "GetId"),
    (
        "InvalidParameterException",
        "Basic (classic) flow is not enabled, please use enhanced flow.",
        "basic (classic) flow turned off",
        "enhanced flow",
    ),
    (
        "InvalidParameterException",
        "1 validation error detected",
        "rejected a parameter",
        "names the parameter",
    ),
    (
        "AccessDenied",
        "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        "trust policy does not trust the identity pool",
        "sts:AssumeRoleWithWebIdentity",
    ),
    ("InvalidIdentityToken", "Incorrect token audience", "audience", "GetOpenIdToken returned"),
    (
        "InvalidIdentityToken",
        "Couldn't retrieve verification key from your identity provider",
        "did not accept",
        "10 minutes",
    ),
    (
        "ExpiredTokenException",
        "Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000",
        "10 minutes",
        "GetOpenIdToken again",
    ),
    (
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
        "temporary credentials were refused",
        "exchange again",
    ),
]


@pytest.mark.parametrize("code, message, cause, step", REAL_ERRORS)
def test_real_error_messages(code, message, cause, step):
    diagnosis = diagnose(code, message, "GetId")
    assert cause.lower() in diagnosis.cause.lower(), diagnosis.cause
    assert step.lower() in diagnosis.next_step.lower(), diagnosis.next_step
    assert diagnosis.code == code and diagnosis.message == message


def test_unknown_code_keeps_the_message_and_hint():
    diagnosis = diagnose("WeirdException", "It broke.", "GetId", hint="Try again.")
    assert diagnosis.cause == "It broke." and diagnosis.next_step == "Try again."
    assert diagnose("").code == "Error"


def test_lines_are_ready_to_print():
    lines = diagnose("TooManyRequestsException", "Rate exceeded", "GetId").lines()
    assert lines[0] == "GetId failed: TooManyRequestsException — Rate exceeded"
    assert lines[1].startswith("Cause: ") and lines[2].startswith("Next step: ")
    diagnosis = diagnose("TooManyRequestsException", "Rate exceeded", "GetId")
    assert diagnosis.describe() == f"{diagnosis.cause}\nNext: {diagnosis.next_step}"
    assert diagnosis.to_dict()["code"] == "TooManyRequestsException"


def test_context_makes_the_issuer_mismatch_concrete():
    ctx = DiagnosisContext(token_iss=ISSUER, logins_key="cognito-idp.us-east-1.amazonaws.com/us-east-1_Wrong")
    cause = diagnose(
        "NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName", context=ctx
    ).cause
    assert ISSUER in cause and "us-east-1_Wrong" in cause


def test_context_lists_the_trusted_providers_and_the_tokens_client():
    ctx = DiagnosisContext(pool=make_pool(), token_aud=OTHER_CLIENT_ID)
    cause = diagnose(
        "NotAuthorizedException", "Token is not from a supported provider of this identity pool.", context=ctx
    ).cause
    assert f"app client {OTHER_CLIENT_ID}" in cause and f"{KEY} (app client {CLIENT_ID})" in cause


def test_context_region_and_guest_and_role():
    ctx = DiagnosisContext(identity_pool_id="eu-west-1:1234", region="us-east-1")
    assert (
        "The connection is to us-east-1, the id says eu-west-1."
        in diagnose(
            "ResourceNotFoundException", "IdentityPool 'eu-west-1:1234' not found.", context=ctx
        ).cause
    )
    guest = diagnose(
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
        context=DiagnosisContext(guest=True),
    )
    assert "this was a guest exchange" in guest.cause
    role = "arn:aws:iam::123456789012:role/x"
    assert (
        role
        in diagnose(
            "InvalidIdentityPoolConfigurationException", "", context=DiagnosisContext(role_arn=role)
        ).cause
    )
    assert (
        "unauthenticated (guest) role"
        in diagnose(
            "InvalidIdentityPoolConfigurationException", "", context=DiagnosisContext(guest=True)
        ).cause
    )
    assert context_from(guest=True, unknown="x") == DiagnosisContext(guest=True)


def test_typed_errors_from_the_gateway():
    throttled = e.ThrottledError(
        "Rate exceeded", code="TooManyRequestsException", operation="GetId", hint="wait"
    )
    assert "throttled" in diagnose_error(throttled).cause
    down = e.EndpointError(
        "Could not reach http://127.0.0.1:1/.",
        code="EndpointConnectionError",
        operation="GetId",
        hint="Is the endpoint up?",
    )
    diagnosis = diagnose_error(down)
    assert diagnosis.cause == down.message and diagnosis.next_step == "Is the endpoint up?"
    unimplemented = e.ServiceError(
        "The endpoint failed on GetIdentityPoolRoles (HTTP 500).",
        code="500",
        hint="Local emulators implement only part of Cognito.",
    )
    assert diagnose_error(unimplemented).next_step == "Local emulators implement only part of Cognito."
