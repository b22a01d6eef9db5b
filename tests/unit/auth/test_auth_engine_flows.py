"""The sign-in state machine over stubbed responses shaped like the real API's, one flow or challenge each."""

import pytest
from auth_fakes import CLIENT_ID, CLIENT_SECRET, POOL_ID, auth_result
from botocore.stub import ANY

from cogtui.auth.challenges import AnswerError, ChallengeAnswer, QuestionKind
from cogtui.auth.flows import SignInRequest
from cogtui.auth.secret_hash import SOURCE_SRP, SOURCE_TOKEN, SOURCE_TYPED, secret_hash
from cogtui.auth.signin_session import CHALLENGE, SIGNED_IN, SignInSession
from cogtui.auth.srp import DeviceCredentials
from cogtui.aws.trace import REDACTED

S1, S2, S3 = (f"AYABeSessionToken-{n:06d}" for n in (1, 2, 3))
INTERNAL = "7b3c1f52-0d1e-4c6a-9a61-5f0e2a9b1c11"
PV_PARAMS = {
    "SALT": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    "SRP_B": "4f" * 192,
    "SECRET_BLOCK": "c2VjcmV0LWJsb2Nr",
    "USER_ID_FOR_SRP": INTERNAL,
    "USERNAME": INTERNAL,
}


def h(username):
    return secret_hash(username, CLIENT_ID, CLIENT_SECRET)


def request(**kw):
    base = {"pool_id": POOL_ID, "client_id": CLIENT_ID, "username": "alice", "password": "Passw0rd!demo"}
    base.update(kw)
    return SignInRequest(**base)


async def test_password_flow_hashes_the_typed_username_and_summarises_tokens(idp):
    idp.ok(
        "initiate_auth",
        {"AuthenticationResult": auth_result(), "ChallengeParameters": {}},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!demo", "SECRET_HASH": h("alice")},
        },
    )
    session = SignInSession(idp.gateway, request(flow="password", client_secret=CLIENT_SECRET))
    step = await session.start()
    assert session.state == SIGNED_IN and step.signed_in and step.next is None
    assert step.hashed_username.value == "alice" and step.hashed_username.source == SOURCE_TYPED
    assert step.request["AuthParameters"]["PASSWORD"] == REDACTED
    assert step.request["AuthParameters"]["SECRET_HASH"] == REDACTED
    assert step.request_id == "req-initiate_auth"
    summary = step.response["AuthenticationResult"]
    assert summary["IdToken"]["token_use"] == "id" and summary["AccessToken"]["token_use"] == "access"
    assert summary["AccessToken"]["expires"].endswith("Z")
    assert REDACTED in summary["RefreshToken"]
    assert "eyJ" not in str(step.to_dict())  # no raw token anywhere on the timeline
    assert session.result.access_token.startswith("eyJ") and session.result.expires_in == 3600


