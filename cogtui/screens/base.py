"""Base classes for cogtui screens: every failed worker they own reaches the app-level guard, and every
full screen's key bar starts with ``? Help``. Modals have theirs in ``cogtui.screens.dialogs.base``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from cogtui.app_type import HasCogtuiApp


class WorkerGuard(HasCogtuiApp):
    """Textual posts a worker's state changes to the node that owns it, without bubbling: forward them."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        guard = getattr(self.app, "guard_worker", None)  # a screen shown by a test's own app has none
        if guard is not None:
            guard(event)


class CogtuiScreen(WorkerGuard, Screen[Any]):
    """A full screen whose failed workers are explained by the app; its key bar starts with ``? Help``,
    so the way to every key stays in sight however narrow the terminal."""

    BINDINGS = [Binding("question_mark", "app.help", "Help", id="screen.help")]


# The base of a mixin that a full screen inherits (``class ClientProbe(ScreenMixin)``): to the type checker
# it is a CogtuiScreen, so the mixin sees the screen's methods and the typed app; at run time, nothing.
if TYPE_CHECKING:
    ScreenMixin = CogtuiScreen
else:
    ScreenMixin = object
