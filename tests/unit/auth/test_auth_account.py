"""The account calls around sign-in, each one explained step, over stubbed real-API payloads."""

from auth_fakes import CLIENT_ID, CLIENT_SECRET, auth_result, fake_jwt

from cogtui.auth import account
from cogtui.auth.context import ExplainContext, PoolFacts
from cogtui.auth.secret_hash import secret_hash
from cogtui.aws.trace import REDACTED

TOKENS = auth_result()
ACCESS, ID = TOKENS["AccessToken"], TOKENS["IdToken"]
POLICY = {
    "MinimumLength": 10,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}
DELIVERY = {
    "CodeDeliveryDetails": {"Destination": "b***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
}


async def test_sign_up_sends_secret_hash_and_attributes(idp):
    idp.ok(
        "sign_up",
        {"UserConfirmed": False, "UserSub": "0f1e2d3c-0000", **DELIVERY},
        {
            "ClientId": CLIENT_ID,
            "Username": "newbie",
            "Password": "Passw0rd!demo",
            "SecretHash": secret_hash("newbie", CLIENT_ID, CLIENT_SECRET),
            "UserAttributes": [{"Name": "email", "Value": "newbie@example.com"}],
        },
    )
    step = await account.sign_up(
        idp.gateway,
        CLIENT_ID,
        "newbie",
        "Passw0rd!demo",
        client_secret=CLIENT_SECRET,
        attributes={"email": "newbie@example.com"},
    )
    assert step.ok and step.response["UserConfirmed"] is False
    assert step.request["Password"] == REDACTED and step.request["SecretHash"] == REDACTED
    assert step.hashed_username.value == "newbie"


async def test_sign_up_with_a_weak_password_lists_the_policy_and_what_fails(idp):
    idp.error(
        "sign_up",
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )
    context = ExplainContext(pool=PoolFacts(password_policy=POLICY))
    step = await account.sign_up(idp.gateway, CLIENT_ID, "newbie", "weak", context=context)
    assert step.explanation.key == "invalid_password"
    assert (
        "at least 10 characters" in step.explanation.cause and "no uppercase letter" in step.explanation.cause
    )


async def test_confirm_and_resend(idp):
    idp.error(
        "confirm_sign_up", "ExpiredCodeException", "Invalid code provided, please request a code again."
    )
    idp.ok("resend_confirmation_code", DELIVERY, {"ClientId": CLIENT_ID, "Username": "carol"})
    idp.ok("confirm_sign_up", {}, {"ClientId": CLIENT_ID, "Username": "carol", "ConfirmationCode": "123456"})
    expired = await account.confirm_sign_up(idp.gateway, CLIENT_ID, "carol", "999999")
    assert expired.explanation.key == "expired_code" and expired.request["ConfirmationCode"] == REDACTED
    resent = await account.resend_confirmation_code(idp.gateway, CLIENT_ID, "carol")
    assert resent.response["CodeDeliveryDetails"]["Destination"] == "b***@e***"
    assert (await account.confirm_sign_up(idp.gateway, CLIENT_ID, "carol", " 123456 ")).ok


async def test_forgot_password_and_confirm(idp):
    idp.error(
        "forgot_password", "LimitExceededException", "Attempt limit exceeded, please try after some time."
    )
    idp.ok("forgot_password", DELIVERY)
    idp.ok(
        "confirm_forgot_password",
        {},
        {
            "ClientId": CLIENT_ID,
            "Username": "heidi",
            "ConfirmationCode": "123456",
            "Password": "N3w!Passw0rd",
        },
    )
    limited = await account.forgot_password(idp.gateway, CLIENT_ID, "heidi")
    assert limited.explanation.key == "too_many_requests"
    assert (await account.forgot_password(idp.gateway, CLIENT_ID, "heidi")).ok
    assert (
        await account.confirm_forgot_password(idp.gateway, CLIENT_ID, "heidi", "123456", "N3w!Passw0rd")
    ).ok


async def test_change_password(idp):
    idp.ok(
        "change_password",
        {},
        {"AccessToken": ACCESS, "PreviousPassword": "old", "ProposedPassword": "N3w!Passw0rd"},
    )
    step = await account.change_password(idp.gateway, ACCESS, "old", "N3w!Passw0rd")
    assert step.ok and step.request == {
        "AccessToken": REDACTED,
        "PreviousPassword": REDACTED,
        "ProposedPassword": REDACTED,
    }


async def test_totp_enrolment_for_a_signed_in_user(idp):
    idp.ok(
        "associate_software_token",
        {"SecretCode": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"},
        {"AccessToken": ACCESS},
    )
    idp.error(
        "verify_software_token",
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
    idp.ok(
        "verify_software_token",
        {"Status": "SUCCESS"},
        {"AccessToken": ACCESS, "UserCode": "123456", "FriendlyDeviceName": "phone"},
    )
    idp.ok(
        "set_user_mfa_preference",
        {},
        {"AccessToken": ACCESS, "SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True}},
    )
    step, secret = await account.associate_software_token(idp.gateway, ACCESS)
    assert secret == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" and step.response["SecretCode"] == REDACTED
    wrong = await account.verify_software_token(idp.gateway, ACCESS, "000000")
    assert wrong.explanation.key == "code_mismatch"
    assert (await account.verify_software_token(idp.gateway, ACCESS, "123456", "phone")).ok
    assert (await account.set_mfa_preference(idp.gateway, ACCESS, preferred="totp")).ok


async def test_mfa_preference_before_verification_is_explained(idp):
    idp.error(
        "set_user_mfa_preference", "InvalidParameterException", "User has not verified software token mfa"
    )
    step = await account.set_mfa_preference(idp.gateway, ACCESS, totp=True, sms=False)
    assert step.explanation.key == "mfa_not_enabled"
    assert step.request["SMSMfaSettings"] == {"Enabled": False, "PreferredMfa": False}


async def test_an_id_token_where_an_access_token_is_needed(idp):
    idp.error("get_user", "NotAuthorizedException", "Invalid Access Token")
    step = await account.get_user(idp.gateway, ID)
    assert step.explanation.key == "id_token_as_access_token"


async def test_an_access_token_without_the_admin_scope(idp):
    hosted_ui = fake_jwt(token_use="access", client_id=CLIENT_ID, scope="openid email", username="alice")
    idp.error("get_user", "NotAuthorizedException", "Access Token does not have required scopes")
    step = await account.get_user(idp.gateway, hosted_ui)
    assert step.explanation.key == "access_token_scope"


async def test_global_sign_out(idp):
    idp.ok("global_sign_out", {}, {"AccessToken": ACCESS})
    step = await account.global_sign_out(idp.gateway, ACCESS)
    assert step.ok and step.operation == "GlobalSignOut"
