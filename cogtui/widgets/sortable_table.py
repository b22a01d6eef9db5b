"""A DataTable that sorts by any column: click a header (again to reverse), or ``>`` for the next column
and ``<`` to reverse. The sorted column's header carries ▲ or ▼. Rows added later (a refresh, a filter,
a page arriving) are put in order once the batch is in, and the cursor stays on the row it was on.

Numbers sort as numbers (``1,200`` after ``300``), everything else as case-insensitive text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

ARROWS = {False: " ▲", True: " ▼"}


def sort_key(value: Any) -> tuple[int, float, str]:
    """Numbers first and by value, then text without case; a ``Text`` cell sorts by its plain text."""
    text = value.plain if isinstance(value, Text) else str(value)
    try:
        return (0, float(text.replace(",", "").strip()), "")
    except ValueError:
        return (1, 0.0, text.casefold())


class SortableTable(DataTable[Any]):
    """A DataTable with a sort column and direction shown in its header."""

    HELP = "Click a header to sort by it (again to reverse); > sorts by the next column, < reverses."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("greater_than_sign", "sort_next", "Sort by next column", show=False, id="table.sort_next"),
        Binding("less_than_sign", "sort_reverse", "Reverse sort", show=False, id="table.sort_reverse"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sort_column: ColumnKey | None = None
        self.sort_descending = False
        self._labels: dict[ColumnKey, Text] = {}
        self._resort_pending = False

    def add_row(
        self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None
    ) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        if self.sort_column is not None and not self._resort_pending:
            self._resort_pending = True
            self.call_after_refresh(self._resort)
        return row_key

    def _resort(self) -> None:
        self._resort_pending = False
        if self.sort_column is not None:
            self.sort_by(self.sort_column, self.sort_descending)

    def sort_by(self, column: ColumnKey, descending: bool = False) -> None:
        """Sort by ``column``; the header shows the arrow, the cursor keeps its row."""
        self.sort_column, self.sort_descending = column, descending
        for key, column_info in self.columns.items():
            self._labels.setdefault(key, column_info.label.copy())
        for key, label in self._labels.items():
            shown = label.copy()
            if key == column:
                shown.append(ARROWS[descending])
                width = self.columns[key].content_width
                self.columns[key].content_width = max(width, shown.cell_len)  # the arrow is never cut off
            self.columns[key].label = shown
        current = self._cursor_key()
        self.sort(column, key=sort_key, reverse=descending)
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def _cursor_key(self) -> RowKey | None:
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        same = event.column_key == self.sort_column
        self.sort_by(event.column_key, descending=not self.sort_descending if same else False)

    def action_sort_next(self) -> None:
        keys = list(self.columns)
        if not keys:
            return
        at = keys.index(self.sort_column) + 1 if self.sort_column in keys else 0
        self.sort_by(keys[at % len(keys)])

    def action_sort_reverse(self) -> None:
        keys = list(self.columns)
        if keys:
            column = self.sort_column if self.sort_column is not None else keys[0]
            self.sort_by(column, descending=not self.sort_descending)
