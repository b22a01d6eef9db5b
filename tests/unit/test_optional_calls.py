"""Calls some endpoints lack (devices, sign-in events): "not reported" only when the endpoint says it
cannot answer; a real refusal is raised, with Cognito's own payloads (no emulator produces them)."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from cogtui.aws import errors as e
from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.aws.models import NotRecorded
from tests.unit.auth.auth_fakes import _Connection

POOL = "us-east-1_Abc"


@pytest.fixture
def stubbed():
    client = boto3.session.Session(
        aws_access_key_id="x", aws_secret_access_key="y", region_name="us-east-1"
    ).client("cognito-idp")
    stubber = Stubber(client)
    stubber.activate()
    gateway = CognitoGateway(lambda: _Connection(client))
    yield gateway, stubber
    gateway.close()


async def test_devices_are_listed(stubbed):
    gateway, stubber = stubbed
    stubber.add_response("admin_list_devices", {"Devices": [{"DeviceKey": "us-east-1_k1"}]})
    assert await gateway.user_devices(POOL, "alice") == [{"DeviceKey": "us-east-1_k1"}]


@pytest.mark.parametrize("code", ["500", "Unsupported"])
async def test_an_endpoint_without_the_operation_gives_none(stubbed, code):
    gateway, stubber = stubbed
    stubber.add_client_error("admin_list_devices", service_error_code=code, http_status_code=500)
    assert await gateway.user_devices(POOL, "alice") is None


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [
        ("AccessDeniedException", 400, e.AccessDeniedError),
        ("InternalErrorException", 500, e.ServiceError),
        ("TooManyRequestsException", 400, e.ThrottledError),
        ("UserNotFoundException", 400, e.NotFoundError),
    ],
)
async def test_a_real_refusal_is_raised(stubbed, code, status, error):
    gateway, stubber = stubbed
    stubber.add_client_error(
        "admin_list_user_auth_events", service_error_code=code, service_message="no", http_status_code=status
    )
    with pytest.raises(error) as err:
        await gateway.user_auth_events(POOL, "alice")
    assert err.value.code == code


@pytest.mark.parametrize(
    ("method", "operation", "code", "words"),
    [
        (
            "user_auth_events",
            "admin_list_user_auth_events",
            "UserPoolAddOnNotEnabledException",
            ("threat protection", "Plus", "AUDIT or ENFORCED"),
        ),
        (
            "user_devices",
            "admin_list_devices",
            "InvalidUserPoolConfigurationException",
            ("DeviceConfiguration",),
        ),
    ],
)
async def test_a_feature_that_is_off_is_not_recorded_not_a_failure(stubbed, method, operation, code, words):
    """Real Cognito answers AdminListUserAuthEvents with UserPoolAddOnNotEnabledException on every pool
    without threat protection: that says what turns the feature on, and is no error."""
    gateway, stubber = stubbed
    stubber.add_client_error(
        operation, service_error_code=code, service_message="not enabled", http_status_code=400
    )
    answer = await getattr(gateway, method)(POOL, "alice")
    assert isinstance(answer, NotRecorded) and answer.code == code
    assert all(w in answer.reason for w in words), answer.reason


async def test_a_feature_error_of_another_operation_is_still_raised(stubbed):
    gateway, stubber = stubbed
    stubber.add_client_error(
        "admin_list_devices",
        service_error_code="UserPoolAddOnNotEnabledException",
        service_message="no",
        http_status_code=400,
    )
    with pytest.raises(e.CogtuiError):
        await gateway.user_devices(POOL, "alice")
