"""Unit tests of the sandbox TOTP code generator (RFC 6238 vectors, Cognito's short emulator secret)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from cogtui.sandbox.totp import TOTP_STEP_SECONDS, seconds_remaining, totp_now

# RFC 6238 appendix B, SHA-1 key "12345678901234567890"; Cognito shows the last 6 of the 8 digits.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("at", "code"),
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_rfc_6238_vectors(at: int, code: str) -> None:
    assert totp_now(RFC_SECRET, at) == code


def test_accepts_the_emulators_short_unpadded_secret() -> None:
    code = totp_now("asdfasdfasdf", 59)
    assert len(code) == 6 and code.isdigit()
    assert totp_now("ASDFASDFASDF", 59) == code  # base32 is case-insensitive


def test_datetime_and_epoch_agree_and_codes_change_each_step() -> None:
    moment = datetime(2024, 5, 1, 12, 0, 5, tzinfo=UTC)
    assert totp_now(RFC_SECRET, moment) == totp_now(RFC_SECRET, moment.timestamp())
    assert totp_now(RFC_SECRET, moment.timestamp() + TOTP_STEP_SECONDS) != totp_now(RFC_SECRET, moment)


def test_seconds_remaining_counts_down_within_a_step() -> None:
    assert seconds_remaining(60) == TOTP_STEP_SECONDS
    assert seconds_remaining(89.5) == pytest.approx(0.5)
