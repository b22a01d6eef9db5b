"""Pool and client findings: each one fires on the configuration it describes and stays quiet otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cogtui.aws.models import AppClient, MfaConfig, UserPool
from cogtui.findings import (
    Finding,
    by_severity,
    client_findings,
    duration_text,
    insecure_urls,
    pool_findings,
    summary_text,
    token_lifetime,
    token_validity_text,
)

POOL_ID = "us-east-1_Example"

# A pool with nothing to report except what the test changes.
GOOD_POOL: dict[str, Any] = {
    "Id": POOL_ID,
    "Name": "good",
    "MfaConfiguration": "ON",
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 14,
            "RequireUppercase": True,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": True,
            "TemporaryPasswordValidityDays": 3,
        }
    },
    "UsernameConfiguration": {"CaseSensitive": False},
    "UsernameAttributes": ["email"],
    "AutoVerifiedAttributes": ["email"],
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
    "DeletionProtection": "ACTIVE",
    "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
    "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER"},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
    "Domain": "good-prefix",
}
GOOD_MFA = MfaConfig(mode="ON", sms=False, totp=True, email=False)

# A public browser client with nothing to report.
GOOD_CLIENT: dict[str, Any] = {
    "ClientId": "abc123",
    "ClientName": "spa",
    "UserPoolId": POOL_ID,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "CallbackURLs": ["https://app.example.com/callback", "http://localhost:3000/callback"],
    "LogoutURLs": ["https://app.example.com/"],
    "SupportedIdentityProviders": ["COGNITO"],
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10},
    "WriteAttributes": ["name"],
}


def _pool(**changes: Any) -> UserPool:
    data = {**GOOD_POOL}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return UserPool.from_api(data)


def _client(**changes: Any) -> AppClient:
    data = {**GOOD_CLIENT}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return AppClient.from_api(data)


def _codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def _policy(**changes: Any) -> dict[str, Any]:
    return {"PasswordPolicy": {**GOOD_POOL["Policies"]["PasswordPolicy"], **changes}}


def test_a_good_pool_and_client_have_no_findings():
    assert pool_findings(_pool(), GOOD_MFA) == []
    # a public client with the code grant only gets the note that Cognito does not enforce PKCE
    assert [(f.severity, f.code) for f in client_findings(_client(), _pool())] == [
        ("info", "client.code_without_pkce")
    ]


# -- pool findings ---------------------------------------------------------------------------------

POOL_CASES = [
    # (code, changes that make it fire, mfa config, changes that keep it quiet)
    ("pool.mfa_off", {"MfaConfiguration": "OFF"}, None, {"MfaConfiguration": "ON"}),
    ("pool.mfa_optional", {"MfaConfiguration": "OPTIONAL"}, None, {"MfaConfiguration": "ON"}),
    (
        "pool.mfa_sms_only",
        {},
        MfaConfig(mode="ON", sms=True, totp=False, email=False),
        {},
    ),
    (
        "pool.password_short",
        {"Policies": _policy(MinimumLength=6)},
        GOOD_MFA,
        {"Policies": _policy(MinimumLength=8)},
    ),
    (
        "pool.password_length",
        {"Policies": _policy(MinimumLength=10)},
        GOOD_MFA,
        {"Policies": _policy(MinimumLength=12)},
    ),
    (
        "pool.password_classes",
        {"Policies": _policy(MinimumLength=8, RequireSymbols=False)},
        GOOD_MFA,
        {"Policies": _policy(MinimumLength=16, RequireSymbols=False)},
    ),
    (
        "pool.temporary_password_long",
        {"Policies": _policy(TemporaryPasswordValidityDays=30)},
        GOOD_MFA,
        {"Policies": _policy(TemporaryPasswordValidityDays=7)},
    ),
    ("pool.case_sensitive", {"UsernameConfiguration": {"CaseSensitive": True}}, GOOD_MFA, {}),
    ("pool.case_sensitive", {"UsernameConfiguration": None}, GOOD_MFA, {}),
    (
        "pool.recovery_admin_only",
        {"AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]}},
        GOOD_MFA,
        {},
    ),
    ("pool.recovery_not_set", {"AccountRecoverySetting": None}, GOOD_MFA, {}),
    (
        "pool.recovery_sms_first",
        {
            "AccountRecoverySetting": {
                "RecoveryMechanisms": [
                    {"Name": "verified_email", "Priority": 2},
                    {"Name": "verified_phone_number", "Priority": 1},
                ]
            }
        },
        GOOD_MFA,
        {
            "AccountRecoverySetting": {
                "RecoveryMechanisms": [
                    {"Name": "verified_email", "Priority": 1},
                    {"Name": "verified_phone_number", "Priority": 2},
                ]
            }
        },
    ),
    ("pool.deletion_protection_off", {"DeletionProtection": "INACTIVE"}, GOOD_MFA, {}),
    ("pool.deletion_protection_off", {"DeletionProtection": None}, GOOD_MFA, {}),
    ("pool.sign_in_unverified", {"AutoVerifiedAttributes": None}, GOOD_MFA, {}),
    (
        "pool.sign_in_unverified",
        {"UsernameAttributes": None, "AliasAttributes": ["phone_number"]},
        GOOD_MFA,
        {"UsernameAttributes": None, "AliasAttributes": ["preferred_username"]},
    ),
    ("pool.threat_protection_off", {"UserPoolAddOns": None}, GOOD_MFA, {}),
    ("pool.threat_protection_off", {"UserPoolAddOns": {"AdvancedSecurityMode": "OFF"}}, GOOD_MFA, {}),
    ("pool.threat_protection_audit", {"UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}}, GOOD_MFA, {}),
    (
        "pool.email_default_sender",
        {"EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"}},
        GOOD_MFA,
        # A pool that uses no e-mail at all does not care about the sender.
        {
            "EmailConfiguration": None,
            "UsernameAttributes": None,
            "AutoVerifiedAttributes": None,
            "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]},
        },
    ),
    ("pool.self_sign_up", {"AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False}}, GOOD_MFA, {}),
    ("pool.self_sign_up", {"AdminCreateUserConfig": None}, GOOD_MFA, {}),
]


@pytest.mark.parametrize(("code", "fire", "mfa", "quiet"), POOL_CASES, ids=[c[0] for c in POOL_CASES])
def test_pool_finding_fires_and_stays_quiet(code, fire, mfa, quiet):
    fired = pool_findings(_pool(**fire), mfa)
    assert code in _codes(fired)
    finding = next(f for f in fired if f.code == code)
    assert finding.title and finding.why and finding.fix
    assert code not in _codes(pool_findings(_pool(**quiet), GOOD_MFA))


def test_mfa_off_uses_the_pool_setting_without_an_mfa_config():
    assert "pool.mfa_off" in _codes(pool_findings(_pool(MfaConfiguration="OFF"), None))
    assert "pool.mfa_sms_only" not in _codes(pool_findings(_pool(), None))


def test_sms_with_an_authenticator_app_is_not_sms_only():
    mfa = MfaConfig(mode="ON", sms=True, totp=True, email=False)
    assert "pool.mfa_sms_only" not in _codes(pool_findings(_pool(), mfa))


def test_short_password_is_high_and_comes_first():
    findings = pool_findings(
        _pool(Policies=_policy(MinimumLength=6), DeletionProtection="INACTIVE"), GOOD_MFA
    )
    assert findings[0].code == "pool.password_short" and findings[0].severity == "high"
    assert "6 characters" in findings[0].title


def test_missing_password_classes_are_named():
    policy = _policy(MinimumLength=8, RequireSymbols=False, RequireNumbers=False)
    finding = next(
        f for f in pool_findings(_pool(Policies=policy), GOOD_MFA) if f.code == "pool.password_classes"
    )
    assert "numbers" in finding.title and "symbols" in finding.title and "upper-case" not in finding.title


def test_unverified_sign_in_attribute_is_named():
    finding = next(
        f
        for f in pool_findings(_pool(UsernameAttributes=["phone_number"]), GOOD_MFA)
        if f.code == "pool.sign_in_unverified"
    )
    assert "phone_number" in finding.title and "email" not in finding.title


# -- client findings -------------------------------------------------------------------------------

NO_DOMAIN = {"Domain": None}
CLIENT_CASES = [
    # (code, client changes that make it fire, pool changes, client changes that keep it quiet)
    ("client.secret_with_public_flows", {"ClientSecret": "s3cret"}, {}, {}),
    (
        "client.secret_with_public_flows",
        {"ClientSecret": "s3cret", "ExplicitAuthFlows": None},  # the default flows include SRP
        {},
        {
            "ClientSecret": "s3cret",
            "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        },
    ),
    (
        "client.admin_flow_without_secret",
        {"ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
        {},
        {
            "ClientSecret": "s3cret",
            "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        },
    ),
    (
        "client.admin_flow_without_secret",
        {"ExplicitAuthFlows": ["ADMIN_NO_SRP_AUTH"]},
        {},
        {},
    ),
    (
        "client.user_password_auth",
        {"ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
        {},
        {},
    ),
    ("client.user_password_auth", {"ExplicitAuthFlows": ["USER_PASSWORD_AUTH"]}, {}, {}),
    (
        "client.no_refresh_flow",
        {"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]},
        {},
        {"ExplicitAuthFlows": ["USER_PASSWORD_AUTH"]},  # legacy lists always allow refresh
    ),
    ("client.legacy_flow_names", {"ExplicitAuthFlows": ["ADMIN_NO_SRP_AUTH"]}, {}, {}),
    ("client.implicit_grant", {"AllowedOAuthFlows": ["implicit"]}, {}, {"AllowedOAuthFlows": ["code"]}),
    (
        "client.oauth_not_enabled",
        {"AllowedOAuthFlowsUserPoolClient": False},
        {},
        {"AllowedOAuthFlowsUserPoolClient": False, "AllowedOAuthFlows": None},
    ),
    (
        "client.oauth_without_domain",
        {},
        NO_DOMAIN,
        {"AllowedOAuthFlowsUserPoolClient": False, "AllowedOAuthFlows": None},
    ),
    ("client.oauth_without_callback", {"CallbackURLs": None}, {}, {}),
    ("client.oauth_without_providers", {"SupportedIdentityProviders": None}, {}, {}),
    ("client.admin_scope", {"AllowedOAuthScopes": ["openid", "aws.cognito.signin.user.admin"]}, {}, {}),
    (
        "client.http_callback",
        {"CallbackURLs": ["http://app.example.com/callback"]},
        {},
        {"CallbackURLs": ["http://127.0.0.1:8080/cb", "https://app.example.com/cb", "myapp://callback"]},
    ),
    (
        "client.http_logout",
        {"LogoutURLs": ["http://app.example.com/"]},
        {},
        {"LogoutURLs": ["http://localhost/"]},
    ),
    ("client.token_lifetime_long", {"AccessTokenValidity": 24, "TokenValidityUnits": None}, {}, {}),
    (
        "client.token_lifetime_long",
        {"IdTokenValidity": 120},  # minutes, from TokenValidityUnits
        {},
        {"AccessTokenValidity": 1, "IdTokenValidity": 1, "TokenValidityUnits": None},  # hours by default
    ),
    (
        "client.refresh_lifetime_long",
        {"RefreshTokenValidity": 3650},
        {},
        {"RefreshTokenValidity": None},  # the default: 30 days
    ),
    (
        "client.refresh_lifetime_long",
        {"RefreshTokenValidity": 180},
        {},
        {"RefreshTokenValidity": 180, "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]},  # never refreshed
    ),
    ("client.user_existence_errors", {"PreventUserExistenceErrors": "LEGACY"}, {}, {}),
    ("client.user_existence_errors", {"PreventUserExistenceErrors": None}, {}, {}),
    (
        "client.token_revocation_off",
        {"EnableTokenRevocation": False},
        {},
        {"EnableTokenRevocation": None},  # Cognito turns it on when not given
    ),
    ("client.no_refresh_rotation", {"RefreshTokenRotation": None}, {}, {}),
    ("client.no_refresh_rotation", {"RefreshTokenRotation": {"Feature": "DISABLED"}}, {}, {}),
    (
        "client.custom_attribute_writable",
        {"WriteAttributes": ["name", "custom:tenant_id"]},
        {},
        {"WriteAttributes": None, "ReadAttributes": ["custom:tenant_id"]},
    ),
]


@pytest.mark.parametrize(("code", "fire", "pool", "quiet"), CLIENT_CASES, ids=[c[0] for c in CLIENT_CASES])
def test_client_finding_fires_and_stays_quiet(code, fire, pool, quiet):
    fired = client_findings(_client(**fire), _pool(**pool))
    assert code in _codes(fired)
    finding = next(f for f in fired if f.code == code)
    assert finding.title and finding.why and finding.fix
    assert code not in _codes(client_findings(_client(**quiet), _pool(**pool)))


def test_domain_check_needs_the_pool():
    assert "client.oauth_without_domain" not in _codes(client_findings(_client(), None))


def test_custom_domain_counts_as_a_domain():
    pool = _pool(Domain=None, CustomDomain="auth.example.com")
    assert "client.oauth_without_domain" not in _codes(client_findings(_client(), pool))


def test_very_long_refresh_is_high_and_long_refresh_is_medium():
    ten_years = next(
        f
        for f in client_findings(_client(RefreshTokenValidity=3650))
        if f.code == "client.refresh_lifetime_long"
    )
    half_year = next(
        f
        for f in client_findings(_client(RefreshTokenValidity=180))
        if f.code == "client.refresh_lifetime_long"
    )
    assert ten_years.severity == "high" and "10 years" in ten_years.title
    assert half_year.severity == "medium" and "180 days" in half_year.title


def test_the_seeded_legacy_client_reads_like_its_description():
    legacy = _client(
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        CallbackURLs=["http://legacy.example.com/callback"],
        AllowedOAuthFlows=["implicit"],
        AccessTokenValidity=24,
        IdTokenValidity=24,
        RefreshTokenValidity=3650,
        TokenValidityUnits={"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
        PreventUserExistenceErrors="LEGACY",
        EnableTokenRevocation=False,
    )
    findings = client_findings(legacy, _pool())
    assert {
        "client.implicit_grant",
        "client.http_callback",
        "client.user_password_auth",
        "client.token_lifetime_long",
        "client.refresh_lifetime_long",
        "client.user_existence_errors",
        "client.token_revocation_off",
    } <= _codes(findings)
    assert [f.rank for f in findings] == sorted(f.rank for f in findings)
    lifetime = next(f for f in findings if f.code == "client.token_lifetime_long")
    assert lifetime.title == "Access token and ID token valid for 1 day"


# -- token validity --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (60, "minutes", "60 minutes (1 hour)"),
        (1, "hours", "1 hour"),
        (24, "hours", "24 hours (1 day)"),
        (30, "days", "30 days"),
        (3650, "days", "3650 days (10 years)"),
        (3600, "seconds", "3600 seconds (1 hour)"),
        (90, "Minutes", "90 minutes"),
        (5, "fortnights", "5 fortnights"),
    ],
)
def test_token_validity_text(value, unit, text):
    assert token_validity_text(value, unit) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1, "1 second"), (90, "90 seconds"), (7200, "2 hours"), (86400 * 365 * 2, "2 years")],
)
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text


def test_token_lifetime_applies_units_and_defaults():
    bare = _client(
        AccessTokenValidity=None, IdTokenValidity=2, RefreshTokenValidity=None, TokenValidityUnits=None
    )
    access, id_, refresh = (token_lifetime(bare, k) for k in ("access", "id", "refresh"))
    assert (access.seconds, access.is_default, access.text) == (
        3600,
        True,
        "60 minutes (1 hour), the default",
    )
    assert (id_.seconds, id_.unit, id_.is_default) == (7200, "hours", False)  # hours when no unit is given
    assert (refresh.seconds, refresh.unit) == (30 * 86400, "days")
    minutes = _client(AccessTokenValidity=5, TokenValidityUnits={"AccessToken": "minutes"})
    assert token_lifetime(minutes, "access").seconds == 300


# -- helpers ---------------------------------------------------------------------------------------


def test_insecure_urls_only_flags_remote_http():
    urls = (
        "http://a.example.com/x",
        "https://b.example.com",
        "http://localhost:3000",
        "http://[::1]/",
        "app://cb",
    )
    assert insecure_urls(urls) == ["http://a.example.com/x"]


def test_findings_are_frozen_validated_and_summarised():
    finding = Finding("low", "t", "w", "f", "x")
    with pytest.raises(AttributeError):
        finding.title = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Finding("critical", "t", "w", "f")  # type: ignore[arg-type]
    items = [Finding("info", "a", "", ""), Finding("high", "b", "", ""), Finding("high", "c", "", "")]
    assert [f.title for f in by_severity(items)] == ["b", "c", "a"]
    assert summary_text(items) == "2 high, 1 info" and summary_text([]) == "none"
    assert finding.as_text() == "[low] t\nWhy: w\nFix: f"


def test_findings_import_neither_textual_nor_boto3():
    code = "import sys, cogtui.findings; print(' '.join(sorted(sys.modules)))"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert not {"textual", "boto3", "botocore"} & set(out.stdout.split())


# -- machine-to-machine clients and URL shapes -------------------------------------------------------

# A client for services: client_credentials only, with a secret; Cognito's default flows.
M2M_CLIENT: dict[str, Any] = {
    "ClientId": "svc123",
    "ClientName": "billing-service",
    "UserPoolId": POOL_ID,
    "ClientSecret": "s3cr3t",
    "AllowedOAuthFlows": ["client_credentials"],
    "AllowedOAuthScopes": ["billing/read"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "AccessTokenValidity": 60,
    "TokenValidityUnits": {"AccessToken": "minutes"},
}


@pytest.mark.parametrize("flows", [None, [], ["ALLOW_REFRESH_TOKEN_AUTH"]])
def test_a_machine_to_machine_client_has_no_user_or_browser_findings(flows):
    """No user signs in through it and it gets no refresh or ID token: the secret is where it belongs,
    identity providers, existence errors, revocation and rotation do not apply."""
    data = {**M2M_CLIENT} if flows is None else {**M2M_CLIENT, "ExplicitAuthFlows": flows}
    client = AppClient.from_api(data)
    assert client_findings(client, _pool()) == []


def test_a_machine_to_machine_client_still_gets_its_own_findings():
    client = AppClient.from_api(
        {**M2M_CLIENT, "AccessTokenValidity": 24, "TokenValidityUnits": {"AccessToken": "hours"}}
    )
    assert _codes(client_findings(client, _pool(Domain=None))) == {
        "client.token_lifetime_long",
        "client.oauth_without_domain",
    }


def test_a_client_with_user_flows_besides_client_credentials_is_not_machine_to_machine():
    client = AppClient.from_api({**M2M_CLIENT, "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]})
    assert "client.secret_with_public_flows" in _codes(client_findings(client, _pool()))


def test_a_wildcard_callback_url_is_flagged():
    client = _client(CallbackURLs=["https://evil.example.com/*", "https://app.example.com/callback"])
    found = [f for f in client_findings(client, _pool()) if f.code == "client.wildcard_callback"]
    assert len(found) == 1 and found[0].severity == "high"
    assert "https://evil.example.com/*" in found[0].title
    assert "https://app.example.com/callback" not in found[0].title


def test_a_wildcard_sign_out_url_and_a_fragment_are_flagged():
    client = _client(
        CallbackURLs=["https://app.example.com/callback#x"], LogoutURLs=["https://app.example.com/*"]
    )
    assert {"client.fragment_callback", "client.wildcard_logout"} <= _codes(client_findings(client, _pool()))
