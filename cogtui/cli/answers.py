"""How ``cogtui auth sign-in`` answers challenges: from its flags, or by prompting on a terminal.

``Answerer.answer_for(question)`` returns a ``ChallengeAnswer`` or raises ``CannotAnswer`` with the
flag that would have answered it. Flag values are used once per challenge, so a wrong code is not
sent again and again; a terminal gets up to ``MAX_PROMPTS`` tries per challenge.
"""

from __future__ import annotations

import getpass
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from cogtui.auth.challenges import TERMINAL_CHOICES, ChallengeAnswer, Question, QuestionKind

MAX_PROMPTS = 3


class CannotAnswer(Exception):
    """The challenge needs an answer neither the flags nor a terminal can give."""


@dataclass
class Prompter:
    """Asks on the terminal; prompts and notes go to ``err`` so stdout stays the JSON output."""

    err: TextIO = field(default_factory=lambda: sys.stderr)
    read_line: Callable[[], str] = field(default_factory=lambda: sys.stdin.readline)
    read_secret: Callable[[str], str] = field(default_factory=lambda: lambda prompt: getpass.getpass(prompt))

    def say(self, text: str) -> None:
        print(text, file=self.err, flush=True)

    def text(self, prompt: str) -> str:
        self.err.write(prompt)
        self.err.flush()
        return interruptible(self.read_line).strip()

    def secret(self, prompt: str) -> str:
        return interruptible(lambda: self.read_secret(prompt))


def interruptible(read: Callable[[], str]) -> str:
    """``read()`` with Ctrl-C raising KeyboardInterrupt at once.

    The prompts are read while asyncio runs the sign-in, and asyncio's own Ctrl-C handler only asks the
    event loop to stop, which cannot happen before the blocked read returns: Ctrl-C would wait for Enter.
    """
    if threading.current_thread() is not threading.main_thread():
        return read()
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return read()
    finally:
        signal.signal(signal.SIGINT, previous)


@dataclass
class AnswerSources:
    """What the flags provide."""

    mfa_code: str | None = None
    totp_secret: str | None = None
    new_password: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    custom_answer: str | None = None
    password: str | None = None