async def test_srp_with_alias_rehashes_over_user_id_for_srp_and_refresh_over_cognito_username(idp):
    email = "ivy@example.com"
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": PV_PARAMS},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_SRP_AUTH",
            "AuthParameters": {"USERNAME": email, "SRP_A": ANY, "SECRET_HASH": h(email)},
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": S2, "ChallengeParameters": {}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {
                "USERNAME": INTERNAL,
                "TIMESTAMP": ANY,
                "PASSWORD_CLAIM_SECRET_BLOCK": PV_PARAMS["SECRET_BLOCK"],
                "PASSWORD_CLAIM_SIGNATURE": ANY,
                "SECRET_HASH": h(INTERNAL),
            },
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result(username=INTERNAL), "ChallengeParameters": {}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": S2,
            "ChallengeResponses": {
                "USERNAME": INTERNAL,
                "SOFTWARE_TOKEN_MFA_CODE": "123456",
                "SECRET_HASH": h(INTERNAL),
            },
        },
    )
    idp.ok(
        "initiate_auth",
        {"AuthenticationResult": auth_result(username=INTERNAL, RefreshToken="rotated")},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "AuthParameters": {"REFRESH_TOKEN": ANY, "SECRET_HASH": h(INTERNAL)},
        },
    )
    session = SignInSession(idp.gateway, request(username=email, client_secret=CLIENT_SECRET))
    step = await session.start()
    assert [s.title for s in session.steps] == [
        "InitiateAuth USER_SRP_AUTH",
        "RespondToAuthChallenge PASSWORD_VERIFIER",
    ]
    assert (
        session.steps[1].hashed_username.value == INTERNAL
        and session.steps[1].hashed_username.source == SOURCE_SRP
    )
    assert step.next.kind == QuestionKind.TOTP_CODE and session.state == CHALLENGE
    step = await session.answer(ChallengeAnswer(code=" 123456 "))
    assert step.signed_in and step.hashed_username.value == INTERNAL
    step = await session.refresh()
    assert (
        step.signed_in
        and step.hashed_username.source == SOURCE_TOKEN
        and step.hashed_username.value == INTERNAL
    )
    assert session.result.refresh_token == "rotated"
    idp.stubber.assert_no_pending_responses()


async def test_refresh_keeps_the_refresh_token_when_none_is_returned(idp):
    idp.ok("initiate_auth", {"AuthenticationResult": auth_result()})
    refreshed = auth_result()
    del refreshed["RefreshToken"]
    idp.ok("initiate_auth", {"AuthenticationResult": refreshed})
    session = SignInSession(idp.gateway, request(flow="password"))
    await session.start()
    original = session.result.refresh_token
    step = await session.refresh()
    assert step.signed_in and session.result.refresh_token == original
    assert step.hashed_username is None  # no client secret, nothing hashed


async def test_user_auth_email_otp_as_first_factor(idp):
    params = {"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***"}
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "EMAIL_OTP", "Session": S1, "ChallengeParameters": params},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_AUTH",
            "AuthParameters": {
                "USERNAME": "alice",
                "PREFERRED_CHALLENGE": "EMAIL_OTP",
                "SECRET_HASH": h("alice"),
            },
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "EMAIL_OTP",
            "Session": S1,
            "ChallengeResponses": {
                "USERNAME": "alice",
                "EMAIL_OTP_CODE": "87654321",
                "SECRET_HASH": h("alice"),
            },
        },
    )
    session = SignInSession(
        idp.gateway,
        request(
            flow="user_auth", password=None, preferred_challenge="EMAIL_OTP", client_secret=CLIENT_SECRET
        ),
    )
    step = await session.start()
    question = step.next
    assert question.kind == QuestionKind.EMAIL_CODE and question.destination == "a***@e***"
    assert question.delivery_medium == "EMAIL" and "a***@e***" in question.prompt
    step = await session.answer(ChallengeAnswer(code="87654321"))
    assert step.signed_in


async def test_user_auth_select_challenge_refuses_passkeys_locally_then_signs_in_with_password(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": S1,
            "ChallengeParameters": {},
            "AvailableChallenges": ["WEB_AUTHN", "PASSWORD_SRP", "PASSWORD", "EMAIL_OTP"],
        },
        {"ClientId": CLIENT_ID, "AuthFlow": "USER_AUTH", "AuthParameters": {"USERNAME": "alice"}},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "ANSWER": "PASSWORD", "PASSWORD": "Passw0rd!demo"},
        },
    )
    session = SignInSession(idp.gateway, request(flow="user_auth"))
    step = await session.start()
    assert step.next.kind == QuestionKind.SELECT_CHALLENGE
    assert step.next.options == ("WEB_AUTHN", "PASSWORD_SRP", "PASSWORD", "EMAIL_OTP")
    refused = await session.answer(ChallengeAnswer(choice="WEB_AUTHN"))
    assert refused.operation == "(local)" and refused.error.code == "UnsupportedChallenge"
    assert (
        "PASSWORD_SRP" in refused.explanation.next_step and refused.next.kind == QuestionKind.SELECT_CHALLENGE
    )
    with pytest.raises(AnswerError):
        await session.answer(ChallengeAnswer(choice="SMS_OTP"))  # not offered
    step = await session.answer(ChallengeAnswer(choice="PASSWORD"))
    assert step.signed_in and len(session.steps) == 3


