"""How users look on screen: status and enabled glyphs, absolute UTC dates, table cells.

No Textual here: cells are rich ``Text`` (so attribute values containing ``[`` are never read as
markup), values are escaped (a newline in a username cannot break a row) and colours come from a
palette the screen builds from the theme's variables.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text

from cogtui.aws.models import User
from cogtui.text_safety import safe_text

# Status -> (glyph, palette key). Every colour has a glyph beside it.
_STATUS = {
    "CONFIRMED": ("✔", "success"),
    "UNCONFIRMED": ("!", "warning"),
    "FORCE_CHANGE_PASSWORD": ("!", "warning"),
    "RESET_REQUIRED": ("!", "warning"),
    "COMPROMISED": ("✘", "error"),
    "EXTERNAL_PROVIDER": ("–", "text-muted"),
    "ARCHIVED": ("–", "text-muted"),
}

Palette = dict[str, str]


def palette_from(variables: dict[str, str]) -> Palette:
    """The theme colours the cells use, from ``App.get_css_variables()``."""
    return {key: variables.get(key, "") for key in ("success", "warning", "error", "text-muted")}


def _styled(text: str, palette: Palette | None, key: str) -> Text:
    style = (palette or {}).get(key) or ""
    return Text(text, style=style)


def status_text(status: str, palette: Palette | None = None) -> Text:
    glyph, key = _STATUS.get(status, ("–", "text-muted"))
    return _styled(f"{glyph} {status}", palette, key)


def enabled_text(enabled: bool, palette: Palette | None = None, words: bool = False) -> Text:
    if enabled:
        return _styled("✔ enabled" if words else "✔", palette, "success")
    return _styled("✘ disabled" if words else "✘", palette, "error")


def format_date(value: datetime | None, seconds: bool = False) -> str:
    """``2024-05-01 12:34`` in UTC (``…:56 UTC`` with seconds); ``—`` when unknown."""
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M")


def user_cells(user: User, palette: Palette | None = None) -> tuple[Text, Text, Text, Text, Text, str]:
    """Username, status, enabled, email, phone, created: one row of the users table."""
    return (
        Text(safe_text(user.username)),
        status_text(safe_text(user.status), palette),
        enabled_text(user.enabled, palette),
        Text(safe_text(user.email) if user.email else "—"),
        Text(safe_text(user.phone) if user.phone else "—"),
        format_date(user.created),
    )


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
