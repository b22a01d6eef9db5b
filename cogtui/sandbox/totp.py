"""Authenticator-app codes (RFC 6238 TOTP, as Cognito uses them: SHA-1, 6 digits, 30 s steps).

Cognito secrets are base32 without padding. Some emulators hand out short secrets that pyotp >= 2.11
refuses as too weak, so the key is decoded here without that length check.
"""

from __future__ import annotations

import base64
import time
from datetime import datetime

import pyotp

TOTP_STEP_SECONDS = 30
# Codes of the step before and after the current one are accepted too (clock drift, a code typed late).
ACCEPTED_DRIFT_STEPS = 1


class LaxTOTP(pyotp.TOTP):
    """pyotp's TOTP that accepts any valid base32 secret, padded or not, whatever its length."""

    def byte_secret(self) -> bytes:
        secret = self.secret.replace(" ", "")
        return base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)


def _timestamp(at: float | datetime | None) -> float:
    if at is None:
        return time.time()
    if isinstance(at, datetime):
        return at.timestamp()
    return float(at)


def totp_now(secret: str, at: float | datetime | None = None) -> str:
    """The 6-digit code an authenticator app shows for ``secret`` now (or at ``at``, epoch or datetime)."""
    return LaxTOTP(secret, digits=6, interval=TOTP_STEP_SECONDS).at(int(_timestamp(at)))


def totp_matches(secret: str, code: str, at: float | datetime | None = None) -> bool:
    """True when ``code`` is the code for ``secret`` now, or one step before or after (constant time)."""
    totp = LaxTOTP(secret, digits=6, interval=TOTP_STEP_SECONDS)
    try:
        return bool(
            totp.verify(code.strip(), for_time=int(_timestamp(at)), valid_window=ACCEPTED_DRIFT_STEPS)
        )
    except (ValueError, TypeError):
        return False


def seconds_remaining(at: float | datetime | None = None) -> float:
    """Seconds until the current code expires and the next one starts."""
    return TOTP_STEP_SECONDS - (_timestamp(at) % TOTP_STEP_SECONDS)
