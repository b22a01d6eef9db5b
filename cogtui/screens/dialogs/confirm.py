"""A yes/no confirmation modal for actions that change data; destructive ones need an explicit ``y``.

``ConfirmScreen(title, message, confirm_label, danger)`` dismisses with True or False. Esc and ``n``
cancel. For a destructive action (``danger=True``) the Cancel button has the focus, so Enter cancels:
only ``y`` or a click on the confirm button goes ahead. For a harmless one Enter confirms. For an
irreversible one (``type_to_confirm="bob"``) a single key is not enough: the confirm button stays
disabled until the name is typed exactly, and Enter in that field then confirms.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from cogtui.screens.dialogs.base import Dialog, DialogButton


class ConfirmScreen(Dialog[bool]):
    """Asks before an action; the message should name what is affected (e.g. the user and the pool)."""

    DEFAULT_CSS = """
    ConfirmScreen > .dialog-box { max-height: 90%; }
    ConfirmScreen #confirm-message { margin: 1 0; }
    ConfirmScreen #confirm-typed { margin-top: 1; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
    ]
    TITLE_ID = "confirm-title"
    NO_ANSWER = False

    def __init__(
        self,
        title: str,
        message: str,
        confirm_label: str = "Confirm",
        danger: bool = False,
        type_to_confirm: str | None = None,
    ) -> None:
        danger = danger or type_to_confirm is not None
        super().__init__(title, variant="error" if danger else "primary")
        self.message = message
        self.confirm_label = confirm_label
        self.danger = danger
        self.type_to_confirm = type_to_confirm

    def heading(self) -> RenderableType:
        return Text(f"{'!' if self.danger else '?'} {self.title_text}")

    def compose_body(self) -> ComposeResult:
        if self.type_to_confirm is not None:
            keys = f"Type {self.type_to_confirm!r} and press Enter to confirm · Esc cancels"
        else:
            keys = "y confirms · n or Esc cancels" + (
                " · Enter cancels" if self.danger else " · Enter confirms"
            )
        yield Static(Text(self.message), id="confirm-message")
        if self.type_to_confirm is not None:
            yield Input(placeholder=self.type_to_confirm, id="confirm-typed", select_on_focus=False)
        yield self.keys_line(keys, id="confirm-keys")

    def buttons(self) -> list[DialogButton]:
        typed = self.type_to_confirm is not None
        return [
            DialogButton(
                self.confirm_label if typed else f"{self.confirm_label} (y)",
                "confirm-yes",
                "error" if self.danger else "primary",
                disabled=typed,
            ),
            DialogButton("Cancel (Esc)" if typed else "Cancel (n)", "confirm-no"),
        ]

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
