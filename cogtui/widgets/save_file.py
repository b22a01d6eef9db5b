"""Save text to a file the user names: a path prompt, a confirmation before overwriting, mode 0600.

``save_text(app, text, what=..., default_path=...)`` asks for the path (``PathPrompt``), asks again
before replacing an existing file (``ConfirmScreen``), then writes with ``write_export``: a private
temporary file renamed into place, mode 0600, never through a symbolic link. Nothing is written
unless the user confirms a path. Success and failure are reported with a notification.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cogtui.identity.export import ExportError, write_export
from cogtui.widgets.confirm import ConfirmScreen

__all__ = ["PathPrompt", "save_text"]


class PathPrompt(ModalScreen[str | None]):
    """Asks for a file path; Enter dismisses with it (stripped), Esc with None."""

    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical {
        width: 76; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    PathPrompt #path-title { text-style: bold; color: $primary; }
    PathPrompt #path-message { margin: 1 0; }
    PathPrompt #path-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="path.cancel")]

    def __init__(self, title: str, message: str, default: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="path-title")
            yield Static(Text(self.message), id="path-message")
            yield Input(self.default, placeholder="path of the file", id="path-input")
            yield Static("Enter saves · Esc cancels · ~ is your home folder", id="path-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _write(
    app: Any, path: str, text: str, what: str, overwrite: bool, done: Callable[[Path], Any] | None
) -> None:
    try:
        target = write_export(path, text, overwrite=overwrite)
    except ExportError as exc:
        app.notify(str(exc), title=f"Cannot save {what}", severity="error", markup=False)
        return
    app.notify(f"Saved {what} to {target} (mode 0600).", markup=False)
    if done is not None:
        done(target)


def save_text(
    app: Any,
    text: str,
    *,
    what: str,
    default_path: str = "",
    message: str = "",
    done: Callable[[Path], Any] | None = None,
) -> None:
    """Ask for a path, confirm an overwrite, write ``text`` with mode 0600; ``done(path)`` after a save."""

    def chosen(path: str | None) -> None:
        if not path:
            return
        target = os.path.expanduser(path)
        if os.path.lexists(target):

            def confirmed(yes: bool | None) -> None:
                if yes:
                    _write(app, path, text, what, True, done)

            app.push_screen(
                ConfirmScreen(
                    "Replace the file?",
                    f"{target} already exists. Replace it with {what}?",
                    "Replace",
                    danger=True,
                ),
                confirmed,
            )
            return
        _write(app, path, text, what, False, done)

    prompt = message or (
        f"Where should {what} be saved? The file is created with mode 0600 (only you can read it); "
        f"a relative path starts in {os.getcwd()}."
    )
    app.push_screen(PathPrompt(f"Save {what}", prompt, default_path), chosen)
