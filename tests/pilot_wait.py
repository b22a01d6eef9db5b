"""Waiting in Pilot tests, in one place: the tests await a condition, never a fixed time.

- ``wait_for(pilot, condition, what)``: poll ``condition`` every 20 ms, processing the app's messages in
  between; after ``timeout`` seconds (30 by default: a bound, not a timing check) fail with ``what``,
  the screens and their status lines.
- ``until(condition)``: the same poll, every 5 ms, without waiting for the app to go quiet, for tests that
  press keys while rows stream in (Pilot's pauses wait for a quiet app, which never comes while streaming);
  returns whether ``condition`` came true, for the test to assert.
- ``settle(pilot)``: let the app finish what it started: pending messages processed, its workers done,
  its scheduled animations run (Textual's own ``wait_for_complete`` and ``wait_for_scheduled_animations``).
- ``pools_listed(pilot)``: the first screen with every pool's details and the connection.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Footer
from textual.worker import WorkerState

from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.status_line import StatusLine

POLL_S = 0.02
TIMEOUT_S = 30.0
_ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


def _where(app: Any) -> str:
    """The screens, top last, and what their status lines say: the context a timeout is read in."""
    stack = [type(s).__name__ for s in app.screen_stack]
    lines = [str(line.render()) for s in app.screen_stack for line in s.query(StatusLine)]
    return f"screens: {stack}; status: {lines}"


async def wait_for(
    pilot: Any,
    condition: Callable[[], Any],
    what: str | Callable[[], str] = "condition",
    timeout: float = TIMEOUT_S,
) -> None:
    """Return as soon as ``condition()`` holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            named = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout:g} s waiting for {named} ({_where(pilot.app)})")
        await pilot.pause(POLL_S)


async def until(condition: Callable[[], Any], timeout: float = TIMEOUT_S) -> bool:
    """Poll every 5 ms, letting the event loop run (a bound, not a timing check); the last reading."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return bool(condition())
        await asyncio.sleep(0.005)
    return True


async def settle(pilot: Any, timeout: float = TIMEOUT_S) -> None:
    """Pending messages processed, every worker of the app finished, scheduled animations run."""
    app = pilot.app
    await pilot.pause()
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout)
    except TimeoutError:
        running = [w.name or w.group for w in app.workers if w.state in _ACTIVE]
        raise AssertionError(
            f"workers still running after {timeout:g} s: {running} ({_where(app)})"
        ) from None
    await pilot.wait_for_scheduled_animations()


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
    # The key bar is mounted once the first rows are painted, and composes its keys after a refresh: a
    # screen pushed before then would leave it empty behind.
    await wait_for(
        pilot,
        lambda: any(bar.children for bar in app.screen_stack[0].query(Footer)),
        "the pools screen's key bar and its keys",
    )
