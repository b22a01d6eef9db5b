"""The users table's rows as a ``VirtualTable`` reads them: cells made from the compact ``UserRows``
store only when a row is drawn, in listing order or in the order of a list of row indices (sorted,
searched, or both). A row's key is its index in the store, so it stays with the row whatever the order.
"""

from __future__ import annotations

from rich.text import Text

from cogtui.aws.user_rows import UserRows
from cogtui.screens.user_format import Palette, enabled_text, status_text
from cogtui.widgets.table_rows import Cell, RowKey

MISSING = "—"


class UserRowsView:
    """``rows`` shown in ``order`` (row indices), or all of them in listing order when it is None."""

    def __init__(
        self, rows: UserRows, order: list[int] | None = None, palette: Palette | None = None
    ) -> None:
        self.rows = rows
        self.order = order
        self.palette = palette
        self._status_cells: dict[int, Text] = {}  # a handful of distinct cells, shared by every row
        self._enabled_cells: dict[int, Text] = {}

    def __len__(self) -> int:
        return len(self.rows) if self.order is None else len(self.order)

    def key(self, index: int) -> RowKey:
        return index if self.order is None else self.order[index]

    def index_of(self, key: RowKey) -> int:
        if not isinstance(key, int) or not 0 <= key < len(self.rows):
            raise KeyError(key)
        if self.order is None:
            return key
        try:
            return self.order.index(key)
        except ValueError:
            raise KeyError(key) from None

    def cells(self, index: int) -> tuple[Cell, ...]:
        rows, row = self.rows, self.key(index)
        assert isinstance(row, int)
        code = rows.status_codes[row]
        status = self._status_cells.get(code)
        if status is None:
            status = self._status_cells[code] = status_text(rows.statuses[code], self.palette)
        flag = rows.enabled[row]
        enabled = self._enabled_cells.get(flag)
        if enabled is None:
            enabled = self._enabled_cells[flag] = enabled_text(bool(flag), self.palette)
        values = rows.row(row)
        return (
            values.username,
            status,
            enabled,
            values.email or MISSING,
            values.phone or MISSING,
            values.created or MISSING,
        )
