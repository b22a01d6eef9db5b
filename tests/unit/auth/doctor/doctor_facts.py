"""Facts for the sign-in doctor built from API-shaped dicts, as DescribeUserPool, AdminGetUser... return them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cogtui.auth.doctor.alias import Match, Resolution, explain_match
from cogtui.auth.doctor.facts import SignInFacts
from cogtui.aws.models import AppClient, MfaConfig, User, UserPool

POOL_ID = "us-east-1_Doctor01"
CREATED = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def pool(**overrides: Any) -> UserPool:
    body = {
        "Id": POOL_ID,
        "Name": "shop",
        "MfaConfiguration": "OFF",
        "UsernameConfiguration": {"CaseSensitive": False},
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "TemporaryPasswordValidityDays": 7}},
        "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
    }
    body.update(overrides)
    return UserPool.from_api(body)


def mfa(mode: str = "OFF", *, totp: bool = True, sms: bool = False, email: bool = False) -> MfaConfig:
    body: dict[str, Any] = {"MfaConfiguration": mode, "SoftwareTokenMfaConfiguration": {"Enabled": totp}}
    if sms:
        body["SmsMfaConfiguration"] = {"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/sns"}}
    if email:
        body["EmailMfaConfiguration"] = {"Message": "{####}"}
    return MfaConfig.from_api(body)


def client(**overrides: Any) -> AppClient:
    body = {
        "ClientId": "1example23456789",
        "ClientName": "web",
        "UserPoolId": POOL_ID,
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }
    body.update(overrides)
    return AppClient.from_api(body)


def user(username: str = "alice", **overrides: Any) -> User:
    attributes = overrides.pop("attributes", {"email": f"{username}@example.com", "email_verified": "true"})
    body = {
        "Username": username,
        "UserStatus": "CONFIRMED",
        "Enabled": True,
        "UserCreateDate": CREATED,
        "UserLastModifiedDate": CREATED,
        "UserAttributes": [{"Name": k, "Value": v} for k, v in {"sub": "5f1e-sub", **attributes}.items()],
    }
    body.update(overrides)
    return User.from_api(body)


def facts(
    the_user: User | None = None,
    *,
    typed: str | None = None,
    the_pool: UserPool | None = None,
    the_mfa: MfaConfig | None = None,
    the_client: AppClient | None = None,
    **extra: Any,
) -> SignInFacts:
    p = the_pool or pool()
    typed = typed if typed is not None else (the_user.username if the_user else "nobody")
    match = explain_match(p, the_user, typed)[0] if the_user else None
    resolution = Resolution(typed, the_user if match else None, match, near_miss=extra.pop("near_miss", ""))
    return SignInFacts(
        pool_id=p.id,
        typed=typed,
        pool=p,
        mfa=the_mfa or mfa(p.mfa),
        client_id=the_client.id if the_client else None,
        client=the_client,
        resolution=resolution,
        groups=extra.pop("groups", ()),
        auth_events=extra.pop("auth_events", None),
        identity=extra.pop("identity", ()),
        **extra,
    )


__all__ = ["CREATED", "Match", "client", "facts", "mfa", "pool", "user"]
