"""Temporary AWS credentials from an identity pool, with masked renderings safe to show on screen.

The secret key and the session token never appear in ``repr``; ``masked()`` gives what a screen or
a log may show. Times are kept in UTC.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cogtui.clock import format_time

__all__ = ["AwsCredentials", "mask_secret", "shorten_token", "to_utc"]


def to_utc(value: Any) -> datetime | None:
    """A datetime in UTC from a botocore datetime (any tz), an epoch number or an ISO string; else None."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value:
        try:
            return to_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return None
    return None


def mask_secret(secret: str, visible: int = 4) -> str:
    """``••••••••WXYZ``: only the last characters, never the length of a short secret."""
    if not secret:
        return ""
    tail = secret[-visible:] if len(secret) > visible * 3 else ""
    return "•" * 8 + tail


def shorten_token(token: str, head: int = 8, tail: int = 4) -> str:
    """``FQoGZXIv…fw5i (356 chars)``."""
    if not token:
        return ""
    if len(token) <= head + tail + 3:
        return mask_secret(token)
    return f"{token[:head]}…{token[-tail:]} ({len(token)} chars)"


@dataclass(frozen=True)
class AwsCredentials:
    """Temporary credentials and where they come from; ``role_arn`` is None when the role is not known."""

    access_key_id: str
    secret_key: str = field(repr=False)
    session_token: str = field(repr=False)
    expiration: datetime | None
    identity_id: str | None
    role_arn: str | None = None

    @property
    def expiration_iso(self) -> str | None:
        """``2025-01-31T12:00:00Z`` (the format credential_process expects)."""
        if self.expiration is None:
            return None
        return format_time(self.expiration, "iso")

    def seconds_left(self, now: float | None = None) -> float | None:
        """Seconds until expiry (negative once expired), or None when there is no expiry."""
        if self.expiration is None:
            return None
        return self.expiration.timestamp() - (time.time() if now is None else now)

    def expired(self, now: float | None = None) -> bool:
        left = self.seconds_left(now)
        return left is not None and left <= 0

    @property
    def masked_secret_key(self) -> str:
        return mask_secret(self.secret_key)

    @property
    def short_session_token(self) -> str:
        return shorten_token(self.session_token)

    def masked(self) -> dict[str, str | None]:
        """What may be shown without a reveal: the key id, a masked secret, a shortened token."""
        return {
            "AccessKeyId": self.access_key_id,
            "SecretAccessKey": self.masked_secret_key,
            "SessionToken": self.short_session_token,
            "Expiration": self.expiration_iso,
            "IdentityId": self.identity_id,
            "RoleArn": self.role_arn,
        }
