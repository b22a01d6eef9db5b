"""One-time codes: generated, delivered to the outbox, checked once, expiring.

Sign-up confirmation codes last 24 hours, forgot-password codes one hour, sign-in codes (SMS, email)
as long as their challenge session. Cognito's codes are 6 digits (8 for email sign-in codes).
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from cogtui.sandbox.strict.clock import StrictClock
from cogtui.sandbox.strict.errors import CODE_EXPIRED, CODE_MISMATCH, Refusal

SIGN_UP = "SIGN_UP"
FORGOT_PASSWORD = "FORGOT_PASSWORD"
LIFETIME_SECONDS = {SIGN_UP: 24 * 3600, FORGOT_PASSWORD: 3600}


def new_code(digits: int = 6) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(digits))


@dataclass
class _Issued:
    code: str
    expires_at: float
    replaced: tuple[str, ...] = ()  # earlier codes for the same purpose: answered as expired


class CodeBook:
    """The one outstanding code per (pool, user, purpose); a new code replaces the previous one."""

    def __init__(self, clock: StrictClock) -> None:
        self._clock = clock
        self._codes: dict[tuple[str, str, str], _Issued] = {}
        self._lock = threading.Lock()

    def issue(self, pool_id: str, username: str, purpose: str) -> str:
        code = new_code()
        key = (pool_id, username, purpose)
        with self._lock:
            earlier = self._codes.get(key)
            replaced = (*earlier.replaced[-4:], earlier.code) if earlier else ()
            self._codes[key] = _Issued(code, self._clock.now() + LIFETIME_SECONDS[purpose], replaced)
        return code

    def redeem(self, pool_id: str, username: str, purpose: str, given: str | None) -> None:
        """Accept ``given`` once; CodeMismatchException or ExpiredCodeException otherwise."""
        key = (pool_id, username, purpose)
        with self._lock:
            issued = self._codes.get(key)
            if issued is None:
                raise Refusal("ExpiredCodeException", CODE_EXPIRED)
            if self._clock.now() > issued.expires_at:
                del self._codes[key]
                raise Refusal("ExpiredCodeException", CODE_EXPIRED)
            answer = (given or "").strip()
            if not secrets.compare_digest(issued.code, answer):
                if answer in issued.replaced:
                    raise Refusal("ExpiredCodeException", CODE_EXPIRED)
                raise Refusal("CodeMismatchException", CODE_MISMATCH)
            del self._codes[key]
