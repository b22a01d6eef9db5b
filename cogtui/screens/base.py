"""Base classes for cogtui screens: every failed worker they own reaches the app-level guard, and every
full screen's key bar starts with ``? Help``."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker


class WorkerGuard:
    """Textual posts a worker's state changes to the node that owns it, without bubbling: forward them."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        guard = getattr(self.app, "guard_worker", None)  # type: ignore[attr-defined]
        if guard is not None:
            guard(event)


class CogtuiScreen(WorkerGuard, Screen[Any]):
    """A full screen whose failed workers are explained by the app; its key bar starts with ``? Help``,
    so the way to every key stays in sight however narrow the terminal."""

    BINDINGS = [Binding("question_mark", "app.help", "Help", id="screen.help")]


class CogtuiModal(WorkerGuard, ModalScreen[Any]):
    """A modal whose failed workers are explained by the app."""
