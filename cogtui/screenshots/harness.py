"""Drive the app headless on the sandbox: start it, wait for its workers to settle, save an SVG."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerState

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.settings import Settings

SIZE = (120, 36)
SCREENSHOT_PORT = 48213

Steps = Callable[[Pilot, Any], Awaitable[None]]


@dataclass(frozen=True)
class Scenario:
    """One screenshot: a file name, what it shows, and the keys that reach it."""

    name: str
    title: str
    steps: Steps
    read_only: bool = False


async def settle(pilot: Pilot, timeout: float = 10.0) -> None:
    """Wait until no worker is pending or running (or ``timeout`` passes), then let the screen repaint."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await pilot.pause(0.05)
        busy = [w for w in pilot.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            break
    await pilot.pause(0.1)


async def wait_until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return False


def sandbox_app(info: Any, read_only: bool = False) -> Any:
    settings = Settings(endpoint_url=info.endpoint_url, region=info.region, sandbox=True, read_only=read_only)
    return make_app(settings, Runtime(settings, sandbox_info=info))


async def shoot(scenario: Scenario, info: Any, out: Path) -> Path:
    app = sandbox_app(info, read_only=scenario.read_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await scenario.steps(pilot, info)
        await settle(pilot)
        path = Path(app.save_screenshot(filename=f"{scenario.name}.svg", path=str(out)))
    app.runtime.gateway.close()
    return path


def pools_listed(pilot: Pilot, at_least: int = 3) -> bool:
    """The pools table is on screen with the seeded pools in it."""
    from textual.widgets import DataTable

    tables = pilot.app.screen.query("#pools-table").results(DataTable)
    return any(table.row_count >= at_least for table in tables)
