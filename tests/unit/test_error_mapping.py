"""botocore failures become typed errors that say what happened and what to do next.

Real Cognito error payloads are produced with botocore's Stubber (no emulator sends these).
"""

import boto3
import botocore.exceptions as bex
import pytest
from botocore.stub import Stubber

from cogtui.aws import errors as e
from cogtui.aws.error_mapping import map_exception


def _client_error(code, message, status=400, retries=0):
    response = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"RequestId": "req-123", "HTTPStatusCode": status, "RetryAttempts": retries},
    }
    return bex.ClientError(response, "ListUsers")


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("ExpiredTokenException", 400, e.CredentialsError),
        ("UnrecognizedClientException", 400, e.CredentialsError),
        ("AccessDeniedException", 400, e.AccessDeniedError),
        ("TooManyRequestsException", 400, e.ThrottledError),
        ("ResourceNotFoundException", 400, e.NotFoundError),
        ("UserNotFoundException", 400, e.NotFoundError),
        ("NotAuthorizedException", 400, e.NotAuthorizedError),
        ("InvalidParameterException", 400, e.InvalidInputError),
        ("InternalErrorException", 500, e.ServiceError),
        ("500", 500, e.ServiceError),
    ],
)
def test_client_errors_are_typed(code, status, kind):
    err = map_exception(_client_error(code, "msg", status), "cognito-idp", "ListUsers")
    assert type(err) is kind
    assert err.code == code and err.operation == "ListUsers" and err.request_id == "req-123"


def test_access_denied_names_the_missing_action():
    err = map_exception(
        _client_error("AccessDeniedException", "User: arn:... is not authorized"), "cognito-idp", "ListUsers"
    )
    assert "cognito-idp:ListUsers" in err.hint


def test_expired_credentials_name_the_renew_command():
    err = map_exception(
        _client_error("ExpiredTokenException", "The security token included in the request is expired"),
        "cognito-idp",
        "ListUserPools",
        profile="dev",
    )
    assert "aws sso login --profile dev" in err.hint


def test_throttling_counts_attempts():
    err = map_exception(
        _client_error("TooManyRequestsException", "Rate exceeded", retries=2), "cognito-idp", "ListUsers"
    )
    assert err.retries == 2 and "3 attempts" in err.hint


def test_transport_errors():
    refused = map_exception(
        bex.EndpointConnectionError(endpoint_url="http://127.0.0.1:9"), "cognito-idp", "ListUserPools"
    )
    assert isinstance(refused, e.EndpointError) and "127.0.0.1:9" in refused.message
    frozen = map_exception(bex.ReadTimeoutError(endpoint_url="http://x"), "cognito-idp", "ListUserPools")
    assert isinstance(frozen, e.EndpointTimeoutError)
    nocreds = map_exception(bex.NoCredentialsError(), "cognito-idp", "ListUserPools")
    assert isinstance(nocreds, e.CredentialsError) and "--sandbox" in nocreds.hint
    sso = map_exception(bex.UnauthorizedSSOTokenError(), "cognito-idp", "ListUserPools", profile="corp")
    assert isinstance(sso, e.CredentialsError) and "aws sso login --profile corp" in sso.hint


def test_unexpected_exception_is_wrapped():
    err = map_exception(KeyError("boom"), "cognito-idp", "ListUsers")
    assert isinstance(err, e.UnexpectedError) and "KeyError" in err.message


def test_real_cognito_payload_through_stubber():
    """A real Cognito throttling payload, as the service sends it, maps to ThrottledError."""
    client = boto3.client(
        "cognito-idp", region_name="eu-west-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    with Stubber(client) as stub:
        stub.add_client_error(
            "list_users",
            service_error_code="TooManyRequestsException",
            service_message="Too many requests",
            http_status_code=400,
        )
        with pytest.raises(bex.ClientError) as info:
            client.list_users(UserPoolId="eu-west-1_abc")
    err = map_exception(info.value, "cognito-idp", "ListUsers")
    assert isinstance(err, e.ThrottledError) and err.message == "Too many requests"


class _BuggyClient:
    """A client whose every method fails the way a bug in cogtui would, not as AWS would."""

    def __getattr__(self, name):
        raise LookupError(f"a bug, not an AWS answer ({name})")


class _Connection:
    """Just enough of a Connection for the gateway: botocore's real model, a client given by the test."""

    profile = None

    def __init__(self, client):
        import botocore.session

        self._client = client
        self._model = botocore.session.Session().get_service_model("cognito-idp")

    def service_model(self, service):
        return self._model

    def client(self, service, unsigned=False):
        return self._client


async def test_a_bug_under_the_gateway_stays_a_bug():
    from cogtui.aws.gateway import Gateway

    gateway = Gateway(lambda: _Connection(_BuggyClient()))
    try:
        with pytest.raises(LookupError):
            await gateway.call("cognito-idp", "DescribeUserPool", UserPoolId="us-east-1_abc")
        with pytest.raises(LookupError):
            async for _ in gateway.pages("cognito-idp", "ListUserPools", "UserPools", page_size=10):
                pass
    finally:
        gateway.close()


async def test_a_botocore_failure_under_the_gateway_is_typed():
    from cogtui.aws.gateway import Gateway

    class Refused:
        def describe_user_pool(self, **params):
            raise bex.EndpointConnectionError(endpoint_url="http://127.0.0.1:9")

    gateway = Gateway(lambda: _Connection(Refused()))
    try:
        with pytest.raises(e.EndpointError):
            await gateway.call("cognito-idp", "DescribeUserPool", UserPoolId="us-east-1_abc")
    finally:
        gateway.close()


@pytest.mark.parametrize(
    ("code", "message", "status"),
    [
        ("Unsupported", 'Unsupported x-amz-target header "CreateIdentityProvider"', 500),
        ("Unsupported", "InitAuth with AuthFlow=USER_SRP_AUTH", 500),
        ("InternalFailure", "The get_identity_provider_by_identifier action has not been implemented", 500),
        ("NotImplemented", "", 501),
    ],
)
def test_an_endpoint_that_lacks_the_operation_says_so_without_retry_advice(code, message, status):
    err = map_exception(_client_error(code, message, status), "cognito-idp", "ListUsers")
    assert isinstance(err, e.UnsupportedOperationError) and err.code == code
    assert err.message.startswith("This endpoint does not support ListUsers.")
    assert "retry" not in (err.message + err.hint).lower()


def test_cognitos_own_unsupported_errors_are_about_settings_not_missing_operations():
    for code in ("UnsupportedOperationException", "UnsupportedUserStateException", "InternalErrorException"):
        err = map_exception(_client_error(code, "Something", 400), "cognito-idp", "RevokeToken")
        assert not isinstance(err, e.UnsupportedOperationError), code
