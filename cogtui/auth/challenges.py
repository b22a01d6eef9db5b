"""Challenges as questions: what Cognito asks, what the user must answer, and the responses to send.

Pure functions, no I/O. ``question_for`` turns a challenge (name, parameters, available challenges)
into a ``Question`` a screen can render; ``challenge_responses`` turns the user's ``ChallengeAnswer``
into the ChallengeResponses of RespondToAuthChallenge. PASSWORD_VERIFIER and the device challenges
are answered by the engine itself (SRP maths) and have no question, unless device keys are missing.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cogtui.auth.srp import DeviceCredentials
from cogtui.aws.trace import redact


class QuestionKind:
    """What a question asks for (the screen picks its prompt widget from this)."""

    NEW_PASSWORD = "new_password"
    SMS_CODE = "sms_code"
    TOTP_CODE = "totp_code"
    EMAIL_CODE = "email_code"
    SELECT_MFA = "select_mfa"
    MFA_SETUP = "mfa_setup"
    CUSTOM_CHALLENGE = "custom_challenge"
    SELECT_CHALLENGE = "select_challenge"
    DEVICE = "device_credentials"
    UNSUPPORTED = "unsupported"


# Challenge name -> (question kind, ChallengeResponses key holding the code).
CODE_CHALLENGES: dict[str, tuple[str, str]] = {
    "SMS_MFA": (QuestionKind.SMS_CODE, "SMS_MFA_CODE"),
    "SOFTWARE_TOKEN_MFA": (QuestionKind.TOTP_CODE, "SOFTWARE_TOKEN_MFA_CODE"),
    "EMAIL_OTP": (QuestionKind.EMAIL_CODE, "EMAIL_OTP_CODE"),
    "SMS_OTP": (QuestionKind.SMS_CODE, "SMS_OTP_CODE"),
}

# Challenges the engine answers by itself.
AUTOMATIC_CHALLENGES = frozenset({"PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"})

# USER_AUTH choices a terminal can complete (WEB_AUTHN needs a browser and a passkey).
TERMINAL_CHOICES = frozenset({"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"})

_ATTRIBUTE_PREFIX = "userAttributes."
# Attributes Cognito returns in userAttributes but refuses back in a NEW_PASSWORD_REQUIRED answer.
_READ_ONLY_ATTRIBUTES = frozenset({"email_verified", "phone_number_verified", "sub"})


@dataclass(frozen=True)
class Question:
    """What must be asked before the sign-in can go on."""

    kind: str
    challenge: str
    prompt: str
    parameters: dict[str, Any] = field(default_factory=dict)  # the challenge parameters, redacted
    required_attributes: tuple[str, ...] = ()  # NEW_PASSWORD_REQUIRED: attribute names without prefix
    current_attributes: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # SELECT_MFA_TYPE / SELECT_CHALLENGE / MFA_SETUP choices
    destination: str | None = None  # CODE_DELIVERY_DESTINATION (masked by Cognito)
    delivery_medium: str | None = None
    secret: str | None = None  # MFA_SETUP: the authenticator secret to show (the point of this step)
    otpauth_uri: str | None = None
    expires_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, without the MFA_SETUP secret (the URI carries it too, so both are left out)."""
        return {
            "kind": self.kind,
            "challenge": self.challenge,
            "prompt": self.prompt,
            "parameters": self.parameters,
            "required_attributes": list(self.required_attributes),
            "options": list(self.options),
            "destination": self.destination,
            "delivery_medium": self.delivery_medium,
            "expires_at": self.expires_at,
        }


@dataclass(frozen=True)
class ChallengeAnswer:
    """The user's answer to a ``Question``; only the fields its kind needs are read."""

    code: str | None = None  # SMS/TOTP/email code, or the first authenticator code for MFA_SETUP
    new_password: str | None = field(default=None, repr=False)
    attributes: dict[str, str] = field(default_factory=dict)  # NEW_PASSWORD_REQUIRED required attributes
    choice: str | None = None  # SELECT_MFA_TYPE / SELECT_CHALLENGE
    answer: str | None = field(default=None, repr=False)  # CUSTOM_CHALLENGE
    password: str | None = field(default=None, repr=False)  # USER_AUTH PASSWORD, when not given up front
    device_name: str | None = None  # MFA_SETUP: FriendlyDeviceName
    device: DeviceCredentials | None = field(default=None, repr=False)  # device challenges
    extra: dict[str, str] = field(default_factory=dict, repr=False)  # more ChallengeResponses, sent as is


def parse_name_list(value: Any) -> tuple[str, ...]:
    """A list of names from a challenge parameter: a list, JSON text, a Python repr or comma-separated."""
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    text = str(value).strip()
    for parse in (json.loads, ast.literal_eval):
        try:
            parsed = parse(text)
        except (ValueError, SyntaxError, TypeError):
            continue
        if isinstance(parsed, list | tuple):
            return tuple(str(v) for v in parsed)
        if isinstance(parsed, str):
            return (parsed,)
    return tuple(part.strip().strip("'\"") for part in text.strip("[]").split(",") if part.strip())


def parse_required_attributes(parameters: Mapping[str, Any]) -> tuple[str, ...]:
    """NEW_PASSWORD_REQUIRED's requiredAttributes, without the ``userAttributes.`` prefix."""
    names = parse_name_list(parameters.get("requiredAttributes"))
    return tuple(n.removeprefix(_ATTRIBUTE_PREFIX) for n in names if n)


