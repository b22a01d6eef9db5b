"""The pre-flight doctor, one check at a time: each verdict, its detail and its fix."""

from __future__ import annotations

import pytest
from identity_fixtures import (
    ADMIN_ROLE,
    CLIENT_ID,
    DROP,
    IDENTITY_POOL_ID,
    KEY,
    NOW,
    OTHER_CLIENT_ID,
    READER_ROLE,
    USER_POOL_ID,
    make_access_token,
    make_pool,
    make_token,
)

from cogtui.identity.doctor import Check, Status, has_failures, preflight, read_token


def run(**kwargs):
    kwargs.setdefault("identity_pool_id", IDENTITY_POOL_ID)
    kwargs.setdefault("pool", make_pool())
    kwargs.setdefault("now", NOW)
    return {c.name: c for c in preflight(**kwargs)}


def test_a_good_token_passes_every_check():
    checks = run(id_token=make_token(), region="us-east-1")
    assert [c.status for c in checks.values()] == [Status.PASS] * len(checks)
    assert set(checks) == {
        "identity pool id",
        "token",
        "token expiry",
        "logins key",
        "provider registered",
        "app client",
        "server-side token check",
    }
    assert not has_failures(tuple(checks.values()))


# -- identity pool id and region -------------------------------------------------------------------


def test_identity_pool_id_malformed():
    check = run(identity_pool_id="us-east-1_AbCdEf123", id_token=make_token())["identity pool id"]
    assert check.status is Status.FAIL and "user pool id" in check.detail


def test_identity_pool_in_another_region_than_the_connection():
    check = run(id_token=make_token(), region="eu-west-1")["identity pool id"]
    assert check.status is Status.FAIL
    assert "ResourceNotFoundException" in check.detail and "--region us-east-1" in check.fix


def test_unknown_pool_settings_skip_what_needs_them():
    checks = run(pool=None, id_token=make_token(), pool_note="DescribeIdentityPool failed (NoCredentials).")
    assert checks["identity pool settings"].status is Status.SKIP
    assert "NoCredentials" in checks["identity pool settings"].detail
    assert checks["provider registered"].status is Status.SKIP
    assert checks["app client"].status is Status.SKIP
    assert checks["token"].status is Status.PASS


# -- the token -------------------------------------------------------------------------------------


def test_unreadable_token():
    checks = run(id_token="eyJhbGciOi")
    assert checks["token"].status is Status.FAIL and "cannot be read" in checks["token"].detail
    assert "logins key" not in checks


def test_access_token_instead_of_id_token():
    check = run(id_token=make_access_token())["token"]
    assert check.status is Status.FAIL
    assert "Invalid login token. Missing a required claim: aud" in check.detail
    assert "IdToken" in check.fix


def test_token_without_token_use_is_a_warning():
    assert run(id_token=make_token(token_use=DROP))["token"].status is Status.WARN


@pytest.mark.parametrize(
    "exp, status, fragment",
    [
        (NOW - 90, Status.FAIL, f"Invalid login token. Token expired: {NOW} >= {NOW - 90}"),
        (NOW + 30, Status.WARN, "expires in 30s"),
        (NOW + 7200, Status.PASS, "Valid for 2h"),
        (DROP, Status.WARN, "no usable 'exp'"),
        ("tomorrow", Status.WARN, "no usable 'exp'"),
    ],
)
def test_token_expiry(exp, status, fragment):
    check = run(id_token=make_token(exp=exp))["token expiry"]
    assert check.status is status and fragment in check.detail
    if status is Status.FAIL:
        assert "REFRESH_TOKEN_AUTH" in check.fix


# -- the logins key --------------------------------------------------------------------------------


def test_logins_key_typed_for_another_issuer():
    other = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other999"
    check = run(id_token=make_token(), logins_key=other)["logins key"]
    assert check.status is Status.FAIL
    assert "Issuer doesn't match providerName" in check.detail and KEY in check.fix


def test_logins_key_typed_malformed():
    check = run(id_token=make_token(), logins_key="https://" + KEY)["logins key"]
    assert check.status is Status.FAIL and check.fix == f"Use {KEY!r}."


def test_logins_key_typed_and_right():
    assert run(id_token=make_token(), logins_key=KEY)["logins key"].status is Status.PASS


