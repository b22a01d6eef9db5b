"""The sandbox logins: seeded pools, clients and users with their passwords, so a newcomer can sign in at once."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class SandboxInfoScreen(ModalScreen[None]):
    """Shows what the local sandbox was seeded with (demo passwords are public by design)."""

    DEFAULT_CSS = """
    SandboxInfoScreen { align: center middle; }
    SandboxInfoScreen > VerticalScroll { width: 100; max-width: 98%; height: 85%; border: thick $warning; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="sandbox.close")]

    def __init__(self, info: Any) -> None:
        super().__init__()
        self.info = info

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("◆ Local sandbox", classes="screen-title")
            if self.info is None:
                yield Static("The sandbox is still starting…")
            else:
                yield Static("\n".join(self.info.describe_lines()), markup=False, id="sandbox-lines")

    def action_close(self) -> None:
        self.dismiss(None)
