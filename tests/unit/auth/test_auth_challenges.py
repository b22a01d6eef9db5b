"""Challenges as questions: parsing Cognito's parameters and building the ChallengeResponses."""

import pytest

from cogtui.auth.challenges import (
    AnswerError,
    ChallengeAnswer,
    QuestionKind,
    challenge_responses,
    parse_name_list,
    parse_required_attributes,
    parse_user_attributes,
    question_for,
)
from cogtui.aws.trace import REDACTED


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ('["SMS_MFA","SOFTWARE_TOKEN_MFA"]', ("SMS_MFA", "SOFTWARE_TOKEN_MFA")),  # AWS: JSON text
        ("['SOFTWARE_TOKEN_MFA']", ("SOFTWARE_TOKEN_MFA",)),  # an emulator's Python repr
        (["EMAIL_OTP", "SMS_MFA"], ("EMAIL_OTP", "SMS_MFA")),
        ("SMS_MFA, SOFTWARE_TOKEN_MFA", ("SMS_MFA", "SOFTWARE_TOKEN_MFA")),
        ('"SOFTWARE_TOKEN_MFA"', ("SOFTWARE_TOKEN_MFA",)),
        ("[]", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_name_lists_are_parsed_whatever_their_encoding(value, names):
    assert parse_name_list(value) == names


def test_required_and_current_attributes():
    params = {
        "requiredAttributes": '["userAttributes.name","userAttributes.phone_number"]',
        "userAttributes": '{"email":"dave@example.com","email_verified":"true"}',
    }
    assert parse_required_attributes(params) == ("name", "phone_number")
    assert parse_user_attributes(params) == {"email": "dave@example.com", "email_verified": "true"}
    assert parse_required_attributes({"requiredAttributes": "[]"}) == ()
    assert parse_user_attributes({"userAttributes": "not json"}) == {}


@pytest.mark.parametrize(
    ("challenge", "kind"),
    [
        ("SMS_MFA", QuestionKind.SMS_CODE),
        ("SMS_OTP", QuestionKind.SMS_CODE),
        ("SOFTWARE_TOKEN_MFA", QuestionKind.TOTP_CODE),
        ("EMAIL_OTP", QuestionKind.EMAIL_CODE),
        ("NEW_PASSWORD_REQUIRED", QuestionKind.NEW_PASSWORD),
        ("SELECT_MFA_TYPE", QuestionKind.SELECT_MFA),
        ("SELECT_CHALLENGE", QuestionKind.SELECT_CHALLENGE),
        ("MFA_SETUP", QuestionKind.MFA_SETUP),
        ("CUSTOM_CHALLENGE", QuestionKind.CUSTOM_CHALLENGE),
        ("WEB_AUTHN", QuestionKind.UNSUPPORTED),
    ],
)
def test_each_challenge_becomes_a_question(challenge, kind):
    question = question_for(challenge, {}, expires_at=123.0)
    assert question.kind == kind and question.challenge == challenge and question.expires_at == 123.0
    assert question.prompt


@pytest.mark.parametrize("challenge", ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
def test_automatic_challenges_ask_nothing(challenge):
    assert question_for(challenge, {}) is None


def test_question_parameters_are_redacted():
    question = question_for("CUSTOM_CHALLENGE", {"question": "2+2?", "answer": "4", "SESSION": "abc"})
    assert question.parameters == {"question": "2+2?", "answer": REDACTED, "SESSION": REDACTED}


@pytest.mark.parametrize(
    ("challenge", "answer", "expected"),
    [
        ("SMS_MFA", ChallengeAnswer(code="123456"), {"SMS_MFA_CODE": "123456"}),
        ("SMS_OTP", ChallengeAnswer(code="123456"), {"SMS_OTP_CODE": "123456"}),
        ("EMAIL_OTP", ChallengeAnswer(code="12345678"), {"EMAIL_OTP_CODE": "12345678"}),
        ("SOFTWARE_TOKEN_MFA", ChallengeAnswer(code=" 654321\n"), {"SOFTWARE_TOKEN_MFA_CODE": "654321"}),
        ("CUSTOM_CHALLENGE", ChallengeAnswer(answer="blue"), {"ANSWER": "blue"}),
        (
            "CUSTOM_CHALLENGE",
            ChallengeAnswer(answer="x", extra={"EXTRA": "1"}),
            {"ANSWER": "x", "EXTRA": "1"},
        ),
    ],
)
def test_responses_for_each_challenge(challenge, answer, expected):
    question = question_for(challenge, {})
    assert challenge_responses(question, answer, "alice") == {"USERNAME": "alice", **expected}


def test_new_password_responses_prefix_attributes():
    question = question_for("NEW_PASSWORD_REQUIRED", {"requiredAttributes": '["userAttributes.name"]'})
    answer = ChallengeAnswer(new_password="N3w!Passw0rd", attributes={"name": "Dave"})
    assert challenge_responses(question, answer, "dave") == {
        "USERNAME": "dave",
        "NEW_PASSWORD": "N3w!Passw0rd",
        "userAttributes.name": "Dave",
    }
    assert "N3w!" not in repr(answer)


@pytest.mark.parametrize(
    ("challenge", "answer", "params"),
    [
        ("SMS_MFA", ChallengeAnswer(), {}),
        ("NEW_PASSWORD_REQUIRED", ChallengeAnswer(), {}),
        (
            "NEW_PASSWORD_REQUIRED",
            ChallengeAnswer(new_password="x"),
            {"requiredAttributes": '["userAttributes.name"]'},
        ),
        ("SELECT_MFA_TYPE", ChallengeAnswer(), {"MFAS_CAN_CHOOSE": '["SMS_MFA"]'}),
        ("SELECT_MFA_TYPE", ChallengeAnswer(choice="EMAIL_OTP"), {"MFAS_CAN_CHOOSE": '["SMS_MFA"]'}),
        ("CUSTOM_CHALLENGE", ChallengeAnswer(), {}),
    ],
)
def test_incomplete_answers_are_refused(challenge, answer, params):
    with pytest.raises(AnswerError):
        challenge_responses(question_for(challenge, params), answer, "alice")
