"""Explanation rules for the steps after the password: codes, challenge sessions, tokens, MFA, new passwords."""

from __future__ import annotations

from cogtui.auth.context import ExplainContext
from cogtui.auth.explanation import Explanation, Rule, message_of
from cogtui.auth.password_policy import describe_policy
from cogtui.aws.errors import CogtuiError

_SESSION_OPERATIONS = frozenset(
    {"RespondToAuthChallenge", "AdminRespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken"}
)
_ACCESS_TOKEN_OPERATIONS = frozenset(
    {
        "GetUser",
        "ChangePassword",
        "GlobalSignOut",
        "AssociateSoftwareToken",
        "VerifySoftwareToken",
        "SetUserMFAPreference",
        "UpdateUserAttributes",
        "DeleteUser",
        "ListDevices",
        "ConfirmDevice",
        "GetUserAttributeVerificationCode",
        "VerifyUserAttribute",
    }
)
_THROTTLE_CODES = frozenset(
    {
        "TooManyRequestsException",
        "ThrottlingException",
        "LimitExceededException",
        "TooManyFailedAttemptsException",
    }
)


def _code_mismatch(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code not in ("CodeMismatchException", "EnableSoftwareTokenMFAException"):
        return None
    totp = ctx.challenge in ("SOFTWARE_TOKEN_MFA", "MFA_SETUP") or ctx.operation == "VerifySoftwareToken"
    detail = (
        " Authenticator codes change every 30 seconds: check the device clock and that the app entry is the one "
        "for this user and pool."
        if totp
        else ""
    )
    return Explanation(
        "code_mismatch",
        f"The code is wrong.{detail}",
        "Enter the current code again. The same session accepts a few attempts before Cognito ends it.",
    )


def _expired_code(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "ExpiredCodeException":
        return None
    return Explanation(
        "expired_code",
        "The code has expired, or a newer code replaced it.",
        "Ask for a new code (ResendConfirmationCode for sign-up, ForgotPassword again for a reset) and use the latest one.",
    )


def _wrong_token(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if ctx.token_kind == "id" and (
        err.code == "NotAuthorizedException" or ctx.operation in _ACCESS_TOKEN_OPERATIONS
    ):
        return Explanation(
            "id_token_as_access_token",
            f"An ID token was passed where {ctx.operation or 'the call'} needs an access token.",
            "Pass the AccessToken from the sign-in result (token_use=access), not the IdToken.",
        )
    if "does not have required scopes" in m:
        return Explanation(
            "access_token_scope",
            "The access token lacks the aws.cognito.signin.user.admin scope that user API calls need (tokens "
            "from the hosted UI carry only the scopes that were requested).",
            "Request the aws.cognito.signin.user.admin scope in the OAuth flow, or use tokens from InitiateAuth.",
        )
    if "access token has expired" in m or "access token has been revoked" in m or "invalid access token" in m:
        return Explanation(
            "access_token_invalid",
            "The access token is expired, revoked (global sign-out or RevokeToken) or not an access token of this pool.",
            "Refresh the tokens (REFRESH_TOKEN_AUTH) or sign in again.",
        )
    if "refresh token" in m and err.code == "NotAuthorizedException":
        return Explanation(
            "refresh_token_invalid",
            "The refresh token is expired, revoked (global sign-out or RevokeToken), or belongs to another app client.",
            "Sign in again to get a new refresh token.",
        )
    return None


def _session_problem(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    session_error = (
        "invalid session" in m
        or "session is expired" in m
        or (err.code == "ResourceNotFoundException" and ctx.operation in _SESSION_OPERATIONS)
    )
    if not session_error:
        return None
    minutes = ctx.validity_minutes
    if ctx.session_used_by_step is not None:
        return Explanation(
            "session_already_used",
            f"This challenge session was already answered (step {ctx.session_used_by_step}); Cognito sessions are "
            "single-use, and each answer returns a new session for the next challenge.",
            "Answer the latest challenge with its own session, or start the sign-in again.",
        )
    if "expired" in m or ctx.session_expired:
        return Explanation(
            "session_expired",
            f"The challenge session expired: it is valid for the client's AuthSessionValidity ({minutes} minutes).",
            "Start the sign-in again and answer within the time; raise AuthSessionValidity (3 to 15 minutes) if users need longer.",
        )
    return Explanation(
        "session_invalid",
        "Cognito does not recognise this session: it was truncated, belongs to another challenge or app client, "
        "was already used, or expired.",
        f"Start the sign-in again and pass the Session returned by the last response (valid {minutes} minutes).",
    )


def _invalid_password(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "InvalidPasswordException":
        return None
    policy = ctx.pool.password_policy if ctx.pool else None
    failures = f" This password: {', '.join(ctx.password_failures)}." if ctx.password_failures else ""
    return Explanation(
        "invalid_password",
        f"The new password does not meet the pool's policy: {describe_policy(policy)}.{failures}",
        "Choose a password that meets every rule (and is not a recently used one).",
    )


def _throttled(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code not in _THROTTLE_CODES:
        return None
    return Explanation(
        "too_many_requests",
        "Cognito throttled the call: too many requests for this operation (a per-account quota), or too many "
        "attempts for this user (LimitExceeded / TooManyFailedAttempts).",
        "Wait and retry with backoff; for attempt limits, wait before sending another code or password.",
    )


def _mfa_not_enabled(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if err.code == "SoftwareTokenMFANotFoundException" or (
        err.code == "InvalidParameterException" and ("mfa" in m or "software token" in m)
    ):
        mode = ctx.pool.mfa if ctx.pool and ctx.pool.mfa else "unknown"
        return Explanation(
            "mfa_not_enabled",
            f"This MFA method is not available: the pool does not enable it (pool MFA: {mode}), or the user has not "
            "set it up and verified it yet.",
            "Enable the method on the pool (SetUserPoolMfaConfig), then enrol it for the user (AssociateSoftwareToken "
            "+ VerifySoftwareToken, or a verified phone/email) before SetUserMFAPreference.",
        )
    return None


CHALLENGE_RULES: tuple[Rule, ...] = (
    _code_mismatch,
    _expired_code,
    _wrong_token,
    _session_problem,
    _invalid_password,
    _throttled,
    _mfa_not_enabled,
)
