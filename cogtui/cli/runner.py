"""How a command runs its coroutine: on the gateway it was given (tests), or on a runtime opened for the
command from its ``Settings`` and closed after it, whatever happens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cogtui.settings import Settings

T = TypeVar("T")


def run_on_gateway(
    settings: Settings | None, gateway: Any, drive: Callable[[Any], Coroutine[Any, Any, T]]
) -> T:
    """``drive(gateway)`` run to completion; without a gateway, a runtime is opened from ``settings``."""
    runtime = None
    if gateway is None:
        from cogtui.runtime import Runtime

        assert settings is not None, "a command without a gateway needs its settings"
        runtime = Runtime(settings)
        gateway = runtime.gateway
    try:
        return asyncio.run(drive(gateway))
    finally:
        if runtime is not None:
            runtime.close()
