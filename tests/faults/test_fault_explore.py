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
        assert table.row_count >= len(info.pools)  # tests may have added pools of their own
        assert {p.id for p in info.pools} <= {str(k.value) for k in table.rows}
        text = status_text(screen)
        assert "cognito-idp:DescribeUserPool" in text and "r: retry" in text, text
        assert all(table.get_row_at(i)[2] != "…" for i in range(table.row_count)), (
            "details look still loading"
        )
        assert not unexpected_errors(app)


async def test_user_detail_says_why_devices_cannot_be_read(make_fault_app, chaos, sandbox):
    """A role without AdminListDevices: the user shows, the devices row names the refusal instead of
    "this endpoint does not report devices", and the sign-in events (moto lacks them) say so as before."""
    from cogtui.describe.users import NO_EVENTS
    from cogtui.screens.user_detail import UserDetailScreen
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


async def open_denied(pilot, app, chaos, operation: str, screen, done) -> None:
    """Open ``screen`` with ``operation`` refused (AccessDenied) and wait until ``done(screen)``."""
    chaos.error(ACCESS_DENIED, signed_only=True, match={operation})
    await app.push_screen(screen)
    await wait_for(pilot, lambda: done(screen), f"the screen with {operation} refused")


def pool_loaded(app):
    return lambda screen: screen.clients is not None and not busy(app, "pool.load")


async def test_pool_with_clients_refused_shows_them_as_unread(make_fault_app, chaos, sandbox):
    """A role that may list app clients but not describe them: every client still has a row, the App
    clients tab names the refused operation and its reason, and Findings says it is incomplete."""
    from textual.widgets import DataTable, TabbedContent

    from cogtui.screens.pool_detail import PoolDetailScreen
    from cogtui.widgets.findings_view import FindingsView

    pool = sandbox[1].pool("demo-app")
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = PoolDetailScreen(pool.id, pool.name)
        await open_denied(pilot, app, chaos, "DescribeUserPoolClient", screen, pool_loaded(app))
        table = screen.query_one("#clients-table", DataTable)
        assert table.row_count == len(pool.clients)
        assert {str(k.value) for k in table.rows} == {c.id for c in pool.clients}
        note = str(screen.query_one("#clients-note").render())
        assert "could not be read" in note and "DescribeUserPoolClient" in note, note
        assert "AccessDeniedException" in note, note
        tabs = screen.query_one(TabbedContent)
        assert "unread" in str(tabs.get_tab("clients").label)
        assert "incomplete" in str(tabs.get_tab("findings").label)
        view = screen.query_one("#pool-findings", FindingsView)
        assert view.incomplete and "DescribeUserPoolClient" in view.incomplete[0]
        text = status_text(screen)
        assert "incomplete" in text.lower() and "DescribeUserPoolClient" in text, text
        assert not unexpected_errors(app)


async def test_pool_whose_clients_cannot_be_listed_says_so(make_fault_app, chaos, sandbox):
    from textual.widgets import TabbedContent

    from cogtui.screens.pool_detail import PoolDetailScreen

    pool = sandbox[1].pool("demo-app")
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = PoolDetailScreen(pool.id, pool.name)
        await open_denied(pilot, app, chaos, "ListUserPoolClients", screen, pool_loaded(app))
        note = str(screen.query_one("#clients-note").render())
        assert "could not be listed" in note and "ListUserPoolClients" in note, note
        assert "incomplete" in str(screen.query_one(TabbedContent).get_tab("findings").label)
        assert not unexpected_errors(app)


async def test_user_shows_when_its_groups_are_refused(make_fault_app, chaos, sandbox):
    """AdminGetUser succeeds, AdminListGroupsForUser is refused: the user is shown (not "Loading…"), the
    groups row names the refusal, and the group keys are not offered for a membership nobody knows."""
    from cogtui.screens.user_detail import UserDetailScreen
    from cogtui.widgets.field_list import FieldList

    pool = sandbox[1].pool("demo-app")
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = UserDetailScreen(pool.id, pool.name, "alice")
        await open_denied(
            pilot,
            app,
            chaos,
            "AdminListGroupsForUser",
            screen,
            lambda s: s.snapshot and s.snapshot.extras_loaded,
        )
        shown = {f.label: f for f in screen.query_one(FieldList).fields}
        assert shown["Username"].value == "alice"
        assert shown["Groups"].value == "✘ could not be read: AccessDeniedException"
        assert "AdminListGroupsForUser" in shown["Groups"].note
        assert screen.check_action("add_to_group", ()) is None
        assert screen.check_action("remove_from_group", ()) is None
        assert screen.check_action("disable", ()) is True  # what is known still works
        text = status_text(screen)
        assert "incomplete" in text and "AdminListGroupsForUser" in text, text
        await pilot.press("g")
        await wait_for(pilot, lambda: "groups of alice could not be read" in status_text(screen), "why")
        assert not unexpected_errors(app)


async def test_user_that_cannot_be_read_says_why_and_offers_no_action(make_fault_app, chaos, sandbox):
    from cogtui.screens.user_detail import UserDetailScreen
    from cogtui.widgets.field_list import FieldList

    pool = sandbox[1].pool("demo-app")
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = UserDetailScreen(pool.id, pool.name, "alice")
        await open_denied(pilot, app, chaos, "AdminGetUser", screen, lambda s: not busy(app, "user.load"))
        fields = screen.query_one(FieldList)
        assert "could not be read" in fields.empty and "AdminGetUser" in fields.empty
        assert all(screen.check_action(a, ()) is None for a in ("disable", "delete", "set_password"))
        await pilot.press("delete")
        await wait_for(pilot, lambda: "state is unknown" in status_text(screen), "why delete is refused")
        assert not unexpected_errors(app)


async def test_sign_in_events_without_threat_protection_are_not_a_failure(make_fault_app, chaos, sandbox):
    """Cognito's answer on a pool without threat protection: the events row says what turns recording
    on, and the status line stays a success."""
    from cogtui.screens.user_detail import UserDetailScreen
    from cogtui.widgets.field_list import FieldList
    from tests.faults.canned import CannedError
    from tests.faults.helpers import status_failed

    addon_off = CannedError(400, "UserPoolAddOnNotEnabledException", "User pool add-on is not enabled.")
    pool = sandbox[1].pool("demo-app")
    app = make_fault_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = UserDetailScreen(pool.id, pool.name, "alice")
        chaos.error(addon_off, match={"AdminListUserAuthEvents"})
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.snapshot and screen.snapshot.extras_loaded, "the user")
        shown = {f.label: f.value for f in screen.query_one(FieldList).fields}
        assert shown["Sign-in events"].startswith("– not recorded:")
        assert "threat protection" in shown["Sign-in events"] and "Plus" in shown["Sign-in events"]
        assert not status_failed(screen), status_text(screen)
        assert not unexpected_errors(app)
