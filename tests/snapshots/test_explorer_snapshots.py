"""Snapshots of the explorer on the test sandbox (fixed port, pinned dates, hash-based ids):
the pools list, a pool's overview and findings tabs, an app client with findings, an identity pool."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.sandbox.seed import sandbox_clients
from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.identity_pools import IdentityPoolDetailScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.settings import Settings
from cogtui.widgets.connection_bar import ConnectionBar

SIZE = (120, 36)


@pytest.fixture
def explorer_app(sandbox):
    """The real app on the session sandbox; its gateway is closed after the test."""
    _, info = sandbox
    runtimes: list[Runtime] = []

    def factory():
        settings = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True)
        runtime = Runtime(settings, sandbox_info=info)
        runtimes.append(runtime)
        return make_app(settings, runtime)

    yield factory
    for runtime in runtimes:
        runtime.gateway.close()


@pytest.fixture
def seeded_users_only(sandbox):
    """The pools list and the overview show user counts: fail with the reason when earlier tests left users
    in the seeded pools (tests must delete the users they create), rather than with a picture diff."""
    _, info = sandbox
    idp, _ = sandbox_clients(info.endpoint_url, info.region)
    extra: dict[str, list[str]] = {}
    for pool in info.pools:
        seeded = {u.username for u in info.users if u.pool == pool.name}
        if not seeded:
            continue
        pages = idp.get_paginator("list_users").paginate(UserPoolId=pool.id)
        for user in (u for page in pages for u in page["Users"]):
            email = next((a["Value"] for a in user.get("Attributes", []) if a["Name"] == "email"), "")
            if not {user["Username"], email} & seeded:  # e-mail login pools sign in with the e-mail
                extra.setdefault(pool.name, []).append(user["Username"])
    assert not extra, f"users left in seeded pools by earlier tests: {extra}"


async def wait_for(pilot, condition, what: str, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(pilot) -> None:
    """Wait until the header shows the connection and the pools are listed with their details."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query(ConnectionBar), "the first screen")
    table = app.screen_stack[0].query_one("#pools-table", DataTable)

    def pools_done() -> bool:
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        return len(rows) >= 3 and all("…" not in row for row in rows)

    await wait_for(pilot, pools_done, "the pools and their details")
    await wait_for(pilot, lambda: app.state.connection is not None, "the connection")
    await pilot.pause(0.1)


def test_pools_screen(snap_compare, explorer_app, seeded_users_only):
    async def run_before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(explorer_app(), terminal_size=SIZE, run_before=run_before)


async def _open_demo_app(pilot, pool_id: str) -> PoolDetailScreen:
    await settle(pilot)
    await pilot.app.push_screen(PoolDetailScreen(pool_id, "demo-app"))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
    await pilot.pause(0.1)
    return screen


def test_pool_detail_overview(snap_compare, explorer_app, sandbox, seeded_users_only):
    pool_id = sandbox[1].pool("demo-app").id

    async def run_before(pilot) -> None:
        await _open_demo_app(pilot, pool_id)

    assert snap_compare(explorer_app(), terminal_size=SIZE, run_before=run_before)


def test_pool_detail_findings(snap_compare, explorer_app, sandbox):
    pool_id = sandbox[1].pool("demo-app").id

    async def run_before(pilot) -> None:
        await _open_demo_app(pilot, pool_id)
        await pilot.press("f")
        await pilot.pause(0.1)

    assert snap_compare(explorer_app(), terminal_size=SIZE, run_before=run_before)


def test_client_detail_with_findings(snap_compare, explorer_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_client(pool.id, pool.client("legacy-password").id)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ClientDetailScreen)
        await wait_for(pilot, lambda: screen.client is not None, "the client")
        await pilot.pause(0.1)

    assert snap_compare(explorer_app(), terminal_size=SIZE, run_before=run_before)


def test_identity_pool_detail(snap_compare, explorer_app, sandbox):
    identity_pool = sandbox[1].identity_pool

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(IdentityPoolDetailScreen(identity_pool.id, identity_pool.name))
        screen = pilot.app.screen
        await wait_for(
            pilot, lambda: "not available" in str(screen.query_one("#ipool-status").render()), "roles"
        )
        await pilot.pause(0.1)

    assert snap_compare(explorer_app(), terminal_size=SIZE, run_before=run_before)