async def test_user_auth_password_srp_choice_runs_password_verifier(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": S1,
            "AvailableChallenges": ["PASSWORD_SRP", "EMAIL_OTP"],
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "PASSWORD_VERIFIER", "Session": S2, "ChallengeParameters": PV_PARAMS},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "ANSWER": "PASSWORD_SRP", "SRP_A": ANY},
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": S2,
            "ChallengeResponses": ANY,
        },
    )
    session = SignInSession(idp.gateway, request(flow="user_auth"))
    await session.start()
    step = await session.answer(ChallengeAnswer(choice="PASSWORD_SRP"))
    assert step.signed_in
    assert [s.challenge for s in session.steps] == ["SELECT_CHALLENGE", "PASSWORD_VERIFIER", None]


async def test_select_mfa_type_from_a_json_list_then_totp(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "SELECT_MFA_TYPE",
            "Session": S1,
            "ChallengeParameters": {
                "MFAS_CAN_CHOOSE": '["SMS_MFA","SOFTWARE_TOKEN_MFA"]',
                "USER_ID_FOR_SRP": "alice",
            },
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": S2, "ChallengeParameters": {}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SELECT_MFA_TYPE",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "ANSWER": "SOFTWARE_TOKEN_MFA"},
        },
    )
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result()})
    session = SignInSession(idp.gateway, request(flow="password"))
    step = await session.start()
    assert step.next.kind == QuestionKind.SELECT_MFA and step.next.options == (
        "SMS_MFA",
        "SOFTWARE_TOKEN_MFA",
    )
    with pytest.raises(AnswerError):
        await session.answer(ChallengeAnswer(choice="EMAIL_OTP"))
    step = await session.answer(ChallengeAnswer(choice="SOFTWARE_TOKEN_MFA"))
    assert step.next.kind == QuestionKind.TOTP_CODE
    assert (await session.answer(ChallengeAnswer(code="000111"))).signed_in


async def test_custom_challenge_rounds_show_parameters_and_send_answers(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "CUSTOM_CHALLENGE",
            "Session": S1,
            "ChallengeParameters": {"USERNAME": "alice", "question": "What is 6 x 7?"},
        },
        {"ClientId": CLIENT_ID, "AuthFlow": "CUSTOM_AUTH", "AuthParameters": {"USERNAME": "alice"}},
    )
    for session_in, response in (
        (
            S1,
            {
                "ChallengeName": "CUSTOM_CHALLENGE",
                "Session": S2,
                "ChallengeParameters": {"question": "Colour?"},
            },
        ),
        (S2, {"AuthenticationResult": auth_result()}),
    ):
        idp.ok(
            "respond_to_auth_challenge",
            response,
            {
                "ClientId": CLIENT_ID,
                "ChallengeName": "CUSTOM_CHALLENGE",
                "Session": session_in,
                "ChallengeResponses": {"USERNAME": "alice", "ANSWER": ANY},
            },
        )
    session = SignInSession(idp.gateway, request(flow="custom", password=None))
    step = await session.start()
    assert step.next.kind == QuestionKind.CUSTOM_CHALLENGE
    assert step.next.parameters["question"] == "What is 6 x 7?"
    step = await session.answer(ChallengeAnswer(answer="42"))
    assert step.next.parameters == {"question": "Colour?"}
    assert session.steps[1].request["ChallengeResponses"]["ANSWER"] == REDACTED
    assert (await session.answer(ChallengeAnswer(answer="blue"))).signed_in


