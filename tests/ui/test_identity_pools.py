"""Identity pools against the sandbox: listed from the pools screen, detail with providers and guest
access, roles, and role mappings read as rules."""

from __future__ import annotations

from textual.widgets import DataTable

from cogtui.screens.client_detail import ClientDetailScreen
from cogtui.screens.identity_pools import IdentityPoolDetailScreen, IdentityPoolsScreen
from cogtui.screens.pools import PoolsScreen
from cogtui.widgets.field_list import FieldList
from tests.pilot_wait import wait_for

SIZE = (120, 36)


async def open_list(app, pilot) -> IdentityPoolsScreen:
    pools = app.screen.query_one("#pools-table", DataTable)
    await wait_for(pilot, lambda: pools.row_count >= 3, "the pools")
    await pilot.press("i")
    screen = app.screen
    assert isinstance(screen, IdentityPoolsScreen)
    table = screen.query_one("#ipools-table", DataTable)
    await wait_for(pilot, lambda: table.row_count >= 1, "the identity pools")
    return screen


async def test_list_filter_and_detail(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        table = screen.query_one("#ipools-table", DataTable)
        assert str(table.get_row(info.identity_pool.id)[0]) == "demo-identities"
        await pilot.press("slash", *"zzz")
        assert table.row_count == 0
        await pilot.press("escape")  # clears the filter first
        assert table.row_count >= 1 and isinstance(app.screen, IdentityPoolsScreen)
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, IdentityPoolDetailScreen)
        fields = detail.query_one("#ipool-fields", FieldList)
        await wait_for(pilot, lambda: detail.findings_ready, "the detail")
        assert fields.field("Identity pool id").value == info.identity_pool.id
        assert fields.field("Guest access").value == "on"
        provider = fields.field("Provider").value
        assert provider == f"cognito-idp.us-east-1.amazonaws.com/{info.pool('demo-app').id}"
        assert fields.field("  App client id").value == info.pool("demo-app").client("web-spa").id
        assert fields.field("  Server-side token check").value == "off"
        assert fields.field("authenticated role").value.endswith(":role/demo-identities-authenticated")
        web_spa = info.pool("demo-app").client("web-spa").id
        assert fields.field("Mapping for").value == f"{provider} (app client {web_spa})"
        assert fields.field("Mapping for").note == "choose role from token"
        assert "cognito:preferred_role" in fields.field("  2").value
        otherwise = fields.field("  otherwise").value
        assert otherwise == "role demo-identities-authenticated (the default authenticated role)"


async def test_open_the_app_client_of_a_provider_and_come_back(make_sandbox_app, sandbox):
    _, info = sandbox
    web_spa = info.pool("demo-app").client("web-spa").id
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_list(app, pilot)
        await pilot.press("enter")
        detail = app.screen
        fields = detail.query_one("#ipool-fields", FieldList)
        await wait_for(pilot, lambda: detail.pool is not None, "the detail")
        assert detail.check_action("open_client", ()) is None  # the cursor is not on a provider yet
        fields.highlight("  App client id")
        await pilot.press("o")
        assert isinstance(app.screen, ClientDetailScreen) and app.screen.client_id == web_spa
        await pilot.press("escape")
        assert app.screen is detail
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, PoolsScreen)
