"""The drawing half of ``VirtualTable``: rows of a ``RowSource`` under a sticky header, drawn one line at a
time through Textual's line API, only for the rows on screen.

Each row's cells are turned into segments the first time that row is drawn and kept in a bounded cache;
the zebra stripe and the cursor are applied on top at draw time, from the theme's component classes.
The scrollable area grows with the rows at most every ``GROW_INTERVAL`` while they stream in. The
sorted column's header carries ▲ or ▼ (``show_sort``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from cogtui.widgets.table_line import Column, column_widths, render_cells
from cogtui.widgets.table_rows import Cell, ListRows, RowSource

ARROWS = {False: " ▲", True: " ▼"}
HEADER_HEIGHT = 1
GROW_INTERVAL = 0.25  # seconds between two layouts of the scrollbars while rows stream in
ROW_CACHE_SIZE = 512  # rows whose segments are kept: a few screens' worth, whatever the row count


class TableCanvas(ScrollView):
    """Draws the rows of its source under a header; the cursor row and zebra stripes are styled."""

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

    @property
    def row_count(self) -> int:
        return len(self._source)

    @property
    def source(self) -> RowSource:
        return self._source

    def show_sort(self, column: int | None, descending: bool = False) -> None:
        """Mark ``column``'s header with ▲ (up) or ▼ (down); None marks none."""
        self.sort_column, self.sort_descending = column, descending
        self._header_cache = None
        self.refresh_lines(0, HEADER_HEIGHT)

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _header_column(self, x: int) -> int | None:
        """The column under ``x`` (a cell of the header row, scrolling included)."""
        edge = 0
        for column, width in enumerate(self._column_widths()):
            edge += width + 2 * self.cell_padding
            if x < edge:
                return column
        return None

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
