"""At 80×24 nothing runs off the right edge: no sideways scrollbar under the pools, the sandbox logins
fit (the notes wrap), and the Set-password dialog shows its whole Permanent label."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Checkbox, DataTable

from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.password_prompt import PasswordPrompt
from cogtui.screens.dialogs.sandbox_info import SandboxInfoScreen
from cogtui.screens.dialogs.user_forms import CreateUserDialog
from cogtui.screens.identity_pools import IdentityPoolsScreen
from tests.pilot_wait import pools_listed, settle, wait_for

SIZE = (80, 24)


async def test_the_pools_table_shows_no_sideways_scrollbar(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#pools-table", DataTable)
        await wait_for(pilot, lambda: table.row_count >= 3, "the pools")
        await settle(pilot)
        # Ids longer than the room left (an emulator's) are cut at the edge: no scrollbar at the bottom.
        assert not table.show_horizontal_scrollbar


async def test_the_sandbox_logins_fit_80_columns(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, SandboxInfoScreen)
        await settle(pilot)
        for table_id in ("#sandbox-users", "#sandbox-clients"):
            table = screen.query_one(table_id, DataTable)
            assert table.virtual_size.width <= table.size.width, table_id
            assert not table.show_horizontal_scrollbar, table_id
        users = screen.query_one("#sandbox-users", DataTable)
        assert "Notes" in [str(c.label) for c in users.columns.values()]


async def test_the_permanent_label_is_whole_at_80_columns():
    class Host(App[None]):
        pass

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PasswordPrompt("bob", "demo-app"))
        await pilot.pause()
        box = app.screen.query_one(Checkbox)
        assert box.region.right <= 80 and box.region.width >= len("▐X▌ Permanent")
        note = app.screen.query_one("#password-permanent-note")
        assert note.region.right <= 80 and note.region.height >= 1


@pytest.mark.parametrize(("size", "width_class"), [((80, 24), "-narrow"), ((120, 36), "-wide")])
async def test_screens_are_made_with_the_class_of_the_terminals_width(make_sandbox_app, size, width_class):
    """Textual sets a screen's breakpoint class at its first Resize, after the screen has been styled,
    and restyles it all for the change; cogtui's screens and dialogs have it as they are made."""
    other = {"-narrow": "-wide", "-wide": "-narrow"}[width_class]
    app = make_sandbox_app()
    async with app.run_test(size=size) as pilot:
        await pools_listed(pilot)
        screens = [
            IdentityPoolsScreen(),
            ConfirmScreen("Delete?", "Delete the user."),
            CreateUserDialog("demo-app"),  # its labels shrink to 18 columns when -narrow
        ]
        for screen in screens:
            assert screen.has_class(width_class) and not screen.has_class(other), type(screen).__name__
        for screen in screens:
            await app.push_screen(screen)
            await settle(pilot)
            assert screen.has_class(width_class) and not screen.has_class(other), type(screen).__name__
