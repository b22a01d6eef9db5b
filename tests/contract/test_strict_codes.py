"""Real codes over HTTP: TOTP checked, SMS / email / confirmation codes delivered to the outbox and checked once."""

from __future__ import annotations

import json
import os
import stat
import time
from typing import Any

import pytest

from cogtui.auth.secret_hash import secret_hash
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.sandbox.strict import strict_state
from cogtui.sandbox.totp import seconds_remaining, totp_now
from tests.contract.strict_support import idp_client, new_user, password_auth, refused, unique

NEW_PASSWORD = "N3w!Passw0rd-x"
MFA_MISMATCH = ("CodeMismatchException", "Invalid code or auth state for the user.")


@pytest.fixture
def idp(sandbox: Any) -> Any:
    return idp_client(sandbox[1])


def fresh(secret: str) -> str:
    if seconds_remaining() < 2:
        time.sleep(seconds_remaining())
    return totp_now(secret)


def wrong(secret: str) -> str:
    valid = {totp_now(secret, time.time() + d) for d in (-30, 0, 30)}
    return next(c for c in ("000000", "111111", "222222") if c not in valid)


def mfa_user(idp: Any, pool_id: str, **settings: Any) -> str:
    user = new_user(
        idp,
        pool_id,
        attributes={
            "email": f"{unique()}@example.com",
            "email_verified": "true",
            "phone_number": "+15555550123",
        },
    )
    idp.admin_set_user_mfa_preference(UserPoolId=pool_id, Username=user, **settings)
    return user


def answer(idp: Any, client_id: str, step: dict[str, Any], user: str, **responses: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName=step["ChallengeName"],
        Session=step["Session"],
        ChallengeResponses={"USERNAME": user, **responses},
    )


