"""The client screen's domain probe, made only when p is pressed, and the PKCE note of a public code client,
against the sandbox."""

from __future__ import annotations

from cogtui.widgets.findings_view import FindingsView
from tests.pilot_wait import wait_for
from tests.ui.test_client_detail import SIZE, open_client


async def test_p_probes_the_domain_on_request(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_client(app, pilot, pool.id, pool.client("managed-login").id)
        status = lambda: str(screen.status.render())  # noqa: E731
        assert "domain" not in status().lower()  # nothing probed when the screen opens
        assert "client.code_without_pkce" in screen.query_one("#client-findings", FindingsView).codes
        await pilot.press("p")
        await wait_for(pilot, lambda: "The domain answers" in status(), "the probe's answer")
        assert f"{info.endpoint_url}/oauth/" in status()
