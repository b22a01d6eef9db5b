"""Base classes for cogtui screens: every failed worker they own reaches the app-level guard, every screen
is made with its width class (``-narrow`` / ``-wide``) already set, and every full screen's key bar starts
with ``? Help``. Modals have theirs in ``cogtui.screens.dialogs.base``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.types import NoActiveAppError
from textual.worker import Worker

from cogtui.app_type import HasCogtuiApp


class WorkerGuard(HasCogtuiApp):
    """Textual posts a worker's state changes to the node that owns it, without bubbling: forward them."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        guard = getattr(self.app, "guard_worker", None)  # a screen shown by a test's own app has none
        if guard is not None:
            guard(event)


class SizedFromTheStart:
    """A screen made with the app's breakpoint classes (``-narrow`` / ``-wide``) for the terminal's size.

    Textual sets them when the screen's first Resize arrives, after it has been composed and styled,
    and a class change restyles the whole screen: every screen opened was styled twice. Set here, the
    classes are already right when that Resize comes, and nothing changes. A terminal resized in between
    still gets Textual's own correction."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        screen = cast("Screen[Any]", self)  # a mixin of screens only
        try:
            app = screen.app
        except NoActiveAppError:  # made outside a running app (a test building a screen alone)
            return
        width, height = app.size
        if not width:
            return
        classes: dict[str, bool] = {}
        for breakpoints, dimension in (
            (_breakpoints(screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS), width),
            (_breakpoints(screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS), height),
        ):
            chosen = next((name for at, name in sorted(breakpoints, reverse=True) if dimension >= at), None)
            classes.update({name: name == chosen for _, name in breakpoints})
        screen.update_classes(classes, update=False)


def _breakpoints(
    own: list[tuple[int, str]] | None, apps: list[tuple[int, str]] | None
) -> list[tuple[int, str]]:
    """A screen's breakpoints: its own, else the app's (as Textual picks them)."""
    return (own if own is not None else apps) or []


class CogtuiScreen(SizedFromTheStart, WorkerGuard, Screen[Any]):
    """A full screen whose failed workers are explained by the app; its key bar starts with ``? Help``,
    so the way to every key stays in sight however narrow the terminal."""

    BINDINGS = [Binding("question_mark", "app.help", "Help", id="screen.help")]


# The base of a mixin that a full screen inherits (``class ClientProbe(ScreenMixin)``): to the type checker
# it is a CogtuiScreen, so the mixin sees the screen's methods and the typed app; at run time, nothing.
if TYPE_CHECKING:
    ScreenMixin = CogtuiScreen
else:
    ScreenMixin = object
