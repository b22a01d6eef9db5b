"""The user's own account calls around sign-in, each one step on the timeline.

Sign-up and confirmation (with resend), forgot password and its confirmation, change password,
authenticator (TOTP) enrolment for a signed-in user and the MFA preference, GetUser and global
sign-out. All are public Cognito calls (no AWS credentials: a client id, or the user's access token),
sent through the gateway. SecretHash is added when a client secret is given, over the username as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cogtui.auth.context import ExplainContext
from cogtui.auth.password_policy import password_failures
from cogtui.auth.secret_hash import SOURCE_TYPED, HashedUsername, secret_hash
from cogtui.auth.steps import Step, call_step
from cogtui.tokens.decode import decode_token

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

DEFAULT_DEVICE_NAME = "cogtui"


def _client_params(
    client_id: str, username: str, client_secret: str | None
) -> tuple[dict[str, Any], HashedUsername | None, ExplainContext]:
    params: dict[str, Any] = {"ClientId": client_id, "Username": username}
    hashed = None
    if client_secret:
        params["SecretHash"] = secret_hash(username, client_id, client_secret)
        hashed = HashedUsername(username, SOURCE_TYPED)
    ctx = ExplainContext(typed_username=username, secret_hash_sent=hashed is not None, hashed_username=hashed)
    return params, hashed, ctx


def _token_context(access_token: str, context: ExplainContext | None) -> ExplainContext:
    kind = decode_token(access_token).kind
    return (context or ExplainContext()).with_(token_kind=kind)


def _merge(ctx: ExplainContext, context: ExplainContext | None) -> ExplainContext:
    if context is None:
        return ctx
    return ctx.with_(client=context.client, pool=context.pool, user=context.user)


async def _call(
    gateway: Gateway,
    operation: str,
    params: dict[str, Any],
    ctx: ExplainContext,
    hashed: HashedUsername | None = None,
    title: str | None = None,
) -> Step:
    step, _ = await call_step(
        gateway, operation, params, index=0, title=title or operation, context=ctx, hashed=hashed
    )
    return step


def _with_password_check(ctx: ExplainContext, password: str) -> ExplainContext:
    """``ctx`` knowing which rules of the pool's password policy (when known) ``password`` breaks."""
    policy = ctx.pool.password_policy if ctx.pool else None
    return ctx.with_(password_failures=password_failures(policy, password))


