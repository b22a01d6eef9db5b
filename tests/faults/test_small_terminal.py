"""cogtui at 80×24: each main screen mounts and shows its main widgets (at least a usable size, not
clipped away), with the status line and the footer on screen."""

from __future__ import annotations

from typing import Any

import pytest
from textual.errors import NoWidget
from textual.widgets import Footer, Input

from cogtui.screens.users import UsersScreen
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.status_line import StatusLine
from tests.faults.screens import IDP_OPS, busy, sign_in_through, wait_for

SMALL = (80, 24)

# screen -> (selector, minimum visible height, minimum visible width)
MAIN_WIDGETS: dict[str, list[tuple[str, int, int]]] = {
    "pools": [("#pool-filter", 1, 30), ("#pools-table", 4, 60)],
    "pool-detail": [("#pool-tabs Tabs", 1, 60), ("#overview-fields", 4, 60)],
    "users": [("#users-filter", 1, 30), ("#users-table", 4, 60)],
    "user-detail": [("#user-fields", 4, 60)],
    "signin": [
        ("#pool-select", 1, 15),
        ("#client-id", 1, 10),
        ("#username", 1, 10),
        ("#password", 1, 10),
        ("#signin-timeline", 2, 40),
        ("#signin-outcome", 1, 40),
    ],
    "tokens": [("#id-token", 1, 30), ("#access-token", 1, 30), ("#pool", 1, 15), ("#token-results", 3, 60)],
    "identity": [
        ("#pool-id", 1, 15),
        ("#id-token", 1, 15),
        ("#identity-tabs Tabs", 1, 40),
        ("#pool-fields", 3, 30),
    ],
}
EVERYWHERE = [(ConnectionBar, 1, 60), (StatusLine, 1, 60), (Footer, 1, 60)]


def visible_size(screen: Any, widget: Any) -> tuple[int, int]:
    """Rows and columns of ``widget`` actually on screen (its region clipped by its containers)."""
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return 0, 0
    shown = geometry.region.intersection(geometry.clip)
    return shown.height, shown.width


def check(screen: Any, name: str) -> list[str]:
    problems = []
    wanted = [(screen.query_one(sel), h, w, sel) for sel, h, w in MAIN_WIDGETS[name]]
    wanted += [(screen.query_one(kind), h, w, kind.__name__) for kind, h, w in EVERYWHERE]
    for widget, height, width, label in wanted:
        rows, cols = visible_size(screen, widget)
        if rows < height or cols < width:
            problems.append(f"{name}: {label} shows {rows}×{cols}, needs {height}×{width}")
    return problems


async def test_every_main_screen_is_usable_at_80x24(make_direct_app, sandbox):
    _, info = sandbox
    app = make_direct_app()
    problems: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        for name in ("pools", "pool-detail", "users", "user-detail"):
            if name == "users":  # a small pool: the layout is the point here
                screen = UsersScreen(info.pool("demo-app").id, "demo-app")
                await app.push_screen(screen)
                await wait_for(pilot, lambda s=screen: s.finished_at is not None, "the users")
            else:
                screen = await IDP_OPS[name].open(app, pilot, info)
            await pilot.pause()
            problems += check(screen, name)
            if name != "pools":
                app.pop_screen()
        tokens = await sign_in_through(app, info, client="web-spa")
        for key, name in (("2", "signin"), ("3", "tokens"), ("4", "identity")):
            if isinstance(app.focused, Input):  # a form's caret takes letters and digits: Esc leaves it
                await pilot.press("escape")
            await pilot.press(key)
            prefix = name[:4]
            await wait_for(pilot, lambda p=prefix: type(app.screen).__name__.lower().startswith(p), name)
            if name == "tokens":
                app.update_state(tokens=tokens)
                await wait_for(pilot, lambda: app.screen.settled and not busy(app, "tokens.verify"), "tokens")
            if name == "identity":
                await wait_for(pilot, lambda: app.screen.pool is not None, "the identity pool")
            await pilot.pause()
            problems += check(app.screen, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", [SMALL])
async def test_the_error_panel_fits(make_direct_app, size):
    """The guard's panel for an unexpected error keeps its copy and close buttons on an 80×24 screen."""
    from textual.widgets import Button

    app = make_direct_app()
    async with app.run_test(size=size) as pilot:
        app.show_error("Unexpected error", "KeyError: 'UserPool'. cogtui kept running.", "detail\n" * 40)
        await pilot.pause()
        panel = app.screen
        for button in panel.query(Button):
            assert visible_size(panel, button)[0] >= 1, button.id
