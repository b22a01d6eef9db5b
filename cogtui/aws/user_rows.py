"""The users table's rows, kept compact enough for a million users: only what the columns show.

A ``User`` model with its attribute dict costs about 1.9 KB a row; a million of them do not fit in a
terminal app's memory. ``rows_from_api`` turns one ListUsers page into a ``RowsPage`` (on the thread
that fetched it, so the event loop never sees the raw dicts): per column, the username, email and phone
as they came, the creation time as a float, the status and enabled flag as one-byte codes, and one
lower-cased search line per row. ``UserRows`` appends pages column by column (lists of ``str``, an
``array`` of floats, ``bytearray``s of codes, the search lines joined in large blocks: ``SearchText``),
about 260 bytes a row. A row's key is its username: the detail screen fetches the whole user
(AdminGetUser) when it opens.

``UserRows.order`` sorts row indices by a column (stable, both ways) and ``UserRows.search`` keeps
those whose search line contains a text: both work on index lists, never copying rows, and run their
loops in C (``sorted`` with a C key, a compiled pattern over the search blocks). ``merge_order`` puts
rows that arrived later into an order already computed, at the cost of one merge. Once a listing
passes ``PRESORT_FROM`` rows, a background thread keeps the ascending order by each sorted column up to
date as pages arrive (``presort``, each time ``PRESORT_STEP`` rows were added, one column at a time; see
``user_rows_orders``), so that a sort of a million rows only puts the last rows in and copies the order
(reversed for a descending sort). No Textual here.
"""

from __future__ import annotations

import bisect
import itertools
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cogtui.aws.models import User
from cogtui.aws.user_rows_orders import Order, descending_rows, extended
from cogtui.aws.user_rows_text import SearchText
from cogtui.clock import format_time

SEPARATOR = "\x1f"  # between the fields of a search line: no typed text contains it
MISSING_TIME = float("inf")  # a user without a creation date sorts last going up
_MASKS = [bytes(int(i == code) for i in range(256)) for code in range(256)]  # code -> 1, others -> 0
# Sort columns by name, as the table numbers them.
COLUMNS = ("username", "status", "enabled", "email", "phone", "created")
PRESORTED = ("username", "email", "phone", "created")  # the columns sorted by value (not grouped codes)
PRESORT_FROM = 50_000  # rows: below this, sorting on demand is quick enough
PRESORT_STEP = 10_000  # the orders are brought up to date again when this many rows were added


@dataclass(frozen=True, slots=True)
class RowsPage:
    """One page of users as the table keeps them, made on the fetching thread."""

    usernames: list[str]
    statuses: list[str]
    enabled: bytes  # 1 enabled, 0 disabled
    emails: list[str]  # "" when the user has none
    phones: list[str]
    created: array[float]  # epoch seconds, MISSING_TIME when unknown
    search: list[str]  # lower-cased "username␟status␟email␟phone␟created" per row

    def __len__(self) -> int:
        return len(self.usernames)


def created_text(timestamp: float) -> str:
    """``2024-05-01 12:34`` in UTC; "" when unknown (the same format as the detail screen's dates)."""
    if timestamp == MISSING_TIME:
        return ""
    return format_time(timestamp, "table")


def _email_and_phone(user: dict[str, Any]) -> tuple[str, str]:
    email = phone = ""
    for attribute in user.get("Attributes") or user.get("UserAttributes") or ():
        name = attribute.get("Name")
        if name == "email":
            email = str(attribute.get("Value") or "")
        elif name == "phone_number":
            phone = str(attribute.get("Value") or "")
    return email, phone


def _search_line(username: str, status: str, email: str, phone: str, created: float) -> str:
    return SEPARATOR.join((username, status, email, phone, created_text(created))).lower()


_shared: dict[str, str] = {}  # one str object per distinct status (a handful), shared by every row


def _share(value: str) -> str:
    return _shared.setdefault(value, value)


def _folded(username: str) -> str:
    lowered = username.lower()
    return username if lowered == username else lowered


def rows_from_api(users: Iterable[dict[str, Any]]) -> RowsPage:
    """A ListUsers page's ``Users`` as table rows (only what the columns show)."""
    usernames: list[str] = []
    statuses: list[str] = []
    enabled = bytearray()
    emails: list[str] = []
    phones: list[str] = []
    created = array("d")
    search: list[str] = []
    for user in users:
        username = str(user.get("Username") or "")
        status = _share(str(user.get("UserStatus") or "UNKNOWN"))
        email, phone = _email_and_phone(user)
        when = user.get("UserCreateDate")
        timestamp = when.timestamp() if isinstance(when, datetime) else MISSING_TIME
        usernames.append(username)
        statuses.append(status)
        enabled.append(1 if user.get("Enabled", True) else 0)
        emails.append(email)
        phones.append(phone)
        created.append(timestamp)
        search.append(_search_line(username, status, email, phone, timestamp))
    return RowsPage(usernames, statuses, bytes(enabled), emails, phones, created, search)


