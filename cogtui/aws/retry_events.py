"""botocore's retries, told as they happen: "Throttled by Cognito (ListUsers): retry 2 of 5 in 0.8 s".

botocore's standard retry mode decides on the ``needs-retry`` event whether a failed attempt is tried
again and how long to wait first; that decision happens on the worker thread, inside one call, and is
otherwise invisible until the call ends. ``watch_retries`` puts botocore's own retry handler behind a
thin wrapper on the client's event system: each time it answers "retry after *d* seconds", a
``RetryNotice`` goes to ``publish``. ``RetryEvents`` hands notices to whoever subscribed (the app, which
shows them on its status line). No Textual here: subscribers are plain callables, called on the worker
thread, and must hand the notice over to their own thread themselves. botocore is imported only by
``watch_retries``, so the gateway can hold a ``RetryEvents`` without loading it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.client import BaseClient

__all__ = ["RetryEvents", "RetryNotice", "watch_retries"]

_SERVICE_NAMES = {
    "cognito-identity-provider": "Cognito",
    "cognito-identity": "Cognito Identity",
    "sts": "STS",
}


@dataclass(frozen=True)
class RetryNotice:
    """One retry botocore is about to make: after ``delay_s``, attempt ``attempt`` of ``max_attempts``."""

    service: str  # botocore's hyphenated service id, e.g. "cognito-identity-provider"
    operation: str
    attempt: int  # the attempt about to be made (2 for the first retry)
    max_attempts: int
    delay_s: float
    throttled: bool
    reason: str  # the error code, "HTTP 503", or the exception that ended the previous attempt

    @property
    def service_name(self) -> str:
        return _SERVICE_NAMES.get(self.service, self.service)

    @property
    def text(self) -> str:
        """One line for a status line."""
        if self.throttled:
            what = f"Throttled by {self.service_name}"
        else:
            what = f"{self.reason} from {self.service_name}"
        return (
            f"{what} ({self.operation}): retry {self.attempt} of {self.max_attempts} in {self.delay_s:.1f} s"
        )


Listener = Callable[[RetryNotice], None]


class RetryEvents:
    """Subscribers to retry notices; ``publish`` may be called from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every notice from now on; the returned function unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, notice: RetryNotice) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(notice)


def _reason(response: Any, caught_exception: BaseException | None) -> str:
    if response:
        http, parsed = response
        error = parsed.get("Error") if isinstance(parsed, dict) else None
        code = error.get("Code") if isinstance(error, dict) else None
        return str(code) if code else f"HTTP {http.status_code}"
    return type(caught_exception).__name__ if caught_exception is not None else "No answer"


def watch_retries(client: BaseClient, max_attempts: int, publish: Listener) -> None:
    """Report each retry of ``client`` (built with ``retries={"mode": "standard"}``) to ``publish``.

    botocore's standard handler cannot be read back from the event system, so the one registered for
    the client is replaced by an identical one (``standard.register_retry_handler``, the function
    botocore itself calls) behind a wrapper that sees its answer: the delay, or None for no retry.
    """
    from botocore.retries import standard

    events = client.meta.events
    service = client.meta.service_model.service_id.hyphenize()
    event, unique_id = f"needs-retry.{service}", f"retry-config-{service}"
    events.unregister(event, unique_id=unique_id)
    handler = standard.register_retry_handler(client, max_attempts=max_attempts)
    events.unregister(event, unique_id=unique_id)
    throttling = standard.ThrottlingErrorDetector(standard.RetryEventAdapter())

    def needs_retry(**kwargs: Any) -> Any:
        delay = handler.needs_retry(**kwargs)
        if delay is not None and delay is not False:  # None: no retry; False: no retry, already waited
            publish(
                RetryNotice(
                    service=service,
                    operation=kwargs["operation"].name,
                    attempt=int(kwargs["attempts"]) + 1,
                    max_attempts=max_attempts,
                    delay_s=float(delay),
                    throttled=throttling.is_throttling_error(**kwargs),
                    reason=_reason(kwargs.get("response"), kwargs.get("caught_exception")),
                )
            )
        return delay

    events.register(event, needs_retry, unique_id=unique_id)
