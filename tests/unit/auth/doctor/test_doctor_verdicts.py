"""The sign-in doctor on plain objects: each user state, client setting and MFA case gives Cognito's verdict."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cogtui.auth.doctor import Outcome, Status, diagnose
from cogtui.aws.errors import CogtuiError
from tests.unit.auth.doctor.doctor_facts import CREATED, client, facts, mfa, pool, user

SOON = CREATED + timedelta(hours=1)


def test_a_confirmed_enabled_user_signs_in():
    verdict = diagnose(facts(user(), the_client=client()), now=SOON)
    assert verdict.outcome is Outcome.SIGNS_IN
    assert verdict.summary == "alice will sign in"
    assert [c.name for c in verdict.checks][:6] == [
        "user pool",
        "app client",
        "auth flow",
        "client secret",
        "user",
        "enabled",
    ]
    assert all(c.status is not Status.FAIL for c in verdict.checks)


@pytest.mark.parametrize(
    ("overrides", "refusal", "action"),
    [
        ({"Enabled": False}, "NotAuthorizedException: User is disabled.", "AdminEnableUser"),
        (
            {"UserStatus": "UNCONFIRMED"},
            "UserNotConfirmedException: User is not confirmed.",
            "AdminConfirmSignUp",
        ),
        (
            {"UserStatus": "RESET_REQUIRED"},
            "PasswordResetRequiredException: Password reset required for the user",
            "AdminSetUserPassword",
        ),
        (
            {"UserStatus": "COMPROMISED"},
            "NotAuthorizedException: Incorrect username or password.",
            "AdminResetUserPassword",
        ),
    ],
)
def test_user_states_that_refuse_name_cognitos_answer_and_the_admin_fix(overrides, refusal, action):
    verdict = diagnose(facts(user(**overrides)), now=SOON)
    assert verdict.outcome is Outcome.REFUSED
    assert verdict.refusal == refusal
    assert verdict.deciding is not None and verdict.deciding.action is not None
    assert verdict.deciding.action.operation == action
    assert verdict.deciding.cause and verdict.deciding.fix


def test_reset_required_without_a_verified_contact_offers_to_verify_the_email():
    verdict = diagnose(
        facts(user(UserStatus="RESET_REQUIRED", attributes={"email": "a@example.com"})), now=SOON
    )
    action = verdict.get("status").action
    assert action.operation == "AdminUpdateUserAttributes"
    assert action.params == {"UserAttributes": [{"Name": "email_verified", "Value": "true"}]}


def test_a_fresh_temporary_password_asks_for_a_new_password():
    verdict = diagnose(facts(user(UserStatus="FORCE_CHANGE_PASSWORD")), now=CREATED + timedelta(days=6))
    assert verdict.outcome is Outcome.CHALLENGED
    assert verdict.challenge == "NEW_PASSWORD_REQUIRED"
    assert verdict.get("temporary password").status is Status.PASS
    assert verdict.get("status").action.params == {"Permanent": True}


def test_an_expired_temporary_password_is_refused_by_the_pools_validity_days():
    the_pool = pool(Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}})
    verdict = diagnose(
        facts(user(UserStatus="FORCE_CHANGE_PASSWORD"), the_pool=the_pool), now=CREATED + timedelta(days=4)
    )
    assert verdict.outcome is Outcome.REFUSED
    assert "Temporary password has expired" in verdict.refusal
    check = verdict.get("temporary password")
    assert "4 day(s) ago" in check.detail and "3 day(s)" in check.detail
    assert check.action.operation == "AdminSetUserPassword" and check.action.params == {"Permanent": False}


def test_the_last_modified_date_restarts_the_temporary_password():
    the_user = user(UserStatus="FORCE_CHANGE_PASSWORD", UserLastModifiedDate=CREATED + timedelta(days=10))
    verdict = diagnose(facts(the_user), now=CREATED + timedelta(days=12))
    assert verdict.outcome is Outcome.CHALLENGED


def test_a_flow_the_client_does_not_enable_is_refused_before_the_user():
    verdict = diagnose(facts(user(Enabled=False), the_client=client()), flow="password", now=SOON)
    assert verdict.refusal == "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"
    action = verdict.get("auth flow").action
    assert action.operation == "UpdateUserPoolClient" and action.on_client
    assert "ALLOW_USER_PASSWORD_AUTH" in action.params["ExplicitAuthFlows"]
    assert verdict.get("enabled").status is Status.FAIL  # every check is still listed


def test_a_client_without_explicit_flows_allows_srp_and_custom_as_cognito_does():
    verdict = diagnose(facts(user(), the_client=client(ExplicitAuthFlows=[])), flow="admin", now=SOON)
    assert verdict.refusal == "InvalidParameterException: Auth flow not enabled for this client"
    assert "ALLOW_CUSTOM_AUTH" in verdict.get("auth flow").detail


def test_a_client_secret_is_a_warning_naming_secret_hash():
    verdict = diagnose(facts(user(), the_client=client(ClientSecret="s3cr3t")), now=SOON)
    check = verdict.get("client secret")
    assert check.status is Status.WARN and "SECRET_HASH" in check.detail
    assert "s3cr3t" not in str(verdict.to_dict())


def test_an_oauth_only_client_says_to_use_managed_login():
    the_client = client(
        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True,
    )
    verdict = diagnose(facts(user(), the_client=the_client), now=SOON)
    assert verdict.outcome is Outcome.REFUSED
    assert verdict.get("OAuth").status is Status.WARN
    assert "managed login" in verdict.get("OAuth").detail


def test_an_unknown_user_behind_prevent_user_existence_errors_looks_like_a_wrong_password():
    hidden = diagnose(
        facts(None, typed="zed", the_client=client(PreventUserExistenceErrors="ENABLED")), now=SOON
    )
    plain = diagnose(
        facts(None, typed="zed", the_client=client(PreventUserExistenceErrors="LEGACY")), now=SOON
    )
    assert hidden.refusal == "NotAuthorizedException: Incorrect username or password."
    assert plain.refusal == "UserNotFoundException: User does not exist."


def test_a_migration_trigger_makes_an_unknown_user_a_warning_not_a_refusal():
    the_pool = pool(LambdaConfig={"UserMigration": "arn:aws:lambda:us-east-1:1:function:migrate"})
    verdict = diagnose(facts(None, typed="zed", the_pool=the_pool), now=SOON)
    assert verdict.outcome is Outcome.SIGNS_IN
    assert verdict.get("user").status is Status.WARN


def test_a_user_that_could_not_be_read_gives_no_verdict():
    the_facts = facts(None, typed="alice")
    from dataclasses import replace

    from cogtui.auth.doctor.alias import Resolution

    err = CogtuiError("not allowed", code="AccessDeniedException", operation="AdminGetUser")
    verdict = diagnose(replace(the_facts, resolution=Resolution("alice", None, error=err)), now=SOON)
    assert verdict.outcome is Outcome.UNKNOWN
    assert "AccessDeniedException" in verdict.summary


def test_an_unknown_pool_is_refused_and_an_unreadable_one_undecided():
    from cogtui.auth.doctor.facts import SignInFacts

    missing = CogtuiError("gone", code="ResourceNotFoundException", operation="DescribeUserPool")
    denied = CogtuiError("no", code="AccessDeniedException", operation="DescribeUserPool")
    gone = diagnose(SignInFacts("us-east-1_Nope", "alice", None, unread={"pool": missing}))
    unread = diagnose(SignInFacts("us-east-1_Nope", "alice", None, unread={"pool": denied}))
    assert gone.outcome is Outcome.REFUSED and "User pool us-east-1_Nope does not exist" in gone.refusal
    assert unread.outcome is Outcome.UNKNOWN and len(unread.checks) == 1


@pytest.mark.parametrize(
    ("mode", "settings", "preferred", "attributes", "offered", "challenge"),
    [
        ("OPTIONAL", ["SOFTWARE_TOKEN_MFA"], "SOFTWARE_TOKEN_MFA", None, {}, "SOFTWARE_TOKEN_MFA"),
        ("OPTIONAL", [], None, None, {}, None),
        ("ON", [], None, None, {}, "MFA_SETUP"),
        ("ON", [], None, {"phone_number": "+15555550100"}, {"sms": True}, "SMS_MFA"),
        (
            "ON",
            ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
            None,
            {"phone_number": "+15555550100", "phone_number_verified": "true"},
            {"sms": True},
            "SELECT_MFA_TYPE",
        ),
        ("OPTIONAL", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], None, None, {"sms": True}, "SOFTWARE_TOKEN_MFA"),
        ("ON", ["EMAIL_OTP"], "EMAIL_OTP", None, {"email": True}, "EMAIL_OTP"),
        ("OFF", ["SOFTWARE_TOKEN_MFA"], "SOFTWARE_TOKEN_MFA", None, {}, None),
    ],
)
def test_the_second_factor_cognito_asks_for(mode, settings, preferred, attributes, offered, challenge):
    attrs = {"email": "alice@example.com", "email_verified": "true", **(attributes or {})}
    the_user = user(UserMFASettingList=settings, PreferredMfaSetting=preferred or "", attributes=attrs)
    verdict = diagnose(
        facts(the_user, the_pool=pool(MfaConfiguration=mode), the_mfa=mfa(mode, **offered)), now=SOON
    )
    assert verdict.challenge == challenge
    assert verdict.outcome is (Outcome.CHALLENGED if challenge else Outcome.SIGNS_IN)


def test_sms_mfa_without_a_phone_cannot_be_used_and_says_so():
    the_user = user(UserMFASettingList=["SMS_MFA"], PreferredMfaSetting="SMS_MFA")
    verdict = diagnose(
        facts(the_user, the_pool=pool(MfaConfiguration="ON"), the_mfa=mfa("ON", sms=True, totp=True)),
        now=SOON,
    )
    assert verdict.get("SMS MFA").status is Status.WARN
    assert "no phone_number" in verdict.get("SMS MFA").detail
    assert verdict.challenge == "MFA_SETUP"


def test_email_mfa_with_an_unverified_email_offers_to_verify_it():
    the_user = user(
        UserMFASettingList=["EMAIL_OTP"],
        PreferredMfaSetting="EMAIL_OTP",
        attributes={"email": "a@example.com"},
    )
    verdict = diagnose(
        facts(the_user, the_pool=pool(MfaConfiguration="OPTIONAL"), the_mfa=mfa("OPTIONAL", email=True)),
        now=SOON,
    )
    check = verdict.get("email MFA")
    assert check.status is Status.WARN and "not verified" in check.detail
    assert check.action.params["UserAttributes"] == [{"Name": "email_verified", "Value": "true"}]


def test_a_factor_the_pool_does_not_offer_is_ignored():
    the_user = user(UserMFASettingList=["SMS_MFA"], attributes={"phone_number": "+15555550100"})
    verdict = diagnose(
        facts(the_user, the_pool=pool(MfaConfiguration="OPTIONAL"), the_mfa=mfa("OPTIONAL")), now=SOON
    )
    assert verdict.outcome is Outcome.SIGNS_IN
    assert verdict.get("SMS").status is Status.WARN


def test_required_mfa_with_a_verified_email_offers_email_mfa_as_the_fix():
    verdict = diagnose(
        facts(user(), the_pool=pool(MfaConfiguration="ON"), the_mfa=mfa("ON", email=True)), now=SOON
    )
    action = verdict.get("MFA").action
    assert action.operation == "AdminSetUserMFAPreference"
    assert action.params == {"EmailMfaSettings": {"Enabled": True, "PreferredMfa": True}}


def test_triggers_are_named_as_unseen_and_custom_auth_needs_them():
    the_pool = pool(
        LambdaConfig={
            "PreAuthentication": "arn:aws:lambda:us-east-1:1:function:gate",
            "PreTokenGenerationConfig": {
                "LambdaArn": "arn:aws:lambda:us-east-1:1:function:claims",
                "LambdaVersion": "V2_0",
            },
        }
    )
    verdict = diagnose(facts(user(), the_pool=the_pool), flow="custom", now=SOON)
    names = [c.name for c in verdict.checks]
    assert "Pre authentication trigger" in names and "Pre token generation trigger" in names
    assert "cannot be seen from here" in verdict.get("Pre authentication trigger").detail
    assert verdict.outcome is Outcome.REFUSED and "Custom auth lambda" in verdict.refusal


def test_recent_failures_and_blocks_from_auth_events():
    fail = {"EventType": "SignIn", "EventResponse": "Fail", "EventRisk": {}}
    blocked = {
        "EventType": "SignIn",
        "EventResponse": "Fail",
        "EventRisk": {"RiskDecision": "Block", "RiskLevel": "High"},
    }
    locked = diagnose(facts(user(), auth_events=(fail,) * 5), now=SOON).get("recent sign-ins")
    risky = diagnose(facts(user(), auth_events=(blocked, fail)), now=SOON).get("recent sign-ins")
    calm = diagnose(facts(user(), auth_events=({"EventType": "SignIn", "EventResponse": "Pass"},)), now=SOON)
    unknown = diagnose(facts(user()), now=SOON).get("recent sign-ins")
    assert locked.status is Status.WARN and "Password attempts exceeded" in locked.cause
    assert risky.status is Status.WARN and "blocked by advanced security" in risky.detail
    assert calm.get("recent sign-ins").status is Status.PASS
    assert unknown.status is Status.SKIP and "not reported" in unknown.detail


def test_groups_and_the_identity_pool_role_from_token_mappings():
    from cogtui.auth.doctor.facts import IdentityTrust, provider_name
    from cogtui.aws.models import CognitoProvider, Group, IdentityPool, IdentityPoolRoles

    admins = Group("admins", "p", "", 1, "arn:aws:iam::123456789012:role/admins", None)
    readers = Group("readers", "p", "", 10, None, None)
    provider = provider_name(pool().id)
    ip = IdentityPool(
        "us-east-1:1", "ids", False, None, (CognitoProvider(provider, "1example23456789", False),)
    )
    mapped = IdentityPoolRoles(
        {"authenticated": "arn:aws:iam::123456789012:role/auth"},
        {f"{provider}:1example23456789": {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}},
    )
    plain = IdentityPoolRoles({"authenticated": "arn:aws:iam::123456789012:role/auth"})
    with_groups = diagnose(
        facts(user(), groups=(readers, admins), identity=(IdentityTrust(ip, mapped),)), now=SOON
    )
    assert with_groups.get("groups").detail == "cognito:groups: admins (role admins), readers."
    assert "role/admins (cognito:preferred_role" in with_groups.get("identity pools").detail
    without = diagnose(facts(user(), identity=(IdentityTrust(ip, plain),)), now=SOON)
    assert (
        "the authenticated role arn:aws:iam::123456789012:role/auth" in without.get("identity pools").detail
    )


def test_the_verdict_as_json_keeps_every_check_and_its_reads():
    doc = diagnose(facts(user(Enabled=False)), now=SOON).to_dict()
    assert doc["outcome"] == "refused"
    enabled = next(c for c in doc["checks"] if c["name"] == "enabled")
    assert enabled["action"]["operation"] == "AdminEnableUser"
    assert enabled["reads"] == ["AdminGetUser.Enabled"]


def test_a_pool_that_keeps_no_sign_in_events_says_why():
    verdict = diagnose(
        facts(user(), events_note="Cognito records sign-in events only with threat protection.")
    )
    check = verdict.get("recent sign-ins")
    assert check.status is Status.SKIP and check.detail.startswith("Cognito records sign-in events only")
