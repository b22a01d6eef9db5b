"""Calls some endpoints lack (devices, sign-in events): "not reported" only when the endpoint says it
cannot answer; a real refusal is raised, with Cognito's own payloads (no emulator produces them)."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from cogtui.aws import errors as e
from cogtui.aws.cognito import CognitoGateway
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
