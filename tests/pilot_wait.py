"""Waiting in Pilot tests: poll a condition every 50 ms; on timeout, fail naming what was awaited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable

from cogtui.widgets.connection_bar import ConnectionBar


async def wait_for(
    pilot: Any, condition: Callable[[], Any], what: str | Callable[[], str] = "condition", tries: int = 200
) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")


async def pools_listed(pilot: Any) -> None:
    """Wait until the pools are listed with their details and the header shows the connection."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query(ConnectionBar), "the first screen")
    table = app.screen_stack[0].query_one("#pools-table", DataTable)

    def pools_done() -> bool:
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        return len(rows) >= 3 and all("…" not in row for row in rows)

    await wait_for(pilot, pools_done, "the pools and their details")
    await wait_for(pilot, lambda: app.state.connection is not None, "the connection")
