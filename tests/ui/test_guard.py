"""The app-level guard: a bug in any worker becomes an error panel with a copyable detail; the app lives on."""

from textual.widgets import TextArea

from cogtui.aws.errors import ThrottledError
from cogtui.screens.dialogs.error_panel import ErrorPanel
from tests.pilot_wait import wait_for


async def test_unexpected_worker_exception_shows_the_error_panel(make_sandbox_app, monkeypatch):
    app = make_sandbox_app()
    copied = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copied.append(text))
    async with app.run_test(size=(100, 30)) as pilot:

        async def buggy() -> None:
            raise ZeroDivisionError("injected bug")

        app.screen.run_worker(buggy, name="injected", exit_on_error=False)
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorPanel), "the error panel")
        assert isinstance(app.screen, ErrorPanel)
        detail = app.screen.query_one(TextArea).text
        assert "ZeroDivisionError: injected bug" in detail and "injected" in detail
        await pilot.press("c")
        assert copied and "injected bug" in copied[0]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ErrorPanel), "the panel closed")
        assert not isinstance(app.screen, ErrorPanel) and app.is_running


async def test_a_typed_error_in_a_worker_is_a_notification(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=(100, 30)) as pilot:

        async def throttled() -> None:
            raise ThrottledError("Rate exceeded", code="TooManyRequestsException", operation="ListUsers")

        app.screen.run_worker(throttled, exit_on_error=False)
        await wait_for(pilot, lambda: app._notifications, "a notification")
        messages = [n.message for n in app._notifications]
        assert any("Rate exceeded" in m for m in messages)
        assert not isinstance(app.screen, ErrorPanel) and app.is_running
