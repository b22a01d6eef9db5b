"""The pool detail screen against the sandbox: every tab shows the seeded pool, values copy, Esc goes back."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from textual.widgets import DataTable, TabbedContent

from cogtui.sandbox.seed import sandbox_clients
from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.screens.pool_tabs import GroupsPane
from cogtui.widgets.field_list import MASK, FieldList
from cogtui.widgets.findings_view import FindingsView
from tests.pilot_wait import wait_for

SIZE = (120, 36)


def record_copies(app, monkeypatch) -> list[tuple[str, str]]:
    copies: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copies.append((text, what)))
    return copies


async def open_pool(app, pilot, pool_id: str, name: str) -> PoolDetailScreen:
    await pilot.pause()
    await app.push_screen(PoolDetailScreen(pool_id, name))
    screen = app.screen
    assert isinstance(screen, PoolDetailScreen)
    await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
    return screen


async def test_overview_and_sign_in_show_the_seeded_pool(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        overview = screen.query_one("#overview-fields", FieldList)
        assert overview.field("Pool id").value == pool.id
        assert overview.field("ARN").value.endswith(f":userpool/{pool.id}")
        assert (
            overview.field("Issuer (iss)").value == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
        )
        assert overview.field("JWKS URL").value.endswith(f"{pool.id}/.well-known/jwks.json")
        assert overview.field("Domain").value.startswith("demo-app-")
        login_field = overview.field("Hosted UI login")
        login = login_field.value
        name = login_field.note.removeprefix("client ")
        assert name in {"web-spa", "managed-login"}  # the seeded clients with the code grant and a callback
        chosen = await app.gateway.describe_client(pool.id, pool.client(name).id)
        assert ".auth.us-east-1.amazoncognito.com/login?" in login
        assert f"client_id={chosen.id}" in login and "response_type=code" in login
        assert f"redirect_uri={quote(chosen.callback_urls[0], safe='')}" in login
        live = await app.gateway.describe_user_pool(pool.id)  # other tests may have added users
        assert overview.field("Estimated users").value == str(live.estimated_users)
        assert overview.field("Deletion protection").value == "INACTIVE"

        sign_in = screen.query_one("#signin-fields", FieldList)
        assert sign_in.field("MFA").value == "OPTIONAL"
        assert sign_in.field("Factors offered").value == "authenticator app (TOTP)"
        assert sign_in.field("Usernames").value == "case insensitive"
        assert sign_in.field("Minimum length").value == "10"
        assert sign_in.field("Account recovery").value == "verified_email"
        assert sign_in.field("Auto-verified attributes").value == "email"
        assert sign_in.field("legacy-password").value == "LEGACY"
        assert sign_in.field("web-spa").value == "ENABLED"


async def test_schema_triggers_and_clients_tabs(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        schema = screen.query_one("#schema-table", DataTable)
        row = schema.get_row("custom:tenant_id")
        assert row[:3] == ["custom:tenant_id", "String", "custom"] and row[4] == "✔ mutable"
        assert schema.get_row("sub")[3] == "✔ required" and schema.get_row("sub")[4] == "✘ immutable"

        triggers = screen.query_one("#trigger-fields", FieldList)
        assert triggers.field("PreTokenGeneration").value.endswith(":function:demo-app-pre-token")

        await pilot.press("a")
        assert screen.query_one(TabbedContent).active == "clients"
        clients = screen.query_one("#clients-table", DataTable)
        assert clients.row_count >= len(pool.clients)  # contract tests may add clients of their own
        assert all(c.id in {str(k.value) for k in clients.rows} for c in pool.clients)
        legacy = clients.get_row(pool.client("legacy-password").id)
        assert str(legacy[0]) == "legacy-password" and "high" in str(legacy[3])
        assert str(clients.get_row(pool.client("backend").id)[2]) == "✔ secret"


async def test_findings_tab_explains_pool_and_client_findings(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        await pilot.press("f")
        assert screen.query_one(TabbedContent).active == "findings"
        view = screen.query_one("#pool-findings", FindingsView)
        prefixed = {(prefix, f.code) for prefix, f in view.findings}
        assert ("client legacy-password", "client.implicit_grant") in prefixed
        assert ("client legacy-password", "client.http_callback") in prefixed
        assert ("pool", "pool.deletion_protection_off") in prefixed
        assert ("pool", "pool.mfa_optional") in prefixed
        assert "pool.case_sensitive" not in view.codes  # demo-app is case insensitive
        assert view.findings[0][1].severity == "high"
        assert (
            str(screen.query_one(TabbedContent).get_tab("findings").label)
            == f"Findings ({len(view.findings)})"
        )


async def test_case_sensitive_pool_is_reported(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-mfa-required")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        codes = screen.query_one("#pool-findings", FindingsView).codes
        assert (
            "pool.case_sensitive" in codes
            and "pool.mfa_off" not in codes
            and "pool.mfa_optional" not in codes
        )


async def test_copy_the_highlighted_value(make_sandbox_app, sandbox, monkeypatch):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    copies = record_copies(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        overview = screen.query_one("#overview-fields", FieldList)
        assert app.focused is overview
        assert overview.highlight("Pool id")
        await pilot.press("c")
        assert overview.highlight("JWKS URL")
        await pilot.press("enter")
        assert copies == [(pool.id, "Pool id"), (overview.field("JWKS URL").value, "JWKS URL")]
        overview.highlight("Estimated users")  # a fact, not something to copy
        await pilot.press("c")
        assert len(copies) == 2


async def test_group_members(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool.id, pool.name)
        pane = screen.query_one(GroupsPane)
        groups = screen.query_one("#groups-table", DataTable)
        await wait_for(pilot, lambda: groups.row_count == 2, "the groups")
        assert str(groups.get_row("admins")[1]) == "1"
        assert str(groups.get_row("admins")[2]).endswith(":role/demo-app-admins")
        assert str(groups.get_row("readers")[2]) == "—"
        for _ in range(5):
            await pilot.press("right_square_bracket")
        assert screen.query_one(TabbedContent).active == "groups" and app.focused is groups
        await pilot.press("enter")  # admins: precedence 1 comes first
        members = screen.query_one("#members-table", DataTable)
        await wait_for(pilot, lambda: members.row_count == 1 and pane.members_of == "admins", "the members")
        assert str(members.get_row("alice")[1]) == "CONFIRMED"


@pytest.fixture
def pool_with_idp(sandbox):
    """A throw-away pool with an OIDC provider whose details hold a client secret."""
    _, info = sandbox
    idp, _ = sandbox_clients(info.endpoint_url, "us-east-1")
    pool_id = idp.create_user_pool(PoolName="test-federated")["UserPool"]["Id"]
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Corp",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "corp-client",
            "client_secret": "corp-very-secret",
            "authorize_scopes": "openid email",
            "oidc_issuer": "https://idp.example.com",
            "attributes_request_method": "GET",
        },
        AttributeMapping={"email": "email", "username": "sub"},
        IdpIdentifiers=["corp.example.com"],
    )
    try:
        yield pool_id
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


async def test_identity_provider_secrets_are_masked_until_revealed(
    make_sandbox_app, pool_with_idp, monkeypatch
):
    app = make_sandbox_app()
    copies = record_copies(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pool(app, pilot, pool_with_idp, "test-federated")
        screen.action_show_tab("idps")
        details = screen.query_one("#idp-details", FieldList)
        await wait_for(pilot, lambda: details.field("client_secret") is not None, "the provider details")
        secret = details.field("client_secret")
        assert secret.secret and details.display_value(secret) == MASK
        assert details.field("client_id").value == "corp-client" and not details.field("client_id").secret
        assert details.field("email").value == "email" and details.field("Type").value == "OIDC"
        details.focus()
        await pilot.press("s")
        assert details.display_value(details.field("client_secret")) == "corp-very-secret"
        await pilot.press("s")
        assert details.display_value(details.field("client_secret")) == MASK
        details.highlight("client_secret")
        await pilot.press("c")
        assert copies == [("corp-very-secret", "client_secret (secret)")]


async def test_esc_goes_back_and_lists_keep_their_cursor(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        pools = app.screen.query_one("#pools-table", DataTable)
        await wait_for(pilot, lambda: pools.row_count >= 3, "the pools")
        await pilot.press("down")  # demo-app -> the second pool
        second = str(pools.coordinate_to_cell_key(pools.cursor_coordinate).row_key.value)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PoolDetailScreen) and screen.pool_id == second
        assert app.state.pool_id == second
        await wait_for(pilot, lambda: screen.clients is not None, "the clients")
        await pilot.press("a", "down", "enter")
        assert isinstance(app.screen, ClientDetailScreen)
        opened = app.screen.client_id
        await pilot.press("escape")
        assert app.screen is screen and screen.query_one(TabbedContent).active == "clients"
        assert screen.selected_client_id() == opened
        await pilot.press("escape")
        assert app.screen.query_one("#pools-table", DataTable).cursor_row == 1


async def test_u_opens_the_users_of_the_pool(make_sandbox_app, sandbox):
    from cogtui.screens.users import UsersScreen

    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_pool(app, pilot, pool.id, pool.name)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UsersScreen)
        assert app.state.pool_id == pool.id
