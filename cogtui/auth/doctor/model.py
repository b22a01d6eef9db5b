"""The sign-in doctor's verdict: what will happen when a user signs in, and every check that led there.

A check speaks the token report's vocabulary (``Status``: pass, fail, warn, skip, with the same glyphs);
it adds the cause, the fix, what Cognito would answer when it refuses or challenges, the admin action
that fixes it where one exists, and the API fields it read. Pure data, ready for a screen, the command
line (``--json``) or a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cogtui.text_safety import safe_text
from cogtui.verdict import Status

__all__ = ["AdminAction", "DoctorCheck", "Outcome", "Status", "Verdict"]


class Outcome(StrEnum):
    """What the next sign-in will do."""

    SIGNS_IN = "will sign in"
    CHALLENGED = "will be challenged"
    REFUSED = "will be refused"
    UNKNOWN = "cannot tell"


@dataclass(frozen=True)
class AdminAction:
    """An administrator call that removes the cause: ``operation`` on the user (or the client).

    ``params`` are the call's extra parameters besides the pool id and the username; ``needs_password``
    says the call also needs a password that only a person can choose.
    """

    operation: str
    label: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    needs_password: bool = False
    on_client: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "label": self.label,
            "params": self.params,
            "needs_password": self.needs_password,
        }


@dataclass(frozen=True)
class DoctorCheck:
    """One thing the doctor looked at.

    ``detail`` says what was found, ``cause`` why it stops or changes the sign-in (empty when it does not),
    ``fix`` what to do. ``refusal`` is Cognito's answer when this check refuses the sign-in
    ("NotAuthorizedException: User is disabled."), ``challenge`` the challenge it leads to.
    """

    name: str
    status: Status
    detail: str
    cause: str = ""
    fix: str = ""
    refusal: str = ""
    challenge: str = ""
    action: AdminAction | None = None
    reads: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("detail", "cause", "fix"):
            object.__setattr__(self, name, safe_text(getattr(self, name)))

    @property
    def glyph(self) -> str:
        return self.status.glyph

    def notes(self) -> list[tuple[str, str]]:
        """(label, text) for the cause, the fix and the admin call (the latter unless the check passed)."""
        out = [(label, text) for label, text in (("cause", self.cause), ("fix", self.fix)) if text]
        if self.action is not None and self.status is not Status.PASS:
            out.append(("admin", f"{self.action.operation} ({self.action.label})"))
        return out

    def line(self) -> str:
        """The check as one line of plain text."""
        text = f"{self.glyph} {self.name}: {self.detail}"
        if self.cause:
            text += f" {self.cause}"
        return f"{text} Fix: {self.fix}" if self.fix else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status.value,
            "detail": self.detail,
            "cause": self.cause,
            "fix": self.fix,
            "refusal": self.refusal or None,
            "challenge": self.challenge or None,
            "action": self.action.to_dict() if self.action else None,
            "reads": list(self.reads),
        }


@dataclass(frozen=True)
class Verdict:
    """The doctor's answer for one typed username, pool, client and flow."""

    outcome: Outcome
    typed: str
    username: str | None
    pool_id: str
    client_id: str | None
    flow: str
    checks: tuple[DoctorCheck, ...]
    challenge: str | None = None
    refusal: str | None = None

    @property
    def will_get_in(self) -> bool:
        """Signed in, or asked for something the user can answer."""
        return self.outcome in (Outcome.SIGNS_IN, Outcome.CHALLENGED)

    @property
    def deciding(self) -> DoctorCheck | None:
        """The check that decided the outcome: the first refusal, else the first challenge."""
        for check in self.checks:
            if check.status is Status.FAIL:
                return check
        for check in self.checks:
            if check.challenge:
                return check
        return None

    @property
    def actions(self) -> tuple[AdminAction, ...]:
        return tuple(c.action for c in self.checks if c.action is not None and c.status is not Status.PASS)

    def get(self, name: str) -> DoctorCheck | None:
        return next((c for c in self.checks if c.name == name), None)

    @property
    def summary(self) -> str:
        """One line: 'alice will sign in', 'dave will be challenged: NEW_PASSWORD_REQUIRED'..."""
        who = safe_text(self.typed)
        if self.outcome is Outcome.CHALLENGED:
            return f"{who} will be challenged: {self.challenge}"
        if self.outcome is Outcome.REFUSED:
            return f"{who} will be refused: {self.refusal}"
        if self.outcome is Outcome.UNKNOWN:
            unread = next((c for c in self.checks if c.status is Status.SKIP), None)
            return f"cannot tell whether {who} can sign in" + (f": {unread.detail}" if unread else "")
        return f"{who} will sign in"

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.name.lower(),
            "summary": self.summary,
            "typed": self.typed,
            "username": self.username,
            "user_pool_id": self.pool_id,
            "client_id": self.client_id,
            "flow": self.flow,
            "challenge": self.challenge,
            "refusal": self.refusal,
            "checks": [c.to_dict() for c in self.checks],
        }
