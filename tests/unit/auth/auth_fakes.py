"""Fakes for the sign-in engine's unit tests: token-shaped JWTs and a gateway over a stubbed cognito-idp client.

The client is a real boto3 client (so requests are validated against the service model); the
``Stubber`` replays responses shaped like the real API's, including the challenges no emulator
produces (EMAIL_OTP, SELECT_MFA_TYPE, USER_AUTH, CUSTOM_CHALLENGE, device SRP).
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import boto3
from botocore.stub import Stubber

from cogtui.aws.gateway import Gateway

POOL_ID = "us-east-1_AbCdEf123"
CLIENT_ID = "1example23456789abcdefghij"
CLIENT_SECRET = "s3cr3t-client-secret-value-0123456789abcdefghijkl"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def fake_jwt(**claims: Any) -> str:
    """A JWT-shaped token with the given claims (unsigned: the engine only decodes it)."""
    return f"{_b64({'alg': 'RS256', 'kid': 'k1'})}.{_b64(claims)}.c2lnbmF0dXJl"


def auth_result(
    username: str = "alice", sub: str = "0f1e2d3c-aaaa-bbbb-cccc-000000000001", **extra: Any
) -> dict[str, Any]:
    now = int(time.time())
    common = {
        "sub": sub,
        "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}",
        "iat": now,
        "exp": now + 3600,
    }
    result = {
        "IdToken": fake_jwt(token_use="id", aud=CLIENT_ID, **{"cognito:username": username}, **common),
        "AccessToken": fake_jwt(
            token_use="access",
            client_id=CLIENT_ID,
            username=username,
            scope="aws.cognito.signin.user.admin",
            **common,
        ),
        "RefreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d",
        "ExpiresIn": 3600,
        "TokenType": "Bearer",
    }
    result.update(extra)
    return result


class _Connection:
    """What the gateway needs from a connection: one client (and its model) for every service, and a profile."""

    profile = None

    def __init__(self, client: Any) -> None:
        self._client = client

    def client(self, service: str, unsigned: bool = False) -> Any:
        return self._client

    def service_model(self, service: str) -> Any:
        return self._client.meta.service_model


class StubbedIdp:
    """A gateway whose cognito-idp calls are answered by a botocore Stubber."""

    def __init__(self, read_only: bool = False) -> None:
        session = boto3.session.Session(
            aws_access_key_id="x", aws_secret_access_key="y", region_name="us-east-1"
        )
        self.client = session.client("cognito-idp")
        self.stubber = Stubber(self.client)
        self.stubber.activate()
        self.gateway = Gateway(lambda: _Connection(self.client), read_only=read_only)

    def ok(self, method: str, response: dict[str, Any], expected: dict[str, Any] | None = None) -> None:
        """Queue a successful response (with a request id, as AWS sends one)."""
        body = dict(response)
        body["ResponseMetadata"] = {"RequestId": f"req-{method}", "HTTPStatusCode": 200}
        self.stubber.add_response(method, body, expected)

    def error(
        self, method: str, code: str, message: str, expected: dict[str, Any] | None = None, status: int = 400
    ) -> None:
        """Queue a real-API error payload."""
        self.stubber.add_client_error(
            method,
            service_error_code=code,
            service_message=message,
            http_status_code=status,
            expected_params=expected,
            response_meta={"RequestId": f"err-{method}"},
        )

    def close(self) -> None:
        self.stubber.deactivate()
        self.gateway.close()
