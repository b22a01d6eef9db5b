"""Explanation rules for refusals of the sign-in itself: secrets, flows, credentials and the user's state."""

from __future__ import annotations

from cogtui.auth.context import ExplainContext
from cogtui.auth.explanation import Explanation, Rule, message_of
from cogtui.aws.errors import CogtuiError, ReadOnlyError

FLOW_FLAGS = {
    "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
    "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
    "USER_AUTH": "ALLOW_USER_AUTH",
}


_NO_PASSWORD_AT_START = frozenset({"USER_SRP_AUTH", "CUSTOM_AUTH"})


def _flows(ctx: ExplainContext) -> str:
    if ctx.client and ctx.client.explicit_auth_flows is not None:
        return ", ".join(ctx.client.explicit_auth_flows) or "none"
    return "unknown (DescribeUserPoolClient not allowed)"


def _read_only(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if not isinstance(err, ReadOnlyError):
        return None
    return Explanation(
        "read_only",
        f"cogtui runs with --read-only and {err.operation or 'this call'} would change the user "
        "(a new password, or a new authenticator).",
        "Restart cogtui without --read-only to answer this challenge.",
    )


def _secret_missing(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    said_missing = "secret was not received" in m or "secret_hash was not received" in m
    inferred = (
        err.code == "NotAuthorizedException" and ctx.has_secret is True and ctx.secret_hash_sent is False
    )
    if not (said_missing or inferred):
        return None
    return Explanation(
        "secret_hash_missing",
        "The app client has a client secret, so every call for a user must carry SECRET_HASH, and this one did not.",
        "Give cogtui the client secret (--client-secret-stdin, or the client secret field); it computes "
        "SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)). A browser or mobile app should use "
        "a client without a secret.",
    )


def _secret_not_configured(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if "not configured with secret" in m or (
        err.code == "NotAuthorizedException" and ctx.has_secret is False and ctx.secret_hash_sent
    ):
        return Explanation(
            "secret_not_configured",
            "A SECRET_HASH was sent, but this app client has no client secret.",
            "Leave the client secret empty for this client, or pick the client that has the secret.",
        )
    return None


def _secret_mismatch(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if "unable to verify secret hash" not in m and "secrethash does not match" not in m:
        return None  # other wordings fall through to the last-resort NotAuthorized rule, which names the hash
    hashed = ctx.hashed_username
    over = f" It was computed over {hashed.value!r} ({hashed.source})." if hashed else ""
    return Explanation(
        "secret_hash_mismatch",
        "Cognito could not verify SECRET_HASH: either the client secret is wrong, or the hash was computed "
        f"over a different username than the one Cognito expects at this step.{over}",
        "Check the client secret. The hash uses the username as typed at InitiateAuth, Cognito's internal "
        "username (USER_ID_FOR_SRP) after PASSWORD_VERIFIER, and cognito:username (the sub in "
        "email-as-username pools) for REFRESH_TOKEN_AUTH.",
    )


def _flow_not_enabled(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if err.code not in ("InvalidParameterException", "NotAuthorizedException"):
        return None
    if not ("flow not enabled" in m or "not enabled for the client" in m or "auth method not supported" in m):
        return None
    flag = FLOW_FLAGS.get(ctx.flow or "", "the matching ALLOW_* flag")
    return Explanation(
        "auth_flow_not_enabled",
        f"The app client does not allow the {ctx.flow or 'requested'} flow (enabled: {_flows(ctx)}).",
        f"Add {flag} to the client's ExplicitAuthFlows (UpdateUserPoolClient), or pick a flow the client allows. "
        "ADMIN_USER_PASSWORD_AUTH is only accepted by AdminInitiateAuth, not by InitiateAuth.",
    )


def _user_disabled(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code == "NotAuthorizedException" and "user is disabled" in message_of(err):
        return Explanation(
            "user_disabled",
            "The user exists but an administrator disabled it; Cognito refuses every sign-in and refresh.",
            "An administrator can re-enable it (AdminEnableUser); the user cannot do anything about it.",
        )
    return None


def _attempts_exceeded(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code == "NotAuthorizedException" and "password attempts exceeded" in message_of(err):
        return Explanation(
            "password_attempts_exceeded",
            "Too many wrong passwords in a row: Cognito locks this user's password sign-in for a while "
            "(the lock-out grows with each further failure, up to about 15 minutes).",
            "Wait before trying again, or reset the password (ForgotPassword). Successful sign-ins reset the count.",
        )
    return None


def _temporary_expired(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    m = message_of(err)
    if err.code == "NotAuthorizedException" and "temporary password has expired" in m:
        return Explanation(
            "temporary_password_expired",
            "The user never signed in and the temporary password is older than the pool's "
            "TemporaryPasswordValidityDays.",
            "An administrator must send a new one: AdminCreateUser with MessageAction=RESEND, or AdminSetUserPassword.",
        )
    return None


def _incorrect_credentials(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "NotAuthorizedException" or "incorrect username or password" not in message_of(err):
        return None
    prevent = ctx.client.prevent_user_existence_errors if ctx.client else None
    if ctx.user is not None and not ctx.user.exists:
        cause = (
            "There is no such user. Because the client's PreventUserExistenceErrors is ENABLED, Cognito "
            "answers 'Incorrect username or password.' instead of saying so, to hide which users exist."
        )
        step = "Check the username (and whether users sign in with an email, phone or alias), or sign the user up."
    else:
        hidden = {
            "ENABLED": " The client hides unknown users behind this same message (PreventUserExistenceErrors=ENABLED), "
            "so the user may also not exist.",
            "LEGACY": " The client reports unknown users separately (LEGACY), so the user exists.",
        }.get(
            prevent or "",
            " If the client hides unknown users (PreventUserExistenceErrors=ENABLED), the user may also not exist.",
        )
        cause = f"The password is wrong for this user.{hidden}"
        step = "Check the password (it is case-sensitive) and the username; reset it with ForgotPassword if it is lost."
    return Explanation("incorrect_credentials", cause, step)


# Calls that check the password the user has; an InvalidPasswordException from them cannot be about a new
# password (InitiateAuth does not even document it; emulators answer a wrong password with it).
_SIGN_IN_OPERATIONS = frozenset({"InitiateAuth", "AdminInitiateAuth"})
_PASSWORD_CHALLENGES = frozenset({"PASSWORD_VERIFIER", "PASSWORD", "PASSWORD_SRP", "SELECT_CHALLENGE"})


def _password_refused_at_sign_in(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "InvalidPasswordException":
        return None
    if ctx.operation not in _SIGN_IN_OPERATIONS and ctx.challenge not in _PASSWORD_CHALLENGES:
        return None  # an operation that sets a password: the pool's policy refused the new one
    return Explanation(
        "incorrect_credentials",
        f"The password is wrong for this user. {ctx.operation or 'This call'} checks the password the user "
        "has and sets none, so InvalidPasswordException here is the endpoint refusing the password typed "
        "(Amazon Cognito says NotAuthorizedException 'Incorrect username or password.').",
        "Check the password (it is case-sensitive) and the username; reset it with ForgotPassword if it is lost.",
    )


def _user_not_found(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "UserNotFoundException":
        return None
    prevent = ctx.client.prevent_user_existence_errors if ctx.client else None
    legacy = (
        " This client reveals it because PreventUserExistenceErrors is LEGACY; with ENABLED, Cognito would "
        "answer 'Incorrect username or password.' instead."
        if prevent in (None, "LEGACY")
        else ""
    )
    return Explanation(
        "user_not_found",
        f"No user with this username in the pool.{legacy}",
        "Check the username: pools that sign in with an email or phone need that value, and usernames may be "
        "case-sensitive. Set PreventUserExistenceErrors=ENABLED on the client so attackers cannot probe users.",
    )


def _not_confirmed(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "UserNotConfirmedException":
        return None
    return Explanation(
        "user_not_confirmed",
        "The user signed up but never confirmed the account (status UNCONFIRMED), so Cognito refuses the sign-in.",
        "Confirm with the code that was sent (ConfirmSignUp), ask for a new one (ResendConfirmationCode), "
        "or have an administrator confirm it (AdminConfirmSignUp).",
    )


def _reset_required(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "PasswordResetRequiredException":
        return None
    return Explanation(
        "password_reset_required",
        "An administrator reset this user's password (status RESET_REQUIRED); the old one no longer signs in.",
        "Run ForgotPassword to get a code, then ConfirmForgotPassword with the code and a new password.",
    )


def _client_not_found(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code == "ResourceNotFoundException":
        return Explanation(
            "client_or_pool_not_found",
            "Cognito does not know this user pool or app client in this region and endpoint.",
            "Check the pool id, the client id, and the region (the pool id starts with it).",
        )
    return None


def _not_authorized_other(err: CogtuiError, ctx: ExplainContext) -> Explanation | None:
    if err.code != "NotAuthorizedException":
        return None
    # InitiateAuth of SRP and CUSTOM_AUTH carries no password yet (the SRP proof comes with PASSWORD_VERIFIER).
    password_sent = not (ctx.operation in _SIGN_IN_OPERATIONS and ctx.flow in _NO_PASSWORD_AT_START)
    causes = ["a wrong password"] if password_sent else []
    causes.append("a disabled user")
    next_step = "Check the client secret and the password; the user's status in the pool tells which."
    if ctx.secret_hash_sent:
        causes.insert(
            0,
            f"a SECRET_HASH Cognito could not verify ({ctx.hashed_username.describe()})"
            if ctx.hashed_username
            else "a wrong SECRET_HASH",
        )
    elif ctx.secret_hash_sent is False and ctx.has_secret is not False:
        causes.insert(
            0, "a missing SECRET_HASH: if the app client has a client secret, every call must carry one"
        )
        next_step = (
            "If the app client has a client secret, give it (--client-secret-stdin, or the client secret field) "
            "so SECRET_HASH is sent; then check the password and the user's status in the pool."
        )
    return Explanation(
        "not_authorized",
        f"Cognito refused the request ({err.message or 'no message'}). Likely causes: {', '.join(causes)}.",
        next_step,
    )


# Tried first: the refusals that decide whether the sign-in can start at all.
CREDENTIAL_RULES: tuple[Rule, ...] = (
    _read_only,
    _secret_missing,
    _secret_not_configured,
    _secret_mismatch,
    _flow_not_enabled,
    _user_disabled,
    _attempts_exceeded,
    _temporary_expired,
    _incorrect_credentials,
    _password_refused_at_sign_in,
    _user_not_found,
    _not_confirmed,
    _reset_required,
)

# Tried last: what remains of ResourceNotFound and NotAuthorized once every specific rule has passed.
LAST_RESORT_RULES: tuple[Rule, ...] = (_client_not_found, _not_authorized_other)
