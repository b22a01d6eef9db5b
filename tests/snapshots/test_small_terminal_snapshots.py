"""Every screen at 80×24, the smallest terminal cogtui supports: panes stack, label columns shrink, values
wrap at word boundaries and the key bar keeps ``? Help``. The seeded sandbox (fixed port, pinned dates,
hash-based ids) makes each picture reproducible; screens showing live tokens are pinned elsewhere."""

from __future__ import annotations

from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.identity_pools import IdentityPoolDetailScreen, IdentityPoolsScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.screens.user_detail import UserDetailScreen
from cogtui.screens.users import UsersScreen
from tests.pilot_wait import pools_listed, settle, wait_for

SIZE = (80, 24)


async def pools_shown(pilot) -> None:
    await pools_listed(pilot)
    await settle(pilot)


def test_pools(snap_compare, make_sandbox_app):
    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=pools_shown)


def test_pool_detail_overview(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.app.push_screen(PoolDetailScreen(pool.id, pool.name))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_client_detail(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.app.push_screen(ClientDetailScreen(pool.id, pool.client("backend").id))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.query(".finding-why"), "the findings")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_users(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.app.push_screen(UsersScreen(pool.id, pool.name))
        table = pilot.app.screen.table
        await wait_for(pilot, lambda: table.row_count >= 7, "the users")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_user_detail(snap_compare, make_sandbox_app, sandbox):
    pool = sandbox[1].pool("demo-app")

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.app.push_screen(UserDetailScreen(pool.id, pool.name, "bob"))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: "bob:" in str(screen.query_one("StatusLine").render()), "bob")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_identity_pools_and_detail(snap_compare, make_sandbox_app, sandbox):
    identity_pool = sandbox[1].identity_pool

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.app.push_screen(IdentityPoolsScreen())
        await settle(pilot)
        await pilot.app.push_screen(IdentityPoolDetailScreen(identity_pool.id, identity_pool.name))
        screen = pilot.app.screen
        status = screen.query_one("#ipool-status")
        await wait_for(pilot, lambda: f"{identity_pool.name}:" in str(status.render()), "the roles")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_signin_form(snap_compare, make_sandbox_app):
    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.press("2")
        form = pilot.app.screen.form
        await wait_for(pilot, lambda: form.client_id and form.query_one("#username").has_focus, "the form")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_identity_without_a_token(snap_compare, make_sandbox_app):
    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.press("4")
        status = pilot.app.screen.query_one("#identity-status")
        await wait_for(pilot, lambda: "demo-identities:" in str(status.render()), "the identity pool")
        await pilot.pause(0.2)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_tokens_empty(snap_compare, make_sandbox_app):
    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, make_sandbox_app):
    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_sandbox_logins(snap_compare, make_sandbox_app, monkeypatch):
    from cogtui.sandbox.strict.outbox import Outbox

    # The outbox holds what earlier tests of this process sent; its length moves the scrollbar.
    monkeypatch.setattr(Outbox, "recent", lambda self, limit=0: [])

    async def run_before(pilot) -> None:
        await pools_shown(pilot)
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)
