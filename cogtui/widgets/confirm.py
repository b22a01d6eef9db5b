"""A yes/no confirmation modal for actions that change data; destructive ones need an explicit ``y``.

``ConfirmScreen(title, message, confirm_label, danger)`` dismisses with True or False. Esc and ``n``
cancel. For a destructive action (``danger=True``) the Cancel button has the focus, so Enter cancels:
only ``y`` or a click on the confirm button goes ahead. For a harmless one Enter confirms. For an
irreversible one (``type_to_confirm="bob"``) a single key is not enough: the confirm button stays
disabled until the name is typed exactly, and Enter in that field then confirms.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


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
    ConfirmScreen #confirm-typed { margin-top: 1; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        confirm_label: str = "Confirm",
        danger: bool = False,
        type_to_confirm: str | None = None,
    ) -> None:
        danger = danger or type_to_confirm is not None
        super().__init__(classes="-danger" if danger else "")
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label
        self.danger = danger
        self.type_to_confirm = type_to_confirm

    def compose(self) -> ComposeResult:
        glyph = "!" if self.danger else "?"
        if self.type_to_confirm is not None:
            keys = f"Type {self.type_to_confirm!r} and press Enter to confirm · Esc cancels"
        else:
            keys = "y confirms · n or Esc cancels" + (
                " · Enter cancels" if self.danger else " · Enter confirms"
            )
        with Vertical():
            yield Static(Text(f"{glyph} {self.title_text}"), id="confirm-title")
            yield Static(Text(self.message), id="confirm-message")
            if self.type_to_confirm is not None:
                yield Input(placeholder=self.type_to_confirm, id="confirm-typed", select_on_focus=False)
            yield Static(Text(keys), id="confirm-keys")
            with Horizontal():
                yield Button(
                    self.confirm_label if self.type_to_confirm is not None else f"{self.confirm_label} (y)",
                    id="confirm-yes",
                    variant="error" if self.danger else "primary",
                    disabled=self.type_to_confirm is not None,
                )
                yield Button(
                    "Cancel (Esc)" if self.type_to_confirm is not None else "Cancel (n)", id="confirm-no"
                )

    def on_mount(self) -> None:
        if self.type_to_confirm is not None:
            self.query_one("#confirm-typed", Input).focus()
            return
        self.query_one("#confirm-no" if self.danger else "#confirm-yes", Button).focus()

    @property
    def typed_ok(self) -> bool:
        """True when no name has to be typed, or when it was typed exactly."""
        if self.type_to_confirm is None:
            return True
        return self.query_one("#confirm-typed", Input).value == self.type_to_confirm

    @on(Input.Changed, "#confirm-typed")
    def _typed(self) -> None:
        self.query_one("#confirm-yes", Button).disabled = not self.typed_ok

    @on(Input.Submitted, "#confirm-typed")
    def _typed_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.typed_ok:
            self.dismiss(True)
        else:
            self.notify(
                f"Type {self.type_to_confirm!r} exactly to confirm.", severity="warning", markup=False
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes" and self.typed_ok)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # y alone never confirms an irreversible action
        return not (action == "answer" and parameters == (True,) and self.type_to_confirm is not None)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
