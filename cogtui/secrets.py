"""A process-wide registry of secret values seen so far, used to scrub any text before it is logged.

Every value the trace redacts (passwords, codes, client secrets, tokens, AWS secret keys) is remembered
here, so a log line that quotes it anyway — a library's debug output, an exception message — is cleaned.
"""

from __future__ import annotations

import json
import threading

REDACTED = "<redacted>"
_MIN_LENGTH = 6  # shorter values (a 6-digit code is the shortest secret) would scrub ordinary text
# Cognito's own words, never secrets, though a field that usually holds one carries them: choosing the
# password as first factor answers SELECT_CHALLENGE with ANSWER "PASSWORD". Remembered, they would scrub
# every later "FORCE_CHANGE_PASSWORD" or "USER_PASSWORD_AUTH" (ChallengeNameType, AuthFactorType).
_PROTOCOL_WORDS = frozenset(
    {
        "PASSWORD",
        "PASSWORD_SRP",
        "EMAIL_OTP",
        "SMS_OTP",
        "WEB_AUTHN",
        "SMS_MFA",
        "SOFTWARE_TOKEN_MFA",
        "SELECT_MFA_TYPE",
        "SELECT_CHALLENGE",
        "MFA_SETUP",
        "PASSWORD_VERIFIER",
        "CUSTOM_CHALLENGE",
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        "ADMIN_NO_SRP_AUTH",
        "NEW_PASSWORD_REQUIRED",
    }
)

_lock = threading.Lock()
_values: set[str] = set()


def remember(value: object) -> None:
    """Register a secret value (strings of at least 6 characters; shorter ones are too common to scrub, and
    Cognito's challenge and factor names are not secrets)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str) or len(value) < _MIN_LENGTH or value in _PROTOCOL_WORDS:
        return
    forms = {value, json.dumps(value)[1:-1]}
    with _lock:
        _values.update(f for f in forms if len(f) >= _MIN_LENGTH)


def scrub(text: str) -> str:
    """``text`` with every remembered secret replaced by ``<redacted>`` (longest first)."""
    with _lock:
        values = sorted(_values, key=len, reverse=True)
    for value in values:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


def forget_all() -> None:
    with _lock:
        _values.clear()
