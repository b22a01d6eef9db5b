"""A modal that shows an error worth reading or copying, e.g. an unexpected failure with its detail."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static, TextArea

from cogtui.screens.dialogs.base import Dialog, DialogButton
from cogtui.text_safety import safe_text


class ErrorPanel(Dialog[None]):
    """Title, explanation and a read-only detail that can be copied for a bug report."""

    DEFAULT_CSS = """
    ErrorPanel > .dialog-box { width: 90%; max-width: 110; max-height: 90%; }
    ErrorPanel TextArea { height: 12; margin: 1 0; }
    ErrorPanel .dialog-buttons { margin-top: 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="error.close"),
        Binding("c", "copy_detail", "Copy detail", id="error.copy"),
    ]
    VARIANT = "error"
    TITLE_ID = "error-title"
    BUTTONS = (DialogButton("Copy detail", "copy", "primary"), DialogButton("Close", "close"))

    def __init__(self, title: str, message: str, detail: str = "") -> None:
        super().__init__(title)
        self.message = message
        self.detail = detail

    def heading(self) -> RenderableType:
        return Text(f"✘ {safe_text(self.title_text)}")

    def compose_body(self) -> ComposeResult:
        yield Static(safe_text(self.message), id="error-message", markup=False)
        if self.detail:
            yield TextArea(self.detail, read_only=True, id="error-detail")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy_detail()
        else:
            self.dismiss(None)

    def action_copy_detail(self) -> None:
        text = f"{self.title_text}\n{self.message}\n\n{self.detail}".strip()
        self.app.copy_to_clipboard_text(text, what="error detail")