def rows_from_user(user: User) -> RowsPage:
    """One row for a user model (as the detail screen left it after an action)."""
    created = user.created.timestamp() if user.created is not None else MISSING_TIME
    status = _share(user.status)
    line = _search_line(user.username, status, user.email, user.phone, created)
    return RowsPage(
        [user.username],
        [status],
        bytes([1 if user.enabled else 0]),
        [user.email],
        [user.phone],
        array("d", [created]),
        [line],
    )


@dataclass(frozen=True, slots=True)
class RowValues:
    """One row's values, as the table draws them ("" for a missing email, phone or date)."""

    username: str
    status: str
    enabled: bool
    email: str
    phone: str
    created: str


def _let_others_run() -> None:
    """Hand the interpreter to the threads waiting for it (the one parsing pages, the event loop)."""
    time.sleep(0)


class UserRows:
    """The rows of one listing, column by column. Row ``i`` is the ``i``-th user listed."""

    def __init__(self) -> None:
        self.usernames: list[str] = []
        self.status_codes = bytearray()
        self.enabled = bytearray()
        self.emails: list[str] = []
        self.phones: list[str] = []
        self.created = array("d")
        self.folded: list[str] = []  # usernames lower-cased (the same object when already lower case)
        self.text = SearchText()
        self.statuses: list[str] = []  # code -> status name
        self._status_code: dict[str, int] = {}
        # per sorted column: the rows covered, and their ascending order
        self._orders: dict[str, tuple[int, Order]] = {}
        self._generation = 0  # changes when rows are replaced or deleted: orders made before are stale
        self._lock = threading.Lock()
        self._presorter: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self.usernames)

    def extend(self, page: RowsPage) -> range:
        """Append a page; returns the indices of its rows."""
        start = len(self.usernames)
        self.usernames.extend(page.usernames)
        self.status_codes.extend(map(self._code, page.statuses))
        self.enabled.extend(page.enabled)
        self.emails.extend(page.emails)
        self.phones.extend(page.phones)
        self.created.extend(page.created)
        self.folded.extend(map(_folded, page.usernames))
        self.text.extend(page.search)
        if len(self) >= PRESORT_FROM and len(self) - self.presorted_rows() >= PRESORT_STEP:
            self._start_presort()
        return range(start, len(self.usernames))

    def _code(self, status: str) -> int:
        code = self._status_code.get(status)
        if code is None:
            code = self._status_code[status] = len(self.statuses)
            if code > 255:
                raise ValueError("more than 256 distinct user statuses")
            self.statuses.append(status)
        return code

    def row(self, index: int) -> RowValues:
        return RowValues(
            self.usernames[index],
            self.statuses[self.status_codes[index]],
            bool(self.enabled[index]),
            self.emails[index],
            self.phones[index],
            created_text(self.created[index]),
        )

    def replace(self, index: int, page: RowsPage) -> None:
        """Put the one row of ``page`` (a user as the detail screen left it) in place of row ``index``."""
        if len(page) != 1:
            raise ValueError("replace takes a page of one row")
        self.usernames[index] = page.usernames[0]
        self.status_codes[index] = self._code(page.statuses[0])
        self.enabled[index] = page.enabled[0]
        self.emails[index] = page.emails[0]
        self.phones[index] = page.phones[0]
        self.created[index] = page.created[0]
        self.folded[index] = _folded(page.usernames[0])
        self.text.replace(index, page.search[0])
        self._stale()

    def delete(self, index: int) -> None:
        """Remove row ``index``; the rows after it move up one (orders computed before are stale)."""
        for column in self._columns():
            del column[index]
        self.text.delete(index)
        self._stale()

    def find(self, username: str) -> int | None:
        """The index of the row of ``username`` (None if not listed)."""
        try:
            return self.usernames.index(username)
        except ValueError:
            return None

    def _columns(self) -> tuple[Any, ...]:
        return (
            self.usernames,
            self.status_codes,
            self.enabled,
            self.emails,
            self.phones,
            self.created,
            self.folded,
        )

    # -- sort and search ------------------------------------------------------------------------------

    def order(self, column: str, descending: bool = False, rows: Iterable[int] | None = None) -> list[int]:
        """``rows`` (all by default) sorted by ``column``; equal values keep their listing order both ways.

        The username sorts without case (through its lower-cased copy), email and phone as they are; the status by name and the enabled flag (enabled first) by
        grouping their codes, which is linear; a missing email or phone ("") comes first going up."""
        chosen = None if rows is None else list(rows)
        if column == "status":
            names = self.statuses
            codes = sorted(range(len(names)), key=names.__getitem__, reverse=descending)
            return self._grouped(chosen, self.status_codes, codes)
        if column == "enabled":
            return self._grouped(chosen, self.enabled, [0, 1] if descending else [1, 0])
        if chosen is None:
            return self._every_row(column, descending)
        chosen.sort(key=self.sort_key(column), reverse=descending)
        return chosen

    def _every_row(self, column: str, descending: bool) -> list[int]:
        """Every row in the order of ``column``: the presorted order with later rows merged in."""
        kept = self._orders.get(column)
        key = self.sort_key(column)
        if kept is None:
            return sorted(range(len(self)), key=key, reverse=descending)
        covered, ready = kept
        if covered < len(self):
            ready = extended(ready, range(covered, len(self)), key)
        return (descending_rows(ready, key) if descending else ready.ascending).tolist()

    def sort_key(self, column: str) -> Callable[[int], Any]:
        """A key made of C calls only, for ``column`` (not status or enabled: they are grouped)."""
        keys: dict[str, Callable[[int], Any]] = {
            "username": self.folded.__getitem__,
            "email": self.emails.__getitem__,
            "phone": self.phones.__getitem__,
            "created": self.created.__getitem__,
        }
        try:
            return keys[column]
        except KeyError:
            raise ValueError(f"no sort key for column {column!r}") from None

    @staticmethod
    def _grouped(indices: list[int] | None, codes: bytearray, code_order: Sequence[int]) -> list[int]:
        """Rows grouped by code in ``code_order``, each group in listing order: one C pass per code
        (``bytes.translate`` makes a 0/1 mask, ``itertools.compress`` keeps the rows it marks)."""
        out: list[int] = []
        for code in code_order:
            mask = codes.translate(_MASKS[code])
            if indices is None:
                out.extend(itertools.compress(range(len(codes)), mask))
            else:
                out.extend(itertools.compress(indices, map(mask.__getitem__, indices)))
        return out

    def merge_order(
        self, ordered: list[int], new_rows: Iterable[int], column: str, descending: bool = False
    ) -> list[int]:
        """``ordered`` (already sorted by ``column``) with ``new_rows`` (listed after it) put in place."""
        added = self.order(column, descending, new_rows)
        if not added:
            return ordered
        if column in ("status", "enabled"):  # grouping is linear: do it again over both
            return self.order(column, descending, ordered + added)
        merged = ordered + added
        merged.sort(key=self.sort_key(column), reverse=descending)  # two sorted runs: one merge
        return merged

    def search(self, text: str, rows: Iterable[int] | None = None) -> list[int]:
        """The rows (all by default, in the order given) with ``text`` in any column, ignoring case."""
        needle = text.lower()
        if not needle:
            return list(range(len(self)) if rows is None else rows)
        if rows is None:
            return self.text.search(needle)
        if isinstance(rows, range) and rows.step == 1:  # rows listed since an order was made
            found = self.text.search(needle, rows.start)
            return found[: bisect.bisect_left(found, rows.stop)]
        found = self.text.search(needle)
        matched = set(found)
        return [row for row in rows if row in matched]

    # -- orders kept ready on a background thread -----------------------------------------------------

    def presorted_rows(self) -> int:
        """How many rows (from the first) every kept order covers."""
        kept = self._orders
        return min((kept[column][0] if column in kept else 0) for column in PRESORTED)

    def presort(self) -> bool:
        """Bring the ascending order by each ``PRESORTED`` column up to date with the rows listed so far:
        sort the rows added since the last time and merge them in, one column after the other (so only
        one column's order is ever copied at a time). False when rows were replaced or deleted
        meanwhile (the orders are then made again from scratch). Runs on a background thread while pages
        stream in."""
        generation, count = self._generation, len(self)
        for column in PRESORTED:
            covered, previous = self._orders.get(column, (0, None))
            if covered >= count:
                continue
            try:
                order = extended(previous, range(covered, count), self.sort_key(column), _let_others_run)
            except IndexError:  # a row was deleted under the sort
                return False
            with self._lock:
                if generation != self._generation:
                    return False
                self._orders[column] = (count, order)
            del previous, order  # the old order goes before the next column's copy is made
        return True

    def _start_presort(self) -> None:
        if self._presorter is not None and self._presorter.is_alive():
            return
        self._presorter = threading.Thread(
            target=self._presort_until_current, name="user-rows-sort", daemon=True
        )
        self._presorter.start()

    def wait_for_orders(self, timeout: float | None = None) -> None:
        """Wait until the background thread (if one runs) has brought the orders up to date."""
        if self._presorter is not None:
            self._presorter.join(timeout)

    def _presort_until_current(self) -> None:
        """Presort until fewer than ``PRESORT_STEP`` rows are left out (pages may arrive meanwhile)."""
        while not self.presort() or len(self) - self.presorted_rows() >= PRESORT_STEP:
            pass

    def _stale(self) -> None:
        """Rows changed in place or moved: the orders kept are made again from scratch."""
        with self._lock:
            self._generation += 1
            self._orders = {}
        if len(self) >= PRESORT_FROM:
            self._start_presort()
