"""The doctor's prediction beside what an endpoint answered: agreement, an endpoint that lets through what
Cognito refuses (canned answers: the strict sandbox never does), and a refusal of what was typed. Also
the wording of a fix's confirmation and the client update that keeps every other setting."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from cogtui.auth.doctor import diagnose
from cogtui.auth.doctor.reality import Agreement, Answer, answer_of, compare
from cogtui.auth.doctor.remedy import client_update, question
from cogtui.aws.errors import CogtuiError
from tests.unit.auth.doctor.doctor_facts import CREATED, client, facts, mfa, pool, user

SOON = CREATED + timedelta(hours=1)
PASSWORD_CLIENT = client(ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])


def verdict_of(the_user, flow="password", **kw):
    return diagnose(facts(the_user, the_client=PASSWORD_CLIENT, **kw), flow, now=SOON)


def step(operation="InitiateAuth", *, error=None, challenge=None, signed_in=False):
    return SimpleNamespace(operation=operation, error=error, challenge=challenge, signed_in=signed_in)


def test_an_endpoint_that_signs_a_disabled_user_in_is_named_plainly():
    verdict = verdict_of(user("erin", Enabled=False))
    got = compare(verdict, Answer("signed in"))
    assert got.agreement is Agreement.GRANTED and got.alarming
    assert got.line == (
        "✘ this endpoint signed erin in with USER_PASSWORD_AUTH; Amazon Cognito would refuse it "
        "(NotAuthorizedException: User is disabled.)"
    )


def test_an_endpoint_that_skips_the_mfa_challenge_is_named_plainly():
    the_pool = pool(MfaConfiguration="OPTIONAL")
    frank = user("frank", UserMFASettingList=["SOFTWARE_TOKEN_MFA"], PreferredMfaSetting="SOFTWARE_TOKEN_MFA")
    verdict = verdict_of(frank, the_pool=the_pool, the_mfa=mfa("OPTIONAL"))
    assert verdict.challenge == "SOFTWARE_TOKEN_MFA"
    got = compare(verdict, Answer("signed in"))
    assert got.agreement is Agreement.GRANTED
    assert got.line == (
        "✘ this endpoint signed frank in with USER_PASSWORD_AUTH without asking for SOFTWARE_TOKEN_MFA; "
        "Amazon Cognito would ask for it first"
    )


def test_amazon_cognito_itself_granting_means_the_doctor_read_something_wrong():
    verdict = verdict_of(user("erin", Enabled=False))
    got = compare(verdict, Answer("signed in"), endpoint="Amazon Cognito")
    assert got.agreement is Agreement.DIFFERS
    assert "though the doctor predicted NotAuthorizedException: User is disabled." in got.line


@pytest.mark.parametrize(
    ("the_user", "answer", "agreement"),
    [
        (user("erin", Enabled=False), Answer("refused", code="NotAuthorizedException"), Agreement.AGREES),
        (user("carol", UserStatus="UNCONFIRMED"), Answer("refused", code="NotAuthorizedException"), Agreement.DIFFERS),
        (user(), Answer("signed in"), Agreement.AGREES),
        (user(), Answer("refused", code="NotAuthorizedException", message="Incorrect username or password."), Agreement.TYPED),
        (user(), Answer("challenged", challenge="SMS_MFA"), Agreement.DIFFERS),
        (user("dave", UserStatus="FORCE_CHANGE_PASSWORD"), Answer("challenged", challenge="NEW_PASSWORD_REQUIRED"), Agreement.AGREES),
        (user(), None, Agreement.UNKNOWN),
    ],
)  # fmt: skip
def test_prediction_against_the_answer(the_user, answer, agreement):
    assert compare(verdict_of(the_user), answer).agreement is agreement


def test_a_refusal_of_what_was_typed_says_the_doctor_found_nothing_against_the_user():
    got = compare(verdict_of(user()), Answer("refused", code="NotAuthorizedException", message="Incorrect."))
    assert got.line.startswith("– refused with NotAuthorizedException: Incorrect.: the doctor found nothing")


def test_the_answer_skips_the_srp_proof_exchange_and_local_refusals():
    refused = CogtuiError("User is disabled.", code="NotAuthorizedException")
    assert answer_of(
        [step(challenge="PASSWORD_VERIFIER"), step("RespondToAuthChallenge", signed_in=True)]
    ) == (Answer("signed in"))
    assert answer_of([step("local", error=refused)]) is None
    assert answer_of([step(error=refused)]) == Answer(
        "refused", code="NotAuthorizedException", message="User is disabled."
    )
    srp_then_mfa = [step(challenge="PASSWORD_VERIFIER"), step(challenge="SOFTWARE_TOKEN_MFA")]
    assert answer_of(srp_then_mfa) == Answer("challenged", challenge="SOFTWARE_TOKEN_MFA")


def test_a_fix_asks_naming_the_call_the_user_and_the_pool():
    verdict = verdict_of(user("erin", Enabled=False))
    action = verdict.actions[0]
    text = question(action, verdict, "shop")
    assert text.startswith(
        f"Enable the user: AdminEnableUser on user 'erin' in pool shop ({verdict.pool_id})?"
    )
    assert "The user can sign in again." in text


def test_the_client_update_keeps_every_setting_cognito_would_otherwise_reset():
    described = {
        "ClientId": "c1",
        "UserPoolId": "p",
        "ClientSecret": "s3cr3t",
        "CreationDate": 1,
        "LastModifiedDate": 2,
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"],
        "ReadAttributes": ["email"],
        "AccessTokenValidity": 30,
        "CallbackURLs": [],
    }
    params = client_update(
        described, {"ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]}
    )
    assert params == {
        "ClientId": "c1",
        "UserPoolId": "p",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
        "ReadAttributes": ["email"],
        "AccessTokenValidity": 30,
    }
