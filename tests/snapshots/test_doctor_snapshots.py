"""Snapshots of the sign-in doctor on the test sandbox (fixed port, pinned dates, hash-based ids): why
erin, disabled, cannot sign in to demo-app — the verdict, every check with its cause, fix and admin call —
at the usual size and in a small terminal."""

from __future__ import annotations

import pytest

from cogtui.screens.signin_doctor import SignInDoctorScreen
from tests.pilot_wait import pools_listed, wait_for


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_doctor_on_a_disabled_user(snap_compare, make_sandbox_app, sandbox, size):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_listed(pilot)
        screen = SignInDoctorScreen(pool.id, "erin", pool_name=pool.name)
        await pilot.app.push_screen(screen)
        await wait_for(
            pilot, lambda: screen.verdict is not None and screen.query(".doctor-check"), "the verdict"
        )
        await wait_for(pilot, lambda: not [w for w in pilot.app.workers if w.is_running], "the workers")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=size, run_before=run_before)
