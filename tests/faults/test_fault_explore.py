"""Faults on the explore screens' main operations: list pools, open a pool, stream users, user detail."""

from __future__ import annotations

import pytest

from tests.faults.canned import ACCESS_DENIED
from tests.faults.faults import FAULTS, run_faults
from tests.faults.screens import IDP_OPS, SIZE, busy, status_text, unexpected_errors, wait_for

TALLY_AS = "pools"  # the row of the faults-injected summary for tests without a screen


@pytest.mark.parametrize("screen", list(IDP_OPS.values()), ids=str)
async def test_every_fault(screen, make_fault_app, chaos, sandbox):
    _, info = sandbox
    await run_faults(screen, FAULTS, make_fault_app(), chaos, info)


async def test_pool_details_refused_are_explained(make_fault_app, chaos, sandbox):
    """A role allowed to list pools but not to describe them: the list shows, and the status line says
    why the MFA and user-count columns stay empty, naming the missing IAM action."""
    _, info = sandbox
    chaos.error(ACCESS_DENIED, signed_only=True, match={"DescribeUserPool"})
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded and not busy(app, "pools.load"), "the pools")
        table = screen.query_one("#pools-table")
        assert table.row_count == len(info.pools)
        text = status_text(screen)
        assert "cognito-idp:DescribeUserPool" in text and "r: retry" in text, text
        assert all(table.get_row_at(i)[2] != "…" for i in range(table.row_count)), (
            "details look still loading"
        )
        assert not unexpected_errors(app)


async def test_user_detail_says_why_devices_cannot_be_read(make_fault_app, chaos, sandbox):
    """A role without AdminListDevices: the user shows, the devices row names the refusal instead of
    "this endpoint does not report devices", and the sign-in events (moto lacks them) say so as before."""
    from cogtui.screens.user_detail import NO_EVENTS, UserDetailScreen
    from cogtui.widgets.field_list import FieldList

    _, info = sandbox
    chaos.error(ACCESS_DENIED, signed_only=True, match={"AdminListDevices"})
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        pool = info.pool("demo-app")
        screen = UserDetailScreen(pool.id, pool.name, "alice")
        await app.push_screen(screen)
        await wait_for(
            pilot,
            lambda: screen.snapshot is not None and screen.snapshot.extras_loaded,
            "the user and its extras",
        )
        shown = {f.label: f.value for f in screen.query_one(FieldList).fields}
        assert shown["Username"] == "alice"
        assert shown["Remembered devices"] == "✘ could not be read: AccessDeniedException"
        assert shown["Sign-in events"] == NO_EVENTS
        text = status_text(screen)
        assert "cognito-idp:AdminListDevices" in text, text
        assert not unexpected_errors(app)
