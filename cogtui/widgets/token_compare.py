"""ID token and access token compared: claims they share (same or different values) or hold alone.

A table with one row per claim name (`= same`, `≠ different`, `◧ ID only`, `◨ access only`) and the
value in each token; values are rich `Text` (user-controlled, never markup).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from cogtui.text_safety import safe_text
from cogtui.tokens import ClaimComparison
from cogtui.tokens.claims import render_value

STATES = {
    "same": "= same",
    "different": "≠ different",
    "only-id": "◧ ID only",
    "only-access": "◨ access only",
}
NAME_WIDTH = 18
STATE_WIDTH = 13
MIN_VALUE_WIDTH = 12
FALLBACK_WIDTH = 116
# Four columns, each with one cell of padding on both sides.
CELL_PADDING = 8


def comparison_summary(comparison: ClaimComparison) -> str:
    return (
        f"{len(comparison.same)} same · {len(comparison.different)} different · "
        f"{len(comparison.only_in_id)} only in the ID token · "
        f"{len(comparison.only_in_access)} only in the access token"
    )


class ClaimComparisonTable(DataTable[Text]):
    """`show(comparison)` lists every claim of either token with how the two tokens agree."""

    DEFAULT_CSS = """
    ClaimComparisonTable { width: 1fr; height: auto; max-height: 80; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.comparison: ClaimComparison | None = None
        self._rendered_width = -1

    def show(self, comparison: ClaimComparison | None) -> None:
        self.comparison = comparison
        self._render_rows()

    def _render_rows(self) -> None:
        self.clear(columns=True)
        self._rendered_width = self.size.width
        total = self.size.width or FALLBACK_WIDTH
        value_width = max(MIN_VALUE_WIDTH, (total - NAME_WIDTH - STATE_WIDTH - CELL_PADDING) // 2)
        self.add_column("Claim", key="claim", width=NAME_WIDTH)
        self.add_column("", key="state", width=STATE_WIDTH)
        self.add_column("ID token", key="id", width=value_width)
        self.add_column("Access token", key="access", width=value_width)
        if self.comparison is None:
            return
        for row in self.comparison.rows:
            self.add_row(
                _cell(row.name),
                _cell(STATES[row.state]),
                _cell(render_value(row.id_value) if row.state != "only-access" else "—"),
                _cell(render_value(row.access_value) if row.state != "only-id" else "—"),
                key=row.name,
            )

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._rendered_width:
            self._render_rows()


def _cell(text: str) -> Text:
    return Text(safe_text(text), no_wrap=True, overflow="ellipsis", end="")
