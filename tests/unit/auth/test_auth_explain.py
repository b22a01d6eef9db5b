"""The explanation catalogue: each Cognito error, in its context, gets the right cause and next step."""

import pytest

from cogtui.auth.context import ClientFacts, ExplainContext, PoolFacts, UserFacts
from cogtui.auth.password_policy import describe_policy, password_failures
from cogtui.auth.refusal_catalogue import explain
from cogtui.auth.secret_hash import SOURCE_TYPED, HashedUsername
from cogtui.aws.errors import CogtuiError, NotAuthorizedError, ReadOnlyError

POLICY = {
    "MinimumLength": 10,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}
SECRET_CLIENT = ClientFacts(
    has_secret=True, explicit_auth_flows=("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
)
HASHED = HashedUsername("ivy@example.com", SOURCE_TYPED)


def err(code, message, operation="InitiateAuth"):
    cls = NotAuthorizedError if code == "NotAuthorizedException" else CogtuiError
    return cls(message, code=code, operation=operation)


CASES = [
    # (id, code, message, context, key, words expected in cause + next step)
    (
        "secret missing (AWS text)",
        "NotAuthorizedException",
        "Client 1abc is configured for secret but secret was not received",
        ExplainContext(),
        "secret_hash_missing",
        ["SECRET_HASH", "client secret"],
    ),
    (
        "secret missing (from context)",
        "NotAuthorizedException",
        "",
        ExplainContext(client=SECRET_CLIENT, secret_hash_sent=False),
        "secret_hash_missing",
        ["SECRET_HASH"],
    ),
    (
        "secret sent to a public client",
        "NotAuthorizedException",
        "",
        ExplainContext(client=ClientFacts(has_secret=False), secret_hash_sent=True),
        "secret_not_configured",
        ["no client secret"],
    ),
    (
        "hash over the wrong username",
        "NotAuthorizedException",
        "Unable to verify secret hash for client 1abc",
        ExplainContext(hashed_username=HASHED),
        "secret_hash_mismatch",
        ["ivy@example.com", "USER_ID_FOR_SRP", "cognito:username"],
    ),
    (
        "flow not enabled",
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
        ExplainContext(flow="USER_PASSWORD_AUTH", client=SECRET_CLIENT),
        "auth_flow_not_enabled",
        ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH"],
    ),
    (
        "generic flow not enabled",
        "InvalidParameterException",
        "Auth flow not enabled for this client",
        ExplainContext(flow="CUSTOM_AUTH"),
        "auth_flow_not_enabled",
        ["ALLOW_CUSTOM_AUTH", "unknown"],
    ),
    (
        "initiate method not supported",
        "InvalidParameterException",
        "Initiate Auth method not supported.",
        ExplainContext(flow="ADMIN_USER_PASSWORD_AUTH"),
        "auth_flow_not_enabled",
        ["AdminInitiateAuth"],
    ),
    (
        "wrong password, existence hidden",
        "NotAuthorizedException",
        "Incorrect username or password.",
        ExplainContext(client=ClientFacts(prevent_user_existence_errors="ENABLED")),
        "incorrect_credentials",
        ["password is wrong", "may also not exist"],
    ),
    (
        "wrong password, legacy client",
        "NotAuthorizedException",
        "Incorrect username or password.",
        ExplainContext(client=ClientFacts(prevent_user_existence_errors="LEGACY")),
        "incorrect_credentials",
        ["user exists"],
    ),
    (
        "unknown user hidden by prevent-user-existence",
        "NotAuthorizedException",
        "Incorrect username or password.",
        ExplainContext(user=UserFacts(exists=False)),
        "incorrect_credentials",
        ["no such user", "PreventUserExistenceErrors"],
    ),
    (
        "unknown user revealed",
        "UserNotFoundException",
        "User does not exist.",
        ExplainContext(),
        "user_not_found",
        ["LEGACY", "Incorrect username or password"],
    ),
    (
        "not confirmed",
        "UserNotConfirmedException",
        "User is not confirmed.",
        ExplainContext(),
        "user_not_confirmed",
        ["ConfirmSignUp", "ResendConfirmationCode", "AdminConfirmSignUp"],
    ),
    (
        "reset required",
        "PasswordResetRequiredException",
        "Password reset required for the user",
        ExplainContext(),
        "password_reset_required",
        ["ForgotPassword", "ConfirmForgotPassword"],
    ),
    (
        "disabled",
        "NotAuthorizedException",
        "User is disabled.",
        ExplainContext(),
        "user_disabled",
        ["AdminEnableUser"],
    ),
    (
        "attempts exceeded",
        "NotAuthorizedException",
        "Password attempts exceeded",
        ExplainContext(),
        "password_attempts_exceeded",
        ["Wait", "ForgotPassword"],
    ),
    (
        "temporary password expired",
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
        ExplainContext(),
        "temporary_password_expired",
        ["TemporaryPasswordValidityDays", "RESEND"],
    ),
    (
        "mfa code mismatch",
        "CodeMismatchException",
        "Invalid code received for user",
        ExplainContext(challenge="SOFTWARE_TOKEN_MFA"),
        "code_mismatch",
        ["30 seconds", "clock"],
    ),
    (
        "confirmation code mismatch",
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
        ExplainContext(operation="ConfirmSignUp"),
        "code_mismatch",
        ["code is wrong"],
    ),
    (
        "totp enrolment mismatch",
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
        ExplainContext(operation="VerifySoftwareToken"),
        "code_mismatch",
        ["30 seconds"],
    ),
    (
        "expired code",
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
        ExplainContext(),
        "expired_code",
        ["new code"],
    ),
    (
        "expired session",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
        ExplainContext(operation="RespondToAuthChallenge", client=ClientFacts(auth_session_validity=10)),
        "session_expired",
        ["10 minutes", "AuthSessionValidity"],
    ),
    (
        "used session",
        "NotAuthorizedException",
        "Invalid session for the user.",
        ExplainContext(operation="RespondToAuthChallenge", session_used_by_step=3),
        "session_already_used",
        ["step 3", "single-use"],
    ),
    (
        "bogus session (emulator)",
        "ResourceNotFoundException",
        "",
        ExplainContext(operation="RespondToAuthChallenge"),
        "session_invalid",
        ["does not recognise"],
    ),
    (
        "invalid password with policy",
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
        ExplainContext(
            operation="RespondToAuthChallenge",
            challenge="NEW_PASSWORD_REQUIRED",
            pool=PoolFacts(password_policy=POLICY),
            password_failures=("shorter than 10 characters",),
        ),
        "invalid_password",
        ["at least 10 characters", "a symbol", "shorter than 10 characters"],
    ),
    (
        "invalid password, policy unknown",
        "InvalidPasswordException",
        "Password does not conform to policy",
        ExplainContext(operation="ChangePassword"),
        "invalid_password",
        ["not readable"],
    ),
    (
        "throttled",
        "TooManyRequestsException",
        "Rate exceeded",
        ExplainContext(),
        "too_many_requests",
        ["backoff"],
    ),
    (
        "attempt limit",
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
        ExplainContext(),
        "too_many_requests",
        ["Wait"],
    ),
    (
        "mfa method not enabled",
        "InvalidParameterException",
        "User does not have delivery config set to turn on SMS_MFA",
        ExplainContext(pool=PoolFacts(mfa="OPTIONAL")),
        "mfa_not_enabled",
        ["OPTIONAL", "SetUserPoolMfaConfig"],
    ),
    (
        "totp not verified",
        "InvalidParameterException",
        "User has not verified software token mfa",
        ExplainContext(),
        "mfa_not_enabled",
        ["VerifySoftwareToken"],
    ),
    (
        "software token missing",
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA does not exist for the user.",
        ExplainContext(),
        "mfa_not_enabled",
        ["AssociateSoftwareToken"],
    ),
    (
        "id token as access token",
        "NotAuthorizedException",
        "Invalid Access Token",
        ExplainContext(operation="GetUser", token_kind="id"),
        "id_token_as_access_token",
        ["ID token", "AccessToken"],
    ),
    (
        "access token lacks scope",
        "NotAuthorizedException",
        "Access Token does not have required scopes",
        ExplainContext(operation="GetUser", token_kind="access"),
        "access_token_scope",
        ["aws.cognito.signin.user.admin"],
    ),
    (
        "access token revoked",
        "NotAuthorizedException",
        "Access Token has been revoked",
        ExplainContext(operation="GetUser"),
        "access_token_invalid",
        ["REFRESH_TOKEN_AUTH"],
    ),
    (
        "refresh token revoked",
        "NotAuthorizedException",
        "Refresh Token has been revoked",
        ExplainContext(),
        "refresh_token_invalid",
        ["Sign in again"],
    ),
    (
        "unknown client",
        "ResourceNotFoundException",
        "User pool client 1abc does not exist.",
        ExplainContext(),
        "client_or_pool_not_found",
        ["region"],
    ),
    (
        "unrecognised refusal",
        "NotAuthorizedException",
        "bob",
        ExplainContext(secret_hash_sent=True, hashed_username=HASHED),
        "not_authorized",
        ["SECRET_HASH", "ivy@example.com"],
    ),
    (
        "invalid password at sign-in means a wrong password",
        "InvalidPasswordException",
        "Invalid password",
        ExplainContext(operation="InitiateAuth", flow="USER_PASSWORD_AUTH"),
        "incorrect_credentials",
        ["password is wrong", "Incorrect username or password"],
    ),
    (
        "invalid password answering PASSWORD means a wrong password",
        "InvalidPasswordException",
        "Invalid password",
        ExplainContext(operation="RespondToAuthChallenge", challenge="SELECT_CHALLENGE"),
        "incorrect_credentials",
        ["password is wrong"],
    ),
    (
        "SRP refused before any password, client facts unknown",
        "NotAuthorizedException",
        "",
        ExplainContext(operation="InitiateAuth", flow="USER_SRP_AUTH", secret_hash_sent=False),
        "not_authorized",
        ["Likely causes: a missing SECRET_HASH", "--client-secret-stdin"],
    ),
    ("anything else", "InternalErrorException", "boom", ExplainContext(), "unexplained", ["boom"]),
]


def test_srp_refused_at_initiate_auth_never_blames_the_password():
    context = ExplainContext(operation="InitiateAuth", flow="USER_SRP_AUTH", secret_hash_sent=False)
    cause = explain(err("NotAuthorizedException", ""), context).cause
    assert "wrong password" not in cause
    assert cause.index("SECRET_HASH") < cause.index("a disabled user")


def test_a_client_known_to_have_no_secret_is_not_blamed():
    context = ExplainContext(
        operation="InitiateAuth",
        flow="USER_PASSWORD_AUTH",
        secret_hash_sent=False,
        client=ClientFacts(has_secret=False),
    )
    cause = explain(err("NotAuthorizedException", "Not authorized."), context).cause
    assert "SECRET_HASH" not in cause and "a wrong password" in cause


@pytest.mark.parametrize(
    ("code", "message", "context", "key", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_catalogue(code, message, context, key, words):
    explanation = explain(err(code, message, context.operation or "InitiateAuth"), context)
    assert explanation.key == key
    text = explanation.cause + " " + explanation.next_step
    for word in words:
        assert word in text


def test_read_only_refusal():
    refusal = ReadOnlyError("refused", code="ReadOnly", operation="RespondToAuthChallenge")
    assert explain(refusal).key == "read_only"


def test_explain_without_context_uses_the_errors_operation():
    assert (
        explain(err("NotAuthorizedException", "Invalid session for the user.", "RespondToAuthChallenge")).key
        == "session_invalid"
    )


def test_policy_description_and_failures():
    assert (
        describe_policy(POLICY)
        == "at least 10 characters, an uppercase letter, a lowercase letter, a number, a symbol"
    )
    assert describe_policy({"MinimumLength": 8, "PasswordHistorySize": 5}).endswith(
        "not one of the last 5 passwords"
    )
    assert password_failures(POLICY, "short") == (
        "shorter than 10 characters",
        "no uppercase letter",
        "no number",
        "no symbol",
    )
    assert password_failures(POLICY, "Passw0rd!demo") == ()
    assert password_failures(None, "x") == ()
