"""How one row of a ``VirtualTable`` becomes a line on screen: column widths for the room there is,
and cells cleaned, truncated and padded into one ``Strip`` carrying only the cells' own styles.

Plain functions (no widget state), so they can be tested on their own. Cells are ``str`` or rich
``Text``; a ``str`` is shown as it is (never parsed as markup) and control characters such as
newlines and tabs become spaces, so a row always stays one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

Cell = str | Text
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    """A column: its header ``label`` and ``width`` in cells; ``flex`` is its share of the spare room
    (0: the width is fixed); ``min_width`` how narrow it may get when the row does not fit (0: never
    narrower than ``width``)."""

    label: str
    width: int
    flex: int = 0
    min_width: int = 0


def column_widths(columns: Sequence[Column], available: int, padding: int) -> list[int]:
    """Each column's width (padding left out) when ``available`` cells are there for the whole row:
    the declared widths, plus the room left over shared between the ``flex`` columns by their shares."""
    widths = [column.width for column in columns]
    spare = available - sum(widths) - 2 * padding * len(columns)
    if spare < 0:
        return _shrunk(columns, widths, -spare)
    shares = sum(column.flex for column in columns)
    if spare == 0 or not shares:
        return widths
    given = 0
    for i, column in enumerate(columns):
        extra = spare * column.flex // shares
        widths[i] += extra
        given += extra
    for i in [i for i, column in enumerate(columns) if column.flex][: spare - given]:
        widths[i] += 1  # what the rounding left, one cell each
    return widths


def _shrunk(columns: Sequence[Column], widths: list[int], missing: int) -> list[int]:
    """Narrow terminals: the columns that may shrink give up cells, one at a time from the widest above
    its minimum, until the row fits (or none can give more; the table then scrolls sideways)."""
    while missing > 0:
        room = [
            (widths[i] - c.min_width, i)
            for i, c in enumerate(columns)
            if c.min_width and widths[i] > c.min_width
        ]
        if not room:
            break
        _, widest = max(room)
        widths[widest] -= 1
        missing -= 1
    return widths


def clean(cell: Cell) -> Text:
    """The cell as one line of ``Text``: control characters (newlines, tabs) become spaces."""
    text = cell if isinstance(cell, Text) else Text(cell)
    if _CONTROL.search(text.plain) is None:
        return text
    # One character for one character, so the spans still line up.
    return Text(_CONTROL.sub(" ", text.plain), style=text.style, spans=list(text.spans))


def render_cells(cells: Iterable[Cell], widths: Sequence[int], padding: int, console: Console) -> Strip:
    """One line: each cell truncated with an ellipsis or padded to its width, ``padding`` spaces on
    both sides. Segments carry the cells' own styles only; the row's style is applied when drawn."""
    pad = Segment(" " * padding) if padding else None
    segments: list[Segment] = []
    for cell, width in zip(cells, widths, strict=True):
        text = clean(cell)
        if text.cell_len > width:
            text = text.copy()
            text.truncate(width, overflow="ellipsis")
        if pad:
            segments.append(pad)
        if text.spans:
            segments.extend(text.render(console))
        elif text.plain:  # Text.render leaves out the base style of a Text without spans
            style = console.get_style(text.style, default=Style.null()) if text.style else None
            segments.append(Segment(text.plain, style))
        if (room := width - text.cell_len) > 0:
            segments.append(Segment(" " * room))
        if pad:
            segments.append(pad)
    return Strip(segments)
