"""Shared builders for the identity-pool unit tests: unsigned Cognito-shaped tokens, identity pools,
and a gateway whose boto3 clients are wrapped in botocore's Stubber (real error payloads, no HTTP).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.aws.models import IdentityPool

REGION = "us-east-1"
USER_POOL_ID = "us-east-1_AbCdEf123"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"
KEY = f"cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"
CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado"
OTHER_CLIENT_ID = "7hq2jbg5fm0v8ehb5ptv9q1a8c"
IDENTITY_POOL_ID = "us-east-1:11111111-2222-3333-4444-555555555555"
IDENTITY_ID = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NOW = 1_750_000_000
ADMIN_ROLE = "arn:aws:iam::123456789012:role/app-admins"
READER_ROLE = "arn:aws:iam::123456789012:role/app-readers"
AUTH_ROLE = "arn:aws:iam::123456789012:role/app-authenticated"
GUEST_ROLE = "arn:aws:iam::123456789012:role/app-guests"

DROP = object()


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def make_token(**claims: Any) -> str:
    """An unsigned (dummy signature) ID token for USER_POOL_ID and CLIENT_ID; override or DROP claims."""
    payload: dict[str, Any] = {
        "sub": "a1b2c3d4-0000-4000-8000-0123456789ab",
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "token_use": "id",
        "auth_time": NOW - 60,
        "iat": NOW - 60,
        "exp": NOW + 3600,
        "cognito:username": "alice",
    }
    for name, value in claims.items():
        name = name.replace("__", ":")
        if value is DROP:
            payload.pop(name, None)
        else:
            payload[name] = value
    return f"{_b64({'alg': 'RS256', 'kid': 'k1'})}.{_b64(payload)}.c2lnbmF0dXJl"


def fresh_token(**claims: Any) -> str:
    """Like make_token, valid for an hour from the real clock (for code that reads the time itself)."""
    import time

    now = int(time.time())
    return make_token(**{"iat": now, "auth_time": now, "exp": now + 3600, **claims})


_SIGNING_KEY: Any = None


def signing_jwks() -> Any:
    """A JWKS with the key ``signed_token`` signs with (kid k1), as the user pool would publish it."""
    import json

    from jwt.algorithms import RSAAlgorithm

    from cogtui.tokens.jwks import StaticJwks

    public = json.loads(RSAAlgorithm.to_jwk(_key().public_key()))
    return StaticJwks.from_dict({"keys": [{**public, "kid": "k1"}]})


def _key() -> Any:
    global _SIGNING_KEY
    if _SIGNING_KEY is None:
        from cryptography.hazmat.primitives.asymmetric import rsa

        _SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _SIGNING_KEY


def signed_token(**claims: Any) -> str:
    """``fresh_token``'s claims, really signed (RS256, kid k1) with the key of ``signing_jwks``."""
    import jwt

    from cogtui.tokens.decode import decode_token

    payload = decode_token(fresh_token(**claims)).payload or {}
    return jwt.encode(payload, _key(), algorithm="RS256", headers={"kid": "k1"})


def make_access_token() -> str:
    return make_token(
        token_use="access", aud=DROP, client_id=CLIENT_ID, scope="aws.cognito.signin.user.admin"
    )


def make_pool(**overrides: Any) -> IdentityPool:
    """An IdentityPool model as DescribeIdentityPool returns it, trusting USER_POOL_ID via CLIENT_ID."""
    data: dict[str, Any] = {
        "IdentityPoolId": IDENTITY_POOL_ID,
        "IdentityPoolName": "app",
        "AllowUnauthenticatedIdentities": False,
        "AllowClassicFlow": False,
        "CognitoIdentityProviders": [
            {"ProviderName": KEY, "ClientId": CLIENT_ID, "ServerSideTokenCheck": False}
        ],
    }
    for name, value in overrides.items():
        if value is DROP:
            data.pop(name, None)
        else:
            data[name] = value
    return IdentityPool.from_api(data)


class StubbedConnection:
    """What the gateway needs from a Connection: ``client(service, unsigned)``, ``service_model``, ``profile`` and, for the
    STS proof, ``client_with_credentials``."""

    profile = None
    region = REGION

    def __init__(self, clients: dict[str, Any]) -> None:
        self.clients = clients
        self.unsigned_calls: list[tuple[str, bool]] = []
        self.signed_with: list[str] = []

    def client(self, service: str, unsigned: bool = False) -> Any:
        self.unsigned_calls.append((service, unsigned))
        return self.clients[service]

    def service_model(self, service: str) -> Any:
        return self.clients[service].meta.service_model

    def client_with_credentials(
        self, service: str, access_key: str, secret_key: str, session_token: str
    ) -> Any:
        self.signed_with.append(access_key)
        return self.clients[service]


def stubbed_gateway(*services: str) -> tuple[CognitoGateway, dict[str, Any], StubbedConnection]:
    """A gateway over real boto3 clients (one attempt, no retries) with an active Stubber for each."""
    import boto3
    from botocore.config import Config
    from botocore.stub import Stubber

    config = Config(retries={"mode": "standard", "total_max_attempts": 1})
    clients = {
        s: boto3.client(
            s, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y", config=config
        )
        for s in services
    }
    stubbers = {s: Stubber(c) for s, c in clients.items()}
    for stubber in stubbers.values():
        stubber.activate()
    connection = StubbedConnection(clients)
    return CognitoGateway(lambda: connection), stubbers, connection


def request_meta(request_id: str = "req-1234") -> dict[str, Any]:
    return {"RequestId": request_id, "HTTPStatusCode": 400}
