"""The key bar: rebuilt when the keys it shows change, left as it is when a screen only says they may have."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from cogtui.widgets.key_bar import KeyBar, shown_keys
from tests.pilot_wait import pools_listed, settle, wait_for


def _keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(KeyBar).query(FooterKey))


def _compare_key(app) -> FooterKey:
    return next(key for key in _keys(app) if key.action == "compare")


async def test_the_key_bar_is_rebuilt_only_when_its_keys_change(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        pools = app.screen
        await wait_for(pilot, lambda: _keys(app), "the keys")
        await settle(pilot)
        before = _keys(app)
        assert _compare_key(app).has_class("-disabled")  # nothing marked: the compare key is greyed

        table = pools.query_one("#pools-table", DataTable)
        table.move_cursor(row=table.get_row_index(info.pool("demo-app").id))
        for _ in range(3):  # each highlight asks the bar to refresh its keys; none of them changes
            pools.refresh_bindings()
            await pilot.press("down")
        await settle(pilot)
        assert _keys(app) == before and all(a is b for a, b in zip(_keys(app), before, strict=True))

        table.move_cursor(row=table.get_row_index(info.pool("demo-app").id))
        await pilot.press("m")  # marked; another pool highlighted: compare is now possible
        table.move_cursor(row=table.get_row_index(info.pool("demo-mfa-required").id))
        # The bar is composed again after a refresh: until then it may hold no keys.
        await wait_for(
            pilot,
            lambda: any(key.action == "compare" and not key.has_class("-disabled") for key in _keys(app)),
            "the compare key enabled",
        )
        assert all(a is not b for a, b in zip(_keys(app), before, strict=False))  # a new bar
        assert [key.key for key in _keys(app)] == [key.key for key in before]  # with the same keys
        assert ("c", "compare") in [(k[0], k[1]) for k in shown_keys(pools)]


async def test_a_composed_key_bar_is_styled_once(make_sandbox_app, sandbox, monkeypatch):
    """Textual's keys start compact and are bound to the bar's state once mounted, so each was restyled
    twice after its first styling; the bar makes them in their final state, and none is restyled."""
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        await settle(pilot)
        before = _keys(app)
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def recording(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(nodes)
            return update_nodes(nodes, animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", recording)
        pools = app.screen
        table = pools.query_one("#pools-table", DataTable)
        table.move_cursor(row=table.get_row_index(info.pool("demo-app").id))
        await pilot.press("m")  # marked: the bar is composed again, with the compare key enabled
        table.move_cursor(row=table.get_row_index(info.pool("demo-mfa-required").id))
        await wait_for(
            pilot,
            lambda: any(key.action == "compare" and not key.has_class("-disabled") for key in _keys(app)),
            "the compare key enabled",
        )
        await settle(pilot)
        keys = _keys(app)
        assert keys and all(a is not b for a, b in zip(keys, before, strict=False))  # a new bar
        assert [node for node in restyled if isinstance(node, FooterKey)] == []
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and all(key.compact and key.has_class("-compact") for key in palette)
        assert all(not key.compact and not key.has_class("-compact") for key in keys if key not in palette)


async def test_the_key_bar_asks_a_pools_screen_whose_table_is_gone(make_sandbox_app, sandbox):
    """A switch of connection made during another dismantles the pools screen while its key bar still
    asks which keys to show: the compare key's check must answer, not raise NoMatches into the app."""
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        pools = app.screen
        await pools.query_one("#pools-table", DataTable).remove()
        assert pools.selected_pool_id() is None
        assert pools.check_action("compare", ()) is None  # greyed, with its reason
        pools.refresh_bindings()
        await settle(pilot)
        assert app.return_code is None and app.screen is pools  # still running, no error screen
