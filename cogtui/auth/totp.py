"""Authenticator-app codes and ``otpauth://`` URIs for TOTP enrolment (RFC 6238: SHA-1, 6 digits, 30 s).

Cognito's secrets are base32 without padding. Some emulators hand out secrets shorter than pyotp
(>= 2.11) accepts, so the key is decoded here without pyotp's length check. pyotp is imported only
when a code is computed.
"""

from __future__ import annotations

import base64
import functools
import time
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

if TYPE_CHECKING:
    import pyotp

TOTP_DIGITS = 6
TOTP_STEP_SECONDS = 30


def _key(secret: str) -> bytes:
    clean = secret.replace(" ", "").upper()
    return base64.b32decode(clean + "=" * (-len(clean) % 8), casefold=True)


@functools.cache
def _lax_totp_class() -> type[pyotp.TOTP]:
    import pyotp

    class LaxTOTP(pyotp.TOTP):
        """pyotp's TOTP that accepts any valid base32 secret, padded or not, whatever its length."""

        def byte_secret(self) -> bytes:
            return _key(self.secret)

    return LaxTOTP


def lax_totp(secret: str) -> pyotp.TOTP:
    """pyotp's TOTP for ``secret`` as Cognito uses it (SHA-1, 6 digits, 30 s), whatever the secret's length."""
    return _lax_totp_class()(secret, digits=TOTP_DIGITS, interval=TOTP_STEP_SECONDS)


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` now (or at epoch seconds ``at``)."""
    _key(secret)  # a malformed secret fails here with a clear binascii.Error / ValueError
    return str(lax_totp(secret).at(int(time.time() if at is None else at)))


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