def test_totp_enrolment_and_sign_in_check_real_codes(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    user = new_user(idp, pool.id)
    access = password_auth(idp, client_id, user)["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    assert len(secret) == 32 and secret.isupper() and secret.isalnum()
    assert refused(idp.verify_software_token, AccessToken=access, UserCode=wrong(secret)) == (
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
    assert idp.verify_software_token(AccessToken=access, UserCode=fresh(secret))["Status"] == "SUCCESS"
    idp.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    step = password_auth(idp, client_id, user)
    assert step["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert refused(answer, idp, client_id, step, user, SOFTWARE_TOKEN_MFA_CODE=wrong(secret)) == MFA_MISMATCH
    done = answer(
        idp, client_id, step, user, SOFTWARE_TOKEN_MFA_CODE=fresh(secret)
    )  # same session, right code
    assert done["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize(
    ("settings", "challenge", "key", "medium", "digits"),
    [
        ({"SMSMfaSettings": {"Enabled": True, "PreferredMfa": True}}, "SMS_MFA", "SMS_MFA_CODE", "SMS", 6),
        (
            {"EmailMfaSettings": {"Enabled": True, "PreferredMfa": True}},
            "EMAIL_OTP",
            "EMAIL_OTP_CODE",
            "EMAIL",
            8,
        ),
    ],
)
def test_sms_and_email_codes_go_to_the_outbox_and_are_checked(
    idp, sandbox, settings, challenge, key, medium, digits
):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    user = mfa_user(idp, pool.id, **settings)
    described = idp.admin_get_user(UserPoolId=pool.id, Username=user)
    assert challenge in described["UserMFASettingList"] and described["PreferredMfaSetting"] == challenge
    step = password_auth(idp, client_id, user)
    assert step["ChallengeName"] == challenge
    assert step["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == medium
    message = strict_state().outbox.recent(1)[0]
    assert (message.username, message.medium, message.purpose) == (user, medium, challenge)
    assert len(message.code) == digits and message.code in message.text
    assert refused(answer, idp, client_id, step, user, **{key: "0" * digits}) == MFA_MISMATCH
    tokens = answer(idp, client_id, step, user, **{key: message.code})["AuthenticationResult"]
    assert challenge in idp.get_user(AccessToken=tokens["AccessToken"])["UserMFASettingList"]


def test_a_user_with_two_methods_chooses_with_select_mfa_type(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    user = mfa_user(
        idp,
        pool.id,
        SMSMfaSettings={"Enabled": True, "PreferredMfa": False},
        EmailMfaSettings={"Enabled": True, "PreferredMfa": False},
    )
    step = password_auth(idp, client_id, user)
    assert step["ChallengeName"] == "SELECT_MFA_TYPE"
    assert json.loads(step["ChallengeParameters"]["MFAS_CAN_CHOOSE"]) == ["SMS_MFA", "EMAIL_OTP"]
    chosen = answer(idp, client_id, step, user, ANSWER="EMAIL_OTP")
    assert chosen["ChallengeName"] == "EMAIL_OTP"
    code = strict_state().outbox.latest_code(user, "EMAIL_OTP")
    assert answer(idp, client_id, chosen, user, EMAIL_OTP_CODE=code)["AuthenticationResult"]["AccessToken"]


def test_sign_up_codes_are_delivered_checked_resent_and_expire(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    backend = pool.client("backend")
    name = unique()
    hashed = secret_hash(name, backend.id, backend.secret)
    signed_up = idp.sign_up(
        ClientId=backend.id,
        SecretHash=hashed,
        Username=name,
        Password=DEMO_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
    )
    assert signed_up["CodeDeliveryDetails"] == {
        "Destination": "s***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    outbox = strict_state().outbox
    first = outbox.latest_code(name, "SIGN_UP")

    def confirm(code: str) -> Any:
        return idp.confirm_sign_up(
            ClientId=backend.id, SecretHash=hashed, Username=name, ConfirmationCode=code
        )

    assert refused(confirm, "000000" if first != "000000" else "111111") == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )
    resent = idp.resend_confirmation_code(ClientId=backend.id, SecretHash=hashed, Username=name)
    assert resent["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    second = outbox.latest_code(name, "SIGN_UP")
    delivered = [m for m in outbox.recent() if m.username == name and m.purpose == "SIGN_UP"]
    assert len(delivered) == 2  # the resent code is a new message (its digits may repeat the old by chance)
    if second != first:
        assert refused(confirm, first) == (
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        )
    with strict_state().clock.advanced(24 * 3600 + 1):
        assert refused(confirm, second)[0] == "ExpiredCodeException"
    idp.resend_confirmation_code(ClientId=backend.id, SecretHash=hashed, Username=name)
    confirm(outbox.latest_code(name, "SIGN_UP"))
    assert idp.admin_get_user(UserPoolId=pool.id, Username=name)["UserStatus"] == "CONFIRMED"
    assert refused(confirm, "123456")[0] == "NotAuthorizedException"  # already confirmed


def test_forgot_password_code_resets_a_reset_required_user(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    client_id = pool.client("legacy-password").id
    user = new_user(idp, pool.id, status="RESET_REQUIRED")
    assert refused(password_auth, idp, client_id, user)[0] == "PasswordResetRequiredException"
    delivery = idp.forgot_password(ClientId=client_id, Username=user)["CodeDeliveryDetails"]
    assert delivery["DeliveryMedium"] == "EMAIL"
    code = strict_state().outbox.latest_code(user, "FORGOT_PASSWORD")

    def confirm(given: str, password: str = NEW_PASSWORD) -> Any:
        return idp.confirm_forgot_password(
            ClientId=client_id, Username=user, ConfirmationCode=given, Password=password
        )

    assert (
        refused(confirm, code, "short")[0] == "InvalidPasswordException"
    )  # the code survives a bad password
    assert refused(confirm, "000000" if code != "000000" else "111111")[0] == "CodeMismatchException"
    confirm(code)
    assert password_auth(idp, client_id, user, NEW_PASSWORD)["AuthenticationResult"]["AccessToken"]
    assert refused(confirm, code)[0] == "ExpiredCodeException"  # used once


def test_the_outbox_is_a_private_json_lines_file(idp, sandbox):
    pool = sandbox[1].pool("demo-app")
    user = new_user(idp, pool.id)
    idp.forgot_password(ClientId=pool.client("legacy-password").id, Username=user)
    path = strict_state().outbox.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    last = [m for m in lines if m["username"] == user][-1]
    assert last["purpose"] == "FORGOT_PASSWORD" and last["code"] == strict_state().outbox.latest_code(user)
