"""The result of validating a token: one `Check` per rule and an overall verdict.

Pure data for screens and the command line: a check is the project's one `cogtui.verdict.Check`
(name, status, one-line detail with untrusted text escaped); the report keeps every check in a fixed
order, so a screen can lay them out the same way each time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cogtui.tokens.decode import DecodedToken
from cogtui.verdict import Check, Status

__all__ = ["CHECK_NAMES", "Check", "Status", "ValidationReport"]


# Every report lists these checks, in this order.
CHECK_NAMES: tuple[str, ...] = (
    "structure",
    "header",
    "header keys",
    "claim types",
    "alg",
    "jwks",
    "kid",
    "jwk",
    "signature",
    "iss",
    "token_use",
    "client",
    "exp",
    "nbf",
    "iat",
    "auth_time",
    "expiring soon",
)


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every check, and the verdict: valid only if nothing failed and the signature passed."""

    valid: bool
    checks: tuple[Check, ...]
    token: DecodedToken = field(repr=False)
    now: float = field(repr=False)
    grace_s: float = field(default=0.0, repr=False)
    expiring_soon_s: float = field(default=300.0, repr=False)

    def get(self, name: str) -> Check | None:
        """The check called `name`, or None."""
        for check in self.checks:
            if check.name == name:
                return check
        return None

    def status(self, name: str) -> Status | None:
        check = self.get(name)
        return check.status if check else None

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAIL)

    @property
    def warnings(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.WARN)

    @property
    def summary(self) -> str:
        """One line: 'valid', 'valid, 2 warning(s)' or 'invalid: signature, exp'."""
        if self.valid:
            warned = len(self.warnings)
            return f"valid, {warned} warning(s)" if warned else "valid"
        failed = [c.name for c in self.failures]
        if failed:
            return "invalid: " + ", ".join(failed)
        return "invalid: the signature was not checked"

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "summary": self.summary,
            "checks": [c.to_dict() for c in self.checks],
        }
