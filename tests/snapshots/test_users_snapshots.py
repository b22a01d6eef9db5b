"""Snapshots of the users screens on the test sandbox (fixed port, pinned dates, reproducible ids):
a pool's users, an invalid filter explained, a user's detail, and the confirmation before disabling."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from cogtui.settings import Settings
from cogtui.widgets.confirm import ConfirmScreen
from cogtui.widgets.connection_bar import ConnectionBar

SIZE = (120, 36)


@pytest.fixture
def users_app(sandbox):
    """The real app on the session sandbox; its gateway is closed after the test."""
    _, info = sandbox
    runtimes: list[Runtime] = []

    def factory():
        settings = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True)
        runtime = Runtime(settings, sandbox_info=info)
        runtimes.append(runtime)
        return make_app(settings, runtime)

    yield factory
    for runtime in runtimes:
        runtime.gateway.close()


async def wait_for(pilot, condition, what: str, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(pilot) -> None:
    """Wait until the pools are listed with their details and the header shows the connection."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query(ConnectionBar), "the first screen")
    table = app.screen_stack[0].query_one("#pools-table", DataTable)

    def pools_done() -> bool:
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        return len(rows) >= 3 and all("…" not in row for row in rows)

    await wait_for(pilot, pools_done, "the pools and their details")
    await wait_for(pilot, lambda: app.state.connection is not None, "the connection")


async def open_users(pilot, pool) -> UsersScreen:
    await settle(pilot)
    screen = UsersScreen(pool.id, pool.name)
    await pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: screen.finished_at is not None, "the users")
    await pilot.pause(0.1)
    return screen


async def open_detail(pilot, pool, username: str) -> UserDetailScreen:
    await settle(pilot)
    screen = UserDetailScreen(pool.id, pool.name, username)
    await pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: screen.snapshot is not None and screen.snapshot.extras_loaded, "the user")
    await pilot.pause(0.1)
    return screen


def test_users_of_a_pool(snap_compare, users_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_users(pilot, pool)
        await pilot.press("down", "down")  # carol, the unconfirmed one

    assert snap_compare(users_app(), terminal_size=SIZE, run_before=run_before)


def test_users_invalid_filter_explained(snap_compare, users_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        screen = await open_users(pilot, pool)
        await pilot.press("slash")
        screen.query_one("#users-filter").value = 'custom:tenant_id = "acme"'
        await pilot.press("enter", "escape")
        await pilot.pause(0.1)

    assert snap_compare(users_app(), terminal_size=SIZE, run_before=run_before)


def test_user_detail(snap_compare, users_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_detail(pilot, pool, "bob")

    assert snap_compare(users_app(), terminal_size=SIZE, run_before=run_before)


def test_confirmation_before_disabling_a_user(snap_compare, users_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_detail(pilot, pool, "bob")
        await pilot.press("d")  # never confirmed: the snapshot is taken with the question open
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "the confirmation")
        await pilot.pause(0.1)

    assert snap_compare(users_app(), terminal_size=SIZE, run_before=run_before)
