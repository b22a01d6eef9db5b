"""A switch that makes the sandbox throttle: the next N calls of an operation are answered as Cognito
answers a caller over its rate limit — HTTP 400, ``__type`` ``TooManyRequestsException``,
"Rate exceeded" — so retries, the status line's retry notices and a listing that stops on throttling
can be seen and tested without a real account's quotas.

``SandboxServer.throttle.next_calls("ListUsers", 2, after=3)`` lets three ListUsers calls through,
then refuses two. The switch is read on every request and empties itself; ``clear()`` switches it off.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cogtui.sandbox.awsjson import StartResponse, WSGIApp, amz_target, aws_error, read_body

THROTTLED_CODE = "TooManyRequestsException"
THROTTLED_MESSAGE = "Rate exceeded"


@dataclass
class _Plan:
    after: int
    times: int


class Throttle:
    """Which operations to refuse next, and how many times (thread-safe: the server is threaded)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[str, _Plan] = {}
        self.refused: dict[str, int] = {}

    def next_calls(self, operation: str, times: int, *, after: int = 0) -> None:
        """Refuse ``times`` calls of ``operation`` once ``after`` more calls of it have been let through."""
        with self._lock:
            self._plans[operation] = _Plan(max(0, after), max(0, times))

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()
            self.refused.clear()

    def take(self, operation: str) -> bool:
        """True when this call of ``operation`` is to be refused (and counts it)."""
        with self._lock:
            plan = self._plans.get(operation)
            if plan is None:
                return False
            if plan.after > 0:
                plan.after -= 1
                return False
            plan.times -= 1
            if plan.times <= 0:
                del self._plans[operation]
            self.refused[operation] = self.refused.get(operation, 0) + 1
            return True


class ThrottleMiddleware:
    """Answers a call the switch names with Cognito's throttling error; hands every other one on."""

    def __init__(self, app: WSGIApp, throttle: Throttle) -> None:
        self.app = app
        self.throttle = throttle

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        _, operation = amz_target(environ)
        if operation and self.throttle.take(operation):
            read_body(environ)  # the request is read whole, so the kept-alive connection stays in step
            return aws_error(start_response, THROTTLED_CODE, THROTTLED_MESSAGE)
        return self.app(environ, start_response)
