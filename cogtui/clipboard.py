"""Copy text: pyperclip when the system has a clipboard backend, else the terminal's OSC 52 sequence."""

from __future__ import annotations

from collections.abc import Callable


def copy_text(text: str, osc52: Callable[[str], None] | None = None) -> str:
    """Copy ``text``; returns how it was copied ("system clipboard" or "terminal clipboard")."""
    try:
        import pyperclip

        pyperclip.copy(text)
        return "system clipboard"
    except Exception:  # pyperclip raises its own PyperclipException or OSError when no backend exists
        if osc52 is None:
            raise
        osc52(text)
        return "terminal clipboard"
