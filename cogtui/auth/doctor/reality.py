"""The doctor's prediction checked against reality: what the endpoint did with a real sign-in attempt.

``answer_of`` reads the first decisive answer off a sign-in's steps (a refusal, a challenge other than
the SRP proof exchange, or tokens); ``compare`` sets it beside the verdict. When an endpoint lets
through what Amazon Cognito refuses (an emulator that skips a check), the comparison says so plainly:
"this endpoint signed erin in with USER_PASSWORD_AUTH; Amazon Cognito would refuse it (...)". Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cogtui.auth.doctor.model import Outcome, Verdict
from cogtui.auth.flows import AUTH_FLOWS

__all__ = ["Agreement", "Answer", "Comparison", "answer_of", "compare"]

# Challenges that are part of proving the password (SRP), not a question for the user.
PROOF_CHALLENGES = frozenset({"PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"})
LOCAL = "local"  # a step refused before any call (see cogtui.auth.steps.local_step)
COGNITO = "Amazon Cognito"


class Agreement(StrEnum):
    AGREES = "as predicted"
    GRANTED = "let through what Cognito refuses"
    DIFFERS = "not as predicted"
    TYPED = "refused what was typed"
    UNKNOWN = "nothing to compare"


@dataclass(frozen=True)
class Answer:
    """What the endpoint did: ``kind`` is "signed in", "challenged" or "refused"."""

    kind: str
    challenge: str | None = None
    code: str | None = None
    message: str = ""

    @property
    def text(self) -> str:
        if self.kind == "refused":
            return f"{self.code}: {self.message}".rstrip(": ")
        if self.kind == "challenged":
            return f"asked for {self.challenge}"
        return "signed in"


@dataclass(frozen=True)
class Comparison:
    agreement: Agreement
    line: str

    @property
    def alarming(self) -> bool:
        return self.agreement in (Agreement.GRANTED, Agreement.DIFFERS)


def answer_of(steps: Iterable[Any]) -> Answer | None:
    """The first decisive answer among a sign-in's steps; None when there is none (nothing was sent)."""
    for step in steps:
        if step.operation == LOCAL:
            continue
        if step.error is not None:
            return Answer("refused", code=step.error.code, message=step.error.message)
        if step.challenge and step.challenge not in PROOF_CHALLENGES:
            return Answer("challenged", challenge=step.challenge)
        if step.signed_in:
            return Answer("signed in")
    return None


def _code(refusal: str | None) -> str:
    return (refusal or "").split(":", 1)[0].strip()


def compare(verdict: Verdict, answer: Answer | None, endpoint: str = "this endpoint") -> Comparison:
    """The verdict beside the endpoint's answer; ``endpoint`` names who answered (Amazon Cognito itself
    when no endpoint URL is set), which decides between "an emulator skipped a check" and "the doctor
    read something wrong"."""
    who, flow = verdict.typed, AUTH_FLOWS.get(verdict.flow, verdict.flow)
    if answer is None or verdict.outcome is Outcome.UNKNOWN:
        return Comparison(Agreement.UNKNOWN, f"– nothing to compare: {verdict.summary}")
    predicted = verdict.summary
    real = endpoint == COGNITO
    if verdict.outcome is Outcome.REFUSED:
        if answer.kind == "refused":
            if answer.code == _code(verdict.refusal):
                return Comparison(Agreement.AGREES, f"✔ as the doctor predicted: {predicted}")
            return Comparison(
                Agreement.DIFFERS, f"! refused with {answer.text}; the doctor predicted {predicted}"
            )
        done = f"signed {who} in" if answer.kind == "signed in" else f"{answer.text} for {who}"
        if real:
            return Comparison(
                Agreement.DIFFERS,
                f"! Amazon Cognito {done} with {flow}, though the doctor predicted {verdict.refusal}",
            )
        return Comparison(
            Agreement.GRANTED,
            f"✘ {endpoint} {done} with {flow}; Amazon Cognito would refuse it ({verdict.refusal})",
        )
    if answer.kind == "refused":
        found = "nothing against it" if verdict.outcome is Outcome.SIGNS_IN else "only a challenge"
        return Comparison(
            Agreement.TYPED,
            f"– refused with {answer.text}: the doctor found {found} ({predicted}), so what was typed "
            "(the password, a code, the secret) decided",
        )
    if verdict.outcome is Outcome.CHALLENGED:
        if answer.challenge == verdict.challenge:
            return Comparison(Agreement.AGREES, f"✔ as the doctor predicted: {predicted}")
        if answer.kind == "signed in" and not real:
            return Comparison(
                Agreement.GRANTED,
                f"✘ {endpoint} signed {who} in with {flow} without asking for {verdict.challenge}; "
                "Amazon Cognito would ask for it first",
            )
        return Comparison(Agreement.DIFFERS, f"! {answer.text}; the doctor predicted {predicted}")
    if answer.kind == "signed in":
        return Comparison(Agreement.AGREES, f"✔ as the doctor predicted: {predicted}")
    return Comparison(Agreement.DIFFERS, f"! {answer.text}; the doctor predicted {predicted}")
