"""Where a ``VirtualTable`` reads its rows: any ``RowSource`` (a length, the cells and key of a row).

``ListRows`` is the table's own store, a list of cell tuples with their keys, used when rows are added
with ``add_rows``. A screen with its own compact store (the users table keeps a million rows column by
column) hands the table a source that makes a row's cells only when the row is drawn, and replaces it
with another source to show the rows sorted or searched (a list of row indices, never copied rows).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Sequence
from typing import Protocol

from rich.text import Text

Cell = str | Text
RowKey = Hashable


class RowSource(Protocol):
    """The rows a table shows, in the order shown."""

    def __len__(self) -> int: ...

    def cells(self, index: int) -> Sequence[Cell]:
        """The cells of the row shown at ``index`` (one per column)."""
        ...

    def key(self, index: int) -> RowKey:
        """A key that stays with the row when rows are sorted, filtered or added."""
        ...

    def index_of(self, key: RowKey) -> int:
        """Where the row of ``key`` is shown; ``KeyError`` when it is not."""
        ...


class ListRows:
    """Rows kept as tuples of cells, each with a unique key (given, or counted from 0)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._rows: list[tuple[Cell, ...]] = []
        self._keys: list[RowKey] = []
        self._index: dict[RowKey, int] = {}
        self._new_keys = itertools.count()  # never reset, so a key from before a clear never comes back

    def __len__(self) -> int:
        return len(self._rows)

    def cells(self, index: int) -> tuple[Cell, ...]:
        return self._rows[index]

    def key(self, index: int) -> RowKey:
        return self._keys[index]

    def index_of(self, key: RowKey) -> int:
        return self._index[key]

    def add(self, rows: Iterable[Sequence[Cell]], keys: Iterable[RowKey] | None) -> tuple[int, list[RowKey]]:
        """Append ``rows``; returns where they start and their keys. Costs the rows appended."""
        new_rows = [tuple(row) for row in rows]
        if any(len(row) != self.width for row in new_rows):
            raise ValueError(f"every row needs {self.width} cells")
        new_keys: list[RowKey] = list(keys) if keys is not None else [next(self._new_keys) for _ in new_rows]
        if len(new_keys) != len(new_rows):
            raise ValueError("one key per row")
        if len(set(new_keys)) != len(new_keys) or any(key in self._index for key in new_keys):
            raise ValueError("row keys must be unique")
        start = len(self._rows)
        self._rows.extend(new_rows)
        self._keys.extend(new_keys)
        self._index.update(zip(new_keys, range(start, start + len(new_rows)), strict=True))
        return start, new_keys

    def clear(self) -> None:
        """No rows; keys counted from here on still never repeat one given before."""
        self._rows, self._keys, self._index = [], [], {}

    def update(self, index: int, cells: Sequence[Cell]) -> None:
        if len(cells) != self.width:
            raise ValueError(f"every row needs {self.width} cells")
        self._rows[index] = tuple(cells)

    def remove(self, key: RowKey) -> int:
        """Remove the row of ``key``; returns where it was. Renumbers the rows after it."""
        index = self._index.pop(key)
        del self._rows[index]
        del self._keys[index]
        for position in range(index, len(self._keys)):
            self._index[self._keys[position]] = position
        return index
