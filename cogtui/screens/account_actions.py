"""The user's own account calls around sign-in, reached from the sign-in screen with ``a``.

``AccountActionsMenu`` lists them (those needing a signed-in user are greyed out without one) and
dismisses with the chosen action. ``run_account_action`` then asks for what the action needs in a
``FieldsPrompt`` (secrets masked) and sends the calls of ``cogtui.auth.account``; each call is a step
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
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cogtui.auth import account
from cogtui.auth.challenges import Question, QuestionKind
from cogtui.auth.context import ExplainContext
from cogtui.auth.totp import otpauth_uri
from cogtui.screens.base import CogtuiModal
from cogtui.screens.challenge_prompt import ChallengePrompt

__all__ = ["ACTIONS", "AccountActionsMenu", "AccountTarget", "Field", "FieldsPrompt", "run_account_action"]

# (action, label, needs a signed-in user's access token)
ACTIONS: tuple[tuple[str, str, bool], ...] = (
    ("sign_up", "Sign up a new user (then confirm it)", False),
    ("confirm_sign_up", "Confirm a sign-up with its code", False),
    ("resend_code", "Resend the sign-up confirmation code", False),
    ("forgot_password", "Forgot password: send a reset code (then reset)", False),
    ("confirm_forgot_password", "Reset a password with its code", False),
    ("change_password", "Change the signed-in user's password", True),
    ("enrol_totp", "Set up an authenticator app (TOTP) for the signed-in user", True),
)


@dataclass(frozen=True)
class Field:
    """One field of a ``FieldsPrompt``."""

    name: str
    label: str
    value: str = ""
    secret: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class AccountTarget:
    """Who the actions are for: the form's client and username, and the signed-in user's access token."""

    client_id: str
    client_secret: str | None
    username: str
    access_token: str | None = None
    pool_name: str | None = None
    context: ExplainContext | None = None


class AccountActionsMenu(CogtuiModal):
    """Pick an account action; dismisses with its name or None."""

    DEFAULT_CSS = """
    AccountActionsMenu { align: center middle; }
    AccountActionsMenu > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    AccountActionsMenu #actions-title { text-style: bold; color: $accent; }
    AccountActionsMenu #actions-note { color: $text-muted; margin-bottom: 1; }
    AccountActionsMenu OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="account.cancel")]

    def __init__(self, signed_in: bool, note: str = "") -> None:
        super().__init__()
        self.signed_in = signed_in
        self.note = note

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Text(label + ("" if self.signed_in or not needs else "  (sign in first)")),
                id=name,
                disabled=needs and not self.signed_in,
            )
            for name, label, needs in ACTIONS
        ]
        with Vertical():
            yield Static("Account actions", id="actions-title")
            yield Static(
                Text(self.note or "Public Cognito calls, as the app itself would make them."),
                id="actions-note",
            )
            yield OptionList(*options, id="actions-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FieldsPrompt(CogtuiModal):
    """A few fields (secrets masked, Ctrl+R shows them); dismisses with {name: value} or None."""

    DEFAULT_CSS = """
    FieldsPrompt { align: center middle; }
    FieldsPrompt > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    FieldsPrompt #fields-title { text-style: bold; color: $primary; }
    FieldsPrompt #fields-message { color: $text-muted; }
    FieldsPrompt #fields-error { color: $text-error; height: auto; }
    FieldsPrompt #fields-error.-empty { display: none; }
    FieldsPrompt #fields-keys { color: $text-muted; margin-top: 1; }
    FieldsPrompt Horizontal { height: auto; margin-top: 1; }
    FieldsPrompt Label { width: 20; color: $text-muted; }
    FieldsPrompt Input { width: 1fr; background: $boost; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="fields.cancel"),
        Binding("ctrl+r", "reveal", "Show/hide secrets", id="fields.reveal"),
    ]

    def __init__(self, title: str, message: str, fields: list[Field], required: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.fields = fields
        self.required = required or tuple(f.name for f in fields)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="fields-title")
            yield Static(Text(self.message), id="fields-message")
            for field in self.fields:
                with Horizontal():
                    yield Label(field.label)
                    yield Input(
                        value=field.value,
                        password=field.secret,
                        placeholder=field.placeholder or field.label.lower(),
                        compact=True,
                        id=f"field-{field.name}",
                    )
            yield Static("", id="fields-error", classes="-empty")
            secrets = " · Ctrl+R shows/hides secrets" if any(f.secret for f in self.fields) else ""
            yield Static(f"Enter sends · Esc cancels{secrets}", id="fields-keys")

    def on_mount(self) -> None:
        empty = [f for f in self.fields if not f.value]
        self.query_one(f"#field-{(empty or self.fields)[0].name}", Input).focus()

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value.strip() for f in self.fields}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = self.values()
        missing = [f for f in self.fields if f.name in self.required and not values[f.name]]
        if missing:
            error = self.query_one("#fields-error", Static)
            error.remove_class("-empty")
            error.update(Text(f"✘ Needed: {', '.join(f.label for f in missing)}."))
            self.query_one(f"#field-{missing[0].name}", Input).focus()
            return
        self.dismiss(values)

    def action_reveal(self) -> None:
        for field in self.fields:
            if field.secret:
                widget = self.query_one(f"#field-{field.name}", Input)
                widget.password = not widget.password

    def action_cancel(self) -> None:
        self.dismiss(None)


async def _ask(
    app: Any, title: str, message: str, fields: list[Field], required: tuple[str, ...] = ()
) -> dict[str, str] | None:
    result = await app.push_screen_wait(FieldsPrompt(title, message, fields, required))
    return result if isinstance(result, dict) else None


async def run_account_action(
    app: Any, action: str, target: AccountTarget, add_step: Callable[[Any], None]
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
    app: Any, target: AccountTarget, username: str, add_step: Callable[[Any], None], message: str
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
    app: Any, target: AccountTarget, username: str, add_step: Callable[[Any], None]
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


async def _enrol_totp(app: Any, target: AccountTarget, add_step: Callable[[Any], None]) -> None:
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
