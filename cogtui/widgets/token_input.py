"""A one-line field for a pasted JWT: a paste replaces the field and keeps every pasted line.

Textual's Input keeps only the first line of a paste, which silently cuts a token wrapped over
several lines (copied from a log or a terminal). This field joins the lines with a space instead,
so the decoder can strip them and say it did.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

PLACEHOLDERS = {
    "id": "paste an ID token (eyJ…)",
    "access": "paste an access token (eyJ…)",
}


def join_pasted_lines(text: str) -> str:
    """A multi-line paste on one line: lines joined with a space, outer blank lines dropped."""
    lines = [line for line in text.strip("\r\n").splitlines()]
    return " ".join(lines)


class TokenInput(Input):
    """A compact input for one token (`kind` is "id" or "access"); a paste replaces its value."""

    DEFAULT_CSS = """
    TokenInput { width: 1fr; }
    """

    def __init__(self, kind: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            placeholder=PLACEHOLDERS.get(kind, "paste a token"), compact=True, id=id, classes=classes
        )
        self.kind = kind

    def on_paste(self, event: events.Paste) -> None:
        """Replace the whole value with the pasted token (a token is never pasted into another one)."""
        event.prevent_default()
        event.stop()
        if event.text:
            self.value = join_pasted_lines(event.text)
            self.cursor_position = len(self.value)
