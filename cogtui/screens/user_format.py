"""Users' table cells: the words of ``cogtui.describe.users`` as rich ``Text`` in the theme's colours.

Cells are rich ``Text`` (so attribute values containing ``[`` are never read as markup), values are
escaped (a newline in a username cannot break a row) and colours come from a palette the screen builds
from the theme's variables.
"""

from __future__ import annotations

from rich.text import Text

from cogtui.aws.models import User
from cogtui.describe.users import enabled_mark, format_date, status_mark
from cogtui.text_safety import safe_text

__all__ = ["Palette", "enabled_text", "palette_from", "status_text", "user_cells"]

Palette = dict[str, str]


def palette_from(variables: dict[str, str]) -> Palette:
    """The theme colours the cells use, from ``App.get_css_variables()``."""
    return {key: variables.get(key, "") for key in ("success", "warning", "error", "text-muted")}


def _styled(mark: tuple[str, str], palette: Palette | None) -> Text:
    text, key = mark
    return Text(text, style=(palette or {}).get(key) or "")


def status_text(status: str, palette: Palette | None = None) -> Text:
    return _styled(status_mark(status), palette)


def enabled_text(enabled: bool, palette: Palette | None = None, words: bool = False) -> Text:
    return _styled(enabled_mark(enabled, words), palette)


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
