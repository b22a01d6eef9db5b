"""A modal that asks for a new password for a user, masked, with a permanent/temporary choice.

Dismisses with ``(password, permanent)`` or None. The password stays masked unless the user presses
Ctrl+R to reveal it; it is never logged or shown anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static


class PasswordPrompt(ModalScreen[tuple[str, bool] | None]):
    """New password for ``username`` in ``pool_label``; Permanent off means a temporary password."""

    DEFAULT_CSS = """
    PasswordPrompt { align: center middle; }
    PasswordPrompt > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    PasswordPrompt #password-title { text-style: bold; color: $warning; }
    PasswordPrompt #password-input { margin-top: 1; }
    PasswordPrompt #password-error { color: $error; height: auto; }
    PasswordPrompt #password-keys { color: $text-muted; }
    PasswordPrompt #password-permanent-note { color: $text-muted; padding-left: 4; height: auto; }
    PasswordPrompt Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    PasswordPrompt Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="password.cancel"),
        Binding("ctrl+r", "reveal", "Show/hide password", id="password.reveal"),
    ]

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

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text(f"! Set the password of {self.username!r} in pool {self.pool_label}"),
                id="password-title",
            )
            yield Input(password=True, placeholder="new password", id="password-input")
            yield Checkbox("Permanent", value=self.permanent, id="password-permanent")
            yield Static(  # a line of its own, so a narrow terminal wraps it instead of cutting the box's label
                "Off: a temporary password; the user must choose a new one at the next sign-in.",
                id="password-permanent-note",
            )
            yield Static("", id="password-error")
            yield Static("Enter continues · Ctrl+R shows/hides · Esc cancels", id="password-keys")
            with Horizontal():
                yield Button("Continue", id="password-ok", variant="warning")
                yield Button("Cancel", id="password-cancel")

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

    def action_cancel(self) -> None:
        self.dismiss(None)
