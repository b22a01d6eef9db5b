"""The users table's order: a sort by any column and a local search over the rows already loaded.

Both are a list of row indices into the screen's ``UserRows`` (never copied rows): the search keeps the
rows whose lower-cased search line holds the text, the sort orders them by a column, stable both ways.
While pages stream in, rows that arrive after the order was made are put in place on a coalesced tick
(``extend``): searched, sorted among themselves, then merged into the order, at most every
``TICK_S`` and never more than about a third of the time (a tick that took 0.3 s waits 0.9 s).
A longer search text that starts from the current one is looked for among the current matches only.
"""

from __future__ import annotations

import time

from cogtui.aws.user_rows import COLUMNS, UserRows
from cogtui.screens.user_format import Palette
from cogtui.widgets.user_rows_view import UserRowsView

TICK_S = 0.5  # at most this often, new rows are put into a sorted or searched order while streaming
BUSY_SHARE = 3  # a tick waits at least this many times as long as the last one took


class UsersOrder:
    """Which rows the table shows and in what order; ``source()`` hands them to the table."""

    def __init__(self, rows: UserRows, palette: Palette | None = None) -> None:
        self.rows = rows
        self.palette = palette
        self.sort: tuple[int, bool] | None = None  # column index, descending
        self.query = ""
        self.order: list[int] | None = None  # None: every row, in listing order
        self.covered = 0  # rows of the store the order has taken into account
        self.last_ms = 0.0  # how long the last change of order took
        self._next_tick = 0.0

    @property
    def active(self) -> bool:
        return self.sort is not None or bool(self.query)

    @property
    def shown(self) -> int:
        return len(self.rows) if self.order is None else len(self.order)

    def source(self) -> UserRowsView:
        return UserRowsView(self.rows, self.order, self.palette)

    def reset(self, rows: UserRows) -> None:
        """A new listing: the same sort and search, over ``rows``."""
        self.rows = rows
        self.order = None if not self.active else []
        self.covered = 0

    def sort_by(self, column: int | None, descending: bool = False) -> None:
        self.sort = None if column is None else (column, descending)
        self._rebuild(within=None)

    def search(self, text: str) -> None:
        """Show only the rows with ``text`` in any column (ignoring case); "" shows every row."""
        previous, self.query = self.query, text
        refine = bool(previous) and previous.lower() in text.lower() and self.covered == len(self.rows)
        self._rebuild(within=self.order if refine else None)

    def _rebuild(self, within: list[int] | None) -> None:
        started = time.perf_counter()
        rows = self.rows
        if within is not None:  # the matches of a shorter text, already in order
            order: list[int] | None = rows.search(self.query, within)
        else:
            order = rows.search(self.query) if self.query else None
            if self.sort is not None:
                column, descending = self.sort
                order = rows.order(COLUMNS[column], descending, order)
        self.order = order
        self.covered = len(rows)
        self.last_ms = (time.perf_counter() - started) * 1000

    def due(self) -> bool:
        """Rows arrived that a sorted or searched order does not hold yet, and the tick may run."""
        return self.active and self.covered < len(self.rows) and time.perf_counter() >= self._next_tick

    def extend(self) -> int | None:
        """Put the rows that arrived since the order was made into it. Returns where they start when
        they were only appended (a search without a sort), None when the order changed."""
        started = time.perf_counter()
        rows = self.rows
        if self.order is None:
            self.order = []
        new: list[int] | range = range(self.covered, len(rows))
        if self.query:
            new = rows.search(self.query, new)
        appended_at: int | None = None
        if self.sort is not None:
            column, descending = self.sort
            self.order = rows.merge_order(self.order, list(new), COLUMNS[column], descending)
        else:
            appended_at = len(self.order)
            self.order.extend(new)  # in place: the table's source is this same list
        self.covered = len(rows)
        took = time.perf_counter() - started
        self._next_tick = time.perf_counter() + max(TICK_S, BUSY_SHARE * took)
        return appended_at