async def sign_up(
    gateway: Gateway,
    client_id: str,
    username: str,
    password: str,
    *,
    client_secret: str | None = None,
    attributes: dict[str, str] | None = None,
    client_metadata: dict[str, str] | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """SignUp: the user registers itself (it stays UNCONFIRMED until ConfirmSignUp)."""
    params, hashed, ctx = _client_params(client_id, username, client_secret)
    params["Password"] = password
    if attributes:
        params["UserAttributes"] = [{"Name": k, "Value": v} for k, v in attributes.items()]
    if client_metadata:
        params["ClientMetadata"] = dict(client_metadata)
    ctx = _merge(ctx, context)
    ctx = _with_password_check(ctx, password)
    return await _call(gateway, "SignUp", params, ctx, hashed)


async def confirm_sign_up(
    gateway: Gateway,
    client_id: str,
    username: str,
    code: str,
    *,
    client_secret: str | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """ConfirmSignUp with the code Cognito sent."""
    params, hashed, ctx = _client_params(client_id, username, client_secret)
    params["ConfirmationCode"] = code.strip()
    return await _call(gateway, "ConfirmSignUp", params, _merge(ctx, context), hashed)


async def resend_confirmation_code(
    gateway: Gateway,
    client_id: str,
    username: str,
    *,
    client_secret: str | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """ResendConfirmationCode: a new sign-up code (the previous one stops working)."""
    params, hashed, ctx = _client_params(client_id, username, client_secret)
    return await _call(gateway, "ResendConfirmationCode", params, _merge(ctx, context), hashed)


async def forgot_password(
    gateway: Gateway,
    client_id: str,
    username: str,
    *,
    client_secret: str | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """ForgotPassword: Cognito sends a reset code to the user's verified email or phone."""
    params, hashed, ctx = _client_params(client_id, username, client_secret)
    return await _call(gateway, "ForgotPassword", params, _merge(ctx, context), hashed)


async def confirm_forgot_password(
    gateway: Gateway,
    client_id: str,
    username: str,
    code: str,
    new_password: str,
    *,
    client_secret: str | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """ConfirmForgotPassword: the reset code and the new password."""
    params, hashed, ctx = _client_params(client_id, username, client_secret)
    params["ConfirmationCode"] = code.strip()
    params["Password"] = new_password
    ctx = _merge(ctx, context)
    ctx = _with_password_check(ctx, new_password)
    return await _call(gateway, "ConfirmForgotPassword", params, ctx, hashed)


async def change_password(
    gateway: Gateway,
    access_token: str,
    previous_password: str,
    proposed_password: str,
    *,
    context: ExplainContext | None = None,
) -> Step:
    """ChangePassword for the signed-in user."""
    ctx = _token_context(access_token, context)
    ctx = _with_password_check(ctx, proposed_password)
    params = {
        "AccessToken": access_token,
        "PreviousPassword": previous_password,
        "ProposedPassword": proposed_password,
    }
    return await _call(gateway, "ChangePassword", params, ctx)


async def associate_software_token(
    gateway: Gateway, access_token: str, *, context: ExplainContext | None = None
) -> tuple[Step, str | None]:
    """AssociateSoftwareToken for a signed-in user: the step and the new authenticator secret."""
    ctx = _token_context(access_token, context)
    step, response = await call_step(
        gateway,
        "AssociateSoftwareToken",
        {"AccessToken": access_token},
        index=0,
        title="AssociateSoftwareToken",
        context=ctx,
    )
    secret = str(response["SecretCode"]) if response and response.get("SecretCode") else None
    return step, secret


async def verify_software_token(
    gateway: Gateway,
    access_token: str,
    code: str,
    device_name: str = DEFAULT_DEVICE_NAME,
    *,
    context: ExplainContext | None = None,
) -> Step:
    """VerifySoftwareToken: the first code from the authenticator app completes the enrolment."""
    ctx = _token_context(access_token, context)
    params = {"AccessToken": access_token, "UserCode": code.strip(), "FriendlyDeviceName": device_name}
    return await _call(gateway, "VerifySoftwareToken", params, ctx)


async def set_mfa_preference(
    gateway: Gateway,
    access_token: str,
    *,
    totp: bool | None = None,
    sms: bool | None = None,
    email: bool | None = None,
    preferred: str | None = None,
    context: ExplainContext | None = None,
) -> Step:
    """SetUserMFAPreference: enable or disable each method; ``preferred`` is 'totp', 'sms' or 'email'."""
    params: dict[str, Any] = {"AccessToken": access_token}
    for key, enabled, name in (
        ("SoftwareTokenMfaSettings", totp, "totp"),
        ("SMSMfaSettings", sms, "sms"),
        ("EmailMfaSettings", email, "email"),
    ):
        if enabled is not None or preferred == name:
            params[key] = {"Enabled": bool(enabled) or preferred == name, "PreferredMfa": preferred == name}
    return await _call(gateway, "SetUserMFAPreference", params, _token_context(access_token, context))


async def get_user(gateway: Gateway, access_token: str, *, context: ExplainContext | None = None) -> Step:
    """GetUser: the signed-in user's attributes and MFA settings (needs an access token)."""
    return await _call(
        gateway, "GetUser", {"AccessToken": access_token}, _token_context(access_token, context)
    )


async def global_sign_out(
    gateway: Gateway, access_token: str, *, context: ExplainContext | None = None
) -> Step:
    """GlobalSignOut: revokes every refresh token of the user (access tokens stop working for user APIs)."""
    return await _call(
        gateway, "GlobalSignOut", {"AccessToken": access_token}, _token_context(access_token, context)
    )
