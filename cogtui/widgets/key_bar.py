"""The key bar at the bottom of every screen: Textual's ``Footer``, rebuilt only when its keys change.

Textual's ``Footer`` recomposes, one ``FooterKey`` widget per key, every time a screen publishes that
its bindings may have changed: on each focus change, each ``refresh_bindings()`` and each reactive
declared with ``bindings=True``, several times a frame while a screen loads. Nearly always the keys
shown are the same. ``KeyBar`` compares what it would show (each key, its label, whether it is enabled,
its tooltip and group) with what it shows, and rebuilds only when they differ: the same keys on screen,
without restyling a dozen widgets on every cursor move.

When it does compose, each ``FooterKey`` is made already in the bar's compact state. Textual's keys start
compact and are bound to the bar's state once mounted: each key was restyled twice after its first
styling (``-compact`` added, then removed), 5% of the CPU of the test suite.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Set before mounting: Textual then neither runs the watcher for the default (which adds
                # -compact) nor sees a change when the binding to the bar's state takes over. The command
                # palette's key is not bound to the bar: it keeps the default (compact).
                compact = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
