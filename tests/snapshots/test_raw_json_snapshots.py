"""The raw JSON view of a seeded pool: the call, the note, the pretty-printed response in theme colours."""

from __future__ import annotations

from cogtui.exports import raw
from cogtui.screens.dialogs.raw_json import RawJsonScreen
from tests.pilot_wait import pools_listed, wait_for

SIZE = (120, 36)


def test_raw_json_of_a_pool(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_listed(pilot)
        screen = RawJsonScreen(raw.user_pool(pool.id, pool.name))
        await pilot.app.push_screen(screen)
        await wait_for(pilot, lambda: len(screen.responses) == 2, "the responses")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)
