"""The role reported is the one the credentials carry (the exchange's answer or the STS proof), never
the one asked for; a difference, or a proof that names no role, is said plainly."""

from __future__ import annotations

import io
import json

from identity_fixtures import IDENTITY_ID, IDENTITY_POOL_ID, signed_token, signing_jwks, stubbed_gateway

from cogtui.cli.identity_credentials import Options, run_credentials
from cogtui.identity.roles import granted_role_note, role_arn_from_caller_arn

ASKED = "arn:aws:iam::123456789012:role/nope"
GRANTED = "arn:aws:iam::123456789012:role/app-users"


def test_role_arn_from_an_assumed_role_caller():
    assert role_arn_from_caller_arn("arn:aws:sts::123456789012:assumed-role/app-users/cogtui") == GRANTED
    assert role_arn_from_caller_arn("arn:aws-cn:sts::123456789012:assumed-role/r/s") == (
        "arn:aws-cn:iam::123456789012:role/r"
    )
    assert role_arn_from_caller_arn("arn:aws:sts::123456789012:user/moto") is None
    assert role_arn_from_caller_arn(None) is None


def test_the_note_says_when_the_role_differs_or_is_unknown():
    assert granted_role_note(GRANTED, GRANTED) == ""
    assert (
        granted_role_note(GRANTED, ASKED)
        == f"The credentials carry {GRANTED}, not the role asked for ({ASKED})."
    )
    assert "could not be confirmed (asked for " + ASKED in granted_role_note(None, ASKED)


def options(**overrides) -> Options:
    values = dict(
        identity_pool_id=IDENTITY_POOL_ID,
        id_token=signed_token(),
        flow="enhanced",
        role_arn=ASKED,
        role_session_name="cogtui",
        logins_key=None,
        verify=False,
        fmt="json",
        profile_name="cogtui",
        show_checks=False,
    )
    values.update(overrides)
    return Options(**values)


async def exchange(assumed_role_user: dict | None, **overrides) -> tuple[int, dict, str]:
    gateway, stubbers, _ = stubbed_gateway("cognito-identity", "sts")
    ci, sts = stubbers["cognito-identity"], stubbers["sts"]
    ci.add_response(
        "describe_identity_pool",
        {
            "IdentityPoolId": IDENTITY_POOL_ID,
            "IdentityPoolName": "app",
            "AllowUnauthenticatedIdentities": False,
        },
    )
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    if assumed_role_user is None:
        ci.add_response(
            "get_credentials_for_identity",
            {
                "IdentityId": IDENTITY_ID,
                "Credentials": {"AccessKeyId": "ASIAX", "SecretKey": "k", "SessionToken": "t"},
            },
        )
    else:
        ci.add_response("get_open_id_token", {"IdentityId": IDENTITY_ID, "Token": "x.y.z"})
        sts.add_response(
            "assume_role_with_web_identity",
            {
                "Credentials": {
                    "AccessKeyId": "ASIAEXAMPLE000001",
                    "SecretAccessKey": "k",
                    "SessionToken": "t",
                    "Expiration": "2030-01-01T00:00:00Z",
                },
                "AssumedRoleUser": assumed_role_user,
            },
        )
    out, err = io.StringIO(), io.StringIO()
    try:
        code = await run_credentials(gateway, options(**overrides), out, err, jwks=signing_jwks())
    finally:
        gateway.close()
    return code, json.loads(out.getvalue() or "{}"), err.getvalue()


async def test_basic_flow_reports_the_role_sts_granted_and_the_difference():
    user = {
        "AssumedRoleId": "AROAEXAMPLE00001:cogtui",
        "Arn": "arn:aws:sts::123456789012:assumed-role/app-users/cogtui",
    }
    code, payload, err = await exchange(user, flow="basic")
    assert code == 0, err
    assert payload["RoleArn"] == GRANTED and payload["RequestedRoleArn"] == ASKED
    assert payload["RoleNote"] == f"The credentials carry {GRANTED}, not the role asked for ({ASKED})."
    assert "not the role asked for" in err


async def test_enhanced_flow_never_echoes_the_role_asked_for_as_granted():
    code, payload, err = await exchange(None)
    assert code == 0, err
    assert payload["RoleArn"] is None and payload["RequestedRoleArn"] == ASKED
    assert "could not be confirmed" in payload["RoleNote"] and "could not be confirmed" in err
