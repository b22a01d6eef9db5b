"""The compare screen on the sandbox: from the pools list (mark, then compare), from a pool's app clients,
the markers, the only-differences toggle, and what a greyed key says."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, OptionList

from cogtui.findings.compare import DIFFERENT, SAME
from cogtui.screens.compare import CompareScreen
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.screens.pools import PoolsScreen
from cogtui.widgets.status_line import StatusLine
from tests.pilot_wait import pools_listed, wait_for


def _status(screen) -> str:
    return str(screen.query_one(StatusLine).render())


def _names(screen: PoolsScreen) -> set[str]:
    table = screen.query_one(DataTable)
    return {str(table.get_row_at(i)[0]) for i in range(table.row_count)}


def _cursor_to(screen: PoolsScreen, pool_id: str) -> None:
    table = screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(pool_id))


async def test_mark_a_pool_then_compare_another_with_it(make_sandbox_app, sandbox):
    _, info = sandbox
    app_pool, mfa_pool = info.pool("demo-app"), info.pool("demo-mfa-required")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pools_listed(pilot)
        pools = app.screen
        assert isinstance(pools, PoolsScreen)
        assert pools.check_action("compare", ()) is None  # nothing marked yet
        await pilot.press("c")
        await wait_for(pilot, lambda: "mark a pool with m first" in _status(pools), "the reason")
        _cursor_to(pools, app_pool.id)
        await pilot.press("m")
        assert pools.check_action("compare", ()) is None  # the marked pool itself is highlighted
        assert {f"◆ {app_pool.name}", mfa_pool.name} <= _names(pools)  # the marked row wears the marker
        assert app_pool.name not in _names(pools) and sum("◆" in name for name in _names(pools)) == 1
        _cursor_to(pools, mfa_pool.id)
        await pilot.pause()
        assert pools.check_action("compare", ()) is True
        await pilot.press("c")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded, "the comparison"
        )
        screen = app.screen
        assert (screen.left.pool_id, screen.right.pool_id) == (app_pool.id, mfa_pool.id)
        rows = {r.name: r for r in screen.rows}
        mfa = rows["Pool · MfaConfiguration"]
        assert (mfa.left, mfa.right, mfa.marker) == ("OPTIONAL", "ON", DIFFERENT)
        assert rows["Pool · Policies.PasswordPolicy.MinimumLength"].marker == SAME
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.rows)
        assert "settings differ" in str(screen.query_one("#compare-summary").render())
        await pilot.press("d")
        assert table.row_count == len(screen.shown) < len(screen.rows)
        assert all(not r.same for r in screen.shown)
        markers = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert SAME not in markers and markers  # every row shown is marked as a difference
        await pilot.press("escape")
        assert app.screen is pools
        _cursor_to(pools, app_pool.id)
        await pilot.press("m")  # m again on the marked pool: unmarked, the marker gone
        assert pools.compare_mark is None and f"◆ {app_pool.name}" not in _names(pools)
        assert app_pool.name in _names(pools)


async def test_compare_an_app_client_with_another_from_the_pool(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pools_listed(pilot)
        detail = PoolDetailScreen(pool.id, pool.name)
        await app.push_screen(detail)
        await wait_for(pilot, lambda: detail.clients is not None, "the app clients")
        await pilot.press("a")
        table = detail.query_one("#clients-table", DataTable)
        table.move_cursor(row=0)
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ChoiceScreen) and bool(app.screen.query(OptionList)),
            "the choice of the other client",
        )
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded, "the comparison"
        )
        screen = app.screen
        assert screen.kind == "app clients" and screen.left.client_id and screen.right.client_id
        assert screen.left.client_id != screen.right.client_id
        assert any(r.setting == "ExplicitAuthFlows" for r in screen.rows)
        assert not any(r.setting in ("ClientId", "ClientSecret") for r in screen.rows)


async def test_the_palette_compares_a_pool_with_one_picked(make_sandbox_app, sandbox):
    _, info = sandbox
    app_pool, email_pool = info.pool("demo-app"), info.pool("demo-email-login")
    app = make_sandbox_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pools_listed(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"compare pool demo-app with")
        palette = app.screen
        await wait_for(
            pilot,
            lambda: any(
                "Compare pool demo-app with" in str(o.prompt)
                for o in palette.query_one("CommandList").options
            ),
            "the compare entry",
        )
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ChoiceScreen) and bool(app.screen.query(OptionList)),
            "the choice of the other pool",
        )
        picker = app.screen
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any(app_pool.id in label for label in labels)  # not compared with itself
        options.highlighted = next(i for i, label in enumerate(labels) if email_pool.id in label)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded, "the comparison"
        )
        assert (app.screen.left.pool_id, app.screen.right.pool_id) == (app_pool.id, email_pool.id)
