"""The users screen on the sandbox: streaming (500 and 2,500 users), stop, server-side filters, the helper."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.widgets import Input, Select

from cogtui.screens.dialogs.filter_builder import FilterBuilderScreen
from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.virtual_table import VirtualTable
from tests.pilot_wait import settle, until, wait_for
from tests.ui.bulk_pool import bulk_pool

BIG_POOL_USERS = 2500
BIG_POOL_NAME = "ui-stream-2500"
BIG_POOL_GROUP = "beta-testers"
# Per-request delay while the 2,500 users stream: at least 42 pages x 20 ms, so keys pressed
# after the first page are handled before the last one arrives unless the UI is blocked.
STREAM_LATENCY_MS = 20


@pytest.fixture(scope="module")
def big_pool(sandbox):
    """A separate pool of 2,500 users (bulk-inserted in process; over HTTP if the emulator runs elsewhere)."""
    with bulk_pool(sandbox, BIG_POOL_NAME, BIG_POOL_USERS, BIG_POOL_GROUP) as pool_id:
        yield pool_id


async def open_users(app, pilot, pool_id, pool_name) -> UsersScreen:
    screen = UsersScreen(pool_id, pool_name)
    await app.push_screen(screen)
    await wait_for(pilot, lambda: screen.is_mounted)
    return screen


def usernames(screen: UsersScreen) -> list[str]:
    table = screen.query_one(VirtualTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def status_text(screen) -> str:
    return str(screen.query_one(StatusLine).render())


async def test_demo_large_streams_every_user(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-large")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        table = screen.query_one(VirtualTable)
        assert table.row_count == screen.loaded == pool.user_count
        assert len(set(usernames(screen))) == pool.user_count
        assert f"{pool.user_count} users." in status_text(screen)
        assert screen.first_page_at is not None and screen.first_page_at <= screen.finished_at
        row = table.get_row_at(0)
        assert [str(c) for c in row[:3]] == ["user00001", "✔ CONFIRMED", "✔"]


async def press_now(app, key: str, character: str | None = None) -> None:
    """Send one key the way the terminal does, without Pilot's wait for the CPU to go idle
    (it never does while rows stream in, so Pilot.press would wait up to 2 s per key)."""
    app.post_message(events.Key(key, character))
    await asyncio.sleep(0)


async def test_keys_respond_while_2500_users_stream(make_sandbox_app, sandbox, big_pool):
    server, _ = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        server.latency_ms = STREAM_LATENCY_MS
        try:
            screen = await open_users(app, pilot, big_pool, BIG_POOL_NAME)
            table = screen.query_one(VirtualTable)
            assert await until(lambda: table.row_count > 0)
            assert screen.streaming
            rows_when_moved = []
            for expected_row in (1, 2, 3):
                await press_now(app, "down")
                assert await until(lambda row=expected_row: table.cursor_row == row)
                rows_when_moved.append(screen.loaded)
            # Each key moved the cursor while rows were still arriving: the stream did not block the keys.
            assert screen.streaming and screen.loaded < BIG_POOL_USERS
            await press_now(app, "backslash")
            assert await until(lambda: app.focused is screen.query_one("#users-filter", Input))
            await press_now(app, "e", "e")
            assert await until(lambda: screen.query_one("#users-filter", Input).value == "e")
            assert screen.streaming and screen.loaded < BIG_POOL_USERS
            await press_now(app, "escape")  # leaves the filter box, back to the table
            assert await until(lambda: app.focused is table)
            assert app.screen is screen
        finally:
            server.latency_ms = 0
        await wait_for(pilot, lambda: not screen.streaming)
        assert table.row_count == BIG_POOL_USERS
        assert table.cursor_row == 3, "appending rows must not move the cursor"
        assert rows_when_moved[-1] < BIG_POOL_USERS
        assert f"{BIG_POOL_USERS:,} users." in status_text(screen)


async def test_stop_key_cancels_the_stream(make_sandbox_app, sandbox, big_pool):
    server, _ = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        server.latency_ms = STREAM_LATENCY_MS
        try:
            screen = await open_users(app, pilot, big_pool, BIG_POOL_NAME)
            table = screen.query_one(VirtualTable)
            assert await until(lambda: table.row_count > 0)
            assert screen.check_action("stop", ()) is True
            await press_now(app, "s", "s")
            assert await until(lambda: not screen.streaming)
        finally:
            server.latency_ms = 0
        stopped_at = table.row_count
        assert 0 < stopped_at < BIG_POOL_USERS
        assert "Stopped after" in status_text(screen)
        assert screen.check_action("stop", ()) is None  # greyed out once nothing streams
        await settle(pilot)
        assert table.row_count == stopped_at
        await pilot.press("r")  # reload streams everything again
        await wait_for(pilot, lambda: screen.finished_at is not None)
        assert table.row_count == BIG_POOL_USERS


async def test_invalid_filter_is_explained_and_rows_are_kept(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        before = usernames(screen)
        assert {"alice", "bob", "carol"} <= set(before)
        await pilot.press("backslash", *'custom:tenant_id = "acme"', "enter")
        assert "Custom attributes such as custom:tenant_id cannot be searched" in status_text(screen)
        await settle(pilot)
        assert usernames(screen) == before and screen.active_filter is None
        field = screen.query_one("#users-filter", Input)
        field.value = "email ^= ali"
        await pilot.press("enter")
        assert 'Put the value in double quotes: email ^= "ali"' in status_text(screen)
        assert usernames(screen) == before


async def test_server_side_filter(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        await pilot.press("backslash")
        screen.query_one("#users-filter", Input).value = 'cognito:user_status = "UNCONFIRMED"'
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.active_filter is not None and screen.finished_at is not None)
        assert usernames(screen) == ["carol"]
        assert 'matching cognito:user_status = "UNCONFIRMED"' in status_text(screen)
        assert "where cognito:user_status is exactly" in str(screen.query_one("#users-title").render())
        assert screen.check_action("clear_filter", ()) is True
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.active_filter is None and screen.finished_at is not None)
        assert len(usernames(screen)) >= 7


async def test_filter_helper_builds_a_working_expression(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        await pilot.press("f")
        builder = app.screen
        assert isinstance(builder, FilterBuilderScreen)
        builder.query_one("#builder-attribute", Select).value = "name"
        await pilot.pause()
        await pilot.press(*"Bob", "enter")
        assert app.screen is screen
        assert screen.query_one("#users-filter", Input).value == 'name ^= "Bob"'
        await wait_for(
            pilot, lambda: screen.active_filter == 'name ^= "Bob"' and screen.finished_at is not None
        )
        assert usernames(screen) == ["bob"]


@pytest.mark.parametrize("tabs", [1, 2, 3, 4])
async def test_filter_helper_enter_applies_wherever_tab_lands(make_sandbox_app, sandbox, tabs):
    """Tab, Tab, Enter used to land on Cancel and drop the filter: Enter applies from every stop."""
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        await pilot.press("f", *"bo", *["tab"] * tabs)
        assert isinstance(app.screen, FilterBuilderScreen)
        assert app.focused is not None and app.focused.id != "builder-cancel"
        await pilot.press("enter")
        assert app.screen is screen
        await wait_for(
            pilot, lambda: screen.active_filter == 'email ^= "bo"' and screen.finished_at is not None
        )
        assert usernames(screen) == ["bob"]


async def test_filter_helper_cancel_changes_nothing(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        before = usernames(screen)
        await pilot.press("f", *"zzz", "escape")
        assert app.screen is screen and screen.active_filter is None
        assert usernames(screen) == before
        assert "the filter is unchanged" in str(screen.query_one("#users-status").render())


async def test_enter_opens_the_user_and_the_cursor_is_remembered(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None)
        table = screen.query_one(VirtualTable)
        await pilot.press("down", "down")
        expected = usernames(screen)[2]
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, UserDetailScreen) and detail.username == expected
        await wait_for(pilot, lambda: detail.snapshot is not None)
        await pilot.press("escape")
        assert app.screen is screen
        assert table.cursor_row == 2 and app.focused is table
        await pilot.press("escape")
        assert app.screen is not screen
