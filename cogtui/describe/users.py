"""How a user is worded on screen: the status's glyph and meaning, enabled or not, absolute UTC dates, and
the user detail's rows (summary, groups, attributes, remembered devices, recent sign-in events).

No Textual here. A mark is (text, palette key): the key names a theme colour ("success", "warning",
"error", "text-muted") that the screen looks up, and a glyph stands beside every colour so the meaning
never rests on colour alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import Group, NotRecorded, User
from cogtui.clock import format_time
from cogtui.describe.fields import Field, Row
from cogtui.describe.pools import unread_text

__all__ = [
    "NO_DEVICES",
    "NO_EVENTS",
    "STATUS_MEANING",
    "Extra",
    "device_rows",
    "enabled_mark",
    "event_rows",
    "format_date",
    "status_mark",
    "status_meaning",
    "summary_rows",
]

# An optional read: the items, why they could not be read, that the pool keeps none, or None when the
# endpoint does not implement the operation.
Extra = list[dict[str, Any]] | CogtuiError | NotRecorded | None

NO_DEVICES = "This endpoint does not report devices."
NO_EVENTS = "This endpoint does not report sign-in events."


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


def _when(value: Any) -> str:
    return format_date(value, seconds=True) if isinstance(value, datetime) else "—"


def summary_rows(user: User, groups: tuple[Group, ...], groups_error: CogtuiError | None = None) -> list[Row]:
    rows: list[Row] = [
        "User",
        Field("Username", user.username),
        Field("Sub", user.sub),
        Field("Status", user.status, note=status_meaning(user.status)),
        Field(
            "Enabled",
            "✔ enabled" if user.enabled else "✘ disabled",
            copyable=False,
            note="" if user.enabled else "cannot sign in",
        ),
        Field("Created", format_date(user.created, seconds=True)),
        Field("Last modified", format_date(user.modified, seconds=True)),
        "MFA",
        Field("MFA methods", ", ".join(user.mfa_settings) or "none", copyable=bool(user.mfa_settings)),
        Field("Preferred MFA", user.preferred_mfa or "none", copyable=bool(user.preferred_mfa)),
        "Groups",
    ]
    if groups_error is not None:
        rows.append(_unread("Groups", groups_error))
    if groups:
        for g in sorted(
            groups, key=lambda g: (g.precedence if g.precedence is not None else 1 << 30, g.name)
        ):
            precedence = f"precedence {g.precedence}" if g.precedence is not None else "no precedence"
            if groups_error is not None:
                precedence += " · as read before"
            rows.append(Field(g.name, g.role_arn or "no role", note=precedence, copyable=bool(g.role_arn)))
    elif groups_error is None:
        rows.append(Field("Groups", "in no group", copyable=False))
    rows.append("Attributes")
    standard = sorted(k for k in user.attributes if ":" not in k)
    custom = sorted(k for k in user.attributes if ":" in k)
    rows.extend(Field(name, user.attributes[name]) for name in standard + custom)
    return rows


def _unread(label: str, err: CogtuiError) -> Field:
    return Field(label, f"✘ could not be read: {err.code}", note=unread_text(err), copyable=False)


def _not_recorded(label: str, off: NotRecorded) -> Field:
    return Field(label, f"– not recorded: {off.reason}", note=off.code, copyable=False)


def device_rows(devices: Extra, loaded: bool = True) -> list[Row]:
    rows: list[Row] = ["Devices"]
    if not loaded:
        return [*rows, Field("Remembered devices", "loading…", copyable=False)]
    if isinstance(devices, CogtuiError):
        return [*rows, _unread("Remembered devices", devices)]
    if isinstance(devices, NotRecorded):
        return [*rows, _not_recorded("Remembered devices", devices)]
    if devices is None:
        return [*rows, Field("Remembered devices", NO_DEVICES, copyable=False)]
    if not devices:
        return [*rows, Field("Remembered devices", "none", copyable=False)]
    for d in devices:
        attrs = {a.get("Name"): a.get("Value", "") for a in d.get("DeviceAttributes") or []}
        name = attrs.get("device_name") or "device"
        note = f"last sign-in {_when(d.get('DeviceLastAuthenticatedDate'))}"
        rows.append(Field(name, d.get("DeviceKey", ""), note=note))
    return rows


def event_rows(events: Extra, loaded: bool = True) -> list[Row]:
    rows: list[Row] = ["Recent sign-in events"]
    if not loaded:
        return [*rows, Field("Sign-in events", "loading…", copyable=False)]
    if isinstance(events, CogtuiError):
        return [*rows, _unread("Sign-in events", events)]
    if isinstance(events, NotRecorded):
        return [*rows, _not_recorded("Sign-in events", events)]
    if events is None:
        return [*rows, Field("Sign-in events", NO_EVENTS, copyable=False)]
    if not events:
        return [*rows, Field("Sign-in events", "none recorded", copyable=False)]
    for e in events:
        result = e.get("EventResponse") or "?"
        glyph = "✔" if result == "Pass" else "✘" if result == "Fail" else "–"
        context = e.get("EventContextData") or {}
        risk = (e.get("EventRisk") or {}).get("RiskLevel")
        parts = [f"{glyph} {e.get('EventType', 'event')} {result}"]
        parts += [
            p
            for p in (f"risk {risk}" if risk else "", context.get("IpAddress"), context.get("DeviceName"))
            if p
        ]
        rows.append(Field(_when(e.get("CreationDate")), " · ".join(parts), copyable=False))
    return rows
