"""A modal that shows an error worth reading or copying, e.g. an unexpected failure with its detail."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from cogtui.text_safety import safe_text


class ErrorPanel(ModalScreen[None]):
    """Title, explanation and a read-only detail that can be copied for a bug report."""

    DEFAULT_CSS = """
    ErrorPanel { align: center middle; }
    ErrorPanel > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    ErrorPanel #error-title { text-style: bold; color: $error; }
    ErrorPanel TextArea { height: 12; margin: 1 0; }
    ErrorPanel Horizontal { height: auto; align-horizontal: right; }
    ErrorPanel Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_panel", "Close", id="error.close"),
        Binding("c", "copy_detail", "Copy detail", id="error.copy"),
    ]

    def __init__(self, title: str, message: str, detail: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"✘ {safe_text(self.title_text)}", id="error-title", markup=False)
            yield Static(safe_text(self.message), id="error-message", markup=False)
            if self.detail:
                yield TextArea(self.detail, read_only=True, id="error-detail")
            with Horizontal():
                yield Button("Copy detail", id="copy", variant="primary")
                yield Button("Close", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy_detail()
        else:
            self.dismiss(None)

    def action_dismiss_panel(self) -> None:
        self.dismiss(None)

    def action_copy_detail(self) -> None:
        text = f"{self.title_text}\n{self.message}\n\n{self.detail}".strip()
        self.app.copy_to_clipboard_text(text, what="error detail")  # type: ignore[attr-defined]