def parse_user_attributes(parameters: Mapping[str, Any]) -> dict[str, str]:
    """NEW_PASSWORD_REQUIRED's userAttributes (a JSON object as text) as a dict."""
    raw = parameters.get("userAttributes")
    if isinstance(raw, Mapping):
        return {str(k): str(v) for k, v in raw.items()}
    if not raw:
        return {}
    try:
        parsed = json.loads(str(raw))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in parsed.items()} if isinstance(parsed, dict) else {}


def _code_prompt(kind: str, destination: str | None) -> str:
    where = f" sent to {destination}" if destination else ""
    if kind == QuestionKind.TOTP_CODE:
        return "Enter the 6-digit code from your authenticator app."
    if kind == QuestionKind.EMAIL_CODE:
        return f"Enter the code{where or ' sent by email'}."
    return f"Enter the code{where or ' sent by SMS'}."


def question_for(
    challenge: str,
    parameters: Mapping[str, Any],
    available_challenges: tuple[str, ...] = (),
    expires_at: float | None = None,
) -> Question | None:
    """The question for ``challenge``; None for challenges the engine answers itself."""
    if challenge in AUTOMATIC_CHALLENGES:
        return None
    shown = redact(dict(parameters))
    destination = parameters.get("CODE_DELIVERY_DESTINATION")
    medium = parameters.get("CODE_DELIVERY_DELIVERY_MEDIUM")
    common: dict[str, Any] = {"challenge": challenge, "parameters": shown, "expires_at": expires_at}
    if challenge in CODE_CHALLENGES:
        kind = CODE_CHALLENGES[challenge][0]
        return Question(
            kind=kind,
            prompt=_code_prompt(kind, destination),
            destination=destination,
            delivery_medium=medium,
            **common,
        )
    if challenge == "NEW_PASSWORD_REQUIRED":
        required = parse_required_attributes(parameters)
        current = {
            k: v for k, v in parse_user_attributes(parameters).items() if k not in _READ_ONLY_ATTRIBUTES
        }
        extra = f" and provide: {', '.join(required)}" if required else ""
        return Question(
            kind=QuestionKind.NEW_PASSWORD,
            prompt=f"Choose a new password{extra}.",
            required_attributes=required,
            current_attributes=current,
            **common,
        )
    if challenge == "SELECT_MFA_TYPE":
        options = parse_name_list(parameters.get("MFAS_CAN_CHOOSE"))
        return Question(
            kind=QuestionKind.SELECT_MFA,
            prompt="Choose how to receive your MFA code.",
            options=options,
            **common,
        )
    if challenge == "SELECT_CHALLENGE":
        options = available_challenges or parse_name_list(parameters.get("AVAILABLE_CHALLENGES"))
        return Question(
            kind=QuestionKind.SELECT_CHALLENGE, prompt="Choose how to sign in.", options=options, **common
        )
    if challenge == "MFA_SETUP":
        options = parse_name_list(parameters.get("MFAS_CAN_SETUP"))
        return Question(
            kind=QuestionKind.MFA_SETUP,
            prompt="Add this secret to an authenticator app, then enter the first code it shows.",
            options=options,
            **common,
        )
    if challenge == "CUSTOM_CHALLENGE":
        return Question(kind=QuestionKind.CUSTOM_CHALLENGE, prompt="Answer the custom challenge.", **common)
    return Question(
        kind=QuestionKind.UNSUPPORTED,
        prompt=f"cogtui cannot answer {challenge} from a terminal.",
        options=available_challenges,
        **common,
    )


def device_question(challenge: str, expires_at: float | None) -> Question:
    """Asked when Cognito starts a device challenge but the sign-in has no remembered device keys."""
    return Question(
        kind=QuestionKind.DEVICE,
        challenge=challenge,
        prompt="This sign-in needs the remembered device's key, group key and device password.",
        expires_at=expires_at,
    )


class AnswerError(ValueError):
    """The answer lacks what the question needs (no code, no new password, an unknown option)."""


def challenge_responses(question: Question, answer: ChallengeAnswer, username: str) -> dict[str, str]:
    """The ChallengeResponses for ``question`` (SECRET_HASH and DEVICE_KEY are added by the engine)."""
    responses: dict[str, str] = {"USERNAME": username}
    challenge = question.challenge
    if challenge in CODE_CHALLENGES:
        code = (answer.code or "").strip()
        if not code:
            raise AnswerError("a code is needed")
        responses[CODE_CHALLENGES[challenge][1]] = code
    elif question.kind == QuestionKind.NEW_PASSWORD:
        if not answer.new_password:
            raise AnswerError("a new password is needed")
        missing = [a for a in question.required_attributes if not answer.attributes.get(a)]
        if missing:
            raise AnswerError(f"required attributes missing: {', '.join(missing)}")
        responses["NEW_PASSWORD"] = answer.new_password
        for name, value in answer.attributes.items():
            responses[f"{_ATTRIBUTE_PREFIX}{name}"] = value
    elif question.kind in (QuestionKind.SELECT_MFA, QuestionKind.SELECT_CHALLENGE):
        if not answer.choice:
            raise AnswerError("a choice is needed")
        if question.options and answer.choice not in question.options:
            raise AnswerError(f"{answer.choice} is not one of {', '.join(question.options)}")
        responses["ANSWER"] = answer.choice
    elif question.kind == QuestionKind.CUSTOM_CHALLENGE:
        if answer.answer is None:
            raise AnswerError("an answer is needed")
        responses["ANSWER"] = answer.answer
    responses.update(answer.extra)
    return responses
