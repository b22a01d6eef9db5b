"""The users table's search text: every row's lower-cased search line, kept in a few large blocks.

One ``str`` per row would cost about 57 bytes of object header and list slot on top of its characters,
for a million rows. ``SearchText`` joins the lines of ``BLOCK_ROWS`` rows with "\\n" into one block,
with an ``array`` of where each line starts. A search runs a compiled pattern over each block in C
(``text[^\\n]*``: at most one match a line, since a match runs to the end of its line) and maps the
offsets of the matches to rows with ``bisect``, also in C (through ``map``), against the block's line
starts as a list for the time of the search (bisecting the ``array`` itself would make a Python int
at every step). When the block before had the text in at least one line in ``SPLIT_SHARE``, the next
one is split into its lines for the time of the search instead (a match object each would cost more):
blocks are alike, and counting the text first would cost one more pass over every block. The newest
lines wait in a plain list until they fill a block. No Textual here.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from array import array
from collections.abc import Iterable, Iterator

BLOCK_ROWS = 4096  # lines a block holds (a few hundred KB): few blocks, cheap to rebuild one
SPLIT_SHARE = 4  # a block after one with the text in at least one line in this many is split into lines


def _contain(lines: Iterable[str], needle: str) -> Iterator[bool]:
    return map(operator.contains, lines, itertools.repeat(needle))


def _block(lines: list[str]) -> tuple[str, array[int]]:
    starts = array("I", [0])
    starts.extend(itertools.accumulate(len(line) + 1 for line in lines))
    return "\n".join(lines), starts


class SearchText:
    """The search lines of rows ``0 .. len - 1``, in row order."""

    def __init__(self) -> None:
        self._blocks: list[str] = []
        self._starts: list[array[int]] = []  # per block: where each line starts, then its length + 1
        self._tail: list[str] = []  # the lines after the last block

    def __len__(self) -> int:
        return sum(len(starts) - 1 for starts in self._starts) + len(self._tail)

    def extend(self, lines: Iterable[str]) -> None:
        self._tail.extend(line.replace("\n", " ") for line in lines)
        while len(self._tail) >= BLOCK_ROWS:
            text, starts = _block(self._tail[:BLOCK_ROWS])
            self._blocks.append(text)
            self._starts.append(starts)
            del self._tail[:BLOCK_ROWS]

    def search(self, needle: str, start: int = 0) -> list[int]:
        """The rows from ``start`` on (ascending) whose line holds ``needle`` (lower-cased, not empty)."""
        if "\n" in needle:  # no line holds one (they were made spaces): a match would span two rows
            return []
        pattern = re.compile(re.escape(needle) + "[^\n]*")
        found: list[int] = []
        base = 0
        split = False  # whether the last block had at least one line in SPLIT_SHARE holding the text
        for text, starts in zip(self._blocks, self._starts, strict=True):
            count = len(starts) - 1
            if base + count <= start:  # a block of rows before ``start``: skipped
                base += count
                continue
            before = len(found)
            if split:  # many lines match (as in the block before): test each line (one str each, for now)
                lines = text.split("\n")
                found.extend(itertools.compress(range(base, base + count), _contain(lines, needle)))
            else:  # one pass over the block finds the matches, if any
                offsets = map(re.Match.start, pattern.finditer(text))
                found_lines = map(bisect.bisect_right, itertools.repeat(starts.tolist()), offsets)  # line + 1
                found.extend(map(operator.add, itertools.repeat(base - 1), found_lines))
            split = (len(found) - before) * SPLIT_SHARE >= count  # blocks alike: the next one likely too
            base += count
        found = found[bisect.bisect_left(found, start) :]
        skip = max(0, start - base)  # tail lines before ``start``
        tail = itertools.islice(self._tail, skip, None)
        rows = range(base + skip, base + len(self._tail))
        found.extend(itertools.compress(rows, _contain(tail, needle)))
        return found

    def replace(self, index: int, line: str) -> None:
        self._edit(index, line.replace("\n", " "))

    def delete(self, index: int) -> None:
        self._edit(index, None)

    def _edit(self, index: int, line: str | None) -> None:
        """Put ``line`` in place of line ``index`` (None: remove it; the lines after it move up one)."""
        for block, starts in enumerate(self._starts):
            if index < len(starts) - 1:
                lines = self._blocks[block].split("\n")
                if line is None:
                    del lines[index]
                else:
                    lines[index] = line
                if lines:
                    self._blocks[block], self._starts[block] = _block(lines)
                else:
                    del self._blocks[block], self._starts[block]
                return
            index -= len(starts) - 1
        if line is None:
            del self._tail[index]
        else:
            self._tail[index] = line

    def lines(self) -> Iterator[str]:
        """Every line, in row order."""
        for text in self._blocks:
            yield from text.split("\n")
        yield from self._tail
