"""Orders of the users table's rows kept up to date as pages arrive, without lists of a million ints.

A sorted column's rows are kept in two ``array('I')`` of row indices, ascending and descending (4 bytes
a row each), equal values in listing order both ways. Rows listed later are sorted among themselves
and put in place by bisection against the ascending order (``bisect`` with the column's key, in C):
a later row goes after the equal rows already there, both ways. The arrays are then spliced slice by
slice, so the cost is the rows added (a sort and a bisection each) plus one copy of the arrays, and
no Python int is made for the rows already ordered. No Textual here.
"""

from __future__ import annotations

import functools
import itertools
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any

Orders = tuple["array[int]", "array[int]"]  # ascending, descending


def _spliced(ordered: array[int], positions: Iterable[int], rows: list[int]) -> array[int]:
    """``ordered`` with each of ``rows`` put before the row at its position (positions not decreasing)."""
    out = array("I")
    done = 0
    for position, row in zip(positions, rows, strict=False):
        out += ordered[done:position]
        out.append(row)
        done = position
    out += ordered[done:]
    return out


def extended(orders: Orders | None, new_rows: range, key: Callable[[int], Any]) -> Orders:
    """``orders`` (of the rows before ``new_rows``; None when there are none) with ``new_rows`` put in."""
    up = sorted(new_rows, key=key)
    down = sorted(new_rows, key=key, reverse=True)
    if orders is None:
        return array("I", up), array("I", down)
    ascending, descending = orders
    after_equal = functools.partial(bisect_right, ascending, key=key)
    below = functools.partial(bisect_left, ascending, key=key)  # rows with a smaller value
    down_positions = map(operator.sub, itertools.repeat(len(ascending)), map(below, map(key, down)))
    return (
        _spliced(ascending, map(after_equal, map(key, up)), up),
        _spliced(descending, down_positions, down),
    )
