"""Sorting DataTables: > cycles the sort column, < reverses, a header click sorts by that column (again
reverses); the header shows ▲/▼, numbers sort as numbers, rows added later fall in order and the
cursor keeps its row. On a bare table and on the pools screen against the sandbox."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from cogtui.widgets.sortable_table import SortableTable
from tests.pilot_wait import wait_for

SIZE = (120, 36)


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        table = SortableTable(id="t", cursor_type="row")
        table.add_columns("Name", "Users")
        for name, users in (("beta", "1,200"), ("Alpha", "300"), ("gamma", "45")):
            table.add_row(Text(name), users, key=name)
        yield table


def column(table: SortableTable, index: int) -> list[str]:
    return [str(table.get_row_at(r)[index]) for r in range(table.row_count)]


def labels(table: SortableTable) -> list[str]:
    return [c.label.plain for c in table.columns.values()]


async def test_keys_cycle_the_column_and_reverse():
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(SortableTable)
        table.focus()
        assert column(table, 0) == ["beta", "Alpha", "gamma"] and labels(table) == ["Name", "Users"]
        await pilot.press("greater_than_sign")
        assert column(table, 0) == ["Alpha", "beta", "gamma"]  # case does not count
        assert labels(table) == ["Name ▲", "Users"]
        await pilot.press("greater_than_sign")
        assert column(table, 1) == ["45", "300", "1,200"]  # as numbers, not as text
        assert labels(table) == ["Name", "Users ▲"]
        await pilot.press("less_than_sign")
        assert column(table, 1) == ["1,200", "300", "45"] and labels(table) == ["Name", "Users ▼"]


async def test_header_click_sorts_and_reverses_and_new_rows_fall_in_order():
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(SortableTable)
        await pilot.click(SortableTable, offset=(2, 0))  # the Name header
        assert column(table, 0) == ["Alpha", "beta", "gamma"]
        await pilot.click(SortableTable, offset=(2, 0))
        assert column(table, 0) == ["gamma", "beta", "Alpha"] and labels(table)[0] == "Name ▼"
        table.move_cursor(row=table.get_row_index("beta"))
        table.add_row(Text("delta"), "7", key="delta")
        table.add_row(Text("zeta"), "8", key="zeta")
        await wait_for(pilot, lambda: column(table, 0)[0] == "zeta", "the new rows in order")
        assert column(table, 0) == ["zeta", "gamma", "delta", "beta", "Alpha"]
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "beta"


async def test_the_pools_list_sorts_by_estimated_users(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#pools-table", SortableTable)
        await wait_for(pilot, lambda: table.row_count >= 3, "the pools")
        table.focus()
        for _ in range(3):
            await pilot.press("greater_than_sign")
        assert labels(table)[2] == "Est. users ▲"

        def users() -> list[float]:
            return [float(v.replace(",", "")) for v in column(table, 2) if v.replace(",", "").isdigit()]

        assert users() == sorted(users()) and len(users()) >= 3
        await pilot.press("less_than_sign")
        assert users() == sorted(users(), reverse=True)
