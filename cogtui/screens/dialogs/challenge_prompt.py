"""The modal that asks the user for a challenge's answer, one layout per kind of question.

``ChallengePrompt(question, seconds_left=..., last_error=...)`` dismisses with a ``ChallengeAnswer``
or None (Esc: the sign-in is cancelled). Every prompt shows the challenge, what it asks, its
parameters (already redacted), the previous refusal with its explanation when the same question is
asked again, and a countdown of the challenge session's validity, updated every second, which says
when the session has expired. The layouts:

* codes (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SMS_OTP): one code field;
* NEW_PASSWORD_REQUIRED: the new password (masked) and one field per required attribute;
* SELECT_MFA_TYPE / SELECT_CHALLENGE: the options (and the password, for SELECT_CHALLENGE);
* MFA_SETUP (and enrolling a signed-in user): the secret, the ``otpauth://`` URI, a QR code drawn in
  the terminal, then the first code. The secret is shown (it must be, to be typed or scanned) but it
  is never logged, copied or put in a notification;
* CUSTOM_CHALLENGE: the parameters and the answer; device challenges: the remembered device's keys;
* a challenge cogtui cannot answer: why, and Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cogtui.auth.challenges import (
    TERMINAL_CHOICES,
    AnswerError,
    ChallengeAnswer,
    QuestionKind,
    challenge_responses,
)
from cogtui.auth.srp import DeviceCredentials
from cogtui.clock import countdown, format_clock
from cogtui.screens.dialogs.base import Dialog
from cogtui.widgets.countdown import show_countdown
from cogtui.widgets.qr import QrCode

__all__ = ["ChallengePrompt", "group_secret"]

CODE_KINDS = frozenset({QuestionKind.SMS_CODE, QuestionKind.TOTP_CODE, QuestionKind.EMAIL_CODE})
CHOICE_KINDS = frozenset({QuestionKind.SELECT_MFA, QuestionKind.SELECT_CHALLENGE})
DEVICE_FIELDS = (
    ("device-key", "Device key", False),
    ("device-group", "Group key", False),
    ("device-password", "Device password", True),
)


def group_secret(secret: str) -> str:
    """'ABCD EFGH IJ' : a base32 secret in groups of four, easier to type into an authenticator app."""
    clean = secret.replace(" ", "")
    return " ".join(clean[i : i + 4] for i in range(0, len(clean), 4))


def _parameters_text(parameters: dict[str, Any]) -> str:
    return "  ".join(f"{key}={value}" for key, value in sorted(parameters.items()))


class ChallengePrompt(Dialog[Any]):
    """Asks one ``Question``; ``seconds_left()`` gives the challenge session's remaining validity (or None)."""

    DEFAULT_CSS = """
    ChallengePrompt > .dialog-box { width: 96; max-width: 98%; max-height: 98%; padding: 0 2; }
    ChallengePrompt #prompt-countdown { color: $text-muted; }
    ChallengePrompt #prompt-countdown.-expired { color: $text-error; text-style: bold; }
    ChallengePrompt #prompt-parameters { color: $text-muted; }
    ChallengePrompt #prompt-error { color: $text-error; height: auto; }
    ChallengePrompt #prompt-error.-empty { display: none; }
    ChallengePrompt Input { background: $boost; }
    ChallengePrompt #prompt-keys { margin-top: 1; }
    ChallengePrompt .prompt-row { height: auto; margin-top: 1; }
    ChallengePrompt .prompt-label { width: 18; color: $text-muted; }
    ChallengePrompt .prompt-row Input { width: 1fr; }
    ChallengePrompt #prompt-options { height: auto; max-height: 8; margin-top: 1; }
    ChallengePrompt #setup-sides { height: auto; margin-top: 1; }
    ChallengePrompt #setup-text { width: 1fr; height: auto; padding-left: 2; }
    ChallengePrompt #setup-secret { text-style: bold; }
    ChallengePrompt #setup-uri { color: $text-muted; }
    ChallengePrompt #setup-text .prompt-label { width: 12; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel the sign-in", id="challenge.cancel"),
        Binding("ctrl+r", "reveal", "Show/hide what is typed", id="challenge.reveal"),
    ]
    VARIANT = "accent"
    BOX = VerticalScroll
    BOX_ID = "prompt-box"
    TITLE_ID = "prompt-title"

    def __init__(
        self,
        question: Any,
        *,
        seconds_left: Callable[[], float | None] | None = None,
        last_error: Any = None,
        password_known: bool = True,
        show_parameters: bool = True,
        cancels: str = "the sign-in",
    ) -> None:
        super().__init__()
        self.question = question
        self.seconds_left = seconds_left or (lambda: None)
        self.last_error = last_error
        self.password_known = password_known
        self.show_parameters = show_parameters
        self.cancels = cancels

    # -- layout ---------------------------------------------------------------------------------

    def heading(self) -> RenderableType:
        return Text(f"? {self.question.challenge}")

    def compose_body(self) -> ComposeResult:
        q = self.question
        yield Static(Text(q.prompt), id="prompt-text")
        yield Static("", id="prompt-countdown")
        if self.show_parameters and q.parameters and q.kind != QuestionKind.CUSTOM_CHALLENGE:
            yield Static(Text(_parameters_text(q.parameters)), id="prompt-parameters")
        error = self._error_text()
        yield Static(error, id="prompt-error", classes="" if error else "-empty")
        yield from self._body()
        yield self.keys_line(self._keys(), id="prompt-keys")

    def _body(self) -> ComposeResult:
        kind = self.question.kind
        if kind in CODE_KINDS:
            yield from self._row("code", "Code", restrict=r"[0-9 ]*", max_length=12, placeholder="the code")
        elif kind == QuestionKind.NEW_PASSWORD:
            yield from self._new_password()
        elif kind in CHOICE_KINDS:
            yield from self._choices()
        elif kind == QuestionKind.MFA_SETUP:
            yield from self._mfa_setup()
        elif kind == QuestionKind.CUSTOM_CHALLENGE:
            yield from self._custom()
        elif kind == QuestionKind.DEVICE:
            for field, label, secret in DEVICE_FIELDS:
                yield from self._row(field, label, password=secret)

    def _row(self, field: str, label: str, value: str = "", **input_args: Any) -> ComposeResult:
        with Horizontal(classes="prompt-row"):
            yield Label(label, classes="prompt-label")
            yield Input(value=value, compact=True, id=f"answer-{field}", **input_args)

    def _new_password(self) -> ComposeResult:
        q = self.question
        yield from self._row("new-password", "New password", password=True)
        for name in q.required_attributes:
            yield from self._row(f"attr-{name}", name, value=q.current_attributes.get(name, ""))

    def _choices(self) -> ComposeResult:
        options = []
        for option in self.question.options:
            usable = self.question.kind != QuestionKind.SELECT_CHALLENGE or option in TERMINAL_CHOICES
            label = option if usable else f"{option}  (needs a browser: not from a terminal)"
            options.append(Option(Text(label), id=option))
        yield OptionList(*options, id="prompt-options")
        if self.question.kind == QuestionKind.SELECT_CHALLENGE and not self.password_known:
            yield from self._row(
                "password", "Password", password=True, placeholder="for PASSWORD / PASSWORD_SRP"
            )

    def _mfa_setup(self) -> ComposeResult:
        q = self.question
        with Horizontal(id="setup-sides"):
            if q.otpauth_uri:
                yield QrCode(q.otpauth_uri, id="setup-qr")
            with Vertical(id="setup-text"):
                yield Static("Secret for the authenticator app:")
                yield Static(Text(group_secret(q.secret or "") or "(none returned)"), id="setup-secret")
                yield Static("\nURI (what the QR code holds):")
                yield Static(Text(q.otpauth_uri or "—"), id="setup-uri")
                yield from self._row(
                    "code", "First code", restrict=r"[0-9 ]*", max_length=12, placeholder="6 digits"
                )

    def _custom(self) -> ComposeResult:
        parameters = self.question.parameters
        lines = [f"{key}: {value}" for key, value in sorted(parameters.items())] or ["(no parameters)"]
        yield Static(Text("Challenge parameters\n" + "\n".join(lines)), id="custom-parameters")
        yield from self._row("answer", "Answer")

    def _keys(self) -> str:
        if self.question.kind == QuestionKind.UNSUPPORTED:
            return f"Esc cancels {self.cancels}."
        pick = "Enter picks" if self.question.kind in CHOICE_KINDS else "Enter answers"
        masked = self.question.kind in (QuestionKind.NEW_PASSWORD, QuestionKind.DEVICE) or (
            self.question.kind == QuestionKind.SELECT_CHALLENGE and not self.password_known
        )
        return f"{pick} · Esc cancels {self.cancels}" + (
            " · Ctrl+R shows/hides what is masked" if masked else ""
        )

    def _error_text(self) -> Text:
        step = self.last_error
        if step is None or getattr(step, "error", None) is None:
            return Text("")
        text = Text(f"✘ Refused: {step.error.code} — {step.error.message}")
        if step.explanation is not None:
            text.append(f"\nCause: {step.explanation.cause}\nNext step: {step.explanation.next_step}")
        return text

    # -- life -----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick, name="challenge.countdown")
        first = self.query("Input, OptionList").first() if self.query("Input, OptionList") else None
        if first is not None:
            first.focus()
            if isinstance(first, OptionList) and first.option_count:
                first.highlighted = 0

    def tick(self) -> None:
        """The countdown: how long the challenge session stays valid, or that it has expired."""
        left = countdown(self.seconds_left())
        if left.left is None:
            text = ""
        elif left.expired:
            text = "✘ The challenge session has expired: Cognito will refuse any answer. Esc, then sign in again."
        else:
            text = (
                f"Challenge session valid for {format_clock(left.left)} (the client's auth session validity)."
            )
        show_countdown(self.query_one("#prompt-countdown", Static), text, left.css_class)

    # -- answering ------------------------------------------------------------------------------

    def _input(self, field: str) -> str:
        return self.query_one(f"#answer-{field}", Input).value

    def answer(self, choice: str | None = None) -> ChallengeAnswer:
        """The answer the fields hold; raises AnswerError when something the question needs is missing."""
        q = self.question
        if q.kind == QuestionKind.UNSUPPORTED:
            raise AnswerError(q.prompt)
        if q.kind == QuestionKind.DEVICE:
            values = [self._input(field).strip() for field, _, _ in DEVICE_FIELDS]
            if not all(values):
                raise AnswerError("the device key, group key and device password are needed")
            return ChallengeAnswer(device=DeviceCredentials(*values))
        if q.kind == QuestionKind.MFA_SETUP:
            code = self._input("code").replace(" ", "")
            if not code:
                raise AnswerError("the first code from the authenticator app is needed")
            return ChallengeAnswer(code=code)
        answer = self._collect(q, choice)
        if not (q.kind == QuestionKind.SELECT_CHALLENGE and answer.choice not in TERMINAL_CHOICES):
            challenge_responses(q, answer, "-")  # the engine's own check of what the answer needs
        return answer

    def _collect(self, q: Any, choice: str | None) -> ChallengeAnswer:
        if q.kind in CODE_KINDS:
            return ChallengeAnswer(code=self._input("code").replace(" ", ""))
        if q.kind == QuestionKind.NEW_PASSWORD:
            attributes = {name: self._input(f"attr-{name}").strip() for name in q.required_attributes}
            return ChallengeAnswer(
                new_password=self._input("new-password"),
                attributes={k: v for k, v in attributes.items() if v},
            )
        if q.kind in CHOICE_KINDS:
            if choice is None:
                options = self.query_one("#prompt-options", OptionList)
                highlighted = options.highlighted
                choice = options.get_option_at_index(highlighted).id if highlighted is not None else None
            password = self._input("password") if self.query("#answer-password") else None
            return ChallengeAnswer(choice=choice, password=password or None)
        return ChallengeAnswer(answer=self._input("answer"))

    def submit(self, choice: str | None = None) -> None:
        try:
            answer = self.answer(choice)
        except AnswerError as exc:
            error = self.query_one("#prompt-error", Static)
            error.remove_class("-empty")
            error.update(Text(f"✘ Not sent: {exc}."))
            return
        self.dismiss(answer)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(OptionList.OptionSelected, "#prompt-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (
            self.query("#answer-password")
            and not self._input("password")
            and event.option.id in ("PASSWORD", "PASSWORD_SRP")
        ):
            self.query_one("#answer-password", Input).focus()
            return
        self.submit(event.option.id)

    def action_reveal(self) -> None:
        for field in self.query(Input):
            if field.id in ("answer-new-password", "answer-device-password", "answer-password"):
                field.password = not field.password
