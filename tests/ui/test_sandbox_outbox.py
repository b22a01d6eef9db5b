"""F2 shows the sandbox's outbox: the latest codes it delivered, masked until `s`, and frank's real TOTP secret."""

from __future__ import annotations

from textual.widgets import DataTable

from cogtui.sandbox.seed import sandbox_clients
from cogtui.sandbox.seed_data import DEMO_TOTP_SECRET
from cogtui.sandbox.strict import strict_state
from cogtui.screens.dialogs.sandbox_info import MASK, SandboxInfoScreen
from tests.contract.strict_support import new_user
from tests.pilot_wait import wait_for


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_f2_lists_delivered_codes_masked_until_s(make_sandbox_app, sandbox):
    _, info = sandbox
    idp = sandbox_clients(info.endpoint_url, info.region)[0]
    pool = info.pool("demo-app")
    user = new_user(idp, pool.id)
    idp.forgot_password(ClientId=pool.client("legacy-password").id, Username=user)
    code = strict_state().outbox.latest_code(user, "FORGOT_PASSWORD")
    app = make_sandbox_app()
    async with app.run_test(size=(130, 50)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SandboxInfoScreen), "the sandbox screen")
        screen = app.screen
        outbox = screen.query_one("#sandbox-outbox", DataTable)
        newest = _rows(outbox)[0]
        assert newest[1] == f"{user}@example.com" and newest[3] == "FORGOT_PASSWORD" and newest[4] == MASK
        assert all(code not in " ".join(row) for row in _rows(outbox))
        await pilot.press("s")
        assert _rows(outbox)[0][4] == code
        users = _rows(screen.query_one("#sandbox-users", DataTable))
        frank = next(row for row in users if row[1] == "frank")
        assert f"TOTP secret {DEMO_TOTP_SECRET}" in frank[4]
        assert info.outbox_path and str(strict_state().outbox.path) == info.outbox_path
