"""The strict layer's clock: wall time plus an offset a test can move forward (session and code expiry).

TOTP codes always use the real time, as an authenticator app does; only expiries read this clock.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


class StrictClock:
    """``now()`` is ``time.time()`` plus ``offset`` seconds."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    @contextlib.contextmanager
    def advanced(self, seconds: float) -> Iterator[None]:
        """Move the clock ``seconds`` ahead for the duration of the block."""
        self.offset += seconds
        try:
            yield
        finally:
            self.offset -= seconds
