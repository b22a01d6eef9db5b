"""The key bar at the bottom of every screen: Textual's ``Footer``, rebuilt only when its keys change.

Textual's ``Footer`` recomposes, one ``FooterKey`` widget per key, every time a screen publishes that
its bindings may have changed: on each focus change, each ``refresh_bindings()`` and each reactive
declared with ``bindings=True``, several times a frame while a screen loads. Nearly always the keys
shown are the same. ``KeyBar`` compares what it would show (each key, its label, whether it is enabled,
its tooltip and group) with what it shows, and rebuilds only when they differ: the same keys on screen,
without restyling a dozen widgets on every cursor move.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[object, ...]:
    """What a key bar on ``screen`` shows now: every binding it would draw, in order, with its state."""
    return tuple(
        (
            binding.key,
            binding.action,
            binding.description,
            binding.key_display,
            binding.group,
            enabled,
            tooltip,
            binding.tooltip,
        )
        for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )


class KeyBar(Footer):
    """A ``Footer`` that recomposes only when the keys it shows differ from the last ones it composed."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._composed_for: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            keys = shown_keys(screen)
            if keys == self._composed_for:
                return
            self._composed_for = keys
            self.call_after_refresh(self.recompose)
