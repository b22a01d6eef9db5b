"""The sandbox's throttle switch for one test: off before and after it, the sandbox's latency back to 0."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cogtui.sandbox import SandboxServer
from cogtui.sandbox.throttle import Throttle


@contextmanager
def throttle_switch(server: SandboxServer) -> Iterator[Throttle]:
    server.throttle.clear()
    try:
        yield server.throttle
    finally:
        server.throttle.clear()
        server.latency_ms = 0
