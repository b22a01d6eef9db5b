"""VirtualTable on its own: pages appended without touching the rows already there, cursor keys and
the view following the cursor, Enter and clicks, clear/update/remove, and how cells are drawn."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult

from cogtui.widgets.table_line import Column, column_widths
from cogtui.widgets.virtual_table import VirtualTable
from tests.pilot_wait import wait_for

COLUMNS = (Column("Name", 10), Column("Value", 20, flex=1))
SIZE = (60, 12)  # the table fills the screen: a header and 11 rows (no horizontal scrollbar)
VISIBLE = SIZE[1] - 1


def page(start: int, count: int = 60) -> list[tuple[str, str]]:
    return [(f"row{i:05d}", f"value {i}") for i in range(start, start + count)]


class CountingTable(VirtualTable):
    """Records every row whose cells are turned into segments."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rendered: list[int] = []

    def _render_row(self, index: int):
        self.rendered.append(index)
        return super()._render_row(index)


class TableApp(App[None]):
    CSS = "VirtualTable { height: 1fr; }"

    def __init__(self, rows: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.keys: list[object] = []
        self.highlighted: list[tuple[object, int]] = []
        self.selected: list[tuple[object, int]] = []

    def compose(self) -> ComposeResult:
        yield CountingTable(COLUMNS, id="table")

    def on_mount(self) -> None:
        if self.rows:
            self.keys = self.table.add_rows(page(0, self.rows))
        self.table.focus()

    @property
    def table(self) -> CountingTable:
        return self.query_one(CountingTable)

    @on(VirtualTable.RowHighlighted, "#table")
    def _highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        self.highlighted.append((event.row_key, event.cursor_row))

    @on(VirtualTable.RowSelected, "#table")
    def _selected(self, event: VirtualTable.RowSelected) -> None:
        self.selected.append((event.row_key, event.cursor_row))


def visible_rows(table: VirtualTable) -> range:
    top = round(table.scroll_y)
    return range(top, top + VISIBLE)


async def test_pages_are_appended_with_their_keys():
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        first = table.add_rows(page(0))
        second = table.add_rows(page(60), keys=[f"k{i}" for i in range(60, 120)])
        await pilot.pause()
        assert table.row_count == 120
        assert len(set(first)) == 60 and second[0] == "k60"
        assert table.get_row_at(61) == ("row00061", "value 61")
        assert table.get_row("k119") == ("row00119", "value 119")
        assert table.get_row_index(first[5]) == 5 and table.get_row_index("k60") == 60
        assert table.add_rows([]) == []
        with pytest.raises(ValueError, match="unique"):
            table.add_rows(page(120, 1), keys=["k60"])
        with pytest.raises(ValueError, match="2 cells"):
            table.add_rows([("only one",)])
        with pytest.raises(KeyError):
            table.get_row("missing")
        with pytest.raises(IndexError):
            table.get_row_at(120)
        assert table.row_count == 120  # a refused page adds nothing
        assert app.highlighted[0] == (first[0], 0)  # the first page puts the cursor on row 0


async def test_appending_never_draws_the_rows_already_there():
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        table.add_rows(page(0))
        await wait_for(pilot, lambda: table.show_vertical_scrollbar)
        await pilot.pause()  # drawn again, narrower, now that the scrollbar is there
        assert set(table.rendered) == set(visible_rows(table))
        drawn = len(table.rendered)
        for start in range(60, 660, 60):
            table.add_rows(page(start))
            await pilot.pause()
        await wait_for(pilot, lambda: table.max_scroll_y == 660 - VISIBLE)  # scrolls to every row
        assert table.row_count == 660
        assert len(table.rendered) == drawn  # ten pages below the view: not one row drawn
        await pilot.press("end")
        assert table.cursor_row == 659
        # Jumping to the end draws the last screen of rows (at the next frame), not the ones skipped.
        await wait_for(pilot, lambda: len(table.rendered) > drawn, "the last screen of rows drawn")
        assert sorted(set(table.rendered[drawn:])) == list(visible_rows(table))
        assert len(table.rendered) - drawn <= VISIBLE + 1  # the cursor row may be drawn again


async def test_cursor_keys_move_and_the_view_follows():
    app = TableApp(rows=200)
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        await pilot.pause()
        for _ in range(VISIBLE + 4):
            await pilot.press("down")
        assert table.cursor_row == VISIBLE + 4
        assert table.cursor_row in visible_rows(table) and table.scroll_y > 0
        assert app.highlighted[-1] == (table.cursor_row_key, VISIBLE + 4)
        await pilot.press("pagedown")
        assert table.cursor_row == 2 * VISIBLE + 4 and table.cursor_row in visible_rows(table)
        await pilot.press("pageup", "pageup")
        assert table.cursor_row == 4 and table.cursor_row in visible_rows(table)
        await pilot.press("end")
        assert table.cursor_row == 199 and round(table.scroll_y) == 200 - VISIBLE
        await pilot.press("down")  # already on the last row
        assert table.cursor_row == 199
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("up")
        assert table.cursor_row == 0
        table.move_cursor(row=150)
        assert table.cursor_row == 150 and 150 in visible_rows(table)
        table.move_cursor(row=10_000)  # clamped to the rows there are
        assert table.cursor_row == 199


async def test_enter_selects_the_row_under_the_cursor():
    app = TableApp(rows=30)
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        await pilot.press("down", "down", "enter")
        assert app.selected == [(app.keys[2], 2)]
        assert table.cursor_row_key == app.keys[2] and table.get_row(app.keys[2]) == ("row00002", "value 2")


async def test_a_click_moves_the_cursor_and_a_second_click_selects():
    app = TableApp(rows=30)
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        await pilot.click("#table", offset=(3, 4))  # the header is line 0
        assert table.cursor_row == 3 and app.selected == []
        await pilot.click("#table", offset=(3, 4))
        assert app.selected == [(table.cursor_row_key, 3)]
        await pilot.click("#table", offset=(3, 0))  # the header selects nothing
        assert table.cursor_row == 3 and len(app.selected) == 1


async def test_clear_update_and_remove():
    app = TableApp(rows=50)
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        keys = app.keys
        await pilot.press("end")
        assert table.cursor_row_key == keys[49]
        table.update_row(keys[49], ("renamed", "new value"))
        assert table.get_row_at(49) == ("renamed", "new value")
        await pilot.pause()
        assert table.render_line(VISIBLE).text.startswith(" renamed")  # the last line on screen
        table.remove_row(keys[49])
        assert table.row_count == 49 and table.cursor_row == 48 and table.cursor_row_key == keys[48]
        table.remove_row(keys[1])  # the rows after it move up
        assert table.get_row_at(1) == ("row00002", "value 2") and table.get_row_index(keys[48]) == 47
        with pytest.raises(KeyError):
            table.get_row(keys[1])
        table.clear()
        await pilot.pause()
        assert table.row_count == 0 and table.cursor_row == 0 and table.cursor_row_key is None
        assert table.scroll_y == 0
        await pilot.press("enter", "down")  # nothing to select or move to
        assert app.selected == []
        new_keys = table.add_rows(page(0, 3))
        assert not set(new_keys) & set(keys)  # keys from before clear() never come back


async def test_cells_are_drawn_as_plain_single_lines_in_theme_colours():
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        table.add_rows(
            [
                ("[bold]x[/]", "a\nb\tc"),
                (Text("coloured", style="red"), "a value far too long for the twenty-cell column and more"),
                ("third", "row"),
            ]
        )
        await pilot.pause()
        header, first, second, third = (table.render_line(y) for y in range(4))
        assert header.text.split() == ["Name", "Value"]
        assert "[bold]x[/]" in first.text and "a b c" in first.text  # no markup, one line
        assert "…" in second.text and len(second.text) == table.size.width
        cursor = table.get_component_rich_style("virtual-table--cursor")
        even = table.get_component_rich_style("virtual-table--even-row")
        odd = table.get_component_rich_style("virtual-table--odd-row")
        assert {s.style.bgcolor for s in first} == {cursor.bgcolor}  # row 0 holds the cursor
        assert all(s.style.bgcolor == odd.bgcolor for s in second)
        assert all(s.style.bgcolor == even.bgcolor for s in third)
        assert even.bgcolor != cursor.bgcolor
        red = next(s for s in second if s.text == "coloured")
        assert red.style.color is not None and red.style.color.name == "red"


def test_flex_columns_share_the_spare_room():
    columns = (Column("a", 5), Column("b", 10, flex=1), Column("c", 4, flex=2))
    assert column_widths(columns, 0, 1) == [5, 10, 4]  # too narrow: the declared widths (it scrolls)
    assert column_widths(columns, 25, 1) == [5, 10, 4]  # exactly the room needed
    assert column_widths(columns, 31, 1) == [5, 12, 8]  # six spare cells, shared 1:2
    assert column_widths(columns, 30, 1) == [5, 12, 7]  # five: 1 and 3 by share, the rest one each
    assert sum(column_widths(columns, 200, 1)) == 200 - 6


def test_columns_with_a_minimum_shrink_widest_first_until_the_row_fits():
    columns = [Column("a", 10, min_width=4), Column("b", 6), Column("c", 12, min_width=10)]
    assert column_widths(columns, 34, 1) == [10, 6, 12]  # fits as declared
    assert column_widths(columns, 30, 1) == [6, 6, 12]  # 4 missing: the most room above its minimum gives
    assert column_widths(columns, 27, 1) == [5, 6, 10]  # then both, keeping their room above the minimum even
    assert column_widths(columns, 0, 1) == [4, 6, 10]  # never below a minimum; fixed columns keep theirs


async def test_the_users_table_fits_80_columns_without_scrolling_sideways(make_sandbox_app, sandbox):
    from cogtui.screens.users import UsersScreen

    pool = sandbox[1].pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = UsersScreen(pool.id, pool.name)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.table.row_count >= 7, "the users")
        await pilot.pause()
        table = screen.table
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert not table.show_horizontal_scrollbar
