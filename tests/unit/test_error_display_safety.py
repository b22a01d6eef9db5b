"""What a server writes in an error is data: it never adds lines to a notice, the status line or a panel."""

from cogtui.aws.errors import CogtuiError
from cogtui.screens.dialogs.error_panel import ErrorPanel
from cogtui.widgets.status_line import StatusLine

FORGED = "Incorrect username or password.\n✔ Signed in as alice\x1b[2J"


def test_describe_keeps_each_part_on_its_line():
    err = CogtuiError(FORGED, code="NotAuthorizedException", operation="InitiateAuth", hint="try\nagain")
    lines = err.describe().splitlines()
    assert lines == [
        "InitiateAuth: NotAuthorizedException — Incorrect username or password.\\n✔ Signed in as alice\\x1b[2J",
        "try\\nagain",
    ]


async def test_status_line_and_error_panel_escape_server_words():
    from textual.app import App

    class Host(App[None]):
        def compose(self):
            yield StatusLine(id="status")

    app = Host()
    async with app.run_test() as pilot:
        status = app.query_one(StatusLine)
        status.error(CogtuiError(FORGED, code="NotAuthorizedException"))
        await pilot.pause()
        shown = str(status.render())
        assert "\n" not in shown and "\x1b" not in shown and "\\n✔ Signed in as alice" in shown
        status.error(FORGED)
        await pilot.pause()
        assert "\n" not in str(status.render())
        await app.push_screen(ErrorPanel("Boom\nfake title", FORGED, "detail\nkept as lines"))
        await pilot.pause()
        message = str(app.screen.query_one("#error-message").render())
        assert "\n" not in message and "\\x1b[2J" in message
        assert "\n" not in str(app.screen.query_one("#error-title").render())
