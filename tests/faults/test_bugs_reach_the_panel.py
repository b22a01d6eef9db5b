"""A bug is shown as a bug: nothing under the gateway turns it into an AWS-looking status line, and
no screen hides it behind a "not available" placeholder. The app's error panel shows it."""

from __future__ import annotations

from cogtui.aws.connection import Connection
from cogtui.screens.dialogs.error_panel import ErrorPanel
from tests.faults.helpers import SIZE, unexpected_errors, wait_for


class _BuggyClient:
    def __getattr__(self, name):
        raise LookupError(f"a bug in a client hook ({name})")


async def test_a_bug_under_the_gateway_reaches_the_error_panel(make_direct_app, monkeypatch):
    monkeypatch.setattr(Connection, "client", lambda self, service, unsigned=False: _BuggyClient())
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorPanel), "the error panel")
        assert any(
            "LookupError" in text and "a bug in a client hook" in text for text in unexpected_errors(app)
        )
