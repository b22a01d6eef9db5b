"""How a user is worded on screen: the status's glyph and meaning, enabled or not, absolute UTC dates.

No Textual here. A mark is (text, palette key): the key names a theme colour ("success", "warning",
"error", "text-muted") that the screen looks up, and a glyph stands beside every colour so the meaning
never rests on colour alone.
"""

from __future__ import annotations

from datetime import datetime

from cogtui.clock import format_time

__all__ = ["STATUS_MEANING", "enabled_mark", "format_date", "status_mark", "status_meaning"]

# Status -> (glyph, palette key).
_STATUS = {
    "CONFIRMED": ("✔", "success"),
    "UNCONFIRMED": ("!", "warning"),
    "FORCE_CHANGE_PASSWORD": ("!", "warning"),
    "RESET_REQUIRED": ("!", "warning"),
    "COMPROMISED": ("✘", "error"),
    "EXTERNAL_PROVIDER": ("–", "text-muted"),
    "ARCHIVED": ("–", "text-muted"),
}


def status_mark(status: str) -> tuple[str, str]:
    """``("✔ CONFIRMED", "success")``; an unknown status is muted with ``–``."""
    glyph, key = _STATUS.get(status, ("–", "text-muted"))
    return f"{glyph} {status}", key


def enabled_mark(enabled: bool, words: bool = False) -> tuple[str, str]:
    """``("✔", "success")`` or ``("✘ disabled", "error")`` with ``words``."""
    if enabled:
        return ("✔ enabled" if words else "✔"), "success"
    return ("✘ disabled" if words else "✘"), "error"


def format_date(value: datetime | None, seconds: bool = False) -> str:
    """``2024-05-01 12:34`` in UTC (``…:56 UTC`` with seconds); ``—`` when unknown."""
    if value is None:
        return "—"
    return format_time(value, "timestamp" if seconds else "table")


STATUS_MEANING = {
    "CONFIRMED": "password set, account confirmed",
    "UNCONFIRMED": "signed up but never entered the confirmation code: sign-in fails with UserNotConfirmedException",
    "FORCE_CHANGE_PASSWORD": "created by an administrator: the first sign-in asks for a new password "
    "(NEW_PASSWORD_REQUIRED)",
    "RESET_REQUIRED": "must reset the password: sign-in fails with PasswordResetRequiredException",
    "EXTERNAL_PROVIDER": "signs in through a federated identity provider",
    "COMPROMISED": "credentials found in a leak: sign-in is blocked until the password is reset",
    "ARCHIVED": "archived: can no longer sign in",
    "UNKNOWN": "status not known",
}


def status_meaning(status: str) -> str:
    return STATUS_MEANING.get(status, "")
