"""Switching the connection in place: the endpoint, a failed switch and going back, from the dialog."""

from __future__ import annotations

import asyncio
import socket

from textual.command import CommandPalette
from textual.widgets import DataTable, Input

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.screens.dialogs.connection import ConnectionDialog
from cogtui.screens.pools import PoolsScreen
from cogtui.settings import Settings
from cogtui.widgets.connection_bar import ConnectionBar
from tests.pilot_wait import pools_listed, wait_for


def dead_endpoint() -> str:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def header(app) -> str:
    return str(app.screen.query_one(ConnectionBar).render())


async def switched(app, before) -> None:
    """Wait until a switch has rebuilt the screens and said whether it worked. Polled with asyncio, not
    Pilot: Pilot's pause waits on the current screen, which a switch removes."""
    for _ in range(600):
        running = [w for w in app.workers if w.group == "app.connection" and not w.is_finished]
        if app.screen is not before and isinstance(app.screen, PoolsScreen) and not running:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the switch did not finish: {app.screen_stack}, {header(app)}")


async def connect_to_endpoint(pilot, endpoint: str) -> None:
    app = pilot.app
    before = app.screen
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, ConnectionDialog), "the connection dialog")
    field = app.screen.query_one("#connection-endpoint", Input)
    field.focus()
    field.value = endpoint
    await pilot.press("enter")
    await switched(app, before)


async def test_switching_the_endpoint_reloads_the_pools_list(make_sandbox_app, sandbox):
    _, info = sandbox
    settings = Settings(
        endpoint_url=dead_endpoint(), region="us-east-1", sandbox=True, read_timeout=1, max_attempts=1
    )
    runtime = Runtime(settings, sandbox_info=info)
    app = make_app(settings, runtime)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: "✘ not connected" in header(app), lambda: header(app))
            await connect_to_endpoint(pilot, info.endpoint_url)
            await pools_listed(pilot)
            table = app.screen.query_one("#pools-table", DataTable)
            names = {table.get_row_at(i)[0] for i in range(table.row_count)}
            assert {"demo-app", "demo-mfa-required"} <= names
            assert info.endpoint_url in header(app) and "✘" not in header(app)
            assert app.runtime.settings.endpoint_url == info.endpoint_url
    finally:
        runtime.close()


async def test_a_failed_switch_shows_in_the_header_and_the_way_back(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app(read_only=True, read_timeout=1, max_attempts=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pools_listed(pilot)
        dead = dead_endpoint()
        await connect_to_endpoint(pilot, dead)
        await wait_for(pilot, lambda: "✘ not connected" in header(app), lambda: header(app))
        assert "Could not reach" in header(app) and dead in header(app)
        assert app.connection_back is not None and app.connection_back.endpoint_url == info.endpoint_url
        assert app.gateway.read_only and "READ-ONLY" in header(app)  # --read-only survives the switch
        table = app.screen.query_one("#pools-table", DataTable)
        assert table.row_count == 0  # no pools of the old connection under the new header
        failed_screen = app.screen
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConnectionDialog), "the connection dialog")
        await pilot.click("#connection-back")
        await switched(app, failed_screen)
        await pools_listed(pilot)
        assert info.endpoint_url in header(app) and "✘" not in header(app)


async def test_a_region_from_the_palette_lists_that_regions_pools_and_back(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pools_listed(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await pilot.press(*"Region: eu-west-1")
        wanted = "Region: eu-west-1"
        await wait_for(
            pilot, lambda: wanted in palette_entries(palette), lambda: str(palette_entries(palette))
        )
        palette.query_one("CommandList").highlighted = palette_entries(palette).index(wanted)
        before = app.screen_stack[0]
        await pilot.press("enter")
        await switched(app, before)
        await wait_for(
            pilot,
            lambda: app.state.connection is not None and app.state.connection.region == "eu-west-1",
            lambda: header(app),
        )
        assert "local sandbox · eu-west-1" in header(app)
        table = app.screen.query_one("#pools-table", DataTable)
        assert table.row_count == 0  # the sandbox's pools are in us-east-1
        assert app.connection_back is not None and app.connection_back.region == "us-east-1"
        before = app.screen
        app.connect_back()
        await switched(app, before)
        await pools_listed(pilot)
        assert "us-east-1" in header(app)


def palette_entries(palette) -> list[str]:
    return [str(o.prompt).split("\n")[0] for o in palette.query_one("CommandList").options]


async def test_a_switch_made_during_another_ends_on_the_last_ones_pools(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pools_listed(pilot)
        runtime = app.runtime
        before = app.screen
        app.connect_to(runtime.target(profile=None, region="eu-west-1", endpoint_url=None, sandbox=True))
        for _ in range(200):  # the first switch is rebuilding the screens (a blank screen holds the app)
            if not isinstance(app.screen, PoolsScreen):
                break
            await asyncio.sleep(0.005)
        app.connect_to(runtime.target(profile=None, region="us-east-1", endpoint_url=None, sandbox=True))
        await switched(app, before)
        await pools_listed(pilot)
        assert app.state.connection.region == "us-east-1" and "us-east-1" in header(app)
        assert app.current_mode == "explore" and len(app.screen_stack) == 1


async def test_quitting_during_a_switch_ends_cleanly(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pools_listed(pilot)
        app.connect_to(app.runtime.target(profile=None, region="eu-west-1", endpoint_url=None, sandbox=True))
        for _ in range(200):  # quit while the screens are being rebuilt
            if not isinstance(app.screen, PoolsScreen):
                break
            await asyncio.sleep(0.005)
        app.exit()
    assert app.return_code == 0
