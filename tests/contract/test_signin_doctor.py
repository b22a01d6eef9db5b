"""The sign-in doctor against the strict sandbox: each seeded user's verdict, checked against what the
endpoint answers to a real sign-in attempt (USER_PASSWORD_AUTH, challenges left unanswered so no
seeded account changes), and users of the tests' own for the cases no seeded user shows.

The session sandbox pins its users' dates in the past, so predictions for seeded users are made as of
an hour after each user's last change (the temporary-password check reads those dates).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from botocore.exceptions import ClientError

from cogtui.auth.doctor import Outcome, Status, examine
from cogtui.sandbox.seed_data import APP_POOL, EMAIL_POOL, MFA_POOL
from tests.contract.strict_support import idp_client, new_client, new_user, password_auth, unique

# (pool, typed name, password client, expected outcome, challenge or refusal code)
SEEDED = [
    (APP_POOL, "alice", "legacy-password", Outcome.SIGNS_IN, None),
    (APP_POOL, "bob", "legacy-password", Outcome.SIGNS_IN, None),
    (APP_POOL, "carol", "legacy-password", Outcome.REFUSED, "UserNotConfirmedException"),
    (APP_POOL, "dave", "legacy-password", Outcome.CHALLENGED, "NEW_PASSWORD_REQUIRED"),
    (APP_POOL, "erin", "legacy-password", Outcome.REFUSED, "NotAuthorizedException"),
    (APP_POOL, "frank", "legacy-password", Outcome.CHALLENGED, "SOFTWARE_TOKEN_MFA"),
    (APP_POOL, "heidi", "legacy-password", Outcome.REFUSED, "PasswordResetRequiredException"),
    (MFA_POOL, "grace", "native-app", Outcome.CHALLENGED, "MFA_SETUP"),
    (EMAIL_POOL, "ivy@example.com", "native-app", Outcome.SIGNS_IN, None),
]


def verdict_for(gateway, pool_id, typed, client_id=None, flow=None, as_of=None):
    return asyncio.run(examine(gateway, pool_id, typed, client_id, flow, now=as_of))


def soon_after_last_change(idp, pool_id, typed):
    user = idp.admin_get_user(UserPoolId=pool_id, Username=typed)
    return user["UserLastModifiedDate"] + timedelta(hours=1)


def endpoint_answer(idp, client_id, typed, password):
    """What the endpoint does with the password: ('signed in' | challenge name | error code)."""
    try:
        response = password_auth(idp, client_id, typed, password)
    except ClientError as err:
        return err.response["Error"]["Code"]
    return response.get("ChallengeName") or "signed in"


@pytest.mark.parametrize(
    ("pool", "typed", "client", "outcome", "expected"), SEEDED, ids=[s[1] for s in SEEDED]
)
def test_each_seeded_user_gets_the_verdict_the_endpoint_confirms(
    sandbox, gateway, pool, typed, client, outcome, expected
):
    _, info = sandbox
    idp = idp_client(info)
    pool_info = info.pool(pool)
    client_id = pool_info.client(client).id
    as_of = soon_after_last_change(idp, pool_info.id, typed)
    verdict = verdict_for(gateway, pool_info.id, typed, client_id, "password", as_of)
    assert verdict.outcome is outcome, verdict.summary
    seeded = info.user(typed, pool)
    answer = endpoint_answer(idp, client_id, typed, seeded.password)
    if outcome is Outcome.SIGNS_IN:
        assert answer == "signed in"
    elif outcome is Outcome.CHALLENGED:
        assert verdict.challenge == expected == answer
    else:
        assert verdict.refusal.startswith(expected) and answer == expected


@pytest.mark.parametrize(
    ("client", "flow", "outcome"),
    [
        ("web-spa", "srp", Outcome.SIGNS_IN),
        ("web-spa", "password", Outcome.REFUSED),
        ("backend", "admin", Outcome.SIGNS_IN),
    ],
)
def test_alice_on_each_client_depends_on_its_flows(sandbox, gateway, client, flow, outcome):
    _, info = sandbox
    pool_info = info.pool(APP_POOL)
    verdict = verdict_for(gateway, pool_info.id, "alice", pool_info.client(client).id, flow)
    assert verdict.outcome is outcome
    if outcome is Outcome.REFUSED:
        assert verdict.get("auth flow").action.operation == "UpdateUserPoolClient"
        answer = endpoint_answer(
            idp_client(info), pool_info.client(client).id, "alice", info.user("alice").password
        )
        assert answer == "InvalidParameterException"
    if client == "backend":
        assert verdict.get("client secret").status is Status.WARN


def test_the_doctor_reads_groups_triggers_and_mfa_of_the_seeded_pool(sandbox, gateway):
    _, info = sandbox
    verdict = verdict_for(gateway, info.pool(APP_POOL).id, "alice")
    assert "admins (role demo-app-admins)" in verdict.get("groups").detail
    assert verdict.get("Pre token generation trigger").status is Status.WARN
    assert verdict.get("MFA").detail.startswith("MFA optional")
    assert verdict.get("recent sign-ins").status is Status.SKIP  # the sandbox keeps no auth events


def test_typed_names_resolve_as_cognito_resolves_them(sandbox, gateway):
    _, info = sandbox
    upper = verdict_for(gateway, info.pool(APP_POOL).id, "FRANK")  # demo-app is not case sensitive
    assert upper.username == "frank" and upper.challenge == "SOFTWARE_TOKEN_MFA"
    assert "in another case" in upper.get("user").detail
    ivy = verdict_for(gateway, info.pool(EMAIL_POOL).id, "ivy@example.com")
    assert ivy.username != "ivy@example.com"
    assert ivy.get("user").detail == f"'ivy@example.com' is the email of the user {ivy.username!r}."
    nobody = verdict_for(
        gateway, info.pool(APP_POOL).id, unique("ghost"), info.pool(APP_POOL).client("web-spa").id
    )
    assert (
        nobody.refusal == "NotAuthorizedException: Incorrect username or password."
    )  # existence errors hidden


def test_an_alias_works_only_once_verified(sandbox, gateway):
    _, info = sandbox
    idp = idp_client(info)
    pool_id = idp.create_user_pool(PoolName=unique("alias"), AliasAttributes=["email"])["UserPool"]["Id"]
    name = unique("al")
    new_user(
        idp, pool_id, username=name, attributes={"email": f"{name}@example.com", "email_verified": "false"}
    )
    before = verdict_for(gateway, pool_id, f"{name}@example.com")
    assert before.outcome is Outcome.REFUSED
    assert "unverified email" in before.get("user").cause
    idp.admin_update_user_attributes(
        UserPoolId=pool_id, Username=name, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )
    after = verdict_for(gateway, pool_id, f"{name}@example.com")
    assert after.outcome is Outcome.SIGNS_IN and after.username == name


def test_a_fresh_temporary_password_and_an_expired_one(sandbox, gateway):
    _, info = sandbox
    idp = idp_client(info)
    pool_id = info.pool(APP_POOL).id
    name = new_user(idp, pool_id, status="FORCE_CHANGE_PASSWORD")
    fresh = verdict_for(gateway, pool_id, name)
    assert (
        fresh.challenge == "NEW_PASSWORD_REQUIRED" and fresh.get("temporary password").status is Status.PASS
    )
    later = soon_after_last_change(idp, pool_id, name) + timedelta(days=8)
    expired = verdict_for(gateway, pool_id, name, as_of=later)
    assert expired.outcome is Outcome.REFUSED and "Temporary password has expired" in expired.refusal


def test_required_mfa_with_sms_enrolled_asks_for_an_sms_code(sandbox, gateway):
    _, info = sandbox
    idp = idp_client(info)
    pool_id = idp.create_user_pool(PoolName=unique("sms"))["UserPool"]["Id"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        MfaConfiguration="ON",
        SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}},
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    name = new_user(
        idp,
        pool_id,
        attributes={"email": "s@example.com", "email_verified": "true", "phone_number": "+15555550199"},
    )
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username=name, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    client_id, _ = new_client(idp, pool_id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    verdict = verdict_for(gateway, pool_id, name, client_id)
    answer = endpoint_answer(idp, client_id, name, "Passw0rd!demo")
    assert verdict.challenge == answer == "SMS_MFA"
    assert verdict.get("SMS MFA").status is Status.WARN  # the phone number is not verified


def test_an_unknown_pool_is_refused(gateway):
    verdict = verdict_for(gateway, "us-east-1_NoSuchPool1", "alice")
    assert verdict.outcome is Outcome.REFUSED and verdict.refusal.startswith("ResourceNotFoundException")
