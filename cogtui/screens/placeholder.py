"""Shown for an area whose screen is not available in this build."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from cogtui.widgets.connection_bar import ConnectionBar


class PlaceholderScreen(Screen[None]):
    def __init__(self, area: str) -> None:
        super().__init__()
        self.area = area

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)  # type: ignore[attr-defined]
        yield Static(f"The {self.area} area is not available yet.", classes="screen-title")
        yield Footer()
