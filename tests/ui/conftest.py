"""Fixtures the UI tests of the user administration share: a gateway on the sandbox, a user to act on."""

from __future__ import annotations

import contextlib
import itertools

import pytest

from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.aws.connection import Connection
from cogtui.aws.errors import CogtuiError
from cogtui.sandbox import TEMPORARY_PASSWORD
from cogtui.sandbox.server import SANDBOX_CREDENTIALS
from cogtui.settings import Settings

_names = itertools.count(1)


@pytest.fixture
async def gateway(sandbox):
    _, info = sandbox
    settings = Settings(endpoint_url=info.endpoint_url, region=info.region, sandbox=True)
    gw = CognitoGateway(lambda: Connection(settings, sandbox_credentials=SANDBOX_CREDENTIALS))
    yield gw
    gw.close()


@pytest.fixture
async def temp_user(sandbox, gateway):
    """A FORCE_CHANGE_PASSWORD user of demo-app made for one test, deleted afterwards."""
    _, info = sandbox
    pool_id = info.pool("demo-app").id
    username = f"ui-temp-{next(_names)}"
    await gateway.call(
        "cognito-idp",
        "AdminCreateUser",
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "name", "Value": "Temp [User]"},
        ],
    )
    yield username
    with contextlib.suppress(CogtuiError):  # unless the test deleted it
        await gateway.call("cognito-idp", "AdminDeleteUser", UserPoolId=pool_id, Username=username)
