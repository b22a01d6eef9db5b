"""The help screen: every key of the screen underneath, read from Textual's public binding map."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cogtui.screens.dialogs.base import Dialog

INTRO = (
    "cogtui helps you understand Cognito sign-in. Esc goes back, q quits, Ctrl+P opens the command palette. "
    "Tables: arrows move, Enter opens, / filters."
)


class HelpScreen(Dialog[None]):
    """The keys of the screen underneath and of the app; Esc or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen > .dialog-box { width: 90; height: 80%; }
    HelpScreen DataTable { height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="help.close"),
        Binding("question_mark", "cancel", "Close", show=False, id="help.close2"),
    ]
    VARIANT = "accent"
    BOX = VerticalScroll

    def compose_body(self) -> ComposeResult:
        yield Static("Keys", classes="screen-title")  # titled like the screens it explains
        yield Static(INTRO)
        yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "Where")
        screens = self.app.screen_stack
        below = screens[-2] if len(screens) > 1 else None
        seen: set[tuple[str, str]] = set()
        for where, node in (("screen", below), ("app", self.app)):
            if node is None:
                continue
            for binding in node.BINDINGS:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                key = self.app.get_key_display(binding)
                if (key, binding.description) in seen:
                    continue
                seen.add((key, binding.description))
                table.add_row(key, binding.description, where)
