"""The users table's compact row store: what a ListUsers page becomes, the sort (stable both ways), the
search (any column, ignoring case), orders extended with later rows, and the memory a row costs."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from cogtui.aws import user_rows_text
from cogtui.aws.models import User
from cogtui.aws.user_rows import PRESORTED, SEPARATOR, UserRows, created_text, rows_from_api, rows_from_user

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
# A row costs about 300 bytes (username, email and phone strings, its search line in a shared block,
# codes, a float, four sorted orders both ways); a User model with its attribute dict cost about 1.9 KB.
# Over this budget, the store has regressed.
BYTES_PER_ROW_BUDGET = 320


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
        rows.wait_for_orders()
        gc.collect()
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(rows) == count
    assert used / count <= BYTES_PER_ROW_BUDGET, f"{used / count:.0f} bytes a row"


def mixed_users(count: int):
    """Users with equal values to sort (no phone, the same minute) and mixed-case usernames."""
    for i in range(count):
        user = api_user((i * 7919) % count, created=T0 + timedelta(minutes=i % 5))
        if i % 4 == 0:
            user["Username"] = user["Username"].upper()
        yield user


def straightforward(rows: UserRows, column: str, descending: bool) -> list[int]:
    values = {
        "username": [name.lower() for name in rows.usernames],
        "email": rows.emails,
        "phone": rows.phones,
        "created": list(rows.created),
    }[column]
    return sorted(range(len(rows)), key=values.__getitem__, reverse=descending)


@pytest.mark.parametrize("max_tied", [10_000, 0], ids=["runs-turned-back", "sorted-again"])
def test_orders_kept_in_the_background_equal_a_plain_sort(monkeypatch, max_tied):
    """Both ways, equal values in listing order: the descending order made from the ascending one by
    turning each tied run back, or (past ``MAX_TIED`` tied values) by sorting again."""
    monkeypatch.setattr("cogtui.aws.user_rows.PRESORT_FROM", 10**9)  # presorted here, not on a thread
    monkeypatch.setattr("cogtui.aws.user_rows_orders.MAX_TIED", max_tied)
    users = list(mixed_users(500))
    rows = UserRows()
    for start in range(0, 500, 60):  # brought up to date after some pages, rows listed later put in
        rows.extend(rows_from_api(users[start : start + 60]))
        if start % 120 == 0:
            assert rows.presort()
        for column in PRESORTED:
            for descending in (False, True):
                assert rows.order(column, descending) == straightforward(rows, column, descending), (
                    column,
                    descending,
                    len(rows),
                )


def test_orders_are_made_again_after_a_delete_or_replace(monkeypatch):
    monkeypatch.setattr("cogtui.aws.user_rows.PRESORT_FROM", 100)
    monkeypatch.setattr("cogtui.aws.user_rows.PRESORT_STEP", 50)
    rows = UserRows()
    users = list(mixed_users(300))
    for start in range(0, 300, 60):
        rows.extend(rows_from_api(users[start : start + 60]))
    rows.wait_for_orders()
    rows.delete(5)
    user = User("AAA-first", "CONFIRMED", True, T0, T0, {"email": "zz@example.com"})
    rows.replace(7, rows_from_user(user))
    rows.wait_for_orders()
    for column in PRESORTED:
        for descending in (False, True):
            assert rows.order(column, descending) == straightforward(rows, column, descending)
    assert rows.order("username")[0] == 7


def plain_search(rows: UserRows, text: str) -> list[int]:
    lines = [
        SEPARATOR.join((v.username, v.status, v.email, v.phone, v.created)).lower()
        for v in map(rows.row, range(len(rows)))
    ]
    return [i for i, line in enumerate(lines) if text.lower() in line]


@pytest.mark.parametrize("block_rows", [3, 7, 4096])
def test_search_over_blocks_of_lines(monkeypatch, block_rows):
    monkeypatch.setattr(user_rows_text, "BLOCK_ROWS", block_rows)
    users = [api_user(i) for i in range(40)]
    users[11]["Attributes"].append({"Name": "email", "Value": "Odd(1)+[x]*.?@Example.com"})
    rows = store_of(users)
    last_of_row_4 = created_text(rows.created[4])[-3:]
    texts = [
        "user0001",  # many rows: each line tested
        "user00033",  # one row: found by offset
        "PERSON.2",  # ignoring case
        "odd(1)+[x]*.?@",  # taken literally, not as a pattern
        ".",
        f"{last_of_row_4}\nuser00005",  # across two rows: never a match
        f"{last_of_row_4}user00005",
        "+1555",
    ]
    for text in texts:
        assert rows.search(text) == plain_search(rows, text), text
    assert rows.search("user0003", range(35, 40)) == [35, 36, 37, 38, 39]  # rows listed after 35 only
    assert rows.search("user0003", [38, 2, 31]) == [38, 31]
    rows.delete(3)
    rows.replace(20, rows_from_user(User("Zed", "CONFIRMED", True, T0, T0, {"email": "zed@x.org"})))
    for text in ("user0000", "zed@x", "user0003", "user0004"):
        assert rows.search(text) == plain_search(rows, text), text
