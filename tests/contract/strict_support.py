"""Helpers for the strict sandbox's contract tests: a boto3 client, and users and app clients of one's own.

Every test that changes state creates its own user (and client when it needs other settings) with a
unique name in a seeded pool, so the suite can run in parallel and the seeded accounts stay as documented.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cogtui.auth.secret_hash import secret_hash
from cogtui.sandbox import DEMO_PASSWORD, TEMPORARY_PASSWORD
from cogtui.sandbox.seed import sandbox_clients


def idp_client(info: Any) -> Any:
    return sandbox_clients(info.endpoint_url, info.region)[0]


def unique(prefix: str = "s") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def new_user(
    idp: Any,
    pool_id: str,
    *,
    status: str = "CONFIRMED",
    password: str = DEMO_PASSWORD,
    attributes: dict[str, str] | None = None,
    username: str | None = None,
) -> str:
    """A user of one's own in ``pool_id``, left CONFIRMED, FORCE_CHANGE_PASSWORD or RESET_REQUIRED."""
    name = username or unique()
    attrs = attributes or {"email": f"{name}@example.com", "email_verified": "true"}
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=name,
        TemporaryPassword=password if status == "FORCE_CHANGE_PASSWORD" else TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attrs.items()],
    )
    if status != "FORCE_CHANGE_PASSWORD":
        idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=password, Permanent=True)
    if status == "RESET_REQUIRED":
        idp.admin_reset_user_password(UserPoolId=pool_id, Username=name)
    return name


def new_client(idp: Any, pool_id: str, **settings: Any) -> tuple[str, str | None]:
    """An app client of one's own: (id, secret or None)."""
    body = idp.create_user_pool_client(UserPoolId=pool_id, ClientName=unique("client"), **settings)
    client = body["UserPoolClient"]
    return client["ClientId"], client.get("ClientSecret")


def password_auth(
    idp: Any, client_id: str, username: str, password: str = DEMO_PASSWORD, secret: str | None = None
) -> dict[str, Any]:
    params = {"USERNAME": username, "PASSWORD": password}
    if secret:
        params["SECRET_HASH"] = secret_hash(username, client_id, secret)
    return dict(idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params))


async def engine_sign_in(info: Any, pool: Any, client: Any, username: str, password: str) -> tuple[Any, Any]:
    """cogtui's sign-in engine, SRP flow, over HTTP: (session, first step)."""
    from cogtui.auth.flows import SignInRequest
    from cogtui.auth.signin_session import SignInSession
    from tests.contract.conftest import make_gateway

    request = SignInRequest(
        pool_id=pool.id,
        client_id=client.id,
        client_secret=client.secret,
        username=username,
        password=password,
        flow="srp",
    )
    gateway = make_gateway(info.endpoint_url)
    try:
        session = SignInSession(gateway, request)
        return session, await session.start()
    finally:
        gateway.close()


def refused(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    """(code, message) of the ClientError ``call`` raises; fails the test if it succeeds."""
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]
