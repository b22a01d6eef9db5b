"""The header line: where cogtui is connected (or why it is not, and what it tried), with SANDBOX and
READ-ONLY badges. It follows the app when the connection is switched in place."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cogtui.app_type import HasCogtuiApp


class ConnectionBar(HasCogtuiApp, Static):
    """Shows profile/region/endpoint; the badges never rely on colour alone."""

    DEFAULT_CSS = """
    ConnectionBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, sandbox: bool, read_only: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sandbox = sandbox
        self.read_only = read_only
        self.connection_label = "connecting…"
        self.problem = ""

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._state_changed, init=True)
        for name in ("connection_problem", "connection_target"):  # the app may switch connections
            if hasattr(self.app, name):
                self.watch(self.app, name, self._app_changed, init=True)

    def _app_changed(self, _: str) -> None:
        self.problem = getattr(self.app, "connection_problem", "")
        self._state_changed(getattr(self.app, "state", None))

    def _state_changed(self, state) -> None:
        connection = getattr(state, "connection", None)
        settings = getattr(self.app, "settings", None)
        if connection is not None:
            self.connection_label = connection.label
            self.sandbox = connection.sandbox
            self.problem = ""
        else:
            target = getattr(self.app, "connection_target", "")
            self.connection_label = f"connecting to {target}…" if target else "connecting…"
            self.sandbox = getattr(settings, "sandbox", self.sandbox)
        self.refresh_label()

    def set_connection(self, label: str) -> None:
        self.connection_label = label
        self.refresh_label()

    def refresh_label(self) -> None:
        text = Text()
        text.append(" cogtui ", style="bold reverse")
        text.append(" ")
        if self.sandbox:
            text.append(" ◆ SANDBOX ", style="bold black on yellow")
            text.append(" ")
        if self.read_only:
            text.append(" ⊘ READ-ONLY ", style="bold white on dark_red")
            text.append(" ")
        if self.problem:
            colour = self.app.theme_variables.get("text-error", "red")
            text.append(f"✘ not connected: {self.problem}", style=f"bold {colour}")
            target = getattr(self.app, "connection_target", "")
            if target:
                text.append(f" — {target}")
        else:
            text.append(self.connection_label)
        self.update(text)
