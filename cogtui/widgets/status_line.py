"""A one-line status under a table: busy, done, or an error with its hint (glyph + colour).

The text is never read as markup: messages echo ids, filters and server answers, and a ``[`` in them
must show as typed, not style the line or raise a MarkupError. An error's words are escaped
(``safe_text``): a newline or an escape sequence in a server's message cannot draw lines of its own.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from cogtui.aws.errors import CogtuiError
from cogtui.text_safety import safe_text


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: auto; min-height: 1; padding: 0 1; color: $text-muted; }
    StatusLine.-error { color: $error; }
    StatusLine.-ok { color: $success; }
    """

    def __init__(self, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, markup=markup, **kwargs)

    def busy(self, text: str) -> None:
        self.set_classes("-busy")
        self.update(f"⋯ {text}")

    def ok(self, text: str) -> None:
        self.set_classes("-ok")
        self.update(f"✔ {text}")

    def info(self, text: str) -> None:
        self.set_classes("")
        self.update(text)

    def error(self, err: CogtuiError | str) -> None:
        self.set_classes("-error")
        if isinstance(err, CogtuiError):
            hint = f"  {safe_text(err.hint)}" if err.hint else ""
            text = f"✘ {safe_text(err.message)}{hint}  (r: retry)"
        else:
            text = f"✘ {safe_text(err)}"
        self.update(text)
