"""A yes/no confirmation modal for actions that change data; destructive ones need an explicit ``y``.

``ConfirmScreen(title, message, confirm_label, danger)`` dismisses with True or False. Esc and ``n``
cancel. For a destructive action (``danger=True``) the Cancel button has the focus, so Enter cancels:
only ``y`` or a click on the confirm button goes ahead. For a harmless one Enter confirms.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks before an action; the message should name what is affected (e.g. the user and the pool)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ConfirmScreen.-danger > Vertical { border: thick $error; }
    ConfirmScreen #confirm-title { text-style: bold; color: $primary; }
    ConfirmScreen.-danger #confirm-title { color: $error; }
    ConfirmScreen #confirm-message { margin: 1 0; }
    ConfirmScreen #confirm-keys { color: $text-muted; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
    ]

    def __init__(
        self, title: str, message: str, confirm_label: str = "Confirm", danger: bool = False
    ) -> None:
        super().__init__(classes="-danger" if danger else "")
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        glyph = "!" if self.danger else "?"
        keys = "y confirms · n or Esc cancels" + (" · Enter cancels" if self.danger else " · Enter confirms")
        with Vertical():
            yield Static(Text(f"{glyph} {self.title_text}"), id="confirm-title")
            yield Static(Text(self.message), id="confirm-message")
            yield Static(keys, id="confirm-keys")
            with Horizontal():
                yield Button(
                    f"{self.confirm_label} (y)",
                    id="confirm-yes",
                    variant="error" if self.danger else "primary",
                )
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no" if self.danger else "#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