async def test_custom_auth_with_srp_first(idp):
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "PASSWORD_VERIFIER", "Session": S1, "ChallengeParameters": PV_PARAMS},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "CUSTOM_AUTH",
            "AuthParameters": {"USERNAME": "alice", "SRP_A": ANY, "CHALLENGE_NAME": "SRP_A"},
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "CUSTOM_CHALLENGE", "Session": S2, "ChallengeParameters": {"hint": "pet"}},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "CUSTOM_CHALLENGE",
            "Session": S2,
            "ChallengeResponses": {"USERNAME": INTERNAL, "ANSWER": "rex"},
        },
    )
    session = SignInSession(idp.gateway, request(flow="custom_srp"))
    step = await session.start()
    assert step.next.kind == QuestionKind.CUSTOM_CHALLENGE
    assert (await session.answer(ChallengeAnswer(answer="rex"))).signed_in


DEVICE = DeviceCredentials(
    device_key="us-east-1_dev-key-1", device_group_key="-grp1", device_password="dev-pass-1"
)
DPV_PARAMS = {
    "USERNAME": INTERNAL,
    "SALT": "0a1b2c3d",
    "SRP_B": "5e" * 192,
    "SECRET_BLOCK": "ZGV2aWNlLWJsb2Nr",
}


async def test_remembered_device_runs_device_srp_after_the_password(idp):
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "PASSWORD_VERIFIER", "Session": S1, "ChallengeParameters": PV_PARAMS},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_SRP_AUTH",
            "AuthParameters": {"USERNAME": "alice", "SRP_A": ANY, "DEVICE_KEY": DEVICE.device_key},
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "DEVICE_SRP_AUTH", "Session": S2, "ChallengeParameters": {}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": S1,
            "ChallengeResponses": ANY,
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": S3, "ChallengeParameters": DPV_PARAMS},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "DEVICE_SRP_AUTH",
            "Session": S2,
            "ChallengeResponses": {"USERNAME": INTERNAL, "DEVICE_KEY": DEVICE.device_key, "SRP_A": ANY},
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
            "Session": S3,
            "ChallengeResponses": {
                "USERNAME": INTERNAL,
                "DEVICE_KEY": DEVICE.device_key,
                "TIMESTAMP": ANY,
                "PASSWORD_CLAIM_SECRET_BLOCK": DPV_PARAMS["SECRET_BLOCK"],
                "PASSWORD_CLAIM_SIGNATURE": ANY,
            },
        },
    )
    session = SignInSession(idp.gateway, request(device=DEVICE))
    step = await session.start()
    assert step.signed_in
    assert [s.challenge for s in session.steps] == [
        "PASSWORD_VERIFIER",
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        None,
    ]
    verifier_request = session.steps[0].request["AuthParameters"]
    assert verifier_request["DEVICE_KEY"] == DEVICE.device_key


async def test_device_challenge_without_device_keys_asks_for_them(idp):
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "PASSWORD_VERIFIER", "Session": S1, "ChallengeParameters": PV_PARAMS},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "DEVICE_SRP_AUTH", "Session": S2, "ChallengeParameters": {}},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": S3, "ChallengeParameters": DPV_PARAMS},
    )
    new_device = {"DeviceKey": "us-east-1_new-device", "DeviceGroupKey": "-grp2"}
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result(NewDeviceMetadata=new_device)})
    session = SignInSession(idp.gateway, request())
    step = await session.start()
    assert step.next.kind == QuestionKind.DEVICE and step.next.challenge == "DEVICE_SRP_AUTH"
    with pytest.raises(AnswerError):
        await session.answer(ChallengeAnswer())
    assert (await session.answer(ChallengeAnswer(device=DEVICE))).signed_in
    assert session.result.new_device_metadata == new_device
    assert session.result.tokens_json()["NewDeviceMetadata"] == new_device


