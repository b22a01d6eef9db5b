"""A table of token claims (or header fields): name, value, and a glossary line under each value.

Each row is two lines: the value (times as UTC and relative, e.g. "2026-01-15 10:30:00 UTC (in 59m)")
and, dimmed, the raw time and what the claim means. `update_times(now)` rewrites only the cells of
time claims, so a live countdown does not rebuild the table. Names and values are rich `Text`, never
markup, with control characters escaped: claims are user-controlled and may contain "[" or a newline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from cogtui.clock import format_relative, format_utc, is_number
from cogtui.text_safety import safe_text
from cogtui.tokens import ClaimRow
from cogtui.tokens.glossary import TIME_CLAIMS

NAME_WIDTH_RANGE = (6, 22)
MIN_VALUE_WIDTH = 16
FALLBACK_WIDTH = 56
# Two columns, each with one cell of padding on both sides.
CELL_PADDING = 4


def claim_text(value: Any) -> str:
    """What "copy claim" copies: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=repr)


class ClaimsTable(DataTable[Text]):
    """Claims of one token; `show(rows)` fills it, the cursor row can be copied."""

    DEFAULT_CSS = """
    ClaimsTable { width: 1fr; height: auto; max-height: 60; }
    """

    def __init__(self, *, timed: bool = True, name_label: str = "Claim", **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.timed = timed
        self.name_label = name_label
        self.claim_rows: tuple[ClaimRow, ...] = ()
        self.now = 0.0
        self._rendered_width = -1
        self._time_cells: dict[str, str] = {}

    # -- filling ------------------------------------------------------------------------------

    def show(self, rows: Sequence[ClaimRow], now: float = 0.0) -> None:
        """Replace the rows, keeping the cursor on the same claim when it is still there."""
        self.claim_rows = tuple(rows)
        self.now = now
        self._render_rows()

    def _widths(self) -> tuple[int, int]:
        total = self.size.width or FALLBACK_WIDTH
        longest = max((len(row.name) for row in self.claim_rows), default=NAME_WIDTH_RANGE[0])
        name_width = min(max(longest, NAME_WIDTH_RANGE[0]), NAME_WIDTH_RANGE[1])
        return name_width, max(MIN_VALUE_WIDTH, total - name_width - CELL_PADDING)

    def _render_rows(self) -> None:
        selected = self.selected_name()
        self.clear(columns=True)
        name_width, value_width = self._widths()
        self._rendered_width = self.size.width
        self.add_column(self.name_label, key="claim", width=name_width)
        self.add_column("Value", key="value", width=value_width)
        self._time_cells = {}
        for row in self.claim_rows:
            name = Text(row.label, no_wrap=True, overflow="ellipsis")
            self.add_row(name, self._value_cell(row), key=row.name, height=2)
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected), animate=False)

    def _is_time(self, row: ClaimRow) -> bool:
        return self.timed and row.name in TIME_CLAIMS and is_number(row.value)

    def _value_cell(self, row: ClaimRow) -> Text:
        if self._is_time(row):
            first = f"{format_utc(row.value)} ({format_relative(row.value - self.now)})"
            second = f"{row.rendered} · {row.explanation}"
        else:
            first, second = row.rendered, row.explanation
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(safe_text(first))
        text.append("\n")
        text.append(safe_text(second), style="dim")
        return text

    def on_resize(self, event: events.Resize) -> None:
        if self.claim_rows and event.size.width != self._rendered_width:
            self._render_rows()

    # -- live times ---------------------------------------------------------------------------

    def update_times(self, now: float) -> None:
        """Rewrite the value cells of time claims for `now` (the rest of the table is untouched)."""
        self.now = now
        for row in self.claim_rows:
            if self._is_time(row) and row.name in self.rows:
                self.update_cell(row.name, "value", self._value_cell(row))

    # -- reading ------------------------------------------------------------------------------

    def selected_name(self) -> str | None:
        if self.row_count == 0 or not self.claim_rows:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return str(key.value) if key.value is not None else None

    def selected_row(self) -> ClaimRow | None:
        """The claim under the cursor, or None."""
        name = self.selected_name()
        return next((row for row in self.claim_rows if row.name == name), None)
