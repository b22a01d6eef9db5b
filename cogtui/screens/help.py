"""The help screen: every key of the screen underneath, read from Textual's public binding map."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

INTRO = (
    "cogtui helps you understand Cognito sign-in. Esc goes back, q quits, Ctrl+P opens the command palette. "
    "Tables: arrows move, Enter opens, / filters."
)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 80%; border: thick $accent; background: $surface; padding: 1 2; }
    HelpScreen DataTable { height: auto; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close2"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys", classes="screen-title")
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

    def action_close(self) -> None:
        self.dismiss(None)