def test_a_local_issuer_is_warned_about_then_sent():
    check = run(id_token=make_token(iss="http://localhost:9229/local_abc"))["logins key"]
    assert check.status is Status.WARN and "not https" in check.detail
    assert check.detail.startswith("localhost:9229/local_abc: ")


def test_a_typed_key_overrides_a_local_issuer_only_when_it_names_it():
    token = make_token(iss="http://localhost:9229/local_abc")
    assert run(id_token=token, logins_key="localhost:9229/local_abc")["logins key"].status is Status.WARN
    check = run(id_token=token, logins_key="localhost:9229/local_other")["logins key"]
    assert check.status is Status.FAIL and "Issuer doesn't match providerName" in check.detail


def test_logins_key_for_a_user_pool_in_another_region():
    eu_pool = "eu-west-1_Zyx987"
    eu_key = f"cognito-idp.eu-west-1.amazonaws.com/{eu_pool}"
    pool = make_pool(CognitoIdentityProviders=[{"ProviderName": eu_key, "ClientId": CLIENT_ID}])
    token = make_token(iss=f"https://{eu_key}")
    checks = run(id_token=token, pool=pool)
    assert checks["logins key"].status is Status.WARN and "eu-west-1" in checks["logins key"].detail
    assert checks["provider registered"].status is Status.PASS


# -- provider and app client -----------------------------------------------------------------------


