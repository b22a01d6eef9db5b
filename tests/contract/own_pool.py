"""A user pool of a test's own on the session sandbox (unique names), so tests that change state
(sign-outs, revocations, role settings) never disturb the seeded pools other tests share."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import boto3

from cogtui.sandbox.seed import secret_hash
from cogtui.sandbox.server import SANDBOX_CREDENTIALS

PASSWORD = "Passw0rd!own-pool"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def boto(endpoint_url: str, service: str = "cognito-idp", **credentials: str) -> Any:
    keys = {"aws_access_key_id": SANDBOX_CREDENTIALS[0], "aws_secret_access_key": SANDBOX_CREDENTIALS[1]}
    keys.update(credentials)
    return boto3.client(service, region_name="us-east-1", endpoint_url=endpoint_url, **keys)


@dataclass
class OwnPool:
    idp: Any
    id: str
    client_id: str
    client_secret: str | None

    def add_user(self, username: str | None = None, groups: tuple[str, ...] = (), **attributes: str) -> str:
        username = username or f"u-{uuid.uuid4().hex[:8]}"
        self.idp.admin_create_user(
            UserPoolId=self.id,
            Username=username,
            MessageAction="SUPPRESS",
            TemporaryPassword="Temp0rary!own-pool",
            UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.id, Username=username, Password=PASSWORD, Permanent=True
        )
        for group in groups:
            self.idp.admin_add_user_to_group(UserPoolId=self.id, Username=username, GroupName=group)
        return username

    def sign_in(
        self, username: str, client_id: str | None = None, secret: str | None = None
    ) -> dict[str, Any]:
        client_id = client_id or self.client_id
        secret = secret if client_id != self.client_id else self.client_secret
        params = {"USERNAME": username, "PASSWORD": PASSWORD}
        if secret:
            params["SECRET_HASH"] = secret_hash(username, client_id, secret)
        response = self.idp.initiate_auth(
            ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params
        )
        return response["AuthenticationResult"]

    def add_client(self, name: str = "extra", **settings: Any) -> tuple[str, str | None]:
        settings.setdefault("ExplicitAuthFlows", FLOWS)
        body = self.idp.create_user_pool_client(UserPoolId=self.id, ClientName=name, **settings)[
            "UserPoolClient"
        ]
        return body["ClientId"], body.get("ClientSecret")


def own_pool(endpoint_url: str, *, secret: bool = False, **client_settings: Any) -> OwnPool:
    idp = boto(endpoint_url)
    pool_id = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:10]}")["UserPool"]["Id"]
    client_settings.setdefault("ExplicitAuthFlows", FLOWS)
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", GenerateSecret=secret, **client_settings
    )["UserPoolClient"]
    return OwnPool(idp, pool_id, client["ClientId"], client.get("ClientSecret"))
