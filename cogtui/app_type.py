"""The app's own type for its screens and widgets: to the type checker, ``self.app`` is the ``CogtuiApp``.

Textual types ``self.app`` as a plain ``App``; a screen or widget that reads the app's gateway, settings or
state inherits ``HasCogtuiApp`` first (``class PoolsScreen(HasCogtuiApp, Screen[None])``), as Textual's own
``getters.app`` suggests. Nothing changes at run time: the mixin is a bare ``object`` there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import getters
    from textual.message_pump import MessagePump

    from cogtui.app import CogtuiApp

    _Node = MessagePump
else:
    _Node = object


class HasCogtuiApp(_Node):
    """Mixin: ``self.app`` is the ``CogtuiApp`` (its gateway, settings, runtime, state and navigation)."""

    if TYPE_CHECKING:
        app = getters.app(CogtuiApp)


def cogtui_app(app: object) -> CogtuiApp:
    """``app`` as the ``CogtuiApp`` it is, for code outside the DOM (palette providers); checked, not cast."""
    from cogtui.app import CogtuiApp

    if not isinstance(app, CogtuiApp):
        raise TypeError(f"expected the cogtui app, got {type(app).__name__}")
    return app
