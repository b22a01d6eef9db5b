"""A modal that asks for a new password for a user, masked, with a permanent/temporary choice.

Dismisses with ``(password, permanent)`` or None. The password stays masked unless the user presses
Ctrl+R to reveal it; it is never logged or shown anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Checkbox, Input, Static

from cogtui.screens.dialogs.base import Dialog, DialogButton


class PasswordPrompt(Dialog[tuple[str, bool] | None]):
    """New password for ``username`` in ``pool_label``; Permanent off means a temporary password."""

    DEFAULT_CSS = """
    PasswordPrompt #password-input { margin-top: 1; }
    PasswordPrompt #password-error { color: $error; height: auto; }
    PasswordPrompt #password-permanent-note { color: $text-muted; padding-left: 4; height: auto; }
    """

    BINDINGS = [Binding("ctrl+r", "reveal", "Show/hide password", id="password.reveal")]
    TITLE_ID = "password-title"
    VARIANT = "warning"
    BUTTONS = (DialogButton("Continue", "password-ok", "warning"), DialogButton("Cancel", "password-cancel"))

    def __init__(
        self,
        username: str,
        pool_label: str,
        check: Callable[[str], str | None] | None = None,
        permanent: bool = False,
    ) -> None:
        """``check`` returns why a password cannot be used (shown, the password kept), or None;
        ``permanent`` ticks the Permanent box at first."""
        super().__init__()
        self.permanent = permanent
        self.username = username
        self.pool_label = pool_label
        self.check = check

    def heading(self) -> RenderableType:
        return Text(f"! Set the password of {self.username!r} in pool {self.pool_label}")

    def compose_body(self) -> ComposeResult:
        yield Input(password=True, placeholder="new password", id="password-input")
        yield Checkbox("Permanent", value=self.permanent, id="password-permanent")
        yield Static(  # a line of its own, so a narrow terminal wraps it instead of cutting the box's label
            "Off: a temporary password; the user must choose a new one at the next sign-in.",
            id="password-permanent-note",
        )
        yield Static("", id="password-error")
        yield self.keys_line("Enter continues · Ctrl+R shows/hides · Esc cancels", id="password-keys")

    def on_mount(self) -> None:
        self.query_one("#password-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "password-ok":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        password = self.query_one("#password-input", Input).value
        if not password:
            self.query_one("#password-error", Static).update("✘ Type a password first.")
            return
        problem = self.check(password) if self.check else None
        if problem:
            self.query_one("#password-error", Static).update(Text(f"✘ {problem}"))
            return
        self.dismiss((password, self.query_one("#password-permanent", Checkbox).value))

    def action_reveal(self) -> None:
        field = self.query_one("#password-input", Input)
        field.password = not field.password