class Answerer:
    """Picks the answer to each question from the flags, else from the terminal (when there is one)."""

    def __init__(
        self, sources: AnswerSources, prompter: Prompter | None, clock: Callable[[], float] = time.time
    ):
        self.sources = sources
        self.prompter = prompter
        self._clock = clock
        self._asked: Counter[str] = Counter()

    def _can_prompt(self, key: str) -> bool:
        return self.prompter is not None and self._asked[key] <= MAX_PROMPTS

    def _need(self, key: str, flag: str, question: Question) -> Prompter:
        if not self._can_prompt(key):
            if self.prompter is not None:
                raise CannotAnswer(f"{question.challenge}: too many attempts.")
            if self._asked[key] > 1:
                raise CannotAnswer(
                    f"{question.challenge}: Cognito refused the answer and there is no terminal to ask again."
                )
            raise CannotAnswer(f"{question.challenge} needs {flag} (there is no terminal to ask on).")
        assert self.prompter is not None
        return self.prompter

    def refused(self, step: Any) -> None:
        """Say why Cognito refused the last answer, before asking again (nothing to say without a terminal)."""
        if self.prompter is None or step.error is None:
            return
        explanation = getattr(step, "explanation", None)
        why = explanation.cause if explanation is not None else step.error.message
        self.prompter.say(f"✘ Refused: {step.error.code}. {why}".rstrip())

    def answer_for(self, question: Question) -> ChallengeAnswer:
        kind = question.kind
        key = f"{question.challenge}:{kind}"
        self._asked[key] += 1
        if kind == QuestionKind.TOTP_CODE and self.sources.totp_secret and self._asked[key] == 1:
            return ChallengeAnswer(code=self._totp_now())
        if kind in (QuestionKind.TOTP_CODE, QuestionKind.SMS_CODE, QuestionKind.EMAIL_CODE):
            if self.sources.mfa_code and self._asked[key] == 1:
                return ChallengeAnswer(code=self.sources.mfa_code)
            return ChallengeAnswer(
                code=self._need(key, "--mfa-code or --totp-secret", question).text(question.prompt + " ")
            )
        if kind == QuestionKind.NEW_PASSWORD:
            return self._new_password(question, key)
        if kind == QuestionKind.SELECT_MFA:
            return ChallengeAnswer(choice=self._select_mfa(question, key))
        if kind == QuestionKind.SELECT_CHALLENGE:
            return self._select_challenge(question, key)
        if kind == QuestionKind.MFA_SETUP:
            return self._mfa_setup(question, key)
        if kind == QuestionKind.CUSTOM_CHALLENGE:
            if self.sources.custom_answer is not None and self._asked[key] == 1:
                return ChallengeAnswer(answer=self.sources.custom_answer)
            prompter = self._need(key, "--custom-answer", question)
            prompter.say(f"Challenge parameters: {question.parameters}")
            return ChallengeAnswer(answer=prompter.text("Answer: "))
        raise CannotAnswer(question.prompt)

    def _totp_now(self) -> str:
        from cogtui.auth.totp import seconds_remaining, totp_code

        assert self.sources.totp_secret
        left = seconds_remaining(self._clock())
        if left < 1.0:  # a code about to roll over would reach Cognito already stale
            time.sleep(left)
        return totp_code(self.sources.totp_secret)

    def _new_password(self, question: Question, key: str) -> ChallengeAnswer:
        attributes = {a: v for a, v in self.sources.attributes.items()}
        missing = [a for a in question.required_attributes if not attributes.get(a)]
        password = self.sources.new_password if self._asked[key] == 1 else None
        if password and not missing:
            return ChallengeAnswer(new_password=password, attributes=attributes)
        prompter = self._need(key, "--new-password-stdin and --attribute NAME=VALUE", question)
        if not password:
            prompter.say(question.prompt)
            password = prompter.secret("New password: ")
            if prompter.secret("Repeat it: ") != password:
                raise CannotAnswer("The two new passwords differ.")
        for name in missing:
            attributes[name] = prompter.text(f"{name}: ")
        return ChallengeAnswer(new_password=password, attributes=attributes)

    def _select_mfa(self, question: Question, key: str) -> str:
        options = question.options
        if self._asked[key] == 1:
            if self.sources.totp_secret and "SOFTWARE_TOKEN_MFA" in options:
                return "SOFTWARE_TOKEN_MFA"
            if self.sources.mfa_code and options:
                return options[0]
        prompter = self._need(key, "--totp-secret or --mfa-code", question)
        return self._choose(prompter, question.prompt, options)

    def _select_challenge(self, question: Question, key: str) -> ChallengeAnswer:
        usable = [o for o in question.options if o in TERMINAL_CHOICES]
        if self._asked[key] == 1 and self.sources.password:
            for choice in ("PASSWORD_SRP", "PASSWORD"):
                if choice in usable:
                    return ChallengeAnswer(choice=choice)
        prompter = self._need(key, "a password (--password-stdin)", question)
        return ChallengeAnswer(choice=self._choose(prompter, question.prompt, tuple(usable)))

    def _mfa_setup(self, question: Question, key: str) -> ChallengeAnswer:
        prompter = self._need(key, "a terminal (the new authenticator secret must be shown to you)", question)
        if self._asked[key] == 1 and question.secret:
            prompter.say("Add this account to your authenticator app:")
            prompter.say(f"  secret: {question.secret}")
            prompter.say(f"  URI:    {question.otpauth_uri}")
            _print_qr(question.otpauth_uri, prompter.err)
        return ChallengeAnswer(code=prompter.text("First code from the app: "))

    @staticmethod
    def _choose(prompter: Prompter, prompt: str, options: tuple[str, ...]) -> str:
        if not options:
            raise CannotAnswer("Cognito offered no option that can be answered here.")
        prompter.say(prompt)
        for number, option in enumerate(options, 1):
            prompter.say(f"  {number}. {option}")
        picked = prompter.text("Choice: ")
        if picked.isdigit() and 1 <= int(picked) <= len(options):
            return options[int(picked) - 1]
        if picked in options:
            return picked
        raise CannotAnswer(f"{picked!r} is not one of the options.")


def _print_qr(uri: str | None, out: TextIO) -> None:
    if not uri:
        return
    try:
        import segno
    except ImportError:  # the URI above is enough to enrol by hand
        return
    segno.make(uri, error="m").terminal(out=out, compact=True)
