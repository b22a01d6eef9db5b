"""Orders of the users table's rows kept up to date as pages arrive, without lists of a million ints.

A sorted column's rows are kept in one ``array('I')`` of row indices in ascending order (4 bytes a row),
equal values in listing order, with the set of values that more than one row holds (``Order.tied``).
Rows listed later are sorted among themselves and put in place by bisection (``bisect`` with the
column's key, in C): a later row goes after the equal rows already there. The array is then spliced
slice by slice, so the cost is the rows added (a sort and a bisection each) plus one copy of the array,
and no Python int is made for the rows already ordered.

The descending order is made when asked (``descending_rows``): the ascending array reversed, a copy in C,
then each run of a tied value turned back into listing order (found by two bisections), so that equal
values keep their listing order both ways. A column where most values are tied (more than
``MAX_TIED`` distinct ones) is sorted again instead. No Textual here.
"""

from __future__ import annotations

import functools
import itertools
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

MAX_TIED = 10_000  # distinct tied values beyond which the descending order is sorted, not reversed
CHUNK = 500  # rows placed by bisection between two pauses (about 2 ms of a million-row column)


@dataclass(frozen=True, slots=True)
class Order:
    """The rows of one column in ascending order, and the values more than one of them holds."""

    ascending: array[int]
    tied: frozenset[Any]


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


def _repeated(values: list[Any]) -> Iterable[Any]:
    """The values of a sorted list equal to the one before them."""
    later = values[1:]
    return itertools.compress(later, map(operator.eq, later, values))


def _no_pause() -> None:
    return None


def extended(
    order: Order | None,
    new_rows: range,
    key: Callable[[int], Any],
    pause: Callable[[], None] = _no_pause,
) -> Order:
    """``order`` (of the rows before ``new_rows``; None when there are none) with ``new_rows`` put in.

    ``pause`` is called after each ``CHUNK`` rows placed: on a background thread, ``time.sleep(0)`` lets
    the other threads run (a bisection in C holds the interpreter for as long as it runs)."""
    up = sorted(new_rows, key=key)
    values = list(map(key, up))
    tied = set(_repeated(values))
    if order is None or not order.ascending:
        return Order(array("I", up), frozenset(tied))
    ascending = order.ascending
    place = functools.partial(bisect_right, ascending, key=key)
    positions: list[int] = []
    for start in range(0, len(values), CHUNK):
        positions.extend(map(place, values[start : start + CHUNK]))
        pause()
    # The row before each position holds the greatest value not above the new one; equal: a tie. A
    # position of 0 compares with the last row, whose value is above every new one placed there.
    before = map(key, map(ascending.__getitem__, map(operator.sub, positions, itertools.repeat(1))))
    tied.update(itertools.compress(values, map(operator.eq, values, before)))
    return Order(_spliced(ascending, positions, up), order.tied | tied if tied else order.tied)


def descending_rows(order: Order, key: Callable[[int], Any]) -> array[int]:
    """The rows of ``order`` from the greatest value down, equal values still in listing order."""
    ascending = order.ascending
    if len(order.tied) > MAX_TIED:
        return array("I", sorted(ascending, key=key, reverse=True))  # stable: equal rows keep their order
    down = ascending[::-1]
    count = len(ascending)
    for value in order.tied:
        start = bisect_left(ascending, value, key=key)
        end = bisect_right(ascending, value, key=key)
        down[count - end : count - start] = ascending[start:end]
    return down
