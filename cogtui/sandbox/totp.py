"""Authenticator-app codes on the sandbox's side: the code for now, and whether a typed code matches.

The codes are computed by ``cogtui.auth.totp`` (RFC 6238 as Cognito uses it, any secret length); this
module adds what only a server does: accepting the step before and after (clock drift), and times given
as datetimes.
"""

from __future__ import annotations

import time
from datetime import datetime

from cogtui.auth.totp import TOTP_STEP_SECONDS, lax_totp

__all__ = ["ACCEPTED_DRIFT_STEPS", "TOTP_STEP_SECONDS", "seconds_remaining", "totp_matches", "totp_now"]

# Codes of the step before and after the current one are accepted too (clock drift, a code typed late).
ACCEPTED_DRIFT_STEPS = 1


def _timestamp(at: float | datetime | None) -> float:
    if at is None:
        return time.time()
    if isinstance(at, datetime):
        return at.timestamp()
    return float(at)


def totp_now(secret: str, at: float | datetime | None = None) -> str:
    """The 6-digit code an authenticator app shows for ``secret`` now (or at ``at``, epoch or datetime)."""
    return str(lax_totp(secret).at(int(_timestamp(at))))


def totp_matches(secret: str, code: str, at: float | datetime | None = None) -> bool:
    """True when ``code`` is the code for ``secret`` now, or one step before or after (constant time)."""
    try:
        return bool(
            lax_totp(secret).verify(
                code.strip(), for_time=int(_timestamp(at)), valid_window=ACCEPTED_DRIFT_STEPS
            )
        )
    except (ValueError, TypeError):
        return False


def seconds_remaining(at: float | datetime | None = None) -> float:
    """Seconds until the current code expires and the next one starts."""
    return TOTP_STEP_SECONDS - (_timestamp(at) % TOTP_STEP_SECONDS)
