"""The app client screen against the sandbox: settings, findings, the secret (masked, revealed, copied),
and the command palette jumping to pools and clients."""

from __future__ import annotations

from textual.command import CommandPalette

from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.pool_detail import PoolDetailScreen
from cogtui.screens.pools import PoolsScreen
from cogtui.widgets.field_list import MASK, FieldList
from cogtui.widgets.findings_view import FindingsView
from tests.pilot_wait import wait_for

SIZE = (120, 36)


async def open_client(app, pilot, pool_id: str, client_id: str) -> ClientDetailScreen:
    await pilot.pause()
    app.open_client(pool_id, client_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ClientDetailScreen)
    await wait_for(pilot, lambda: screen.client is not None, "the client")
    return screen


async def test_legacy_client_settings_and_findings(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    client_id = pool.client("legacy-password").id
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_client(app, pilot, pool.id, client_id)
        assert app.state.client_id == client_id and app.state.pool_id == pool.id
        fields = screen.query_one("#client-fields", FieldList)
        assert fields.field("Client name").value == "legacy-password"
        assert fields.field("Client secret").value == "none"
        assert (
            fields.field("Explicit auth flows").value == "ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH"
        )
        assert fields.field("OAuth flows").value == "implicit"
        assert fields.field("Callback URL").value == "http://legacy.example.com/callback"
        assert fields.field("Access token").value == "24 hours (1 day)"
        assert fields.field("Refresh token").value == "3650 days (10 years)"
        assert fields.field("User existence errors").value == "LEGACY"
        assert fields.field("Token revocation").value == "disabled"
        assert "response_type=token" in fields.field("Hosted UI login").value
        codes = screen.query_one("#client-findings", FindingsView).codes
        assert {
            "client.implicit_grant",
            "client.http_callback",
            "client.refresh_lifetime_long",
            "client.token_lifetime_long",
            "client.user_password_auth",
            "client.user_existence_errors",
            "client.token_revocation_off",
        } <= set(codes)
        assert codes.index("client.implicit_grant") < codes.index("client.user_password_auth")  # worst first
        # A public client has no secret to show or copy.
        assert screen.check_action("toggle_secret", ()) is False
        assert screen.check_action("copy_secret", ()) is False


async def test_secret_is_masked_revealed_by_key_and_copied(make_sandbox_app, sandbox, monkeypatch):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    app = make_sandbox_app()
    copies: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copies.append((text, what)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_client(app, pilot, pool.id, backend.id)
        fields = screen.query_one("#client-fields", FieldList)
        secret = fields.field("Client secret")
        assert secret.value == backend.secret and fields.display_value(secret) == MASK
        screen.action_focus_findings()  # the screen key works wherever the focus is
        await pilot.press("s")
        assert fields.display_value(secret) == backend.secret
        await pilot.press("s")
        assert fields.display_value(secret) == MASK
        await pilot.press("x")
        assert copies == [(backend.secret, "client secret")]
        fields.focus()
        fields.highlight("Client secret")
        await pilot.press("c")
        assert copies[-1] == (backend.secret, "Client secret (secret)")
        assert fields.display_value(secret) == MASK  # copying does not reveal
        codes = screen.query_one("#client-findings", FindingsView).codes
        assert "client.secret_with_public_flows" in codes and "client.custom_attribute_writable" in codes


async def test_a_clean_client_has_only_the_rotation_and_pkce_notes(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_client(app, pilot, pool.id, pool.client("web-spa").id)
        assert screen.query_one("#client-findings", FindingsView).codes == [
            "client.code_without_pkce",  # a public code client: Cognito does not enforce PKCE
            "client.no_refresh_rotation",
        ]
        assert (
            screen.query_one("#client-fields", FieldList).field("Access token").value == "60 minutes (1 hour)"
        )


async def _palette_jump(app, pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*text)
    palette = app.screen
    await wait_for(
        pilot,
        lambda: any(text in str(o.prompt) for o in palette.query_one("CommandList").options),
        f"a palette entry for {text}",
    )
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_jumps_to_a_client_by_name(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _palette_jump(app, pilot, "legacy-password")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientDetailScreen), "the client screen")
        assert app.screen.client_id == pool.client("legacy-password").id
        assert app.state.client_id == pool.client("legacy-password").id
        await pilot.press("escape")
        assert isinstance(app.screen, PoolsScreen)


async def test_palette_jumps_to_a_pool_by_name(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _palette_jump(app, pilot, "demo-mfa-required")
        await wait_for(pilot, lambda: isinstance(app.screen, PoolDetailScreen), "the pool screen")
        assert app.screen.pool_id == info.pool("demo-mfa-required").id
        assert app.state.pool_id == info.pool("demo-mfa-required").id


async def test_palette_jump_returns_to_the_explore_mode(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.switch_mode("tokens")
        await _palette_jump(app, pilot, "demo-email-login")
        await wait_for(pilot, lambda: isinstance(app.screen, PoolDetailScreen), "the pool screen")
        assert app.current_mode == app.DEFAULT_MODE
        assert app.screen.pool_id == info.pool("demo-email-login").id
