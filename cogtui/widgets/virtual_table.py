"""A read-only table with a row cursor that draws only the rows on screen (drawing: ``table_canvas``).

Rows come from a ``RowSource`` (``table_rows``): the table's own list (``add_rows``), or a screen's
store handed over with ``set_source`` (a sorted or searched view of it is another source). Columns are
fixed (a label and a width; columns with a ``flex`` share split the room left over) and the header row
stays on top while the rows scroll; ``show_sort`` puts ▲ or ▼ on a column, and a click on a header
posts ``HeaderSelected``. Keys: up/down, page up/down, home/end move the cursor
(the view follows it), Enter posts ``RowSelected``; a click moves the cursor, a second click on the
same row selects it. Every cursor move posts ``RowHighlighted``. Cells are plain ``str`` or rich
``Text`` (never parsed as markup), so user-controlled values are shown as they are; how a row
becomes a line is in ``table_line``. A frame costs what is visible, not what is stored, and
``add_rows`` costs the page it appends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message

from cogtui.widgets.table_canvas import HEADER_HEIGHT, TableCanvas
from cogtui.widgets.table_line import Column
from cogtui.widgets.table_rows import Cell, RowKey, RowSource

__all__ = ["Cell", "Column", "RowKey", "RowSource", "VirtualTable"]


class VirtualTable(TableCanvas, can_focus=True):
    """Rows of cells under a sticky header, with a row cursor; only visible rows are ever drawn."""

    HELP = "Up/Down, Page Up/Down, Home/End move the cursor; Enter (or a second click) opens the row."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Cursor up", show=False, id="virtual_table.up"),
        Binding("down", "cursor_down", "Cursor down", show=False, id="virtual_table.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="virtual_table.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="virtual_table.page_down"),
        Binding("home,ctrl+home", "first_row", "First row", show=False, id="virtual_table.first"),
        Binding("end,ctrl+end", "last_row", "Last row", show=False, id="virtual_table.last"),
        Binding("enter", "select_cursor", "Open row", show=False, id="virtual_table.select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
        "virtual-table--odd-row",
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface; color: $foreground; height: auto; max-height: 100%;
        & > .virtual-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .virtual-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .virtual-table--even-row { background: $surface-darken-1 40%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--header { background-tint: $foreground 5%; }
            & > .virtual-table--cursor {
                background: $block-cursor-background; color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class _RowMessage(Message):
        def __init__(self, table: VirtualTable, row_key: RowKey, cursor_row: int) -> None:
            self.table = table
            self.row_key = row_key
            self.cursor_row = cursor_row
            super().__init__()

        @property
        def control(self) -> VirtualTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved to ``cursor_row`` (whose key is ``row_key``)."""

    class RowSelected(_RowMessage):
        """The row under the cursor was chosen (Enter, or a click on the highlighted row)."""

    class HeaderSelected(Message):
        """A column's header was clicked (``column`` counts from 0)."""

        def __init__(self, table: VirtualTable, column: int) -> None:
            self.table = table
            self.column = column
            super().__init__()

        @property
        def control(self) -> VirtualTable:
            return self.table

    # -- rows ---------------------------------------------------------------------------------------

    def add_rows(self, rows: Iterable[Sequence[Cell]], keys: Iterable[RowKey] | None = None) -> list[RowKey]:
        """Append ``rows`` (one cell per column) and return their keys (``keys``, or new ones).

        Costs the rows appended: the rows already in the table are not touched."""
        if self._source is not self._list:
            raise RuntimeError("rows come from a source set with set_source")
        start, new_keys = self._list.add(rows, keys)
        self.rows_appended(start, len(new_keys))
        return new_keys

    def rows_appended(self, start: int, count: int) -> None:
        """The source gained ``count`` rows at ``start`` (its end): grow, and draw them if on screen."""
        if count <= 0:
            return
        self._grow()
        self._refresh_rows(start, count)
        if start == 0:
            self._post_highlighted()

    def set_source(self, source: RowSource, keep_cursor: bool = True) -> None:
        """Show ``source`` instead; with ``keep_cursor``, the cursor stays on its row if the new source
        has it (else it goes to the top)."""
        key = self.cursor_row_key if keep_cursor else None
        self._source = source
        self._clear_caches()
        self._grow_due = False
        self.virtual_size = Size(self._min_width, len(source) + HEADER_HEIGHT)
        row = 0
        if key is not None:
            try:
                row = source.index_of(key)
            except KeyError:
                row = 0
        self._cursor_row = max(0, min(row, len(source) - 1))
        if self.is_mounted and row:
            self.scroll_to_row(self._cursor_row)
        elif self.is_mounted:
            self.scroll_to(y=0, animate=False)
        self._post_highlighted()
        self.refresh()

    def update_row(self, key: RowKey, cells: Sequence[Cell]) -> None:
        """Replace the cells of one row; it is redrawn if it is on screen."""
        index = self.get_row_index(key)
        self._list.update(index, cells)
        self.row_changed(index)

    def row_changed(self, index: int) -> None:
        """The cells of the row at ``index`` changed in the source: draw it again."""
        self._row_cache.discard(index)
        self._line_cache.clear()
        self._refresh_rows(index, 1)

    def remove_row(self, key: RowKey) -> None:
        """Remove one row. Renumbers the rows after it, so it is meant for a user's action, not streams."""
        self.get_row_index(key)
        self._list.remove(key)
        self.rows_removed()

    def rows_removed(self) -> None:
        """Rows left the source: redraw, keeping the cursor's position within the rows left."""
        self._clear_caches()
        self._grow_due = False
        self.virtual_size = Size(self._min_width, len(self._source) + HEADER_HEIGHT)
        if self._cursor_row >= len(self._source):
            self._cursor_row = max(0, len(self._source) - 1)
        self._post_highlighted()  # another row is under the cursor now
        self.refresh()

    def clear(self) -> None:
        """Remove every row (back to the table's own empty list); the cursor goes back to the top."""
        self._list.clear()
        self._source = self._list
        self._clear_caches()
        self._cursor_row = 0
        self._grow_due = False
        self.virtual_size = Size(self._min_width, HEADER_HEIGHT)
        self.scroll_to(x=0, y=0, animate=False)
        self.refresh()

    def get_row_at(self, index: int) -> tuple[Cell, ...]:
        if not 0 <= index < len(self._source):
            raise IndexError(f"no row {index}")
        return tuple(self._source.cells(index))

    def get_row(self, key: RowKey) -> tuple[Cell, ...]:
        return tuple(self._source.cells(self.get_row_index(key)))

    def get_row_index(self, key: RowKey) -> int:
        try:
            return self._source.index_of(key)
        except KeyError:
            raise KeyError(f"no row with key {key!r}") from None

    # -- cursor -------------------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._cursor_row

    @cursor_row.setter
    def cursor_row(self, row: int) -> None:
        self.move_cursor(row=row)

    @property
    def cursor_row_key(self) -> RowKey | None:
        """The key of the row under the cursor; None when the table is empty."""
        return self._source.key(self._cursor_row) if len(self._source) else None

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        """Put the cursor on ``row`` (clamped to the rows there are) and, with ``scroll``, bring it into view."""
        if not len(self._source):
            return
        self._sync_size()
        row = max(0, min(row, len(self._source) - 1))
        if scroll:
            self.scroll_to_row(row)
        if row == self._cursor_row:
            return
        previous, self._cursor_row = self._cursor_row, row
        self._refresh_rows(previous, 1)
        self._refresh_rows(row, 1)
        self._post_highlighted()

    def scroll_to_row(self, row: int) -> None:
        """Scroll as little as needed for ``row`` to be on screen."""
        top = round(self.scroll_y)
        visible = self._visible_rows()
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, force=True)

    def _post_highlighted(self) -> None:
        if len(self._source):
            self.post_message(self.RowHighlighted(self, self._source.key(self._cursor_row), self._cursor_row))

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor_row + 1)

    def action_page_up(self) -> None:
        self._sync_size()
        page = self._visible_rows()
        self.scroll_to(y=round(self.scroll_y) - page, animate=False, force=True)
        self.move_cursor(row=self._cursor_row - page)

    def action_page_down(self) -> None:
        self._sync_size()
        page = self._visible_rows()
        self.scroll_to(y=round(self.scroll_y) + page, animate=False, force=True)
        self.move_cursor(row=self._cursor_row + page)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._source) - 1)

    def action_select_cursor(self) -> None:
        if len(self._source):
            self.post_message(self.RowSelected(self, self._source.key(self._cursor_row), self._cursor_row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER_HEIGHT:
            column = self._header_column(offset.x + round(self.scroll_x))
            if column is not None:
                self.post_message(self.HeaderSelected(self, column))
            return
        row = round(self.scroll_y) + offset.y - HEADER_HEIGHT
        if row >= len(self._source):
            return
        event.stop()
        self.focus()
        if row == self._cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)
