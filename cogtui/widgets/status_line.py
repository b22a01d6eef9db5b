"""A one-line status under a table: busy, done, or an error with its hint (glyph + colour).

The text is never read as markup: messages echo ids, filters and server answers, and a ``[`` in them
must show as typed, not style the line or raise a MarkupError. An error's words are escaped
(``safe_text``): a newline or an escape sequence in a server's message cannot draw lines of its own.

While the line says something is loading, it also tells botocore's retries as they are decided
("Throttled by Cognito (ListUsers): retry 2 of 3 in 0.8 s"), on every screen: the line follows the retry
notices of the app's gateway (the current one: after a switch of connection, the new one's) as soon as
it is busy, every operation unless ``follow_retries`` names some. The notices arrive on worker threads
and are posted to the widget as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.widgets import Static

from cogtui.aws.errors import CogtuiError
from cogtui.aws.retry_events import RetryEvents, RetryNotice
from cogtui.text_safety import safe_text


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: auto; min-height: 1; padding: 0 1; color: $text-muted; }
    StatusLine.-error { color: $error; }
    StatusLine.-ok { color: $success; }
    StatusLine.-retrying { color: $warning; }
    """

    class Retrying(Message):
        """A retry notice, handed from the worker thread that heard it to the widget's own."""

        def __init__(self, notice: RetryNotice) -> None:
            super().__init__()
            self.notice = notice

    def __init__(self, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, markup=markup, **kwargs)
        self._unsubscribe: Callable[[], None] | None = None
        self._operations: frozenset[str] = frozenset()
        self._events: RetryEvents | None = None

    def follow_retries(self, events: RetryEvents, *operations: str) -> None:
        """Show the retries of ``operations`` (all when none is named) while the line is busy."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._operations = frozenset(operations)
        self._events = events
        self._unsubscribe = events.subscribe(self._heard)

    def _follow_the_apps_retries(self) -> None:
        """Follow the retry notices of the app's current gateway (when it has them), keeping the
        operations named before."""
        if not self.is_attached:
            return
        events = getattr(getattr(self.app, "gateway", None), "retries", None)
        if isinstance(events, RetryEvents) and events is not self._events:
            self.follow_retries(events, *self._operations)

    def _heard(self, notice: RetryNotice) -> None:  # on a worker thread
        if not self._operations or notice.operation in self._operations:
            self.post_message(self.Retrying(notice))

    def on_status_line_retrying(self, message: Retrying) -> None:
        message.stop()
        if self.has_class("-busy"):  # a late notice never hides the outcome of the call
            self.retrying(message.notice.text)

    def on_mount(self) -> None:
        self._follow_the_apps_retries()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._events = None

    def _set_state(self, classes: str) -> None:
        """Set the state's classes, only when they change: setting them restyles the line, and a listing
        says how many users it loaded several times a second."""
        if set(classes.split()) != set(self.classes):
            self.set_classes(classes)

    def retrying(self, text: str) -> None:
        self._set_state("-busy -retrying")
        self.update(f"⋯ {safe_text(text)}")

    def busy(self, text: str) -> None:
        self._follow_the_apps_retries()
        self._set_state("-busy")
        self.update(f"⋯ {text}")

    def ok(self, text: str) -> None:
        self._set_state("-ok")
        self.update(f"✔ {text}")

    def info(self, text: str) -> None:
        self._set_state("")
        self.update(text)

    def error(self, err: CogtuiError | str) -> None:
        self._set_state("-error")
        if isinstance(err, CogtuiError):
            hint = f"  {safe_text(err.hint)}" if err.hint else ""
            text = f"✘ {safe_text(err.message)}{hint}  (r: retry)"
        else:
            text = f"✘ {safe_text(err)}"
        self.update(text)
