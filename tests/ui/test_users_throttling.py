"""Throttling on the users screen: while botocore retries, the status line says so with the attempt and
the wait; a listing that stops on throttling keeps its rows, says so, and ``r`` resumes from the page
that was refused (the sandbox's throttle switch answers as Cognito does over its rate limit)."""

from __future__ import annotations

import threading

import pytest

from cogtui.sandbox.seed import sandbox_clients
from cogtui.screens.users import PAGE_SIZE, UsersScreen
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.virtual_table import VirtualTable
from tests.pilot_wait import pools_listed, settle, wait_for
from tests.sandbox_throttle import throttle_switch

# Each request takes this long, so the test is listening before the fourth page is asked for.
SLOW_MS = 100
PAGES_BEFORE = 3


@pytest.fixture
def throttle(sandbox):
    with throttle_switch(sandbox[0]) as switch:
        yield switch


def status_text(screen: UsersScreen) -> str:
    return str(screen.query_one(StatusLine).render())


async def retry_shown(pilot, app, screen, retrying: str) -> None:
    """Wait until the screen's status line tells ``retrying``. The test listens after the status line (it
    subscribes later), and botocore's thread waits in the test's listener until the line was read."""
    retry_read = threading.Event()
    stop_holding = app.gateway.retries.subscribe(lambda notice: retry_read.wait(10))
    try:
        await wait_for(pilot, lambda: retrying in status_text(screen), lambda: status_text(screen))
        assert screen.query_one(StatusLine).has_class("-retrying")
    finally:
        retry_read.set()
        stop_holding()


def usernames(screen: UsersScreen) -> list[str]:
    table = screen.query_one(VirtualTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_retries_show_and_a_throttled_listing_resumes(sandbox, make_sandbox_app, throttle):
    server, info = sandbox
    pool = info.pool("demo-large")
    app = make_sandbox_app(max_attempts=2)
    async with app.run_test(size=(100, 30)) as pilot:
        throttle.next_calls("ListUsers", 2, after=PAGES_BEFORE)  # more refusals than botocore retries
        server.latency_ms = SLOW_MS
        screen = UsersScreen(pool.id, pool.name)
        await app.push_screen(screen)
        await retry_shown(pilot, app, screen, "Throttled by Cognito (ListUsers): retry 2 of 2 in ")
        stopped = f"Stopped after {PAGES_BEFORE * PAGE_SIZE:,} users: throttled — r resumes."
        await wait_for(pilot, lambda: stopped in status_text(screen), lambda: status_text(screen))
        first_rows = usernames(screen)
        assert len(first_rows) == screen.loaded == PAGES_BEFORE * PAGE_SIZE  # the rows loaded stay
        r_key = screen.active_bindings["r"]  # the key bar says what r does now, as the status line does
        assert (r_key.binding.description, r_key.enabled) == ("Resume", True)

        server.latency_ms = 0
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.finished_at is not None, lambda: status_text(screen))
        rows = usernames(screen)
        assert rows[: len(first_rows)] == first_rows  # appended after the rows kept, not reloaded
        assert len(rows) == len(set(rows)) == screen.loaded == pool.user_count
        assert f"{pool.user_count:,} users." in status_text(screen)
        assert throttle.refused == {"ListUsers": 2}
        assert screen.active_bindings["r"].binding.description == "Reload"  # nothing left to resume


async def test_a_listing_throttled_at_once_is_an_error_and_r_reloads(sandbox, make_sandbox_app, throttle):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app(max_attempts=2)
    async with app.run_test(size=(100, 30)) as pilot:
        throttle.next_calls("ListUsers", 2)
        screen = UsersScreen(pool.id, pool.name)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: "(r: retry)" in status_text(screen), lambda: status_text(screen))
        assert screen.query_one(StatusLine).has_class("-error") and screen.loaded == 0
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.finished_at is not None, lambda: status_text(screen))
        idp, _ = sandbox_clients(info.endpoint_url, info.region)
        listed = sum(
            len(page["Users"]) for page in idp.get_paginator("list_users").paginate(UserPoolId=pool.id)
        )  # other tests of this process may have added users to the pool
        assert screen.loaded == listed >= pool.user_count


async def test_any_screen_tells_the_retries_of_its_calls(sandbox, make_sandbox_app, throttle):
    """Not only the users screen: a pool's page says botocore is retrying ListUserPoolClients, then loads."""
    from cogtui.screens.pool_detail import PoolDetailScreen

    server, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app(max_attempts=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pools_listed(pilot)  # the pools screen's own calls are done
        await settle(pilot)
        server.latency_ms = SLOW_MS  # the page reads its pool first: the switch is armed before its clients
        screen = PoolDetailScreen(pool.id, pool.name)
        await app.push_screen(screen)  # mounted: its status line follows the retries from now on
        throttle.next_calls("ListUserPoolClients", 1)  # one refusal: botocore's first retry succeeds
        try:  # attempt 2 of 3
            await retry_shown(
                pilot, app, screen, "Throttled by Cognito (ListUserPoolClients): retry 2 of 3 in "
            )
        finally:
            server.latency_ms = 0
        await wait_for(pilot, lambda: screen.clients is not None, "the app clients, read on the retry")
        assert throttle.refused == {"ListUserPoolClients": 1}
