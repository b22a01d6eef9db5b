"""Authenticator-app codes and ``otpauth://`` URIs for TOTP enrolment (RFC 6238: SHA-1, 6 digits, 30 s).

Cognito's secrets are base32 without padding. Some emulators hand out secrets shorter than pyotp
(>= 2.11) accepts, so the key is decoded here without pyotp's length check. pyotp is imported only
when a code is computed.
"""

from __future__ import annotations

import base64
import time
from urllib.parse import quote, urlencode

TOTP_DIGITS = 6
TOTP_STEP_SECONDS = 30


def _key(secret: str) -> bytes:
    clean = secret.replace(" ", "").upper()
    return base64.b32decode(clean + "=" * (-len(clean) % 8), casefold=True)


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` now (or at epoch seconds ``at``)."""
    import pyotp

    class _LaxTOTP(pyotp.TOTP):
        def byte_secret(self) -> bytes:
            return _key(self.secret)

    _key(secret)  # a malformed secret fails here with a clear binascii.Error / ValueError
    return str(
        _LaxTOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP_SECONDS).at(
            int(time.time() if at is None else at)
        )
    )


def seconds_remaining(at: float | None = None) -> float:
    """Seconds until the current code is replaced by the next one."""
    now = time.time() if at is None else at
    return TOTP_STEP_SECONDS - (now % TOTP_STEP_SECONDS)


def otpauth_uri(secret: str, label: str, issuer: str = "Cognito") -> str:
    """The ``otpauth://totp/Issuer:label?secret=...&issuer=...`` URI an authenticator app scans."""
    issuer = issuer or "Cognito"
    path = quote(f"{issuer}:{label}", safe=":@")
    query = urlencode({"secret": secret.replace(" ", ""), "issuer": issuer}, quote_via=quote)
    return f"otpauth://totp/{path}?{query}"
