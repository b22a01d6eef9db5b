"""The users table's compact row store: what a ListUsers page becomes, the sort (stable both ways), the
search (any column, ignoring case), orders extended with later rows, and the memory a row costs."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from cogtui.aws.models import User
from cogtui.aws.user_rows import UserRows, rows_from_api, rows_from_user

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
# A row costs about 310 bytes (username, email and phone strings, the search line, codes, a float);
# a User model with its attribute dict cost about 1.9 KB. Over this budget, the store has regressed.
BYTES_PER_ROW_BUDGET = 340


def api_user(i: int, *, status: str = "CONFIRMED", enabled: bool = True, created: datetime | None = None):
    attributes = [
        {"Name": "sub", "Value": f"0000{i:04d}-aaaa-bbbb-cccc-{i:012d}"},
        {"Name": "email", "Value": f"Person.{i}@Example.com"},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "name", "Value": f"Person {i}"},
    ]
    if i % 3 == 0:
        attributes.append({"Name": "phone_number", "Value": f"+1555{i:07d}"})
    return {
        "Username": f"user{i:05d}",
        "UserStatus": status,
        "Enabled": enabled,
        "UserCreateDate": created or T0 + timedelta(minutes=i),
        "UserLastModifiedDate": T0,
        "Attributes": attributes,
    }


def store_of(users) -> UserRows:
    rows = UserRows()
    rows.extend(rows_from_api(users))
    return rows


def test_a_page_keeps_what_the_columns_show():
    rows = store_of([api_user(3), api_user(4, status="UNCONFIRMED", enabled=False)])
    assert len(rows) == 2
    first, second = rows.row(0), rows.row(1)
    assert (first.username, first.status, first.enabled) == ("user00003", "CONFIRMED", True)
    assert (first.email, first.phone, first.created) == (
        "Person.3@Example.com",
        "+15550000003",
        "2025-03-01 09:33",
    )
    assert (second.status, second.enabled, second.phone) == ("UNCONFIRMED", False, "")
    assert rows.statuses == ["CONFIRMED", "UNCONFIRMED"]  # one code per distinct status
    assert rows.find("user00004") == 1 and rows.find("nobody") is None


def test_a_user_without_dates_or_attributes_still_makes_a_row():
    rows = store_of([{"Username": "bare", "UserStatus": "EXTERNAL_PROVIDER", "Enabled": True}])
    assert rows.row(0) == rows.row(0).__class__("bare", "EXTERNAL_PROVIDER", True, "", "", "")
    assert rows.order("created") == [0]


def test_sort_by_each_column_both_ways():
    users = [
        api_user(2, status="UNCONFIRMED"),
        api_user(0, enabled=False),
        api_user(1, status="FORCE_CHANGE_PASSWORD"),
        api_user(3),
    ]
    rows = store_of(users)
    names = rows.usernames
    assert [names[i] for i in rows.order("username")] == ["user00000", "user00001", "user00002", "user00003"]
    assert [names[i] for i in rows.order("username", descending=True)] == [
        "user00003",
        "user00002",
        "user00001",
        "user00000",
    ]
    # By status name; CONFIRMED rows keep their listing order (user00000 was listed before user00003).
    assert [names[i] for i in rows.order("status")] == ["user00000", "user00003", "user00001", "user00002"]
    assert [names[i] for i in rows.order("status", True)] == [
        "user00002",
        "user00001",
        "user00000",
        "user00003",
    ]
    assert [names[i] for i in rows.order("enabled")] == ["user00002", "user00001", "user00003", "user00000"]
    assert [names[i] for i in rows.order("created")][0] == "user00000"
    assert [names[i] for i in rows.order("phone", True)][
        0
    ] == "user00003"  # the only phone: "" sorts first up


def test_sort_is_stable_both_ways_on_equal_values():
    same = T0 + timedelta(days=1)
    rows = store_of([api_user(i, created=same if i % 2 else None) for i in range(6)])
    up = rows.order("created")
    down = rows.order("created", descending=True)
    ties = [1, 3, 5]  # listed in this order, created at the same moment, the latest of all
    assert up[-3:] == ties
    assert down[:3] == ties  # reversed by value, equal values still in listing order


def test_the_username_sorts_without_case():
    rows = store_of([{**api_user(1), "Username": "bob"}, {**api_user(2), "Username": "Alice"}])
    assert [rows.usernames[i] for i in rows.order("username")] == ["Alice", "bob"]


def test_search_any_column_ignoring_case():
    rows = store_of([api_user(i, status="UNCONFIRMED" if i == 7 else "CONFIRMED") for i in range(30)])
    assert rows.search("USER0001") == list(range(10, 20))
    assert rows.search("person.21@example") == [21]
    assert rows.search("+1555000002") == [21, 24, 27]
    assert rows.search("unconfirmed") == [7]
    assert rows.search("2025-03-01 09:35") == [5]
    assert rows.search("no such text") == []
    assert rows.search("") == list(range(30))
    within = rows.order("username", descending=True)
    assert rows.search("user0001", within) == list(range(19, 9, -1))  # the order given is kept


def test_an_order_extended_with_later_rows_is_the_order_of_all_rows():
    rows = UserRows()
    rows.extend(
        rows_from_api([api_user(i, status="UNCONFIRMED" if i % 4 else "CONFIRMED") for i in (5, 1, 9)])
    )
    for column in ("username", "status", "email", "created"):
        for descending in (False, True):
            ordered = rows.order(column, descending)
            extended = UserRows()
            extended.extend(
                rows_from_api(
                    [api_user(i, status="UNCONFIRMED" if i % 4 else "CONFIRMED") for i in (5, 1, 9)]
                )
            )
            later = extended.extend(rows_from_api([api_user(i) for i in (7, 0, 3)]))
            merged = extended.merge_order(ordered, later, column, descending)
            assert merged == extended.order(column, descending), (column, descending)


def test_replace_and_delete_a_row():
    rows = store_of([api_user(i) for i in range(3)])
    user = User("user00001", "RESET_REQUIRED", False, T0, T0, {"email": "new@example.com"})
    rows.replace(1, rows_from_user(user))
    assert rows.row(1).status == "RESET_REQUIRED" and not rows.row(1).enabled
    assert rows.search("new@example") == [1]
    rows.delete(0)
    assert len(rows) == 2 and rows.usernames == ["user00001", "user00002"] and rows.search("new@") == [0]
    with pytest.raises(ValueError):
        rows.replace(0, rows_from_api([api_user(8), api_user(9)]))


def test_memory_per_row_stays_within_budget():
    """50,000 rows, measured with tracemalloc: the pages are converted and appended as the screen does,
    and only what the store keeps is counted (the API dicts are dropped page by page)."""
    count = 50_000
    gc.collect()
    tracemalloc.start()
    try:
        rows = UserRows()
        before = tracemalloc.get_traced_memory()[0]
        for start in range(0, count, 60):
            rows.extend(rows_from_api(api_user(i) for i in range(start, min(count, start + 60))))
        gc.collect()
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(rows) == count
    assert used / count <= BYTES_PER_ROW_BUDGET, f"{used / count:.0f} bytes a row"
