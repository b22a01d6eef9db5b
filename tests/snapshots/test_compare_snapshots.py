"""Snapshots of the compare view (demo-app against demo-mfa-required) at 80x24 and wide, only differences."""

from __future__ import annotations

import pytest

from cogtui.screens.compare import CompareScreen, Side
from tests.pilot_wait import pools_listed, wait_for


@pytest.mark.parametrize("size", [(80, 24), (140, 40)], ids=["narrow", "wide"])
def test_compare_pools(snap_compare, make_sandbox_app, sandbox, size):
    _, info = sandbox
    left, right = info.pool("demo-app"), info.pool("demo-mfa-required")

    async def run_before(pilot) -> None:
        await pools_listed(pilot)
        screen = CompareScreen(Side(left.id, left.name), Side(right.id, right.name), only_differences=True)
        await pilot.app.push_screen(screen)
        await wait_for(pilot, lambda: screen.loaded, "the comparison")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=size, run_before=run_before)