def test_user_pool_not_registered():
    pool = make_pool(
        CognitoIdentityProviders=[
            {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other", "ClientId": CLIENT_ID}
        ]
    )
    checks = run(id_token=make_token(), pool=pool)
    check = checks["provider registered"]
    assert check.status is Status.FAIL
    assert "Token is not from a supported provider of this identity pool." in check.detail
    assert USER_POOL_ID in check.fix
    assert checks["app client"].status is Status.SKIP


def test_provider_registered_with_different_case():
    pool = make_pool(CognitoIdentityProviders=[{"ProviderName": KEY.lower(), "ClientId": CLIENT_ID}])
    check = run(id_token=make_token(), pool=pool)["provider registered"]
    assert check.status is Status.FAIL and "differs only in case" in check.detail


def test_identity_pool_with_no_user_pool():
    check = run(id_token=make_token(), pool=make_pool(CognitoIdentityProviders=[]))["provider registered"]
    assert check.status is Status.FAIL and "it lists: none" in check.detail


def test_token_for_another_app_client():
    check = run(id_token=make_token(aud=OTHER_CLIENT_ID))["app client"]
    assert check.status is Status.FAIL
    assert OTHER_CLIENT_ID in check.detail and CLIENT_ID in check.detail
    assert "Token is not from a supported provider" in check.detail


def test_user_pool_registered_twice_with_two_clients():
    pool = make_pool(
        CognitoIdentityProviders=[
            {"ProviderName": KEY, "ClientId": CLIENT_ID},
            {"ProviderName": KEY, "ClientId": OTHER_CLIENT_ID, "ServerSideTokenCheck": True},
        ]
    )
    checks = run(id_token=make_token(aud=OTHER_CLIENT_ID), pool=pool)
    assert checks["app client"].status is Status.PASS
    assert checks["server-side token check"].detail.startswith("On:")


def test_token_without_audience():
    assert run(id_token=make_token(aud=DROP))["app client"].status is Status.WARN


def test_server_side_token_check_note():
    off = run(id_token=make_token())["server-side token check"]
    assert off.status is Status.PASS and off.detail.startswith("Off:") and "revoked" in off.detail


# -- guest, basic flow, roles ----------------------------------------------------------------------


def test_guest_access_disabled():
    check = run()["guest access"]
    assert check.status is Status.FAIL
    assert "Unauthenticated access is not supported for this identity pool." in check.detail


def test_guest_access_enabled_and_unknown():
    assert run(pool=make_pool(AllowUnauthenticatedIdentities=True))["guest access"].status is Status.PASS
    assert run(pool=None)["guest access"].status is Status.SKIP


def test_basic_flow_disabled():
    checks = run(id_token=make_token(), flow="basic", role_arn=ADMIN_ROLE)
    assert checks["role"].status is Status.PASS
    assert checks["basic flow"].status is Status.FAIL
    assert "Basic (classic) flow is not enabled, please use enhanced flow." in checks["basic flow"].detail


def test_basic_flow_enabled_unstated_and_unknown():
    on = run(id_token=make_token(), flow="basic", role_arn=ADMIN_ROLE, pool=make_pool(AllowClassicFlow=True))
    assert on["basic flow"].status is Status.PASS
    unstated = run(
        id_token=make_token(), flow="basic", role_arn=ADMIN_ROLE, pool=make_pool(AllowClassicFlow=DROP)
    )
    assert unstated["basic flow"].status is Status.WARN
    assert run(flow="basic", role_arn=ADMIN_ROLE, pool=None)["basic flow"].status is Status.SKIP


@pytest.mark.parametrize("role, fragment", [(None, "none was given"), ("app-admins", "not an IAM role ARN")])
def test_basic_flow_needs_a_role_arn(role, fragment):
    check = run(id_token=make_token(), flow="basic", role_arn=role)["role"]
    assert check.status is Status.FAIL and fragment in check.detail


@pytest.mark.parametrize(
    "claims, role, status, fragment",
    [
        (
            {"cognito__roles": [ADMIN_ROLE, READER_ROLE]},
            ADMIN_ROLE,
            Status.PASS,
            "one of the token's cognito:roles",
        ),
        (
            {"cognito__roles": [READER_ROLE]},
            ADMIN_ROLE,
            Status.WARN,
            "is not one of the token's cognito:roles",
        ),
        ({}, ADMIN_ROLE, Status.WARN, "no cognito:roles claim"),
        ({}, "admins", Status.FAIL, "not an IAM role ARN"),
    ],
)
def test_custom_role(claims, role, status, fragment):
    check = run(id_token=make_token(**claims), custom_role_arn=role)["custom role"]
    assert check.status is status and fragment in check.detail


# -- raw logins for other providers ----------------------------------------------------------------


def test_raw_logins_for_other_providers():
    pool = make_pool(
        SupportedLoginProviders={"accounts.google.com": "123.apps.googleusercontent.com"},
        OpenIdConnectProviderARNs=["arn:aws:iam::123456789012:oidc-provider/login.example.com"],
        SamlProviderARNs=["arn:aws:iam::123456789012:saml-provider/Corp"],
        DeveloperProviderName="login.myapp",
    )
    logins = {
        "accounts.google.com": "g",
        "login.example.com": "o",
        "arn:aws:iam::123456789012:saml-provider/Corp": "s",
        "cognito-identity.amazonaws.com": "d",
        "graph.facebook.com": "f",
    }
    checks = run(raw_logins=logins, pool=pool)
    for key in list(logins)[:4]:
        assert checks[f"provider {key}"].status is Status.PASS, key
    assert checks["provider graph.facebook.com"].status is Status.FAIL
    assert "guest access" not in checks


def test_raw_logins_developer_provider_missing_and_bad_key():
    checks = run(raw_logins={"cognito-identity.amazonaws.com": "d", "facebook.com": "f"})
    assert checks["provider cognito-identity.amazonaws.com"].status is Status.FAIL
    assert checks["provider facebook.com"].fix == "Use 'graph.facebook.com'."


def test_raw_logins_with_a_user_pool_token_check_its_audience():
    checks = run(raw_logins={KEY: make_token(aud=OTHER_CLIENT_ID)})
    assert checks["provider registered"].status is Status.PASS
    assert checks["app client"].status is Status.FAIL


def test_check_line_and_token_facts():
    check = Check("app client", Status.FAIL, "Wrong client.", "Use the other one.")
    assert check.line() == "✘ app client: Wrong client. Fix: Use the other one."
    assert Check("token", Status.SKIP, "No token.").line() == "– token: No token."
    facts = read_token(make_token(cognito__roles=[ADMIN_ROLE], cognito__preferred_role=ADMIN_ROLE))
    assert facts.kind == "id" and facts.aud == CLIENT_ID and facts.roles == (ADMIN_ROLE,)
    assert facts.preferred_role == ADMIN_ROLE and facts.key.key == KEY
    assert read_token(None).problem and not read_token("").readable


def test_an_emulators_identity_pool_id_is_warned_about_not_refused():
    checks = preflight(
        identity_pool_id="local:11111111-2222-3333-4444-555555555555", pool=None, flow="enhanced"
    )
    check = next(c for c in checks if c.name == "identity pool id")
    assert check.status is Status.WARN and "emulator" in check.detail
