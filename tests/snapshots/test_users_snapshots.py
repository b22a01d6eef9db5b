"""Snapshots of the users screens on the test sandbox (fixed port, pinned dates, reproducible ids):
a pool's users, an invalid filter explained, a user's detail, and the confirmation before disabling."""

from __future__ import annotations

from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from tests.pilot_wait import pools_listed, wait_for

SIZE = (120, 36)


async def open_users(pilot, pool) -> UsersScreen:
    await pools_listed(pilot)
    screen = UsersScreen(pool.id, pool.name)
    await pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: screen.finished_at is not None, "the users")
    await pilot.pause(0.1)
    return screen


async def open_detail(pilot, pool, username: str) -> UserDetailScreen:
    await pools_listed(pilot)
    screen = UserDetailScreen(pool.id, pool.name, username)
    await pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: screen.snapshot is not None and screen.snapshot.extras_loaded, "the user")
    await pilot.pause(0.1)
    return screen


def test_users_of_a_pool(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_users(pilot, pool)
        await pilot.press("down", "down")  # carol, the unconfirmed one

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_users_invalid_filter_explained(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        screen = await open_users(pilot, pool)
        await pilot.press("backslash")
        screen.query_one("#users-filter").value = 'custom:tenant_id = "acme"'
        await pilot.press("enter", "escape")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_user_detail(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_detail(pilot, pool, "bob")

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_confirmation_before_disabling_a_user(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_detail(pilot, pool, "bob")
        await pilot.press("d")  # never confirmed: the snapshot is taken with the question open
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "the confirmation")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


NARROW = (80, 24)


def test_users_sorted_narrow(snap_compare, make_sandbox_app, sandbox):
    """Sorted by status going down (a header click, then another): ▼ on the Status header."""
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        screen = await open_users(pilot, pool)
        screen.sort_by(1, descending=True)
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=NARROW, run_before=run_before)


def test_users_searched_narrow(snap_compare, make_sandbox_app, sandbox):
    """The local search box open with "ca" typed: the rows that match and how many."""
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await open_users(pilot, pool)
        await pilot.press("slash", *"ca")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=NARROW, run_before=run_before)
