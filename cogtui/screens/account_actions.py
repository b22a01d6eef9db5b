"""The user's own account calls around sign-in, reached from the sign-in screen with ``a``.

``AccountActionsMenu`` (``cogtui.screens.dialogs.account_actions_menu``) lists them and dismisses with
the chosen action. ``run_account_action`` then asks for what the action needs in a ``FieldsPrompt``
(secrets masked) and sends the calls of ``cogtui.auth.account``; each call is a step
on the sign-in timeline, with its explanation when it fails. Must be awaited inside a worker, since
it waits for the prompts.

Actions: sign up (then the confirmation code), confirm sign-up, resend the confirmation code, forgot
password (then the code and the new password), confirm forgot password, change password, and
authenticator (TOTP) enrolment for the signed-in user: AssociateSoftwareToken, the secret with its
QR code, VerifySoftwareToken with the first code, then SetUserMFAPreference to make TOTP preferred.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cogtui.auth import account
from cogtui.auth.challenges import Question, QuestionKind
from cogtui.auth.context import ExplainContext
from cogtui.auth.steps import Step
from cogtui.auth.totp import otpauth_uri
from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
from cogtui.screens.dialogs.fields_prompt import Field, FieldsPrompt

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp

__all__ = ["AccountTarget", "run_account_action"]


@dataclass(frozen=True)
class AccountTarget:
    """Who the actions are for: the form's client and username, and the signed-in user's access token."""

    client_id: str
    client_secret: str | None
    username: str
    access_token: str | None = None
    pool_name: str | None = None
    context: ExplainContext | None = None


async def _ask(
    app: CogtuiApp, title: str, message: str, fields: list[Field], required: tuple[str, ...] = ()
) -> dict[str, str] | None:
    result = await app.push_screen_wait(FieldsPrompt(title, message, fields, required))
    return result if isinstance(result, dict) else None


async def run_account_action(
    app: CogtuiApp, action: str, target: AccountTarget, add_step: Callable[[Step], None]
) -> None:
    """Ask for what ``action`` needs, send its calls, and hand each step to ``add_step``. In a worker only."""
    gw, cid, secret, ctx = app.gateway, target.client_id, target.client_secret, target.context
    user = Field("username", "Username", target.username)
    if action == "sign_up":
        got = await _ask(
            app,
            "Sign up",
            "SignUp: the user registers itself and stays UNCONFIRMED until confirmed.",
            [
                user,
                Field("password", "Password", secret=True),
                Field("email", "Email", placeholder="optional"),
            ],
            required=("username", "password"),
        )
        if got is None:
            return
        attributes = {"email": got["email"]} if got["email"] else None
        step = await account.sign_up(
            gw,
            cid,
            got["username"],
            got["password"],
            client_secret=secret,
            attributes=attributes,
            context=ctx,
        )
        add_step(step)
        if step.ok:
            await _confirm_sign_up(
                app, target, got["username"], add_step, "Enter the code Cognito sent (Esc: confirm later)."
            )
    elif action == "confirm_sign_up":
        got = await _ask(app, "Confirm sign-up", "ConfirmSignUp with the code Cognito sent.", [user])
        if got is not None:
            await _confirm_sign_up(app, target, got["username"], add_step, "The code from the message.")
    elif action == "resend_code":
        got = await _ask(
            app,
            "Resend the confirmation code",
            "ResendConfirmationCode: Cognito sends a new code to the pool's auto-verified attribute (e-mail or phone).",
            [user],
        )
        if got is not None:
            add_step(
                await account.resend_confirmation_code(
                    gw, cid, got["username"], client_secret=secret, context=ctx
                )
            )
    elif action == "forgot_password":
        got = await _ask(
            app,
            "Forgot password",
            "ForgotPassword: Cognito sends a reset code to the user's verified email or phone.",
            [user],
        )
        if got is None:
            return
        step = await account.forgot_password(gw, cid, got["username"], client_secret=secret, context=ctx)
        add_step(step)
        if step.ok:
            await _reset_password(app, target, got["username"], add_step)
    elif action == "confirm_forgot_password":
        got = await _ask(app, "Reset the password", "ConfirmForgotPassword with the reset code.", [user])
        if got is not None:
            await _reset_password(app, target, got["username"], add_step)
    elif action == "change_password" and target.access_token:
        got = await _ask(
            app,
            "Change password",
            "ChangePassword with the signed-in user's access token.",
            [
                Field("previous", "Current password", secret=True),
                Field("proposed", "New password", secret=True),
            ],
        )
        if got is not None:
            add_step(
                await account.change_password(
                    gw, target.access_token, got["previous"], got["proposed"], context=ctx
                )
            )
    elif action == "enrol_totp" and target.access_token:
        await _enrol_totp(app, target, add_step)


async def _confirm_sign_up(
    app: CogtuiApp, target: AccountTarget, username: str, add_step: Callable[[Step], None], message: str
) -> None:
    got = await _ask(app, f"Confirm the sign-up of {username}", message, [Field("code", "Confirmation code")])
    if got is not None:
        add_step(
            await account.confirm_sign_up(
                app.gateway,
                target.client_id,
                username,
                got["code"],
                client_secret=target.client_secret,
                context=target.context,
            )
        )


async def _reset_password(
    app: CogtuiApp, target: AccountTarget, username: str, add_step: Callable[[Step], None]
) -> None:
    got = await _ask(
        app,
        f"Reset the password of {username}",
        "The reset code Cognito sent, and the new password (Esc: later).",
        [Field("code", "Reset code"), Field("password", "New password", secret=True)],
    )
    if got is not None:
        add_step(
            await account.confirm_forgot_password(
                app.gateway,
                target.client_id,
                username,
                got["code"],
                got["password"],
                client_secret=target.client_secret,
                context=target.context,
            )
        )


async def _enrol_totp(app: CogtuiApp, target: AccountTarget, add_step: Callable[[Step], None]) -> None:
    """AssociateSoftwareToken → the secret and QR code → VerifySoftwareToken → TOTP preferred."""
    token, ctx = target.access_token or "", target.context
    step, secret = await account.associate_software_token(app.gateway, token, context=ctx)
    add_step(step)
    if not step.ok or not secret:
        return
    question = Question(
        kind=QuestionKind.MFA_SETUP,
        challenge="Authenticator app (TOTP) enrolment",
        prompt="Add this secret to an authenticator app, then enter the first code it shows.",
        secret=secret,
        otpauth_uri=otpauth_uri(secret, target.username or "user", target.pool_name or "Cognito"),
    )
    while True:
        answer = await app.push_screen_wait(
            ChallengePrompt(question, last_error=None if step.ok else step, cancels="the enrolment")
        )
        if answer is None or not answer.code:
            return
        step = await account.verify_software_token(app.gateway, token, answer.code, context=ctx)
        add_step(step)
        if step.ok:
            break
    add_step(await account.set_mfa_preference(app.gateway, token, totp=True, preferred="totp", context=ctx))
