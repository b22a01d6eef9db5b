"""Pilot helpers for the fault suite: waiting for a condition (tests.pilot_wait's), telling whether workers
are running, reading a status line, spotting the guard's error panel, proving keys are handled, and signing in."""

from __future__ import annotations

from typing import Any

from textual.worker import WorkerState

from cogtui.screens.dialogs.error_panel import ErrorPanel
from cogtui.screens.dialogs.help import HelpScreen
from cogtui.widgets.status_line import StatusLine
from tests.pilot_wait import wait_for
from tests.signed_in import sign_in_through as sign_in_through  # re-exported for the fault tests

SIZE = (100, 30)
ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


def busy(app: Any, *groups: str) -> bool:
    return any(w.group in groups and w.state in ACTIVE for w in app.workers)


def owned_busy(app: Any, node: Any) -> bool:
    return any(w.node is node and w.state in ACTIVE for w in app.workers)


def status_text(screen: Any) -> str:
    return str(screen.query_one(StatusLine).render())


def status_failed(screen: Any) -> bool:
    return "-error" in screen.query_one(StatusLine).classes


def unexpected_errors(app: Any) -> list[str]:
    """Error panels the app-level guard opened (an exception nobody expected reached it)."""
    return [f"{s.title_text}: {s.message}" for s in app.screen_stack if isinstance(s, ErrorPanel)]


async def poke(pilot: Any) -> None:
    """Prove the UI thread handles keys: ? opens the help over the screen, Esc closes it."""
    app = pilot.app
    under = app.screen
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is under, "the screen under the help")
