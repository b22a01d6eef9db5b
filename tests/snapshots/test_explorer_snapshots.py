"""Snapshots of the explorer on the test sandbox (fixed port, pinned dates, hash-based ids):
the pools list, a pool's overview and findings tabs, an app client with findings, an identity pool."""

from __future__ import annotations

import pytest

from cogtui.sandbox.seed import sandbox_clients
from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.identity_pools import IdentityPoolDetailScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from tests.pilot_wait import pools_listed, wait_for

SIZE = (120, 36)


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


async def settle(pilot) -> None:
    """The pools listed with their details, the header connected, and a moment for the last paint."""
    await pools_listed(pilot)
    await pilot.pause(0.1)


def test_pools_screen(snap_compare, make_sandbox_app, seeded_users_only):
    async def run_before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


async def _open_demo_app(pilot, pool_id: str) -> PoolDetailScreen:
    await settle(pilot)
    await pilot.app.push_screen(PoolDetailScreen(pool_id, "demo-app"))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
    await pilot.pause(0.1)
    return screen


def test_pool_detail_overview(snap_compare, make_sandbox_app, sandbox, seeded_users_only):
    pool_id = sandbox[1].pool("demo-app").id

    async def run_before(pilot) -> None:
        await _open_demo_app(pilot, pool_id)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize("tab", ["findings", "sign-in", "clients", "groups"])
def test_pool_detail_tabs(snap_compare, make_sandbox_app, sandbox, tab, size):
    pool_id = sandbox[1].pool("demo-app").id

    async def run_before(pilot) -> None:
        screen = await _open_demo_app(pilot, pool_id)
        screen.action_show_tab(tab)
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=size, run_before=run_before)


def test_client_detail_with_findings(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_client(pool.id, pool.client("legacy-password").id)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ClientDetailScreen)
        await wait_for(pilot, lambda: screen.client is not None, "the client")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_identity_pool_detail(snap_compare, make_sandbox_app, sandbox):
    identity_pool = sandbox[1].identity_pool

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(IdentityPoolDetailScreen(identity_pool.id, identity_pool.name))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.findings_ready, "roles and findings")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_identity_pool_findings(snap_compare, make_sandbox_app, sandbox):
    """The seeded identity pool's findings: guest access, classic flow, token check, ambiguous roles,
    and its roles, which the sandbox's IAM does not hold."""
    identity_pool = sandbox[1].identity_pool

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(IdentityPoolDetailScreen(identity_pool.id, identity_pool.name))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.findings_ready, "the findings")
        await pilot.press("f")
        await pilot.pause(0.2)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)
