"""Screenshots of the explorer's daily work: switching the connection, the raw JSON of a pool, an identity
pool's findings, the users table sorted and searched, two pools compared."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from cogtui.screenshots.harness import Scenario, pools_listed, settle, wait_until


async def raw_json_of_a_pool(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.dialogs.raw_json import RawJsonScreen

    await wait_until(pilot, lambda: pools_listed(pilot))
    await pilot.press("enter")  # demo-app is the first row
    await settle(pilot)
    await pilot.press("j")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, RawJsonScreen) and len(pilot.app.screen.responses) == 2
    )


async def identity_pool_findings(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.identity_pools import IdentityPoolDetailScreen

    await wait_until(pilot, lambda: pools_listed(pilot))
    screen = IdentityPoolDetailScreen(info.identity_pool.id, info.identity_pool.name)
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: screen.findings_ready)
    await pilot.press("f")


async def users_sorted_and_searched(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.users import UsersScreen

    pool = info.pool("demo-large")
    screen = UsersScreen(pool.id, pool.name)
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: screen.finished_at is not None, timeout=30)
    await pilot.press("greater_than_sign", "greater_than_sign")  # by status
    await pilot.press("slash", *"cerf")


async def connection_dialog(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.dialogs.connection import ConnectionDialog

    await settle(pilot)
    await pilot.press("ctrl+o")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, ConnectionDialog) and pilot.app.screen.loaded
    )


DAILY: list[Scenario] = [
    Scenario(
        "raw-json", "The raw JSON of a pool, as the API answered it, secrets masked (j)", raw_json_of_a_pool
    ),
    Scenario(
        "identity-pool-findings",
        "An identity pool's findings: guest access, classic flow, token checks, role mappings (i, Enter, f)",
        identity_pool_findings,
    ),
    Scenario(
        "users-sorted-searched",
        "2,500 users sorted by status and searched locally (>, /)",
        users_sorted_and_searched,
    ),
    Scenario(
        "connection",
        "Switch profile, region or endpoint in place, without restarting (Ctrl+O)",
        connection_dialog,
    ),
]


async def compare_pools(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.compare import CompareScreen

    await wait_until(pilot, lambda: pools_listed(pilot))
    await pilot.press("m")  # demo-app, the first row, marked
    await pilot.press("slash", *"mfa-required", "enter")  # the filter finds demo-mfa-required
    await pilot.press("c")  # compared with the marked one
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CompareScreen) and pilot.app.screen.loaded)
    await pilot.press("d")  # only the differences
    await settle(pilot)


DAILY += [
    Scenario(
        "compare",
        "Two pools side by side, only the differences: settings, app clients, groups and findings (m, c, d)",
        compare_pools,
    ),
]
