"""The identity-pool doctor's inputs: a token's facts; its checks speak the one vocabulary of
``cogtui.verdict`` (re-exported here for the doctor's modules).

``read_token`` decodes a pasted token without verifying it (never raises) and derives its logins key,
so each check can say what Cognito would answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cogtui.clock import is_number
from cogtui.identity.logins import LoginsKeyCheck, logins_key_for_issuer
from cogtui.tokens.decode import decode_token
from cogtui.verdict import Check, Status, has_failures

__all__ = ["Check", "Status", "TokenFacts", "fail", "has_failures", "read_token"]


@dataclass(frozen=True)
class TokenFacts:
    """What the pre-flight needs from a token, read without verification."""

    token: str = field(repr=False)
    payload: dict[str, Any] | None = field(repr=False)
    problem: str | None
    kind: str
    iss: str | None
    aud: str | None
    exp: float | None
    roles: tuple[str, ...]
    preferred_role: str | None
    key: LoginsKeyCheck

    @property
    def readable(self) -> bool:
        return self.payload is not None


def _claim_str(payload: dict[str, Any], name: str) -> str | None:
    value = payload.get(name)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value if isinstance(value, str) else None


def read_token(text: str | None) -> TokenFacts:
    """Decode a token's claims and derive its logins key; never raises."""
    decoded = decode_token(text or "")
    payload = decoded.payload
    if payload is None:
        problem = decoded.problems[0] if decoded.problems else "not a JWT"
        return TokenFacts(
            decoded.token, None, problem, "unknown", None, None, None, (), None, logins_key_for_issuer(None)
        )
    roles = payload.get("cognito:roles")
    exp = payload.get("exp")
    return TokenFacts(
        token=decoded.token,
        payload=payload,
        problem=None,
        kind=decoded.kind,
        iss=_claim_str(payload, "iss"),
        aud=_claim_str(payload, "aud"),
        exp=float(exp) if is_number(exp) else None,
        roles=tuple(r for r in roles if isinstance(r, str)) if isinstance(roles, list) else (),
        preferred_role=_claim_str(payload, "cognito:preferred_role"),
        key=logins_key_for_issuer(payload.get("iss")),
    )


def fail(name: str, detail: str, fix: str = "") -> Check:
    return Check(name, Status.FAIL, detail, fix)
