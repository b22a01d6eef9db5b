"""A pool of a test's own for the user administration tests: it remembers devices and offers SMS and
authenticator MFA (so every admin action has something to act on); the caller deletes it."""

from __future__ import annotations

import uuid
from typing import Any

SMS_ROLE = "arn:aws:iam::123456789012:role/cognito-sms"


def admin_pool(idp: Any, prefix: str = "t-admin", **create: Any) -> tuple[dict[str, Any], str]:
    """(the pool as created, the id of its app client allowing USER_PASSWORD_AUTH)."""
    pool = idp.create_user_pool(
        PoolName=f"{prefix}-{uuid.uuid4().hex[:8]}",
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": False,
            "DeviceOnlyRememberedOnUserPrompt": False,
        },
        **create,
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": SMS_ROLE, "ExternalId": "x"}},
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="OPTIONAL",
    )
    client_id = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return pool, client_id


def remember_device(idp: Any, client_id: str, username: str, password: str, name: str) -> str:
    """Sign ``username`` in and confirm the device the sign-in handed out; its key."""
    result = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"]
    key = str(result["NewDeviceMetadata"]["DeviceKey"])
    idp.confirm_device(
        AccessToken=result["AccessToken"],
        DeviceKey=key,
        DeviceSecretVerifierConfig={"PasswordVerifier": "dmVyaWZpZXI=", "Salt": "c2FsdA=="},
        DeviceName=name,
    )
    return key
