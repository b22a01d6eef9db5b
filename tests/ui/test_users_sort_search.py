"""Sort and local search in the users table: by username, status and created, reversed; the search box
(``/``) with its match count, cleared with Esc; both while rows stream in; and opening a sorted row
still shows the whole user (fetched with AdminGetUser)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from tests.pilot_wait import until, wait_for
from tests.ui.bulk_pool import bulk_pool

STREAM_POOL = "ui-sort-search-1500"
STREAM_USERS = 1500
STREAM_LATENCY_MS = 40  # 25 pages: a second of streaming at least


@pytest.fixture(scope="module")
def stream_pool(sandbox):
    """A pool of its own with 1,500 users, so streaming lasts long enough to sort and search during it."""
    with bulk_pool(sandbox, STREAM_POOL, STREAM_USERS, "g") as pool_id:
        yield pool_id


async def open_users(pilot, pool_id: str, pool_name: str, *, finished: bool = True) -> UsersScreen:
    screen = UsersScreen(pool_id, pool_name)
    await pilot.app.push_screen(screen)
    if finished:
        await wait_for(pilot, lambda: screen.finished_at is not None, "the users")
    return screen


def column(screen: UsersScreen, index: int) -> list[str]:
    table = screen.table
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


def header(screen: UsersScreen) -> str:
    return screen.table.render_line(0).text


def count_text(screen: UsersScreen) -> str:
    return str(screen.query_one("#users-search-count").render())


async def test_sort_by_username_status_and_created_and_reverse(make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(pilot, pool.id, pool.name)
        listed = column(screen, 0)
        await pilot.press("greater_than_sign")  # the first column, going up
        assert column(screen, 0) == sorted(listed, key=str.lower)
        assert "Username ▲" in header(screen)
        await pilot.press("less_than_sign")  # the same column, going down
        assert column(screen, 0) == sorted(listed, key=str.lower, reverse=True)
        assert "Username ▼" in header(screen)

        await pilot.click("#users-table", offset=(30, 0))  # the Status header
        statuses = [s.split(" ", 1)[1] for s in column(screen, 1)]
        assert statuses == sorted(statuses) and "Status ▲" in header(screen)
        assert "Username ▲" not in header(screen) and "Username ▼" not in header(screen)
        # Equal statuses keep the listing order.
        confirmed = [
            name for name, status in zip(column(screen, 0), statuses, strict=True) if status == "CONFIRMED"
        ]
        assert confirmed == [name for name in listed if name in confirmed]
        await pilot.click("#users-table", offset=(30, 0))  # again: reversed
        assert [s.split(" ", 1)[1] for s in column(screen, 1)] == sorted(statuses, reverse=True)
        assert "Status ▼" in header(screen)

        screen.sort_by(5)
        await pilot.pause()
        created = column(screen, 5)
        assert created == sorted(created) and "Created (UTC) ▲" in header(screen)
        screen.sort_by(None)  # back to the listing order
        await pilot.pause()
        assert column(screen, 0) == listed and "▲" not in header(screen)


async def test_local_search_counts_matches_and_esc_clears_it(make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(pilot, pool.id, pool.name)
        everyone = column(screen, 0)
        assert not screen.search_bar.display
        await pilot.press("slash")
        assert screen.search_bar.display and app.focused is screen.search_input
        await pilot.press(*"BO")  # case does not matter
        await wait_for(pilot, lambda: column(screen, 0) == ["bob"], "bob alone")
        assert count_text(screen) == f"1 of {len(everyone)} match"
        await pilot.press("enter")  # back to the table, the search stays
        assert app.focused is screen.table and column(screen, 0) == ["bob"]
        assert screen.active_filter is None  # nothing was asked of Cognito
        await pilot.press("slash", "ctrl+a", *"zzz-no-one")
        await wait_for(pilot, lambda: screen.table.row_count == 0, "no match")
        assert count_text(screen) == f"0 of {len(everyone)} match"
        await pilot.press("escape")  # clears the search and closes the box
        assert column(screen, 0) == everyone and not screen.search_bar.display
        assert app.focused is screen.table


async def test_sort_and_search_while_rows_stream_in(make_sandbox_app, sandbox, stream_pool):
    server, _ = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        server.latency_ms = STREAM_LATENCY_MS
        try:
            screen = await open_users(pilot, stream_pool, STREAM_POOL, finished=False)
            await wait_for(pilot, lambda: screen.table.row_count > 0, "the first page")
            assert screen.streaming
            # Keys sent as the terminal sends them: Pilot.press waits for an idle CPU, which streaming is not.
            app.post_message(events.Key("less_than_sign", "<"))  # username, going down, while pages arrive
            assert await until(lambda: screen.view.sort == (0, True))
            app.post_message(events.Key("slash", "/"))
            assert await until(lambda: app.focused is screen.search_input)
            for character in "user0001":
                app.post_message(events.Key(character, character))
            assert await until(lambda: screen.search_input.value == "user0001")
            assert screen.streaming and screen.loaded < STREAM_USERS
        finally:
            server.latency_ms = 0
        await wait_for(pilot, lambda: screen.finished_at is not None, "the whole listing")
        # The tick puts the last rows in place shortly after the last page.
        expected = [f"user{i:05d}" for i in range(19, 9, -1)]
        await wait_for(pilot, lambda: column(screen, 0) == expected, lambda: f"{column(screen, 0)[:5]}…")
        total = f"{len(expected)} of {STREAM_USERS:,} match"
        await wait_for(pilot, lambda: count_text(screen) == total, lambda: count_text(screen))
        await pilot.press("escape")  # the search goes, the sort stays
        names = column(screen, 0)
        assert len(names) == STREAM_USERS and names[0] == "user01500" and names[-1] == "user00001"


async def test_opening_a_sorted_row_shows_the_whole_user(make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_users(pilot, pool.id, pool.name)
        await pilot.press("slash", *"ali", "enter", "less_than_sign")
        assert column(screen, 0)[0] == "alice"
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, UserDetailScreen) and detail.username == "alice"
        await wait_for(pilot, lambda: detail.snapshot is not None, "the user")
        # What the table never kept, fetched when the detail opened (AdminGetUser).
        attributes = detail.snapshot.user.attributes
        assert attributes.get("sub") and attributes.get("email", "").startswith("alice")
        await pilot.press("escape")
        assert app.screen is screen and column(screen, 0)[0] == "alice"
        assert isinstance(screen.query_one("#users-search", Input), Input)
