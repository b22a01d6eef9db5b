"""A read-only table with a row cursor that draws only the rows on screen.

Built on Textual's line API (``ScrollView`` + ``render_line``): the table keeps its rows in a list and
renders a line when the compositor asks for it, so a frame costs what is visible, not what is stored,
and ``add_rows`` costs the page it appends (the rows already there are never looked at again). Each
row's cells are turned into segments the first time that row is drawn and kept in a bounded cache;
the zebra stripe and the cursor are applied on top at draw time, from the theme's component classes.

Rows come from a ``RowSource`` (``table_rows``): the table's own list (``add_rows``), or a screen's
store handed over with ``set_source`` (a sorted or searched view of it is another source). Columns are
fixed (a label and a width; columns with a ``flex`` share split the room left over) and the header row
stays on top while the rows scroll; ``show_sort`` puts ▲ or ▼ on a column, and a click on a header
posts ``HeaderSelected``. Keys: up/down, page up/down, home/end move the cursor
(the view follows it), Enter posts ``RowSelected``; a click moves the cursor, a second click on the
same row selects it. Every cursor move posts ``RowHighlighted``. Cells are plain ``str`` or rich
``Text`` (never parsed as markup), so user-controlled values are shown as they are; how a row
becomes a line is in ``table_line``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from cogtui.widgets.table_line import Column, column_widths, render_cells
from cogtui.widgets.table_rows import Cell, ListRows, RowKey, RowSource

__all__ = ["Cell", "Column", "RowKey", "RowSource", "VirtualTable"]

ARROWS = {False: " ▲", True: " ▼"}
HEADER_HEIGHT = 1
GROW_INTERVAL = 0.1  # seconds between two layouts of the scrollbars while rows stream in
ROW_CACHE_SIZE = 512  # rows whose segments are kept: a few screens' worth, whatever the row count


class VirtualTable(ScrollView, can_focus=True):
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

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        zebra_stripes: bool = True,
        cell_padding: int = 1,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        if not columns:
            raise ValueError("a table needs at least one column")
        self.columns: tuple[Column, ...] = tuple(columns)
        self.zebra_stripes = zebra_stripes
        self.cell_padding = cell_padding
        self._list = ListRows(len(self.columns))
        self._source: RowSource = self._list
        self.sort_column: int | None = None
        self.sort_descending = False
        self._cursor_row = 0
        # The narrowest the row gets: shrinkable columns at their minimum (below it, the table scrolls).
        self._min_width = sum(c.min_width or c.width for c in self.columns) + 2 * cell_padding * len(
            self.columns
        )
        self._layout_width = -1
        self._widths: list[int] = []
        self._row_cache: LRUCache[int, Strip] = LRUCache(ROW_CACHE_SIZE)  # cells, no row style
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(ROW_CACHE_SIZE)  # as drawn
        self._header_cache: Strip | None = None
        self._styles: dict[str, Style] | None = None
        self._grow_timer: Timer | None = None
        self._grow_due = False
        self.virtual_size = Size(self._min_width, HEADER_HEIGHT)

    # -- rows ---------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._source)

    @property
    def source(self) -> RowSource:
        return self._source

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

    def show_sort(self, column: int | None, descending: bool = False) -> None:
        """Mark ``column``'s header with ▲ (up) or ▼ (down); None marks none."""
        self.sort_column, self.sort_descending = column, descending
        self._header_cache = None
        self.refresh_lines(0, HEADER_HEIGHT)

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

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

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
            self._header_clicked(offset.x + round(self.scroll_x))
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

    def _header_clicked(self, x: int) -> None:
        edge = 0
        for column, width in enumerate(self._column_widths()):
            edge += width + 2 * self.cell_padding
            if x < edge:
                self.post_message(self.HeaderSelected(self, column))
                return

    # -- drawing ------------------------------------------------------------------------------------

    def _grow(self) -> None:
        """Fit the scrollable area to the rows after an append, at most every ``GROW_INTERVAL``: a
        layout per page would redraw the scrollbars 60 times a second for nothing."""
        self._grow_due = True
        if not self.is_mounted:
            self._sync_size()
        elif self._grow_timer is None:
            self._grow_timer = self.set_timer(GROW_INTERVAL, self._grown)

    def _grown(self) -> None:
        self._grow_timer = None
        self._sync_size()

    def _sync_size(self) -> None:
        """Bring the scrollable area up to date (before the cursor moves or the view scrolls). Unlike
        assigning ``virtual_size``, this lays out the scrollbars without repainting the rows on screen."""
        if self._grow_due:
            self._grow_due = False
            self.set_reactive(
                ScrollView.virtual_size, Size(self._min_width, len(self._source) + HEADER_HEIGHT)
            )
            self.refresh(repaint=False, layout=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._clear_caches()

    def _clear_caches(self) -> None:
        self._row_cache.clear()
        self._line_cache.clear()
        self._header_cache = None

    def _refresh_rows(self, start: int, count: int) -> None:
        """Redraw the rows ``start``..``start + count`` that are on screen (and only those)."""
        top = round(self.scroll_y)
        first = max(start, top)
        last = min(start + count, top + self._visible_rows())
        if first < last:
            self.refresh_lines(first + HEADER_HEIGHT, last - first)

    def _column_widths(self) -> list[int]:
        """Widths of the columns for the room there is; the caches are dropped when it changes."""
        available = self.scrollable_content_region.width
        if available != self._layout_width:
            self._layout_width = available
            self._widths = column_widths(self.columns, available, self.cell_padding)
            self._clear_caches()
        return self._widths

    def _render_cells(self, cells: Iterable[Cell]) -> Strip:
        return render_cells(cells, self._column_widths(), self.cell_padding, self.app.console)

    def _render_row(self, index: int) -> Strip:
        """The segments of one row: the only place a row's cells are read to draw it."""
        return self._render_cells(self._source.cells(index))

    def _resolve_styles(self) -> dict[str, Style]:
        """The widget's style combined with each component's, looked up once per repaint."""
        base = self.rich_style
        styles = {name: base + self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}
        styles["base"] = base
        return styles

    def _row_style(self, index: int) -> Style:
        styles = self._styles or self._resolve_styles()
        if index == self._cursor_row:
            return styles["virtual-table--cursor"]
        if self.zebra_stripes:
            return styles["virtual-table--odd-row" if index % 2 else "virtual-table--even-row"]
        return styles["base"]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = self._resolve_styles()
        try:
            return super().render_lines(crop)
        finally:
            self._styles = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x = round(self.scroll_x)
        self._column_widths()
        if y < HEADER_HEIGHT:
            style = (self._styles or self._resolve_styles())["virtual-table--header"]
            strip = self._header_cache or self._render_cells(self._header_labels())
            self._header_cache = strip
        else:
            index = round(self.scroll_y) + y - HEADER_HEIGHT
            if index >= len(self._source):
                return Strip.blank(width, (self._styles or self._resolve_styles())["base"])
            style = self._row_style(index)
            is_cursor = index == self._cursor_row
            key = (index, is_cursor, style, scroll_x, width)
            line = self._line_cache.get(key)
            if line is None:
                cached = self._row_cache.get(index)
                strip = self._row_cache[index] = self._render_row(index) if cached is None else cached
                if is_cursor:  # the cursor's colours win over the cells' own
                    strip = Strip(Segment.apply_style(strip, style, post_style=style), strip.cell_length)
                else:
                    strip = strip.apply_style(style)
                line = self._line_cache[key] = strip.crop_extend(scroll_x, scroll_x + width, style).simplify()
            return line
        return strip.apply_style(style).crop_extend(scroll_x, scroll_x + width, style).simplify()

    def _header_labels(self) -> list[Text]:
        labels = [Text(column.label) for column in self.columns]
        if self.sort_column is not None and 0 <= self.sort_column < len(labels):
            labels[self.sort_column].append(ARROWS[self.sort_descending])
        return labels
