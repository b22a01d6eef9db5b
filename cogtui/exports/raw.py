"""The API's own response for one object, as JSON: which call reads it, the call, and its printing.

A ``RawRequest`` names a read-only Cognito call (DescribeUserPool, AdminGetUser...). ``read_raw`` makes it
through the gateway and returns the response as botocore parsed it, without ``ResponseMetadata``.
``to_json`` prints it the way the AWS CLI does (timestamps in ISO 8601), with every secret field
(client secrets, a provider's private key) replaced by a mask unless ``reveal`` is given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

IDP = "cognito-idp"
IDENTITY = "cognito-identity"
MASK = "••••••••"
# Fields of Cognito's responses that hold a credential (compared in lower case).
SECRET_FIELDS = frozenset({"clientsecret", "client_secret", "private_key", "secretcode", "secret"})
# The reads a raw view may make: nothing that changes data, whatever a caller asks for.
READ_PREFIXES = ("Describe", "Get", "AdminGet", "List")


def is_secret_field(key: str) -> bool:
    return key.lower() in SECRET_FIELDS


@dataclass(frozen=True)
class RawRequest:
    """One read-only call and what it is about (``title``: "User pool demo-app")."""

    title: str
    service: str
    operation: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if not self.operation.startswith(READ_PREFIXES):
            raise ValueError(f"{self.operation} is not a read-only call.")

    @property
    def call(self) -> str:
        """``cognito-idp DescribeUserPool UserPoolId=us-east-1_x``: the call as a reader can repeat it."""
        params = " ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.service} {self.operation} {params}".strip()


def user_pool(pool_id: str, name: str = "") -> list[RawRequest]:
    title = f"User pool {name or pool_id}"
    return [
        RawRequest(title, IDP, "DescribeUserPool", {"UserPoolId": pool_id}),
        RawRequest(f"{title}: MFA", IDP, "GetUserPoolMfaConfig", {"UserPoolId": pool_id}),
    ]


def app_client(pool_id: str, client_id: str, name: str = "") -> list[RawRequest]:
    params = {"UserPoolId": pool_id, "ClientId": client_id}
    return [RawRequest(f"App client {name or client_id}", IDP, "DescribeUserPoolClient", params)]


def user(pool_id: str, username: str) -> list[RawRequest]:
    params = {"UserPoolId": pool_id, "Username": username}
    return [RawRequest(f"User {username}", IDP, "AdminGetUser", params)]


def group(pool_id: str, name: str) -> list[RawRequest]:
    return [RawRequest(f"Group {name}", IDP, "GetGroup", {"UserPoolId": pool_id, "GroupName": name})]


def identity_provider(pool_id: str, name: str) -> list[RawRequest]:
    params = {"UserPoolId": pool_id, "ProviderName": name}
    return [RawRequest(f"Identity provider {name}", IDP, "DescribeIdentityProvider", params)]


def identity_pool(identity_pool_id: str, name: str = "") -> list[RawRequest]:
    """The identity pool and its roles (two calls, shown one after the other)."""
    title = f"Identity pool {name or identity_pool_id}"
    params = {"IdentityPoolId": identity_pool_id}
    return [
        RawRequest(title, IDENTITY, "DescribeIdentityPool", params),
        RawRequest(f"{title}: roles", IDENTITY, "GetIdentityPoolRoles", params),
    ]


async def read_raw(gateway: Gateway, request: RawRequest) -> dict[str, Any]:
    """The response of ``request`` as botocore parsed it, without its ``ResponseMetadata``."""
    response = await gateway.call(request.service, request.operation, **request.params)
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def plain(value: Any, *, reveal: bool = True, key: str = "") -> Any:
    """``value`` with timestamps in ISO 8601 (as the AWS CLI prints them) and bytes as text; secret
    fields masked unless ``reveal``."""
    if not reveal and key and is_secret_field(key) and isinstance(value, str) and value:
        return MASK
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Mapping):
        return {str(k): plain(v, reveal=reveal, key=str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, reveal=reveal, key=key) for v in value]
    return value


def count_secrets(value: Any, key: str = "") -> int:
    """How many secret fields with a value ``value`` holds."""
    if key and is_secret_field(key) and isinstance(value, str) and value:
        return 1
    if isinstance(value, Mapping):
        return sum(count_secrets(v, str(k)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return sum(count_secrets(v, key) for v in value)
    return 0


def to_json(response: Mapping[str, Any], *, reveal: bool = False) -> str:
    """Pretty-printed JSON (2 spaces, keys in the API's order); secrets masked unless ``reveal``."""
    return json.dumps(plain(response, reveal=reveal), indent=2, ensure_ascii=False) + "\n"