async def test_new_password_required_asks_for_required_attributes(idp):
    params = {
        "USER_ID_FOR_SRP": "dave",
        "requiredAttributes": '["userAttributes.name","userAttributes.custom:tenant_id"]',
        "userAttributes": '{"email_verified":"true","email":"dave@example.com","name":""}',
    }
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": S1, "ChallengeParameters": params},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result(username="dave")},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": S1,
            "ChallengeResponses": {
                "USERNAME": "dave",
                "NEW_PASSWORD": "N3w!Passw0rd",
                "userAttributes.name": "Dave",
                "userAttributes.custom:tenant_id": "acme",
            },
        },
    )
    session = SignInSession(idp.gateway, request(flow="password", username="dave"))
    question = (await session.start()).next
    assert question.kind == QuestionKind.NEW_PASSWORD
    assert question.required_attributes == ("name", "custom:tenant_id")
    assert question.current_attributes == {"email": "dave@example.com", "name": ""}
    with pytest.raises(AnswerError, match="custom:tenant_id"):
        await session.answer(ChallengeAnswer(new_password="N3w!Passw0rd", attributes={"name": "Dave"}))
    answer = ChallengeAnswer(
        new_password="N3w!Passw0rd", attributes={"name": "Dave", "custom:tenant_id": "acme"}
    )
    step = await session.answer(answer)
    assert step.signed_in and step.request["ChallengeResponses"]["NEW_PASSWORD"] == REDACTED


async def test_mfa_setup_associates_verifies_and_answers_with_the_new_session(idp):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "MFA_SETUP",
            "Session": S1,
            "ChallengeParameters": {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'},
        },
    )
    idp.ok("associate_software_token", {"SecretCode": secret, "Session": S2}, {"Session": S1})
    idp.ok(
        "verify_software_token",
        {"Status": "SUCCESS", "Session": S3},
        {"Session": S2, "UserCode": "123456", "FriendlyDeviceName": "phone"},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "MFA_SETUP",
            "Session": S3,
            "ChallengeResponses": {"USERNAME": "alice", "SECRET_HASH": h("alice")},
        },
    )
    session = SignInSession(
        idp.gateway, request(flow="password", client_secret=CLIENT_SECRET, pool_name="demo pool")
    )
    step = await session.start()
    assert step.operation == "AssociateSoftwareToken" and step.response["SecretCode"] == REDACTED
    question = step.next
    assert question.kind == QuestionKind.MFA_SETUP and question.secret == secret
    assert question.otpauth_uri == f"otpauth://totp/demo%20pool:alice?secret={secret}&issuer=demo%20pool"
    assert "secret" not in question.to_dict() and secret not in str(question.to_dict())
    step = await session.answer(ChallengeAnswer(code="123456", device_name="phone"))
    assert step.signed_in
    assert [s.operation for s in session.steps] == [
        "InitiateAuth",
        "AssociateSoftwareToken",
        "VerifySoftwareToken",
        "RespondToAuthChallenge",
    ]


async def test_admin_flow_uses_the_admin_operations_with_the_pool_id(idp):
    idp.ok(
        "admin_initiate_auth",
        {
            "ChallengeName": "SMS_MFA",
            "Session": S1,
            "ChallengeParameters": {"CODE_DELIVERY_DESTINATION": "+*******0102"},
        },
        {
            "UserPoolId": POOL_ID,
            "ClientId": CLIENT_ID,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!demo"},
        },
    )
    idp.ok(
        "admin_respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "UserPoolId": POOL_ID,
            "ClientId": CLIENT_ID,
            "ChallengeName": "SMS_MFA",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "SMS_MFA_CODE": "424242"},
        },
    )
    session = SignInSession(idp.gateway, request(flow="admin"))
    question = (await session.start()).next
    assert question.kind == QuestionKind.SMS_CODE and question.destination == "+*******0102"
    assert (await session.answer(ChallengeAnswer(code="424242"))).signed_in
