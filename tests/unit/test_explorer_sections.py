"""The rows the explorer screens show, built from models: hosted-UI URLs, triggers, schema, providers,
identity pools, client settings. No app, no network."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cogtui.aws.models import (
    AppClient,
    IdentityPool,
    IdentityPoolRoles,
    IdentityProvider,
    MfaConfig,
    UserPool,
)
from cogtui.describe.clients import DEFAULT_FLOWS, client_rows, rotation_text
from cogtui.describe.identity_pools import ROLES_UNAVAILABLE, identity_pool_rows, user_pool_of
from cogtui.describe.pools import (
    fmt_date,
    hosted_ui_login_url,
    is_secret_detail,
    login_client,
    overview_rows,
    provider_rows,
    schema_cells,
    sign_in_rows,
    trigger_rows,
)
from cogtui.screens.pool_detail import short_flow
from cogtui.widgets.field_list import Field

POOL_ID = "eu-west-1_Pool"


def pool(**extra: Any) -> UserPool:
    return UserPool.from_api({"Id": POOL_ID, "Name": "p", **extra})


def client(name: str = "c", **extra: Any) -> AppClient:
    return AppClient.from_api({"ClientId": f"id-{name}", "ClientName": name, "UserPoolId": POOL_ID, **extra})


def by_label(rows: list, label: str) -> Field:
    return next(r for r in rows if isinstance(r, Field) and r.label == label)


SPA = {
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": ["code"],
    "CallbackURLs": ["https://app.example.com/cb?x=1"],
}
IMPLICIT = {**SPA, "AllowedOAuthFlows": ["implicit"], "CallbackURLs": ["https://old.example.com/cb"]}


def test_hosted_ui_login_url():
    assert hosted_ui_login_url(pool(), client(**SPA)) is None
    with_domain = pool(Domain="prefix")
    base = "https://prefix.auth.eu-west-1.amazoncognito.com"
    assert hosted_ui_login_url(with_domain, None) == base
    assert hosted_ui_login_url(with_domain, client(**SPA)) == (
        f"{base}/login?client_id=id-c&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1"
    )
    assert "response_type=token" in hosted_ui_login_url(with_domain, client(**IMPLICIT))
    custom = pool(Domain="prefix", CustomDomain="login.example.com")
    assert hosted_ui_login_url(custom, None) == "https://login.example.com"


def test_login_client_prefers_the_code_grant_and_needs_a_callback():
    implicit, code = client("old", **IMPLICIT), client("new", **SPA)
    assert login_client([implicit, code]) is code
    assert login_client([client("off", **{**SPA, "AllowedOAuthFlowsUserPoolClient": False})]) is None
    assert login_client([client("nocb", **{**SPA, "CallbackURLs": []})]) is None


def test_overview_says_when_there_is_no_domain():
    rows = overview_rows(pool(EstimatedNumberOfUsers=3), [])
    assert by_label(rows, "Hosted UI login").note.startswith("no domain")
    assert by_label(rows, "Estimated users").value == "3" and not by_label(rows, "Estimated users").can_copy
    loading = overview_rows(pool(Domain="d"), None)
    assert by_label(loading, "Hosted UI login").note == "loading app clients…"


def test_sign_in_rows():
    p = pool(UsernameAttributes=["email"], AliasAttributes=[], AutoVerifiedAttributes=["email"])
    mfa = MfaConfig(mode="ON", sms=True, totp=True, email=False)
    rows = sign_in_rows(p, mfa, [client("a", PreventUserExistenceErrors="ENABLED"), client("b")])
    assert by_label(rows, "Users sign in with").value == "email instead of a username"
    assert by_label(rows, "Usernames").value == "case sensitive (not set)"
    assert by_label(rows, "Factors offered").value == "authenticator app (TOTP), SMS"
    assert by_label(rows, "Account recovery").value.startswith("not set")
    assert by_label(rows, "a").value == "ENABLED" and by_label(rows, "b").value == "LEGACY"
    assert by_label(rows, "Password policy").note == "not reported"
    assert by_label(sign_in_rows(p, None, None), "App clients").note == "loading…"


def test_trigger_rows_and_schema_cells():
    p = pool(
        LambdaConfig={
            "PreSignUp": "arn:aws:lambda:eu-west-1:1:function:pre",
            "PreTokenGenerationConfig": {
                "LambdaVersion": "V2_0",
                "LambdaArn": "arn:aws:lambda:eu-west-1:1:function:tok",
            },
            "KMSKeyID": "arn:aws:kms:eu-west-1:1:key/k",
        },
        SchemaAttributes=[
            {"Name": "custom:a", "AttributeDataType": "String", "Mutable": True},
            {"Name": "sub", "AttributeDataType": "String", "Mutable": False, "Required": True},
        ],
    )
    rows = trigger_rows(p)
    assert by_label(rows, "PreSignUp").value.endswith(":function:pre")
    v2 = by_label(rows, "PreTokenGenerationConfig")
    assert v2.value.endswith(":function:tok") and v2.note == "version V2_0"
    assert by_label(rows, "KMS key (custom senders)").value.endswith(":key/k")
    assert trigger_rows(pool()) == []
    assert schema_cells(p) == [
        ("sub", "String", "standard", "✔ required", "✘ immutable"),
        ("custom:a", "String", "custom", "– optional", "✔ mutable"),
    ]


def test_dates_are_absolute():
    assert fmt_date(datetime(2026, 1, 15, 9, 30, tzinfo=UTC)) == "2026-01-15 09:30 UTC"
    assert fmt_date(None) == ""


@pytest.mark.parametrize(
    ("key", "secret"),
    [("client_secret", True), ("private_key", True), ("client_id", False), ("MetadataURL", False)],
)
def test_provider_secrets_are_recognised(key, secret):
    assert is_secret_detail(key) is secret


def test_provider_rows_mask_secrets_and_show_the_mapping():
    provider = IdentityProvider.from_api(
        {
            "ProviderName": "Corp",
            "ProviderType": "OIDC",
            "ProviderDetails": {"client_id": "x", "client_secret": "s"},
            "AttributeMapping": {"email": "mail"},
        }
    )
    rows = provider_rows(provider)
    assert by_label(rows, "client_secret").secret and not by_label(rows, "client_id").secret
    assert by_label(rows, "email").value == "mail"
    assert by_label(provider_rows(IdentityProvider.from_api({"ProviderName": "n"})), "Mapping").note == "none"


def test_identity_pool_rows():
    ip = IdentityPool.from_api(
        {
            "IdentityPoolId": "eu-west-1:abc",
            "IdentityPoolName": "ids",
            "AllowUnauthenticatedIdentities": False,
            "AllowClassicFlow": True,
            "CognitoIdentityProviders": [
                {
                    "ProviderName": f"cognito-idp.eu-west-1.amazonaws.com/{POOL_ID}",
                    "ClientId": "cid",
                    "ServerSideTokenCheck": True,
                }
            ],
        }
    )
    rows = identity_pool_rows(ip, None)
    assert (
        by_label(rows, "Guest access").value == "off" and by_label(rows, "Classic (basic) flow").value == "on"
    )
    assert by_label(rows, "  App client id").key == f"client:{POOL_ID}:cid"
    assert by_label(rows, "  Server-side token check").value == "on"
    assert by_label(rows, "Roles").note == ROLES_UNAVAILABLE
    roles = IdentityPoolRoles(
        {"authenticated": "arn:aws:iam::1:role/auth"},
        {"cognito-idp.eu-west-1.amazonaws.com/x:cid": {"Type": "Token", "AmbiguousRoleResolution": "Deny"}},
    )
    with_roles = identity_pool_rows(ip, roles)
    assert by_label(with_roles, "authenticated role").value == "arn:aws:iam::1:role/auth"
    mapping = by_label(with_roles, "Mapping for")
    assert mapping.value == "cognito-idp.eu-west-1.amazonaws.com/x (app client cid)"
    assert mapping.note == "choose role from token"
    assert by_label(with_roles, "  otherwise").value == "no credentials (Deny: NotAuthorizedException)"
    missing = IdentityPool.from_api({"IdentityPoolId": "eu-west-1:abc", "IdentityPoolName": "ids"})
    assert (
        by_label(identity_pool_rows(missing, None), "Classic (basic) flow").note
        == "not reported by the endpoint"
    )


def test_user_pool_of():
    assert user_pool_of(f"cognito-idp.eu-west-1.amazonaws.com/{POOL_ID}") == POOL_ID
    assert user_pool_of("accounts.google.com") is None


def test_client_rows():
    secret = client_rows(
        client(
            ClientSecret="shh", RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
        ),
        None,
    )
    assert by_label(secret, "Client secret").secret and by_label(secret, "Client secret").value == "shh"
    assert by_label(secret, "Explicit auth flows").value == DEFAULT_FLOWS
    assert by_label(secret, "Refresh token rotation").value == "enabled (10 s grace period)"
    assert by_label(secret, "Access token").value == "60 minutes (1 hour), the default"
    public = client_rows(client(), pool())
    assert (
        by_label(public, "Client secret").value == "none" and not by_label(public, "Client secret").can_copy
    )
    assert rotation_text(client()) == "disabled"


@pytest.mark.parametrize(
    ("flow", "short"),
    [
        ("ALLOW_USER_SRP_AUTH", "SRP"),
        ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "admin password"),
        ("ADMIN_NO_SRP_AUTH", "admin password"),
        ("ALLOW_NEW_THING", "NEW_THING"),
    ],
)
def test_short_flow(flow, short):
    assert short_flow(flow) == short
