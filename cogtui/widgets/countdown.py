"""How a countdown label changes: its words, and exactly one of the state classes -ok, -soon, -expired, -none.

The screen's one timer calls each widget's ``tick(now)``; the widget reads a ``cogtui.clock.Countdown``,
words it, and hands the words and the state's class here, so every countdown on screen is restyled the
same way (the widget's CSS colours the states).
"""

from __future__ import annotations

from textual.widgets import Static

from cogtui.clock import COUNTDOWN_GLYPHS

__all__ = ["STATE_CLASSES", "show_countdown"]

STATE_CLASSES = tuple(f"-{state}" for state in COUNTDOWN_GLYPHS)


def show_countdown(label: Static, text: str, state_class: str) -> None:
    """Write ``text`` into ``label`` and give it ``state_class`` (one of ``STATE_CLASSES``) alone."""
    label.remove_class(*(name for name in STATE_CLASSES if name != state_class))
    label.add_class(state_class)
    label.update(text)
